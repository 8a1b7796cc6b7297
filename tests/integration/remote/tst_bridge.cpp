#include "childserver.h"
#include "testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <memory>

// `finagent bridge` as a process, the way an MCP host runs it: the credential forms it accepts,
// the arguments it refuses, and what the host sees when the remote cannot be used.
class TestBridge : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestEnv> m_env;
    std::unique_ptr<ChildServer> m_serve;
    QString m_tokenFile;
    QByteArray m_token;

    struct Run
    {
        int exitCode = -1;
        QList<QJsonObject> messages; // stdout, one message per line
        QByteArray stderrText;
    };

    // Starts the bridge, sends initialize (+ initialized and a health_check call unless
    // `onlyInitialize`), closes stdin once the answers are in, and waits for the exit.
    static Run runBridge(const QStringList& args, const QProcessEnvironment& env, bool onlyInitialize = false)
    {
        Run run;
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(finagentBinary(), QStringList {QStringLiteral("bridge")} + args);
        if (!p.waitForStarted(10000))
            return run;
        QByteArray out;
        const auto collect = [&]() {
            out += p.readAllStandardOutput();
            run.stderrText += p.readAllStandardError();
            run.messages.clear();
            for (const QByteArray& line : out.split('\n')) {
                if (!line.trimmed().isEmpty())
                    run.messages << QJsonDocument::fromJson(line).object();
            }
        };
        const auto answered = [&run](int id) {
            for (const QJsonObject& m : run.messages) {
                if (m.value(QStringLiteral("id")).toInt() == id)
                    return true;
            }
            return false;
        };
        p.write(
            R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"tst_bridge","version":"1"}}})"
            "\n");
        if (QTest::qWaitFor(
                [&]() {
                    collect();
                    return answered(1) || p.state() == QProcess::NotRunning;
                },
                15000)
            && !onlyInitialize && p.state() == QProcess::Running) {
            p.write(
                R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
                "\n"
                R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"health_check","arguments":{}}})"
                "\n");
            (void)QTest::qWaitFor(
                [&]() {
                    collect();
                    return answered(2) || p.state() == QProcess::NotRunning;
                },
                15000);
        }
        p.closeWriteChannel();
        (void)QTest::qWaitFor([&]() { return p.state() == QProcess::NotRunning; }, 15000);
        collect();
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            (void)QTest::qWaitFor([&]() { return p.state() == QProcess::NotRunning; }, 5000);
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        return run;
    }

    static QJsonObject byId(const Run& run, int id)
    {
        for (const QJsonObject& m : run.messages) {
            if (m.value(QStringLiteral("id")).toInt() == id)
                return m;
        }
        return {};
    }

    QString writeFile(const QString& name, const QByteArray& content) const
    {
        const QString path = m_env->root() + QLatin1Char('/') + name;
        QFile f(path);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(content);
        return path;
    }

    static QProcessEnvironment baseEnv()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("FINAGENT_REMOTE_TOKEN"));
        env.remove(QStringLiteral("FINAGENT_REMOTE_TOKEN_FILE"));
        return env;
    }

    void expectServed(const Run& run)
    {
        QCOMPARE(run.exitCode, 0);
        const QJsonObject init = byId(run, 1).value(QStringLiteral("result")).toObject();
        QCOMPARE(init.value(QStringLiteral("serverInfo")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("finagent"));
        const QJsonObject health = byId(run, 2).value(QStringLiteral("result")).toObject();
        QCOMPARE(health.value(QStringLiteral("structuredContent"))
                     .toObject()
                     .value(QStringLiteral("mode"))
                     .toString(),
            QStringLiteral("serve"));
        QVERIFY(!run.stderrText.contains(m_token));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = std::make_unique<TestEnv>();
        m_token = writeToken(m_env->root(), &m_tokenFile);
        m_serve = std::make_unique<ChildServer>();
        QVERIFY2(m_serve->startServe(m_tokenFile), m_serve->output().constData());
    }

    void cleanupTestCase()
    {
        m_serve.reset();
        m_env.reset();
    }

    void headerFile()
    {
        QProcessEnvironment env = baseEnv();
        env.insert(QStringLiteral("AUTH_HEADER"), QStringLiteral("Bearer ") + QString::fromLatin1(m_token));
        const QString file = writeFile(
            QStringLiteral("headers"), "# hosted FinAgent\nAuthorization: ${AUTH_HEADER}\nX-Team: ops\n");
        expectServed(runBridge({m_serve->url().toString(), QStringLiteral("--header-file"), file}, env));
    }

    void tokenFromTheEnvironment()
    {
        QProcessEnvironment env = baseEnv();
        env.insert(QStringLiteral("FINAGENT_REMOTE_TOKEN"), QString::fromLatin1(m_token));
        expectServed(runBridge({m_serve->url().toString()}, env));

        QProcessEnvironment fileEnv = baseEnv();
        fileEnv.insert(QStringLiteral("FINAGENT_REMOTE_TOKEN_FILE"), m_tokenFile);
        expectServed(runBridge({m_serve->url().toString()}, fileEnv));
    }

    void mcpRemoteCallbackPortIsAccepted()
    {
        expectServed(
            runBridge({m_serve->url().toString(), QStringLiteral("3334"), QStringLiteral("--token-file"),
                          m_tokenFile, QStringLiteral("--transport"), QStringLiteral("http-first")},
                baseEnv()));
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        const QString url = QStringLiteral("http://127.0.0.1:1/mcp");
        QTest::newRow("no url") << QStringList {}
                                << QStringLiteral("URL of the remote MCP endpoint is missing");
        QTest::newRow("unset variable")
            << QStringList {url, QStringLiteral("--header"), QStringLiteral("Authorization:${NOPE}")}
            << QStringLiteral("NOPE is not set");
        QTest::newRow("two credentials")
            << QStringList {url, QStringLiteral("--header"), QStringLiteral("Authorization: Bearer x"),
                   QStringLiteral("--token-file"), QStringLiteral("/nonexistent")}
            << QStringLiteral("give the credential once");
        QTest::newRow("sse transport") << QStringList {url, QStringLiteral("--transport"),
            QStringLiteral("sse-only")} << QStringLiteral("Streamable HTTP only");
        QTest::newRow("plain http far away")
            << QStringList {QStringLiteral("http://finagent.example.com/mcp")}
            << QStringLiteral("--allow-http");
        QTest::newRow("bad timeout") << QStringList {url, QStringLiteral("--timeout"), QStringLiteral("soon")}
                                     << QStringLiteral("--timeout must be a number of seconds");
        QTest::newRow("missing header file") << QStringList {url, QStringLiteral("--header-file"),
            QStringLiteral("/nonexistent/h")} << QStringLiteral("Cannot read the header file");
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        QProcess p;
        p.setProcessEnvironment(baseEnv());
        p.start(finagentBinary(), QStringList {QStringLiteral("bridge")} + args);
        QVERIFY(p.waitForStarted(10000));
        p.closeWriteChannel();
        QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 10000);
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardOutput().isEmpty());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(says), qPrintable(err));
    }

    void unreachableRemoteIsExplained()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const Run run = runBridge({QStringLiteral("http://127.0.0.1:%1/mcp").arg(port)}, baseEnv(), true);
        QCOMPARE(run.exitCode, 1);
        const QJsonObject error = byId(run, 1).value(QStringLiteral("error")).toObject();
        QVERIFY2(error.value(QStringLiteral("message"))
                     .toString()
                     .startsWith(QStringLiteral("Remote unreachable since ")),
            qPrintable(QString::fromUtf8(QJsonDocument(error).toJson())));
        QVERIFY(error.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("(connection refused)")));
        QVERIFY2(
            run.stderrText.contains("finagent bridge: Remote unreachable since"), run.stderrText.constData());
    }

    void help()
    {
        QProcess p;
        p.start(finagentBinary(), {QStringLiteral("bridge"), QStringLiteral("--help")});
        QVERIFY(p.waitForStarted(10000));
        QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 10000);
        QCOMPARE(p.exitCode(), 0);
        const QByteArray text = p.readAllStandardOutput();
        QVERIFY(text.contains("Usage: finagent bridge <url>"));
        QVERIFY(text.contains("Authorization:${AUTH_HEADER}"));
    }
};

QTEST_GUILESS_MAIN(TestBridge)
#include "tst_bridge.moc"
