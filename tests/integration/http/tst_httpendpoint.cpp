#include "httptesting.h"

#include "protocol/jsonrpc.h"
#include "protocol/toolresult.h"
#include "transport/guardedtcpserver.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QSignalSpy>
#include <QTest>

namespace
{

using Headers = QList<QPair<QByteArray, QByteArray>>;

QByteArray bearer()
{
    return "Bearer " + TestServer::token();
}

QByteArray jsonRpc(const QJsonObject& message)
{
    return JsonRpc::serialize(message);
}

Headers mcpHeaders(const QByteArray& session = {})
{
    Headers h {{"Authorization", bearer()}, {"Content-Type", "application/json"},
        {"Accept", "application/json, text/event-stream"}};
    if (!session.isEmpty())
        h.append({"Mcp-Session-Id", session});
    return h;
}

QByteArray initializeBody()
{
    return jsonRpc(JsonRpc::makeRequest(1, QStringLiteral("initialize"),
        QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
            {QStringLiteral("capabilities"), QJsonObject {}},
            {QStringLiteral("clientInfo"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("raw")},
                    {QStringLiteral("version"), QStringLiteral("1")}}}}));
}

} // namespace

// The hardened endpoint driven by a raw socket: DNS-rebinding checks, CORS, size caps, timeouts,
// connection cap, methods, security headers, authentication and response order.
class TestHttpEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void forgedHostIsForbidden_data();
    void forgedHostIsForbidden();
    void allowedHosts_data();
    void allowedHosts();
    void forgedOriginIsForbidden_data();
    void forgedOriginIsForbidden();
    void allowedOriginGetsCorsHeaders();
    void preflightFromAllowedOrigin();
    void preflightFromForbiddenOrigin();

    void hugeContentLengthIsRefusedBeforeTheBody();
    void hugeContentLengthInSplitHeadersIsRefused();
    void bodyOverTheCapIsRefused();
    void bodyAtTheCapIsAccepted();
    void headersOverTheCapAreRefused();
    void headersOverTheCapInPiecesAreRefused();
    void slowHeadersTimeOut();
    void slowBodyTimesOut();
    void chunkedBodyIsRefused();
    void conflictingContentLengthIsRefused();
    void malformedRequestLineIsRefused();
    void expectContinueGetsOneInterimAnswer();

    void connectionCap();
    void idleConnectionIsClosed();
    void connectionWithoutRequestIsClosed();
    void slowToolAnswerIsNotCutByIdleTimeout();
    void loopbackPeerDecision();

    void wrongMethodGets405();
    void unknownPathGets404();
    void headRequestHasNoBody();
    void connectionCloseIsHonoured();
    void securityHeadersOnEveryResponse();
    void routeHeaderReplacesTheDefaultAndPatternsRoute();

    void missingTokenGets401();
    void wrongTokenGets401WithInvalidToken();
    void rightTokenAsBearerOrApiKey();
    void publicRouteNeedsNoToken();
    void authFailuresAreThrottled();

    void pipelinedRequestsAreAnsweredInOrder();
    void pipelinedAnswerWaitsForSlowEarlierOne();

private:
    HttpResponse roundTrip(const QByteArray& request);

    TestServer* m_server = nullptr;
};

void TestHttpEndpoint::init()
{
    m_server = new TestServer;
    QVERIFY(m_server->listening());
}

void TestHttpEndpoint::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

HttpResponse TestHttpEndpoint::roundTrip(const QByteArray& request)
{
    RawClient c(m_server->port());
    HttpResponse r;
    if (!c.connectToServer())
        return r;
    c.send(request);
    if (!c.waitForResponse(&r))
        return HttpResponse();
    return r;
}

void TestHttpEndpoint::forgedHostIsForbidden_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("evil.example") << QByteArray("evil.example");
    QTest::newRow("evil with our port") << QByteArray("evil.example:%PORT%");
    QTest::newRow("localhost.evil.example") << QByteArray("localhost.evil.example:%PORT%");
    QTest::newRow("127.0.0.1 wrong port") << QByteArray("127.0.0.1:1");
    QTest::newRow("127.0.0.1 no port") << QByteArray("127.0.0.1");
    QTest::newRow("localhost no port") << QByteArray("localhost");
    QTest::newRow("userinfo") << QByteArray("evil@127.0.0.1:%PORT%");
    QTest::newRow("trailing dot") << QByteArray("localhost.:%PORT%");
    QTest::newRow("port not a number") << QByteArray("127.0.0.1:abc");
    QTest::newRow("empty") << QByteArray("");
}

