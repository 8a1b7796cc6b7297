#include "httptesting.h"

#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"
#include "protocol/mcpsession.h"
#include "protocol/toolresult.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

namespace
{

struct Reply
{
    int status = 0;
    QByteArray contentType;
    QByteArray sessionId;
    QByteArray body;
    QByteArray rawHeader(const char*) const;
    QList<QNetworkReply::RawHeaderPair> headers;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QByteArray Reply::rawHeader(const char* name) const
{
    for (const auto& [k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

} // namespace

// MCP Streamable HTTP on /mcp, driven by QNetworkAccessManager like a normal client, plus a raw
// socket for the GET stream.
class TestMcpHttp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void initializeMintsSessionIds();
    void postWithoutSessionIs400();
    void unknownSessionIs404();
    void deleteEndsTheSession();
    void notificationIs202();
    void clientResponseIs202();
    void acceptMustListBoth();
    void contentTypeMustBeJson();
    void protocolVersionHeader();
    void invalidJsonIs400();
    void plainToolAnswersJson();
    void progressToolAnswersWithSse();
    void oldProtocolGetsNoPrimingEvent();
    void getStreamReceivesServerNotifications();
    void secondGetStreamIs409();
    void getNeedsEventStreamAccept();
    void notificationsWaitForTheGetStream();
    void keepAliveCommentsOnTheGetStream();
    void idleSessionExpires();
    void cancellationOverHttp();
    void deletingSessionWithCallInFlight();
    void serverRequestIsAnsweredOverHttp();

private:
    Reply post(const QJsonObject& message, const QByteArray& session = {},
        const QList<QPair<QByteArray, QByteArray>>& extra = {}, bool replaceDefaults = false);
    QNetworkReply* startPost(const QJsonObject& message, const QByteArray& session);
    Reply finish(QNetworkReply* reply);
    Reply sendDelete(const QByteArray& session);
    QByteArray initialize(
        const QString& version = QStringLiteral("2025-11-25"), const QJsonObject& capabilities = {});

    TestServer* m_server = nullptr;
    QNetworkAccessManager* m_nam = nullptr;
};

void TestMcpHttp::init()
{
    McpHttpService::Config config;
    config.keepAliveMs = 100;
    config.sessionIdleTimeoutMs = 60000;
    if (QByteArray(QTest::currentTestFunction()) == "idleSessionExpires")
        config.sessionIdleTimeoutMs = 200;
    HttpLimits limits = TestServer::smallLimits();
    limits.idleTimeoutMs = 10000; // connections are not the subject here
    m_server = new TestServer(limits, config);
    QVERIFY(m_server->listening());
    m_nam = new QNetworkAccessManager;
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

void TestMcpHttp::cleanup()
{
    delete m_nam;
    delete m_server;
}

QNetworkReply* TestMcpHttp::startPost(const QJsonObject& message, const QByteArray& session)
{
    QNetworkRequest request(m_server->mcpUrl());
    request.setRawHeader("Authorization", "Bearer " + TestServer::token());
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "application/json, text/event-stream");
    if (!session.isEmpty())
        request.setRawHeader("Mcp-Session-Id", session);
    return m_nam->post(request, JsonRpc::serialize(message));
}

Reply TestMcpHttp::finish(QNetworkReply* reply)
{
    Reply out;
    if (!QTest::qWaitFor([reply]() { return reply->isFinished(); }, 10000)) {
        reply->abort();
        reply->deleteLater();
        return out;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.contentType = reply->rawHeader("Content-Type");
    out.sessionId = reply->rawHeader("Mcp-Session-Id");
    out.headers = reply->rawHeaderPairs();
    out.body = reply->readAll();
    reply->deleteLater();
    return out;
}

Reply TestMcpHttp::post(const QJsonObject& message, const QByteArray& session,
    const QList<QPair<QByteArray, QByteArray>>& extra, bool replaceDefaults)
{
    QNetworkRequest request(m_server->mcpUrl());
    if (!replaceDefaults) {
        request.setRawHeader("Authorization", "Bearer " + TestServer::token());
        request.setRawHeader("Content-Type", "application/json");
        request.setRawHeader("Accept", "application/json, text/event-stream");
    }
    if (!session.isEmpty())
        request.setRawHeader("Mcp-Session-Id", session);
    for (const auto& [k, v] : extra)
        request.setRawHeader(k, v);
    return finish(m_nam->post(request, JsonRpc::serialize(message)));
}

Reply TestMcpHttp::sendDelete(const QByteArray& session)
{
    QNetworkRequest request(m_server->mcpUrl());
    request.setRawHeader("Authorization", "Bearer " + TestServer::token());
    if (!session.isEmpty())
        request.setRawHeader("Mcp-Session-Id", session);
    return finish(m_nam->deleteResource(request));
}

QByteArray TestMcpHttp::initialize(const QString& version, const QJsonObject& capabilities)
{
    const Reply r = post(JsonRpc::makeRequest(1, QStringLiteral("initialize"),
        QJsonObject {{QStringLiteral("protocolVersion"), version},
            {QStringLiteral("capabilities"), capabilities},
            {QStringLiteral("clientInfo"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("qnam")},
                    {QStringLiteral("version"), QStringLiteral("1")}}}}));
    if (r.status != 200)
        return {};
    post(JsonRpc::makeNotification(QStringLiteral("notifications/initialized")), r.sessionId,
        {{"MCP-Protocol-Version", version.toLatin1()}});
    return r.sessionId;
}

void TestMcpHttp::initializeMintsSessionIds()
{
    QSignalSpy opened(&m_server->service(), &McpHttpService::sessionOpened);
    QSet<QByteArray> ids;
    const QRegularExpression base64url(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    for (int i = 0; i < 5; ++i) {
        const Reply r = post(JsonRpc::makeRequest(1, QStringLiteral("initialize"),
            QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-06-18")},
                {QStringLiteral("capabilities"), QJsonObject {}}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("application/json"));
        QCOMPARE(r.json()
                     .value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("protocolVersion"))
                     .toString(),
            QStringLiteral("2025-06-18"));
        QCOMPARE(r.sessionId.size(), 43); // 32 random bytes, base64url without padding
        QVERIFY2(base64url.match(QString::fromLatin1(r.sessionId)).hasMatch(), r.sessionId.constData());
        for (char ch : r.sessionId)
            QVERIFY(ch >= 0x21 && ch <= 0x7e);
        ids.insert(r.sessionId);
    }
    QCOMPARE(ids.size(), 5);
    QCOMPARE(opened.count(), 5);
    QCOMPARE(m_server->service().sessionCount(), 5);

    // A failed initialize leaves no session behind.
    const Reply bad = post(JsonRpc::makeRequest(1, QStringLiteral("initialize"), QJsonObject {}));
    QCOMPARE(bad.status, 200);
    QCOMPARE(bad.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        int(JsonRpc::InvalidParams));
    QVERIFY(bad.sessionId.isEmpty());
    QCOMPARE(m_server->service().sessionCount(), 5);
}

void TestMcpHttp::postWithoutSessionIs400()
{
    initialize();
    const Reply r = post(JsonRpc::makeRequest(2, QStringLiteral("tools/list")));
    QCOMPARE(r.status, 400);
    QVERIFY(r.json()
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QLatin1String("Mcp-Session-Id")));
}

void TestMcpHttp::unknownSessionIs404()
{
    initialize();
    const Reply r = post(
        JsonRpc::makeRequest(2, QStringLiteral("tools/list")), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    QCOMPARE(r.status, 404);
    QVERIFY(r.json().contains(QStringLiteral("error")));
    QCOMPARE(sendDelete("nope").status, 404);
}

void TestMcpHttp::deleteEndsTheSession()
{
    const QByteArray session = initialize();
    QVERIFY(!session.isEmpty());
    QCOMPARE(post(JsonRpc::makeRequest(2, QStringLiteral("ping")), session).status, 200);
    QSignalSpy closed(&m_server->service(), &McpHttpService::sessionClosed);
    QCOMPARE(sendDelete(session).status, 200);
    QCOMPARE(closed.count(), 1);
    QCOMPARE(closed.first().first().toString(), QString::fromLatin1(session));
    QCOMPARE(m_server->service().sessionCount(), 0);
    QCOMPARE(post(JsonRpc::makeRequest(3, QStringLiteral("ping")), session).status, 404);
    QCOMPARE(sendDelete(session).status, 404);
    QCOMPARE(sendDelete(QByteArray()).status, 400);
}

void TestMcpHttp::notificationIs202()
{
    const QByteArray session = initialize();
    const Reply r = post(JsonRpc::makeNotification(QStringLiteral("notifications/initialized")), session);
    QCOMPARE(r.status, 202);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(r.rawHeader("Content-Length"), QByteArray("0"));
}

void TestMcpHttp::clientResponseIs202()
{
    const QByteArray session = initialize();
    const Reply r = post(JsonRpc::makeResult(QJsonValue(QStringLiteral("srv-99")), QJsonObject {}), session);
    QCOMPARE(r.status, 202);
    QVERIFY(r.body.isEmpty());
}

void TestMcpHttp::acceptMustListBoth()
{
    const QByteArray session = initialize();
    for (const QByteArray& accept :
        {QByteArray("application/json"), QByteArray("text/event-stream"), QByteArray("text/html")}) {
        const Reply r = post(JsonRpc::makeRequest(2, QStringLiteral("ping")), session, {{"Accept", accept}});
        QCOMPARE(r.status, 406);
    }
    QCOMPARE(post(JsonRpc::makeRequest(2, QStringLiteral("ping")), session, {{"Accept", "*/*"}}).status, 200);
    QCOMPARE(
        post(JsonRpc::makeRequest(3, QStringLiteral("ping")), session, {{"Accept", "application/*, text/*"}})
            .status,
        200);
    QCOMPARE(post(JsonRpc::makeRequest(4, QStringLiteral("ping")), session,
                 {{"Accept", "application/json;q=0.9, text/event-stream;q=0.5"}})
                 .status,
        200);
    // q=0 means "not this one".
    QCOMPARE(post(JsonRpc::makeRequest(5, QStringLiteral("ping")), session,
                 {{"Accept", "application/json, text/event-stream;q=0"}})
                 .status,
        406);
    QCOMPARE(post(JsonRpc::makeRequest(6, QStringLiteral("ping")), session,
                 {{"Accept", "application/jsonx, text/event-streams"}})
                 .status,
        406);
}

void TestMcpHttp::contentTypeMustBeJson()
{
    const QByteArray session = initialize();
    QCOMPARE(post(JsonRpc::makeRequest(2, QStringLiteral("ping")), session, {{"Content-Type", "text/plain"}})
                 .status,
        415);
    QCOMPARE(post(JsonRpc::makeRequest(2, QStringLiteral("ping")), session,
                 {{"Content-Type", "application/json; charset=utf-8"}})
                 .status,
        200);
}

void TestMcpHttp::protocolVersionHeader()
{
    const QByteArray session = initialize();
    const Reply bad = post(
        JsonRpc::makeRequest(2, QStringLiteral("ping")), session, {{"MCP-Protocol-Version", "1999-01-01"}});
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.json()
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QLatin1String("1999-01-01")));
    QCOMPARE(post(JsonRpc::makeRequest(3, QStringLiteral("ping")), session,
                 {{"MCP-Protocol-Version", "2025-11-25"}})
                 .status,
        200);
    QCOMPARE(post(JsonRpc::makeRequest(4, QStringLiteral("ping")), session).status, 200); // absent: assumed
}

void TestMcpHttp::invalidJsonIs400()
{
    QNetworkRequest request(m_server->mcpUrl());
    request.setRawHeader("Authorization", "Bearer " + TestServer::token());
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "application/json, text/event-stream");
    const Reply r = finish(m_nam->post(request, QByteArray("{\"jsonrpc\":")));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        int(JsonRpc::ParseError));
    // The id could not be read, so the error leaves it out (never null).
    QVERIFY(!r.json().contains(QStringLiteral("id")));
}

