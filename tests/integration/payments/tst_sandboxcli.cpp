#include "stdiochild.h"
#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// `finagent sandbox pay|list` on the local database, while a `finagent stdio` process that
// shares it is running: the running process notices the change and notifies its subscriber.
class SandboxCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void payAndListWhileAServerRuns();
    void usageAndErrors();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run sandbox(const QStringList& arguments);
    QProcessEnvironment environment() const;

    TestEnv m_env;
};

QProcessEnvironment SandboxCliTest::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FINAGENT_DATA_DIR"), m_env.dataDir());
    env.insert(QStringLiteral("FINAGENT_CONFIG_DIR"), m_env.configDir());
    env.remove(QStringLiteral("DATABASE_URL"));
    env.remove(QStringLiteral("FINAGENT_PAYMENT_PROVIDER"));
    return env;
}

SandboxCliTest::Run SandboxCliTest::sandbox(const QStringList& arguments)
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(finagentBinary(), QStringList {QStringLiteral("sandbox")} + arguments);
    Run run;
    if (!QTest::qWaitFor([&p]() { return p.state() == QProcess::NotRunning; }, 30000))
        return run;
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

void SandboxCliTest::payAndListWhileAServerRuns()
{
    QVERIFY2(!finagentBinary().isEmpty(), "FINAGENT_BINARY is not set; run through ctest");
    StdioChild server(environment());
    QVERIFY(server.start());
    QVERIFY(server.initialize());
    const QString id = server
                           .callTool(QStringLiteral("create_payment"),
                               {{QStringLiteral("amount"), QStringLiteral("8")},
                                   {QStringLiteral("network"), QStringLiteral("TRC20")}})
                           .value(QStringLiteral("structuredContent"))
                           .toObject()
                           .value(QStringLiteral("invoice_id"))
                           .toString();
    QVERIFY(!id.isEmpty());
    const QString uri = QStringLiteral("payment://invoice/") + id;
    QVERIFY(server
                .waitFor(
                    server.sendRequest(QStringLiteral("resources/subscribe"), {{QStringLiteral("uri"), uri}}))
                .contains(QStringLiteral("result")));

    Run run = sandbox({QStringLiteral("pay"), id, QStringLiteral("--under"), QStringLiteral("2")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("pending -> underpaid"), run.out.constData());
    QVERIFY(run.out.contains("paid 2.000000 of 8.000000 USDT on TRC20"));

    // The running server sees the change made by another process and tells its subscriber.
    QTRY_VERIFY_WITH_TIMEOUT(
        !server.notifications(QStringLiteral("notifications/resources/updated")).isEmpty(), 15000);
    QCOMPARE(server.notifications(QStringLiteral("notifications/resources/updated"))
                 .first()
                 .value(QStringLiteral("params"))
                 .toObject()
                 .value(QStringLiteral("uri"))
                 .toString(),
        uri);

    run = sandbox({QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject listed = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(listed.value(QStringLiteral("total")).toInt(), 1);
    QCOMPARE(listed.value(QStringLiteral("invoices"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("underpaid"));
    run = sandbox({QStringLiteral("list")});
    QVERIFY(run.out.contains(id.toUtf8()));
    QVERIFY(run.out.contains("underpaid"));

    run = sandbox({QStringLiteral("pay"), id});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("underpaid -> paid"));
    const QJsonObject got =
        server.callTool(QStringLiteral("get_invoice"), {{QStringLiteral("invoice_id"), id}})
            .value(QStringLiteral("structuredContent"))
            .toObject();
    QCOMPARE(got.value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
    QCOMPARE(got.value(QStringLiteral("events")).toArray().size(), 3);
    const QJsonObject balance =
        server
            .callTool(QStringLiteral("check_balance"), {{QStringLiteral("network"), QStringLiteral("TRC20")}})
            .value(QStringLiteral("structuredContent"))
            .toObject();
    QCOMPARE(balance.value(QStringLiteral("balances"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("balance"))
                 .toString(),
        QStringLiteral("8.000000"));

    run = sandbox({QStringLiteral("pay"), id, QStringLiteral("--expire")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("already paid"));
    QVERIFY(server.finish());
}

void SandboxCliTest::usageAndErrors()
{
    Run run = sandbox({});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("Usage: finagent sandbox"));
    run = sandbox({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("--under AMOUNT"));
    run = sandbox({QStringLiteral("pay"), QStringLiteral("inv_aaaaaaaaaaaaaaaa"), QStringLiteral("--under"),
        QStringLiteral("1"), QStringLiteral("--over"), QStringLiteral("2")});
    QCOMPARE(run.exitCode, 2);
    run = sandbox({QStringLiteral("pay"), QStringLiteral("inv_aaaaaaaaaaaaaaaa")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("No invoice with id \"inv_aaaaaaaaaaaaaaaa\""));
    run = sandbox({QStringLiteral("refund"), QStringLiteral("x")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("unknown action"));
    run = sandbox({QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("lost")});
    QCOMPARE(run.exitCode, 2);
}

QTEST_GUILESS_MAIN(SandboxCliTest)
#include "tst_sandboxcli.moc"
