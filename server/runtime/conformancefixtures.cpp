#include "runtime/conformancefixtures.h"

#include "protocol/mcpcall.h"
#include "protocol/mcpregistry.h"
#include "protocol/toolresult.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QJsonObject object(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QJsonObject text(const QString& t)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), t}};
}

} // namespace

void registerConformanceFixtures(McpRegistry& registry)
{
    ToolDefinition simple;
    simple.name = QStringLiteral("test_simple_text");
    simple.description = QStringLiteral("Conformance fixture: returns a simple text content block");
    simple.inputSchema = object(R"({"type":"object","properties":{}})");
    simple.handler = [](McpCall* call, const QJsonObject&) {
        call->replyTool(ToolResult::fromContent(QJsonArray{text(QStringLiteral("This is a simple text response for testing."))}));
    };
    registry.tools().add(std::move(simple));
}
