#include "protocol/toolregistry.h"

#include "protocol/jsonrpc.h"
#include "protocol/pagination.h"
#include "protocol/protocolversion.h"
#include "protocol/schemavalidator.h"
#include "protocol/toolresult.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcTools, "finagent.protocol.tools")

namespace
{

QString outcomeName(McpCall::Outcome o)
{
    switch (o) {
    case McpCall::Outcome::Ok:
        return QStringLiteral("ok");
    case McpCall::Outcome::ToolError:
    case McpCall::Outcome::ProtocolError:
    case McpCall::Outcome::Pending:
        return QStringLiteral("error");
    case McpCall::Outcome::InvalidInput:
        return QStringLiteral("invalid");
    case McpCall::Outcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("error");
}

} // namespace

ToolRegistry::ToolRegistry(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<ToolCallRecord>();
}

void ToolRegistry::add(ToolDefinition definition)
{
    const QStringList inputProblems = SchemaValidator::checkSchema(definition.inputSchema);
    const QStringList outputProblems = definition.outputSchema.isEmpty()
        ? QStringList()
        : SchemaValidator::checkSchema(definition.outputSchema);
    if (!inputProblems.isEmpty() || !outputProblems.isEmpty()) {
        qCCritical(lcTools).noquote()
            << "tool" << definition.name
            << "has schema problems:" << (inputProblems + outputProblems).join(QLatin1String("; "));
    }
    const QString name = definition.name;
    if (!m_tools.contains(name))
        m_order.append(name);
    m_tools.insert(name, std::move(definition));
    Q_EMIT changed();
}

bool ToolRegistry::remove(const QString& name)
{
    if (!m_tools.remove(name))
        return false;
    m_order.removeAll(name);
    Q_EMIT changed();
    return true;
}

const ToolDefinition* ToolRegistry::find(const QString& name) const
{
    auto it = m_tools.constFind(name);
    return it == m_tools.constEnd() ? nullptr : &it.value();
}

void ToolRegistry::list(McpCall* call) const
{
    int offset = 0;
    const QJsonValue cursor = call->params().value(QStringLiteral("cursor"));
    if (!cursor.isUndefined() && !cursor.isNull()) {
        const auto decoded = cursor.isString() ? Pagination::decode(cursor.toString()) : std::nullopt;
        if (!decoded || *decoded > m_order.size()) {
            call->replyError(
                JsonRpc::InvalidParams, QStringLiteral("Invalid cursor: start again without a cursor"));
            return;
        }
        offset = *decoded;
    }
    const QString& version = call->origin().protocolVersion;
    const bool withOutput = version.isEmpty() || ProtocolVersion::hasStructuredOutput(version);
    const bool withAnnotations = version.isEmpty() || ProtocolVersion::hasToolAnnotations(version);
    QJsonArray tools;
    const int end = qMin(int(m_order.size()), offset + m_pageSize);
    for (int i = offset; i < end; ++i)
        tools.append(m_tools.value(m_order.at(i)).toJson(withOutput, withAnnotations));
    QJsonObject result {{QStringLiteral("tools"), tools}};
    if (end < m_order.size())
        result.insert(QStringLiteral("nextCursor"), Pagination::encode(end));
    call->reply(result);
}

void ToolRegistry::call(McpCall* call)
{
    const QJsonValue nameValue = call->params().value(QStringLiteral("name"));
    if (!nameValue.isString()) {
        call->replyError(
            JsonRpc::InvalidParams, QStringLiteral("tools/call needs params.name (the tool's name)"));
        return;
    }
    const QString name = nameValue.toString();
    const ToolDefinition* tool = find(name);
    if (!tool) {
        call->replyError(JsonRpc::InvalidParams,
            QStringLiteral("Unknown tool \"%1\". Available tools: %2")
                .arg(name, m_order.join(QLatin1String(", "))));
        return;
    }
    const QJsonValue argsValue = call->params().value(QStringLiteral("arguments"));
    if (!argsValue.isUndefined() && !argsValue.isNull() && !argsValue.isObject()) {
        call->replyError(
            JsonRpc::InvalidParams, QStringLiteral("tools/call: \"arguments\" must be an object"));
        return;
    }

    const qint64 startedAt = QDateTime::currentMSecsSinceEpoch();
    connect(call, &McpCall::finished, this, [this, call, name, startedAt]() {
        ToolCallRecord record;
        record.tool = name;
        record.origin = call->origin();
        record.startedAtMs = startedAt;
        record.durationMs = call->elapsedMs();
        record.outcome = outcomeName(call->outcome());
        record.errorCode = call->errorCode();
        Q_EMIT toolCallFinished(record);
    });

    const QJsonObject arguments = argsValue.toObject();
    const QList<SchemaViolation> violations = SchemaValidator::validate(arguments, tool->inputSchema);
    if (!violations.isEmpty()) {
        call->markInvalidInput();
        call->replyTool(ToolResult::failure(QStringLiteral("invalid_arguments"),
            QStringLiteral("Invalid arguments for %1: %2. Fix the arguments and call the tool again.")
                .arg(name, SchemaValidator::describe(violations))));
        return;
    }

    if (!tool->outputSchema.isEmpty()) {
        const QJsonObject schema = tool->outputSchema;
        const bool strict = m_strictOutput;
        call->setResultFilter([schema, strict, name](const QJsonObject& result) {
            if (result.value(QStringLiteral("isError")).toBool()
                || !result.contains(QStringLiteral("structuredContent")))
                return result;
            const auto problems =
                SchemaValidator::validate(result.value(QStringLiteral("structuredContent")), schema);
            if (problems.isEmpty())
                return result;
            const QString what = SchemaValidator::describe(problems);
            qCCritical(lcTools).noquote()
                << "tool" << name << "returned output that does not match its outputSchema:" << what;
            if (!strict)
                return result;
            return ToolResult::failure(QStringLiteral("internal_error"),
                QStringLiteral("Internal error: %1 produced output that does not match its "
                               "outputSchema (%2)")
                    .arg(name, what))
                .toJson();
        });
    }

    const QJsonObject withDefaults = SchemaValidator::applyDefaults(arguments, tool->inputSchema).toObject();
    const auto handler = tool->handler;
    handler(call, withDefaults);
}
