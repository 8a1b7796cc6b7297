#include "memorysecretstore.h"
#include "secrettesthelpers.h"
#include "security/envsecretstore.h"
#include "security/secretnames.h"
#include "security/secretscommand.h"

#include <QBuffer>
#include <QTest>
#include <QTextStream>

namespace
{

struct CommandRun
{
    int exitCode = -1;
    bool finishedDuringStart = false;
    int finishedCount = 0;
    QString out;
    QString err;
    qint64 stdinConsumed = 0;
};

CommandRun runCommand(SecretStore& store, const QStringList& args, const QByteArray& input = {})
{
    QBuffer in;
    in.setData(input);
    in.open(QIODevice::ReadOnly);
    CommandRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    SecretsCommand command(store, &in, out, err);
    QSignalSpy finished(&command, &SecretsCommand::finished);
    command.start(args);
    run.finishedDuringStart = !finished.isEmpty();
    if (finished.isEmpty())
        finished.wait(10000);
    QTest::qWait(0); // a second finished() would be queued by now
    run.finishedCount = int(finished.size());
    if (!finished.isEmpty())
        run.exitCode = finished.first().first().toInt();
    run.stdinConsumed = in.pos();
    out.flush();
    err.flush();
    return run;
}

} // namespace

class TstSecretsCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void setReadsStdin();
    void setTrimsOneNewline_data();
    void setTrimsOneNewline();
    void setRefusesEmptyValue_data();
    void setRefusesEmptyValue();
    void setRefusesValueInArguments();
    void setRefusesUnknownNames_data();
    void setRefusesUnknownNames();
    void setRefusesOversizedValue();
    void setReportsStoreFailure();
    void setOnReadOnlyStore();
    void listPrintsNamesOnly();
    void listEmpty();
    void deleteRemoves();
    void deleteUsageErrors_data();
    void deleteUsageErrors();
    void deleteOnReadOnlyStore();
    void statusWorking();
    void statusOfOneSecret();
    void statusFailing();
    void usage_data();
    void usage();
};

void TstSecretsCommand::setReadsStdin()
{
    MemorySecretStore store;
    const CommandRun run =
        runCommand(store, {QStringLiteral("set"), SecretNames::coingeckoKey()}, QByteArray("CG-pipe-1234\n"));
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.finishedDuringStart);
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(store.values.value(SecretNames::coingeckoKey()), QStringLiteral("CG-pipe-1234"));
    QVERIFY2(
        run.out.contains(QLatin1String("Stored coingecko/api_key in the test memory.")), qPrintable(run.out));
    QVERIFY(!run.out.contains(QLatin1String("CG-pipe-1234")));
    QVERIFY(!run.err.contains(QLatin1String("CG-pipe-1234")));
}

void TstSecretsCommand::setTrimsOneNewline_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("stored");
    QTest::newRow("no newline") << QByteArray("v1") << QStringLiteral("v1");
    QTest::newRow("newline") << QByteArray("v1\n") << QStringLiteral("v1");
    QTest::newRow("crlf") << QByteArray("v1\r\n") << QStringLiteral("v1");
    QTest::newRow("two newlines") << QByteArray("v1\n\n") << QStringLiteral("v1\n");
    QTest::newRow("spaces kept") << QByteArray("  v 1  \n") << QStringLiteral("  v 1  ");
    QTest::newRow("utf8") << QByteArray("密钥🔑\n") << QStringLiteral("密钥🔑");
}

void TstSecretsCommand::setTrimsOneNewline()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, stored);
    MemorySecretStore store;
    const CommandRun run = runCommand(store, {QStringLiteral("set"), SecretNames::httpToken()}, input);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(store.values.value(SecretNames::httpToken()), stored);
}

void TstSecretsCommand::setRefusesEmptyValue_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("nothing") << QByteArray();
    QTest::newRow("newline") << QByteArray("\n");
    QTest::newRow("crlf") << QByteArray("\r\n");
}

void TstSecretsCommand::setRefusesEmptyValue()
{
    QFETCH(QByteArray, input);
    MemorySecretStore store;
    const CommandRun run = runCommand(store, {QStringLiteral("set"), SecretNames::httpToken()}, input);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("nothing was stored")), qPrintable(run.err));
    QCOMPARE(store.writes, 0);
}

void TstSecretsCommand::setRefusesValueInArguments()
{
    MemorySecretStore store;
    const CommandRun run =
        runCommand(store, {QStringLiteral("set"), SecretNames::coingeckoKey(), QStringLiteral("CG-argv-999")},
            QByteArray("CG-stdin-111\n"));
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(store.writes, 0);
    QCOMPARE(run.stdinConsumed, 0);
    QVERIFY2(run.err.contains(QLatin1String("process list")), qPrintable(run.err));
    QVERIFY2(
        run.err.contains(QLatin1String("| finagent secrets set coingecko/api_key")), qPrintable(run.err));
    QVERIFY(!run.err.contains(QLatin1String("CG-argv-999")));
    QVERIFY(!run.out.contains(QLatin1String("CG-argv-999")));
}

