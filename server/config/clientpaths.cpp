#include "config/clientpaths.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace
{

QString joined(const QString& base, const QString& rest)
{
    QString b = QDir::fromNativeSeparators(base);
    while (b.size() > 1 && b.endsWith(QLatin1Char('/')))
        b.chop(1);
    return b + QLatin1Char('/') + rest;
}

// Windows paths given on another OS (tests) use '\\' too; Qt paths use '/'.
QString slashes(const QString& path, ClientOs os)
{
    return os == ClientOs::Windows ? QString(path).replace(QLatin1Char('\\'), QLatin1Char('/'))
                                   : QDir::fromNativeSeparators(path);
}

} // namespace

ClientEnvironment ClientEnvironment::current()
{
    ClientEnvironment env = forHome(QDir::homePath(), ClientPaths::currentOs());
    if (env.os == ClientOs::Windows)
        env.appData = qEnvironmentVariable("APPDATA");
    if (env.os == ClientOs::Linux) {
        // The XDG spec ignores relative values.
        const QString xdg = qEnvironmentVariable("XDG_CONFIG_HOME");
        if (QDir::isAbsolutePath(xdg))
            env.xdgConfigHome = xdg;
    }
    env.programDirs = qEnvironmentVariable("PATH").split(QDir::listSeparator(), Qt::SkipEmptyParts);
    return env;
}

ClientEnvironment ClientEnvironment::forHome(const QString& home, ClientOs os)
{
    ClientEnvironment env;
    env.os = os;
    env.home = slashes(home, os);
    return env;
}

ClientOs ClientPaths::currentOs()
{
#if defined(Q_OS_WIN)
    return ClientOs::Windows;
#elif defined(Q_OS_MACOS)
    return ClientOs::MacOs;
#else
    return ClientOs::Linux;
#endif
}

QString ClientPaths::appDataDir(const ClientEnvironment& env)
{
    switch (env.os) {
    case ClientOs::Windows:
        return env.appData.isEmpty() ? joined(env.home, QStringLiteral("AppData/Roaming"))
                                     : slashes(env.appData, env.os);
    case ClientOs::MacOs:
        return joined(env.home, QStringLiteral("Library/Application Support"));
    case ClientOs::Linux:
        break;
    }
    return env.xdgConfigHome.isEmpty() ? joined(env.home, QStringLiteral(".config"))
                                       : QDir::fromNativeSeparators(env.xdgConfigHome);
}

QString ClientPaths::userConfigPath(McpClient client, const ClientEnvironment& env)
{
    switch (client) {
    case McpClient::ClaudeDesktop:
        return joined(appDataDir(env), QStringLiteral("Claude/claude_desktop_config.json"));
    case McpClient::ClaudeCode:
        return joined(env.home, QStringLiteral(".claude.json"));
    case McpClient::Cursor:
        return joined(env.home, QStringLiteral(".cursor/mcp.json"));
    case McpClient::VsCode:
        return joined(appDataDir(env), QStringLiteral("Code/User/mcp.json"));
    case McpClient::Kiro:
        return joined(env.home, QStringLiteral(".kiro/settings/mcp.json"));
    }
    return QString();
}

QString ClientPaths::userConfigPath(McpClient client, const QString& home, ClientOs os)
{
    return userConfigPath(client, ClientEnvironment::forHome(home, os));
}

QString ClientPaths::projectConfigPath(McpClient client, const QString& projectDir)
{
    switch (client) {
    case McpClient::ClaudeDesktop:
        return QString();
    case McpClient::ClaudeCode:
        return joined(projectDir, QStringLiteral(".mcp.json"));
    case McpClient::Cursor:
        return joined(projectDir, QStringLiteral(".cursor/mcp.json"));
    case McpClient::VsCode:
        return joined(projectDir, QStringLiteral(".vscode/mcp.json"));
    case McpClient::Kiro:
        return joined(projectDir, QStringLiteral(".kiro/settings/mcp.json"));
    }
    return QString();
}

QString ClientPaths::configPath(
    McpClient client, ClientScope scope, const ClientEnvironment& env, const QString& projectDir)
{
    return scope == ClientScope::Project ? projectConfigPath(client, projectDir)
                                         : userConfigPath(client, env);
}

bool ClientPaths::isInstalled(McpClient client, const ClientEnvironment& env)
{
    QStringList folders;
    QStringList programs;
    switch (client) {
    case McpClient::ClaudeDesktop:
        folders << joined(appDataDir(env), QStringLiteral("Claude"));
        programs << QStringLiteral("claude-desktop");
        break;
    case McpClient::ClaudeCode:
        folders << joined(env.home, QStringLiteral(".claude"));
        programs << QStringLiteral("claude");
        if (QFileInfo::exists(userConfigPath(client, env)))
            return true;
        break;
    case McpClient::Cursor:
        folders << joined(env.home, QStringLiteral(".cursor"));
        programs << QStringLiteral("cursor");
        break;
    case McpClient::VsCode:
        folders << joined(appDataDir(env), QStringLiteral("Code/User"));
        programs << QStringLiteral("code");
        break;
    case McpClient::Kiro:
        folders << joined(env.home, QStringLiteral(".kiro"));
        programs << QStringLiteral("kiro");
        break;
    }
    for (const QString& folder : folders) {
        if (QFileInfo(folder).isDir())
            return true;
    }
    if (env.programDirs.isEmpty())
        return false;
    for (const QString& program : programs) {
        if (!QStandardPaths::findExecutable(program, env.programDirs).isEmpty())
            return true;
    }
    return false;
}

QList<McpClient> ClientPaths::detectInstalled(const ClientEnvironment& env)
{
    QList<McpClient> found;
    for (McpClient client : ClientConfig::allClients()) {
        if (isInstalled(client, env))
            found << client;
    }
    return found;
}
