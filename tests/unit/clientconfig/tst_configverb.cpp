// `finagent config` end to end: the real binary, HOME in a temporary folder, --stdio entries
// (no keychain needed) and an HTTP entry with authentication off.
#include "clientconfigtesthelpers.h"
#include "config/safeconfigfile.h"
#include "finagentrun.h"
#include "testenv.h"

#include <QJsonArray>
#include <QTest>

class TstConfigVerb : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void installsEveryClient();
    void mergesAndReportsBackup();
    void pathPrintsEachClientsFile();
    void dryRunWritesNothing();
    void invalidFileIsRefused();
    void typosGetSuggestions();
    void httpEntryFromSettings();
    void printShowsEntryOnly();
    void projectAndUninstall();
    void statusListsClients();

private:
    QString pathOf(McpClient client) const
    {
        return ClientPaths::userConfigPath(client, m_home->path(), ClientOs::Linux);
    }

    std::unique_ptr<TestEnv> m_env;
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FinagentRunner> m_finagent;
};

void TstConfigVerb::init()
{
    QVERIFY2(QFileInfo(finagentBinary()).isExecutable(), "FINAGENT_BINARY must name the finagent program");
    m_env = std::make_unique<TestEnv>();
    m_home = std::make_unique<QTemporaryDir>();
    m_finagent = std::make_unique<FinagentRunner>(m_home->path());
}

void TstConfigVerb::cleanup()
{
    m_finagent.reset();
    m_home.reset();
    m_env.reset();
}

void TstConfigVerb::installsEveryClient()
{
    for (McpClient client : ClientConfig::allClients()) {
        const ClientInfo& info = ClientConfig::info(client);
        const FinagentRun run = m_finagent->run(
            {QStringLiteral("config"), QStringLiteral("install"), info.id, QStringLiteral("--stdio")});
        QVERIFY(run.finished);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString path = pathOf(client);
        QVERIFY2(run.out.contains(path), qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("Created")));
        QVERIFY(run.out.contains(QStringLiteral("Restart %1").arg(info.displayName)));
        QCOMPARE(QFile::permissions(path), ownerOnly());
        const QJsonObject entry = jsonOf(fileBytes(path))
                                      .value(info.serversKey)
                                      .toObject()
                                      .value(QStringLiteral("finagent"))
                                      .toObject();
        QCOMPARE(QFileInfo(entry.value(QStringLiteral("command")).toString()).canonicalFilePath(),
            FinagentRunner::program());
        QCOMPARE(entry.value(QStringLiteral("args")).toArray(), QJsonArray {QStringLiteral("stdio")});
        QCOMPARE(entry.contains(QStringLiteral("autoApprove")), client == McpClient::Kiro);
    }
    // Claude Desktop needs no --stdio: it has no other form.
    const FinagentRun again = m_finagent->run(
        {QStringLiteral("config"), QStringLiteral("install"), QStringLiteral("claude-desktop")});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(QLatin1String("already up to date")), qPrintable(again.out));
}

void TstConfigVerb::mergesAndReportsBackup()
{
    const QString path = pathOf(McpClient::ClaudeCode);
    const QByteArray original = populatedConfig(McpClient::ClaudeCode);
    QVERIFY(writeBytes(path, original));
    const FinagentRun run = m_finagent->run({QStringLiteral("config"), QStringLiteral("install"),
        QStringLiteral("claude-code"), QStringLiteral("--stdio")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(QStringLiteral("Added the entry \"finagent\" to %1").arg(path)));
    const QStringList backups = SafeConfigFile(path).backups();
    QCOMPARE(backups.size(), 1);
    QVERIFY2(run.out.contains(QStringLiteral("The previous version is kept as %1").arg(backups.first())),
        qPrintable(run.out));
    QCOMPARE(fileBytes(backups.first()), original);
    const QJsonObject after = jsonOf(fileBytes(path));
    QCOMPARE(after.value(QStringLiteral("numStartups")).toInt(), 42);
    QCOMPARE(after.value(QStringLiteral("mcpServers")).toObject().keys(),
        (QStringList {QStringLiteral("finagent"), QStringLiteral("github"), QStringLiteral("remote-docs")}));
    QCOMPARE(after.value(QStringLiteral("projects")), jsonOf(original).value(QStringLiteral("projects")));
}

void TstConfigVerb::pathPrintsEachClientsFile()
{
    for (McpClient client : ClientConfig::allClients()) {
        const FinagentRun run = m_finagent->run(
            {QStringLiteral("config"), QStringLiteral("path"), ClientConfig::info(client).id});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, pathOf(client) + QLatin1Char('\n'));
    }
    QVERIFY(pathOf(McpClient::ClaudeDesktop).startsWith(m_finagent->xdgConfigHome()));
}

