#include "protocoltesting.h"

#include "inprocessclient.h"
#include "protocol/mcpregistry.h"
#include "protocol/mcpserver.h"
#include "protocol/mcpsession.h"
#include "protocol/pagination.h"
#include "protocol/protocolversion.h"
#include "protocol/replychannel.h"

#include <QDateTime>
#include <QPointer>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace ProtocolTesting;

namespace
{

const char* kQuoteSchema = R"({
    "type": "object",
    "properties": {
        "symbol": {"type": "string", "minLength": 2, "description": "Trading pair, e.g. BTCUSDT"},
        "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10},
        "side": {"type": "string", "enum": ["buy", "sell"], "default": "buy"}
    },
    "required": ["symbol"],
    "additionalProperties": false
})";

const char* kQuoteOutput = R"({
    "type": "object",
    "properties": {"price": {"type": "string"}, "limit": {"type": "integer"}},
    "required": ["price"]
})";

} // namespace

// tools/list and tools/call through McpServer: pagination, validation, output checks, audit
// records, progress and cancellation.
class TestMcpTools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listWalksEveryPageOnce();
    void listRejectsInvalidCursor_data();
    void listRejectsInvalidCursor();
    void listShowsFieldsByVersion_data();
    void listShowsFieldsByVersion();
    void listOrderIsRegistrationOrder();

    void unknownToolNamesTheAvailableOnes();
    void callNeedsAName();
    void argumentsMustBeAnObject();
    void invalidInputNamesTheField_data();
    void invalidInputNamesTheField();
    void defaultsAreApplied();
    void strictOutputTurnsBadStructuredContentIntoAnError();
    void lenientOutputPassesItThrough();
    void errorResultsAreNotCheckedAgainstOutputSchema();
    void recordsCarryOutcomes();
    void handlerThatNeverAnswersGetsAnInternalError();

    void progressIsStrictlyIncreasing();
    void noProgressWithoutToken();
    void progressWithStringToken();

    void cancelDestroysHandlerContext();
    void cancelOfFinishedCallChangesNothing();
    void cancelUnknownRequestIsHarmless();
    void sessionCloseCancelsInFlightCalls();
    void sessionDeletedWithCallsInFlight();
    void listChangedReachesInitializedSessions();

private:
    ToolDefinition quoteTool();

    McpRegistry* m_registry = nullptr;
    McpServer* m_server = nullptr;
    QJsonObject m_lastArguments;
};

void TestMcpTools::init()
{
    m_registry = new McpRegistry(this);
    m_server = new McpServer(ServerIdentity {}, m_registry, this);
    m_lastArguments = {};
}

void TestMcpTools::cleanup()
{
    delete m_server;
    delete m_registry;
}

ToolDefinition TestMcpTools::quoteTool()
{
    ToolDefinition t =
        tool(QStringLiteral("quote"), kQuoteSchema, [this](McpCall* call, const QJsonObject& arguments) {
            m_lastArguments = arguments;
            if (arguments.value(QStringLiteral("symbol")).toString() == QLatin1String("BAD")) {
                // Breaks its own outputSchema: price must be a string.
                call->replyTool(ToolResult::structured(QJsonObject {{QStringLiteral("price"), 5}}));
                return;
            }
            if (arguments.value(QStringLiteral("symbol")).toString() == QLatin1String("DOWN")) {
                call->replyTool(ToolResult::failure(
                    QStringLiteral("upstream_unavailable"), QStringLiteral("Binance is down.")));
                return;
            }
            call->replyTool(
                ToolResult::structured(QJsonObject {{QStringLiteral("price"), QStringLiteral("1.00")},
                    {QStringLiteral("limit"), arguments.value(QStringLiteral("limit"))}}));
        });
    t.outputSchema = object(kQuoteOutput);
    t.annotations = ToolAnnotations::readOnlyOpenWorld();
    t.title = QStringLiteral("Quote");
    return t;
}

