// ClientConfigWriter against every client: merge, create, replace, refuse, back up, dry run.
#include "clientconfigtesthelpers.h"
#include "config/safeconfigfile.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(McpClient)

namespace
{

const QString kProgram = QStringLiteral("/opt/FinAgent Desktop/bin/finagent");
const QString kToken = QStringLiteral("tok-4f9a1c27e0b84d55a3e1c6b2d7f80911");

} // namespace

class TstClientConfigWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();

    void everyClient_data();
    void mergesKeepingEverythingElse_data() { everyClient_data(); }
    void mergesKeepingEverythingElse();
    void createsMissingFileOwnerOnly_data() { everyClient_data(); }
    void createsMissingFileOwnerOnly();
    void replacesStaleEntry_data() { everyClient_data(); }
    void replacesStaleEntry();
    void refusesInvalidJson_data() { everyClient_data(); }
    void refusesInvalidJson();
    void backupsRotate_data() { everyClient_data(); }
    void backupsRotate();
    void dryRunWritesNothing_data() { everyClient_data(); }
    void dryRunWritesNothing();
    void unchangedWritesNothing_data() { everyClient_data(); }
    void unchangedWritesNothing();
    void uninstallRemovesOnlyOurs_data() { everyClient_data(); }
    void uninstallRemovesOnlyOurs();
    void statusReportsEntry_data() { everyClient_data(); }
    void statusReportsEntry();

    void entryShapes();
    void kiroAutoApprovesReadOnlyTools();
    void snippetMasksToken();
    void vscodeKeepsCommentsOthersRefuseThem();
    void projectScope();
    void refusesBadRequests();
    void followsSymlinks();
    void notAnObjectOrDuplicates();
    void changedMeanwhileIsLeftAlone();
    void clientNames();

private:
    InstallRequest request(McpClient client, bool stdio) const;
    QString pathOf(McpClient client) const;

    std::unique_ptr<QTemporaryDir> m_home;
};

void TstClientConfigWriter::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
}

InstallRequest TstClientConfigWriter::request(McpClient client, bool stdio) const
{
    InstallRequest r;
    r.client = client;
    r.environment = ClientEnvironment::forHome(m_home->path(), ClientOs::Linux);
    r.useStdio = stdio;
    r.finagentPath = kProgram;
    r.mcpUrl = QUrl(QStringLiteral("http://127.0.0.1:8765/mcp"));
    r.token = kToken;
    return r;
}

QString TstClientConfigWriter::pathOf(McpClient client) const
{
    return ClientPaths::userConfigPath(client, m_home->path(), ClientOs::Linux);
}

void TstClientConfigWriter::everyClient_data()
{
    QTest::addColumn<McpClient>("client");
    QTest::addColumn<bool>("stdio");
    for (McpClient c : ClientConfig::allClients()) {
        const ClientInfo& info = ClientConfig::info(c);
        if (info.supportsHttp)
            QTest::newRow(qPrintable(info.id + QStringLiteral(" http"))) << c << false;
        QTest::newRow(qPrintable(info.id + QStringLiteral(" stdio"))) << c << true;
    }
}

