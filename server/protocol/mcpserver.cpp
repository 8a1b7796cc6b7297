#include "protocol/mcpserver.h"

#include "protocol/loglevel.h"
#include "protocol/mcpcall.h"
#include "protocol/mcphandler.h"
#include "protocol/mcpsession.h"
#include "protocol/protocolversion.h"
#include "protocol/replychannel.h"

#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcServer, "finagent.protocol")

namespace
{

bool isFeatureMethod(const QString& m)
{
    static const QSet<QString> methods {
        QStringLiteral("tools/list"),
        QStringLiteral("tools/call"),
        QStringLiteral("resources/list"),
        QStringLiteral("resources/templates/list"),
        QStringLiteral("resources/read"),
        QStringLiteral("resources/subscribe"),
        QStringLiteral("resources/unsubscribe"),
        QStringLiteral("prompts/list"),
        QStringLiteral("prompts/get"),
        QStringLiteral("completion/complete"),
    };
    return methods.contains(m);
}

void respondError(
    const std::shared_ptr<ReplyChannel>& channel, const QJsonValue& id, int code, const QString& message)
{
    if (channel)
        channel->sendResponse(JsonRpc::makeError(id, code, message));
}

} // namespace

McpServer::McpServer(ServerIdentity identity, McpHandler* handler, QObject* parent)
    : QObject(parent)
    , m_identity(std::move(identity))
{
    setHandler(handler);
}

void McpServer::setHandler(McpHandler* handler)
{
    if (m_handler)
        disconnect(m_handler, nullptr, this, nullptr);
    m_handler = handler;
    if (!handler)
        return;
    connect(handler, &McpHandler::resourceUpdated, this, &McpServer::onResourceUpdated);
    connect(handler, &McpHandler::listChanged, this, &McpServer::onListChanged);
}

void McpServer::attach(McpSession* session)
{
    m_sessions.removeAll(nullptr);
    if (!m_sessions.contains(session))
        m_sessions.append(session);
}

QList<McpSession*> McpServer::sessions() const
{
    QList<McpSession*> out;
    for (const auto& s : m_sessions) {
        if (s && !s->isClosed())
            out.append(s.data());
    }
    return out;
}

int McpServer::activeCallCount() const
{
    int n = 0;
    for (const auto& s : m_sessions) {
        if (s)
            n += int(s->activeCalls().size());
    }
    return n;
}

void McpServer::handle(
    McpSession* session, const JsonRpc::Message& message, std::shared_ptr<ReplyChannel> channel)
{
    session->touch();
    switch (message.kind) {
    case JsonRpc::Message::Kind::Request:
        handleRequest(session, message, std::move(channel));
        break;
    case JsonRpc::Message::Kind::Notification:
        handleNotification(session, message);
        break;
    case JsonRpc::Message::Kind::Response:
    case JsonRpc::Message::Kind::ErrorResponse:
        if (!session->resolveOutboundResponse(message))
            qCDebug(lcServer) << "response for an unknown request id" << message.id;
        break;
    }
}

