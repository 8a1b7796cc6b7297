// Where each client keeps its MCP config, on each OS, and how installed clients are detected.
#include "config/clientpaths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(McpClient)
Q_DECLARE_METATYPE(ClientOs)

class TstClientPaths : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void userPaths_data();
    void userPaths();
    void environmentOverrides();
    void projectPaths();
    void detection();
};

void TstClientPaths::userPaths_data()
{
    QTest::addColumn<McpClient>("client");
    QTest::addColumn<ClientOs>("os");
    QTest::addColumn<QString>("home");
    QTest::addColumn<QString>("expected");

    const QString lin = QStringLiteral("/home/ann");
    const QString mac = QStringLiteral("/Users/ann");
    const QString win = QStringLiteral("C:\\Users\\ann");
    const auto row = [](const char* name, McpClient c, ClientOs os, const QString& home, const char* path) {
        QTest::newRow(name) << c << os << home << QString::fromUtf8(path);
    };
    row("claude-desktop linux", McpClient::ClaudeDesktop, ClientOs::Linux, lin,
        "/home/ann/.config/Claude/claude_desktop_config.json");
    row("claude-desktop macos", McpClient::ClaudeDesktop, ClientOs::MacOs, mac,
        "/Users/ann/Library/Application Support/Claude/claude_desktop_config.json");
    row("claude-desktop windows", McpClient::ClaudeDesktop, ClientOs::Windows, win,
        "C:/Users/ann/AppData/Roaming/Claude/claude_desktop_config.json");
    row("claude-code linux", McpClient::ClaudeCode, ClientOs::Linux, lin, "/home/ann/.claude.json");
    row("claude-code macos", McpClient::ClaudeCode, ClientOs::MacOs, mac, "/Users/ann/.claude.json");
    row("claude-code windows", McpClient::ClaudeCode, ClientOs::Windows, win, "C:/Users/ann/.claude.json");
    row("cursor linux", McpClient::Cursor, ClientOs::Linux, lin, "/home/ann/.cursor/mcp.json");
    row("cursor macos", McpClient::Cursor, ClientOs::MacOs, mac, "/Users/ann/.cursor/mcp.json");
    row("cursor windows", McpClient::Cursor, ClientOs::Windows, win, "C:/Users/ann/.cursor/mcp.json");
    row("vscode linux", McpClient::VsCode, ClientOs::Linux, lin, "/home/ann/.config/Code/User/mcp.json");
    row("vscode macos", McpClient::VsCode, ClientOs::MacOs, mac,
        "/Users/ann/Library/Application Support/Code/User/mcp.json");
    row("vscode windows", McpClient::VsCode, ClientOs::Windows, win,
        "C:/Users/ann/AppData/Roaming/Code/User/mcp.json");
    row("kiro linux", McpClient::Kiro, ClientOs::Linux, lin, "/home/ann/.kiro/settings/mcp.json");
    row("kiro macos", McpClient::Kiro, ClientOs::MacOs, mac, "/Users/ann/.kiro/settings/mcp.json");
    row("kiro windows", McpClient::Kiro, ClientOs::Windows, win, "C:/Users/ann/.kiro/settings/mcp.json");
}

void TstClientPaths::userPaths()
{
    QFETCH(McpClient, client);
    QFETCH(ClientOs, os);
    QFETCH(QString, home);
    QFETCH(QString, expected);
    QCOMPARE(ClientPaths::userConfigPath(client, home, os), expected);
    QCOMPARE(
        ClientPaths::configPath(client, ClientScope::User, ClientEnvironment::forHome(home, os)), expected);
}

