#pragma once

#include "protocol/jsonrpc.h"
#include "transport/httpexchange.h"
#include "transport/sessionjobs.h"

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class HttpEndpoint;
class McpServer;
class McpSession;
class SessionStore;
struct SessionClaims;

// MCP Streamable HTTP on one path (/mcp): POST carries one JSON-RPC message and is answered with
// JSON, or with an SSE stream when progress or log messages come before the response; GET opens
// the session's stream for server-initiated notifications; DELETE ends the session.
//
// Alone, sessions live in this process and ids are random. With a SessionStore (replicas on one
// database) ids are signed, a session opened by another process is taken over on its first
// request here, DELETE and the idle timeout end a session for every process, and the log level
// and resource subscriptions are shared. In-flight calls and the GET stream stay with the process
// that holds them; responses then name it in X-FinAgent-Instance.
class McpHttpService : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QString path = QStringLiteral("/mcp");
        int maxSessions = 1000; // held in this process
        int sessionIdleTimeoutMs = 60 * 60 * 1000; // a session unused for an hour ends
        int keepAliveMs = 15000; // SSE comment interval
        int maxQueuedNotifications = 256; // kept while no GET stream is open
    };

    McpHttpService(McpServer& server, HttpEndpoint& endpoint, Config config, QObject* parent = nullptr);
    McpHttpService(McpServer& server, HttpEndpoint& endpoint, QObject* parent = nullptr);
    ~McpHttpService() override;

    // Shares sessions with the other processes on the store's database. Call it before requests
    // arrive; requests wait while the store starts.
    void setSessionStore(SessionStore* store);
    SessionStore* sessionStore() const;

    // Sessions held in this process.
    int sessionCount() const { return int(m_sessions.size()); }
    QList<McpSession*> sessions() const;

Q_SIGNALS:
    // A session is held here: initialized here, or taken over from another process.
    void sessionOpened(McpSession* session);
    // A session is no longer held here (ended, idle, or ended by another process).
    void sessionClosed(const QString& id);

private:
    struct SessionEntry
    {
        QPointer<McpSession> session;
        std::shared_ptr<HttpExchange> stream; // the GET stream, if open
        qint64 nextEventId = 1;
        QList<QJsonObject> queued;
        // With a store: the id's hash, and the shared state as last written or read.
        QString idHash;
        SessionSharedState synced;
        int stateVersion = 0;
    };
    using Found = std::function<void(McpSession* session)>;
    struct Waiter
    {
        std::shared_ptr<HttpExchange> exchange;
        QJsonValue requestId;
        Found found;
    };

    void onPost(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange);
    void onGet(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange);
    void onDelete(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange);
    void initializeShared(
        const JsonRpc::Message& message, bool acceptsSse, const std::shared_ptr<HttpExchange>& exchange);
    void dispatchPost(McpSession* session, const JsonRpc::Message& message, bool acceptsSse,
        const std::shared_ptr<HttpExchange>& exchange, bool isInitialize);
    void openStream(McpSession* session, const std::shared_ptr<HttpExchange>& exchange);
    // Finds the session named by the request's Mcp-Session-Id (taking it over from the store if
    // another process opened it) and hands it to `found`, now or later; or answers 400/404/503.
    void resolveSession(const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange,
        const QJsonValue& id, Found found);
    McpSession* takeOver(const QString& id, const SessionClaims& claims, const SessionRecord& record);
    bool checkProtocolVersionHeader(const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange,
        const QJsonValue& id = QJsonValue::Undefined);
    void respondError(const std::shared_ptr<HttpExchange>& exchange, int status, int code,
        const QString& message, const QJsonValue& id = QJsonValue::Undefined);
    void respondUnavailable(
        const std::shared_ptr<HttpExchange>& exchange, const QString& message, const QJsonValue& id);
    McpSession* createSession(const QString& id);
    void endSession(const QString& id, const QString& reason);
    void deliver(const QString& sessionId, const QJsonObject& message);
    void sweep();
    // Shared state: written when this process changed it, applied when another did.
    void syncState(const QString& id);
    void applyRecord(SessionEntry& entry, const SessionRecord& record);
    void onStoreChanged(const QList<SessionRecord>& records);

    McpServer& m_server;
    HttpEndpoint& m_endpoint;
    Config m_config;
    QHash<QString, SessionEntry> m_sessions;
    QHash<QString, QList<Waiter>> m_lookups; // ids being looked up in the store -> requests waiting
    QPointer<SessionStore> m_store;
    HeaderList m_baseHeaders; // on every answer of this service
    QTimer m_sweepTimer;
    QTimer m_keepAliveTimer;
};
