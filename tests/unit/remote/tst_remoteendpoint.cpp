#include "backend/remoteendpoint.h"

#include "testenv.h"

#include <QFile>
#include <QTest>

class TestRemoteEndpoint : public QObject
{
    Q_OBJECT

    static QProcessEnvironment env()
    {
        QProcessEnvironment e;
        e.insert(QStringLiteral("AUTH_HEADER"), QStringLiteral("Bearer s3cr3t"));
        e.insert(QStringLiteral("TENANT"), QStringLiteral("acme"));
        return e;
    }

private Q_SLOTS:
    void headerForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("spaced") << QStringLiteral("Authorization: Bearer abc") << QByteArray("Authorization")
                                << QByteArray("Bearer abc");
        QTest::newRow("windows-safe") << QStringLiteral("Authorization:${AUTH_HEADER}")
                                      << QByteArray("Authorization") << QByteArray("Bearer s3cr3t");
        QTest::newRow("inside a value")
            << QStringLiteral("X-Tenant: t-${TENANT}-1") << QByteArray("X-Tenant") << QByteArray("t-acme-1");
        QTest::newRow("colon in value")
            << QStringLiteral("X-Url: http://a:1/") << QByteArray("X-Url") << QByteArray("http://a:1/");
        QTest::newRow("empty value") << QStringLiteral("X-Empty:") << QByteArray("X-Empty") << QByteArray();
    }

    void headerForms()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        const auto h = RemoteEndpoint::parseHeader(text, env());
        QVERIFY2(h.ok(), qPrintable(h.error().message));
        QCOMPARE(h.value().first, name);
        QCOMPARE(h.value().second, value);
    }

    void badHeaders_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no colon") << QStringLiteral("Authorization Bearer x") << QStringLiteral("bad_header")
                                  << QStringLiteral("Name: value");
        QTest::newRow("missing variable")
            << QStringLiteral("Authorization:${NOPE}") << QStringLiteral("variable_not_set")
            << QStringLiteral("NOPE is not set");
        QTest::newRow("bad name") << QStringLiteral("Bad Name: x") << QStringLiteral("bad_header")
                                  << QStringLiteral("not a valid HTTP header name");
        QTest::newRow("reserved") << QStringLiteral("Mcp-Session-Id: abc")
                                  << QStringLiteral("reserved_header") << QStringLiteral("Mcp-Session-Id");
    }

    void badHeaders()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(QString, mentions);
        const auto h = RemoteEndpoint::parseHeader(text, env());
        QVERIFY(!h.ok());
        QCOMPARE(h.error().code, code);
        QVERIFY2(h.error().message.contains(mentions), qPrintable(h.error().message));
    }

    void headerFile()
    {
        TestEnv t;
        const QString path = t.root() + QStringLiteral("/headers");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# the hosted instance\nAuthorization: ${AUTH_HEADER}\r\n\nX-Tenant: acme\n");
        f.close();
        const auto headers = RemoteEndpoint::readHeaderFile(path, env());
        QVERIFY2(headers.ok(), qPrintable(headers.error().message));
        QCOMPARE(headers.value().size(), 2);
        QCOMPARE(headers.value().at(0).second, QByteArray("Bearer s3cr3t"));
        QCOMPARE(headers.value().at(1).first, QByteArray("X-Tenant"));

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("X-Ok: 1\nbroken line\n");
        f.close();
        const auto bad = RemoteEndpoint::readHeaderFile(path, env());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(QStringLiteral("line 2")), qPrintable(bad.error().message));

        QVERIFY(!RemoteEndpoint::readHeaderFile(t.root() + QStringLiteral("/missing"), env()).ok());
    }

    void tokenFile()
    {
        TestEnv t;
        const QString path = t.root() + QStringLiteral("/token");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("  abcDEF123-_.~  \n");
        f.close();
        const auto token = RemoteEndpoint::readTokenFile(path);
        QVERIFY(token.ok());
        QCOMPARE(token.value(), QByteArray("abcDEF123-_.~"));

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("two words\n");
        f.close();
        QCOMPARE(RemoteEndpoint::readTokenFile(path).error().code, QStringLiteral("token_file_invalid"));

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.close();
        QCOMPARE(RemoteEndpoint::readTokenFile(path).error().code, QStringLiteral("token_file_empty"));
    }

    void urls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowHttp");
        QTest::addColumn<QString>("code"); // empty: accepted
        QTest::newRow("https") << QStringLiteral("https://finagent.example.com/mcp") << false << QString();
        QTest::newRow("http loopback v4")
            << QStringLiteral("http://127.0.0.1:8765/mcp") << false << QString();
        QTest::newRow("http loopback v6") << QStringLiteral("http://[::1]:8765/mcp") << false << QString();
        QTest::newRow("http localhost") << QStringLiteral("http://localhost:8765/mcp") << false << QString();
        QTest::newRow("http remote") << QStringLiteral("http://finagent.example.com/mcp") << false
                                     << QStringLiteral("insecure_url");
        QTest::newRow("http remote allowed") << QStringLiteral("http://10.0.0.5/mcp") << true << QString();
        QTest::newRow("ftp") << QStringLiteral("ftp://example.com/mcp") << true << QStringLiteral("bad_url");
        QTest::newRow("no host") << QStringLiteral("https:///mcp") << true << QStringLiteral("bad_url");
    }

    void urls()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowHttp);
        QFETCH(QString, code);
        const Result<void> r = RemoteEndpoint::checkUrl(QUrl(url), allowHttp);
        QCOMPARE(r.ok(), code.isEmpty());
        QCOMPARE(r.error().code, code);
    }

    void displayDropsCredentials()
    {
        QCOMPARE(RemoteEndpoint::display(QUrl(QStringLiteral("https://user:pw@h.example/mcp?token=x"))),
            QStringLiteral("https://h.example/mcp"));
    }
};

QTEST_GUILESS_MAIN(TestRemoteEndpoint)
#include "tst_remoteendpoint.moc"