void TstClientPaths::environmentOverrides()
{
    ClientEnvironment win = ClientEnvironment::forHome(QStringLiteral("C:/Users/ann"), ClientOs::Windows);
    win.appData = QStringLiteral("D:\\Profiles\\ann\\Roaming");
    QCOMPARE(ClientPaths::userConfigPath(McpClient::ClaudeDesktop, win),
        QStringLiteral("D:/Profiles/ann/Roaming/Claude/claude_desktop_config.json"));
    QCOMPARE(ClientPaths::userConfigPath(McpClient::VsCode, win),
        QStringLiteral("D:/Profiles/ann/Roaming/Code/User/mcp.json"));
    QCOMPARE(
        ClientPaths::userConfigPath(McpClient::Cursor, win), QStringLiteral("C:/Users/ann/.cursor/mcp.json"));

    ClientEnvironment lin = ClientEnvironment::forHome(QStringLiteral("/home/ann/"), ClientOs::Linux);
    lin.xdgConfigHome = QStringLiteral("/data/ann/config");
    QCOMPARE(ClientPaths::userConfigPath(McpClient::ClaudeDesktop, lin),
        QStringLiteral("/data/ann/config/Claude/claude_desktop_config.json"));
    QCOMPARE(ClientPaths::userConfigPath(McpClient::VsCode, lin),
        QStringLiteral("/data/ann/config/Code/User/mcp.json"));
    QCOMPARE(ClientPaths::userConfigPath(McpClient::Kiro, lin),
        QStringLiteral("/home/ann/.kiro/settings/mcp.json"));
    // $XDG_CONFIG_HOME does not move macOS folders.
    ClientEnvironment mac = ClientEnvironment::forHome(QStringLiteral("/Users/ann"), ClientOs::MacOs);
    mac.xdgConfigHome = QStringLiteral("/elsewhere");
    QCOMPARE(ClientPaths::userConfigPath(McpClient::VsCode, mac),
        QStringLiteral("/Users/ann/Library/Application Support/Code/User/mcp.json"));
}

void TstClientPaths::projectPaths()
{
    const QString p = QStringLiteral("/src/app");
    QCOMPARE(ClientPaths::projectConfigPath(McpClient::ClaudeCode, p), QStringLiteral("/src/app/.mcp.json"));
    QCOMPARE(
        ClientPaths::projectConfigPath(McpClient::Cursor, p), QStringLiteral("/src/app/.cursor/mcp.json"));
    QCOMPARE(
        ClientPaths::projectConfigPath(McpClient::VsCode, p), QStringLiteral("/src/app/.vscode/mcp.json"));
    QCOMPARE(ClientPaths::projectConfigPath(McpClient::Kiro, p),
        QStringLiteral("/src/app/.kiro/settings/mcp.json"));
    QVERIFY(ClientPaths::projectConfigPath(McpClient::ClaudeDesktop, p).isEmpty());
    QCOMPARE(ClientPaths::configPath(McpClient::Cursor, ClientScope::Project,
                 ClientEnvironment::forHome(QStringLiteral("/home/ann"), ClientOs::Linux), p),
        QStringLiteral("/src/app/.cursor/mcp.json"));
}

void TstClientPaths::detection()
{
    QTemporaryDir home;
    const ClientEnvironment env = ClientEnvironment::forHome(home.path(), ClientOs::Linux);
    QVERIFY(ClientPaths::detectInstalled(env).isEmpty());

    QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".cursor")));
    QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".config/Code/User")));
    QCOMPARE(ClientPaths::detectInstalled(env), (QList<McpClient> {McpClient::Cursor, McpClient::VsCode}));

    // A program on the search path counts too.
    QTemporaryDir bin;
    const QString kiro = bin.filePath(QStringLiteral("kiro"));
    QFile program(kiro);
    QVERIFY(program.open(QIODevice::WriteOnly));
    program.close();
    QVERIFY(QFile::setPermissions(kiro, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    ClientEnvironment withPath = env;
    withPath.programDirs = QStringList {bin.path()};
    QVERIFY(ClientPaths::isInstalled(McpClient::Kiro, withPath));
    QVERIFY(!ClientPaths::isInstalled(McpClient::Kiro, env));

    QFile claude(home.filePath(QStringLiteral(".claude.json")));
    QVERIFY(claude.open(QIODevice::WriteOnly));
    claude.close();
    QVERIFY(ClientPaths::isInstalled(McpClient::ClaudeCode, env));
}

QTEST_GUILESS_MAIN(TstClientPaths)
#include "tst_clientpaths.moc"
