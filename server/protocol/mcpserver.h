#pragma once

#include "protocol/jsonrpc.h"
#include "protocol/mcpsession.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

class McpCall;
#include "protocol/mcphandler.h"
class McpSession;
class ReplyChannel;

struct ServerIdentity
{
    QString name = QStringLiteral("finagent");
    QString title = QStringLiteral("FinAgent");
    QString version;
    QString instructions;
};

// The MCP lifecycle and utility methods (initialize, ping, logging/setLevel, cancellation,
// subscriptions), over any transport. Feature methods go to the McpHandler.
class McpServer : public QObject
{
    Q_OBJECT
public:
    McpServer(ServerIdentity identity, McpHandler* handler, QObject* parent = nullptr);

    void setHandler(McpHandler* handler);
    McpHandler* handler() const { return m_handler; }
    const ServerIdentity& identity() const { return m_identity; }

    // Sessions receive resource-update and list-change notifications while attached.
    void attach(McpSession* session);
    QList<McpSession*> sessions() const;

    // Processes one message of `session`. The response to a request, and messages related to it,
    // go to `channel`; notifications and responses from the client need no channel.
    void handle(McpSession* session, const JsonRpc::Message& message, std::shared_ptr<ReplyChannel> channel);

    int activeCallCount() const;

Q_SIGNALS:
    void sessionInitialized(McpSession* session);
    void callStarted(McpCall* call);

private:
    void handleRequest(
        McpSession* session, const JsonRpc::Message& message, std::shared_ptr<ReplyChannel> channel);
    void handleNotification(McpSession* session, const JsonRpc::Message& message);
    QJsonObject initializeResult(McpSession* session, const QJsonObject& params);
    void onResourceUpdated(const QString& uri);
    void onListChanged(const QString& kind);

    ServerIdentity m_identity;
    QPointer<McpHandler> m_handler;
    QList<QPointer<McpSession>> m_sessions;
};
