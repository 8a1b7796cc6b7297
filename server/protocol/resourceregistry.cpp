#include "protocol/resourceregistry.h"

#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"
#include "protocol/pagination.h"

#include <QJsonArray>
#include <QJsonDocument>

ResourceRegistry::ResourceRegistry(QObject* parent)
    : QObject(parent)
{ }

void ResourceRegistry::addResource(ResourceDefinition definition)
{
    removeResource(definition.uri);
    m_resources.append(std::move(definition));
    Q_EMIT changed();
}

void ResourceRegistry::addTemplate(ResourceTemplateDefinition definition)
{
    UriTemplate t(definition.uriTemplate);
    m_templates.append({t, std::move(definition)});
    Q_EMIT changed();
}

bool ResourceRegistry::removeResource(const QString& uri)
{
    for (qsizetype i = 0; i < m_resources.size(); ++i) {
        if (m_resources.at(i).uri == uri) {
            m_resources.removeAt(i);
            Q_EMIT changed();
            return true;
        }
    }
    return false;
}

bool ResourceRegistry::knows(const QString& uri) const
{
    for (const auto& r : m_resources) {
        if (r.uri == uri)
            return true;
    }
    for (const auto& [t, def] : m_templates) {
        if (t.match(uri))
            return true;
    }
    return false;
}

namespace
{

std::optional<int> pageStart(McpCall* call, int total)
{
    const QJsonValue cursor = call->params().value(QStringLiteral("cursor"));
    if (cursor.isUndefined() || cursor.isNull())
        return 0;
    const auto decoded = cursor.isString() ? Pagination::decode(cursor.toString()) : std::nullopt;
    if (!decoded || *decoded > total) {
        call->replyError(
            JsonRpc::InvalidParams, QStringLiteral("Invalid cursor: start again without a cursor"));
        return std::nullopt;
    }
    return decoded;
}

void putOptional(QJsonObject& o, const char* key, const QString& value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

} // namespace

void ResourceRegistry::list(McpCall* call) const
{
    const auto start = pageStart(call, int(m_resources.size()));
    if (!start)
        return;
    QJsonArray items;
    const int end = qMin(int(m_resources.size()), *start + m_pageSize);
    for (int i = *start; i < end; ++i) {
        const auto& r = m_resources.at(i);
        QJsonObject o {{QStringLiteral("uri"), r.uri}, {QStringLiteral("name"), r.name}};
        putOptional(o, "title", r.title);
        putOptional(o, "description", r.description);
        putOptional(o, "mimeType", r.mimeType);
        items.append(o);
    }
    QJsonObject result {{QStringLiteral("resources"), items}};
    if (end < m_resources.size())
        result.insert(QStringLiteral("nextCursor"), Pagination::encode(end));
    call->reply(result);
}

void ResourceRegistry::listTemplates(McpCall* call) const
{
    const auto start = pageStart(call, int(m_templates.size()));
    if (!start)
        return;
    QJsonArray items;
    const int end = qMin(int(m_templates.size()), *start + m_pageSize);
    for (int i = *start; i < end; ++i) {
        const auto& r = m_templates.at(i).second;
        QJsonObject o {{QStringLiteral("uriTemplate"), r.uriTemplate}, {QStringLiteral("name"), r.name}};
        putOptional(o, "title", r.title);
        putOptional(o, "description", r.description);
        putOptional(o, "mimeType", r.mimeType);
        items.append(o);
    }
    QJsonObject result {{QStringLiteral("resourceTemplates"), items}};
    if (end < m_templates.size())
        result.insert(QStringLiteral("nextCursor"), Pagination::encode(end));
    call->reply(result);
}

void ResourceRegistry::read(McpCall* call) const
{
    const QJsonValue uriValue = call->params().value(QStringLiteral("uri"));
    if (!uriValue.isString() || uriValue.toString().isEmpty()) {
        call->replyError(JsonRpc::InvalidParams, QStringLiteral("resources/read needs params.uri"));
        return;
    }
    const QString uri = uriValue.toString();
    for (const auto& r : m_resources) {
        if (r.uri == uri) {
            const auto reader = r.reader;
            reader(call, uri);
            return;
        }
    }
    for (const auto& [t, def] : m_templates) {
        if (const auto vars = t.match(uri)) {
            const auto reader = def.reader;
            reader(call, uri, *vars);
            return;
        }
    }
    call->replyError(JsonRpc::ResourceNotFound,
        QStringLiteral("Resource not found: %1. Use resources/list and resources/templates/list to "
                       "see what exists")
            .arg(uri),
        QJsonObject {{QStringLiteral("uri"), uri}});
}

void ResourceRegistry::subscribe(McpCall* call) const
{
    const QString uri = call->params().value(QStringLiteral("uri")).toString();
    if (uri.isEmpty()) {
        call->replyError(JsonRpc::InvalidParams, QStringLiteral("%1 needs params.uri").arg(call->method()));
        return;
    }
    if (call->method() == QLatin1String("resources/subscribe") && !knows(uri)) {
        call->replyError(JsonRpc::ResourceNotFound, QStringLiteral("Resource not found: %1").arg(uri),
            QJsonObject {{QStringLiteral("uri"), uri}});
        return;
    }
    call->reply(QJsonObject {});
}

std::optional<QStringList> ResourceRegistry::complete(const QString& uriTemplate, const QString& argument,
    const QString& value, const QJsonObject& context) const
{
    for (const auto& [t, def] : m_templates) {
        if (def.uriTemplate == uriTemplate) {
            if (!def.completer)
                return QStringList();
            return def.completer(argument, value, context);
        }
    }
    return std::nullopt;
}

QJsonObject ResourceRegistry::textContents(const QString& uri, const QString& mimeType, const QString& text)
{
    QJsonObject item {{QStringLiteral("uri"), uri}, {QStringLiteral("text"), text}};
    if (!mimeType.isEmpty())
        item.insert(QStringLiteral("mimeType"), mimeType);
    return QJsonObject {{QStringLiteral("contents"), QJsonArray {item}}};
}

QJsonObject ResourceRegistry::jsonContents(const QString& uri, const QJsonObject& json)
{
    return textContents(uri, QStringLiteral("application/json"),
        QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
}