void TestMcpHttp::plainToolAnswersJson()
{
    const QByteArray session = initialize();
    const Reply r = post(JsonRpc::makeRequest(5, QStringLiteral("tools/call"),
                             QJsonObject {{QStringLiteral("name"), QStringLiteral("echo")},
                                 {QStringLiteral("arguments"), QJsonObject {{QStringLiteral("a"), 1}}}}),
        session);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType, QByteArray("application/json"));
    QCOMPARE(r.sessionId, session);
    const QJsonObject result = r.json().value(QStringLiteral("result")).toObject();
    QCOMPARE(result.value(QStringLiteral("structuredContent"))
                 .toObject()
                 .value(QStringLiteral("echo"))
                 .toObject()
                 .value(QStringLiteral("a"))
                 .toInt(),
        1);
}

void TestMcpHttp::progressToolAnswersWithSse()
{
    const QByteArray session = initialize();
    const Reply r = post(JsonRpc::makeRequest(6, QStringLiteral("tools/call"),
                             QJsonObject {{QStringLiteral("name"), QStringLiteral("progress")},
                                 {QStringLiteral("_meta"),
                                     QJsonObject {{QStringLiteral("progressToken"), QStringLiteral("p1")}}}}),
        session);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType, QByteArray("text/event-stream"));
    QCOMPARE(r.sessionId, session);
    const QList<SseEvent> events = parseSse(r.body);
    QList<QJsonObject> messages;
    bool primed = false;
    for (const SseEvent& e : events) {
        if (e.data.isEmpty()) {
            primed = primed || (e.hasId && messages.isEmpty()); // the priming event comes first
            continue;
        }
        QCOMPARE(e.event, QByteArray("message"));
        QVERIFY(e.hasId);
        messages << e.json();
    }
    QVERIFY(primed);
    QCOMPARE(messages.size(), 4);
    QCOMPARE(
        messages.at(0).value(QStringLiteral("method")).toString(), QStringLiteral("notifications/progress"));
    QCOMPARE(messages.at(0)
                 .value(QStringLiteral("params"))
                 .toObject()
                 .value(QStringLiteral("progressToken"))
                 .toString(),
        QStringLiteral("p1"));
    QCOMPARE(messages.at(0)
                 .value(QStringLiteral("params"))
                 .toObject()
                 .value(QStringLiteral("progress"))
                 .toDouble(),
        1.0);
    QCOMPARE(
        messages.at(1).value(QStringLiteral("method")).toString(), QStringLiteral("notifications/message"));
    QCOMPARE(messages.at(2)
                 .value(QStringLiteral("params"))
                 .toObject()
                 .value(QStringLiteral("progress"))
                 .toDouble(),
        2.0);
    QCOMPARE(messages.at(3).value(QStringLiteral("id")).toInt(), 6);
    QCOMPARE(messages.at(3)
                 .value(QStringLiteral("result"))
                 .toObject()
                 .value(QStringLiteral("structuredContent"))
                 .toObject()
                 .value(QStringLiteral("done"))
                 .toBool(),
        true);
    // Event ids increase.
    qint64 last = -1;
    for (const SseEvent& e : events) {
        QVERIFY(e.id.toLongLong() > last);
        last = e.id.toLongLong();
    }
}

