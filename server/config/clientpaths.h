#pragma once

#include "config/clientconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

// The parts of a user's environment that decide where clients keep their config files. Tests
// build one by hand; the app and the CLI use current().
struct ClientEnvironment
{
    ClientOs os = ClientOs::Linux;
    QString home;
    QString appData; // Windows %APPDATA%; empty: <home>/AppData/Roaming
    QString xdgConfigHome; // Linux $XDG_CONFIG_HOME; empty: <home>/.config
    QStringList programDirs; // folders searched for the clients' programs (PATH); empty: none

    // This process's OS, home folder, %APPDATA% / $XDG_CONFIG_HOME and PATH.
    static ClientEnvironment current();
    // Only an OS and a home folder, every other location at its default.
    static ClientEnvironment forHome(const QString& home, ClientOs os);
};

// Where each client keeps its MCP config, per OS, and whether a client seems installed.
// Paths use '/' separators (QDir::toNativeSeparators for display).
class ClientPaths
{
public:
    static ClientOs currentOs();

    // The user-scope file:
    //   Claude Desktop  Linux ~/.config/Claude/claude_desktop_config.json, macOS
    //                   ~/Library/Application Support/Claude/..., Windows %APPDATA%\Claude\...
    //   Claude Code     ~/.claude.json            Cursor  ~/.cursor/mcp.json
    //   VS Code         <Code/User>/mcp.json      Kiro    ~/.kiro/settings/mcp.json
    static QString userConfigPath(McpClient client, const ClientEnvironment& env);
    static QString userConfigPath(McpClient client, const QString& home, ClientOs os);
    // The project-scope file in projectDir (Claude Code .mcp.json, Cursor .cursor/mcp.json, VS Code
    // .vscode/mcp.json, Kiro .kiro/settings/mcp.json); empty for Claude Desktop, which has none.
    static QString projectConfigPath(McpClient client, const QString& projectDir);
    static QString configPath(McpClient client, ClientScope scope, const ClientEnvironment& env,
        const QString& projectDir = QString());

    // True when the client's config folder exists or its program is on the search path.
    static bool isInstalled(McpClient client, const ClientEnvironment& env);
    static QList<McpClient> detectInstalled(const ClientEnvironment& env);

private:
    static QString appDataDir(const ClientEnvironment& env); // where Electron apps keep their folders
};