void TstClientConfigWriter::mergesKeepingEverythingElse()
{
    QFETCH(McpClient, client);
    QFETCH(bool, stdio);
    const QString path = pathOf(client);
    const QByteArray original = populatedConfig(client);
    QVERIFY(writeBytes(path, original));
    QVERIFY(QFile::setPermissions(path,
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const QFileDevice::Permissions modeBefore = QFile::permissions(path);

    const Result<InstallResult> result = ClientConfigWriter::install(request(client, stdio));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QVERIFY(result->written);
    QCOMPARE(result->plan.change, InstallPlan::Change::AddEntry);
    QCOMPARE(result->plan.path, path);

    const QByteArray after = fileBytes(path);
    const QString key = ClientConfig::info(client).serversKey;
    QJsonObject expected = jsonOf(original);
    QJsonObject servers = expected.value(key).toObject();
    servers.insert(QStringLiteral("finagent"), ClientConfigWriter::entryFor(request(client, stdio)));
    expected.insert(key, servers);
    QCOMPARE(jsonOf(after), expected);
    QCOMPARE(result->plan.after, expected);
    QCOMPARE(result->plan.before, jsonOf(original));

    // Other keys keep their place: the file is the original with our lines inserted.
    const qsizetype ours = after.indexOf("\"finagent\"");
    QVERIFY(ours > 0);
    QVERIFY(after.indexOf("\"globalShortcut\"") < after.indexOf("\"github\""));
    QVERIFY(after.indexOf("\"remote-docs\"") < ours);
    QVERIFY(ours < after.indexOf("\"projects\""));
    QVERIFY(after.indexOf("\"projects\"") < after.indexOf("\"numStartups\""));
    QVERIFY(after.contains(
        "\"projects\": {\"/home/ann/src\": {\"allowedTools\": [], \"history\": [1, 2.5, null, true]}},"));
    QCOMPARE(QFile::permissions(path), modeBefore);

    // The previous content is the backup, owner-only.
    QVERIFY(!result->backupPath.isEmpty());
    QCOMPARE(fileBytes(result->backupPath), original);
    QCOMPARE(QFile::permissions(result->backupPath) & 0x0fff, ownerOnly() & 0x0fff);
}

void TstClientConfigWriter::createsMissingFileOwnerOnly()
{
    QFETCH(McpClient, client);
    QFETCH(bool, stdio);
    const QString path = pathOf(client);
    const QString folder = QFileInfo(path).absolutePath();
    QVERIFY(folder == m_home->path() || !QFileInfo::exists(folder));

    const Result<InstallResult> result = ClientConfigWriter::install(request(client, stdio));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result->plan.change, InstallPlan::Change::CreateFile);
    QVERIFY(result->plan.createsFile);
    QVERIFY(result->backupPath.isEmpty());
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(QFile::permissions(path), ownerOnly());
    const QJsonObject written = jsonOf(fileBytes(path));
    QCOMPARE(written.keys(), QStringList {ClientConfig::info(client).serversKey});
    QCOMPARE(written.value(ClientConfig::info(client).serversKey)
                 .toObject()
                 .value(QStringLiteral("finagent"))
                 .toObject(),
        ClientConfigWriter::entryFor(request(client, stdio)));
    QVERIFY(fileBytes(path).endsWith("}\n"));
}

void TstClientConfigWriter::replacesStaleEntry()
{
    QFETCH(McpClient, client);
    QFETCH(bool, stdio);
    const QString path = pathOf(client);
    const QString key = ClientConfig::info(client).serversKey;
    const QByteArray stale = QByteArray("{\n  \"") + key.toUtf8()
        + QByteArray("\": {\n    \"other\": {\"command\": \"x\"},\n"
                     "    \"finagent\": {\n      \"url\": \"http://127.0.0.1:9999/mcp\",\n"
                     "      \"headers\": {\"Authorization\": \"Bearer old\"}\n    },\n"
                     "    \"last\": {\"command\": \"y\"}\n  }\n}\n");
    QVERIFY(writeBytes(path, stale));

    const Result<InstallResult> result = ClientConfigWriter::install(request(client, stdio));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result->plan.change, InstallPlan::Change::ReplaceEntry);
    const QByteArray after = fileBytes(path);
    QCOMPARE(after.count("\"finagent\""), 1);
    QVERIFY(!after.contains("Bearer old"));
    QVERIFY(!after.contains("9999"));
    const QJsonObject servers = jsonOf(after).value(key).toObject();
    QCOMPARE(servers.keys(),
        (QStringList {QStringLiteral("finagent"), QStringLiteral("last"), QStringLiteral("other")}));
    QCOMPARE(servers.value(QStringLiteral("finagent")).toObject(),
        ClientConfigWriter::entryFor(request(client, stdio)));
    QVERIFY(after.startsWith(QByteArray(
        "{\n  \"" + key.toUtf8() + "\": {\n    \"other\": {\"command\": \"x\"},\n    \"finagent\": {\n")));
    QVERIFY(after.endsWith("    },\n    \"last\": {\"command\": \"y\"}\n  }\n}\n"));
}

