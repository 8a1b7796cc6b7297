#pragma once

#include "backend/backend.h"

#include <functional>

class McpRegistry;

// Runs every request in this process, on the registries the domain modules filled.
class LocalBackend : public Backend
{
    Q_OBJECT
public:
    using AuditSource = std::function<void(qint64 afterId, int limit, QObject* ctx, std::function<void(Result<QJsonArray>)>)>;

    explicit LocalBackend(McpRegistry& registry, QObject* parent = nullptr);

    QString kind() const override { return QStringLiteral("local"); }
    QJsonObject capabilities() const override;
    QString instructions() const override;
    void handle(McpCall* call) override;

    // Where recent tool calls come from (the audit log repository, wired by the composition root).
    void setAuditSource(AuditSource source) { m_audit = std::move(source); }
    void recentToolCalls(qint64 afterId, int limit, QObject* ctx, std::function<void(Result<QJsonArray>)> done) override;

private:
    McpRegistry& m_registry;
    AuditSource m_audit;
};
