#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The AI applications (MCP hosts) whose MCP config file FinAgent can write.
enum class McpClient
{
    ClaudeDesktop,
    ClaudeCode,
    Cursor,
    VsCode,
    Kiro
};

// User: the client's own per-user file. Project: the file a client reads from a project folder.
enum class ClientScope
{
    User,
    Project
};

enum class ClientOs
{
    Linux,
    MacOs,
    Windows
};

// How the client reaches FinAgent: the running app's HTTP endpoint (url + bearer header), or
// by starting `finagent stdio` itself (command + args).
enum class ClientTransport
{
    Http,
    Stdio
};

// What FinAgent knows about one client's config file.
struct ClientInfo
{
    McpClient client;
    QString id; // command-line name: "claude-desktop"
    QString displayName; // "Claude Desktop"
    QString serversKey; // top-level key holding the servers: "mcpServers", or "servers" for VS Code
    bool supportsHttp; // false: the client skips url entries (Claude Desktop)
    bool supportsProject;
    bool allowsComments; // the client reads JSON with comments and trailing commas (VS Code)
};

namespace ClientConfig
{

// Every client, in the order the CLI and the Connect page list them.
const QList<McpClient>& allClients();
const ClientInfo& info(McpClient client);
// The command-line names: claude-desktop, claude-code, cursor, vscode, kiro.
QStringList names();

// A client from its name, forgiving case and separators ("VS Code", "claude_desktop"). For an
// unknown name, *suggestion gets the likely meant name(s) ("claude-desktop or claude-code"), or
// stays empty when nothing is close.
std::optional<McpClient> fromName(const QString& name, QString* suggestion = nullptr);

// The transport an entry for `client` uses when `stdio` is (not) asked for: Claude Desktop
// always gets stdio.
ClientTransport transportFor(McpClient client, bool stdio);

// The names of FinAgent's read-only tools, for Kiro's autoApprove list.
QStringList readOnlyTools();

QString transportName(ClientTransport transport); // "HTTP" or "stdio"

} // namespace ClientConfig