void TestHttpEndpoint::forgedHostIsForbidden()
{
    QFETCH(QByteArray, host);
    host.replace("%PORT%", QByteArray::number(m_server->port()));
    for (const QByteArray& path : {QByteArray("/mcp"), QByteArray("/public"), QByteArray("/nowhere")}) {
        const QByteArray request = (path == "/mcp" ? "POST " : "GET ") + path + " HTTP/1.1\r\nHost: " + host
            + "\r\nAuthorization: " + bearer()
            + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
            + "Content-Length: " + QByteArray::number(initializeBody().size()) + "\r\n\r\n"
            + initializeBody();
        const HttpResponse r = roundTrip(request);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("forbidden_host"));
        QVERIFY(hasSecurityHeaders(r));
        QVERIFY(r.header("Mcp-Session-Id").isEmpty());
    }
    // Nothing got through to the MCP layer.
    QCOMPARE(m_server->service().sessionCount(), 0);
}

void TestHttpEndpoint::allowedHosts_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1:%PORT%");
    QTest::newRow("localhost") << QByteArray("localhost:%PORT%");
    QTest::newRow("LOCALHOST") << QByteArray("LOCALHOST:%PORT%");
    QTest::newRow("[::1]") << QByteArray("[::1]:%PORT%");
}

void TestHttpEndpoint::allowedHosts()
{
    QFETCH(QByteArray, host);
    host.replace("%PORT%", QByteArray::number(m_server->port()));
    const HttpResponse r = roundTrip("GET /public HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    QCOMPARE(r.status, 200);
}

void TestHttpEndpoint::forgedOriginIsForbidden_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::newRow("localhost.evil.example") << QByteArray("http://localhost.evil.example");
    QTest::newRow("localhost.evil.example with port") << QByteArray("http://localhost.evil.example:%PORT%");
    QTest::newRow("evil.example") << QByteArray("http://evil.example");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("other port") << QByteArray("http://127.0.0.1:1");
    QTest::newRow("https") << QByteArray("https://127.0.0.1:%PORT%");
    QTest::newRow("prefix trick") << QByteArray("http://127.0.0.1:%PORT%.evil.example");
}

void TestHttpEndpoint::forgedOriginIsForbidden()
{
    QFETCH(QByteArray, origin);
    origin.replace("%PORT%", QByteArray::number(m_server->port()));
    Headers h = mcpHeaders();
    h.append({"Origin", origin});
    const HttpResponse r = roundTrip(rawRequest("POST", "/mcp", m_server->port(), h, initializeBody()));
    QCOMPARE(r.status, 403);
    QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("forbidden_origin"));
    QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
    QVERIFY(hasSecurityHeaders(r));
    QCOMPARE(m_server->service().sessionCount(), 0);
}

void TestHttpEndpoint::allowedOriginGetsCorsHeaders()
{
    Headers h = mcpHeaders();
    h.append({"Origin", m_server->origin()});
    const HttpResponse r = roundTrip(rawRequest("POST", "/mcp", m_server->port(), h, initializeBody()));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Access-Control-Allow-Origin"), m_server->origin());
    QCOMPARE(r.header("Vary"), QByteArray("Origin"));
    const QByteArray expose = r.header("Access-Control-Expose-Headers");
    QVERIFY2(expose.contains("Mcp-Session-Id"), expose.constData());
    QVERIFY(expose.contains("WWW-Authenticate"));
    QVERIFY(!r.header("Mcp-Session-Id").isEmpty());
    // Without an Origin (non-browser client) there are no CORS headers at all.
    const HttpResponse plain = roundTrip(rawRequest("GET", "/public", m_server->port()));
    QCOMPARE(plain.status, 200);
    QVERIFY(plain.header("Access-Control-Allow-Origin").isEmpty());
}

void TestHttpEndpoint::preflightFromAllowedOrigin()
{
    const HttpResponse r = roundTrip(rawRequest("OPTIONS", "/mcp", m_server->port(),
        {{"Origin", m_server->origin()}, {"Access-Control-Request-Method", "POST"},
            {"Access-Control-Request-Headers",
                "content-type, authorization, mcp-protocol-version, mcp-session-id"}}));
    // A preflight carries no credentials and must not need them.
    QCOMPARE(r.status, 204);
    QCOMPARE(r.header("Access-Control-Allow-Origin"), m_server->origin());
    const QByteArray allowed = r.header("Access-Control-Allow-Headers");
    for (const char* name :
        {"MCP-Protocol-Version", "Mcp-Session-Id", "Authorization", "Content-Type", "Last-Event-ID"})
        QVERIFY2(allowed.contains(name), allowed.constData());
    const QByteArray methods = r.header("Access-Control-Allow-Methods");
    QVERIFY(methods.contains("POST") && methods.contains("GET") && methods.contains("DELETE"));
    QVERIFY(!r.header("Access-Control-Max-Age").isEmpty());
    QVERIFY(hasSecurityHeaders(r));
    QVERIFY(r.body.isEmpty());
}

