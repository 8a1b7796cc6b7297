#pragma once

#include "protocol/mcphandler.h"
#include "protocol/promptregistry.h"
#include "protocol/resourceregistry.h"
#include "protocol/toolregistry.h"

// The in-process MCP features: tools, resources and prompts registered by the domain modules,
// plus completion/complete over prompt arguments and resource template variables.
class McpRegistry : public McpHandler
{
    Q_OBJECT
public:
    explicit McpRegistry(QObject* parent = nullptr);

    ToolRegistry& tools() { return m_tools; }
    ResourceRegistry& resources() { return m_resources; }
    PromptRegistry& prompts() { return m_prompts; }
    const ToolRegistry& tools() const { return m_tools; }

    void setInstructions(const QString& text) { m_instructions = text; }
    QJsonObject capabilities() const override;
    QString instructions() const override { return m_instructions; }
    void handle(McpCall* call) override;

    // Lets domain code announce a change of a resource to subscribers.
    void notifyResourceUpdated(const QString& uri) { Q_EMIT resourceUpdated(uri); }

private:
    void complete(McpCall* call);

    ToolRegistry m_tools;
    ResourceRegistry m_resources;
    PromptRegistry m_prompts;
    QString m_instructions;
};
