#pragma once

#include "transport/httplimits.h"

#include <QHash>
#include <QPointer>
#include <QTcpServer>

class QTcpSocket;
class QTimer;

// A QTcpServer handed to QHttpServer::bind(). It sees every byte before QHttpServer does (its
// readyRead handler is connected first) and enforces the header and body caps, the header and
// body deadlines, the connection cap, the idle timeout and the loopback-only rule. A request it
// refuses never reaches QHttpServer, so an oversized body is never buffered.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit GuardedTcpServer(HttpLimits limits, QObject* parent = nullptr);

    const HttpLimits& limits() const { return m_limits; }
    int connectionCount() const { return int(m_sockets.size()); }

    // A socket with a request being answered (a slow tool call, an SSE stream) is not idle.
    void setBusy(QTcpSocket* socket, bool busy);

Q_SIGNALS:
    void rejected(int status, const QString& reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct State
    {
        QTimer* timer = nullptr;
        bool refusing = false;  // answered with an error; everything else is discarded
        bool busy = false;
        bool continueSent = false;
        bool headerComplete = false;
        qint64 requestStartedMs = -1; // first byte of the current request
    };

    void onReadyRead(QTcpSocket* socket);
    void refuse(QTcpSocket* socket, int status, const QByteArray& reason);
    void armIdle(QTcpSocket* socket);
    void onTimer(QTcpSocket* socket);

    HttpLimits m_limits;
    QHash<QTcpSocket*, State> m_sockets;
};