void TstSecretsCommand::setRefusesUnknownNames_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no name") << QStringList {QStringLiteral("set")} << QStringLiteral("needs the name");
    QTest::newRow("bad shape") << QStringList {QStringLiteral("set"), QStringLiteral("Coin Gecko")}
                               << QStringLiteral("coingecko/api_key");
    QTest::newRow("reserved") << QStringList {QStringLiteral("set"), QStringLiteral("finagent/index")}
                              << QStringLiteral("reserved");
    QTest::newRow("typo") << QStringList {QStringLiteral("set"), QStringLiteral("coingecko/apikey")}
                          << QStringLiteral("reads no secret named coingecko/apikey");
    QTest::newRow("lower-case coin") << QStringList {QStringLiteral("set"),
        QStringLiteral("coinremitter/usdttrc20/api_key")}
                                     << QStringLiteral("did you mean coinremitter/USDTTRC20/api_key?");
}

void TstSecretsCommand::setRefusesUnknownNames()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    MemorySecretStore store;
    const CommandRun run = runCommand(store, args, QByteArray("value-xyz\n"));
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(store.writes, 0);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    // Usage errors list the valid forms.
    QVERIFY2(run.err.contains(QLatin1String("coinremitter/<COIN>/api_key")), qPrintable(run.err));
}

void TstSecretsCommand::setRefusesOversizedValue()
{
    MemorySecretStore store;
    const CommandRun run = runCommand(store, {QStringLiteral("set"), SecretNames::remoteToken()},
        QByteArray(SecretsCommand::maxValueBytes + 1, 'x'));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(store.writes, 0);
    QVERIFY2(run.err.contains(QLatin1String("nothing was stored")), qPrintable(run.err));
}

void TstSecretsCommand::setReportsStoreFailure()
{
    MemorySecretStore store;
    store.setFailure(Error(QStringLiteral("keychain_unavailable"),
        QStringLiteral("No Secret Service is running on the session D-Bus.")));
    const CommandRun run =
        runCommand(store, {QStringLiteral("set"), SecretNames::coingeckoKey()}, QByteArray("k\n"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("finagent secrets: No Secret Service is running")),
        qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TstSecretsCommand::setOnReadOnlyStore()
{
    EnvSecretStore store {QProcessEnvironment()};
    const CommandRun run = runCommand(
        store, {QStringLiteral("set"), SecretNames::coingeckoKey()}, QByteArray("CG-never-stored\n"));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.stdinConsumed, 0); // refused before asking for the value
    QVERIFY2(run.err.contains(QLatin1String("FINAGENT_COINGECKO_API_KEY")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("environment variables")), qPrintable(run.err));
}

void TstSecretsCommand::listPrintsNamesOnly()
{
    MemorySecretStore store;
    store.values.insert(SecretNames::httpToken(), QStringLiteral("tok-secret-1"));
    store.values.insert(SecretNames::coingeckoKey(), QStringLiteral("cg-secret-2"));
    const CommandRun run = runCommand(store, {QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QStringLiteral("coingecko/api_key\nhttp/token\n"));
    QVERIFY(!run.err.contains(QLatin1String("secret-")));

    const CommandRun extra = runCommand(store, {QStringLiteral("list"), QStringLiteral("x")});
    QCOMPARE(extra.exitCode, 2);

    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_REMOTE_TOKEN_FILE"), QStringLiteral("/run/secrets/remote"));
    EnvSecretStore envStore(env);
    const CommandRun fromEnv = runCommand(envStore, {QStringLiteral("list")});
    QCOMPARE(fromEnv.exitCode, 0);
    QCOMPARE(fromEnv.out, QStringLiteral("remote/token\n"));
}

void TstSecretsCommand::listEmpty()
{
    MemorySecretStore store;
    const CommandRun run = runCommand(store, {QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(QLatin1String("No secrets are stored")), qPrintable(run.err));
}

void TstSecretsCommand::deleteRemoves()
{
    MemorySecretStore store;
    store.values.insert(SecretNames::coingeckoKey(), QStringLiteral("cg"));
    const CommandRun run = runCommand(store, {QStringLiteral("delete"), SecretNames::coingeckoKey()});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!store.values.contains(SecretNames::coingeckoKey()));
    QVERIFY2(run.out.contains(QLatin1String("Removed coingecko/api_key")), qPrintable(run.out));
    // A valid name FinAgent does not read may still be cleaned up.
    const CommandRun stray =
        runCommand(store, {QStringLiteral("delete"), QStringLiteral("coingecko/apikey")});
    QCOMPARE(stray.exitCode, 0);
}

void TstSecretsCommand::deleteUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no name") << QStringList {QStringLiteral("delete")};
    QTest::newRow("two names") << QStringList {
        QStringLiteral("delete"), QStringLiteral("http/token"), QStringLiteral("remote/token")};
    QTest::newRow("bad name") << QStringList {QStringLiteral("delete"), QStringLiteral("../x")};
    QTest::newRow("reserved") << QStringList {QStringLiteral("delete"), QStringLiteral("finagent/index")};
}

void TstSecretsCommand::deleteUsageErrors()
{
    QFETCH(QStringList, args);
    MemorySecretStore store;
    store.values.insert(SecretNames::httpToken(), QStringLiteral("t"));
    const CommandRun run = runCommand(store, args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(store.values.contains(SecretNames::httpToken()));
    QVERIFY(run.err.contains(QLatin1String("Usage: finagent secrets")));
}

void TstSecretsCommand::deleteOnReadOnlyStore()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_HTTP_TOKEN"), QStringLiteral("t"));
    EnvSecretStore store(env);
    const CommandRun run = runCommand(store, {QStringLiteral("delete"), SecretNames::httpToken()});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("FINAGENT_HTTP_TOKEN")), qPrintable(run.err));
}

