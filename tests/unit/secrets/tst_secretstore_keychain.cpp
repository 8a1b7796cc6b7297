// Runs under tests/support/with-keyring.sh: a private D-Bus session with a fresh, unlocked
// gnome-keyring, i.e. a real Secret Service. secret-tool shows what really sits in it.
#include "secrettesthelpers.h"
#include "security/keychainsecretstore.h"
#include "security/secretnames.h"
#include "testenv.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;

class TstSecretStoreKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void describesItself();
    void writeReadBack();
    void overwriteKeepsOneEntry();
    void listShowsNamesNotValues();
    void removeThenReadIsNotFound();
    void removeMissingIsOk();
    void unicodeValue();
    void largeValue();
    void concurrentWritesKeepEveryName();
    void indexSeenByAnotherInstance();
    void refusesBadInput_data();
    void refusesBadInput();
    void probeWorks();
    void timeoutIsReported();
    void droppedWhenContextIsGone();
    void noPlaintextCopies();

private:
    QString remember(const QString& value);
    int entriesFor(const QString& name);

    std::unique_ptr<TestEnv> m_env;
    QStringList m_values;
};

QString TstSecretStoreKeychain::remember(const QString& value)
{
    m_values.append(value);
    return value;
}

int TstSecretStoreKeychain::entriesFor(const QString& name)
{
    const ToolRun run = runTool(QStringLiteral("secret-tool"),
        {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
            QStringLiteral("FinAgent"), QStringLiteral("user"), name});
    return QString::fromUtf8(run.out + run.err)
        .count(QStringLiteral("attribute.user = ") + name + QLatin1Char('\n'));
}

void TstSecretStoreKeychain::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
        "run this test through ctest (tests/support/with-keyring.sh provides the keyring)");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty(),
        "secret-tool is missing: install libsecret-tools");
    m_env = std::make_unique<TestEnv>();
    // Any plain-text fallback would land under HOME or XDG_CONFIG_HOME: point them somewhere we scan.
    m_env->set("HOME", (m_env->root() + QStringLiteral("/home")).toUtf8());
    m_env->set("XDG_CONFIG_HOME", (m_env->root() + QStringLiteral("/config-home")).toUtf8());
}

void TstSecretStoreKeychain::describesItself()
{
    KeychainSecretStore store;
    QCOMPARE(store.service(), QStringLiteral("FinAgent"));
    QCOMPARE(store.backendName(), QStringLiteral("Secret Service (org.freedesktop.secrets)"));
    QVERIFY(store.isWritable());
    QCOMPARE(store.retryDelay(), 10000ms);
    QCOMPARE(store.jobTimeout(), 15000ms);
}

void TstSecretStoreKeychain::writeReadBack()
{
    KeychainSecretStore store;
    QSignalSpy changed(&store, &SecretStore::changed);
    const QString value = remember(QStringLiteral("CG-first-4d1c9e"));

    const auto written = writeSecret(store, SecretNames::coingeckoKey(), value);
    QVERIFY(written);
    QVERIFY2(written->ok(), failureText(*written).constData());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), SecretNames::coingeckoKey());

    const auto read = readSecret(store, SecretNames::coingeckoKey());
    QVERIFY(read && read->ok());
    QCOMPARE(read->value(), value);

    // It really is in the Secret Service, under service "FinAgent" and the secret's name.
    QCOMPARE(secretToolLookup(QStringLiteral("FinAgent"), SecretNames::coingeckoKey()), value.toUtf8());
    QCOMPARE(changed.size(), 1); // reads do not signal
}

void TstSecretStoreKeychain::overwriteKeepsOneEntry()
{
    KeychainSecretStore store;
    const QString value = remember(QStringLiteral("CG-second-88aa01"));
    const auto written = writeSecret(store, SecretNames::coingeckoKey(), value);
    QVERIFY(written && written->ok());
    const auto read = readSecret(store, SecretNames::coingeckoKey());
    QVERIFY(read && read->ok());
    QCOMPARE(read->value(), value);
    QCOMPARE(secretToolLookup(QStringLiteral("FinAgent"), SecretNames::coingeckoKey()), value.toUtf8());
    QCOMPARE(entriesFor(SecretNames::coingeckoKey()), 1);
}

