// The Connect page offscreen, with a temporary home folder: one click writes a client's config
// and shows the snippet; a broken file is reported on its card and left alone.
#include "backend/localbackend.h"
#include "config/jsonconfigtext.h"
#include "config/safeconfigfile.h"
#include "config/settings.h"
#include "fakeendpoint.h"
#include "memorystore.h"
#include "pages/connectpage.h"
#include "protocol/mcpregistry.h"
#include "testenv.h"
#include "uicontext.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFrame>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace
{

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// The entry in a config file; JSONC is fine (VS Code's file may hold comments).
QJsonObject entryIn(const QString& path, const QString& serversKey = QStringLiteral("mcpServers"))
{
    const Result<JsonConfigText> doc = JsonConfigText::parse(fileBytes(path), JsonConfigText::Dialect::Jsonc);
    if (!doc.ok())
        return QJsonObject();
    return doc->object().value(serversKey).toObject().value(QStringLiteral("finagent")).toObject();
}

template<typename T> T* child(QFrame* card, const char* name)
{
    return card ? card->findChild<T*>(QString::fromLatin1(name)) : nullptr;
}

} // namespace

class TstConnectPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void connectWritesFileAndShowsSnippet();
    void invalidFileShowsErrorInPlace();
    void claudeDesktopGetsStdio();
    void missingTokenAsksForStdio();
    void removeKeepsOtherServers();
    void staleEntryOffersUpdate();
    void detectedClientsComeFirst();

private:
    QString pathOf(McpClient client) const
    {
        return ClientPaths::userConfigPath(client, m_home->path(), ClientOs::Linux);
    }
    void makePage();

    std::unique_ptr<TestEnv> m_env;
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<McpRegistry> m_registry;
    std::unique_ptr<LocalBackend> m_backend;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<MemoryStore> m_secrets;
    std::unique_ptr<FakeEndpoint> m_endpoint;
    std::unique_ptr<UiContext> m_context;
    std::unique_ptr<ConnectPage> m_page;
};

void TstConnectPage::init()
{
    m_env = std::make_unique<TestEnv>();
    m_home = std::make_unique<QTemporaryDir>();
    // Nothing here may look at the real home folder.
    m_env->set("HOME", m_home->path().toUtf8());
    m_env->set("XDG_CONFIG_HOME", QDir(m_home->path()).filePath(QStringLiteral(".config")).toUtf8());
    m_registry = std::make_unique<McpRegistry>();
    m_backend = std::make_unique<LocalBackend>(*m_registry);
    m_settings = std::make_unique<Settings>(m_env->configDir());
    m_secrets = std::make_unique<MemoryStore>();
    m_endpoint = std::make_unique<FakeEndpoint>();
    m_context = std::make_unique<UiContext>(*m_backend, *m_settings, *m_secrets, *m_endpoint);
}

void TstConnectPage::cleanup()
{
    m_page.reset();
    m_context.reset();
    m_endpoint.reset();
    m_secrets.reset();
    m_settings.reset();
    m_backend.reset();
    m_registry.reset();
    m_home.reset();
    m_env.reset();
}