void TstClientConfigWriter::refusesInvalidJson()
{
    QFETCH(McpClient, client);
    QFETCH(bool, stdio);
    const QString path = pathOf(client);
    const QByteArray broken = "{\n  \"mcpServers\": {\n    \"github\": {\"command\": \"npx\"\n  }\n";
    QVERIFY(writeBytes(path, broken));

    const Result<InstallResult> result = ClientConfigWriter::install(request(client, stdio));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("config_invalid_json"));
    QVERIFY2(
        result.error().message.contains(QDir::toNativeSeparators(path)), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(QLatin1String("line")), qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(QLatin1String("not changed")));
    QCOMPARE(fileBytes(path), broken);
    QVERIFY(SafeConfigFile(path).backups().isEmpty());
    QVERIFY(!ClientConfigWriter::plan(request(client, stdio)).ok());
    QVERIFY(!ClientConfigWriter::uninstall(request(client, stdio)).ok());
    QCOMPARE(fileBytes(path), broken);
    QVERIFY(!ClientConfigWriter::status(request(client, stdio)).problem.isNull());
}

void TstClientConfigWriter::backupsRotate()
{
    QFETCH(McpClient, client);
    QFETCH(bool, stdio);
    const QString path = pathOf(client);
    QVERIFY(writeBytes(path, populatedConfig(client)));
    QByteArray previous;
    for (int i = 0; i < 5; ++i) {
        InstallRequest r = request(client, stdio);
        r.token = kToken + QString::number(i);
        r.finagentPath = kProgram + QString::number(i);
        previous = fileBytes(path);
        const Result<InstallResult> result = ClientConfigWriter::install(r);
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QVERIFY(result->written);
        QCOMPARE(fileBytes(result->backupPath), previous);
    }
    const QStringList backups = SafeConfigFile(path).backups();
    QCOMPARE(backups.size(), 3);
    for (const QString& b : backups) {
        QVERIFY(QFileInfo(b).fileName().startsWith(
            QFileInfo(path).fileName() + QStringLiteral(".finagent-backup-")));
        QCOMPARE(QFileInfo(b).absolutePath(), QFileInfo(path).absolutePath());
    }
    // The newest backup is the content just before the last write; the oldest ones are gone.
    QCOMPARE(fileBytes(backups.last()), previous);
    QVERIFY(fileBytes(backups.first()) != populatedConfig(client));
}

void TstClientConfigWriter::dryRunWritesNothing()
{
    QFETCH(McpClient, client);
    QFETCH(bool, stdio);
    const QString path = pathOf(client);

    // Missing file: not even the folder appears.
    Result<InstallPlan> plan = ClientConfigWriter::plan(request(client, stdio));
    QVERIFY2(plan.ok(), qPrintable(plan.error().message));
    QCOMPARE(plan->change, InstallPlan::Change::CreateFile);
    QVERIFY(!QFileInfo::exists(path));
    const QString folder = QFileInfo(path).absolutePath();
    QVERIFY(folder == m_home->path() || !QFileInfo::exists(folder));
    QVERIFY(jsonOf(plan->afterText).contains(ClientConfig::info(client).serversKey));

    const QByteArray original = populatedConfig(client);
    QVERIFY(writeBytes(path, original));
    const QDateTime modified = QFileInfo(path).lastModified();
    plan = ClientConfigWriter::plan(request(client, stdio));
    QVERIFY(plan.ok());
    QCOMPARE(plan->change, InstallPlan::Change::AddEntry);
    QCOMPARE(plan->beforeText, std::optional<QByteArray>(original));
    QVERIFY(plan->afterText.contains("\"finagent\""));
    QCOMPARE(fileBytes(path), original);
    QCOMPARE(QFileInfo(path).lastModified(), modified);
    QVERIFY(SafeConfigFile(path).backups().isEmpty());
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files | QDir::Hidden).size(), 1);

    QVERIFY(ClientConfigWriter::install(request(client, stdio)).ok());
    const QByteArray installed = fileBytes(path);
    const Result<UninstallResult> dry = ClientConfigWriter::uninstall(request(client, stdio), true);
    QVERIFY(dry.ok());
    QVERIFY(dry->removed);
    QCOMPARE(fileBytes(path), installed);
}

void TstClientConfigWriter::unchangedWritesNothing()
{
    QFETCH(McpClient, client);
    QFETCH(bool, stdio);
    const QString path = pathOf(client);
    QVERIFY(writeBytes(path, populatedConfig(client)));
    QVERIFY(ClientConfigWriter::install(request(client, stdio)).ok());
    const QByteArray once = fileBytes(path);
    const Result<InstallResult> again = ClientConfigWriter::install(request(client, stdio));
    QVERIFY(again.ok());
    QVERIFY(!again->written);
    QCOMPARE(again->plan.change, InstallPlan::Change::Unchanged);
    QCOMPARE(fileBytes(path), once);
    QCOMPARE(SafeConfigFile(path).backups().size(), 1);
}

