#include "secrettesthelpers.h"
#include "security/envsecretstore.h"
#include "security/secretnames.h"
#include "testenv.h"

#include <QFile>
#include <QTest>

namespace
{

QStringList g_messages;
QtMessageHandler g_previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    g_messages.append(message);
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

class TstSecretStoreEnv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void describesItself();
    void readsVariable();
    void readsFile_data();
    void readsFile();
    void variableWinsOverFile();
    void emptyVariableCountsAsUnset();
    void missingNamesBothVariables();
    void unreadableFileNamesPathAndVariable();
    void emptyFileIsAnError();
    void oversizedFileIsRefused();
    void refusesInvalidName();
    void writeAndRemoveAreReadOnly();
    void listsNamesFromVariables();
    void probeIsOk();
    void answersAfterReturning();
    void droppedWhenContextIsGone();

private:
    QString writeFile(const QString& name, const QByteArray& content);
    TestEnv m_env;
};

QString TstSecretStoreEnv::writeFile(const QString& name, const QByteArray& content)
{
    const QString path = m_env.root() + QLatin1Char('/') + name;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write the test file");
    return path;
}

void TstSecretStoreEnv::describesItself()
{
    EnvSecretStore store {QProcessEnvironment()};
    QCOMPARE(store.backendName(), QStringLiteral("environment variables"));
    QVERIFY(!store.isWritable());
}

void TstSecretStoreEnv::readsVariable()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_COINGECKO_API_KEY"), QStringLiteral("CG-abc123"));
    env.insert(QStringLiteral("FINAGENT_COINREMITTER_USDTTRC20_PASSWORD"), QStringLiteral("pä55 wörd"));
    EnvSecretStore store(env);
    const auto key = readSecret(store, SecretNames::coingeckoKey());
    QVERIFY(key && key->ok());
    QCOMPARE(key->value(), QStringLiteral("CG-abc123"));
    const auto password = readSecret(store, SecretNames::coinremitterPassword(QStringLiteral("USDTTRC20")));
    QVERIFY(password && password->ok());
    QCOMPARE(password->value(), QStringLiteral("pä55 wörd"));
}

void TstSecretStoreEnv::readsFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no newline") << QByteArray("tok-1") << QStringLiteral("tok-1");
    QTest::newRow("one newline") << QByteArray("tok-1\n") << QStringLiteral("tok-1");
    QTest::newRow("crlf") << QByteArray("tok-1\r\n") << QStringLiteral("tok-1");
    QTest::newRow("only one newline trimmed") << QByteArray("tok-1\n\n") << QStringLiteral("tok-1\n");
    QTest::newRow("inner spaces kept") << QByteArray(" a b \n") << QStringLiteral(" a b ");
    QTest::newRow("utf8") << QByteArray("密钥🔑\n") << QStringLiteral("密钥🔑");
}

void TstSecretStoreEnv::readsFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_HTTP_TOKEN_FILE"), writeFile(QStringLiteral("http_token"), content));
    EnvSecretStore store(env);
    const auto token = readSecret(store, SecretNames::httpToken());
    QVERIFY(token && token->ok());
    QCOMPARE(token->value(), expected);
}

void TstSecretStoreEnv::variableWinsOverFile()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_REMOTE_TOKEN"), QStringLiteral("from-variable-7f3a"));
    env.insert(QStringLiteral("FINAGENT_REMOTE_TOKEN_FILE"),
        writeFile(QStringLiteral("remote_token"), QByteArray("from-file-9c2e\n")));
    EnvSecretStore store(env);

    g_messages.clear();
    g_previousHandler = qInstallMessageHandler(captureMessages);
    const auto token = readSecret(store, SecretNames::remoteToken());
    const auto again = readSecret(store, SecretNames::remoteToken());
    qInstallMessageHandler(g_previousHandler);

    QVERIFY(token && token->ok());
    QCOMPARE(token->value(), QStringLiteral("from-variable-7f3a"));
    QVERIFY(again && again->ok());
    const QStringList warnings = g_messages.filter(QStringLiteral("FINAGENT_REMOTE_TOKEN_FILE"));
    QCOMPARE(warnings.size(), 1); // once per name, not on every read
    for (const QString& message : std::as_const(g_messages)) {
        QVERIFY2(!message.contains(QLatin1String("from-variable-7f3a")), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("from-file-9c2e")), qPrintable(message));
    }
}

void TstSecretStoreEnv::emptyVariableCountsAsUnset()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_HTTP_TOKEN"), QString());
    env.insert(
        QStringLiteral("FINAGENT_HTTP_TOKEN_FILE"), writeFile(QStringLiteral("t"), QByteArray("file-token")));
    EnvSecretStore store(env);
    const auto token = readSecret(store, SecretNames::httpToken());
    QVERIFY(token && token->ok());
    QCOMPARE(token->value(), QStringLiteral("file-token"));

    QProcessEnvironment onlyEmpty;
    onlyEmpty.insert(QStringLiteral("FINAGENT_HTTP_TOKEN"), QString());
    EnvSecretStore emptyStore(onlyEmpty);
    const auto missing = readSecret(emptyStore, SecretNames::httpToken());
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().code, QStringLiteral("secret_not_found"));
}

void TstSecretStoreEnv::missingNamesBothVariables()
{
    EnvSecretStore store {QProcessEnvironment()};
    const auto missing = readSecret(store, SecretNames::coinremitterKey(QStringLiteral("USDTTRC20")));
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().code, QStringLiteral("secret_not_found"));
    const QString message = missing->error().message;
    QVERIFY2(message.contains(QLatin1String("coinremitter/USDTTRC20/api_key")), qPrintable(message));
    QVERIFY2(
        message.contains(QLatin1String("set FINAGENT_COINREMITTER_USDTTRC20_API_KEY,")), qPrintable(message));
    QVERIFY2(
        message.contains(QLatin1String("FINAGENT_COINREMITTER_USDTTRC20_API_KEY_FILE")), qPrintable(message));
    QCOMPARE(missing->error().details.value(QStringLiteral("variable")).toString(),
        QStringLiteral("FINAGENT_COINREMITTER_USDTTRC20_API_KEY"));
}