void TestMcpTools::listWalksEveryPageOnce()
{
    for (int i = 0; i < 7; ++i)
        m_registry->tools().add(echoTool(QStringLiteral("tool_%1").arg(i)));
    m_registry->tools().setPageSize(3);
    InProcessClient client(*m_server);
    client.initialize();

    QStringList seen;
    QJsonObject params;
    int pages = 0;
    for (;;) {
        const QJsonObject r = resultOf(client.request(QStringLiteral("tools/list"), params));
        const QJsonArray tools = r.value(QStringLiteral("tools")).toArray();
        QVERIFY(tools.size() <= 3);
        for (const QJsonValue& t : tools)
            seen << t.toObject().value(QStringLiteral("name")).toString();
        ++pages;
        if (!r.contains(QStringLiteral("nextCursor")))
            break;
        QVERIFY(r.value(QStringLiteral("nextCursor")).isString());
        params = QJsonObject {{QStringLiteral("cursor"), r.value(QStringLiteral("nextCursor"))}};
        QVERIFY(pages < 10);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), 7);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 7);
    QCOMPARE(seen, m_registry->tools().names());
}

void TestMcpTools::listRejectsInvalidCursor_data()
{
    QTest::addColumn<QJsonValue>("cursor");
    QTest::newRow("garbage") << QJsonValue(QStringLiteral("not-a-cursor"));
    QTest::newRow("past the end") << QJsonValue(Pagination::encode(99));
    QTest::newRow("number") << QJsonValue(3);
    QTest::newRow("object") << QJsonValue(QJsonObject {});
}

void TestMcpTools::listRejectsInvalidCursor()
{
    QFETCH(QJsonValue, cursor);
    m_registry->tools().add(echoTool(QStringLiteral("a")));
    m_registry->tools().add(echoTool(QStringLiteral("b")));
    InProcessClient client(*m_server);
    client.initialize();
    const QJsonObject r =
        client.request(QStringLiteral("tools/list"), QJsonObject {{QStringLiteral("cursor"), cursor}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    QVERIFY2(errorMessageOf(r).contains(QLatin1String("cursor")), qPrintable(errorMessageOf(r)));
}

void TestMcpTools::listShowsFieldsByVersion_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("outputSchema");
    QTest::addColumn<bool>("annotations");
    QTest::newRow("2024-11-05") << ProtocolVersion::v2024_11_05 << false << false;
    QTest::newRow("2025-03-26") << ProtocolVersion::v2025_03_26 << false << true;
    QTest::newRow("2025-06-18") << ProtocolVersion::v2025_06_18 << true << true;
    QTest::newRow("2025-11-25") << ProtocolVersion::v2025_11_25 << true << true;
}

void TestMcpTools::listShowsFieldsByVersion()
{
    QFETCH(QString, version);
    QFETCH(bool, outputSchema);
    QFETCH(bool, annotations);
    m_registry->tools().add(quoteTool());
    InProcessClient client(*m_server);
    client.initialize(version);
    const QJsonObject t = resultOf(client.request(QStringLiteral("tools/list")))
                              .value(QStringLiteral("tools"))
                              .toArray()
                              .first()
                              .toObject();
    QCOMPARE(t.value(QStringLiteral("name")).toString(), QStringLiteral("quote"));
    QCOMPARE(t.value(QStringLiteral("inputSchema")).toObject(), object(kQuoteSchema));
    QCOMPARE(t.contains(QStringLiteral("outputSchema")), outputSchema);
    QCOMPARE(t.contains(QStringLiteral("annotations")), annotations);
    if (annotations)
        QCOMPARE(
            t.value(QStringLiteral("annotations")).toObject().value(QStringLiteral("readOnlyHint")).toBool(),
            true);
}

void TestMcpTools::listOrderIsRegistrationOrder()
{
    for (const char* n : {"zeta", "alpha", "mid"})
        m_registry->tools().add(echoTool(QString::fromLatin1(n)));
    // Replacing a tool keeps its place.
    m_registry->tools().add(echoTool(QStringLiteral("alpha")));
    InProcessClient client(*m_server);
    client.initialize();
    QStringList names;
    for (const QJsonValue& t :
        resultOf(client.request(QStringLiteral("tools/list"))).value(QStringLiteral("tools")).toArray())
        names << t.toObject().value(QStringLiteral("name")).toString();
    QCOMPARE(names, (QStringList {QStringLiteral("zeta"), QStringLiteral("alpha"), QStringLiteral("mid")}));
    QVERIFY(m_registry->tools().remove(QStringLiteral("alpha")));
    QVERIFY(!m_registry->tools().remove(QStringLiteral("alpha")));
    QCOMPARE(m_registry->tools().names(), (QStringList {QStringLiteral("zeta"), QStringLiteral("mid")}));
}

void TestMcpTools::unknownToolNamesTheAvailableOnes()
{
    m_registry->tools().add(echoTool(QStringLiteral("get_price")));
    m_registry->tools().add(echoTool(QStringLiteral("health_check")));
    InProcessClient client(*m_server);
    client.initialize();
    QSignalSpy records(&m_registry->tools(), &ToolRegistry::toolCallFinished);
    const QJsonObject r = client.callTool(QStringLiteral("get_prices"));
    const QJsonObject error = r.value(QStringLiteral("rpcError")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toInt(), int(JsonRpc::InvalidParams));
    const QString message = error.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QLatin1String("get_prices")), qPrintable(message));
    QVERIFY(message.contains(QLatin1String("get_price")));
    QVERIFY(message.contains(QLatin1String("health_check")));
    // No tool ran, so there is no audit record.
    QCOMPARE(records.count(), 0);
}