void TstClientConfigWriter::uninstallRemovesOnlyOurs()
{
    QFETCH(McpClient, client);
    QFETCH(bool, stdio);
    const QString path = pathOf(client);
    const QByteArray original = populatedConfig(client);
    QVERIFY(writeBytes(path, original));
    QVERIFY(ClientConfigWriter::install(request(client, stdio)).ok());

    const Result<UninstallResult> removed = ClientConfigWriter::uninstall(request(client, stdio));
    QVERIFY2(removed.ok(), qPrintable(removed.error().message));
    QVERIFY(removed->removed);
    QVERIFY(!removed->backupPath.isEmpty());
    // Install then uninstall gives back the very same bytes.
    QCOMPARE(fileBytes(path), original);

    const Result<UninstallResult> again = ClientConfigWriter::uninstall(request(client, stdio));
    QVERIFY(again.ok());
    QVERIFY(!again->removed);
    QCOMPARE(fileBytes(path), original);
}

void TstClientConfigWriter::statusReportsEntry()
{
    QFETCH(McpClient, client);
    QFETCH(bool, stdio);
    ClientStatus s = ClientConfigWriter::status(request(client, stdio));
    QVERIFY(s.problem.isNull());
    QVERIFY(!s.fileExists);
    QVERIFY(!s.configured);

    QVERIFY(ClientConfigWriter::install(request(client, stdio)).ok());
    // Asked with the other transport: the status still describes the entry that is there.
    s = ClientConfigWriter::status(request(client, !stdio));
    QVERIFY(s.fileExists);
    QVERIFY(s.configured);
    QVERIFY(s.upToDate);
    QCOMPARE(s.transport, ClientConfig::transportFor(client, stdio));

    InstallRequest newer = request(client, stdio);
    newer.token = QStringLiteral("regenerated-token-0123456789");
    newer.finagentPath = QStringLiteral("/usr/bin/finagent");
    s = ClientConfigWriter::status(newer);
    QVERIFY(s.configured);
    QVERIFY(!s.upToDate);
}

void TstClientConfigWriter::entryShapes()
{
    const auto entry = [this](McpClient c, bool stdio) {
        return ClientConfigWriter::entryFor(request(c, stdio));
    };
    const QJsonObject headers {
        {QStringLiteral("Authorization"), QString(QStringLiteral("Bearer ") + kToken)}};
    const QJsonValue url(QStringLiteral("http://127.0.0.1:8765/mcp"));
    const QJsonArray args {QStringLiteral("stdio")};

    // Claude Desktop skips url entries: always the command form.
    QCOMPARE(entry(McpClient::ClaudeDesktop, false),
        (QJsonObject {{QStringLiteral("command"), kProgram}, {QStringLiteral("args"), args}}));
    QCOMPARE(entry(McpClient::ClaudeCode, false),
        (QJsonObject {{QStringLiteral("type"), QStringLiteral("http")}, {QStringLiteral("url"), url},
            {QStringLiteral("headers"), headers}}));
    QCOMPARE(entry(McpClient::ClaudeCode, true),
        (QJsonObject {{QStringLiteral("type"), QStringLiteral("stdio")},
            {QStringLiteral("command"), kProgram}, {QStringLiteral("args"), args}}));
    QCOMPARE(entry(McpClient::Cursor, false),
        (QJsonObject {{QStringLiteral("url"), url}, {QStringLiteral("headers"), headers}}));
    QCOMPARE(entry(McpClient::Cursor, true),
        (QJsonObject {{QStringLiteral("command"), kProgram}, {QStringLiteral("args"), args}}));
    QCOMPARE(entry(McpClient::VsCode, false),
        (QJsonObject {{QStringLiteral("type"), QStringLiteral("http")}, {QStringLiteral("url"), url},
            {QStringLiteral("headers"), headers}}));
    QCOMPARE(entry(McpClient::VsCode, true),
        (QJsonObject {{QStringLiteral("type"), QStringLiteral("stdio")},
            {QStringLiteral("command"), kProgram}, {QStringLiteral("args"), args}}));
    QCOMPARE(entry(McpClient::Kiro, false).value(QStringLiteral("url")), url);
    QCOMPARE(entry(McpClient::Kiro, false).value(QStringLiteral("headers")).toObject(), headers);
    QCOMPARE(entry(McpClient::Kiro, true).value(QStringLiteral("command")).toString(), kProgram);

    // Without a token (a server with authentication off) there is no header.
    InstallRequest noToken = request(McpClient::Cursor, false);
    noToken.token.clear();
    QVERIFY(!ClientConfigWriter::entryFor(noToken).contains(QStringLiteral("headers")));

    // Written in the usual key order, not alphabetically.
    QVERIFY(ClientConfigWriter::install(request(McpClient::VsCode, false)).ok());
    const QByteArray text = fileBytes(pathOf(McpClient::VsCode));
    QVERIFY(text.indexOf("\"type\"") < text.indexOf("\"url\""));
    QVERIFY(text.indexOf("\"url\"") < text.indexOf("\"headers\""));
    QVERIFY(text.startsWith("{\n  \"servers\": {\n    \"finagent\": {\n      \"type\": \"http\",\n"));
}

