// `finagent config install` for HTTP clients takes the access token from the OS keychain (runs
// under tests/support/with-keyring.sh: a private D-Bus session with a fresh gnome-keyring).
#include "clientconfigtesthelpers.h"
#include "finagentrun.h"
#include "testenv.h"

#include <QTest>

class TstConfigVerbKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenFromKeychain();
};

void TstConfigVerbKeychain::tokenFromKeychain()
{
    QVERIFY2(QFileInfo(finagentBinary()).isExecutable(), "FINAGENT_BINARY must name the finagent program");
    TestEnv env;
    QTemporaryDir home;
    const FinagentRunner finagent(home.path());
    const QString cursor = ClientPaths::userConfigPath(McpClient::Cursor, home.path(), ClientOs::Linux);
    const QString claudeCode =
        ClientPaths::userConfigPath(McpClient::ClaudeCode, home.path(), ClientOs::Linux);

    // No token yet: a clear way forward, and no file.
    FinagentRun run =
        finagent.run({QStringLiteral("config"), QStringLiteral("install"), QStringLiteral("cursor")});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("start the FinAgent app once")), qPrintable(run.err));
    QVERIFY(run.err.contains(QLatin1String("--stdio")));
    QVERIFY(!QFileInfo::exists(cursor));

    const QString token = QStringLiteral("kc-token-7d3e9b1f2a6c4e08b5d1f3a7c9e2b4d6");
    run = finagent.run({QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("http/token")},
        token.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    run = finagent.run({QStringLiteral("config"), QStringLiteral("install"), QStringLiteral("cursor"),
        QStringLiteral("--set"), QStringLiteral("http.port=9345")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject entry = jsonOf(fileBytes(cursor))
                                  .value(QStringLiteral("mcpServers"))
                                  .toObject()
                                  .value(QStringLiteral("finagent"))
                                  .toObject();
    QCOMPARE(entry.value(QStringLiteral("url")).toString(), QStringLiteral("http://127.0.0.1:9345/mcp"));
    QCOMPARE(
        entry.value(QStringLiteral("headers")).toObject().value(QStringLiteral("Authorization")).toString(),
        QStringLiteral("Bearer ") + token);
    QCOMPARE(QFile::permissions(cursor), ownerOnly());
    // The token is in the file, never on the terminal.
    QVERIFY(!run.out.contains(token));
    QVERIFY(!run.err.contains(token));
    QVERIFY(run.out.contains(QLatin1String("Bearer ********")));

    run = finagent.run({QStringLiteral("config"), QStringLiteral("install"), QStringLiteral("claude-code"),
        QStringLiteral("--dry-run")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.out.contains(token));
    QVERIFY(!QFileInfo::exists(claudeCode));
    run = finagent.run({QStringLiteral("config"), QStringLiteral("install"), QStringLiteral("claude-code")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject claudeEntry = jsonOf(fileBytes(claudeCode))
                                        .value(QStringLiteral("mcpServers"))
                                        .toObject()
                                        .value(QStringLiteral("finagent"))
                                        .toObject();
    QCOMPARE(claudeEntry.value(QStringLiteral("type")).toString(), QStringLiteral("http"));
    QCOMPARE(
        claudeEntry.value(QStringLiteral("url")).toString(), QStringLiteral("http://127.0.0.1:8765/mcp"));
    QCOMPARE(claudeEntry.value(QStringLiteral("headers"))
                 .toObject()
                 .value(QStringLiteral("Authorization"))
                 .toString(),
        QStringLiteral("Bearer ") + token);
}

QTEST_GUILESS_MAIN(TstConfigVerbKeychain)
#include "tst_configverb_keychain.moc"
