#include "protocoltesting.h"

#include "inprocessclient.h"
#include "protocol/mcpregistry.h"
#include "protocol/mcpserver.h"
#include "protocol/mcpsession.h"
#include "protocol/protocolversion.h"
#include "protocol/replychannel.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace ProtocolTesting;

// The MCP lifecycle through McpServer: initialize, version negotiation, ping, logging/setLevel,
// the gate before initialize, server->client requests.
class TestMcpLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void requestsBeforeInitializeAreRefused();
    void pingWorksBeforeInitialize();
    void initializeEchoesSupportedVersions_data();
    void initializeEchoesSupportedVersions();
    void initializeOffersLatestForUnknownVersion();
    void initializeNeedsProtocolVersion();
    void secondInitializeIsRefused();
    void capabilitiesAndServerInfo();
    void titleOnlyFrom20250618_data();
    void titleOnlyFrom20250618();
    void initializeRecordsClient();
    void initializedNotificationMarksClientReady();
    void unknownMethod();
    void unknownNotificationIsIgnored();
    void duplicateInFlightIdIsRefused();

    void setLevelRejectsUnknownLevel();
    void logThresholdFiltersSendLog();
    void defaultLogLevelIsInfo();

    void serverRequestWithCapability();
    void serverRequestWithoutCapability();
    void serverRequestErrorFromClient();
    void serverRequestFailsWhenSessionCloses();
    void serverRequestWithoutSession();
    void endedCallWithdrawsItsServerRequests();
    void unknownResponseIdIsIgnored();

private:
    McpRegistry* m_registry = nullptr;
    McpServer* m_server = nullptr;
};

void TestMcpLifecycle::init()
{
    m_registry = new McpRegistry(this);
    m_registry->setInstructions(QStringLiteral("Use the test tools."));
    ServerIdentity identity;
    identity.version = QStringLiteral("9.8.7");
    m_server = new McpServer(identity, m_registry, this);
}

void TestMcpLifecycle::cleanup()
{
    delete m_server;
    delete m_registry;
}

void TestMcpLifecycle::requestsBeforeInitializeAreRefused()
{
    m_registry->tools().add(echoTool(QStringLiteral("echo")));
    InProcessClient client(*m_server);
    for (const char* method : {"tools/list", "tools/call", "resources/list", "prompts/list",
             "logging/setLevel", "completion/complete", "no/such/method"}) {
        const QJsonObject r = client.request(QString::fromLatin1(method));
        QVERIFY2(!r.isEmpty(), method);
        QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidRequest));
        QVERIFY2(errorMessageOf(r).contains(QLatin1String("initialize")), qPrintable(errorMessageOf(r)));
    }
    QVERIFY(!client.session()->isInitialized());
    // Nothing was registered as in flight.
    QVERIFY(client.session()->activeCalls().isEmpty());
}

void TestMcpLifecycle::pingWorksBeforeInitialize()
{
    InProcessClient client(*m_server);
    const QJsonObject r = client.request(QStringLiteral("ping"));
    QVERIFY(r.contains(QStringLiteral("result")));
    QVERIFY(resultOf(r).isEmpty());
    QCOMPARE(r.value(QStringLiteral("id")).toInt(), 1);
    client.initialize();
    QVERIFY(client.request(QStringLiteral("ping")).contains(QStringLiteral("result")));
}

void TestMcpLifecycle::initializeEchoesSupportedVersions_data()
{
    QTest::addColumn<QString>("version");
    for (const QString& v : ProtocolVersion::supported())
        QTest::newRow(qPrintable(v)) << v;
}

void TestMcpLifecycle::initializeEchoesSupportedVersions()
{
    QFETCH(QString, version);
    InProcessClient client(*m_server);
    const QJsonObject result = client.initialize(version);
    QCOMPARE(result.value(QStringLiteral("protocolVersion")).toString(), version);
    QCOMPARE(client.session()->protocolVersion(), version);
    QVERIFY(client.session()->isInitialized());
}

void TestMcpLifecycle::initializeOffersLatestForUnknownVersion()
{
    for (const char* v : {"2099-12-31", "1.0", "2026-07-28"}) {
        InProcessClient client(*m_server);
        const QJsonObject result = client.initialize(QString::fromLatin1(v));
        QCOMPARE(result.value(QStringLiteral("protocolVersion")).toString(), QStringLiteral("2025-11-25"));
        QCOMPARE(client.session()->protocolVersion(), QStringLiteral("2025-11-25"));
    }
}