void TstSecretsCommand::statusWorking()
{
    MemorySecretStore store;
    const CommandRun run = runCommand(store, {QStringLiteral("status")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("Backend: test memory\n")), qPrintable(run.out));
    QVERIFY(run.out.contains(QLatin1String("Writable: yes\n")));
    QVERIFY(run.out.contains(QLatin1String("Status: working\n")));

    EnvSecretStore envStore {QProcessEnvironment()};
    const CommandRun env = runCommand(envStore, {QStringLiteral("status")});
    QCOMPARE(env.exitCode, 0);
    QVERIFY(env.out.contains(QLatin1String("Backend: environment variables\n")));
    QVERIFY(env.out.contains(QLatin1String("Writable: no\n")));
}

void TstSecretsCommand::statusOfOneSecret()
{
    MemorySecretStore store;
    store.values.insert(SecretNames::coingeckoKey(), QStringLiteral("cg-value-77"));
    const CommandRun set = runCommand(store, {QStringLiteral("get-status"), SecretNames::coingeckoKey()});
    QCOMPARE(set.exitCode, 0);
    QVERIFY2(set.out.contains(QLatin1String("coingecko/api_key: set\n")), qPrintable(set.out));
    QVERIFY(!set.out.contains(QLatin1String("cg-value-77")));
    QVERIFY(!set.err.contains(QLatin1String("cg-value-77")));

    const CommandRun unset = runCommand(store, {QStringLiteral("status"), SecretNames::httpToken()});
    QCOMPARE(unset.exitCode, 1);
    QVERIFY2(unset.out.contains(QLatin1String("http/token: not set\n")), qPrintable(unset.out));

    const CommandRun bad = runCommand(store, {QStringLiteral("status"), QStringLiteral("Bad")});
    QCOMPARE(bad.exitCode, 2);
}

void TstSecretsCommand::statusFailing()
{
    MemorySecretStore store;
    store.setFailure(
        Error(QStringLiteral("keychain_unavailable"), QStringLiteral("There is no D-Bus session bus.")));
    const CommandRun run = runCommand(store, {QStringLiteral("status")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.contains(QLatin1String("Status: not working\n")));
    QVERIFY2(run.err.contains(QLatin1String("There is no D-Bus session bus.")), qPrintable(run.err));
}

void TstSecretsCommand::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("onStdout");
    QTest::newRow("nothing") << QStringList() << 2 << false;
    QTest::newRow("unknown verb") << QStringList {QStringLiteral("frobnicate")} << 2 << false;
    QTest::newRow("help") << QStringList {QStringLiteral("help")} << 0 << true;
    QTest::newRow("--help") << QStringList {QStringLiteral("--help")} << 0 << true;
}

void TstSecretsCommand::usage()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(bool, onStdout);
    MemorySecretStore store;
    const CommandRun run = runCommand(store, args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(!run.finishedDuringStart);
    const QString& text = onStdout ? run.out : run.err;
    QVERIFY2(text.contains(QLatin1String("Usage: finagent secrets <command>")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("coinremitter/<COIN>/password")));
    if (args.value(0) == QLatin1String("frobnicate"))
        QVERIFY(run.err.contains(QLatin1String("Unknown command \"frobnicate\"")));
}

QTEST_GUILESS_MAIN(TstSecretsCommand)
#include "tst_secretscommand.moc"