void TestMcpTools::callNeedsAName()
{
    InProcessClient client(*m_server);
    client.initialize();
    const QJsonObject r =
        client.request(QStringLiteral("tools/call"), QJsonObject {{QStringLiteral("name"), 3}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    QVERIFY(errorMessageOf(r).contains(QLatin1String("name")));
}

void TestMcpTools::argumentsMustBeAnObject()
{
    m_registry->tools().add(quoteTool());
    InProcessClient client(*m_server);
    client.initialize();
    const QJsonObject r = client.request(QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("quote")},
            {QStringLiteral("arguments"), QJsonArray {1}}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    QVERIFY(errorMessageOf(r).contains(QLatin1String("arguments")));
}

void TestMcpTools::invalidInputNamesTheField_data()
{
    QTest::addColumn<QJsonObject>("arguments");
    QTest::addColumn<QString>("field");
    QTest::newRow("missing required") << QJsonObject {} << "symbol";
    QTest::newRow("wrong type") << QJsonObject {{QStringLiteral("symbol"), 42}} << "symbol";
    QTest::newRow("too short") << QJsonObject {{QStringLiteral("symbol"), QStringLiteral("B")}} << "symbol";
    QTest::newRow("over maximum") << QJsonObject {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
        {QStringLiteral("limit"), 51}}
                                  << "limit";
    QTest::newRow("not integer") << QJsonObject {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
        {QStringLiteral("limit"), 2.5}}
                                 << "limit";
    QTest::newRow("enum") << QJsonObject {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
        {QStringLiteral("side"), QStringLiteral("hold")}}
                          << "side";
    QTest::newRow("extra property") << QJsonObject {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
        {QStringLiteral("sybmol"), 1}}
                                    << "sybmol";
}

void TestMcpTools::invalidInputNamesTheField()
{
    QFETCH(QJsonObject, arguments);
    QFETCH(QString, field);
    m_registry->tools().add(quoteTool());
    InProcessClient client(*m_server);
    client.initialize();
    QSignalSpy records(&m_registry->tools(), &ToolRegistry::toolCallFinished);
    m_lastArguments = QJsonObject {{QStringLiteral("untouched"), true}};
    const QJsonObject result = client.callTool(QStringLiteral("quote"), arguments);
    // A validation failure is a tool result the model can read, not a protocol error.
    QVERIFY(!result.contains(QStringLiteral("rpcError")));
    QVERIFY(result.value(QStringLiteral("isError")).toBool());
    const QString text = textOf(result);
    QVERIFY2(text.contains(field), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("quote")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("invalid_arguments")));
    // The handler never ran.
    QCOMPARE(m_lastArguments.value(QStringLiteral("untouched")).toBool(), true);
    QCOMPARE(records.count(), 1);
    const auto record = records.first().first().value<ToolCallRecord>();
    QCOMPARE(record.outcome, QStringLiteral("invalid"));
    QCOMPARE(record.errorCode, QStringLiteral("invalid_arguments"));
}

void TestMcpTools::defaultsAreApplied()
{
    m_registry->tools().add(quoteTool());
    InProcessClient client(*m_server);
    client.initialize();
    const QJsonObject result = client.callTool(
        QStringLiteral("quote"), QJsonObject {{QStringLiteral("symbol"), QStringLiteral("ETHUSDT")}});
    QVERIFY2(!result.value(QStringLiteral("isError")).toBool(), qPrintable(textOf(result)));
    QCOMPARE(m_lastArguments.value(QStringLiteral("limit")).toInt(), 10);
    QCOMPARE(m_lastArguments.value(QStringLiteral("side")).toString(), QStringLiteral("buy"));
    QCOMPARE(
        result.value(QStringLiteral("structuredContent")).toObject().value(QStringLiteral("limit")).toInt(),
        10);
    // The text block carries the same JSON as structuredContent.
    QCOMPARE(QJsonDocument::fromJson(textOf(result).toUtf8()).object(),
        result.value(QStringLiteral("structuredContent")).toObject());

    // Given values are not overwritten.
    client.callTool(QStringLiteral("quote"),
        QJsonObject {{QStringLiteral("symbol"), QStringLiteral("ETHUSDT")}, {QStringLiteral("limit"), 3}});
    QCOMPARE(m_lastArguments.value(QStringLiteral("limit")).toInt(), 3);
}

void TestMcpTools::strictOutputTurnsBadStructuredContentIntoAnError()
{
    m_registry->tools().add(quoteTool());
    m_registry->tools().setStrictOutput(true);
    InProcessClient client(*m_server);
    client.initialize();
    QSignalSpy records(&m_registry->tools(), &ToolRegistry::toolCallFinished);
    const QJsonObject result = client.callTool(
        QStringLiteral("quote"), QJsonObject {{QStringLiteral("symbol"), QStringLiteral("BAD")}});
    QVERIFY(result.value(QStringLiteral("isError")).toBool());
    QVERIFY(!result.contains(QStringLiteral("structuredContent")));
    const QString text = textOf(result);
    QVERIFY2(text.contains(QLatin1String("outputSchema")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("price")), qPrintable(text));
    QCOMPARE(records.count(), 1);
    const auto record = records.first().first().value<ToolCallRecord>();
    QCOMPARE(record.outcome, QStringLiteral("error"));
    QCOMPARE(record.errorCode, QStringLiteral("internal_error"));
}

void TestMcpTools::lenientOutputPassesItThrough()
{
    m_registry->tools().add(quoteTool());
    m_registry->tools().setStrictOutput(false);
    InProcessClient client(*m_server);
    client.initialize();
    const QJsonObject result = client.callTool(
        QStringLiteral("quote"), QJsonObject {{QStringLiteral("symbol"), QStringLiteral("BAD")}});
    QVERIFY(!result.value(QStringLiteral("isError")).toBool());
    QCOMPARE(
        result.value(QStringLiteral("structuredContent")).toObject().value(QStringLiteral("price")).toInt(),
        5);
}

void TestMcpTools::errorResultsAreNotCheckedAgainstOutputSchema()
{
    m_registry->tools().add(quoteTool());
    m_registry->tools().setStrictOutput(true);
    InProcessClient client(*m_server);
    client.initialize();
    QSignalSpy records(&m_registry->tools(), &ToolRegistry::toolCallFinished);
    const QJsonObject result = client.callTool(
        QStringLiteral("quote"), QJsonObject {{QStringLiteral("symbol"), QStringLiteral("DOWN")}});
    QVERIFY(result.value(QStringLiteral("isError")).toBool());
    QVERIFY2(textOf(result).contains(QLatin1String("Binance is down.")), qPrintable(textOf(result)));
    QVERIFY(textOf(result).contains(QLatin1String("upstream_unavailable")));
    QCOMPARE(records.count(), 1);
    const auto record = records.first().first().value<ToolCallRecord>();
    QCOMPARE(record.outcome, QStringLiteral("error"));
    QCOMPARE(record.errorCode, QStringLiteral("upstream_unavailable"));
}

void TestMcpTools::recordsCarryOutcomes()
{
    m_registry->tools().add(quoteTool());
    InProcessClient client(*m_server, QStringLiteral("cursor"));
    client.initialize(ProtocolVersion::v2025_06_18);
    QSignalSpy records(&m_registry->tools(), &ToolRegistry::toolCallFinished);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    client.callTool(
        QStringLiteral("quote"), QJsonObject {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")}});
    QCOMPARE(records.count(), 1);
    const auto record = records.first().first().value<ToolCallRecord>();
    QCOMPARE(record.tool, QStringLiteral("quote"));
    QCOMPARE(record.outcome, QStringLiteral("ok"));
    QVERIFY(record.errorCode.isEmpty());
    QCOMPARE(record.origin.clientName, QStringLiteral("cursor"));
    QCOMPARE(record.origin.protocolVersion, ProtocolVersion::v2025_06_18);
    QCOMPARE(record.origin.sessionId, client.session()->id());
    QVERIFY(record.startedAtMs >= before);
    QVERIFY(record.durationMs >= 0);
}

void TestMcpTools::handlerThatNeverAnswersGetsAnInternalError()
{
    m_registry->tools().add(
        tool(QStringLiteral("forgetful"), R"({"type":"object"})", [](McpCall* call, const QJsonObject&) {
            // Drops the call without answering: the call's owner deletes it.
            call->deleteLater();
        }));
    InProcessClient client(*m_server);
    client.initialize();
    QSignalSpy records(&m_registry->tools(), &ToolRegistry::toolCallFinished);
    const QJsonObject r = client.request(QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("forgetful")}}, 5000);
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InternalError));
    QVERIFY(client.session()->activeCalls().isEmpty());
    // The audit trail still hears about the call.
    QCOMPARE(records.count(), 1);
    QCOMPARE(records.first().first().value<ToolCallRecord>().outcome, QStringLiteral("error"));
    QCOMPARE(records.first().first().value<ToolCallRecord>().errorCode, QStringLiteral("-32603"));
}

