#pragma once

#include <QJsonObject>
#include <QObject>

class McpCall;
class McpSession;

// What answers the feature methods of MCP (tools/*, resources/*, prompts/*, completion/complete)
// for a McpServer. The local registries implement it; a remote FinAgent reached over HTTP does too,
// which is how the local endpoints forward to a remote instance without knowing it.
class McpHandler : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // The "capabilities" object of an initialize result, for the features this handler serves.
    virtual QJsonObject capabilities() const = 0;
    virtual QString instructions() const { return {}; }

    // Answers `call` (now or later). The method is one of tools/list, tools/call, resources/list,
    // resources/templates/list, resources/read, resources/subscribe, resources/unsubscribe,
    // prompts/list, prompts/get, completion/complete.
    virtual void handle(McpCall* call) = 0;

Q_SIGNALS:
    void resourceUpdated(const QString& uri);
    void listChanged(const QString& kind); // "tools", "resources" or "prompts"
};
