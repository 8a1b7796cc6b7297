#include "protocol/mcpregistry.h"

#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"

#include <QJsonArray>

namespace
{
constexpr int kMaxCompletionValues = 100;
}

McpRegistry::McpRegistry(QObject* parent)
    : McpHandler(parent)
{
    connect(
        &m_tools, &ToolRegistry::changed, this, [this]() { Q_EMIT listChanged(QStringLiteral("tools")); });
    connect(&m_resources, &ResourceRegistry::changed, this,
        [this]() { Q_EMIT listChanged(QStringLiteral("resources")); });
    connect(&m_prompts, &PromptRegistry::changed, this,
        [this]() { Q_EMIT listChanged(QStringLiteral("prompts")); });
}

QJsonObject McpRegistry::capabilities() const
{
    QJsonObject caps {{QStringLiteral("tools"), QJsonObject {{QStringLiteral("listChanged"), true}}},
        {QStringLiteral("resources"),
            QJsonObject {{QStringLiteral("subscribe"), true}, {QStringLiteral("listChanged"), true}}},
        {QStringLiteral("prompts"), QJsonObject {{QStringLiteral("listChanged"), true}}},
        {QStringLiteral("completions"), QJsonObject {}}};
    return caps;
}

void McpRegistry::handle(McpCall* call)
{
    const QString& m = call->method();
    if (m == QLatin1String("tools/list"))
        m_tools.list(call);
    else if (m == QLatin1String("tools/call"))
        m_tools.call(call);
    else if (m == QLatin1String("resources/list"))
        m_resources.list(call);
    else if (m == QLatin1String("resources/templates/list"))
        m_resources.listTemplates(call);
    else if (m == QLatin1String("resources/read"))
        m_resources.read(call);
    else if (m == QLatin1String("resources/subscribe") || m == QLatin1String("resources/unsubscribe"))
        m_resources.subscribe(call);
    else if (m == QLatin1String("prompts/list"))
        m_prompts.list(call);
    else if (m == QLatin1String("prompts/get"))
        m_prompts.get(call);
    else if (m == QLatin1String("completion/complete"))
        complete(call);
    else
        call->replyError(JsonRpc::MethodNotFound, QStringLiteral("Method not found: \"%1\"").arg(m));
}

void McpRegistry::complete(McpCall* call)
{
    const QJsonObject ref = call->params().value(QStringLiteral("ref")).toObject();
    const QJsonObject argument = call->params().value(QStringLiteral("argument")).toObject();
    const QJsonObject context = call->params()
                                    .value(QStringLiteral("context"))
                                    .toObject()
                                    .value(QStringLiteral("arguments"))
                                    .toObject();
    const QString argName = argument.value(QStringLiteral("name")).toString();
    const QString value = argument.value(QStringLiteral("value")).toString();
    const QString type = ref.value(QStringLiteral("type")).toString();
    if (argName.isEmpty()) {
        call->replyError(
            JsonRpc::InvalidParams, QStringLiteral("completion/complete needs params.argument.name"));
        return;
    }

    std::optional<QStringList> values;
    if (type == QLatin1String("ref/prompt")) {
        const QString name = ref.value(QStringLiteral("name")).toString();
        values = m_prompts.complete(name, argName, value, context);
        if (!values) {
            call->replyError(JsonRpc::InvalidParams, QStringLiteral("Unknown prompt \"%1\"").arg(name));
            return;
        }
    } else if (type == QLatin1String("ref/resource")) {
        const QString uri = ref.value(QStringLiteral("uri")).toString();
        values = m_resources.complete(uri, argName, value, context);
        if (!values) {
            call->replyError(
                JsonRpc::InvalidParams, QStringLiteral("Unknown resource template \"%1\"").arg(uri));
            return;
        }
    } else {
        call->replyError(JsonRpc::InvalidParams,
            QStringLiteral("completion/complete: ref.type must be \"ref/prompt\" or \"ref/resource\""));
        return;
    }

    QJsonArray out;
    for (const QString& v : *values) {
        if (out.size() >= kMaxCompletionValues)
            break;
        out.append(v);
    }
    call->reply(QJsonObject {{QStringLiteral("completion"),
        QJsonObject {{QStringLiteral("values"), out}, {QStringLiteral("total"), int(values->size())},
            {QStringLiteral("hasMore"), values->size() > kMaxCompletionValues}}}});
}