void TestHttpEndpoint::preflightFromForbiddenOrigin()
{
    const HttpResponse r = roundTrip(rawRequest("OPTIONS", "/mcp", m_server->port(),
        {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "POST"},
            {"Access-Control-Request-Headers", "authorization"}}));
    QCOMPARE(r.status, 403);
    QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
    QVERIFY(r.header("Access-Control-Allow-Headers").isEmpty());
}

void TestHttpEndpoint::hugeContentLengthIsRefusedBeforeTheBody()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    QSignalSpy rejected(m_server->endpoint().findChild<GuardedTcpServer*>(), &GuardedTcpServer::rejected);
    c.send("POST /mcp HTTP/1.1\r\nHost: " + m_server->host() + "\r\nAuthorization: " + bearer()
        + "\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n");
    // Only the headers were sent, and the answer is already here.
    HttpResponse r;
    QVERIFY(c.waitForResponse(&r, 2000));
    QCOMPARE(r.status, 413);
    QVERIFY(r.json().value(QStringLiteral("message")).toString().contains(QLatin1String("10000000000")));
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QVERIFY(hasSecurityHeaders(r));
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.first().first().toInt(), 413);
    QVERIFY(c.waitForDisconnected());
}

void TestHttpEndpoint::hugeContentLengthInSplitHeadersIsRefused()
{
    // The header block arrives in pieces, the Content-Length in an early one.
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    c.send("POST /mcp HTTP/1.1\r\nHost: " + m_server->host() + "\r\n");
    QVERIFY(QTest::qWaitFor([&]() { return c.socket().bytesToWrite() == 0; }));
    c.send("Content-Length: 10000000000\r\n");
    QVERIFY(QTest::qWaitFor([&]() { return c.socket().bytesToWrite() == 0; }));
    c.send("Content-Type: application/json\r\n");
    c.send("\r\n");
    HttpResponse r;
    QVERIFY(c.waitForResponse(&r, 2000));
    QCOMPARE(r.status, 413);
    QVERIFY(c.waitForDisconnected());

    // And a request line split from its headers, one byte at a time at the end.
    RawClient d(m_server->port());
    QVERIFY(d.connectToServer());
    d.send("POST /mcp HTTP/1.1\r\n");
    QVERIFY(QTest::qWaitFor([&]() { return d.socket().bytesToWrite() == 0; }));
    d.send("Host: " + m_server->host() + "\r\nContent-Length: 99999999\r\n\r");
    QVERIFY(QTest::qWaitFor([&]() { return d.socket().bytesToWrite() == 0; }));
    d.send("\n");
    QVERIFY(d.waitForResponse(&r, 2000));
    QCOMPARE(r.status, 413);
}

void TestHttpEndpoint::bodyOverTheCapIsRefused()
{
    const QByteArray body(TestServer::smallLimits().maxBodyBytes + 1, 'x');
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    c.send(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(), body));
    HttpResponse r;
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.status, 413);
    QVERIFY(hasSecurityHeaders(r));
    QVERIFY(c.waitForDisconnected());
}

void TestHttpEndpoint::bodyAtTheCapIsAccepted()
{
    // A JSON-RPC request padded to exactly the cap reaches the MCP layer (and is answered).
    QByteArray body = jsonRpc(JsonRpc::makeRequest(1, QStringLiteral("initialize"),
        QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
            {QStringLiteral("pad"), QString()}}));
    body.insert(body.indexOf("\"pad\":\"") + 7,
        QByteArray(TestServer::smallLimits().maxBodyBytes - body.size(), 'p'));
    QCOMPARE(body.size(), TestServer::smallLimits().maxBodyBytes);
    const HttpResponse r = roundTrip(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(), body));
    QCOMPARE(r.status, 200);
    QVERIFY(!r.header("Mcp-Session-Id").isEmpty());
}

void TestHttpEndpoint::headersOverTheCapAreRefused()
{
    const QByteArray pad(17 * 1024, 'a');
    const HttpResponse r = roundTrip(rawRequest("GET", "/public", m_server->port(), {{"X-Pad", pad}}));
    QCOMPARE(r.status, 431);
    QVERIFY(hasSecurityHeaders(r));
    QVERIFY(r.json().value(QStringLiteral("message")).toString().contains(QLatin1String("16384")));
}