void McpServer::handleRequest(
    McpSession* session, const JsonRpc::Message& message, std::shared_ptr<ReplyChannel> channel)
{
    const QString& method = message.method;
    if (method == QLatin1String("initialize")) {
        if (session->isInitialized()) {
            respondError(channel, message.id, JsonRpc::InvalidRequest,
                QStringLiteral(
                    "This session is already initialized; start a new session to initialize again"));
            return;
        }
        if (!message.params.value(QStringLiteral("protocolVersion")).isString()) {
            respondError(channel, message.id, JsonRpc::InvalidParams,
                QStringLiteral("initialize needs params.protocolVersion (a string such as \"%1\")")
                    .arg(ProtocolVersion::latest()));
            return;
        }
        const QJsonObject result = initializeResult(session, message.params);
        if (channel)
            channel->sendResponse(JsonRpc::makeResult(message.id, result));
        attach(session);
        Q_EMIT sessionInitialized(session);
        return;
    }
    if (method == QLatin1String("ping")) {
        if (channel)
            channel->sendResponse(JsonRpc::makeResult(message.id, QJsonObject {}));
        return;
    }
    if (!session->isInitialized()) {
        respondError(channel, message.id, JsonRpc::InvalidRequest,
            QStringLiteral("The session is not initialized: send \"initialize\" first"));
        return;
    }
    if (method == QLatin1String("logging/setLevel")) {
        const QString name = message.params.value(QStringLiteral("level")).toString();
        const auto level = LogLevels::parse(name);
        if (!level) {
            respondError(channel, message.id, JsonRpc::InvalidParams,
                QStringLiteral("logging/setLevel: \"level\" must be one of %1; got \"%2\"")
                    .arg(LogLevels::allNames(), name));
            return;
        }
        session->setLogLevel(*level);
        if (channel)
            channel->sendResponse(JsonRpc::makeResult(message.id, QJsonObject {}));
        return;
    }
    if (!isFeatureMethod(method) || !m_handler) {
        respondError(channel, message.id, JsonRpc::MethodNotFound,
            QStringLiteral("Method not found: \"%1\"").arg(method));
        return;
    }
    if (session->findCall(message.id)) {
        respondError(channel, message.id, JsonRpc::InvalidRequest,
            QStringLiteral("A request with this id is still in progress; use a new id"));
        return;
    }

    auto* call = new McpCall(
        method, message.params, message.id, session->origin(), std::move(channel), session, session);
    session->trackCall(call);
    connect(call, &McpCall::finished, call, &QObject::deleteLater);
    if (method == QLatin1String("resources/subscribe") || method == QLatin1String("resources/unsubscribe")) {
        const QString uri = message.params.value(QStringLiteral("uri")).toString();
        const bool subscribe = method == QLatin1String("resources/subscribe");
        connect(call, &McpCall::finished, session, [session, call, uri, subscribe]() {
            if (call->outcome() != McpCall::Outcome::Ok)
                return;
            if (subscribe)
                session->subscribe(uri);
            else
                session->unsubscribe(uri);
        });
    }
    Q_EMIT callStarted(call);
    m_handler->handle(call);
}

void McpServer::handleNotification(McpSession* session, const JsonRpc::Message& message)
{
    if (message.method == QLatin1String("notifications/initialized")) {
        session->setClientReady();
    } else if (message.method == QLatin1String("notifications/cancelled")) {
        const QJsonValue requestId = message.params.value(QStringLiteral("requestId"));
        if (McpCall* call = session->findCall(requestId))
            call->cancel(message.params.value(QStringLiteral("reason")).toString());
    }
    // Other notifications (roots/list_changed, progress for our requests) need no action.
}

QJsonObject McpServer::initializeResult(McpSession* session, const QJsonObject& params)
{
    const QString requested = params.value(QStringLiteral("protocolVersion")).toString();
    const QString version = ProtocolVersion::negotiate(requested);
    session->setInitialized(version, params.value(QStringLiteral("clientInfo")).toObject(),
        params.value(QStringLiteral("capabilities")).toObject());

    QJsonObject capabilities = m_handler ? m_handler->capabilities() : QJsonObject {};
    capabilities.insert(QStringLiteral("logging"), QJsonObject {});

    QJsonObject serverInfo {
        {QStringLiteral("name"), m_identity.name}, {QStringLiteral("version"), m_identity.version}};
    if (version >= ProtocolVersion::v2025_06_18)
        serverInfo.insert(QStringLiteral("title"), m_identity.title);

    QJsonObject result {{QStringLiteral("protocolVersion"), version},
        {QStringLiteral("capabilities"), capabilities}, {QStringLiteral("serverInfo"), serverInfo}};
    QString instructions = m_handler ? m_handler->instructions() : QString();
    if (instructions.isEmpty())
        instructions = m_identity.instructions;
    if (!instructions.isEmpty())
        result.insert(QStringLiteral("instructions"), instructions);
    qCInfo(lcServer).noquote() << "session" << session->id() << "initialized by"
                               << session->origin().clientName << "protocol" << version;
    return result;
}

void McpServer::onResourceUpdated(const QString& uri)
{
    for (McpSession* s : sessions()) {
        if (s->subscriptions().contains(uri))
            s->sendNotification(QStringLiteral("notifications/resources/updated"),
                QJsonObject {{QStringLiteral("uri"), uri}});
    }
}

void McpServer::onListChanged(const QString& kind)
{
    const QString method = QStringLiteral("notifications/%1/list_changed").arg(kind);
    for (McpSession* s : sessions()) {
        if (s->isInitialized())
            s->sendNotification(method);
    }
}
