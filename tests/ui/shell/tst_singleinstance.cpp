// One FinAgent per user and settings folder: the lock, the local socket, the "show" message, stale
// sockets left by a crash, and peers that misbehave.
#include "singleinstance.h"

#include <QFile>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

class TestSingleInstance : public QObject
{
    Q_OBJECT

private:
    QString uniqueName() const
    {
        static int counter = 0;
        return QStringLiteral("FinAgentTest-%1-%2").arg(QCoreApplication::applicationPid()).arg(++counter);
    }

private Q_SLOTS:
    void secondInstanceMessageReachesFirst()
    {
        QTemporaryDir dir;
        const QString name = uniqueName();
        SingleInstance first(name, dir.path());
        QVERIFY2(first.acquire(), qPrintable(first.errorString()));
        QVERIFY(first.isPrimary());
        QVERIFY(QFile::exists(first.lockPath()));

        SingleInstance second(name, dir.path());
        QVERIFY(!second.acquire());
        QVERIFY(!second.isPrimary());
        QVERIFY2(second.errorString().contains(QStringLiteral("already running")),
            qPrintable(second.errorString()));

        QSignalSpy received(&first, &SingleInstance::messageReceived);
        int delivered = -1;
        second.sendMessage(
            QByteArrayLiteral("show"), this, [&delivered](bool ok) { delivered = ok ? 1 : 0; });
        QTRY_COMPARE(delivered, 1);
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.at(0).at(0).toByteArray(), QByteArrayLiteral("show"));
    }

    void lockIsReleasedWhenFirstGoes()
    {
        QTemporaryDir dir;
        const QString name = uniqueName();
        auto first = std::make_unique<SingleInstance>(name, dir.path());
        QVERIFY(first->acquire());
        SingleInstance second(name, dir.path());
        QVERIFY(!second.acquire());
        first.reset();
        QVERIFY2(second.acquire(), qPrintable(second.errorString()));
        QVERIFY(second.isPrimary());
    }

    void staleSocketIsReplaced()
    {
#ifdef Q_OS_WIN
        QSKIP("Named pipes leave nothing behind on Windows");
#endif
        QTemporaryDir dir;
        const QString name = uniqueName();
        SingleInstance instance(name, dir.path());
        // What a crashed instance leaves: a socket path nobody listens on.
        QFile stale(instance.serverName());
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.close();
        QVERIFY2(instance.acquire(), qPrintable(instance.errorString()));

        SingleInstance other(name, dir.path());
        QVERIFY(!other.acquire());
        QSignalSpy received(&instance, &SingleInstance::messageReceived);
        int delivered = -1;
        other.sendMessage(QByteArrayLiteral("show"), this, [&delivered](bool ok) { delivered = ok ? 1 : 0; });
        QTRY_COMPARE(delivered, 1);
        QCOMPARE(received.count(), 1);
    }

    void nobodyListening()
    {
        QTemporaryDir dir;
        SingleInstance lonely(uniqueName(), dir.path());
        int delivered = -1;
        lonely.sendMessage(
            QByteArrayLiteral("show"), this, [&delivered](bool ok) { delivered = ok ? 1 : 0; }, 2000);
        QTRY_COMPARE(delivered, 0);
    }

    void oversizedMessageIsDropped()
    {
        QTemporaryDir dir;
        const QString name = uniqueName();
        SingleInstance instance(name, dir.path());
        QVERIFY(instance.acquire());
        QSignalSpy received(&instance, &SingleInstance::messageReceived);

        QLocalSocket socket;
        QSignalSpy disconnected(&socket, &QLocalSocket::disconnected);
        socket.connectToServer(instance.serverName());
        QTRY_COMPARE(socket.state(), QLocalSocket::ConnectedState);
        QByteArray header(4, '\0');
        qToBigEndian<quint32>(quint32(SingleInstance::maxMessageBytes + 1), header.data());
        socket.write(header + QByteArray(64, 'x'));
        QTRY_VERIFY(disconnected.count() > 0);
        QCOMPARE(received.count(), 0);

        // The instance still serves well-behaved launches afterwards.
        SingleInstance other(name, dir.path());
        int delivered = -1;
        other.sendMessage(QByteArrayLiteral("show"), this, [&delivered](bool ok) { delivered = ok ? 1 : 0; });
        QTRY_COMPARE(delivered, 1);
        QCOMPARE(received.count(), 1);
    }

    void namesDependOnSettingsFolder()
    {
        const QString a = SingleInstance::nameFor(QStringLiteral("/tmp/profile-a"));
        const QString b = SingleInstance::nameFor(QStringLiteral("/tmp/profile-b"));
        QVERIFY(a.startsWith(QStringLiteral("FinAgent-")));
        QVERIFY(a != b);
        QCOMPARE(SingleInstance::nameFor(QStringLiteral("/tmp/profile-a")), a);
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