void TestHttpEndpoint::headersOverTheCapInPiecesAreRefused()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    c.send("GET /public HTTP/1.1\r\nHost: " + m_server->host() + "\r\n");
    HttpResponse r;
    for (int i = 0; i < 5 && c.isConnected(); ++i) {
        c.send("X-Pad-" + QByteArray::number(i) + ": " + QByteArray(4000, 'b') + "\r\n");
        QVERIFY(QTest::qWaitFor([&]() { return c.socket().bytesToWrite() == 0; }));
    }
    c.send("\r\n");
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.status, 431);
}

void TestHttpEndpoint::slowHeadersTimeOut()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    QElapsedTimer t;
    t.start();
    c.send("GET /public HT");
    HttpResponse r;
    QVERIFY(c.waitForResponse(&r, 5000));
    QCOMPARE(r.status, 408);
    QVERIFY(hasSecurityHeaders(r));
    QVERIFY(t.elapsed() >= TestServer::smallLimits().headerTimeoutMs - 50);
    QVERIFY(c.waitForDisconnected());
}

void TestHttpEndpoint::slowBodyTimesOut()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    c.send("POST /mcp HTTP/1.1\r\nHost: " + m_server->host() + "\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\"");
    HttpResponse r;
    QVERIFY(c.waitForResponse(&r, 5000));
    QCOMPARE(r.status, 408);
    QVERIFY(c.waitForDisconnected());
}

void TestHttpEndpoint::chunkedBodyIsRefused()
{
    const HttpResponse r = roundTrip("POST /mcp HTTP/1.1\r\nHost: " + m_server->host()
        + "\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    QCOMPARE(r.status, 411);
    QVERIFY(r.json().value(QStringLiteral("message")).toString().contains(QLatin1String("Content-Length")));
    QVERIFY(hasSecurityHeaders(r));
}

void TestHttpEndpoint::conflictingContentLengthIsRefused()
{
    const HttpResponse r = roundTrip("POST /mcp HTTP/1.1\r\nHost: " + m_server->host()
        + "\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}");
    QCOMPARE(r.status, 400);
    const HttpResponse signedLength =
        roundTrip("POST /mcp HTTP/1.1\r\nHost: " + m_server->host() + "\r\nContent-Length: +2\r\n\r\n{}");
    QCOMPARE(signedLength.status, 400);
    const HttpResponse spaced =
        roundTrip("POST /mcp HTTP/1.1\r\nHost: " + m_server->host() + "\r\nContent-Length : 2\r\n\r\n{}");
    QCOMPARE(spaced.status, 400);
}

void TestHttpEndpoint::malformedRequestLineIsRefused()
{
    const HttpResponse r = roundTrip("GARBAGE\r\nHost: " + m_server->host() + "\r\n\r\n");
    QCOMPARE(r.status, 400);
    QVERIFY(hasSecurityHeaders(r));
}

void TestHttpEndpoint::expectContinueGetsOneInterimAnswer()
{
    const QByteArray body = initializeBody();
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    QByteArray head = rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(), body);
    head.truncate(head.size() - body.size());
    head.insert(head.size() - 2, "Expect: 100-continue\r\n");
    c.send(head);
    HttpResponse interim;
    QVERIFY(c.waitForResponse(&interim, 2000));
    QCOMPARE(interim.status, 100);
    QVERIFY(c.unparsed().isEmpty());
    c.send(body);
    HttpResponse r;
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.status, 200);
    QVERIFY(!r.header("Mcp-Session-Id").isEmpty());
    QVERIFY(c.unparsed().isEmpty()); // no second interim answer

    // With the body sent at once, no interim answer is needed.
    RawClient d(m_server->port());
    QVERIFY(d.connectToServer());
    d.send(head + body);
    QVERIFY(d.waitForResponse(&r));
    QCOMPARE(r.status, 200);
}

void TestHttpEndpoint::connectionCap()
{
    const int cap = TestServer::smallLimits().maxConnections;
    QList<RawClient*> clients;
    for (int i = 0; i < cap; ++i) {
        clients << new RawClient(m_server->port());
        QVERIFY(clients.last()->connectToServer());
    }
    QTRY_COMPARE(m_server->endpoint().connectionCount(), cap);
    RawClient extra(m_server->port());
    QVERIFY(extra.connectToServer());
    HttpResponse r;
    QVERIFY(extra.waitForResponse(&r));
    QCOMPARE(r.status, 503);
    QVERIFY(!r.header("Retry-After").isEmpty());
    QVERIFY(hasSecurityHeaders(r));
    QVERIFY(extra.waitForDisconnected());
    // The ones inside the cap still work.
    clients.first()->send(rawRequest("GET", "/public", m_server->port()));
    QVERIFY(clients.first()->waitForResponse(&r));
    QCOMPARE(r.status, 200);
    // A place that frees up can be taken again.
    delete clients.takeLast();
    QTRY_COMPARE(m_server->endpoint().connectionCount(), cap - 1);
    RawClient again(m_server->port());
    QVERIFY(again.connectToServer());
    again.send(rawRequest("GET", "/public", m_server->port()));
    QVERIFY(again.waitForResponse(&r));
    QCOMPARE(r.status, 200);
    qDeleteAll(clients);
}

