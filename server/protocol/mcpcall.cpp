#include "protocol/mcpcall.h"

#include "protocol/jsonrpc.h"
#include "protocol/mcpsession.h"
#include "protocol/replychannel.h"
#include "protocol/toolresult.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCall, "finagent.protocol.call")

McpCall::McpCall(QString method, QJsonObject params, QJsonValue id, CallOrigin origin,
    std::shared_ptr<ReplyChannel> channel, McpSession* session, QObject* parent)
    : QObject(parent)
    , m_method(std::move(method))
    , m_params(std::move(params))
    , m_id(std::move(id))
    , m_origin(std::move(origin))
    , m_channel(std::move(channel))
    , m_session(session)
{
    m_timer.start();
}

McpCall::~McpCall()
{
    // A handler that forgot to answer must not leave the client hanging, and the call still ends
    // with a finished() so audit records and in-flight bookkeeping see it.
    if (m_outcome == Outcome::Pending) {
        qCWarning(lcCall) << "request" << m_method << "ended without an answer";
        m_errorCode = QString::number(JsonRpc::InternalError);
        finish(Outcome::ProtocolError);
        if (m_channel) {
            m_channel->sendResponse(JsonRpc::makeError(m_id, JsonRpc::InternalError,
                QStringLiteral("Internal error: the request ended without an answer")));
        }
        Q_EMIT finished();
    }
}

McpSession* McpCall::session() const
{
    return m_session.data();
}

QJsonValue McpCall::progressToken() const
{
    return m_params.value(QStringLiteral("_meta")).toObject().value(QStringLiteral("progressToken"));
}

bool McpCall::sendProgress(double progress, std::optional<double> total, const QString& message)
{
    const QJsonValue token = progressToken();
    if (isFinished() || !m_channel || !(token.isString() || token.isDouble()))
        return false;
    if (m_hasProgress && progress <= m_lastProgress)
        return false;
    m_hasProgress = true;
    m_lastProgress = progress;
    QJsonObject params {{QStringLiteral("progressToken"), token}, {QStringLiteral("progress"), progress}};
    if (total)
        params.insert(QStringLiteral("total"), *total);
    if (!message.isEmpty())
        params.insert(QStringLiteral("message"), message);
    m_channel->sendRelated(JsonRpc::makeNotification(QStringLiteral("notifications/progress"), params));
    return true;
}

void McpCall::sendLog(LogLevel level, const QString& logger, const QJsonValue& data)
{
    if (isFinished() || !m_channel)
        return;
    const LogLevel threshold = m_session ? m_session->logLevel() : LogLevel::Info;
    if (level < threshold)
        return;
    QJsonObject params {{QStringLiteral("level"), LogLevels::name(level)}, {QStringLiteral("data"), data}};
    if (!logger.isEmpty())
        params.insert(QStringLiteral("logger"), logger);
    m_channel->sendRelated(JsonRpc::makeNotification(QStringLiteral("notifications/message"), params));
}

void McpCall::sendRequest(const QString& method, const QJsonObject& params,
    std::function<void(Result<QJsonObject>)> done, const QString& requiredCapability)
{
    if (!m_session || !m_channel) {
        done(Error(QStringLiteral("client_unreachable"),
            QStringLiteral("This request did not come from an MCP client that can answer %1").arg(method)));
        return;
    }
    if (!requiredCapability.isEmpty() && !m_session->clientHasCapability(requiredCapability)) {
        done(Error(QStringLiteral("missing_client_capability"),
            QStringLiteral("The client did not declare the \"%1\" capability needed for %2")
                .arg(requiredCapability, method)));
        return;
    }
    QPointer<McpCall> self(this);
    const QJsonValue id = m_session->registerOutboundRequest([self, done](Result<QJsonObject> r) {
        if (self && !self->isFinished())
            done(std::move(r));
    });
    m_outboundIds.append(id);
    m_channel->sendRelated(JsonRpc::makeRequest(id, method, params));
}

void McpCall::reply(const QJsonObject& result)
{
    if (isFinished())
        return;
    const QJsonObject filtered = m_filter ? m_filter(result) : result;
    const bool madeError = filtered.value(QStringLiteral("isError")).toBool()
        && !result.value(QStringLiteral("isError")).toBool();
    if (madeError && m_errorCode.isEmpty())
        m_errorCode = QStringLiteral("internal_error"); // the filter refused the result (output validation)
    if (m_invalidInput) {
        m_errorCode = QStringLiteral("invalid_arguments");
        finish(Outcome::InvalidInput);
    } else if (filtered.value(QStringLiteral("isError")).toBool()) {
        finish(Outcome::ToolError);
    } else {
        finish(Outcome::Ok);
    }
    if (m_channel)
        m_channel->sendResponse(JsonRpc::makeResult(m_id, filtered));
    Q_EMIT finished();
}

void McpCall::replyTool(const ToolResult& result)
{
    if (result.isError())
        m_errorCode = result.errorCode();
    reply(result.toJson());
}

void McpCall::replyError(int code, const QString& message, const QJsonValue& data)
{
    if (isFinished())
        return;
    m_errorCode = QString::number(code);
    finish(Outcome::ProtocolError);
    if (m_channel)
        m_channel->sendResponse(JsonRpc::makeError(m_id, code, message, data));
    Q_EMIT finished();
}

void McpCall::cancel(const QString& reason)
{
    if (isFinished())
        return;
    qCDebug(lcCall) << "cancelled" << m_method << reason;
    finish(Outcome::Cancelled);
    Q_EMIT cancelled();
    if (m_channel)
        m_channel->abandon();
    Q_EMIT finished();
}

void McpCall::finish(Outcome outcome)
{
    m_outcome = outcome;
    // Questions this call still has open with the client are moot now: stop waiting for them and
    // tell the client, so it can dismiss a prompt it may be showing.
    const auto ids = std::move(m_outboundIds);
    m_outboundIds.clear();
    if (!m_session)
        return;
    for (const QJsonValue& id : ids) {
        if (m_session->forgetOutboundRequest(id)) {
            m_session->sendNotification(QStringLiteral("notifications/cancelled"),
                QJsonObject {{QStringLiteral("requestId"), id},
                    {QStringLiteral("reason"), QStringLiteral("The request that asked for this has ended")}});
        }
    }
}
