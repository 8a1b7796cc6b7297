#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrlQuery>

#include "security/accesspolicy.h"

#include <functional>
#include <memory>

class QHttpServerResponder;
class QTcpSocket;
class GuardedTcpServer;

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// A request copied out of QHttpServerRequest, so it can outlive it (Qt 6.4 reuses the request
// object for the next request on the socket).
struct HttpRequest
{
    QByteArray method; // upper case
    QString path;
    QUrlQuery query;
    HeaderList headers;
    QByteArray body;
    QHostAddress peer;
    Principal principal;

    QByteArray header(const QByteArray& name) const; // case-insensitive, first match
};

// The answer side of one HTTP request. Always writes our security headers (and CORS headers for
// an allowed browser origin), can answer later than the handler returns, and guards every write
// against the socket having gone away. The bytes go out through the guard's per-connection
// response order, so an answer never overtakes the answer to an earlier request on the same
// connection. QHttpServerResponder is kept only for its socket: its write API changes in later
// Qt releases, and Qt 6.4's adds nothing we need.
class HttpExchange
{
public:
    HttpExchange(QHttpServerResponder&& responder, GuardedTcpServer* guard, HeaderList commonHeaders);
    // For a request with no QHttpServer behind it (tests, other front ends).
    HttpExchange(QTcpSocket* socket, GuardedTcpServer* guard, HeaderList commonHeaders);
    ~HttpExchange();
    HttpExchange(const HttpExchange&) = delete;
    HttpExchange& operator=(const HttpExchange&) = delete;

    bool isOpen() const; // the socket is still connected
    bool isAnswered() const { return m_answered; }
    bool isStreaming() const { return m_streaming; }
    QTcpSocket* socket() const;
    int status() const { return m_status; }

    void respond(
        int status, const QByteArray& contentType, const QByteArray& body, const HeaderList& extra = {});
    void respondJson(int status, const QJsonObject& body, const HeaderList& extra = {});
    void respondEmpty(int status, const HeaderList& extra = {});
    // A JSON error body {"error": code, "message": message}.
    void respondError(int status, const QString& code, const QString& message, const HeaderList& extra = {});

    // Starts a chunked response (SSE). writeChunk() frames each piece; endStream() terminates it.
    void beginStream(int status, const QByteArray& contentType, const HeaderList& extra = {});
    void writeChunk(const QByteArray& data);
    void endStream();

    // Marks the connection as busy (a response is pending) so the idle timeout leaves it alone.
    void setBusy(bool busy);

    // A HEAD request gets the headers of its answer without the body.
    void setHeadRequest(bool head) { m_head = head; }
    // The connection closes after this answer ("Connection: close" from the client).
    void setCloseConnection(bool close) { m_close = close; }
    // Called once with the status when the answer starts (a plain response or a stream's head):
    // for request counting, whenever the handler answers.
    void setAnsweredCallback(std::function<void(int status)> callback) { m_onAnswered = std::move(callback); }

private:
    QByteArray head(int status, const HeaderList& headers) const;
    void write(const QByteArray& bytes);
    void finish();
    void answered(int status);

    std::unique_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    QPointer<GuardedTcpServer> m_guard;
    HeaderList m_common;
    int m_slot = -1;
    bool m_answered = false;
    bool m_streaming = false;
    bool m_finished = false;
    bool m_head = false;
    bool m_close = false;
    int m_status = 0;
    std::function<void(int)> m_onAnswered;
};
