#include "backend/localbackend.h"

#include "protocol/mcpregistry.h"

LocalBackend::LocalBackend(McpRegistry& registry, QObject* parent)
    : Backend(parent)
    , m_registry(registry)
{
    connect(&registry, &McpHandler::resourceUpdated, this, &McpHandler::resourceUpdated);
    connect(&registry, &McpHandler::listChanged, this, &McpHandler::listChanged);
}

QJsonObject LocalBackend::capabilities() const
{
    return m_registry.capabilities();
}

QString LocalBackend::instructions() const
{
    return m_registry.instructions();
}

void LocalBackend::handle(McpCall* call)
{
    m_registry.handle(call);
}

void LocalBackend::recentToolCalls(qint64 afterId, int limit, QObject* ctx, std::function<void(Result<QJsonArray>)> done)
{
    if (m_audit)
        m_audit(afterId, limit, ctx, std::move(done));
    else
        Backend::recentToolCalls(afterId, limit, ctx, std::move(done));
}
