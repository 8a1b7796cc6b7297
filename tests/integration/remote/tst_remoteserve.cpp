#include "backend/remotebackend.h"
#include "childserver.h"
#include "inprocessclient.h"
#include "protocol/mcpserver.h"
#include "protocol/mcpsession.h"
#include "remotetesting.h"
#include "security/envsecretstore.h"
#include "testenv.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace RemoteTesting;

// RemoteBackend against a real `finagent serve` child process: the features, progress, logs and
// elicitation passed through, cancellation and timeouts reaching the remote, refused tokens, a
// restarted server, an unreachable one.
class TestRemoteServe : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestEnv> m_env;
    std::unique_ptr<ChildServer> m_serve;
    QString m_tokenFile;
    QByteArray m_token;
    QNetworkAccessManager m_network;

    static RemoteBackend::Options options(const QUrl& url, const QByteArray& token)
    {
        RemoteBackend::Options o;
        o.url = url;
        o.token = token;
        o.connectTimeoutMs = 10000;
        o.reconnectMinMs = 100;
        o.reconnectMaxMs = 500;
        return o;
    }

    RemoteBackend::Options options() const { return options(m_serve->url(), m_token); }

    static QJsonObject elicitationCapable()
    {
        return QJsonObject {{QStringLiteral("elicitation"), QJsonObject {}}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = std::make_unique<TestEnv>();
        m_token = writeToken(m_env->root(), &m_tokenFile);
        m_serve = std::make_unique<ChildServer>();
        QVERIFY2(m_serve->startServe(m_tokenFile, {QStringLiteral("--conformance-fixtures")}),
            m_serve->output().constData());
    }

    void cleanupTestCase()
    {
        m_serve.reset();
        m_env.reset();
    }

    void listAndCall()
    {
        RemoteBackend remote(m_network, nullptr, options());
        QCOMPARE(remote.status().state, BackendStatus::State::Connecting);
        const Result<QJsonArray> tools = listTools(remote);
        QVERIFY2(tools.ok(), qPrintable(tools.error().message));
        const QStringList names = toolNames(tools.value());
        QVERIFY2(names.contains(QStringLiteral("health_check")), qPrintable(names.join(QLatin1Char(' '))));
        QVERIFY(names.contains(QStringLiteral("get_spot_price")));
        QVERIFY(names.contains(QStringLiteral("test_tool_with_progress")));

        const ToolOutcome health = callTool(remote, QStringLiteral("health_check"));
        QVERIFY2(health.ok, qPrintable(health.error.message));
        QCOMPARE(health.structured.value(QStringLiteral("mode")).toString(), QStringLiteral("serve"));
        QCOMPARE(health.structured.value(QStringLiteral("transport")).toString(),
            QStringLiteral("streamable-http"));

        QCOMPARE(remote.status().state, BackendStatus::State::Ready);
        QCOMPARE(remote.status().description, QStringLiteral("remote ready"));
        QCOMPARE(remote.serverInfo().value(QStringLiteral("name")).toString(), QStringLiteral("finagent"));
        QVERIFY(remote.capabilities().contains(QStringLiteral("tools")));
        QVERIFY(!remote.capabilities().contains(QStringLiteral("logging"))); // the local server adds its own
        QVERIFY(!remote.instructions().isEmpty());
        QCOMPARE(remote.client().protocolVersion(), QStringLiteral("2025-11-25"));
    }

    void remoteErrorsPassThrough()
    {
        RemoteBackend remote(m_network, nullptr, options());
        McpServer server(ServerIdentity {}, &remote);
        InProcessClient client(server);
        QVERIFY(!client.initialize().isEmpty());
        // An unknown tool is a protocol error of the remote, passed on with its code.
        const QJsonObject unknown = client.request(QStringLiteral("tools/call"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("no_such_tool")}});
        QCOMPARE(
            unknown.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32602);
        // A tool failure stays a tool result.
        const QJsonObject failing = client.callTool(QStringLiteral("test_error_handling"));
        QVERIFY(failing.value(QStringLiteral("isError")).toBool());
    }

    void progressAndLogsReachTheCaller()
    {
        RemoteBackend remote(m_network, nullptr, options());
        QList<double> progress;
        const ToolOutcome out = callTool(remote, QStringLiteral("test_tool_with_progress"), {},
            [&progress](double p, double, const QString&) { progress << p; });
        QVERIFY2(out.ok, qPrintable(out.error.message));
        QCOMPARE(progress, (QList<double> {0, 50, 100}));

        McpServer server(ServerIdentity {}, &remote);
        InProcessClient client(server);
        QVERIFY(!client.initialize().isEmpty());
        const QJsonObject logged = client.callTool(QStringLiteral("test_tool_with_logging"));
        QVERIFY(!logged.value(QStringLiteral("isError")).toBool());
        const auto logs = client.receivedWithMethod(QStringLiteral("notifications/message"));
        QCOMPARE(logs.size(), 3);
        QCOMPARE(
            logs.first().value(QStringLiteral("params")).toObject().value(QStringLiteral("data")).toString(),
            QStringLiteral("Tool execution started"));

        // The local client's own progress token comes back, whatever token was used upstream.
        client.clearReceived();
        const QJsonObject withToken = client.request(QStringLiteral("tools/call"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("test_tool_with_progress")},
                {QStringLiteral("_meta"), QJsonObject {{QStringLiteral("progressToken"), 42}}}});
        QVERIFY(withToken.contains(QStringLiteral("result")));
        const auto notes = client.receivedWithMethod(QStringLiteral("notifications/progress"));
        QCOMPARE(notes.size(), 3);
        for (const QJsonObject& n : notes)
            QCOMPARE(
                n.value(QStringLiteral("params")).toObject().value(QStringLiteral("progressToken")).toInt(),
                42);
    }

    void elicitationIsAskedOfTheLocalClient()
    {
        RemoteBackend remote(m_network, nullptr, options());
        McpServer server(ServerIdentity {}, &remote);
        InProcessClient client(server);
        QVERIFY(!client.initialize(QString(), elicitationCapable()).isEmpty());
        QString asked;
        client.setRequestHandler([&asked](const QString& method, const QJsonObject& params) {
            asked = method + QLatin1Char(':') + params.value(QStringLiteral("message")).toString();
            return QJsonObject {{QStringLiteral("action"), QStringLiteral("accept")},
                {QStringLiteral("content"),
                    QJsonObject {{QStringLiteral("username"), QStringLiteral("ada")},
                        {QStringLiteral("email"), QStringLiteral("ada@example.com")}}}};
        });
        const QJsonObject result = client.callTool(QStringLiteral("test_elicitation"),
            QJsonObject {{QStringLiteral("message"), QStringLiteral("Who are you?")}});
        QCOMPARE(asked, QStringLiteral("elicitation/create:Who are you?"));
        const QString text = result.value(QStringLiteral("content"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QStringLiteral("text"))
                                 .toString();
        QVERIFY2(text.contains(QStringLiteral("ada@example.com")), qPrintable(text));

        // A local client without the capability: the remote hears a clear refusal, not silence.
        McpServer plainServer(ServerIdentity {}, &remote);
        InProcessClient plain(plainServer);
        QVERIFY(!plain.initialize().isEmpty());
        const QJsonObject refused = plain.callTool(QStringLiteral("test_elicitation"),
            QJsonObject {{QStringLiteral("message"), QStringLiteral("Who?")}});
        const QString refusal = refused.value(QStringLiteral("content"))
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value(QStringLiteral("text"))
                                    .toString();
        QVERIFY2(refusal.contains(QStringLiteral("elicitation")), qPrintable(refusal));
    }

    void cancellationReachesTheRemote()
    {
        RemoteBackend remote(m_network, nullptr, options());
        McpServer server(ServerIdentity {}, &remote);
        InProcessClient client(server);
        QVERIFY(!client.initialize(QString(), elicitationCapable()).isEmpty());
        QCOMPARE(remoteRequestsInFlight(remote), 1); // health_check itself

        // The remote tool waits for the user; nobody answers.
        const int id = client.sendRequest(QStringLiteral("tools/call"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("test_elicitation")},
                {QStringLiteral("arguments"),
                    QJsonObject {{QStringLiteral("message"), QStringLiteral("Wait")}}}});
        QTRY_COMPARE(client.receivedWithMethod(QStringLiteral("elicitation/create")).size(), 1);
        QCOMPARE(remoteRequestsInFlight(remote), 2);

        client.notify(QStringLiteral("notifications/cancelled"),
            QJsonObject {{QStringLiteral("requestId"), id},
                {QStringLiteral("reason"), QStringLiteral("changed my mind")}});
        QTRY_COMPARE(remoteRequestsInFlight(remote), 1);
        QVERIFY(!client.hasResponse(id)); // a cancelled request gets no answer
        QCOMPARE(remote.inFlightCount(), 0);
    }

    void timeoutEndsTheRemoteCall()
    {
        RemoteBackend::Options o = options();
        o.requestTimeoutMs = 700;
        RemoteBackend remote(m_network, nullptr, o);
        McpServer server(ServerIdentity {}, &remote);
        InProcessClient client(server);
        QVERIFY(!client.initialize(QString(), elicitationCapable()).isEmpty());
        const int id = client.sendRequest(QStringLiteral("tools/call"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("test_elicitation")},
                {QStringLiteral("arguments"),
                    QJsonObject {{QStringLiteral("message"), QStringLiteral("Wait")}}}});
        QVERIFY(client.waitForResponse(id, 10000));
        const QJsonObject result = client.response(id).value(QStringLiteral("result")).toObject();
        QVERIFY(result.value(QStringLiteral("isError")).toBool());
        const QString text = result.value(QStringLiteral("content"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QStringLiteral("text"))
                                 .toString();
        QVERIFY2(text.contains(QStringLiteral("The remote did not answer tools/call within 1 s")),
            qPrintable(text));
        QVERIFY2(text.endsWith(QStringLiteral("[remote_timeout]")), qPrintable(text));
        QTRY_COMPARE(remoteRequestsInFlight(remote), 1); // the remote was told to stop
        QCOMPARE(remote.status().state, BackendStatus::State::Ready);
    }

    void refusedToken()
    {
        RemoteBackend remote(m_network, nullptr, options(m_serve->url(), "not-the-token-0123456789"));
        QSignalSpy status(&remote, &Backend::statusChanged);
        const ToolOutcome out = callTool(remote, QStringLiteral("health_check"));
        QVERIFY(!out.ok);
        QCOMPARE(out.error.code, QStringLiteral("remote_refused_token"));
        QCOMPARE(out.error.message,
            QStringLiteral(
                "The remote FinAgent refused the token (HTTP 401): update it in Accounts & keys."));
        QCOMPARE(remote.status().state, BackendStatus::State::Refused);
        QCOMPARE(remote.status().description, out.error.message);
        QVERIFY(remote.status().since.isValid());
        QVERIFY(status.count() >= 1);
        QCOMPARE(listTools(remote).error().code, QStringLiteral("rpc_-32603"));
    }

    void tokenFromTheSecretStore()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("FINAGENT_REMOTE_TOKEN"), QString::fromLatin1(m_token));
        EnvSecretStore secrets(env);
        RemoteBackend::Options o = options();
        o.token.clear();
        RemoteBackend remote(m_network, &secrets, o);
        const ToolOutcome out = callTool(remote, QStringLiteral("health_check"));
        QVERIFY2(out.ok, qPrintable(out.error.message));

        EnvSecretStore empty {QProcessEnvironment()};
        RemoteBackend anonymous(m_network, &empty, o);
        const ToolOutcome refused = callTool(anonymous, QStringLiteral("health_check"));
        QCOMPARE(refused.error.code, QStringLiteral("remote_needs_token"));
        QCOMPARE(anonymous.status().state, BackendStatus::State::Refused);
    }

    void restartedServerGetsANewSession()
    {
        TestEnv env;
        QString tokenFile;
        const QByteArray token = writeToken(env.root(), &tokenFile);
        ChildServer serve;
        QVERIFY2(serve.startServe(tokenFile), serve.output().constData());
        RemoteBackend remote(m_network, nullptr, options(serve.url(), token));
        QVERIFY(callTool(remote, QStringLiteral("health_check")).ok);
        const QString firstSession = remote.client().sessionId();
        QVERIFY(!firstSession.isEmpty());

        const quint16 port = serve.port();
        serve.kill();
        // Sessions are kept in the database, so a restart on another database (a new instance)
        // does not know the old session (404): a new session, the call replayed.
        const QString otherDatabase = QStringLiteral("sqlite://") + env.root() + QStringLiteral("/other.db");
        QVERIFY2(
            serve.startServe(tokenFile,
                {QStringLiteral("--set"), QStringLiteral("storage.database_url=") + otherDatabase}, port),
            serve.output().constData());
        QCOMPARE(serve.port(), port);

        const ToolOutcome after = callTool(remote, QStringLiteral("health_check"));
        QVERIFY2(after.ok, qPrintable(after.error.message));
        QCOMPARE(remote.client().sessionGeneration(), 2);
        QVERIFY(remote.client().sessionId() != firstSession);
        QCOMPARE(remote.status().state, BackendStatus::State::Ready);
    }

    void restartOnTheSameDatabaseKeepsTheSession()
    {
        TestEnv env;
        QString tokenFile;
        const QByteArray token = writeToken(env.root(), &tokenFile);
        ChildServer serve;
        QVERIFY2(serve.startServe(tokenFile), serve.output().constData());
        RemoteBackend remote(m_network, nullptr, options(serve.url(), token));
        QVERIFY(callTool(remote, QStringLiteral("health_check")).ok);
        const QString firstSession = remote.client().sessionId();

        const quint16 port = serve.port();
        serve.kill();
        QVERIFY2(serve.startServe(tokenFile, {}, port), serve.output().constData());

        // The new process finds the session in the database and takes it over: no re-initialize.
        const ToolOutcome after = callTool(remote, QStringLiteral("health_check"));
        QVERIFY2(after.ok, qPrintable(after.error.message));
        QCOMPARE(remote.client().sessionGeneration(), 1);
        QCOMPARE(remote.client().sessionId(), firstSession);
    }

    void outageSeenAndHealedWhileListening()
    {
        TestEnv env;
        QString tokenFile;
        const QByteArray token = writeToken(env.root(), &tokenFile);
        ChildServer serve;
        QVERIFY2(serve.startServe(tokenFile), serve.output().constData());
        RemoteBackend remote(m_network, nullptr, options(serve.url(), token));
        QSignalSpy connected(&remote, &RemoteBackend::connected);
        QSignalSpy listChanged(&remote, &McpHandler::listChanged);
        remote.setListening(true);
        remote.connectToRemote();
        QTRY_VERIFY(remote.client().isNotificationStreamOpen());

        const quint16 port = serve.port();
        serve.kill();
        QTRY_COMPARE(remote.status().state, BackendStatus::State::Unreachable);
        const BackendStatus down = remote.status();
        QVERIFY(down.since.isValid());
        const QString expected = QStringLiteral("Remote unreachable since %1 (connection refused)")
                                     .arg(down.since.toString(QStringLiteral("HH:mm")));
        QVERIFY2(down.description.startsWith(expected), qPrintable(down.description));
        QVERIFY2(remote.client().statusText().startsWith(QStringLiteral("unreachable since")),
            qPrintable(remote.client().statusText()));

        // A call meanwhile fails with the same sentence.
        const ToolOutcome during = callTool(remote, QStringLiteral("health_check"));
        QCOMPARE(during.error.code, QStringLiteral("remote_unreachable"));
        QCOMPARE(remote.status().since, down.since); // the same outage

        QVERIFY2(serve.startServe(tokenFile, {}, port), serve.output().constData());
        // Back without any call: the stream finds the session gone and starts a new one.
        QTRY_COMPARE_WITH_TIMEOUT(remote.status().state, BackendStatus::State::Ready, 15000);
        QTRY_COMPARE(connected.count(), 2);
        QVERIFY(!remote.status().since.isValid());
        QVERIFY(listChanged.count() >= 1); // local clients re-read the lists of the restarted remote
        QTRY_VERIFY(remote.client().isNotificationStreamOpen());
        QVERIFY(callTool(remote, QStringLiteral("health_check")).ok);
    }

    void subscriptionsSurviveARestart()
    {
        TestEnv env;
        QString tokenFile;
        const QByteArray token = writeToken(env.root(), &tokenFile);
        ChildServer serve;
        QVERIFY2(serve.startServe(tokenFile), serve.output().constData());
        RemoteBackend remote(m_network, nullptr, options(serve.url(), token));
        remote.setListening(true);
        McpServer server(ServerIdentity {}, &remote);
        InProcessClient client(server);
        QVERIFY(!client.initialize().isEmpty());

        const QJsonObject created = client.callTool(QStringLiteral("create_payment"),
            QJsonObject {{QStringLiteral("amount"), QStringLiteral("10")},
                {QStringLiteral("network"), QStringLiteral("TRC20")}});
        const QJsonObject invoice = created.value(QStringLiteral("structuredContent")).toObject();
        const QString uri = invoice.value(QStringLiteral("resource_uri")).toString();
        QVERIFY2(uri.startsWith(QStringLiteral("payment://invoice/")),
            qPrintable(QString::fromUtf8(QJsonDocument(created).toJson())));
        const QJsonObject subscribed =
            client.request(QStringLiteral("resources/subscribe"), QJsonObject {{QStringLiteral("uri"), uri}});
        QVERIFY(subscribed.contains(QStringLiteral("result")));
        QTRY_VERIFY(remote.client().isNotificationStreamOpen());

        // The remote restarts: the new session is subscribed again without the local client asking.
        const quint16 port = serve.port();
        serve.kill();
        QTRY_COMPARE(remote.status().state, BackendStatus::State::Unreachable);
        QVERIFY2(serve.startServe(tokenFile, {}, port), serve.output().constData());
        QTRY_COMPARE_WITH_TIMEOUT(remote.status().state, BackendStatus::State::Ready, 15000);
        QTRY_COMPARE(remote.inFlightCount(), 0); // the subscription went out again

        const QJsonObject paid = client.callTool(QStringLiteral("simulate_payment"),
            QJsonObject {{QStringLiteral("invoice_id"), invoice.value(QStringLiteral("invoice_id"))},
                {QStringLiteral("outcome"), QStringLiteral("full")}});
        QVERIFY2(!paid.value(QStringLiteral("isError")).toBool(),
            qPrintable(QString::fromUtf8(QJsonDocument(paid).toJson())));
        const auto updatedFor = [&client, &uri]() {
            for (const QJsonObject& n :
                client.receivedWithMethod(QStringLiteral("notifications/resources/updated"))) {
                if (n.value(QStringLiteral("params")).toObject().value(QStringLiteral("uri")).toString()
                    == uri)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY(updatedFor());
    }

    void unreachableRemote()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port));
        RemoteBackend remote(m_network, nullptr, options(url, "whatever-token-0123456789"));
        const ToolOutcome out = callTool(remote, QStringLiteral("health_check"));
        QVERIFY(!out.ok);
        QCOMPARE(out.error.code, QStringLiteral("remote_unreachable"));
        const BackendStatus s = remote.status();
        QCOMPARE(s.state, BackendStatus::State::Unreachable);
        QVERIFY(s.since.isValid());
        QCOMPARE(out.error.message,
            QStringLiteral("Remote unreachable since %1 (connection refused): check that %2 is running and "
                           "reachable from here.")
                .arg(s.since.toString(QStringLiteral("HH:mm")), url.toString()));
        // The raw tool result carries the code too, for the assistant.
        QVERIFY(out.raw.value(QStringLiteral("isError")).toBool());
    }

    void handshakeTimeout()
    {
        // Something that accepts connections but never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        RemoteBackend::Options o =
            options(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(silent.serverPort())), "t");
        o.connectTimeoutMs = 500;
        RemoteBackend remote(m_network, nullptr, o);
        const ToolOutcome out = callTool(remote, QStringLiteral("health_check"));
        QCOMPARE(out.error.code, QStringLiteral("remote_unreachable"));
        QVERIFY2(out.error.message.contains(QStringLiteral("(no answer within 1 s)")),
            qPrintable(out.error.message));
    }
};

QTEST_GUILESS_MAIN(TestRemoteServe)
#include "tst_remoteserve.moc"