void TestHttpEndpoint::idleConnectionIsClosed()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    c.send(rawRequest("GET", "/public", m_server->port()));
    HttpResponse r;
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.status, 200);
    QVERIFY(c.isConnected()); // keep-alive
    QElapsedTimer t;
    t.start();
    QVERIFY(c.waitForDisconnected(5000));
    QVERIFY(t.elapsed() >= TestServer::smallLimits().idleTimeoutMs - 100);
    QTRY_COMPARE(m_server->endpoint().connectionCount(), 0);
}

void TestHttpEndpoint::connectionWithoutRequestIsClosed()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    QVERIFY(c.waitForDisconnected(5000));
    QVERIFY(c.unparsed().isEmpty()); // closed quietly: there was no request to answer
}

void TestHttpEndpoint::slowToolAnswerIsNotCutByIdleTimeout()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    c.send(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(), initializeBody()));
    HttpResponse init;
    QVERIFY(c.waitForResponse(&init));
    const QByteArray session = init.header("Mcp-Session-Id");
    QVERIFY(!session.isEmpty());
    c.send(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(session),
        jsonRpc(JsonRpc::makeRequest(2, QStringLiteral("tools/call"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}}))));
    QTRY_COMPARE(m_server->slowCalls.size(), 1);
    // Three idle timeouts pass while the tool works; the connection stays.
    QVERIFY(!c.waitForDisconnected(3 * TestServer::smallLimits().idleTimeoutMs));
    QVERIFY(m_server->slowCalls.first());
    m_server->slowCalls.first()->replyTool(
        ToolResult::structured(QJsonObject {{QStringLiteral("late"), true}}));
    HttpResponse r;
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("id")).toInt(), 2);
    // Once answered, the connection is idle again and closes.
    QVERIFY(c.waitForDisconnected(5000));
}

void TestHttpEndpoint::loopbackPeerDecision()
{
    HttpLimits loopbackOnly;
    loopbackOnly.loopbackPeersOnly = true;
    for (const char* a : {"127.0.0.1", "127.5.6.7", "::1", "::ffff:127.0.0.1"})
        QVERIFY2(GuardedTcpServer::acceptsPeer(QHostAddress(QString::fromLatin1(a)), loopbackOnly), a);
    for (const char* a :
        {"192.168.1.20", "10.0.0.1", "8.8.8.8", "::ffff:10.0.0.1", "2001:db8::1", "fe80::1", "0.0.0.0"})
        QVERIFY2(!GuardedTcpServer::acceptsPeer(QHostAddress(QString::fromLatin1(a)), loopbackOnly), a);
    HttpLimits open;
    open.loopbackPeersOnly = false;
    QVERIFY(GuardedTcpServer::acceptsPeer(QHostAddress(QStringLiteral("192.168.1.20")), open));
    QVERIFY(HttpLimits().loopbackPeersOnly); // the default
}

void TestHttpEndpoint::wrongMethodGets405()
{
    for (const QByteArray& method : {QByteArray("PUT"), QByteArray("PATCH"), QByteArray("BREW")}) {
        const HttpResponse r = roundTrip(rawRequest(method, "/mcp", m_server->port(), mcpHeaders(), "{}"));
        QCOMPARE(r.status, 405);
        const QByteArray allow = r.header("Allow");
        QVERIFY2(
            allow.contains("POST") && allow.contains("GET") && allow.contains("DELETE"), allow.constData());
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("method_not_allowed"));
        QVERIFY(hasSecurityHeaders(r));
    }
    const HttpResponse r = roundTrip(rawRequest("POST", "/public", m_server->port(), {}, "{}"));
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("Allow"), QByteArray("GET"));
}

void TestHttpEndpoint::unknownPathGets404()
{
    for (const QByteArray& path :
        {QByteArray("/nope"), QByteArray("/mcp/extra"), QByteArray("/mcpx"), QByteArray("/MCP")}) {
        const HttpResponse r =
            roundTrip(rawRequest("GET", path, m_server->port(), {{"Authorization", bearer()}}));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("not_found"));
        QVERIFY(hasSecurityHeaders(r));
    }
}