void TestMcpTools::progressIsStrictlyIncreasing()
{
    QList<bool> accepted;
    m_registry->tools().add(
        tool(QStringLiteral("long"), R"({"type":"object"})", [&accepted](McpCall* call, const QJsonObject&) {
            accepted << call->sendProgress(1, 4, QStringLiteral("first"));
            accepted << call->sendProgress(1, 4); // not an increase
            accepted << call->sendProgress(0.5); // a decrease
            QTimer::singleShot(0, call, [call, &accepted]() {
                accepted << call->sendProgress(2.5, 4);
                accepted << call->sendProgress(4, 4, QStringLiteral("done"));
                call->replyTool(ToolResult::structured({}));
                accepted << call->sendProgress(5, 4); // after the answer
            });
        }));
    InProcessClient client(*m_server);
    client.initialize();
    const int id = client.sendRequest(QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("long")},
            {QStringLiteral("_meta"), QJsonObject {{QStringLiteral("progressToken"), 77}}}});
    QVERIFY(client.waitForResponse(id));
    QCOMPARE(accepted, (QList<bool> {true, false, false, true, true, false}));
    const QList<QJsonObject> progress = client.receivedWithMethod(QStringLiteral("notifications/progress"));
    QCOMPARE(progress.size(), 3);
    QList<double> values;
    for (const QJsonObject& n : progress) {
        const QJsonObject p = n.value(QStringLiteral("params")).toObject();
        QCOMPARE(p.value(QStringLiteral("progressToken")).toInt(), 77);
        QCOMPARE(p.value(QStringLiteral("total")).toDouble(), 4.0);
        values << p.value(QStringLiteral("progress")).toDouble();
    }
    QCOMPARE(values, (QList<double> {1, 2.5, 4}));
    QCOMPARE(progress.first()
                 .value(QStringLiteral("params"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString(),
        QStringLiteral("first"));
    QVERIFY(!progress.at(1).value(QStringLiteral("params")).toObject().contains(QStringLiteral("message")));
}

void TestMcpTools::noProgressWithoutToken()
{
    bool sent = true;
    m_registry->tools().add(
        tool(QStringLiteral("long"), R"({"type":"object"})", [&sent](McpCall* call, const QJsonObject&) {
            sent = call->sendProgress(1, 2);
            call->replyTool(ToolResult::structured({}));
        }));
    InProcessClient client(*m_server);
    client.initialize();
    client.callTool(QStringLiteral("long"));
    QVERIFY(!sent);
    QVERIFY(client.receivedWithMethod(QStringLiteral("notifications/progress")).isEmpty());

    // A token of the wrong type (not string or integer) is no token.
    client.request(QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("long")},
            {QStringLiteral("_meta"), QJsonObject {{QStringLiteral("progressToken"), true}}}});
    QVERIFY(!sent);
    QVERIFY(client.receivedWithMethod(QStringLiteral("notifications/progress")).isEmpty());
}

