#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

class McpCall;

// Hints for clients about a tool's behaviour (MCP tool annotations). Clients treat them as untrusted.
struct ToolAnnotations
{
    QString title;
    std::optional<bool> readOnly;
    std::optional<bool> destructive;
    std::optional<bool> idempotent;
    std::optional<bool> openWorld;

    QJsonObject toJson() const;
    static ToolAnnotations readOnlyOpenWorld(); // market data: reads an external API, changes nothing
};

struct ToolDefinition
{
    using Handler = std::function<void(McpCall* call, const QJsonObject& arguments)>;

    QString name;
    QString title;
    QString description;
    QJsonObject inputSchema; // JSON Schema 2020-12, type "object"
    QJsonObject outputSchema; // optional; when set, results carry matching structuredContent
    ToolAnnotations annotations;
    Handler handler; // arguments arrive validated and with schema defaults applied

    QJsonObject toJson(bool withOutputSchema = true, bool withAnnotations = true) const;
};