void TstSecretStoreKeychain::listShowsNamesNotValues()
{
    KeychainSecretStore store;
    const QString token = remember(QStringLiteral("tok-7e1f22b9"));
    const auto written = writeSecret(store, SecretNames::httpToken(), token);
    QVERIFY(written && written->ok());

    const auto names = listSecrets(store);
    QVERIFY(names);
    QVERIFY2(names->ok(), failureText(*names).constData());
    QVERIFY(names->value().contains(SecretNames::coingeckoKey()));
    QVERIFY(names->value().contains(SecretNames::httpToken()));
    for (const QString& name : names->value()) {
        QVERIFY(SecretNames::isValid(name));
        QVERIFY(!m_values.contains(name));
    }

    // The index entry holds names only.
    const auto index = secretToolLookup(QStringLiteral("FinAgent"), KeychainSecretStore::indexKey());
    QVERIFY(index);
    const QJsonDocument doc = QJsonDocument::fromJson(*index);
    QVERIFY(doc.isArray());
    QVERIFY(doc.array().contains(SecretNames::httpToken()));
    for (const QString& value : std::as_const(m_values))
        QVERIFY(!index->contains(value.toUtf8()));
}

void TstSecretStoreKeychain::removeThenReadIsNotFound()
{
    KeychainSecretStore store;
    QSignalSpy changed(&store, &SecretStore::changed);
    const auto removed = removeSecret(store, SecretNames::coingeckoKey());
    QVERIFY(removed && removed->ok());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), SecretNames::coingeckoKey());

    const auto read = readSecret(store, SecretNames::coingeckoKey());
    QVERIFY(read && !read->ok());
    QCOMPARE(read->error().code, QStringLiteral("secret_not_found"));
    const QString message = read->error().message;
    QVERIFY2(message.contains(QLatin1String("Accounts & keys")), qPrintable(message));
    QVERIFY2(
        message.contains(QLatin1String("`finagent secrets set coingecko/api_key`")), qPrintable(message));

    const auto names = listSecrets(store);
    QVERIFY(names && names->ok());
    QVERIFY(!names->value().contains(SecretNames::coingeckoKey()));
    QVERIFY(names->value().contains(SecretNames::httpToken()));
    QVERIFY(!secretToolLookup(QStringLiteral("FinAgent"), SecretNames::coingeckoKey()));
}

void TstSecretStoreKeychain::removeMissingIsOk()
{
    KeychainSecretStore store;
    const auto removed = removeSecret(store, SecretNames::remoteToken());
    QVERIFY(removed);
    QVERIFY2(removed->ok(), failureText(*removed).constData());
    const auto read = readSecret(store, SecretNames::remoteToken());
    QVERIFY(read && !read->ok());
    QCOMPARE(read->error().code, QStringLiteral("secret_not_found"));
}

void TstSecretStoreKeychain::unicodeValue()
{
    KeychainSecretStore store;
    const QString value = remember(QStringLiteral("密钥-ключ-🔑-é ü \"q\" 'a' \\ ;"));
    const QString name = SecretNames::coinremitterPassword(QStringLiteral("USDTTRC20"));
    const auto written = writeSecret(store, name, value);
    QVERIFY(written && written->ok());
    const auto read = readSecret(store, name);
    QVERIFY(read && read->ok());
    QCOMPARE(read->value(), value);
    QCOMPARE(secretToolLookup(QStringLiteral("FinAgent"), name), value.toUtf8());
}

void TstSecretStoreKeychain::largeValue()
{
    KeychainSecretStore store;
    QString value;
    for (int i = 0; value.size() < 4096; ++i)
        value += QString::number(i * 7919, 36);
    value.truncate(4096);
    remember(value);
    const auto written = writeSecret(store, SecretNames::remoteToken(), value);
    QVERIFY(written && written->ok());
    const auto read = readSecret(store, SecretNames::remoteToken());
    QVERIFY(read && read->ok());
    QCOMPARE(read->value().size(), 4096);
    QCOMPARE(read->value(), value);
}

void TstSecretStoreKeychain::concurrentWritesKeepEveryName()
{
    KeychainSecretStore store;
    QSignalSpy changed(&store, &SecretStore::changed);
    QStringList names;
    auto answered = std::make_shared<int>(0);
    auto failed = std::make_shared<int>(0);
    for (int i = 0; i < 20; ++i) {
        const QString name =
            SecretNames::coinremitterKey(QStringLiteral("C%1").arg(i, 2, 10, QLatin1Char('0')));
        names.append(name);
        store.write(name, remember(QStringLiteral("key-%1-b7c3").arg(i)), this,
            [answered, failed](const Result<void>& r) {
                ++*answered;
                if (!r.ok())
                    ++*failed;
            });
    }
    QTRY_COMPARE_WITH_TIMEOUT(*answered, 20, 60000);
    QCOMPARE(*failed, 0);
    QCOMPARE(changed.size(), 20);

    const auto listed = listSecrets(store);
    QVERIFY(listed && listed->ok());
    for (const QString& name : std::as_const(names))
        QVERIFY2(listed->value().contains(name), qPrintable(name));

    for (int i = 0; i < 20; i += 7) {
        const auto read = readSecret(store, names.at(i));
        QVERIFY(read && read->ok());
        QCOMPARE(read->value(), QStringLiteral("key-%1-b7c3").arg(i));
    }
}