void TestMcpHttp::oldProtocolGetsNoPrimingEvent()
{
    const QByteArray session = initialize(QStringLiteral("2025-03-26"));
    const Reply r = post(JsonRpc::makeRequest(6, QStringLiteral("tools/call"),
                             QJsonObject {{QStringLiteral("name"), QStringLiteral("progress")}}),
        session);
    QCOMPARE(r.contentType, QByteArray("text/event-stream")); // the log message makes it a stream
    const QList<SseEvent> events = parseSse(r.body);
    QVERIFY(!events.isEmpty());
    for (const SseEvent& e : events)
        QVERIFY(!e.data.isEmpty());
    QCOMPARE(events.last().json().value(QStringLiteral("id")).toInt(), 6);
}

void TestMcpHttp::getStreamReceivesServerNotifications()
{
    const QByteArray session = initialize();
    QCOMPARE(post(JsonRpc::makeRequest(2, QStringLiteral("resources/subscribe"),
                      QJsonObject {{QStringLiteral("uri"), QStringLiteral("test://watched")}}),
                 session)
                 .status,
        200);

    RawClient stream(m_server->port());
    QVERIFY(stream.connectToServer());
    stream.send(rawRequest("GET", "/mcp", m_server->port(),
        {{"Authorization", "Bearer " + TestServer::token()}, {"Accept", "text/event-stream"},
            {"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "2025-11-25"}}));
    HttpResponse r;
    QVERIFY(stream.waitForPartial(&r, [](const HttpResponse&) { return true; }));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("text/event-stream"));
    QCOMPARE(r.header("Transfer-Encoding"), QByteArray("chunked"));
    QCOMPARE(r.header("Mcp-Session-Id"), session);

    m_server->registry().notifyResourceUpdated(QStringLiteral("test://watched"));
    m_server->registry().notifyResourceUpdated(QStringLiteral("test://other")); // not subscribed
    ToolDefinition extra;
    extra.name = QStringLiteral("added_later");
    extra.inputSchema = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}};
    m_server->registry().tools().add(extra);

    const auto messagesOf = [](const HttpResponse& resp) {
        QList<QJsonObject> out;
        for (const SseEvent& e : parseSse(resp.body)) {
            if (!e.data.isEmpty())
                out << e.json();
        }
        return out;
    };
    QVERIFY(
        stream.waitForPartial(&r, [&](const HttpResponse& resp) { return messagesOf(resp).size() >= 2; }));
    const QList<QJsonObject> messages = messagesOf(r);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).value(QStringLiteral("method")).toString(),
        QStringLiteral("notifications/resources/updated"));
    QCOMPARE(
        messages.at(0).value(QStringLiteral("params")).toObject().value(QStringLiteral("uri")).toString(),
        QStringLiteral("test://watched"));
    QCOMPARE(messages.at(1).value(QStringLiteral("method")).toString(),
        QStringLiteral("notifications/tools/list_changed"));

    // Ending the session ends the stream cleanly (the terminating chunk arrives).
    QCOMPARE(sendDelete(session).status, 200);
    QVERIFY(stream.waitForPartial(&r, [](const HttpResponse& resp) { return resp.complete; }));
}

