#pragma once

#include "config/clientconfig.h"
#include "config/clientpaths.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QUrl>

#include <optional>

// What to write into one client's config.
struct InstallRequest
{
    McpClient client = McpClient::ClaudeDesktop;
    ClientScope scope = ClientScope::User;
    QString projectDir; // for ClientScope::Project
    ClientEnvironment environment = ClientEnvironment::current();
    QString serverName = QStringLiteral("finagent");
    bool useStdio = false; // the command form for a client that could use HTTP
    QString finagentPath; // the command form's program; empty: this program
    QUrl mcpUrl; // the HTTP form's endpoint: http://127.0.0.1:8765/mcp
    QString token; // the HTTP form's bearer token; empty: no Authorization header
};

// What writing a request would do, computed without writing anything.
struct InstallPlan
{
    enum class Change
    {
        CreateFile, // no file yet
        AddEntry, // the file exists without our entry
        ReplaceEntry, // our entry exists with other values
        Unchanged // our entry is already exactly this
    };
    McpClient client = McpClient::ClaudeDesktop;
    QString path;
    ClientTransport transport = ClientTransport::Stdio;
    Change change = Change::Unchanged;
    bool createsFile = false;
    QJsonObject before; // the whole document now (empty when there is no file)
    QJsonObject after; // the whole document as it will be
    QJsonObject entry; // our entry, token included
    QString snippet; // the fragment written, {"<servers key>": {"<name>": entry}}, token masked
    QString revealedSnippet; // the same with the token
    std::optional<QByteArray> beforeText;
    QByteArray afterText;
};

struct InstallResult
{
    InstallPlan plan;
    bool written = false; // false: the entry was already up to date
    QString backupPath; // empty when there was no file before or nothing was written
};

struct UninstallResult
{
    QString path;
    bool removed = false; // false: there was no entry (or no file)
    QString backupPath;
};

// Whether, and how, FinAgent is configured in one client, for the Connect page and `config status`.
struct ClientStatus
{
    McpClient client = McpClient::ClaudeDesktop;
    QString path;
    bool fileExists = false;
    bool configured = false; // our entry is there
    bool upToDate = false; // ... and equals what FinAgent would write in the same transport
    ClientTransport transport = ClientTransport::Stdio; // of the entry that is there
    QJsonObject entry;
    Error problem; // the file cannot be read or is not valid (null when fine)
};

// Writes FinAgent's entry into the MCP config file of Claude Desktop, Claude Code, Cursor, VS Code
// and Kiro: parses the existing file, replaces only FinAgent's entry (every other server and
// top-level key stays as it was, in place), refuses a file that is not valid JSON, writes
// atomically and keeps a backup. VS Code's mcp.json may hold comments and trailing commas
// (JSONC): they are kept as they are, since only the bytes of FinAgent's entry change. Other
// clients read plain JSON, so a comment in their file is refused like any other error.
//
// Entry shapes (stdio: command = the finagent program, args = ["stdio"]):
//   Claude Desktop  {"command", "args"} (it skips url entries, so always stdio)
//   Claude Code     {"type":"http","url","headers"}      or {"type":"stdio","command","args"}
//   Cursor          {"url","headers"}                    or {"command","args"}
//   VS Code         {"type":"http","url","headers"}      or {"type":"stdio","command","args"}, under
//   "servers" Kiro            {"url","headers", "disabled":false, "autoApprove":[read-only tools]} or the
//   command form
// headers is {"Authorization": "Bearer <token>"}.
//
// Errors (codes): invalid_request, config_invalid_json, config_comment, config_not_object,
// config_duplicate_key, config_servers_not_object, config_edit_failed, config_unreadable,
// config_is_folder, config_too_large, config_changed, config_folder_unwritable, config_unwritable,
// backup_failed. Messages name the file and say what to do; the file is then untouched.
class ClientConfigWriter
{
    Q_DECLARE_TR_FUNCTIONS(ClientConfigWriter)
public:
    static QString configPath(const InstallRequest& request);
    static QJsonObject entryFor(const InstallRequest& request);
    // The fragment {"<servers key>": {"<name>": entry}} as pretty JSON.
    static QString snippetFor(const InstallRequest& request, const QJsonObject& entry, bool revealToken);

    static Result<InstallPlan> plan(const InstallRequest& request);
    static Result<InstallResult> install(const InstallRequest& request);
    // Removes FinAgent's entry (request: client, scope, projectDir, environment, serverName).
    static Result<UninstallResult> uninstall(const InstallRequest& request, bool dryRun = false);
    static ClientStatus status(const InstallRequest& request);

    static QList<McpClient> detectInstalled(const ClientEnvironment& env = ClientEnvironment::current());
    // This program, or the AppImage it runs from.
    static QString defaultFinagentPath();
    // What stands for the token in snippets shown on screen.
    static QString maskedToken() { return QStringLiteral("********"); }
    static QStringList entryKeyOrder();
    // Why the request cannot be written (name, project folder, program path, URL), or a null Error.
    static Error validate(const InstallRequest& request);

private:
    struct Loaded;
    static Result<Loaded> load(const InstallRequest& request, const QString& path);
    static Error describe(const Error& error, const InstallRequest& request, const QString& path);
};