void TstClientConfigWriter::kiroAutoApprovesReadOnlyTools()
{
    const QStringList readOnly {QStringLiteral("get_spot_price"), QStringLiteral("get_ticker_24h"),
        QStringLiteral("get_klines"), QStringLiteral("get_funding_rate"),
        QStringLiteral("comprehensive_analysis"), QStringLiteral("analyze_kline_patterns"),
        QStringLiteral("get_price"), QStringLiteral("get_coin_data"), QStringLiteral("search_coins"),
        QStringLiteral("get_trending"), QStringLiteral("get_usdt_price"), QStringLiteral("check_balance"),
        QStringLiteral("list_invoices"), QStringLiteral("get_invoice"), QStringLiteral("health_check")};
    for (bool stdio : {false, true}) {
        QVERIFY(ClientConfigWriter::install(request(McpClient::Kiro, stdio)).ok());
        const QJsonObject entry = jsonOf(fileBytes(pathOf(McpClient::Kiro)))
                                      .value(QStringLiteral("mcpServers"))
                                      .toObject()
                                      .value(QStringLiteral("finagent"))
                                      .toObject();
        QCOMPARE(entry.value(QStringLiteral("autoApprove")).toArray(), QJsonArray::fromStringList(readOnly));
        QVERIFY(
            !entry.value(QStringLiteral("autoApprove")).toArray().contains(QStringLiteral("create_payment")));
        QCOMPARE(entry.value(QStringLiteral("disabled")), QJsonValue(false));
    }
    for (McpClient c :
        {McpClient::ClaudeDesktop, McpClient::ClaudeCode, McpClient::Cursor, McpClient::VsCode})
        QVERIFY(!ClientConfigWriter::entryFor(request(c, false)).contains(QStringLiteral("autoApprove")));
}

void TstClientConfigWriter::snippetMasksToken()
{
    const Result<InstallPlan> plan = ClientConfigWriter::plan(request(McpClient::Cursor, false));
    QVERIFY(plan.ok());
    QVERIFY(!plan->snippet.contains(kToken));
    QVERIFY(plan->snippet.contains(QStringLiteral("\"Authorization\": \"Bearer ********\"")));
    QVERIFY(plan->snippet.startsWith(QStringLiteral("{\n  \"mcpServers\": {\n    \"finagent\": {\n")));
    QVERIFY(plan->revealedSnippet.contains(QStringLiteral("Bearer ") + kToken));
    QCOMPARE(plan->entry.value(QStringLiteral("headers"))
                 .toObject()
                 .value(QStringLiteral("Authorization"))
                 .toString(),
        QStringLiteral("Bearer ") + kToken);
}