void TestMcpLifecycle::initializeNeedsProtocolVersion()
{
    InProcessClient client(*m_server);
    QJsonObject r = client.request(QStringLiteral("initialize"),
        QJsonObject {{QStringLiteral("capabilities"), QJsonObject {}},
            {QStringLiteral("clientInfo"), QJsonObject {{QStringLiteral("name"), QStringLiteral("x")}}}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    QVERIFY2(errorMessageOf(r).contains(QLatin1String("protocolVersion")), qPrintable(errorMessageOf(r)));
    QVERIFY(!client.session()->isInitialized());

    r = client.request(
        QStringLiteral("initialize"), QJsonObject {{QStringLiteral("protocolVersion"), 20250618}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));

    // A failed initialize leaves the session free to initialize properly.
    QCOMPARE(
        client.initialize().value(QStringLiteral("protocolVersion")).toString(), ProtocolVersion::latest());
}

void TestMcpLifecycle::secondInitializeIsRefused()
{
    InProcessClient client(*m_server);
    client.initialize(ProtocolVersion::v2025_03_26);
    const QJsonObject r = client.request(QStringLiteral("initialize"),
        QJsonObject {{QStringLiteral("protocolVersion"), ProtocolVersion::latest()},
            {QStringLiteral("capabilities"), QJsonObject {}},
            {QStringLiteral("clientInfo"), QJsonObject {{QStringLiteral("name"), QStringLiteral("again")}}}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidRequest));
    QVERIFY2(errorMessageOf(r).contains(QLatin1String("already initialized")), qPrintable(errorMessageOf(r)));
    // The first negotiation stands.
    QCOMPARE(client.session()->protocolVersion(), ProtocolVersion::v2025_03_26);
    QCOMPARE(client.session()->clientInfo().value(QStringLiteral("name")).toString(),
        QStringLiteral("test-client"));
}

void TestMcpLifecycle::capabilitiesAndServerInfo()
{
    InProcessClient client(*m_server);
    QSignalSpy initialized(m_server, &McpServer::sessionInitialized);
    const QJsonObject result = client.initialize();
    QCOMPARE(initialized.count(), 1);
    QCOMPARE(initialized.first().first().value<McpSession*>(), client.session());

    const QJsonObject caps = result.value(QStringLiteral("capabilities")).toObject();
    QVERIFY(caps.value(QStringLiteral("logging")).isObject());
    QVERIFY(caps.value(QStringLiteral("completions")).isObject());
    QCOMPARE(
        caps.value(QStringLiteral("tools")).toObject().value(QStringLiteral("listChanged")).toBool(), true);
    const QJsonObject resources = caps.value(QStringLiteral("resources")).toObject();
    QCOMPARE(resources.value(QStringLiteral("subscribe")).toBool(), true);
    QCOMPARE(resources.value(QStringLiteral("listChanged")).toBool(), true);
    QVERIFY(caps.value(QStringLiteral("prompts")).isObject());

    const QJsonObject info = result.value(QStringLiteral("serverInfo")).toObject();
    QCOMPARE(info.value(QStringLiteral("name")).toString(), QStringLiteral("finagent"));
    QCOMPARE(info.value(QStringLiteral("version")).toString(), QStringLiteral("9.8.7"));
    QCOMPARE(result.value(QStringLiteral("instructions")).toString(), QStringLiteral("Use the test tools."));

    // The identity's instructions are the fallback when the handler has none.
    m_registry->setInstructions(QString());
    ServerIdentity identity;
    identity.instructions = QStringLiteral("Fallback instructions.");
    McpServer other(identity, m_registry);
    InProcessClient client2(other);
    QCOMPARE(client2.initialize().value(QStringLiteral("instructions")).toString(),
        QStringLiteral("Fallback instructions."));

    // Without any instructions the member is left out.
    McpServer bare(ServerIdentity {}, m_registry);
    InProcessClient client3(bare);
    QVERIFY(!client3.initialize().contains(QStringLiteral("instructions")));
}

void TestMcpLifecycle::titleOnlyFrom20250618_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("hasTitle");
    QTest::newRow("2024-11-05") << ProtocolVersion::v2024_11_05 << false;
    QTest::newRow("2025-03-26") << ProtocolVersion::v2025_03_26 << false;
    QTest::newRow("2025-06-18") << ProtocolVersion::v2025_06_18 << true;
    QTest::newRow("2025-11-25") << ProtocolVersion::v2025_11_25 << true;
}

void TestMcpLifecycle::titleOnlyFrom20250618()
{
    QFETCH(QString, version);
    QFETCH(bool, hasTitle);
    InProcessClient client(*m_server);
    const QJsonObject info = client.initialize(version).value(QStringLiteral("serverInfo")).toObject();
    QCOMPARE(info.contains(QStringLiteral("title")), hasTitle);
    if (hasTitle)
        QCOMPARE(info.value(QStringLiteral("title")).toString(), QStringLiteral("FinAgent"));
}

void TestMcpLifecycle::initializeRecordsClient()
{
    InProcessClient client(*m_server, QStringLiteral("claude-desktop"));
    client.initialize(
        ProtocolVersion::v2025_06_18, QJsonObject {{QStringLiteral("sampling"), QJsonObject {}}});
    McpSession* s = client.session();
    QVERIFY(s->clientHasCapability(QStringLiteral("sampling")));
    QVERIFY(!s->clientHasCapability(QStringLiteral("elicitation")));
    const CallOrigin origin = s->origin();
    QCOMPARE(origin.clientName, QStringLiteral("claude-desktop"));
    QCOMPARE(origin.clientVersion, QStringLiteral("1.0"));
    QCOMPARE(origin.protocolVersion, ProtocolVersion::v2025_06_18);
    QCOMPARE(origin.transport, QStringLiteral("test"));
    QVERIFY(m_server->sessions().contains(s));
}

void TestMcpLifecycle::initializedNotificationMarksClientReady()
{
    InProcessClient client(*m_server);
    QVERIFY(!client.session()->clientReady());
    client.request(QStringLiteral("initialize"),
        QJsonObject {{QStringLiteral("protocolVersion"), ProtocolVersion::latest()}});
    QVERIFY(client.session()->isInitialized());
    QVERIFY(!client.session()->clientReady());
    client.notify(QStringLiteral("notifications/initialized"));
    QVERIFY(client.session()->clientReady());
}

void TestMcpLifecycle::unknownMethod()
{
    InProcessClient client(*m_server);
    client.initialize();
    const QJsonObject r = client.request(QStringLiteral("tools/destroy"));
    QCOMPARE(errorCodeOf(r), int(JsonRpc::MethodNotFound));
    QVERIFY(errorMessageOf(r).contains(QLatin1String("tools/destroy")));
    // A modern-era method is unknown to a legacy session too.
    QCOMPARE(errorCodeOf(client.request(QStringLiteral("server/discover"))), int(JsonRpc::MethodNotFound));
}

void TestMcpLifecycle::unknownNotificationIsIgnored()
{
    InProcessClient client(*m_server);
    client.initialize();
    client.clearReceived();
    client.notify(QStringLiteral("notifications/roots/list_changed"));
    client.notify(QStringLiteral("notifications/whatever"));
    client.notify(
        QStringLiteral("notifications/cancelled"), QJsonObject {{QStringLiteral("requestId"), 999}});
    QVERIFY(client.received().isEmpty());
    QVERIFY(client.request(QStringLiteral("ping")).contains(QStringLiteral("result")));
}

void TestMcpLifecycle::duplicateInFlightIdIsRefused()
{
    QPointer<McpCall> pending;
    m_registry->tools().add(tool(QStringLiteral("slow"), R"({"type":"object"})",
        [&pending](McpCall* call, const QJsonObject&) { pending = call; }));
    InProcessClient client(*m_server);
    client.initialize();

    QList<QJsonObject> responses;
    const auto send = [&](const QJsonValue& id, const QString& method) {
        const QJsonObject params {{QStringLiteral("name"), QStringLiteral("slow")}};
        const JsonRpc::Parsed p = JsonRpc::fromJson(JsonRpc::makeRequest(id, method, params));
        QVERIFY(p.ok);
        m_server->handle(client.session(), p.message,
            std::make_shared<CallbackReplyChannel>(
                nullptr, [&responses](const QJsonObject& m) { responses << m; }));
    };
    send(QJsonValue(QStringLiteral("dup")), QStringLiteral("tools/call"));
    QVERIFY(pending);
    QVERIFY(responses.isEmpty());
    send(QJsonValue(QStringLiteral("dup")), QStringLiteral("tools/call"));
    QCOMPARE(responses.size(), 1);
    QCOMPARE(errorCodeOf(responses.first()), int(JsonRpc::InvalidRequest));
    QVERIFY(errorMessageOf(responses.first()).contains(QLatin1String("in progress")));
    // The number 1 is a different id from the string "dup": accepted.
    send(QJsonValue(7), QStringLiteral("tools/list"));
    QCOMPARE(responses.size(), 2);
    QVERIFY(responses.last().contains(QStringLiteral("result")));
    pending->replyTool(ToolResult::structured({}));
    QCOMPARE(responses.size(), 3);
    QCOMPARE(responses.last().value(QStringLiteral("id")).toString(), QStringLiteral("dup"));
}

void TestMcpLifecycle::setLevelRejectsUnknownLevel()
{
    InProcessClient client(*m_server);
    client.initialize();
    QJsonObject r = client.request(QStringLiteral("logging/setLevel"),
        QJsonObject {{QStringLiteral("level"), QStringLiteral("verbose")}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    const QString message = errorMessageOf(r);
    for (const char* level :
        {"debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"})
        QVERIFY2(message.contains(QLatin1String(level)), qPrintable(message));
    QVERIFY(message.contains(QLatin1String("verbose")));

    r = client.request(QStringLiteral("logging/setLevel"));
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    QCOMPARE(client.session()->logLevel(), LogLevel::Info);

    r = client.request(
        QStringLiteral("logging/setLevel"), QJsonObject {{QStringLiteral("level"), QStringLiteral("error")}});
    QVERIFY(r.contains(QStringLiteral("result")));
    QCOMPARE(client.session()->logLevel(), LogLevel::Error);
}

void TestMcpLifecycle::logThresholdFiltersSendLog()
{
    m_registry->tools().add(
        tool(QStringLiteral("chatty"), R"({"type":"object"})", [](McpCall* call, const QJsonObject&) {
            for (int level = int(LogLevel::Debug); level <= int(LogLevel::Emergency); ++level) {
                const auto l = static_cast<LogLevel>(level);
                call->sendLog(l, QStringLiteral("chatty"), QJsonObject {{QStringLiteral("n"), level}});
            }
            call->replyTool(ToolResult::structured({}));
            // After the answer nothing more goes out.
            call->sendLog(LogLevel::Emergency, QStringLiteral("chatty"), QStringLiteral("too late"));
        }));
    InProcessClient client(*m_server);
    client.initialize();
    QVERIFY(client
                .request(QStringLiteral("logging/setLevel"),
                    QJsonObject {{QStringLiteral("level"), QStringLiteral("warning")}})
                .contains(QStringLiteral("result")));
    client.clearReceived();
    client.callTool(QStringLiteral("chatty"));
    const QList<QJsonObject> logs = client.receivedWithMethod(QStringLiteral("notifications/message"));
    QStringList levels;
    for (const QJsonObject& m : logs) {
        const QJsonObject p = m.value(QStringLiteral("params")).toObject();
        levels << p.value(QStringLiteral("level")).toString();
        QCOMPARE(p.value(QStringLiteral("logger")).toString(), QStringLiteral("chatty"));
        QVERIFY(p.value(QStringLiteral("data")).isObject());
    }
    QCOMPARE(levels,
        (QStringList {QStringLiteral("warning"), QStringLiteral("error"), QStringLiteral("critical"),
            QStringLiteral("alert"), QStringLiteral("emergency")}));
}

void TestMcpLifecycle::defaultLogLevelIsInfo()
{
    m_registry->tools().add(
        tool(QStringLiteral("log2"), R"({"type":"object"})", [](McpCall* call, const QJsonObject&) {
            call->sendLog(LogLevel::Debug, QString(), QStringLiteral("hidden"));
            call->sendLog(LogLevel::Info, QString(), QStringLiteral("shown"));
            call->replyTool(ToolResult::structured({}));
        }));
    InProcessClient client(*m_server);
    client.initialize();
    client.clearReceived();
    client.callTool(QStringLiteral("log2"));
    const QList<QJsonObject> logs = client.receivedWithMethod(QStringLiteral("notifications/message"));
    QCOMPARE(logs.size(), 1);
    const QJsonObject p = logs.first().value(QStringLiteral("params")).toObject();
    QCOMPARE(p.value(QStringLiteral("data")).toString(), QStringLiteral("shown"));
    QVERIFY(!p.contains(QStringLiteral("logger"))); // no empty logger member
}

namespace
{

// A tool that asks the client for a sampling answer and reports what came back.
ToolDefinition askingTool()
{
    return tool(QStringLiteral("ask"), R"({"type":"object"})", [](McpCall* call, const QJsonObject&) {
        call->sendRequest(
            QStringLiteral("sampling/createMessage"), QJsonObject {{QStringLiteral("maxTokens"), 5}},
            [call](Result<QJsonObject> answer) {
                if (!answer) {
                    call->replyTool(ToolResult::failure(answer.error()));
                    return;
                }
                call->replyTool(ToolResult::structured(answer.value()));
            },
            QStringLiteral("sampling"));
    });
}

} // namespace

void TestMcpLifecycle::serverRequestWithCapability()
{
    m_registry->tools().add(askingTool());
    InProcessClient client(*m_server);
    client.initialize(QString(), QJsonObject {{QStringLiteral("sampling"), QJsonObject {}}});
    QString seenMethod;
    QJsonObject seenParams;
    client.setRequestHandler([&](const QString& method, const QJsonObject& params) {
        seenMethod = method;
        seenParams = params;
        return QJsonObject {{QStringLiteral("model"), QStringLiteral("m1")}};
    });
    const QJsonObject result = client.callTool(QStringLiteral("ask"));
    QCOMPARE(seenMethod, QStringLiteral("sampling/createMessage"));
    QCOMPARE(seenParams.value(QStringLiteral("maxTokens")).toInt(), 5);
    QVERIFY(!result.value(QStringLiteral("isError")).toBool());
    QCOMPARE(result.value(QStringLiteral("structuredContent"))
                 .toObject()
                 .value(QStringLiteral("model"))
                 .toString(),
        QStringLiteral("m1"));
    // The request the server sent has an id of its own kind, so it cannot clash with the client's ids.
    const QList<QJsonObject> requests = client.receivedWithMethod(QStringLiteral("sampling/createMessage"));
    QCOMPARE(requests.size(), 1);
    QVERIFY(requests.first().value(QStringLiteral("id")).isString());
}

void TestMcpLifecycle::serverRequestWithoutCapability()
{
    m_registry->tools().add(askingTool());
    InProcessClient client(*m_server);
    client.initialize();
    bool asked = false;
    client.setRequestHandler([&](const QString&, const QJsonObject&) {
        asked = true;
        return QJsonObject {};
    });
    const QJsonObject result = client.callTool(QStringLiteral("ask"));
    QVERIFY(!asked);
    QVERIFY(result.value(QStringLiteral("isError")).toBool());
    QVERIFY2(textOf(result).contains(QLatin1String("\"sampling\"")), qPrintable(textOf(result)));
    QVERIFY(textOf(result).contains(QLatin1String("missing_client_capability")));
    QVERIFY(client.receivedWithMethod(QStringLiteral("sampling/createMessage")).isEmpty());
}

void TestMcpLifecycle::serverRequestErrorFromClient()
{
    m_registry->tools().add(askingTool());
    InProcessClient client(*m_server);
    client.initialize(QString(), QJsonObject {{QStringLiteral("sampling"), QJsonObject {}}});
    const int id = client.sendRequest(
        QStringLiteral("tools/call"), QJsonObject {{QStringLiteral("name"), QStringLiteral("ask")}});
    QTRY_COMPARE(client.receivedWithMethod(QStringLiteral("sampling/createMessage")).size(), 1);
    const QJsonValue outboundId = client.receivedWithMethod(QStringLiteral("sampling/createMessage"))
                                      .first()
                                      .value(QStringLiteral("id"));
    const JsonRpc::Parsed error =
        JsonRpc::fromJson(JsonRpc::makeError(outboundId, -1, QStringLiteral("User rejected sampling")));
    QVERIFY(error.ok);
    m_server->handle(client.session(), error.message, nullptr);
    QVERIFY(client.waitForResponse(id));
    const QJsonObject result = resultOf(client.response(id));
    QVERIFY(result.value(QStringLiteral("isError")).toBool());
    QVERIFY2(textOf(result).contains(QLatin1String("User rejected sampling")), qPrintable(textOf(result)));
    // A second answer to the same id finds nobody waiting.
    QVERIFY(!client.session()->resolveOutboundResponse(error.message));
}

void TestMcpLifecycle::serverRequestFailsWhenSessionCloses()
{
    m_registry->tools().add(askingTool());
    InProcessClient client(*m_server);
    client.initialize(QString(), QJsonObject {{QStringLiteral("sampling"), QJsonObject {}}});
    const int id = client.sendRequest(
        QStringLiteral("tools/call"), QJsonObject {{QStringLiteral("name"), QStringLiteral("ask")}});
    QTRY_COMPARE(client.receivedWithMethod(QStringLiteral("sampling/createMessage")).size(), 1);
    QCOMPARE(client.session()->activeCalls().size(), 1);

    // Requests of our own that wait on the session hear about the close too.
    bool direct = false;
    Error directError;
    client.session()->registerOutboundRequest([&](Result<QJsonObject> r) {
        direct = true;
        directError = r.error();
    });
    client.session()->close(QStringLiteral("client went away"));
    QVERIFY(direct);
    QCOMPARE(directError.code, QStringLiteral("session_closed"));
    QVERIFY(directError.message.contains(QLatin1String("client went away")));
    // The tool's callback was told, and its answer (an error result) was delivered.
    QVERIFY(client.waitForResponse(id, 1000));
    const QJsonObject result = resultOf(client.response(id));
    QVERIFY(result.value(QStringLiteral("isError")).toBool());
    QVERIFY2(textOf(result).contains(QLatin1String("session_closed")), qPrintable(textOf(result)));
    QVERIFY(client.session()->activeCalls().isEmpty());
    QVERIFY(!m_server->sessions().contains(client.session()));
}

void TestMcpLifecycle::serverRequestWithoutSession()
{
    Error error;
    McpCall call(QStringLiteral("tools/call"), {}, QJsonValue(1), CallOrigin {},
        std::make_shared<CallbackReplyChannel>(nullptr, nullptr), nullptr);
    call.sendRequest(
        QStringLiteral("roots/list"), {}, [&error](Result<QJsonObject> r) { error = r.error(); });
    QCOMPARE(error.code, QStringLiteral("client_unreachable"));
    call.reply({});
}

void TestMcpLifecycle::endedCallWithdrawsItsServerRequests()
{
    m_registry->tools().add(askingTool());
    InProcessClient client(*m_server);
    client.initialize(QString(), QJsonObject {{QStringLiteral("sampling"), QJsonObject {}}});
    const int id = client.sendRequest(
        QStringLiteral("tools/call"), QJsonObject {{QStringLiteral("name"), QStringLiteral("ask")}});
    QTRY_COMPARE(client.receivedWithMethod(QStringLiteral("sampling/createMessage")).size(), 1);
    const QJsonValue asked = client.receivedWithMethod(QStringLiteral("sampling/createMessage"))
                                 .first()
                                 .value(QStringLiteral("id"));
    QCOMPARE(client.session()->pendingOutboundCount(), 1);
    // The client gives up on the tool call; the server withdraws its question.
    client.notify(QStringLiteral("notifications/cancelled"), QJsonObject {{QStringLiteral("requestId"), id}});
    QCOMPARE(client.session()->pendingOutboundCount(), 0);
    const QList<QJsonObject> withdrawn = client.receivedWithMethod(QStringLiteral("notifications/cancelled"));
    QCOMPARE(withdrawn.size(), 1);
    QCOMPARE(withdrawn.first().value(QStringLiteral("params")).toObject().value(QStringLiteral("requestId")),
        asked);
    // A late answer finds nobody waiting and changes nothing.
    const JsonRpc::Parsed late = JsonRpc::fromJson(JsonRpc::makeResult(asked, QJsonObject {}));
    QVERIFY(late.ok);
    m_server->handle(client.session(), late.message, nullptr);
    QVERIFY(!client.hasResponse(id));
}

void TestMcpLifecycle::unknownResponseIdIsIgnored()
{
    InProcessClient client(*m_server);
    client.initialize();
    const JsonRpc::Parsed p =
        JsonRpc::fromJson(JsonRpc::makeResult(QJsonValue(QStringLiteral("srv-77")), {}));
    QVERIFY(p.ok);
    m_server->handle(client.session(), p.message, nullptr);
    QVERIFY(client.request(QStringLiteral("ping")).contains(QStringLiteral("result")));
}

QTEST_GUILESS_MAIN(TestMcpLifecycle)
#include "tst_mcplifecycle.moc"
