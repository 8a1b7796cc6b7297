#include "inprocessclient.h"

#include "protocol/jsonrpc.h"
#include "protocol/mcpserver.h"
#include "protocol/mcpsession.h"
#include "protocol/protocolversion.h"
#include "protocol/replychannel.h"

#include <QJsonArray>
#include <QTest>

InProcessClient::InProcessClient(McpServer& server, const QString& clientName, QObject* parent)
    : QObject(parent)
    , m_server(server)
    , m_clientName(clientName)
{
    m_session = new McpSession(QStringLiteral("in-process"), QStringLiteral("test"), this);
    connect(m_session, &McpSession::outbound, this, &InProcessClient::onServerMessage);
}

InProcessClient::~InProcessClient() = default;

McpSession* InProcessClient::session() const
{
    return m_session;
}

void InProcessClient::onServerMessage(const QJsonObject& message)
{
    const JsonRpc::Parsed parsed = JsonRpc::fromJson(message);
    if (parsed.ok && parsed.message.isResponse()) {
        const int id = parsed.message.id.toInt();
        m_responses.insert(id, message);
    } else {
        m_received.append(message);
        if (parsed.ok && parsed.message.isRequest() && m_requestHandler) {
            const QJsonObject result = m_requestHandler(parsed.message.method, parsed.message.params);
            const JsonRpc::Parsed reply = JsonRpc::fromJson(JsonRpc::makeResult(parsed.message.id, result));
            m_server.handle(m_session, reply.message, nullptr);
        }
    }
    Q_EMIT messageReceived(message);
}

QJsonObject InProcessClient::initialize(const QString& protocolVersion, const QJsonObject& capabilities)
{
    const QJsonObject response = request(
        QStringLiteral("initialize"),
        QJsonObject{{QStringLiteral("protocolVersion"),
                     protocolVersion.isEmpty() ? ProtocolVersion::latest() : protocolVersion},
                    {QStringLiteral("capabilities"), capabilities},
                    {QStringLiteral("clientInfo"),
                     QJsonObject{{QStringLiteral("name"), m_clientName}, {QStringLiteral("version"), QStringLiteral("1.0")}}}});
    notify(QStringLiteral("notifications/initialized"));
    return response.value(QStringLiteral("result")).toObject();
}

int InProcessClient::sendRequest(const QString& method, const QJsonObject& params)
{
    const int id = m_nextId++;
    const JsonRpc::Parsed parsed = JsonRpc::fromJson(JsonRpc::makeRequest(id, method, params));
    QPointer<InProcessClient> self(this);
    auto channel = std::make_shared<CallbackReplyChannel>(
        [self](const QJsonObject& m) {
            if (self)
                self->onServerMessage(m);
        },
        [self](const QJsonObject& m) {
            if (self)
                self->onServerMessage(m);
        });
    m_server.handle(m_session, parsed.message, channel);
    return id;
}

bool InProcessClient::waitForResponse(int id, int timeoutMs)
{
    return QTest::qWaitFor([this, id]() { return m_responses.contains(id); }, timeoutMs);
}

QJsonObject InProcessClient::request(const QString& method, const QJsonObject& params, int timeoutMs)
{
    const int id = sendRequest(method, params);
    waitForResponse(id, timeoutMs);
    return m_responses.value(id);
}

QJsonObject InProcessClient::callTool(const QString& name, const QJsonObject& arguments, int timeoutMs)
{
    const QJsonObject response = request(
        QStringLiteral("tools/call"),
        QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}},
        timeoutMs);
    if (response.contains(QStringLiteral("error")))
        return QJsonObject{{QStringLiteral("rpcError"), response.value(QStringLiteral("error"))}};
    return response.value(QStringLiteral("result")).toObject();
}

void InProcessClient::notify(const QString& method, const QJsonObject& params)
{
    const JsonRpc::Parsed parsed = JsonRpc::fromJson(JsonRpc::makeNotification(method, params));
    m_server.handle(m_session, parsed.message, nullptr);
}

QList<QJsonObject> InProcessClient::receivedWithMethod(const QString& method) const
{
    QList<QJsonObject> out;
    for (const QJsonObject& m : m_received) {
        if (m.value(QStringLiteral("method")).toString() == method)
            out.append(m);
    }
    return out;
}