void TestMcpHttp::secondGetStreamIs409()
{
    const QByteArray session = initialize();
    const QList<QPair<QByteArray, QByteArray>> headers {{"Authorization", "Bearer " + TestServer::token()},
        {"Accept", "text/event-stream"}, {"Mcp-Session-Id", session}};
    RawClient first(m_server->port());
    QVERIFY(first.connectToServer());
    first.send(rawRequest("GET", "/mcp", m_server->port(), headers));
    HttpResponse r;
    QVERIFY(first.waitForPartial(&r, [](const HttpResponse&) { return true; }));
    QCOMPARE(r.status, 200);
    RawClient second(m_server->port());
    QVERIFY(second.connectToServer());
    second.send(rawRequest("GET", "/mcp", m_server->port(), headers));
    QVERIFY(second.waitForResponse(&r));
    QCOMPARE(r.status, 409);
    // Once the first stream's connection is gone, a new GET works again.
    first.socket().abort();
    QTRY_VERIFY([&]() {
        RawClient third(m_server->port());
        if (!third.connectToServer())
            return false;
        third.send(rawRequest("GET", "/mcp", m_server->port(), headers));
        HttpResponse t;
        return third.waitForPartial(&t, [](const HttpResponse&) { return true; }) && t.status == 200;
    }());
}

