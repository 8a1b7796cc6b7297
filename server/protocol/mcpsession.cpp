#include "protocol/mcpsession.h"

#include "protocol/jsonrpc.h"

McpSession::McpSession(QString id, QString transport, QObject* parent)
    : QObject(parent)
    , m_id(std::move(id))
    , m_transport(std::move(transport))
{
    m_lastActivity.start();
    m_created.start();
}

McpSession::~McpSession()
{
    if (!m_closed)
        close(QStringLiteral("session destroyed"));
}

void McpSession::setInitialized(
    const QString& protocolVersion, const QJsonObject& clientInfo, const QJsonObject& capabilities)
{
    m_initialized = true;
    m_protocolVersion = protocolVersion;
    m_clientInfo = clientInfo;
    m_capabilities = capabilities;
}

CallOrigin McpSession::origin() const
{
    CallOrigin o;
    o.clientName = m_clientInfo.value(QStringLiteral("name")).toString();
    o.clientVersion = m_clientInfo.value(QStringLiteral("version")).toString();
    o.sessionId = m_id;
    o.transport = m_transport;
    o.protocolVersion = m_protocolVersion;
    o.clientCapabilities = m_capabilities;
    return o;
}

void McpSession::trackCall(McpCall* call)
{
    const QString key = JsonRpc::idKey(call->id());
    m_calls.insert(key, call);
    connect(call, &McpCall::finished, this, [this, key, ptr = QPointer<McpCall>(call)]() {
        auto it = m_calls.find(key);
        if (it != m_calls.end() && it.value() == ptr)
            m_calls.erase(it);
    });
}

McpCall* McpSession::findCall(const QJsonValue& requestId) const
{
    return m_calls.value(JsonRpc::idKey(requestId)).data();
}

QList<McpCall*> McpSession::activeCalls() const
{
    QList<McpCall*> out;
    for (const auto& p : m_calls) {
        if (p)
            out.append(p.data());
    }
    return out;
}

QJsonValue McpSession::registerOutboundRequest(std::function<void(Result<QJsonObject>)> done)
{
    // A prefix keeps our ids apart from anything the client might reuse.
    const QJsonValue id = QStringLiteral("srv-%1").arg(m_nextOutboundId++);
    m_outbound.insert(JsonRpc::idKey(id), std::move(done));
    return id;
}

bool McpSession::resolveOutboundResponse(const JsonRpc::Message& response)
{
    auto it = m_outbound.find(JsonRpc::idKey(response.id));
    if (it == m_outbound.end())
        return false;
    auto done = std::move(it.value());
    m_outbound.erase(it);
    if (response.kind == JsonRpc::Message::Kind::ErrorResponse) {
        done(Error(QStringLiteral("client_error"), response.error.value(QStringLiteral("message")).toString(),
            response.error));
    } else {
        done(response.result.toObject());
    }
    return true;
}

bool McpSession::forgetOutboundRequest(const QJsonValue& id)
{
    return m_outbound.remove(JsonRpc::idKey(id)) > 0;
}

void McpSession::sendNotification(const QString& method, const QJsonObject& params)
{
    if (m_closed)
        return;
    Q_EMIT outbound(JsonRpc::makeNotification(method, params));
}

void McpSession::close(const QString& reason)
{
    if (m_closed)
        return;
    m_closed = true;
    // Requests waiting on the client fail first, so the calls that sent them hear why; calls still
    // running after that are cancelled.
    auto pending = std::move(m_outbound);
    m_outbound.clear();
    for (auto& done : pending)
        done(Error(QStringLiteral("session_closed"), QStringLiteral("The session ended: %1").arg(reason)));
    const QList<QPointer<McpCall>> calls(m_calls.cbegin(), m_calls.cend());
    for (const QPointer<McpCall>& call : calls) {
        if (call) // a cancelled call's handlers may end others
            call->cancel(reason);
    }
    Q_EMIT closed();
}