void TstClientConfigWriter::vscodeKeepsCommentsOthersRefuseThem()
{
    const QByteArray jsonc =
        "{\n"
        "  // Copilot servers\n"
        "  \"inputs\": [{\"id\": \"key\", \"type\": \"promptString\", \"password\": true}],\n"
        "  \"servers\": {\n"
        "    /* the usual one */\n"
        "    \"fetch\": {\"type\": \"stdio\", \"command\": \"uvx\", \"args\": [\"mcp-server-fetch\"]},\n"
        "  },\n"
        "}\n";
    const QString vscode = pathOf(McpClient::VsCode);
    QVERIFY(writeBytes(vscode, jsonc));
    const Result<InstallResult> result = ClientConfigWriter::install(request(McpClient::VsCode, false));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const QByteArray after = fileBytes(vscode);
    QVERIFY(after.contains("  // Copilot servers\n"));
    QVERIFY(after.contains("    /* the usual one */\n    \"fetch\""));
    QVERIFY(
        result->plan.after.value(QStringLiteral("servers")).toObject().contains(QStringLiteral("finagent")));
    QVERIFY(result->plan.after.value(QStringLiteral("inputs")).isArray());
    QVERIFY(ClientConfigWriter::uninstall(request(McpClient::VsCode, false)).ok());
    QCOMPARE(fileBytes(vscode), jsonc);

    // Cursor reads plain JSON: a comment there is refused, not destroyed.
    const QString cursor = pathOf(McpClient::Cursor);
    const QByteArray commented = "{\n  // mine\n  \"mcpServers\": {}\n}\n";
    QVERIFY(writeBytes(cursor, commented));
    const Result<InstallResult> refused = ClientConfigWriter::install(request(McpClient::Cursor, false));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("config_comment"));
    QVERIFY(refused.error().message.contains(QLatin1String("line 2")));
    QVERIFY(refused.error().message.contains(QLatin1String("Cursor")));
    QCOMPARE(fileBytes(cursor), commented);
}

void TstClientConfigWriter::projectScope()
{
    QTemporaryDir project;
    InstallRequest r = request(McpClient::ClaudeCode, false);
    r.scope = ClientScope::Project;
    r.projectDir = project.path();
    QVERIFY(ClientConfigWriter::install(r).ok());
    QVERIFY(QFileInfo::exists(project.filePath(QStringLiteral(".mcp.json"))));
    QVERIFY(!QFileInfo::exists(pathOf(McpClient::ClaudeCode)));

    r.client = McpClient::VsCode;
    QVERIFY(ClientConfigWriter::install(r).ok());
    QVERIFY(jsonOf(fileBytes(project.filePath(QStringLiteral(".vscode/mcp.json"))))
                .contains(QStringLiteral("servers")));

    r.client = McpClient::ClaudeDesktop;
    const Result<InstallResult> refused = ClientConfigWriter::install(r);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("invalid_request"));

    r.client = McpClient::Cursor;
    r.projectDir = project.filePath(QStringLiteral("missing"));
    QVERIFY(!ClientConfigWriter::install(r).ok());
    QVERIFY(!QFileInfo::exists(r.projectDir));
}

void TstClientConfigWriter::refusesBadRequests()
{
    InstallRequest r = request(McpClient::Cursor, false);
    r.serverName = QStringLiteral("fin agent");
    QCOMPARE(ClientConfigWriter::plan(r).error().code, QStringLiteral("invalid_request"));
    r = request(McpClient::Cursor, false);
    r.mcpUrl = QUrl(QStringLiteral("ftp://127.0.0.1/mcp"));
    QCOMPARE(ClientConfigWriter::plan(r).error().code, QStringLiteral("invalid_request"));
    r = request(McpClient::ClaudeDesktop, true);
    r.finagentPath = QStringLiteral("finagent");
    const Result<InstallPlan> relative = ClientConfigWriter::plan(r);
    QCOMPARE(relative.error().code, QStringLiteral("invalid_request"));
    QVERIFY(relative.error().message.contains(QLatin1String("Claude Desktop")));
    QVERIFY(!QFileInfo::exists(pathOf(McpClient::ClaudeDesktop)));

    // A custom entry name is used as given.
    r = request(McpClient::Cursor, true);
    r.serverName = QStringLiteral("finagent-dev");
    QVERIFY(ClientConfigWriter::install(r).ok());
    QVERIFY(jsonOf(fileBytes(pathOf(McpClient::Cursor)))
                .value(QStringLiteral("mcpServers"))
                .toObject()
                .contains(QStringLiteral("finagent-dev")));
}

