// The keychain store where there is no keyring: no session bus, or a bus that never answers.
// Each case runs this binary again as a child ("--child") in a scrubbed environment, so the
// D-Bus connection the child's libsecret makes is its own and HOME/XDG folders are temporary.
#include "secrettesthelpers.h"
#include "security/keychainsecretstore.h"
#include "security/secretnames.h"
#include "testenv.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <chrono>
#include <cstdio>
#include <memory>

namespace
{

const QString kMarker = QStringLiteral("plaintext-marker-6b1f0c2d");

// Child side: write, read, probe, list, write again; one JSON line per operation on stdout.
class ChildRun : public QObject
{
public:
    ChildRun(int retryMs, int timeoutMs)
        : m_out(stdout)
    {
        m_store.setRetryDelay(std::chrono::milliseconds(retryMs));
        m_store.setJobTimeout(std::chrono::milliseconds(timeoutMs));
    }

    void start()
    {
        m_clock.start();
        m_store.write(SecretNames::coingeckoKey(), kMarker, this, [this](const Result<void>& r) {
            report(QStringLiteral("write"), r.ok(), r.ok() ? Error() : r.error());
            m_store.read(SecretNames::coingeckoKey(), this, [this](const Result<QString>& v) {
                report(QStringLiteral("read"), v.ok(), v.ok() ? Error() : v.error());
                m_store.probe(this, [this](const Result<void>& p) {
                    report(QStringLiteral("probe"), p.ok(), p.ok() ? Error() : p.error());
                    m_store.list(this, [this](const Result<QStringList>& l) {
                        report(QStringLiteral("list"), l.ok(), l.ok() ? Error() : l.error());
                        m_store.write(SecretNames::httpToken(), kMarker, this, [](const Result<void>& w) {
                            Q_UNUSED(w)
                            QCoreApplication::exit(0);
                        });
                    });
                });
            });
        });
    }

private:
    void report(const QString& op, bool ok, const Error& error)
    {
        const QJsonObject line {{QStringLiteral("op"), op}, {QStringLiteral("ok"), ok},
            {QStringLiteral("code"), error.code}, {QStringLiteral("message"), error.message},
            {QStringLiteral("ms"), m_clock.restart()}};
        m_out << QJsonDocument(line).toJson(QJsonDocument::Compact) << '\n' << Qt::flush;
    }

    KeychainSecretStore m_store;
    QTextStream m_out;
    QElapsedTimer m_clock;
};

int runChild(const QStringList& args)
{
    if (args.size() < 4)
        return 3;
    ChildRun run(args.at(2).toInt(), args.at(3).toInt());
    QMetaObject::invokeMethod(
        &run, [&run] { run.start(); }, Qt::QueuedConnection);
    return QCoreApplication::exec();
}

} // namespace

class TstSecretStoreNoKeyring : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noBusAtSocket();
    void noBusAtAll();
    void retriesOnceAtFirstUse();
    void hungBusTimesOut();

private:
    struct ChildResult
    {
        bool finished = false;
        qint64 elapsedMs = 0;
        QHash<QString, QJsonObject> ops;
        QByteArray stderrText;
    };
    // Runs the child with a scrubbed environment; busAddress empty means no bus address at all.
    ChildResult runChild(
        const QTemporaryDir& dir, const QString& busAddress, int retryMs, int timeoutMs, int waitMs);
    void verifyNoPlaintext(const QTemporaryDir& dir);
};

TstSecretStoreNoKeyring::ChildResult TstSecretStoreNoKeyring::runChild(
    const QTemporaryDir& dir, const QString& busAddress, int retryMs, int timeoutMs, int waitMs)
{
    const QString root = dir.path();
    for (const char* sub : {"home", "config", "data", "cache"})
        QDir(root).mkpath(QString::fromLatin1(sub));
    QDir(root).mkpath(QStringLiteral("runtime"));
    QFile::setPermissions(
        root + QStringLiteral("/runtime"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
        {"DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "FINAGENT_IN_KEYRING_SESSION"})
        env.remove(QString::fromLatin1(name));
    if (!busAddress.isEmpty())
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
    env.insert(QStringLiteral("HOME"), root + QStringLiteral("/home"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), root + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), root + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), root + QStringLiteral("/cache"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), root + QStringLiteral("/runtime"));

    ChildResult result;
    QProcess child;
    child.setProcessEnvironment(env);
    QSignalSpy finished(&child, &QProcess::finished);
    QElapsedTimer clock;
    clock.start();
    child.start(QCoreApplication::applicationFilePath(),
        {QStringLiteral("--child"), QString::number(retryMs), QString::number(timeoutMs)});
    result.finished = finished.wait(waitMs) || !finished.isEmpty();
    result.elapsedMs = clock.elapsed();
    if (!result.finished) {
        child.kill();
        finished.wait(5000);
    }
    const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
    for (const QByteArray& line : lines) {
        const QJsonObject op = QJsonDocument::fromJson(line).object();
        if (!op.isEmpty())
            result.ops.insert(op.value(QStringLiteral("op")).toString(), op);
    }
    result.stderrText = child.readAllStandardError();
    return result;
}

void TstSecretStoreNoKeyring::verifyNoPlaintext(const QTemporaryDir& dir)
{
    QVERIFY(!QFile::exists(dir.path() + QStringLiteral("/config/FinAgent.conf")));
    QDirIterator it(dir.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        QVERIFY2(!readWholeFile(file).contains(kMarker.toUtf8()), qPrintable(file));
    }
}

void TstSecretStoreNoKeyring::noBusAtSocket()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString socket = dir.path() + QStringLiteral("/no-such-bus");
    const ChildResult r = runChild(dir, QStringLiteral("unix:path=") + socket, 0, 10000, 30000);
    QVERIFY2(r.finished, r.stderrText.constData());
    QVERIFY2(r.elapsedMs < 20000, qPrintable(QString::number(r.elapsedMs)));
    for (const char* op : {"write", "read", "probe", "list"}) {
        const QJsonObject result = r.ops.value(QString::fromLatin1(op));
        QVERIFY2(!result.isEmpty(), op);
        QCOMPARE(result.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(result.value(QStringLiteral("code")).toString(), QStringLiteral("keychain_unavailable"));
        const QString message = result.value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QLatin1String("D-Bus session bus")), qPrintable(message));
        QVERIFY2(
            message.contains(QLatin1String("Secret Service (org.freedesktop.secrets)")), qPrintable(message));
        QVERIFY2(message.contains(socket), qPrintable(message));
        QVERIFY(!message.contains(kMarker));
    }
    verifyNoPlaintext(dir);
}