void TestHttpEndpoint::headRequestHasNoBody()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    // HEAD is not a method of /public (405), and its answer must not carry the body it describes,
    // or the next answer on the connection would be misread.
    c.send(rawRequest("HEAD", "/public", m_server->port()) + rawRequest("GET", "/public", m_server->port()));
    QVERIFY(
        c.waitForRaw([](const QByteArray& raw) { return raw.count("HTTP/1.1 ") >= 2 && raw.endsWith("}"); }));
    const QByteArray raw = c.unparsed();
    const qsizetype second = raw.indexOf("HTTP/1.1 ", 1);
    QVERIFY(second > 0);
    HttpResponse head;
    parseHttpResponse(raw.left(second), &head);
    QCOMPARE(head.status, 405);
    QVERIFY(raw.left(second).endsWith("\r\n\r\n"));
    QVERIFY(head.body.isEmpty());
    HttpResponse get;
    QVERIFY(parseHttpResponse(raw.mid(second), &get) > 0);
    QCOMPARE(get.status, 200);
    QCOMPARE(get.json().value(QStringLiteral("ok")).toBool(), true);
}

void TestHttpEndpoint::connectionCloseIsHonoured()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    c.send(rawRequest("GET", "/public", m_server->port(), {{"Connection", "close"}}));
    HttpResponse r;
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    // Closed at once, not after the idle timeout.
    QVERIFY(c.waitForDisconnected(TestServer::smallLimits().idleTimeoutMs / 2));
}

void TestHttpEndpoint::routeHeaderReplacesTheDefaultAndPatternsRoute()
{
    HttpEndpoint::RouteOptions open;
    open.requiresAuth = false;
    m_server->endpoint().addRoute(
        QStringLiteral("/page/item_[a-z]{4}"), {"GET"},
        [](const HttpRequest& request, std::shared_ptr<HttpExchange> exchange) {
            exchange->respond(200, "text/html", request.path.toUtf8(),
                {{"content-security-policy", "default-src 'none'; style-src 'unsafe-inline'"}});
        },
        open);

    const HttpResponse page = roundTrip(rawRequest("GET", "/page/item_abcd", m_server->port()));
    QCOMPARE(page.status, 200);
    QCOMPARE(page.body, QByteArray("/page/item_abcd"));
    // One policy, the route's: two would both be enforced by a browser.
    QList<QByteArray> policies;
    for (const auto& [name, value] : page.headers) {
        if (name.compare("Content-Security-Policy", Qt::CaseInsensitive) == 0)
            policies.append(value);
    }
    QCOMPARE(policies, QList<QByteArray> {"default-src 'none'; style-src 'unsafe-inline'"});
    // The other defaults stay.
    QCOMPARE(page.header("X-Frame-Options"), QByteArray("DENY"));
    QCOMPARE(page.header("X-Content-Type-Options"), QByteArray("nosniff"));

    // The pattern matches the whole path only.
    QCOMPARE(roundTrip(rawRequest("GET", "/page/item_abcde", m_server->port())).status, 404);
    QCOMPARE(roundTrip(rawRequest("GET", "/page/item_ABCD", m_server->port())).status, 404);
}

