#include "httptesting.h"

#include "config/settings.h"
#include "protocol/jsonrpc.h"
#include "runtime/runtime.h"
#include "testenv.h"

#include <QTest>

// The endpoint as Runtime builds it for `finagent serve`: public info routes, the auth switch.
class TestHttpRuntime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void healthAndRootArePublic();
    void noAuthIsRefusedOffLoopback_data();
    void noAuthIsRefusedOffLoopback();
    void noAuthOnLoopbackNeedsNoToken();
    void tokenRequiredByDefault();

private:
    TestEnv m_env;
};

namespace
{

HttpResponse get(
    quint16 port, const QByteArray& path, const QList<QPair<QByteArray, QByteArray>>& headers = {})
{
    RawClient c(port);
    HttpResponse r;
    if (c.connectToServer()) {
        c.send(rawRequest("GET", path, port, headers));
        c.waitForResponse(&r);
    }
    return r;
}

HttpResponse postInitialize(quint16 port, const QList<QPair<QByteArray, QByteArray>>& extra = {})
{
    QList<QPair<QByteArray, QByteArray>> headers {
        {"Content-Type", "application/json"}, {"Accept", "application/json, text/event-stream"}};
    headers += extra;
    RawClient c(port);
    HttpResponse r;
    if (c.connectToServer()) {
        c.send(rawRequest("POST", "/mcp", port, headers,
            JsonRpc::serialize(JsonRpc::makeRequest(1, QStringLiteral("initialize"),
                QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")}}))));
        c.waitForResponse(&r);
    }
    return r;
}

} // namespace

void TestHttpRuntime::healthAndRootArePublic()
{
    Settings settings;
    settings.setOverride(QStringLiteral("http.port"), 0);
    Runtime runtime(settings, Runtime::Options {Runtime::Mode::Serve, false, nullptr});
    const Result<quint16> port =
        runtime.startHttp(std::make_shared<StaticTokenVerifier>(TestServer::token()));
    QVERIFY2(port.ok(), qPrintable(port.error().message));

    HttpResponse health = get(port.value(), "/health");
    QCOMPARE(health.status, 200);
    QVERIFY(hasSecurityHeaders(health));
    const QJsonObject h = health.json();
    QVERIFY(h.contains(QStringLiteral("status")));
    QVERIFY(h.contains(QStringLiteral("version")));
    QVERIFY(h.contains(QStringLiteral("uptime_ms")));
    QCOMPARE(h.value(QStringLiteral("transport")).toString(), QStringLiteral("streamable-http"));
    QCOMPARE(h.value(QStringLiteral("auth")).toBool(), true);

    HttpResponse root = get(port.value(), "/");
    QCOMPARE(root.status, 200);
    QCOMPARE(root.json().value(QStringLiteral("mcp_endpoint")).toString(), QStringLiteral("/mcp"));
    QCOMPARE(root.json().value(QStringLiteral("auth")).toString(), QStringLiteral("bearer"));

    // Public, but still behind the Host check.
    RawClient c(port.value());
    QVERIFY(c.connectToServer());
    c.send("GET /health HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    QVERIFY(c.waitForResponse(&health));
    QCOMPARE(health.status, 403);
}

void TestHttpRuntime::noAuthIsRefusedOffLoopback_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("every interface") << QStringLiteral("0.0.0.0");
    QTest::newRow("every interface v6") << QStringLiteral("::");
    QTest::newRow("a LAN address") << QStringLiteral("192.168.1.20");
}

void TestHttpRuntime::noAuthIsRefusedOffLoopback()
{
    QFETCH(QString, host);
    Settings settings;
    settings.setOverride(QStringLiteral("http.host"), host);
    settings.setOverride(QStringLiteral("http.port"), 0);
    settings.setOverride(QStringLiteral("http.auth"), QStringLiteral("off"));
    Runtime runtime(settings, Runtime::Options {Runtime::Mode::Serve, false, nullptr});
    // Refused before anything listens.
    const Result<quint16> port = runtime.startHttp(nullptr);
    QVERIFY(!port.ok());
    QCOMPARE(port.error().code, QStringLiteral("auth_required"));
    QVERIFY(port.error().message.contains(host));
    QVERIFY(!runtime.http());
}

void TestHttpRuntime::noAuthOnLoopbackNeedsNoToken()
{
    Settings settings;
    settings.setOverride(QStringLiteral("http.port"), 0);
    settings.setOverride(QStringLiteral("http.auth"), QStringLiteral("off"));
    Runtime runtime(settings, Runtime::Options {Runtime::Mode::Serve, false, nullptr});
    const Result<quint16> port = runtime.startHttp(nullptr);
    QVERIFY2(port.ok(), qPrintable(port.error().message));
    const HttpResponse r = postInitialize(port.value());
    QCOMPARE(r.status, 200);
    QVERIFY(!r.header("Mcp-Session-Id").isEmpty());
    QCOMPARE(get(port.value(), "/health").json().value(QStringLiteral("auth")).toBool(), false);
}

void TestHttpRuntime::tokenRequiredByDefault()
{
    Settings settings;
    settings.setOverride(QStringLiteral("http.port"), 0);
    Runtime runtime(settings, Runtime::Options {Runtime::Mode::Serve, false, nullptr});
    QVERIFY(!runtime.startHttp(nullptr).ok()); // no verifier, auth on: refused
    const Result<quint16> port =
        runtime.startHttp(std::make_shared<StaticTokenVerifier>(TestServer::token()));
    QVERIFY(port.ok());
    QCOMPARE(postInitialize(port.value()).status, 401);
    QCOMPARE(postInitialize(port.value(), {{"Authorization", "Bearer " + TestServer::token()}}).status, 200);
}

QTEST_GUILESS_MAIN(TestHttpRuntime)
#include "tst_httpruntime.moc"