void TestMcpHttp::getNeedsEventStreamAccept()
{
    const QByteArray session = initialize();
    const HttpResponse r = [&]() {
        RawClient c(m_server->port());
        HttpResponse out;
        if (c.connectToServer()) {
            c.send(rawRequest("GET", "/mcp", m_server->port(),
                {{"Authorization", "Bearer " + TestServer::token()}, {"Accept", "application/json"},
                    {"Mcp-Session-Id", session}}));
            c.waitForResponse(&out);
        }
        return out;
    }();
    QCOMPARE(r.status, 406);
}

void TestMcpHttp::notificationsWaitForTheGetStream()
{
    const QByteArray session = initialize();
    QCOMPARE(post(JsonRpc::makeRequest(2, QStringLiteral("resources/subscribe"),
                      QJsonObject {{QStringLiteral("uri"), QStringLiteral("test://watched")}}),
                 session)
                 .status,
        200);
    // Sent while no stream is open: kept for the session.
    m_server->registry().notifyResourceUpdated(QStringLiteral("test://watched"));
    RawClient stream(m_server->port());
    QVERIFY(stream.connectToServer());
    stream.send(rawRequest("GET", "/mcp", m_server->port(),
        {{"Authorization", "Bearer " + TestServer::token()}, {"Accept", "text/event-stream"},
            {"Mcp-Session-Id", session}}));
    HttpResponse r;
    QVERIFY(stream.waitForPartial(
        &r, [](const HttpResponse& resp) { return resp.body.contains("resources/updated"); }));
}

void TestMcpHttp::keepAliveCommentsOnTheGetStream()
{
    const QByteArray session = initialize();
    RawClient stream(m_server->port());
    QVERIFY(stream.connectToServer());
    stream.send(rawRequest("GET", "/mcp", m_server->port(),
        {{"Authorization", "Bearer " + TestServer::token()}, {"Accept", "text/event-stream"},
            {"Mcp-Session-Id", session}}));
    HttpResponse r;
    QVERIFY(stream.waitForPartial(&r, [](const HttpResponse& resp) {
        int comments = 0;
        for (const SseEvent& e : parseSse(resp.body))
            comments += e.comment == "keep-alive" ? 1 : 0;
        return comments >= 2;
    }));
    // The stream outlives the connection idle timeout (it is busy, not idle).
    QVERIFY(stream.isConnected());
}

