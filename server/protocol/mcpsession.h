#pragma once

#include "core/result.h"
#include "protocol/loglevel.h"
#include "protocol/mcpcall.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

namespace JsonRpc
{
struct Message;
}

// The state of one MCP connection (a stdio process or an HTTP session): negotiated revision,
// client identity and capabilities, log level, resource subscriptions, in-flight requests (for
// cancellation) and requests we sent to the client (sampling, elicitation).
class McpSession : public QObject
{
    Q_OBJECT
public:
    McpSession(QString id, QString transport, QObject* parent = nullptr);
    ~McpSession() override;

    const QString& id() const { return m_id; }
    const QString& transport() const { return m_transport; }

    bool isInitialized() const { return m_initialized; }
    void setInitialized(
        const QString& protocolVersion, const QJsonObject& clientInfo, const QJsonObject& capabilities);
    bool clientReady() const { return m_clientReady; }
    void setClientReady() { m_clientReady = true; }
    const QString& protocolVersion() const { return m_protocolVersion; }
    const QJsonObject& clientInfo() const { return m_clientInfo; }
    const QJsonObject& clientCapabilities() const { return m_capabilities; }
    bool clientHasCapability(const QString& name) const { return m_capabilities.contains(name); }
    CallOrigin origin() const;

    LogLevel logLevel() const { return m_logLevel; }
    void setLogLevel(LogLevel level) { m_logLevel = level; }

    const QSet<QString>& subscriptions() const { return m_subscriptions; }
    void subscribe(const QString& uri) { m_subscriptions.insert(uri); }
    void unsubscribe(const QString& uri) { m_subscriptions.remove(uri); }

    void trackCall(McpCall* call);
    McpCall* findCall(const QJsonValue& requestId) const;
    QList<McpCall*> activeCalls() const;

    // Server->client requests: reserve an id and remember who waits for the answer.
    QJsonValue registerOutboundRequest(std::function<void(Result<QJsonObject>)> done);
    // Delivers a response from the client; false if no request with that id is pending.
    bool resolveOutboundResponse(const JsonRpc::Message& response);
    // Stops waiting for an answer (the call that asked ended); false if it was not pending.
    bool forgetOutboundRequest(const QJsonValue& id);
    int pendingOutboundCount() const { return int(m_outbound.size()); }

    // A server-initiated message not tied to a request (resource updates, list changes).
    void sendNotification(const QString& method, const QJsonObject& params = {});

    void touch() { m_lastActivity.restart(); }
    qint64 idleMs() const { return m_lastActivity.elapsed(); }
    qint64 ageMs() const { return m_created.elapsed(); }

    // Ends the session: cancels in-flight calls, fails pending outbound requests, emits closed().
    void close(const QString& reason);
    bool isClosed() const { return m_closed; }

Q_SIGNALS:
    void outbound(const QJsonObject& message);
    void closed();

private:
    QString m_id;
    QString m_transport;
    bool m_initialized = false;
    bool m_clientReady = false;
    bool m_closed = false;
    QString m_protocolVersion;
    QJsonObject m_clientInfo;
    QJsonObject m_capabilities;
    LogLevel m_logLevel = LogLevel::Info;
    QSet<QString> m_subscriptions;
    QHash<QString, QPointer<McpCall>> m_calls;
    QHash<QString, std::function<void(Result<QJsonObject>)>> m_outbound;
    int m_nextOutboundId = 1;
    QElapsedTimer m_lastActivity;
    QElapsedTimer m_created;
};
