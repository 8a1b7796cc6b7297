#pragma once

#include "core/result.h"
#include "protocol/mcphandler.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <functional>

// The answer to a tools/call, as the window needs it.
struct ToolOutcome
{
    bool ok = false;          // the tool ran and did not report isError
    QJsonObject structured;   // structuredContent (empty for error results)
    QString text;             // the text content, joined
    Error error;              // why it failed: protocol error, isError result, or transport failure
    QJsonObject raw;          // the full result object
};

// Where the backend stands, for the tray, the Overview page and error banners.
struct BackendStatus
{
    enum class State {
        Ready,
        Connecting,
        Unreachable,
        Refused // credentials rejected
    };
    State state = State::Ready;
    QString description; // "local", "remote unreachable since 10:42", ...
    QDateTime since;
};

// What the window (and any in-process caller) uses to reach the MCP features: exactly the calls an
// MCP host makes (tools/call, resources/read, ...), so local and remote execution look the same to
// every page. LocalBackend runs them in this process; RemoteBackend sends them to a remote
// FinAgent. A Backend is also the McpHandler of the local endpoints, which is how they forward to
// the remote in remote mode.
class Backend : public McpHandler
{
    Q_OBJECT
public:
    using McpHandler::McpHandler;

    virtual QString kind() const = 0; // "local" or "remote"
    virtual BackendStatus status() const { return {}; }

    // Any feature request (tools/list, resources/read, ...). `done` runs on this thread, and only if
    // `ctx` still exists. Destroying `ctx` cancels the request.
    void request(const QString& method,
                 const QJsonObject& params,
                 QObject* ctx,
                 std::function<void(Result<QJsonObject>)> done,
                 std::function<void(const QJsonObject& notification)> onNotification = {});

    void callTool(const QString& name,
                  const QJsonObject& arguments,
                  QObject* ctx,
                  std::function<void(ToolOutcome)> done,
                  std::function<void(double progress, double total, const QString& message)> onProgress = {});
    void readResource(const QString& uri, QObject* ctx, std::function<void(Result<QJsonObject>)> done);
    // The JSON of a resource whose single content is application/json text.
    void readJsonResource(const QString& uri, QObject* ctx, std::function<void(Result<QJsonObject>)> done);
    void listTools(QObject* ctx, std::function<void(Result<QJsonArray>)> done);

    // Recent tool calls of every local FinAgent process (the audit log), newest first; for the
    // Overview page. Backends without such a log answer an empty list.
    virtual void recentToolCalls(qint64 afterId, int limit, QObject* ctx, std::function<void(Result<QJsonArray>)> done);

Q_SIGNALS:
    void statusChanged();

protected:
    // Name the window's calls carry in audit records.
    static QString clientName() { return QStringLiteral("FinAgent Desktop"); }
};
