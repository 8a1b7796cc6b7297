#pragma once

#include "transport/httplimits.h"
#include "transport/requestframer.h"
#include "transport/responsequeue.h"

#include <QPointer>
#include <QTcpServer>

#include <memory>
#include <unordered_map>

class QHostAddress;
class QTcpSocket;
class QTimer;

// A QTcpServer handed to QHttpServer::bind(). It sees every byte before QHttpServer does (its
// readyRead handler is connected first) and follows the request framing itself, so it enforces
// the header and body caps, the header and body deadlines, the connection cap, the idle timeout
// and the loopback-only rule however the bytes are split. A request it refuses never reaches
// QHttpServer, so an oversized body is never buffered.
//
// It also orders the responses of each connection: every request's answer goes through
// openResponse()/writeResponse()/finishResponse(), which hold a later answer back until the earlier
// ones are complete (Qt 6.4 lets a second pipelined request be answered before a slow first one).
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit GuardedTcpServer(HttpLimits limits, QObject* parent = nullptr);

    const HttpLimits& limits() const { return m_limits; }
    int connectionCount() const;
    // Bytes written to connections that the operating system has not taken yet (for a graceful
    // shutdown that lets the last answers leave).
    qint64 unsentBytes() const;

    // Whether a connection from `peer` is accepted under `limits`.
    static bool acceptsPeer(const QHostAddress& peer, const HttpLimits& limits);

    // A socket with a request being answered (a slow tool call, an SSE stream) is not idle.
    // Sockets with an open response are busy anyway; this marks one busy on top of that.
    void setBusy(QTcpSocket* socket, bool busy);

    // Reserves the next response on `socket`; -1 when the socket is not one of ours (any more).
    int openResponse(QTcpSocket* socket);
    // Bytes of that response; they leave once the responses before it are complete.
    void writeResponse(QTcpSocket* socket, int slot, const QByteArray& bytes);
    // The response is complete; with `closeConnection` the connection closes after it.
    void finishResponse(QTcpSocket* socket, int slot, bool closeConnection = false);

Q_SIGNALS:
    void rejected(int status, const QString& reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct State
    {
        explicit State(const HttpLimits& limits)
            : framer(limits.maxHeaderBytes, limits.maxBodyBytes)
        { }
        QTimer* timer = nullptr;
        RequestFramer framer;
        ResponseQueue responses;
        qint64 unconsumed = 0; // bytes QHttpServer left in the socket after its last read
        qint64 requestStartedMs = -1;
        qint64 headerDoneMs = -1;
        qint64 discarded = 0; // bytes thrown away after a refusal
        bool refusing = false; // answered with an error; everything else is discarded
        bool busy = false;
        bool connected = true;
    };

    void onReadyRead(QTcpSocket* socket);
    void afterHttpServerRead(QTcpSocket* socket);
    void refuse(QTcpSocket* socket, int status, const QByteArray& reason);
    void send(QTcpSocket* socket, const QByteArray& bytes, bool closeAfter);
    void armTimer(QTcpSocket* socket);
    void onTimer(QTcpSocket* socket);
    State* stateOf(QTcpSocket* socket);

    HttpLimits m_limits;
    std::unordered_map<QTcpSocket*, std::unique_ptr<State>> m_sockets;
};