void TstSecretStoreEnv::unreadableFileNamesPathAndVariable()
{
    const QString path = m_env.root() + QStringLiteral("/does-not-exist");
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_COINGECKO_API_KEY_FILE"), path);
    EnvSecretStore store(env);
    const auto result = readSecret(store, SecretNames::coingeckoKey());
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().code, QStringLiteral("secret_file_unreadable"));
    QVERIFY2(result->error().message.contains(path), qPrintable(result->error().message));
    QVERIFY2(result->error().message.contains(QLatin1String("FINAGENT_COINGECKO_API_KEY_FILE")),
        qPrintable(result->error().message));
}

void TstSecretStoreEnv::emptyFileIsAnError()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_COINGECKO_API_KEY_FILE"),
        writeFile(QStringLiteral("empty"), QByteArray("\n")));
    EnvSecretStore store(env);
    const auto result = readSecret(store, SecretNames::coingeckoKey());
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().code, QStringLiteral("secret_empty"));
}

void TstSecretStoreEnv::oversizedFileIsRefused()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_COINGECKO_API_KEY_FILE"),
        writeFile(QStringLiteral("big"), QByteArray(EnvSecretStore::maxFileSize + 1, 'k')));
    EnvSecretStore store(env);
    const auto result = readSecret(store, SecretNames::coingeckoKey());
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().code, QStringLiteral("secret_too_large"));
}

void TstSecretStoreEnv::refusesInvalidName()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_FINAGENT_INDEX"), QStringLiteral("x"));
    EnvSecretStore store(env);
    const auto result = readSecret(store, QStringLiteral("finagent/index"));
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().code, QStringLiteral("invalid_secret_name"));
    QVERIFY(result->error().message.contains(QLatin1String("coingecko/api_key")));
}

void TstSecretStoreEnv::writeAndRemoveAreReadOnly()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_COINGECKO_API_KEY"), QStringLiteral("old"));
    EnvSecretStore store(env);
    QSignalSpy changed(&store, &SecretStore::changed);

    const auto written = writeSecret(store, SecretNames::coingeckoKey(), QStringLiteral("new-value-55"));
    QVERIFY(written && !written->ok());
    QCOMPARE(written->error().code, QStringLiteral("read_only"));
    QVERIFY2(written->error().message.contains(QLatin1String("FINAGENT_COINGECKO_API_KEY")),
        qPrintable(written->error().message));
    QVERIFY(!written->error().message.contains(QLatin1String("new-value-55")));

    const auto removed = removeSecret(store, SecretNames::coingeckoKey());
    QVERIFY(removed && !removed->ok());
    QCOMPARE(removed->error().code, QStringLiteral("read_only"));

    const auto still = readSecret(store, SecretNames::coingeckoKey());
    QVERIFY(still && still->ok());
    QCOMPARE(still->value(), QStringLiteral("old"));
    QCOMPARE(changed.size(), 0);
}

void TstSecretStoreEnv::listsNamesFromVariables()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_COINGECKO_API_KEY"), QStringLiteral("secret-value-1"));
    env.insert(QStringLiteral("FINAGENT_HTTP_TOKEN_FILE"), QStringLiteral("/run/secrets/http_token"));
    env.insert(QStringLiteral("FINAGENT_COINREMITTER_USDTTRC20_API_KEY"), QStringLiteral("secret-value-2"));
    env.insert(
        QStringLiteral("FINAGENT_COINREMITTER_USDTTRC20_API_KEY_FILE"), QStringLiteral("/run/secrets/k"));
    env.insert(QStringLiteral("FINAGENT_REMOTE_TOKEN"), QString()); // empty: not set
    env.insert(QStringLiteral("FINAGENT_DATA_DIR"), QStringLiteral("/var/lib/finagent"));
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin"));
    EnvSecretStore store(env);
    const auto names = listSecrets(store);
    QVERIFY(names && names->ok());
    QCOMPARE(names->value(),
        (QStringList {QStringLiteral("coingecko/api_key"), QStringLiteral("coinremitter/USDTTRC20/api_key"),
            QStringLiteral("http/token")}));
}

void TstSecretStoreEnv::probeIsOk()
{
    EnvSecretStore store {QProcessEnvironment()};
    const auto probed = probeStore(store);
    QVERIFY(probed && probed->ok());
}

void TstSecretStoreEnv::answersAfterReturning()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_HTTP_TOKEN"), QStringLiteral("t"));
    EnvSecretStore store(env);
    bool called = false;
    store.read(SecretNames::httpToken(), this, [&called](const Result<QString>&) { called = true; });
    QVERIFY(!called);
    QTRY_VERIFY(called);
}

void TstSecretStoreEnv::droppedWhenContextIsGone()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("FINAGENT_HTTP_TOKEN"), QStringLiteral("t"));
    EnvSecretStore store(env);
    bool called = false;
    bool controlCalled = false;
    {
        QObject ctx;
        store.read(SecretNames::httpToken(), &ctx, [&called](const Result<QString>&) { called = true; });
    }
    store.read(
        SecretNames::httpToken(), this, [&controlCalled](const Result<QString>&) { controlCalled = true; });
    QTRY_VERIFY(controlCalled);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TstSecretStoreEnv)
#include "tst_secretstore_env.moc"
