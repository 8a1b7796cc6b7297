#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

// A small Streamable HTTP MCP server for client tests, on 127.0.0.1 with a port the OS picks. It
// speaks just enough HTTP/1.1 (Content-Length bodies, keep-alive, chunked answers) and MCP
// (initialize with sessions, 202 for notifications, 404 for unknown sessions); everything else is
// scripted by the test per method. Every request is recorded.
class ScriptedMcpServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method; // GET, POST, DELETE
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        QJsonObject message; // the JSON-RPC message of a POST

        QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
        QString rpcMethod() const { return message.value(QStringLiteral("method")).toString(); }
    };

    // One answer in progress; stays valid while the connection is open.
    class Responder : public QObject
    {
    public:
        Responder(QTcpSocket* socket, QObject* parent);
        void respond(int status, const QByteArray& contentType, const QByteArray& body,
            const QList<QPair<QByteArray, QByteArray>>& headers = {});
        void respondJson(
            const QJsonObject& message, const QList<QPair<QByteArray, QByteArray>>& headers = {});
        void beginStream(const QList<QPair<QByteArray, QByteArray>>& headers = {});
        void writeRaw(const QByteArray& bytes); // one chunk, as given
        void sendEvent(const QJsonObject& message, qint64 id = -1);
        void endStream();
        bool isOpen() const;
        bool isStreaming() const { return m_streaming; }

    private:
        QPointer<QTcpSocket> m_socket;
        bool m_streaming = false;
    };

    using Handler = std::function<void(const Request&, Responder*)>;

    explicit ScriptedMcpServer(QObject* parent = nullptr);
    ~ScriptedMcpServer() override;

    quint16 port() const { return m_server.serverPort(); }
    QString url() const;

    // Answers a JSON-RPC method (after the session check). Default for unscripted methods: -32601.
    void on(const QString& rpcMethod, Handler handler) { m_handlers.insert(rpcMethod, std::move(handler)); }
    // Answers GET (default: 405).
    void onGet(Handler handler) { m_getHandler = std::move(handler); }
    // Replaces the built-in initialize answer.
    void setInitializeVersion(const QString& version) { m_version = version; }
    void setRequiredToken(const QByteArray& token) { m_token = token; }
    void setUnknownSessionStatus(int status) { m_unknownSessionStatus = status; }
    // Forgets every session, as a restarted server would.
    void dropSessions() { m_sessions.clear(); }
    // Closes the listening socket and every connection.
    void stop();

    const QList<Request>& requests() const { return m_requests; }
    QList<Request> requestsFor(const QString& rpcMethod) const;
    int sessionsCreated() const { return m_nextSession - 1; }

    static QJsonObject result(const QJsonValue& id, const QJsonObject& result);

Q_SIGNALS:
    void requestReceived(const ScriptedMcpServer::Request& request);

private:
    void onConnection();
    void onData(QTcpSocket* socket);
    void dispatch(QTcpSocket* socket, Request request);

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QHash<QString, Handler> m_handlers;
    Handler m_getHandler;
    QString m_version = QStringLiteral("2025-11-25");
    QByteArray m_token;
    int m_unknownSessionStatus = 404;
    QSet<QByteArray> m_sessions;
    int m_nextSession = 1;
    QList<Request> m_requests;
};