void TestHttpEndpoint::securityHeadersOnEveryResponse()
{
    QList<QPair<QByteArray, HttpResponse>> seen;
    const auto add = [&](const QByteArray& what, const HttpResponse& r) {
        seen.append({what, r});
    };

    // 200 and the session for the rest.
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    c.send(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(), initializeBody()));
    HttpResponse init;
    QVERIFY(c.waitForResponse(&init));
    add("200 initialize", init);
    const QByteArray session = init.header("Mcp-Session-Id");
    add("202",
        roundTrip(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(session),
            jsonRpc(JsonRpc::makeNotification(QStringLiteral("notifications/initialized"))))));
    add("401", roundTrip(rawRequest("POST", "/mcp", m_server->port(), {}, initializeBody())));
    add("403", roundTrip("GET /public HTTP/1.1\r\nHost: evil.example\r\n\r\n"));
    add("404", roundTrip(rawRequest("GET", "/nope", m_server->port())));
    add("405", roundTrip(rawRequest("PUT", "/mcp", m_server->port(), mcpHeaders(), "{}")));
    add("406",
        roundTrip(rawRequest("POST", "/mcp", m_server->port(),
            {{"Authorization", bearer()}, {"Content-Type", "application/json"},
                {"Accept", "application/json"}},
            initializeBody())));
    add("400", roundTrip(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(), "{not json")));
    add("413",
        roundTrip(
            "POST /mcp HTTP/1.1\r\nHost: " + m_server->host() + "\r\nContent-Length: 999999999\r\n\r\n"));
    add("431",
        roundTrip(rawRequest("GET", "/public", m_server->port(), {{"X-Pad", QByteArray(20000, 'x')}})));
    add("411",
        roundTrip(
            "POST /mcp HTTP/1.1\r\nHost: " + m_server->host() + "\r\nTransfer-Encoding: chunked\r\n\r\n"));

    // An SSE stream's headers.
    RawClient stream(m_server->port());
    QVERIFY(stream.connectToServer());
    Headers getHeaders {
        {"Authorization", bearer()}, {"Accept", "text/event-stream"}, {"Mcp-Session-Id", session}};
    stream.send(rawRequest("GET", "/mcp", m_server->port(), getHeaders));
    HttpResponse sse;
    QVERIFY(stream.waitForPartial(&sse, [](const HttpResponse&) { return true; }));
    add("SSE", sse);
    add("409", roundTrip(rawRequest("GET", "/mcp", m_server->port(), getHeaders)));

    // 503 from the connection cap.
    QList<RawClient*> filler;
    // The short-lived connections above are gone; `c` and `stream` remain.
    QTRY_COMPARE(m_server->endpoint().connectionCount(), 2);
    for (int i = 2; i < TestServer::smallLimits().maxConnections; ++i) {
        filler << new RawClient(m_server->port());
        QVERIFY(filler.last()->connectToServer());
    }
    QTRY_COMPARE(m_server->endpoint().connectionCount(), TestServer::smallLimits().maxConnections);
    add("503", roundTrip(rawRequest("GET", "/public", m_server->port())));
    qDeleteAll(filler);

    for (const auto& [what, r] : seen) {
        QByteArray missing;
        QVERIFY2(r.status != 0, what.constData());
        QVERIFY2(hasSecurityHeaders(r, &missing), QByteArray(what + ": " + missing).constData());
    }
    QCOMPARE(seen.at(0).second.status, 200);
    QCOMPARE(seen.at(1).second.status, 202);
    QCOMPARE(seen.at(2).second.status, 401);
    QCOMPARE(seen.at(3).second.status, 403);
    QCOMPARE(seen.at(4).second.status, 404);
    QCOMPARE(seen.at(5).second.status, 405);
    QCOMPARE(seen.at(6).second.status, 406);
    QCOMPARE(seen.at(7).second.status, 400);
    QCOMPARE(seen.at(8).second.status, 413);
    QCOMPARE(seen.at(9).second.status, 431);
    QCOMPARE(seen.at(10).second.status, 411);
    QCOMPARE(seen.at(11).second.status, 200);
    QCOMPARE(seen.at(11).second.header("Content-Type"), QByteArray("text/event-stream"));
    QCOMPARE(seen.at(12).second.status, 409);
    QCOMPARE(seen.at(13).second.status, 503);
}

void TestHttpEndpoint::missingTokenGets401()
{
    Headers h = mcpHeaders();
    h.removeFirst(); // no Authorization
    const HttpResponse r = roundTrip(rawRequest("POST", "/mcp", m_server->port(), h, initializeBody()));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer realm=\"FinAgent\""));
    QVERIFY(r.json()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QLatin1String("Authorization: Bearer")));
    QCOMPARE(m_server->service().sessionCount(), 0);
    // An empty bearer is no token either.
    const HttpResponse empty = roundTrip(rawRequest("POST", "/mcp", m_server->port(),
        {{"Authorization", "Bearer "}, {"Content-Type", "application/json"},
            {"Accept", "application/json, text/event-stream"}},
        initializeBody()));
    QCOMPARE(empty.status, 401);
}

void TestHttpEndpoint::wrongTokenGets401WithInvalidToken()
{
    QSignalSpy failed(&m_server->endpoint(), &HttpEndpoint::authFailed);
    const QList<QByteArray> wrong {QByteArray("Bearer wrong-token"),
        QByteArray("Bearer " + TestServer::token() + "x"),
        QByteArray("Bearer " + TestServer::token().left(10))};
    for (const QByteArray& auth : wrong) {
        const HttpResponse r = roundTrip(rawRequest("POST", "/mcp", m_server->port(),
            {{"Authorization", auth}, {"Content-Type", "application/json"},
                {"Accept", "application/json, text/event-stream"}},
            initializeBody()));
        QCOMPARE(r.status, 401);
        const QByteArray challenge = r.header("WWW-Authenticate");
        QVERIFY2(challenge.startsWith("Bearer realm=\"FinAgent\""), challenge.constData());
        QVERIFY2(challenge.contains("error=\"invalid_token\""), challenge.constData());
        // The answer never repeats what was presented.
        QVERIFY(!r.body.contains(auth.mid(7)));
    }
    QCOMPARE(failed.count(), 3);
    // Basic credentials are not a bearer token.
    const HttpResponse basic = roundTrip(rawRequest("POST", "/mcp", m_server->port(),
        {{"Authorization", "Basic dXNlcjpwYXNz"}, {"Content-Type", "application/json"},
            {"Accept", "application/json, text/event-stream"}},
        initializeBody()));
    QCOMPARE(basic.status, 401);
}