void TstConnectPage::makePage()
{
    m_page = std::make_unique<ConnectPage>(*m_context);
    m_page->setClientEnvironment(ClientEnvironment::forHome(m_home->path(), ClientOs::Linux));
    m_page->setFinagentPath(QStringLiteral("/opt/finagent/bin/finagent"));
    m_page->resize(900, 1400);
    m_page->show();
    m_page->activated();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TstConnectPage::connectWritesFileAndShowsSnippet()
{
    makePage();
    QCOMPARE(m_page->pageId(), QStringLiteral("connect"));
    QFrame* cursor = m_page->card(McpClient::Cursor);
    QVERIFY(cursor);
    auto* connect = child<QPushButton>(cursor, "connectButton");
    auto* http = child<QRadioButton>(cursor, "httpChoice");
    auto* snippet = child<QPlainTextEdit>(cursor, "snippetView");
    auto* showToken = child<QToolButton>(cursor, "showTokenButton");
    auto* written = child<QLabel>(cursor, "writtenLabel");
    QVERIFY(connect && http && snippet && showToken && written);
    QVERIFY(http->isChecked());
    QVERIFY(!snippet->isVisible());
    QCOMPARE(connect->text(), QStringLiteral("Connect"));

    QTest::mouseClick(connect, Qt::LeftButton);

    const QString path = pathOf(McpClient::Cursor);
    QVERIFY(QFileInfo::exists(path));
    const QJsonObject entry = entryIn(path);
    QCOMPARE(entry.value(QStringLiteral("url")).toString(), QStringLiteral("http://127.0.0.1:8765/mcp"));
    QCOMPARE(
        entry.value(QStringLiteral("headers")).toObject().value(QStringLiteral("Authorization")).toString(),
        QStringLiteral("Bearer ") + m_endpoint->currentToken);
    QCOMPARE(QFile::permissions(path),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);

    QVERIFY(snippet->isVisible());
    QVERIFY(snippet->toPlainText().contains(QLatin1String("\"Authorization\": \"Bearer ********\"")));
    QVERIFY(!snippet->toPlainText().contains(m_endpoint->currentToken));
    QVERIFY(written->isVisible());
    QVERIFY2(written->text().contains(QDir::toNativeSeparators(path)), qPrintable(written->text()));
    QVERIFY(child<QPushButton>(cursor, "openFolderButton")->isEnabled());

    QVERIFY(showToken->isVisible());
    QTest::mouseClick(showToken, Qt::LeftButton);
    QVERIFY(snippet->toPlainText().contains(m_endpoint->currentToken));
    QCOMPARE(showToken->text(), QStringLiteral("Hide token"));
    QTest::mouseClick(showToken, Qt::LeftButton);
    QVERIFY(!snippet->toPlainText().contains(m_endpoint->currentToken));

    QVERIFY(child<QLabel>(cursor, "statusLabel")
                ->text()
                .contains(QLatin1String("FinAgent is configured (HTTP)")));
    QCOMPARE(connect->text(), QStringLiteral("Update"));
    QVERIFY(child<QPushButton>(cursor, "removeButton")->isEnabled());
    QVERIFY(!child<QLabel>(cursor, "errorLabel")->isVisible());

    // Only Cursor's file was written.
    QVERIFY(!QFileInfo::exists(pathOf(McpClient::VsCode)));
    QVERIFY(!QFileInfo::exists(pathOf(McpClient::ClaudeCode)));
}

void TstConnectPage::invalidFileShowsErrorInPlace()
{
    const QString path = pathOf(McpClient::Cursor);
    const QByteArray broken = "{\n  \"mcpServers\": {\n    \"github\": {\"command\": \"npx\",}\n  }\n}\n";
    QVERIFY(writeBytes(path, broken));
    makePage();
    QFrame* cursor = m_page->card(McpClient::Cursor);
    auto* error = child<QLabel>(cursor, "errorLabel");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QDir::toNativeSeparators(path)), qPrintable(error->text()));
    QVERIFY(error->text().contains(QLatin1String("not valid JSON")));
    QVERIFY(error->text().contains(QLatin1String("line 3")));
    QVERIFY(child<QLabel>(cursor, "statusLabel")->text().contains(QLatin1String("cannot be used")));

    QTest::mouseClick(child<QPushButton>(cursor, "connectButton"), Qt::LeftButton);
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QLatin1String("not valid JSON")));
    QVERIFY(!child<QPlainTextEdit>(cursor, "snippetView")->isVisible());
    QCOMPARE(fileBytes(path), broken);
    QVERIFY(SafeConfigFile(path).backups().isEmpty());

    // Fixed by hand: the next refresh clears the error and Connect works.
    QVERIFY(writeBytes(path, "{\n  \"mcpServers\": {\n    \"github\": {\"command\": \"npx\"}\n  }\n}\n"));
    m_page->refresh();
    QVERIFY(!error->isVisible());
    QTest::mouseClick(child<QPushButton>(cursor, "connectButton"), Qt::LeftButton);
    QVERIFY(!error->isVisible());
    QVERIFY(!entryIn(path).isEmpty());
    QVERIFY(
        child<QLabel>(cursor, "writtenLabel")->text().contains(QLatin1String("previous version is kept")));
}

void TstConnectPage::claudeDesktopGetsStdio()
{
    makePage();
    QFrame* claude = m_page->card(McpClient::ClaudeDesktop);
    QVERIFY(!child<QRadioButton>(claude, "httpChoice")->isVisible());
    QVERIFY(child<QLabel>(claude, "stdioOnlyLabel")->isVisible());
    QTest::mouseClick(child<QPushButton>(claude, "connectButton"), Qt::LeftButton);
    const QJsonObject entry = entryIn(pathOf(McpClient::ClaudeDesktop));
    QCOMPARE(entry.value(QStringLiteral("command")).toString(), QStringLiteral("/opt/finagent/bin/finagent"));
    QCOMPARE(entry.value(QStringLiteral("args")).toArray().first().toString(), QStringLiteral("stdio"));
    // No token in a stdio entry, so nothing to reveal.
    QVERIFY(!child<QToolButton>(claude, "showTokenButton")->isVisible());
    QVERIFY(child<QLabel>(claude, "statusLabel")->text().contains(QLatin1String("configured (stdio)")));
}