void TestMcpTools::progressWithStringToken()
{
    m_registry->tools().add(
        tool(QStringLiteral("long"), R"({"type":"object"})", [](McpCall* call, const QJsonObject&) {
            call->sendProgress(10);
            call->replyTool(ToolResult::structured({}));
        }));
    InProcessClient client(*m_server);
    client.initialize();
    client.request(QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("long")},
            {QStringLiteral("_meta"),
                QJsonObject {{QStringLiteral("progressToken"), QStringLiteral("tok")}}}});
    const QList<QJsonObject> progress = client.receivedWithMethod(QStringLiteral("notifications/progress"));
    QCOMPARE(progress.size(), 1);
    const QJsonObject p = progress.first().value(QStringLiteral("params")).toObject();
    QCOMPARE(p.value(QStringLiteral("progressToken")).toString(), QStringLiteral("tok"));
    QVERIFY(!p.contains(QStringLiteral("total")));
}

void TestMcpTools::cancelDestroysHandlerContext()
{
    QPointer<QObject> context;
    QPointer<McpCall> running;
    bool cancelledSignal = false;
    m_registry->tools().add(
        tool(QStringLiteral("slow"), R"({"type":"object"})", [&](McpCall* call, const QJsonObject&) {
            running = call;
            // Work in flight lives under the call (a network reply, a timer).
            context = new QObject(call);
            connect(call, &McpCall::cancelled, context, [&cancelledSignal]() { cancelledSignal = true; });
            QTimer::singleShot(60000, context, [call]() { call->replyTool(ToolResult::structured({})); });
        }));
    InProcessClient client(*m_server);
    client.initialize();
    QSignalSpy records(&m_registry->tools(), &ToolRegistry::toolCallFinished);
    const int id = client.sendRequest(
        QStringLiteral("tools/call"), QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}});
    QVERIFY(context);
    QCOMPARE(client.session()->activeCalls().size(), 1);
    QCOMPARE(m_server->activeCallCount(), 1);

    client.notify(QStringLiteral("notifications/cancelled"),
        QJsonObject {{QStringLiteral("requestId"), id},
            {QStringLiteral("reason"), QStringLiteral("user pressed stop")}});
    QVERIFY(cancelledSignal);
    QTRY_VERIFY(context.isNull());
    QTRY_VERIFY(running.isNull());
    QVERIFY(client.session()->activeCalls().isEmpty());
    QCOMPARE(m_server->activeCallCount(), 0);
    // No response is sent for a cancelled request.
    QVERIFY(!client.hasResponse(id));
    QCOMPARE(records.count(), 1);
    QCOMPARE(records.first().first().value<ToolCallRecord>().outcome, QStringLiteral("cancelled"));
    // The session keeps working.
    QVERIFY(client.request(QStringLiteral("ping")).contains(QStringLiteral("result")));
    QVERIFY(!client.hasResponse(id));
}

