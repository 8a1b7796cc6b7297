#include "fakecoinremitter.h"
#include "stdiochild.h"
#include "testenv.h"

#include "core/securerandom.h"

#include <QJsonArray>
#include <QTest>

// With a CoinRemitter wallet's key and password in the real keychain (a private Secret Service,
// see tests/support/with-keyring.sh), the binary creates invoices, refreshes them and checks
// balances against FakeCoinRemitter with every log category on. Then every file under the
// test's data and config folders, and everything the processes printed, is searched for the
// secret values: they must appear nowhere.
class PaymentsSecretLeakTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void walletSecretsNeverLeaveTheKeychain();

private:
    QProcessEnvironment environment(const QUrl& fakeUrl) const;
    int runSecretsSet(const QString& name, const QString& value, QByteArray& captured);

    TestEnv m_env;
};

QProcessEnvironment PaymentsSecretLeakTest::environment(const QUrl& fakeUrl) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FINAGENT_DATA_DIR"), m_env.dataDir());
    env.insert(QStringLiteral("FINAGENT_CONFIG_DIR"), m_env.configDir());
    env.insert(QStringLiteral("FINAGENT_PAYMENT_PROVIDER"), QStringLiteral("coinremitter"));
    env.insert(QStringLiteral("FINAGENT_COINREMITTER_URL"), fakeUrl.toString() + QStringLiteral("/v1"));
    env.insert(QStringLiteral("FINAGENT_WALLETS"), QStringLiteral("USDTTRC20,USDTERC20"));
    env.insert(QStringLiteral("FINAGENT_REFRESH_INTERVAL_MS"), QStringLiteral("200"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("finagent.*=true"));
    env.remove(QStringLiteral("DATABASE_URL"));
    return env;
}

int PaymentsSecretLeakTest::runSecretsSet(const QString& name, const QString& value, QByteArray& captured)
{
    QProcess p;
    p.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    p.start(finagentBinary(), {QStringLiteral("secrets"), QStringLiteral("set"), name});
    if (!QTest::qWaitFor(
            [&p]() { return p.state() == QProcess::Running || p.state() == QProcess::NotRunning; }, 10000))
        return -1;
    p.write(value.toUtf8() + '\n');
    p.closeWriteChannel();
    if (!QTest::qWaitFor([&p]() { return p.state() == QProcess::NotRunning; }, 60000))
        return -1;
    captured += p.readAllStandardOutput() + p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

void PaymentsSecretLeakTest::walletSecretsNeverLeaveTheKeychain()
{
    QVERIFY2(!finagentBinary().isEmpty(), "FINAGENT_BINARY is not set; run through ctest");
    FakeCoinRemitter fake;
    QVERIFY(fake.start());
    const QString key = QStringLiteral("crkey") + SecureRandom::hex(20);
    const QString password = QStringLiteral("crpass") + SecureRandom::hex(20);
    fake.addWallet(QStringLiteral("USDTTRC20"), key, password, QStringLiteral("42.5"));

    // Stored the way a person does it: the value on stdin, never in argv.
    QByteArray printed;
    QCOMPARE(runSecretsSet(QStringLiteral("coinremitter/USDTTRC20/api_key"), key, printed), 0);
    QCOMPARE(runSecretsSet(QStringLiteral("coinremitter/USDTTRC20/password"), password, printed), 0);

    StdioChild child(environment(fake.baseUrl()));
    QVERIFY(child.start());
    QVERIFY2(child.initialize(), child.standardError().constData());
    const QJsonObject created = child.callTool(QStringLiteral("create_payment"),
        {{QStringLiteral("amount"), QStringLiteral("10")},
            {QStringLiteral("network"), QStringLiteral("TRC20")},
            {QStringLiteral("idempotency_key"), QStringLiteral("leak-1")}});
    QVERIFY2(!created.value(QStringLiteral("isError")).toBool(), child.standardError().constData());
    const QString id = created.value(QStringLiteral("structuredContent"))
                           .toObject()
                           .value(QStringLiteral("invoice_id"))
                           .toString();
    QCOMPARE(fake.invoiceIds().size(), 1);

    // The background refresh asks CoinRemitter and applies the payment.
    QVERIFY(fake.setInvoiceStatus(fake.invoiceIds().first(), FakeCoinRemitter::Paid));
    QTRY_COMPARE_WITH_TIMEOUT(
        child.callTool(QStringLiteral("get_invoice"), {{QStringLiteral("invoice_id"), id}})
            .value(QStringLiteral("structuredContent"))
            .toObject()
            .value(QStringLiteral("status"))
            .toString(),
        QStringLiteral("paid"), 20000);

    const QJsonObject balance = child.callTool(QStringLiteral("check_balance"), {});
    const QJsonArray balances = balance.value(QStringLiteral("structuredContent"))
                                    .toObject()
                                    .value(QStringLiteral("balances"))
                                    .toArray();
    QCOMPARE(
        balances.at(0).toObject().value(QStringLiteral("balance")).toString(), QStringLiteral("52.500000"));
    // The other wallet has no key: its error names the secret, not any value.
    QCOMPARE(balances.at(1)
                 .toObject()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
        QStringLiteral("wallet_not_configured"));
    child.callTool(QStringLiteral("health_check"), {});
    QVERIFY(child.finish());
    printed += child.standardError();

    // The keys really went to CoinRemitter (so the search below means something).
    QCOMPARE(fake.requests(QStringLiteral("/v1/wallet/balance")).first().header("x-api-key"), key.toUtf8());
    QCOMPARE(fake.requests(QStringLiteral("/v1/wallet/balance")).first().header("x-api-password"),
        password.toUtf8());

    const QStringList files = m_env.allFiles();
    QVERIFY2(files.size() >= 1, "the run wrote no file at all");
    bool sawDatabase = false;
    for (const QString& file : files) {
        sawDatabase = sawDatabase || file.endsWith(QLatin1String("finagent.db"));
        const QByteArray content = readWholeFile(file);
        for (const QString& secret : {key, password}) {
            QVERIFY2(!content.contains(secret.toUtf8()),
                qPrintable(QStringLiteral("a secret value is in %1").arg(file)));
            QVERIFY2(!content.contains(secret.toUtf8().toBase64()),
                qPrintable(QStringLiteral("a secret value is in %1").arg(file)));
        }
    }
    QVERIFY(sawDatabase);
    QVERIFY(printed.contains("finagent.payments")); // the logs were on
    for (const QString& secret : {key, password})
        QVERIFY2(!printed.contains(secret.toUtf8()), "a secret value was printed");
}

QTEST_GUILESS_MAIN(PaymentsSecretLeakTest)
#include "tst_payments_secretleak.moc"