void TstConnectPage::missingTokenAsksForStdio()
{
    m_endpoint->currentToken.clear();
    m_endpoint->serving = false;
    makePage();
    QFrame* kiro = m_page->card(McpClient::Kiro);
    auto* error = child<QLabel>(kiro, "errorLabel");
    QTest::mouseClick(child<QPushButton>(kiro, "connectButton"), Qt::LeftButton);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("choose stdio")), qPrintable(error->text()));
    QVERIFY(!QFileInfo::exists(pathOf(McpClient::Kiro)));

    child<QRadioButton>(kiro, "stdioChoice")->click();
    QVERIFY(child<QRadioButton>(kiro, "stdioChoice")->isChecked());
    QTest::mouseClick(child<QPushButton>(kiro, "connectButton"), Qt::LeftButton);
    QVERIFY(!error->isVisible());
    const QJsonObject entry = entryIn(pathOf(McpClient::Kiro));
    QCOMPARE(entry.value(QStringLiteral("command")).toString(), QStringLiteral("/opt/finagent/bin/finagent"));
    QCOMPARE(entry.value(QStringLiteral("autoApprove")).toArray().size(), 15);
}

void TstConnectPage::removeKeepsOtherServers()
{
    const QString path = pathOf(McpClient::VsCode);
    const QByteArray original =
        "{\n  // mine\n  \"servers\": {\n    \"fetch\": {\"type\": \"stdio\", \"command\": \"uvx\"}\n"
        "  },\n  \"inputs\": []\n}\n";
    QVERIFY(writeBytes(path, original));
    makePage();
    QFrame* vscode = m_page->card(McpClient::VsCode);
    auto* remove = child<QPushButton>(vscode, "removeButton");
    QVERIFY(!remove->isEnabled());
    QTest::mouseClick(child<QPushButton>(vscode, "connectButton"), Qt::LeftButton);
    QCOMPARE(entryIn(path, QStringLiteral("servers")).value(QStringLiteral("type")).toString(),
        QStringLiteral("http"));
    QVERIFY(fileBytes(path).contains("// mine"));
    QVERIFY(remove->isEnabled());

    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(fileBytes(path), original);
    QVERIFY(!remove->isEnabled());
    QVERIFY(child<QLabel>(vscode, "writtenLabel")->text().contains(QLatin1String("Removed FinAgent")));
    QVERIFY(child<QLabel>(vscode, "statusLabel")->text().contains(QLatin1String("not configured")));
    QCOMPARE(child<QPushButton>(vscode, "connectButton")->text(), QStringLiteral("Connect"));
}

void TstConnectPage::staleEntryOffersUpdate()
{
    const QString path = pathOf(McpClient::ClaudeCode);
    QVERIFY(writeBytes(path,
        "{\"numStartups\": 3, \"mcpServers\": {\"finagent\": {\"type\": \"http\", \"url\": "
        "\"http://127.0.0.1:8765/mcp\", \"headers\": {\"Authorization\": \"Bearer old\"}}}}"));
    makePage();
    QFrame* claude = m_page->card(McpClient::ClaudeCode);
    QVERIFY(child<QLabel>(claude, "statusLabel")->text().contains(QLatin1String("Update fixes it")));
    QCOMPARE(child<QPushButton>(claude, "connectButton")->text(), QStringLiteral("Update"));
    QTest::mouseClick(child<QPushButton>(claude, "connectButton"), Qt::LeftButton);
    QCOMPARE(entryIn(path)
                 .value(QStringLiteral("headers"))
                 .toObject()
                 .value(QStringLiteral("Authorization"))
                 .toString(),
        QStringLiteral("Bearer ") + m_endpoint->currentToken);
    QCOMPARE(
        QJsonDocument::fromJson(fileBytes(path)).object().value(QStringLiteral("numStartups")).toInt(), 3);
    QVERIFY(child<QLabel>(claude, "statusLabel")
                ->text()
                .contains(QLatin1String("FinAgent is configured (HTTP)")));

    // A new token makes the entry stale again; the card says so after the endpoint reports it.
    m_endpoint->regenerateToken();
    QTRY_VERIFY(child<QLabel>(claude, "statusLabel")->text().contains(QLatin1String("Update fixes it")));
}

void TstConnectPage::detectedClientsComeFirst()
{
    QVERIFY(QDir(m_home->path()).mkpath(QStringLiteral(".kiro")));
    makePage();
    QTRY_VERIFY(m_page->card(McpClient::Kiro)->y() < m_page->card(McpClient::ClaudeDesktop)->y());
    QVERIFY(m_page->card(McpClient::ClaudeDesktop)->y() < m_page->card(McpClient::Cursor)->y());
    QVERIFY(child<QLabel>(m_page->card(McpClient::Kiro), "foundLabel")
                ->text()
                .contains(QLatin1String("was found")));
    QVERIFY(child<QLabel>(m_page->card(McpClient::Cursor), "foundLabel")
                ->text()
                .contains(QLatin1String("not found")));
}

QTEST_MAIN(TstConnectPage)
#include "tst_connectpage.moc"
