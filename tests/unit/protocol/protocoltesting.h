#pragma once

#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"
#include "protocol/tooldefinition.h"
#include "protocol/toolresult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

// Small helpers shared by the protocol tests.
namespace ProtocolTesting
{

inline QJsonObject object(const char* json)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad JSON object in test data: %s", json);
    return doc.object();
}

inline QJsonObject errorOf(const QJsonObject& response)
{
    return response.value(QStringLiteral("error")).toObject();
}

inline int errorCodeOf(const QJsonObject& response)
{
    return errorOf(response).value(QStringLiteral("code")).toInt();
}

inline QString errorMessageOf(const QJsonObject& response)
{
    return errorOf(response).value(QStringLiteral("message")).toString();
}

inline QJsonObject resultOf(const QJsonObject& response)
{
    return response.value(QStringLiteral("result")).toObject();
}

// The text of every text block of a tools/call result, joined.
inline QString textOf(const QJsonObject& toolResult)
{
    QStringList parts;
    for (const QJsonValue& block : toolResult.value(QStringLiteral("content")).toArray())
        parts << block.toObject().value(QStringLiteral("text")).toString();
    return parts.join(QLatin1Char('\n'));
}

inline ToolDefinition tool(const QString& name, const char* inputSchema, ToolDefinition::Handler handler)
{
    ToolDefinition t;
    t.name = name;
    t.description = QStringLiteral("Test tool %1").arg(name);
    t.inputSchema = object(inputSchema);
    t.handler = std::move(handler);
    return t;
}

// A tool that answers at once with {"echo": arguments}.
inline ToolDefinition echoTool(const QString& name)
{
    return tool(name, R"({"type":"object"})", [](McpCall* call, const QJsonObject& arguments) {
        call->replyTool(ToolResult::structured(QJsonObject {{QStringLiteral("echo"), arguments}}));
    });
}

} // namespace ProtocolTesting