void TstSecretStoreKeychain::indexSeenByAnotherInstance()
{
    // Another process (the CLI next to the app) starts from the keychain's index, not from memory.
    KeychainSecretStore other;
    const auto listed = listSecrets(other);
    QVERIFY(listed && listed->ok());
    QVERIFY(listed->value().contains(SecretNames::coinremitterKey(QStringLiteral("C19"))));
    QVERIFY(listed->value().contains(SecretNames::httpToken()));
}

void TstSecretStoreKeychain::refusesBadInput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("code");
    QTest::newRow("reserved index") << QStringLiteral("finagent/index") << QStringLiteral("[]")
                                    << QStringLiteral("invalid_secret_name");
    QTest::newRow("bad shape") << QStringLiteral("Coin Gecko") << QStringLiteral("x")
                               << QStringLiteral("invalid_secret_name");
    QTest::newRow("empty value") << SecretNames::coingeckoKey() << QString()
                                 << QStringLiteral("secret_empty");
    QTest::newRow("too large") << SecretNames::coingeckoKey()
                               << QString(KeychainSecretStore::maxValueBytes() + 1, QLatin1Char('z'))
                               << QStringLiteral("secret_too_large");
}

void TstSecretStoreKeychain::refusesBadInput()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, code);
    KeychainSecretStore store;
    QSignalSpy changed(&store, &SecretStore::changed);
    const auto written = writeSecret(store, name, value);
    QVERIFY(written && !written->ok());
    QCOMPARE(written->error().code, code);
    QCOMPARE(changed.size(), 0);
    if (code == QLatin1String("invalid_secret_name")) {
        const auto read = readSecret(store, name);
        QVERIFY(read && !read->ok());
        QCOMPARE(read->error().code, code);
        const auto removed = removeSecret(store, name);
        QVERIFY(removed && !removed->ok());
        QCOMPARE(removed->error().code, code);
    }
}

void TstSecretStoreKeychain::probeWorks()
{
    KeychainSecretStore store;
    const auto probed = probeStore(store);
    QVERIFY(probed);
    QVERIFY2(probed->ok(), failureText(*probed).constData());
    // Probing rewrites the index; it must not lose names.
    const auto listed = listSecrets(store);
    QVERIFY(listed && listed->ok());
    QVERIFY(listed->value().contains(SecretNames::httpToken()));
}

void TstSecretStoreKeychain::timeoutIsReported()
{
    {
        KeychainSecretStore impatient;
        // Nothing answers within 0 ms: this stands for a keyring showing an unlock prompt.
        impatient.setJobTimeout(0ms);
        const auto read = readSecret(impatient, SecretNames::httpToken());
        QVERIFY(read && !read->ok());
        QCOMPARE(read->error().code, QStringLiteral("keychain_timeout"));
        QVERIFY2(read->error().message.contains(QLatin1String("did not answer within 0 ms")),
            qPrintable(read->error().message));
        QVERIFY2(read->error().message.contains(QLatin1String("unlock")), qPrintable(read->error().message));
    }
    // The abandoned job finishes on its own and does not block the keychain for later work.
    KeychainSecretStore store;
    const auto read = readSecret(store, SecretNames::httpToken());
    QVERIFY(read && read->ok());
    QCOMPARE(read->value(), QStringLiteral("tok-7e1f22b9"));
}

void TstSecretStoreKeychain::droppedWhenContextIsGone()
{
    KeychainSecretStore store;
    auto called = std::make_shared<bool>(false);
    auto controlCalled = std::make_shared<bool>(false);
    auto ctx = std::make_unique<QObject>();
    store.read(SecretNames::httpToken(), ctx.get(), [called](const Result<QString>&) { *called = true; });
    ctx.reset();
    store.read(
        SecretNames::httpToken(), this, [controlCalled](const Result<QString>&) { *controlCalled = true; });
    QTRY_VERIFY_WITH_TIMEOUT(*controlCalled, 30000);
    QVERIFY(!*called);
}

void TstSecretStoreKeychain::noPlaintextCopies()
{
    QStringList files = m_env->allFiles();
    const QString keyringData = qEnvironmentVariable("XDG_DATA_HOME");
    QVERIFY(!keyringData.isEmpty());
    QDirIterator it(keyringData, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    QVERIFY(files.size() > 0); // at least the keyring file itself
    for (const QString& file : std::as_const(files)) {
        const QByteArray content = readWholeFile(file);
        for (const QString& value : std::as_const(m_values))
            QVERIFY2(!content.contains(value.toUtf8()), qPrintable(file));
    }
}

QTEST_GUILESS_MAIN(TstSecretStoreKeychain)
#include "tst_secretstore_keychain.moc"