void TstClientConfigWriter::followsSymlinks()
{
    const QString real = m_home->filePath(QStringLiteral("dotfiles/cursor-mcp.json"));
    QVERIFY(writeBytes(real, populatedConfig(McpClient::Cursor)));
    const QString link = pathOf(McpClient::Cursor);
    QDir().mkpath(QFileInfo(link).absolutePath());
    QVERIFY(QFile::link(real, link));
    QVERIFY(ClientConfigWriter::install(request(McpClient::Cursor, false)).ok());
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(fileBytes(real).contains("\"finagent\""));
}

void TstClientConfigWriter::notAnObjectOrDuplicates()
{
    const QString path = pathOf(McpClient::Kiro);
    const QByteArray array = "[\"mcpServers\"]\n";
    QVERIFY(writeBytes(path, array));
    QCOMPARE(ClientConfigWriter::install(request(McpClient::Kiro, false)).error().code,
        QStringLiteral("config_not_object"));
    QCOMPARE(fileBytes(path), array);

    const QByteArray wrongType = "{\"mcpServers\": [\"finagent\"]}";
    QVERIFY(writeBytes(path, wrongType));
    QCOMPARE(ClientConfigWriter::install(request(McpClient::Kiro, false)).error().code,
        QStringLiteral("config_servers_not_object"));
    QCOMPARE(fileBytes(path), wrongType);

    const QByteArray twice = "{\"mcpServers\": {\"finagent\": {}, \"finagent\": {\"command\": \"x\"}}}";
    QVERIFY(writeBytes(path, twice));
    const Result<InstallResult> dup = ClientConfigWriter::install(request(McpClient::Kiro, false));
    QCOMPARE(dup.error().code, QStringLiteral("config_duplicate_key"));
    QVERIFY(dup.error().message.contains(QLatin1String("\"finagent\"")));
    QCOMPARE(fileBytes(path), twice);

    QVERIFY(writeBytes(path, QByteArray()));
    QVERIFY(ClientConfigWriter::install(request(McpClient::Kiro, false)).ok());
    QVERIFY(jsonOf(fileBytes(path)).contains(QStringLiteral("mcpServers")));
}

void TstClientConfigWriter::changedMeanwhileIsLeftAlone()
{
    const QString path = pathOf(McpClient::ClaudeCode);
    QVERIFY(writeBytes(path, "{\"numStartups\": 1}"));
    const SafeConfigFile file(path);
    const Result<QString> replaced = file.replace(QByteArray("{\"numStartups\": 0}"), QByteArray("{}"));
    QVERIFY(!replaced.ok());
    QCOMPARE(replaced.error().code, QStringLiteral("config_changed"));
    QCOMPARE(fileBytes(path), QByteArray("{\"numStartups\": 1}"));
    QVERIFY(file.backups().isEmpty());
    // And a file that appeared since it was found missing.
    QVERIFY(!file.replace(std::nullopt, QByteArray("{}")).ok());
}

void TstClientConfigWriter::clientNames()
{
    QCOMPARE(ClientConfig::names(),
        (QStringList {QStringLiteral("claude-desktop"), QStringLiteral("claude-code"),
            QStringLiteral("cursor"), QStringLiteral("vscode"), QStringLiteral("kiro")}));
    QCOMPARE(ClientConfig::fromName(QStringLiteral("VS Code")), std::optional<McpClient>(McpClient::VsCode));
    QCOMPARE(ClientConfig::fromName(QStringLiteral("claude_desktop")),
        std::optional<McpClient>(McpClient::ClaudeDesktop));
    QString suggestion;
    QVERIFY(!ClientConfig::fromName(QStringLiteral("cursr"), &suggestion));
    QCOMPARE(suggestion, QStringLiteral("cursor"));
    QVERIFY(!ClientConfig::fromName(QStringLiteral("claude"), &suggestion));
    QCOMPARE(suggestion, QStringLiteral("claude-desktop or claude-code"));
    QVERIFY(!ClientConfig::fromName(QStringLiteral("kirro"), &suggestion));
    QCOMPARE(suggestion, QStringLiteral("kiro"));
    QVERIFY(!ClientConfig::fromName(QStringLiteral("emacs"), &suggestion));
    QVERIFY(suggestion.isEmpty());
}

QTEST_GUILESS_MAIN(TstClientConfigWriter)
#include "tst_clientconfigwriter.moc"
