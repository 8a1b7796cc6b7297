#include "runtime/healthtool.h"

#include "protocol/mcpcall.h"
#include "protocol/mcpregistry.h"
#include "protocol/toolresult.h"
#include "runtime/healthmonitor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace {

QJsonObject object(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

void registerHealthTool(McpRegistry& registry, HealthMonitor& monitor)
{
    ToolDefinition tool;
    tool.name = QStringLiteral("health_check");
    tool.title = QStringLiteral("FinAgent health");
    tool.description = QStringLiteral(
        "Reports FinAgent's version, uptime and the state of each subsystem (MCP transport, database, keychain, "
        "market data providers, payment provider). Use it when another tool fails, to see which part is down and why.");
    tool.inputSchema = object(R"({"type":"object","properties":{},"additionalProperties":false})");
    tool.outputSchema = object(R"({
        "type":"object",
        "properties":{
            "status":{"type":"string","enum":["ok","degraded","down"]},
            "version":{"type":"string"},
            "uptime_ms":{"type":"number","minimum":0},
            "transport":{"type":"string"},
            "mode":{"type":"string"},
            "subsystems":{"type":"array","items":{
                "type":"object",
                "properties":{
                    "name":{"type":"string"},
                    "status":{"type":"string","enum":["ok","degraded","down","disabled"]},
                    "detail":{"type":"string"},
                    "data":{"type":"object"}
                },
                "required":["name","status","detail"]}}
        },
        "required":["status","version","uptime_ms","transport","mode","subsystems"]
    })");
    tool.annotations.title = tool.title;
    tool.annotations.readOnly = true;
    tool.annotations.destructive = false;
    tool.annotations.idempotent = true;
    tool.annotations.openWorld = false;
    QPointer<HealthMonitor> m(&monitor);
    tool.handler = [m](McpCall* call, const QJsonObject&) {
        if (!m) {
            call->replyTool(ToolResult::failure(QStringLiteral("unavailable"), QStringLiteral("FinAgent is shutting down")));
            return;
        }
        m->check(call, [call](QJsonObject report) {
            // The transport this request came over: stdio, http or desktop (the window).
            QString transport = call->origin().transport;
            if (transport == QLatin1String("http"))
                transport = QStringLiteral("streamable-http");
            report.insert(QStringLiteral("transport"), transport.isEmpty() ? QStringLiteral("in-process") : transport);
            call->replyTool(ToolResult::structured(report));
        });
    };
    registry.tools().add(std::move(tool));
}
