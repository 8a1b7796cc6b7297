#pragma once

#include "transport/httpexchange.h"

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class HttpEndpoint;
class McpServer;
class McpSession;

// MCP Streamable HTTP on one path (/mcp): POST carries one JSON-RPC message and is answered with
// JSON, or with an SSE stream when progress or log messages come before the response; GET opens
// the session's stream for server-initiated notifications; DELETE ends the session.
class McpHttpService : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QString path = QStringLiteral("/mcp");
        int maxSessions = 1000;
        int sessionIdleTimeoutMs = 60 * 60 * 1000; // a session unused for an hour ends
        int keepAliveMs = 15000; // SSE comment interval
        int maxQueuedNotifications = 256; // kept while no GET stream is open
    };

    McpHttpService(McpServer& server, HttpEndpoint& endpoint, Config config, QObject* parent = nullptr);
    McpHttpService(McpServer& server, HttpEndpoint& endpoint, QObject* parent = nullptr);
    ~McpHttpService() override;

    int sessionCount() const { return int(m_sessions.size()); }
    QList<McpSession*> sessions() const;

Q_SIGNALS:
    void sessionOpened(McpSession* session);
    void sessionClosed(const QString& id);

private:
    struct SessionEntry
    {
        QPointer<McpSession> session;
        std::shared_ptr<HttpExchange> stream; // the GET stream, if open
        qint64 nextEventId = 1;
        QList<QJsonObject> queued;
    };

    void onPost(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange);
    void onGet(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange);
    void onDelete(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange);
    // Finds the session named by the request's Mcp-Session-Id, or answers 400/404 and returns null.
    McpSession* sessionFor(const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange,
        const QJsonValue& id = QJsonValue::Undefined);
    bool checkProtocolVersionHeader(const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange,
        const QJsonValue& id = QJsonValue::Undefined);
    McpSession* createSession();
    void endSession(const QString& id, const QString& reason);
    void deliver(const QString& sessionId, const QJsonObject& message);
    void sweep();

    McpServer& m_server;
    HttpEndpoint& m_endpoint;
    Config m_config;
    QHash<QString, SessionEntry> m_sessions;
    QTimer m_sweepTimer;
    QTimer m_keepAliveTimer;
};