void TstSecretStoreNoKeyring::noBusAtAll()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ChildResult r = runChild(dir, QString(), 0, 10000, 30000);
    QVERIFY2(r.finished, r.stderrText.constData());
    const QJsonObject write = r.ops.value(QStringLiteral("write"));
    QCOMPARE(write.value(QStringLiteral("code")).toString(), QStringLiteral("keychain_unavailable"));
    const QString message = write.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QLatin1String("DBUS_SESSION_BUS_ADDRESS is not set")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("Secret Service")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("The keychain said:")), qPrintable(message));
    verifyNoPlaintext(dir);
}

void TstSecretStoreNoKeyring::retriesOnceAtFirstUse()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const int retryMs = 1500;
    const ChildResult r = runChild(
        dir, QStringLiteral("unix:path=") + dir.path() + QStringLiteral("/no-bus"), retryMs, 10000, 30000);
    QVERIFY2(r.finished, r.stderrText.constData());
    // The first use waits for the one retry...
    QVERIFY2(r.ops.value(QStringLiteral("write")).value(QStringLiteral("ms")).toInteger() >= retryMs,
        qPrintable(
            QString::number(r.ops.value(QStringLiteral("write")).value(QStringLiteral("ms")).toInteger())));
    QCOMPARE(r.ops.value(QStringLiteral("write")).value(QStringLiteral("code")).toString(),
        QStringLiteral("keychain_unavailable"));
    // ...later uses do not wait again.
    const qint64 readMs = r.ops.value(QStringLiteral("read")).value(QStringLiteral("ms")).toInteger();
    QVERIFY2(readMs < retryMs, qPrintable(QString::number(readMs)));
    QCOMPARE(r.ops.value(QStringLiteral("read")).value(QStringLiteral("code")).toString(),
        QStringLiteral("keychain_unavailable"));
}

void TstSecretStoreNoKeyring::hungBusTimesOut()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A "bus" that accepts connections and never says a word, like a keyring stuck at a prompt.
    QLocalServer silent;
    QVERIFY(silent.listen(dir.path() + QStringLiteral("/silent-bus")));
    QList<QLocalSocket*> held;
    connect(&silent, &QLocalServer::newConnection, this, [&silent, &held] {
        while (QLocalSocket* s = silent.nextPendingConnection())
            held.append(s);
    });
    const ChildResult r =
        runChild(dir, QStringLiteral("unix:path=") + silent.fullServerName(), 0, 700, 30000);
    QVERIFY(!r.ops.isEmpty());
    for (const char* op : {"write", "read", "probe", "list"}) {
        const QJsonObject result = r.ops.value(QString::fromLatin1(op));
        QVERIFY2(!result.isEmpty(), op);
        QCOMPARE(result.value(QStringLiteral("code")).toString(), QStringLiteral("keychain_timeout"));
        QVERIFY(result.value(QStringLiteral("message")).toString().contains(QLatin1String("0.7 s"))
            || result.value(QStringLiteral("message")).toString().contains(QLatin1String("700 ms")));
        QVERIFY(result.value(QStringLiteral("ms")).toInteger() < 10000);
    }
    verifyNoPlaintext(dir);
    qDeleteAll(held);
}

int main(int argc, char** argv)
{
    if (argc >= 2 && qstrcmp(argv[1], "--child") == 0) {
        QCoreApplication app(argc, argv);
        return runChild(app.arguments());
    }
    QCoreApplication app(argc, argv);
    TstSecretStoreNoKeyring test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore_nokeyring.moc"