void TestHttpEndpoint::rightTokenAsBearerOrApiKey()
{
    HttpResponse r = roundTrip(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(), initializeBody()));
    QCOMPARE(r.status, 200);
    r = roundTrip(rawRequest("POST", "/mcp", m_server->port(),
        {{"X-API-Key", TestServer::token()}, {"Content-Type", "application/json"},
            {"Accept", "application/json, text/event-stream"}},
        initializeBody()));
    QCOMPARE(r.status, 200);
    r = roundTrip(rawRequest("POST", "/mcp", m_server->port(),
        {{"authorization", "bearer " + TestServer::token()}, {"Content-Type", "application/json"},
            {"Accept", "application/json, text/event-stream"}},
        initializeBody()));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_server->service().sessionCount(), 3);
    // Clients that never failed leave nothing in the throttle's memory.
    QCOMPARE(m_server->endpoint().trackedAuthFailurePeers(), 0);
}

void TestHttpEndpoint::publicRouteNeedsNoToken()
{
    const HttpResponse r = roundTrip(rawRequest("GET", "/public", m_server->port()));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("WWW-Authenticate").isEmpty());
}

void TestHttpEndpoint::authFailuresAreThrottled()
{
    const Headers wrong {{"Authorization", "Bearer nope-nope-nope"}, {"Content-Type", "application/json"},
        {"Accept", "application/json, text/event-stream"}};
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    HttpResponse r;
    int unauthorized = 0;
    for (int i = 0; i < 40; ++i) {
        c.send(rawRequest("POST", "/mcp", m_server->port(), wrong, initializeBody()));
        QVERIFY(c.waitForResponse(&r));
        if (r.status != 401)
            break;
        ++unauthorized;
    }
    QCOMPARE(unauthorized, 20);
    QCOMPARE(r.status, 429);
    QVERIFY(!r.header("Retry-After").isEmpty());
    QVERIFY(hasSecurityHeaders(r));
    // While throttled a wrong token keeps getting 429, but the right token still gets in (every
    // local program shares 127.0.0.1; the owner must not be locked out); public routes answer.
    c.send(rawRequest("POST", "/mcp", m_server->port(), wrong, initializeBody()));
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.status, 429);
    c.send(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(), initializeBody()));
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.status, 200);
    c.send(rawRequest("GET", "/public", m_server->port()));
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.status, 200);
}

void TestHttpEndpoint::pipelinedRequestsAreAnsweredInOrder()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    c.send(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(), initializeBody()));
    HttpResponse init;
    QVERIFY(c.waitForResponse(&init));
    const QByteArray session = init.header("Mcp-Session-Id");
    QByteArray batch;
    for (int id = 10; id < 15; ++id)
        batch += rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(session),
            jsonRpc(JsonRpc::makeRequest(id, QStringLiteral("ping"))));
    batch += rawRequest("GET", "/public", m_server->port());
    c.send(batch);
    for (int id = 10; id < 15; ++id) {
        HttpResponse r;
        QVERIFY(c.waitForResponse(&r));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("id")).toInt(), id);
    }
    HttpResponse last;
    QVERIFY(c.waitForResponse(&last));
    QCOMPARE(last.json().value(QStringLiteral("ok")).toBool(), true);
}

void TestHttpEndpoint::pipelinedAnswerWaitsForSlowEarlierOne()
{
    RawClient c(m_server->port());
    QVERIFY(c.connectToServer());
    c.send(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(), initializeBody()));
    HttpResponse init;
    QVERIFY(c.waitForResponse(&init));
    const QByteArray session = init.header("Mcp-Session-Id");
    c.send(rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(session),
               jsonRpc(JsonRpc::makeRequest(1, QStringLiteral("tools/call"),
                   QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}})))
        + rawRequest("POST", "/mcp", m_server->port(), mcpHeaders(session),
            jsonRpc(JsonRpc::makeRequest(2, QStringLiteral("ping")))));
    QTRY_COMPARE(m_server->slowCalls.size(), 1);
    // The ping was answered by the server already, but its bytes wait behind the slow call.
    HttpResponse r;
    QVERIFY(!c.waitForResponse(&r, 300));
    m_server->slowCalls.first()->replyTool(ToolResult::structured({}));
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.json().value(QStringLiteral("id")).toInt(), 1);
    QVERIFY(c.waitForResponse(&r));
    QCOMPARE(r.json().value(QStringLiteral("id")).toInt(), 2);
}

QTEST_GUILESS_MAIN(TestHttpEndpoint)
#include "tst_httpendpoint.moc"