void TstConfigVerb::dryRunWritesNothing()
{
    FinagentRun run = m_finagent->run({QStringLiteral("config"), QStringLiteral("install"),
        QStringLiteral("kiro"), QStringLiteral("--stdio"), QStringLiteral("--dry-run")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("Would create %1").arg(pathOf(McpClient::Kiro))));
    QVERIFY(run.out.contains(QLatin1String("\"autoApprove\"")));
    QVERIFY(run.out.contains(QLatin1String("Dry run: nothing was written.")));
    QVERIFY(!QFileInfo::exists(m_home->filePath(QStringLiteral(".kiro"))));

    const QByteArray original = populatedConfig(McpClient::Cursor);
    QVERIFY(writeBytes(pathOf(McpClient::Cursor), original));
    run = m_finagent->run({QStringLiteral("config"), QStringLiteral("install"), QStringLiteral("cursor"),
        QStringLiteral("--stdio"), QStringLiteral("--dry-run")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QLatin1String("Would add")));
    QCOMPARE(fileBytes(pathOf(McpClient::Cursor)), original);
    QVERIFY(SafeConfigFile(pathOf(McpClient::Cursor)).backups().isEmpty());
}

void TstConfigVerb::invalidFileIsRefused()
{
    const QString path = pathOf(McpClient::VsCode);
    const QByteArray broken = "{\n  \"servers\": {\n    \"a\": {\"command\": \"x\"}\n  \n";
    QVERIFY(writeBytes(path, broken));
    const FinagentRun run = m_finagent->run({QStringLiteral("config"), QStringLiteral("install"),
        QStringLiteral("vscode"), QStringLiteral("--stdio")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(path), qPrintable(run.err));
    QVERIFY(run.err.contains(QLatin1String("not valid JSON")));
    QVERIFY(run.err.contains(QLatin1String("line")));
    QCOMPARE(fileBytes(path), broken);
    QVERIFY(SafeConfigFile(path).backups().isEmpty());
}

void TstConfigVerb::typosGetSuggestions()
{
    FinagentRun run =
        m_finagent->run({QStringLiteral("config"), QStringLiteral("install"), QStringLiteral("cursr")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QLatin1String("Did you mean cursor?")), qPrintable(run.err));
    run = m_finagent->run({QStringLiteral("config"), QStringLiteral("install"), QStringLiteral("claude")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QLatin1String("claude-desktop or claude-code")));
    run = m_finagent->run({QStringLiteral("config"), QStringLiteral("instal"), QStringLiteral("cursor")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QLatin1String("install, uninstall, path, status")));
    run = m_finagent->run({QStringLiteral("config"), QStringLiteral("install")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QLatin1String("claude-desktop, claude-code, cursor, vscode, kiro")));
    run = m_finagent->run({QStringLiteral("config"), QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QLatin1String("--dry-run")));
    QVERIFY(QDir(m_home->path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
}

void TstConfigVerb::httpEntryFromSettings()
{
    // With authentication off the token is not needed, so the keychain is not asked.
    const FinagentRun run = m_finagent->run({QStringLiteral("config"), QStringLiteral("install"),
        QStringLiteral("cursor"), QStringLiteral("--set"), QStringLiteral("http.port=9123"),
        QStringLiteral("--set"), QStringLiteral("http.auth=off")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject entry = jsonOf(fileBytes(pathOf(McpClient::Cursor)))
                                  .value(QStringLiteral("mcpServers"))
                                  .toObject()
                                  .value(QStringLiteral("finagent"))
                                  .toObject();
    QCOMPARE(entry, (QJsonObject {{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9123/mcp")}}));
    QVERIFY(run.out.contains(QLatin1String("(HTTP, token hidden)")));
    QVERIFY(run.out.contains(QLatin1String("the app must be running")));

    const FinagentRun freePort = m_finagent->run({QStringLiteral("config"), QStringLiteral("install"),
        QStringLiteral("vscode"), QStringLiteral("--set"), QStringLiteral("http.port=0")});
    QCOMPARE(freePort.exitCode, 1);
    QVERIFY2(freePort.err.contains(QLatin1String("--stdio")), qPrintable(freePort.err));
    QVERIFY(!QFileInfo::exists(pathOf(McpClient::VsCode)));
}

void TstConfigVerb::printShowsEntryOnly()
{
    const FinagentRun run = m_finagent->run({QStringLiteral("config"), QStringLiteral("install"),
        QStringLiteral("kiro"), QStringLiteral("--stdio"), QStringLiteral("--print")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject printed = jsonOf(run.out.toUtf8());
    QVERIFY(printed.value(QStringLiteral("mcpServers")).toObject().contains(QStringLiteral("finagent")));
    QVERIFY(run.err.contains(pathOf(McpClient::Kiro)));
    QVERIFY(!QFileInfo::exists(pathOf(McpClient::Kiro)));
}

void TstConfigVerb::projectAndUninstall()
{
    QTemporaryDir project;
    FinagentRun run = m_finagent->run({QStringLiteral("config"), QStringLiteral("install"),
        QStringLiteral("claude-code"), QStringLiteral("--stdio"), QStringLiteral("--project"), project.path(),
        QStringLiteral("--name"), QStringLiteral("finance")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString mcpJson = project.filePath(QStringLiteral(".mcp.json"));
    QVERIFY(jsonOf(fileBytes(mcpJson))
                .value(QStringLiteral("mcpServers"))
                .toObject()
                .contains(QStringLiteral("finance")));
    QVERIFY(!QFileInfo::exists(pathOf(McpClient::ClaudeCode)));

    run = m_finagent->run({QStringLiteral("config"), QStringLiteral("install"),
        QStringLiteral("claude-desktop"), QStringLiteral("--project"), project.path()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QLatin1String("no per-project config file")));

    run = m_finagent->run({QStringLiteral("config"), QStringLiteral("uninstall"),
        QStringLiteral("claude-code"), QStringLiteral("--project"), project.path(), QStringLiteral("--name"),
        QStringLiteral("finance")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("Removed the entry \"finance\" from %1").arg(mcpJson)));
    QVERIFY(jsonOf(fileBytes(mcpJson)).value(QStringLiteral("mcpServers")).toObject().isEmpty());
    run = m_finagent->run({QStringLiteral("config"), QStringLiteral("uninstall"), QStringLiteral("cursor")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QLatin1String("nothing to remove")));
}

void TstConfigVerb::statusListsClients()
{
    QVERIFY(m_finagent
                ->run({QStringLiteral("config"), QStringLiteral("install"), QStringLiteral("cursor"),
                    QStringLiteral("--stdio")})
                .exitCode
        == 0);
    QVERIFY(writeBytes(pathOf(McpClient::Kiro), "not json"));
    const FinagentRun run = m_finagent->run({QStringLiteral("config"), QStringLiteral("status")});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.split(QLatin1Char('\n'));
    const auto lineOf = [&lines](const QString& id) {
        for (const QString& l : lines) {
            if (l.startsWith(id + QLatin1Char(' ')))
                return l;
        }
        return QString();
    };
    QVERIFY2(lineOf(QStringLiteral("cursor")).contains(QLatin1String("FinAgent configured (stdio)")),
        qPrintable(run.out));
    QVERIFY(lineOf(QStringLiteral("cursor")).contains(QLatin1String("detected")));
    QVERIFY(lineOf(QStringLiteral("vscode")).contains(QLatin1String("not configured")));
    QVERIFY(lineOf(QStringLiteral("kiro")).contains(QLatin1String("cannot read")));
    QVERIFY(run.out.contains(pathOf(McpClient::VsCode)));
}

QTEST_GUILESS_MAIN(TstConfigVerb)
#include "tst_configverb.moc"
