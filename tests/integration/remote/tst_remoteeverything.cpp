#include "backend/remotebackend.h"
#include "childserver.h"
#include "inprocessclient.h"
#include "protocol/mcpserver.h"
#include "remotetesting.h"

#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

using namespace RemoteTesting;

// RemoteBackend against a server that is not FinAgent: the reference server of the MCP project
// (@modelcontextprotocol/server-everything) in Streamable HTTP mode.
class TestRemoteEverything : public QObject
{
    Q_OBJECT

    std::unique_ptr<ChildServer> m_server;
    QNetworkAccessManager m_network;

    RemoteBackend::Options options() const
    {
        RemoteBackend::Options o;
        o.url = m_server->url();
        o.connectTimeoutMs = 10000;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString missing = ChildServer::everythingMissing();
        if (!missing.isEmpty())
            QSKIP(qPrintable(QStringLiteral("server-everything cannot run: %1").arg(missing)));
        m_server = std::make_unique<ChildServer>();
        QVERIFY2(m_server->startEverything(), m_server->output().constData());
    }

    void cleanupTestCase() { m_server.reset(); }

    void listAndEcho()
    {
        RemoteBackend remote(m_network, nullptr, options());
        const Result<QJsonArray> tools = listTools(remote);
        QVERIFY2(tools.ok(), qPrintable(tools.error().message));
        const QStringList names = toolNames(tools.value());
        QVERIFY2(names.contains(QStringLiteral("echo")), qPrintable(names.join(QLatin1Char(' '))));
        QVERIFY(names.contains(QStringLiteral("trigger-long-running-operation")));
        QCOMPARE(remote.serverInfo().value(QStringLiteral("name")).toString().isEmpty(), false);
        QVERIFY(!remote.client().sessionId().isEmpty());

        const ToolOutcome echo = callTool(remote, QStringLiteral("echo"),
            QJsonObject {{QStringLiteral("message"), QStringLiteral("héllo")}});
        QVERIFY2(echo.ok, qPrintable(echo.error.message));
        QCOMPARE(echo.text, QStringLiteral("Echo: héllo"));
        QCOMPARE(remote.status().state, BackendStatus::State::Ready);
    }

    void progressIsForwarded()
    {
        RemoteBackend remote(m_network, nullptr, options());
        QList<double> progress;
        QList<double> totals;
        const ToolOutcome out = callTool(remote, QStringLiteral("trigger-long-running-operation"),
            QJsonObject {{QStringLiteral("duration"), 1}, {QStringLiteral("steps"), 4}},
            [&](double p, double total, const QString&) {
                progress << p;
                totals << total;
            });
        QVERIFY2(out.ok, qPrintable(out.error.message));
        QCOMPARE(progress, (QList<double> {1, 2, 3, 4}));
        QCOMPARE(totals, (QList<double> {4, 4, 4, 4}));
        QVERIFY(out.text.contains(QStringLiteral("Long running operation completed")));
    }

    void cancellation()
    {
        RemoteBackend remote(m_network, nullptr, options());
        McpServer server(ServerIdentity {}, &remote);
        InProcessClient client(server);
        QVERIFY(!client.initialize().isEmpty());
        const int id = client.sendRequest(QStringLiteral("tools/call"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("trigger-long-running-operation")},
                {QStringLiteral("arguments"),
                    QJsonObject {{QStringLiteral("duration"), 30}, {QStringLiteral("steps"), 60}}},
                {QStringLiteral("_meta"),
                    QJsonObject {{QStringLiteral("progressToken"), QStringLiteral("p1")}}}});
        QTRY_VERIFY(!client.receivedWithMethod(QStringLiteral("notifications/progress")).isEmpty());
        QCOMPARE(remote.inFlightCount(), 1);
        client.notify(
            QStringLiteral("notifications/cancelled"), QJsonObject {{QStringLiteral("requestId"), id}});
        QTRY_COMPARE(remote.inFlightCount(), 0);
        // No more progress for the cancelled call, and no answer.
        client.clearReceived();
        const ToolOutcome echo = callTool(remote, QStringLiteral("echo"),
            QJsonObject {{QStringLiteral("message"), QStringLiteral("still here")}});
        QVERIFY(echo.ok);
        QVERIFY(client.receivedWithMethod(QStringLiteral("notifications/progress")).isEmpty());
        QVERIFY(!client.hasResponse(id));
    }

    void lostSessionIsRecovered()
    {
        // server-everything answers an unknown session with 400 "No valid session ID" rather than
        // 404; the client recovers all the same.
        RemoteBackend remote(m_network, nullptr, options());
        QVERIFY(callTool(
            remote, QStringLiteral("echo"), QJsonObject {{QStringLiteral("message"), QStringLiteral("1")}})
                    .ok);
        const QString firstSession = remote.client().sessionId();
        const quint16 port = m_server->port();
        m_server->kill();
        QVERIFY2(m_server->startEverything(port), m_server->output().constData());
        const ToolOutcome after = callTool(
            remote, QStringLiteral("echo"), QJsonObject {{QStringLiteral("message"), QStringLiteral("2")}});
        QVERIFY2(after.ok, qPrintable(after.error.message));
        QCOMPARE(after.text, QStringLiteral("Echo: 2"));
        QCOMPARE(remote.client().sessionGeneration(), 2);
        QVERIFY(remote.client().sessionId() != firstSession);
    }
};

QTEST_GUILESS_MAIN(TestRemoteEverything)
#include "tst_remoteeverything.moc"
