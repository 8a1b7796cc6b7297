#include "protocol/promptregistry.h"

#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"

#include <QJsonArray>

PromptRegistry::PromptRegistry(QObject* parent)
    : QObject(parent)
{ }

void PromptRegistry::add(PromptDefinition definition)
{
    const QString name = definition.name;
    if (!m_prompts.contains(name))
        m_order.append(name);
    m_prompts.insert(name, std::move(definition));
    Q_EMIT changed();
}

void PromptRegistry::list(McpCall* call) const
{
    QJsonArray prompts;
    for (const QString& name : m_order) {
        const PromptDefinition& p = m_prompts[name];
        QJsonObject o {{QStringLiteral("name"), p.name}};
        if (!p.title.isEmpty())
            o.insert(QStringLiteral("title"), p.title);
        if (!p.description.isEmpty())
            o.insert(QStringLiteral("description"), p.description);
        QJsonArray args;
        for (const PromptArgument& a : p.arguments) {
            QJsonObject ao {{QStringLiteral("name"), a.name}, {QStringLiteral("required"), a.required}};
            if (!a.title.isEmpty())
                ao.insert(QStringLiteral("title"), a.title);
            if (!a.description.isEmpty())
                ao.insert(QStringLiteral("description"), a.description);
            args.append(ao);
        }
        if (!args.isEmpty())
            o.insert(QStringLiteral("arguments"), args);
        prompts.append(o);
    }
    call->reply(QJsonObject {{QStringLiteral("prompts"), prompts}});
}

void PromptRegistry::get(McpCall* call) const
{
    const QString name = call->params().value(QStringLiteral("name")).toString();
    auto it = m_prompts.constFind(name);
    if (it == m_prompts.constEnd()) {
        call->replyError(JsonRpc::InvalidParams,
            QStringLiteral("Unknown prompt \"%1\". Available prompts: %2")
                .arg(name, m_order.join(QLatin1String(", "))));
        return;
    }
    const PromptDefinition& p = it.value();
    const QJsonObject args = call->params().value(QStringLiteral("arguments")).toObject();
    QStringList missing;
    QStringList known;
    for (const PromptArgument& a : p.arguments) {
        known << a.name;
        const QJsonValue v = args.value(a.name);
        if (a.required && (!v.isString() || v.toString().isEmpty()))
            missing << a.name;
    }
    if (!missing.isEmpty()) {
        call->replyError(JsonRpc::InvalidParams,
            QStringLiteral("Prompt \"%1\" needs the argument(s) %2")
                .arg(name, missing.join(QLatin1String(", "))));
        return;
    }
    for (auto a = args.constBegin(); a != args.constEnd(); ++a) {
        if (!known.contains(a.key())) {
            call->replyError(JsonRpc::InvalidParams,
                QStringLiteral("Prompt \"%1\" has no argument \"%2\" (it takes: %3)")
                    .arg(name, a.key(), known.join(QLatin1String(", "))));
            return;
        }
        if (!a.value().isString()) {
            call->replyError(JsonRpc::InvalidParams,
                QStringLiteral("Prompt argument \"%1\" must be a string").arg(a.key()));
            return;
        }
    }
    const auto handler = p.handler;
    handler(call, args);
}

std::optional<QStringList> PromptRegistry::complete(
    const QString& prompt, const QString& argument, const QString& value, const QJsonObject& context) const
{
    auto it = m_prompts.constFind(prompt);
    if (it == m_prompts.constEnd())
        return std::nullopt;
    if (!it->completer)
        return QStringList();
    return it->completer(argument, value, context);
}

QJsonObject PromptRegistry::userText(const QString& text)
{
    return QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
        {QStringLiteral("content"),
            QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}}}};
}