void TestMcpTools::cancelOfFinishedCallChangesNothing()
{
    m_registry->tools().add(echoTool(QStringLiteral("echo")));
    InProcessClient client(*m_server);
    client.initialize();
    QSignalSpy records(&m_registry->tools(), &ToolRegistry::toolCallFinished);
    const int id = client.sendRequest(
        QStringLiteral("tools/call"), QJsonObject {{QStringLiteral("name"), QStringLiteral("echo")}});
    QVERIFY(client.hasResponse(id));
    client.notify(QStringLiteral("notifications/cancelled"), QJsonObject {{QStringLiteral("requestId"), id}});
    QCOMPARE(records.count(), 1);
    QCOMPARE(records.first().first().value<ToolCallRecord>().outcome, QStringLiteral("ok"));
}

void TestMcpTools::cancelUnknownRequestIsHarmless()
{
    QPointer<McpCall> running;
    m_registry->tools().add(tool(QStringLiteral("slow"), R"({"type":"object"})",
        [&](McpCall* call, const QJsonObject&) { running = call; }));
    InProcessClient client(*m_server);
    client.initialize();
    const int id = client.sendRequest(
        QStringLiteral("tools/call"), QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}});
    // The string "1" is not the integer 1.
    client.notify(QStringLiteral("notifications/cancelled"),
        QJsonObject {{QStringLiteral("requestId"), QString::number(id)}});
    client.notify(
        QStringLiteral("notifications/cancelled"), QJsonObject {{QStringLiteral("requestId"), id + 100}});
    client.notify(QStringLiteral("notifications/cancelled"));
    QVERIFY(running);
    QVERIFY(!running->isCancelled());
    running->replyTool(ToolResult::structured({}));
    QVERIFY(client.hasResponse(id));
}

