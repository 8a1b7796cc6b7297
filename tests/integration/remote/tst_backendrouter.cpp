#include "backend/backendrouter.h"
#include "backend/localbackend.h"
#include "backend/remotebackend.h"
#include "childserver.h"
#include "config/settings.h"
#include "inprocessclient.h"
#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"
#include "protocol/mcpregistry.h"
#include "protocol/mcpserver.h"
#include "protocol/toolresult.h"
#include "remotetesting.h"
#include "security/envsecretstore.h"
#include "testenv.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace RemoteTesting;

// The local | remote switch with a real `finagent serve` as the remote: calls in flight finish where
// they started, the lists are announced as changed, statuses describe the mode, the settings drive it.
class TestBackendRouter : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestEnv> m_env;
    std::unique_ptr<ChildServer> m_serve;
    QByteArray m_token;
    QNetworkAccessManager m_network;
    McpRegistry m_registry;

    RemoteBackend* makeRemote()
    {
        RemoteBackend::Options o;
        o.url = m_serve->url();
        o.token = m_token;
        return new RemoteBackend(m_network, nullptr, o);
    }

    static QString textOf(const QJsonObject& response)
    {
        return response.value(QStringLiteral("result"))
            .toObject()
            .value(QStringLiteral("content"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("text"))
            .toString();
    }

    static QJsonObject toolCall(const QString& name, const QJsonObject& arguments = {})
    {
        return QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}};
    }

    // Answers the client's pending server->client request `request` (an elicitation).
    static void answer(McpServer& server, InProcessClient& client, const QJsonObject& request)
    {
        const JsonRpc::Parsed response =
            JsonRpc::fromJson(JsonRpc::makeResult(request.value(QStringLiteral("id")),
                QJsonObject {{QStringLiteral("action"), QStringLiteral("accept")},
                    {QStringLiteral("content"),
                        QJsonObject {{QStringLiteral("username"), QStringLiteral("grace")},
                            {QStringLiteral("email"), QStringLiteral("grace@example.com")}}}}));
        QVERIFY(response.ok);
        server.handle(client.session(), response.message, nullptr);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = std::make_unique<TestEnv>();
        QString tokenFile;
        m_token = writeToken(m_env->root(), &tokenFile);
        m_serve = std::make_unique<ChildServer>();
        QVERIFY2(m_serve->startServe(tokenFile, {QStringLiteral("--conformance-fixtures")}),
            m_serve->output().constData());

        // The local side: a slow tool that answers after 300 ms, and a tool only it has.
        ToolDefinition slow;
        slow.name = QStringLiteral("slow_local");
        slow.description = QStringLiteral("Answers after a while");
        slow.inputSchema = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}};
        slow.handler = [](McpCall* call, const QJsonObject&) {
            QTimer::singleShot(300, call, [call]() {
                call->replyTool(ToolResult::fromContent(
                    QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                        {QStringLiteral("text"), QStringLiteral("local done")}}}));
            });
        };
        m_registry.tools().add(slow);
    }

    void cleanupTestCase()
    {
        m_serve.reset();
        m_env.reset();
    }

    void switchingKeepsCallsInFlight()
    {
        LocalBackend local(m_registry);
        BackendRouter router(local);
        router.setRemote(makeRemote());
        McpServer server(ServerIdentity {}, &router);
        InProcessClient client(server);
        QVERIFY(!client.initialize(QString(), QJsonObject {{QStringLiteral("elicitation"), QJsonObject {}}})
                     .isEmpty());
        QCOMPARE(router.mode(), BackendRouter::Mode::Local);
        QCOMPARE(router.status().description, QStringLiteral("local"));
        QCOMPARE(toolNames(client.request(QStringLiteral("tools/list"))
                               .value(QStringLiteral("result"))
                               .toObject()
                               .value(QStringLiteral("tools"))
                               .toArray()),
            QStringList {QStringLiteral("slow_local")});

        // A slow local call, then the switch to remote while it runs.
        QSignalSpy listChanged(&router, &McpHandler::listChanged);
        QSignalSpy modeChanged(&router, &BackendRouter::modeChanged);
        const int localCall =
            client.sendRequest(QStringLiteral("tools/call"), toolCall(QStringLiteral("slow_local")));
        router.setMode(BackendRouter::Mode::Remote);
        QCOMPARE(modeChanged.count(), 1);
        QVERIFY(!client.hasResponse(localCall));
        QVERIFY(client.waitForResponse(localCall));
        QCOMPARE(textOf(client.response(localCall)), QStringLiteral("local done"));

        // The local clients heard that the lists changed, and now see the remote's tools.
        QStringList kinds;
        for (const auto& args : listChanged)
            kinds << args.first().toString();
        QVERIFY2(kinds.contains(QStringLiteral("tools")), qPrintable(kinds.join(QLatin1Char(','))));
        QCOMPARE(client.receivedWithMethod(QStringLiteral("notifications/tools/list_changed")).size(), 1);
        const QStringList remoteTools = toolNames(client.request(QStringLiteral("tools/list"))
                                                      .value(QStringLiteral("result"))
                                                      .toObject()
                                                      .value(QStringLiteral("tools"))
                                                      .toArray());
        QVERIFY(remoteTools.contains(QStringLiteral("health_check")));
        QVERIFY(!remoteTools.contains(QStringLiteral("slow_local")));
        QTRY_COMPARE(router.status().state, BackendStatus::State::Ready);
        QCOMPARE(
            router.status().description, QStringLiteral("remote: %1 — ready").arg(m_serve->url().toString()));
        QCOMPARE(router.kind(), QStringLiteral("remote"));

        // A remote call that waits for the user, then the switch back to local while it waits.
        const int remoteCall = client.sendRequest(QStringLiteral("tools/call"),
            toolCall(QStringLiteral("test_elicitation"),
                QJsonObject {{QStringLiteral("message"), QStringLiteral("Name?")}}));
        QTRY_COMPARE(client.receivedWithMethod(QStringLiteral("elicitation/create")).size(), 1);
        router.setMode(BackendRouter::Mode::Local);
        QCOMPARE(client.receivedWithMethod(QStringLiteral("notifications/tools/list_changed")).size(), 2);
        QCOMPARE(toolNames(client.request(QStringLiteral("tools/list"))
                               .value(QStringLiteral("result"))
                               .toObject()
                               .value(QStringLiteral("tools"))
                               .toArray()),
            QStringList {QStringLiteral("slow_local")});
        answer(server, client, client.receivedWithMethod(QStringLiteral("elicitation/create")).first());
        QVERIFY(client.waitForResponse(remoteCall));
        QVERIFY2(textOf(client.response(remoteCall)).contains(QStringLiteral("grace@example.com")),
            qPrintable(textOf(client.response(remoteCall))));
    }

    void notificationsComeFromTheActiveBackendOnly()
    {
        LocalBackend local(m_registry);
        BackendRouter router(local);
        router.setRemote(makeRemote());
        QSignalSpy updated(&router, &McpHandler::resourceUpdated);
        m_registry.notifyResourceUpdated(QStringLiteral("payment://invoice/1"));
        QCOMPARE(updated.count(), 1);
        router.setMode(BackendRouter::Mode::Remote);
        m_registry.notifyResourceUpdated(QStringLiteral("payment://invoice/1"));
        QCOMPARE(updated.count(), 1);
        QVERIFY(router.remote());
        QVERIFY(router.remote()->client().isListening());
        router.setMode(BackendRouter::Mode::Local);
        QVERIFY(!router.remote()->client().isListening());
    }

    void remoteModeWithoutARemote()
    {
        LocalBackend local(m_registry);
        BackendRouter router(local);
        router.setMode(BackendRouter::Mode::Remote);
        QCOMPARE(router.status().state, BackendStatus::State::Unreachable);
        QVERIFY(router.status().description.contains(QStringLiteral("no remote URL is set")));
        const ToolOutcome out = callTool(router, QStringLiteral("health_check"));
        QCOMPARE(out.error.code, QStringLiteral("remote_not_configured"));
        QVERIFY(out.raw.value(QStringLiteral("isError")).toBool());
    }

    void unreachableRemoteIsDescribed()
    {
        LocalBackend local(m_registry);
        BackendRouter router(local);
        quint16 port = 0;
        {
            QTcpServer probe; // a port nothing listens on any more
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const QString url = QStringLiteral("http://127.0.0.1:%1/mcp").arg(port);
        RemoteBackend::Options o;
        o.url = QUrl(url);
        router.setRemote(new RemoteBackend(m_network, nullptr, o));
        QSignalSpy status(&router, &Backend::statusChanged);
        router.setMode(BackendRouter::Mode::Remote);
        QTRY_COMPARE(router.status().state, BackendStatus::State::Unreachable);
        const BackendStatus s = router.status();
        QCOMPARE(s.description,
            QStringLiteral("remote: %1 — unreachable since %2 (connection refused)")
                .arg(url, s.since.toString(QStringLiteral("HH:mm"))));
        QVERIFY(status.count() >= 2); // the switch, then the failure
    }

    void replacingTheRemoteLetsItsCallsFinish()
    {
        LocalBackend local(m_registry);
        BackendRouter router(local);
        QPointer<RemoteBackend> first = makeRemote();
        router.setRemote(first);
        router.setMode(BackendRouter::Mode::Remote);
        McpServer server(ServerIdentity {}, &router);
        InProcessClient client(server);
        QVERIFY(!client.initialize(QString(), QJsonObject {{QStringLiteral("elicitation"), QJsonObject {}}})
                     .isEmpty());

        // A call that waits for the user on the first remote.
        const int call = client.sendRequest(QStringLiteral("tools/call"),
            toolCall(QStringLiteral("test_elicitation"),
                QJsonObject {{QStringLiteral("message"), QStringLiteral("Name?")}}));
        QTRY_COMPARE(client.receivedWithMethod(QStringLiteral("elicitation/create")).size(), 1);

        router.setRemote(makeRemote()); // e.g. the URL setting changed
        QVERIFY(first); // still there for its call
        QVERIFY(router.remote() != first);
        answer(server, client, client.receivedWithMethod(QStringLiteral("elicitation/create")).first());
        QVERIFY(client.waitForResponse(call));
        QVERIFY2(textOf(client.response(call)).contains(QStringLiteral("grace@example.com")),
            qPrintable(textOf(client.response(call))));
        QTRY_VERIFY(!first); // retired once drained
        QVERIFY(callTool(router, QStringLiteral("health_check")).ok);
    }

    void settingsDriveTheSwitch()
    {
        TestEnv env;
        Settings settings(env.configDir());
        QProcessEnvironment secretsEnv;
        secretsEnv.insert(QStringLiteral("FINAGENT_REMOTE_TOKEN"), QString::fromLatin1(m_token));
        EnvSecretStore secrets(secretsEnv);
        LocalBackend local(m_registry);
        BackendRouter router(local);
        router.followSettings(settings, m_network, &secrets);
        QCOMPARE(router.mode(), BackendRouter::Mode::Local);
        QVERIFY(!router.remote());

        QVERIFY(settings.setValue(QStringLiteral("remote.url"), m_serve->url().toString()).ok());
        QVERIFY(router.remote());
        QCOMPARE(router.remote()->url(), m_serve->url());
        QVERIFY(settings.setValue(QStringLiteral("mode"), QStringLiteral("remote")).ok());
        QCOMPARE(router.mode(), BackendRouter::Mode::Remote);
        const ToolOutcome health = callTool(router, QStringLiteral("health_check"));
        QVERIFY2(health.ok, qPrintable(health.error.message));
        QCOMPARE(health.structured.value(QStringLiteral("mode")).toString(), QStringLiteral("serve"));

        QVERIFY(
            settings.setValue(QStringLiteral("remote.url"), QStringLiteral("http://finagent.example.com/mcp"))
                .ok());
        QVERIFY(!router.remote());
        QVERIFY2(router.status().description.contains(QStringLiteral("plain http")),
            qPrintable(router.status().description));

        QVERIFY(settings.setValue(QStringLiteral("mode"), QStringLiteral("local")).ok());
        QCOMPARE(router.mode(), BackendRouter::Mode::Local);
        QCOMPARE(callTool(router, QStringLiteral("slow_local")).text, QStringLiteral("local done"));
    }
};

QTEST_GUILESS_MAIN(TestBackendRouter)
#include "tst_backendrouter.moc"