void TestMcpHttp::idleSessionExpires()
{
    QSignalSpy closed(&m_server->service(), &McpHttpService::sessionClosed);
    const QByteArray session = initialize();
    QCOMPARE(m_server->service().sessionCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 5000);
    QCOMPARE(m_server->service().sessionCount(), 0);
    QCOMPARE(post(JsonRpc::makeRequest(2, QStringLiteral("ping")), session).status, 404);
}

void TestMcpHttp::cancellationOverHttp()
{
    const QByteArray session = initialize();
    QNetworkReply* pending = startPost(JsonRpc::makeRequest(7, QStringLiteral("tools/call"),
                                           QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}}),
        session);
    QTRY_COMPARE(m_server->slowCalls.size(), 1);
    QPointer<QObject> context = m_server->lastSlowContext;
    QVERIFY(context);
    const Reply cancel = post(JsonRpc::makeNotification(QStringLiteral("notifications/cancelled"),
                                  QJsonObject {{QStringLiteral("requestId"), 7},
                                      {QStringLiteral("reason"), QStringLiteral("stop")}}),
        session);
    QCOMPARE(cancel.status, 202);
    QTRY_VERIFY(context.isNull());
    // The open POST ends without a JSON-RPC response in it.
    const Reply r = finish(pending);
    QCOMPARE(r.status, 200);
    for (const SseEvent& e : parseSse(r.body))
        QVERIFY(!e.data.contains("\"result\"") && !e.data.contains("\"error\""));
    // The session still works.
    QCOMPARE(post(JsonRpc::makeRequest(8, QStringLiteral("ping")), session).status, 200);
}

void TestMcpHttp::deletingSessionWithCallInFlight()
{
    const QByteArray session = initialize();
    QNetworkReply* pending = startPost(JsonRpc::makeRequest(9, QStringLiteral("tools/call"),
                                           QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}}),
        session);
    QTRY_COMPARE(m_server->slowCalls.size(), 1);
    QPointer<McpCall> call = m_server->slowCalls.first();
    QCOMPARE(sendDelete(session).status, 200);
    QTRY_VERIFY(call.isNull());
    const Reply r = finish(pending);
    QVERIFY(r.status == 200 || r.status == 204);
    QVERIFY(!r.body.contains("\"result\""));
    QCOMPARE(m_server->server().activeCallCount(), 0);
}

void TestMcpHttp::serverRequestIsAnsweredOverHttp()
{
    const QByteArray session =
        initialize(QStringLiteral("2025-11-25"), QJsonObject {{QStringLiteral("sampling"), QJsonObject {}}});
    QNetworkReply* pending = startPost(JsonRpc::makeRequest(11, QStringLiteral("tools/call"),
                                           QJsonObject {{QStringLiteral("name"), QStringLiteral("ask")}}),
        session);
    QByteArray streamed;
    QJsonObject request;
    QVERIFY(QTest::qWaitFor(
        [&]() {
            streamed += pending->readAll();
            for (const SseEvent& e : parseSse(streamed)) {
                const QJsonObject m = e.json();
                if (m.value(QStringLiteral("method")).toString() == QLatin1String("sampling/createMessage")) {
                    request = m;
                    return true;
                }
            }
            return false;
        },
        5000));
    QCOMPARE(pending->rawHeader("Content-Type"), QByteArray("text/event-stream"));
    const Reply answer = post(JsonRpc::makeResult(request.value(QStringLiteral("id")),
                                  QJsonObject {{QStringLiteral("model"), QStringLiteral("m")}}),
        session);
    QCOMPARE(answer.status, 202);
    const Reply r = finish(pending);
    streamed += r.body;
    const QList<SseEvent> events = parseSse(streamed);
    QVERIFY(!events.isEmpty());
    const QJsonObject result = events.last().json();
    QCOMPARE(result.value(QStringLiteral("id")).toInt(), 11);
    QCOMPARE(result.value(QStringLiteral("result"))
                 .toObject()
                 .value(QStringLiteral("structuredContent"))
                 .toObject()
                 .value(QStringLiteral("model"))
                 .toString(),
        QStringLiteral("m"));
}

QTEST_GUILESS_MAIN(TestMcpHttp)
#include "tst_mcphttp.moc"