void TestMcpTools::sessionCloseCancelsInFlightCalls()
{
    QList<QPointer<QObject>> contexts;
    m_registry->tools().add(tool(QStringLiteral("slow"), R"({"type":"object"})",
        [&](McpCall* call, const QJsonObject&) { contexts << QPointer<QObject>(new QObject(call)); }));
    InProcessClient client(*m_server);
    client.initialize();
    QSignalSpy records(&m_registry->tools(), &ToolRegistry::toolCallFinished);
    QSignalSpy closed(client.session(), &McpSession::closed);
    const int a = client.sendRequest(
        QStringLiteral("tools/call"), QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}});
    const int b = client.sendRequest(
        QStringLiteral("tools/call"), QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}});
    QCOMPARE(client.session()->activeCalls().size(), 2);
    client.session()->close(QStringLiteral("client disconnected"));
    QCOMPARE(closed.count(), 1);
    QCOMPARE(records.count(), 2);
    for (const auto& args : records)
        QCOMPARE(args.first().value<ToolCallRecord>().outcome, QStringLiteral("cancelled"));
    QTRY_VERIFY(contexts.at(0).isNull() && contexts.at(1).isNull());
    QVERIFY(!client.hasResponse(a) && !client.hasResponse(b));
    // A closed session sends nothing more and closing again is harmless.
    client.clearReceived();
    client.session()->sendNotification(QStringLiteral("notifications/tools/list_changed"));
    QVERIFY(client.received().isEmpty());
    client.session()->close(QStringLiteral("again"));
    QCOMPARE(closed.count(), 1);
}

void TestMcpTools::sessionDeletedWithCallsInFlight()
{
    QPointer<McpCall> running;
    m_registry->tools().add(tool(QStringLiteral("slow"), R"({"type":"object"})",
        [&](McpCall* call, const QJsonObject&) { running = call; }));
    QList<QJsonObject> responses;
    auto* session = new McpSession(QStringLiteral("s1"), QStringLiteral("test"));
    const auto handle = [&](const QJsonObject& message) {
        const JsonRpc::Parsed p = JsonRpc::fromJson(message);
        QVERIFY(p.ok);
        m_server->handle(session, p.message,
            std::make_shared<CallbackReplyChannel>(
                nullptr, [&responses](const QJsonObject& m) { responses << m; }));
    };
    handle(JsonRpc::makeRequest(1, QStringLiteral("initialize"),
        QJsonObject {{QStringLiteral("protocolVersion"), ProtocolVersion::latest()}}));
    handle(JsonRpc::makeRequest(
        2, QStringLiteral("tools/call"), QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}}));
    QVERIFY(running);
    QCOMPARE(m_server->activeCallCount(), 1);
    QSignalSpy records(&m_registry->tools(), &ToolRegistry::toolCallFinished);
    delete session;
    QVERIFY(running.isNull());
    QCOMPARE(records.count(), 1);
    QCOMPARE(records.first().first().value<ToolCallRecord>().outcome, QStringLiteral("cancelled"));
    QCOMPARE(responses.size(), 1); // only the initialize result
    QCOMPARE(m_server->activeCallCount(), 0);
    QVERIFY(m_server->sessions().isEmpty());
}

void TestMcpTools::listChangedReachesInitializedSessions()
{
    InProcessClient a(*m_server, QStringLiteral("a"));
    InProcessClient b(*m_server, QStringLiteral("b"));
    InProcessClient notYet(*m_server, QStringLiteral("c"));
    a.initialize();
    b.initialize();
    a.clearReceived();
    b.clearReceived();
    m_registry->tools().add(echoTool(QStringLiteral("new_tool")));
    QCOMPARE(a.receivedWithMethod(QStringLiteral("notifications/tools/list_changed")).size(), 1);
    QCOMPARE(b.receivedWithMethod(QStringLiteral("notifications/tools/list_changed")).size(), 1);
    QVERIFY(notYet.received().isEmpty());
    m_registry->prompts().add(PromptDefinition {QStringLiteral("p"), {}, {}, {}, {}, {}});
    QCOMPARE(a.receivedWithMethod(QStringLiteral("notifications/prompts/list_changed")).size(), 1);
    m_registry->resources().addResource(
        ResourceDefinition {QStringLiteral("x://1"), QStringLiteral("one"), {}, {}, {}, {}});
    QCOMPARE(a.receivedWithMethod(QStringLiteral("notifications/resources/list_changed")).size(), 1);
}

QTEST_GUILESS_MAIN(TestMcpTools)
#include "tst_mcptools.moc"
