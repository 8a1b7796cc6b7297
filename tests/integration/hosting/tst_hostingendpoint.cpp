#include "jwtsigner.h"
#include "servetesting.h"

#include "config/settings.h"
#include "runtime/runtime.h"
#include "security/compositeverifier.h"
#include "security/jwtverifier.h"
#include "testenv.h"

#include <QDateTime>
#include <QTest>

// The endpoint as `serve` builds it, in process: who a request authenticated as, the CORS
// allowlist for browser clients (and its negative cases), the default per-principal rate limit,
// and who may read /metrics.
class TestHostingEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void principalReachesTheHandler();
    void corsPreflightForAnAllowedOrigin();
    void corsAnswerForAnAllowedOrigin();
    void corsRefusesOtherOrigins_data();
    void corsRefusesOtherOrigins();
    void defaultRateLimitAppliesToJwtSubjects();
    void metricsNeedATokenUnlessPublic();
    void listedPublicNameWorksBehindAProxy();

private:
    bool start(const QList<QPair<QString, QVariant>>& overrides = {});
    QByteArray jwt(const QString& subject) const;
    static bool hasAnyCorsHeader(const HttpResponse& r);

    std::unique_ptr<TestEnv> m_env;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Runtime> m_runtime;
    quint16 m_port = 0;
    const QByteArray m_operator = "operator-token-0123456789abcdef";
    const QByteArray m_secret = "endpoint-test-hs256-secret-0123456789abcdef";
    const QByteArray m_origin = "https://app.example.com";
};

void TestHostingEndpoint::init()
{
    m_env = std::make_unique<TestEnv>();
}

void TestHostingEndpoint::cleanup()
{
    m_runtime.reset();
    m_settings.reset();
    m_env.reset();
    m_port = 0;
}

QByteArray TestHostingEndpoint::jwt(const QString& subject) const
{
    return JwtSigner::hs256(JwtSigner::claims(QStringLiteral("https://auth.example.com"),
                                QStringLiteral("finagent"), subject, QDateTime::currentSecsSinceEpoch()),
        m_secret);
}

bool TestHostingEndpoint::start(const QList<QPair<QString, QVariant>>& overrides)
{
    m_settings = std::make_unique<Settings>(m_env->configDir());
    m_settings->setOverride(QStringLiteral("http.port"), 0);
    m_settings->setOverride(QStringLiteral("http.allowed_origins"), QString::fromLatin1(m_origin));
    for (const auto& [k, v] : overrides)
        m_settings->setOverride(k, v);
    m_runtime =
        std::make_unique<Runtime>(*m_settings, Runtime::Options {Runtime::Mode::Serve, false, nullptr});
    JwtVerifier::Config jc;
    jc.hs256Secret = m_secret;
    jc.issuer = QStringLiteral("https://auth.example.com");
    jc.audience = QStringLiteral("finagent");
    auto jwtVerifier = JwtVerifier::create(jc);
    if (!jwtVerifier)
        return false;
    auto verifier = std::make_shared<CompositeVerifier>();
    verifier->add(std::make_shared<StaticTokenVerifier>(m_operator, QStringLiteral("operator")));
    verifier->add(jwtVerifier.value());
    const Result<quint16> port = m_runtime->startHttp(verifier);
    if (!port)
        return false;
    m_port = port.value();
    // Who the request authenticated as, for the tests.
    m_runtime->http()->addRoute(
        QStringLiteral("/whoami"), {"GET"}, [](const HttpRequest& req, std::shared_ptr<HttpExchange> ex) {
            ex->respondJson(200,
                QJsonObject {{QStringLiteral("name"), req.principal.name},
                    {QStringLiteral("method"), req.principal.method}});
        });
    return true;
}

bool TestHostingEndpoint::hasAnyCorsHeader(const HttpResponse& r)
{
    for (const auto& [k, v] : r.headers) {
        if (k.toLower().startsWith("access-control-"))
            return true;
    }
    return false;
}

void TestHostingEndpoint::principalReachesTheHandler()
{
    QVERIFY(start());
    HttpResponse r = httpRequest(m_port, "GET", "/whoami", bearer(jwt(QStringLiteral("alice@example.com"))));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("name")).toString(), QStringLiteral("alice@example.com"));
    QCOMPARE(r.json().value(QStringLiteral("method")).toString(), QStringLiteral("jwt"));
    r = httpRequest(m_port, "GET", "/whoami", apiKey(m_operator));
    QCOMPARE(r.json().value(QStringLiteral("name")).toString(), QStringLiteral("operator"));
    QCOMPARE(r.json().value(QStringLiteral("method")).toString(), QStringLiteral("token"));
    QCOMPARE(httpRequest(m_port, "GET", "/whoami", bearer("nope-nope-nope")).status, 401);
}

void TestHostingEndpoint::corsPreflightForAnAllowedOrigin()
{
    QVERIFY(start());
    const HttpResponse r = httpRequest(m_port, "OPTIONS", "/mcp",
        {{"Origin", m_origin}, {"Access-Control-Request-Method", "POST"},
            {"Access-Control-Request-Headers",
                "authorization, content-type, mcp-protocol-version, mcp-session-id"}});
    QCOMPARE(r.status, 204);
    QCOMPARE(r.header("Access-Control-Allow-Origin"), m_origin);
    QVERIFY(r.header("Vary").contains("Origin"));
    const QByteArray allowed = r.header("Access-Control-Allow-Headers").toLower();
    for (const char* h : {"mcp-protocol-version", "mcp-session-id", "authorization", "content-type",
             "last-event-id", "x-api-key", "mcp-method", "mcp-name"})
        QVERIFY2(allowed.contains(h), h);
    const QByteArray methods = r.header("Access-Control-Allow-Methods");
    QVERIFY(methods.contains("POST") && methods.contains("GET") && methods.contains("DELETE"));
    QVERIFY(r.header("Access-Control-Allow-Credentials").isEmpty());
    QCOMPARE(r.headerCount("Access-Control-Allow-Origin"), 1);
}

void TestHostingEndpoint::corsAnswerForAnAllowedOrigin()
{
    QVERIFY(start());
    Headers h = bearer(m_operator);
    h.append(qMakePair(QByteArray("Origin"), m_origin));
    const HttpResponse init = mcpInitialize(m_port, h);
    QCOMPARE(init.status, 200);
    QCOMPARE(init.header("Access-Control-Allow-Origin"), m_origin);
    const QByteArray exposed = init.header("Access-Control-Expose-Headers").toLower();
    QVERIFY(exposed.contains("mcp-session-id"));
    QVERIFY(exposed.contains("mcp-protocol-version"));
    QVERIFY(!init.header("Mcp-Session-Id").isEmpty());

    // A browser must be able to read why it was refused.
    const HttpResponse refused = mcpInitialize(m_port, {{"Origin", m_origin}});
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.header("Access-Control-Allow-Origin"), m_origin);
    QVERIFY(refused.header("Access-Control-Expose-Headers").toLower().contains("www-authenticate"));
    QVERIFY(refused.header("Access-Control-Allow-Credentials").isEmpty());
}

void TestHostingEndpoint::corsRefusesOtherOrigins_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::newRow("another site") << QByteArray("https://evil.example.com");
    QTest::newRow("allowed origin as a prefix") << QByteArray("https://app.example.com.evil.example");
    QTest::newRow("other scheme") << QByteArray("http://app.example.com");
    QTest::newRow("other port") << QByteArray("https://app.example.com:8443");
    QTest::newRow("null (sandboxed frame, file:)") << QByteArray("null");
    QTest::newRow("wildcard") << QByteArray("*");
}

void TestHostingEndpoint::corsRefusesOtherOrigins()
{
    QFETCH(QByteArray, origin);
    QVERIFY(start());
    const HttpResponse preflight = httpRequest(
        m_port, "OPTIONS", "/mcp", {{"Origin", origin}, {"Access-Control-Request-Method", "POST"}});
    QCOMPARE(preflight.status, 403);
    QVERIFY(!hasAnyCorsHeader(preflight));
    Headers h = bearer(m_operator);
    h.append(qMakePair(QByteArray("Origin"), origin));
    const HttpResponse post = mcpInitialize(m_port, h);
    QCOMPARE(post.status, 403); // even with the right token
    QVERIFY(!hasAnyCorsHeader(post));
    QCOMPARE(post.json().value(QStringLiteral("error")).toString(), QStringLiteral("forbidden_origin"));
    const HttpResponse get = httpRequest(m_port, "GET", "/health", {{"Origin", origin}});
    QCOMPARE(get.status, 403);
    QVERIFY(!hasAnyCorsHeader(get));
}

void TestHostingEndpoint::defaultRateLimitAppliesToJwtSubjects()
{
    QVERIFY(start({{QStringLiteral("http.rate_limit_per_minute"), 2}}));
    const QByteArray carol = jwt(QStringLiteral("carol"));
    QCOMPARE(httpRequest(m_port, "GET", "/whoami", bearer(carol)).status, 200);
    QCOMPARE(httpRequest(m_port, "GET", "/whoami", bearer(carol)).status, 200);
    const HttpResponse limited = httpRequest(m_port, "GET", "/whoami", bearer(carol));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArray("30"));
    QCOMPARE(limited.json().value(QStringLiteral("limit_per_minute")).toInt(), 2);
    QVERIFY(limited.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("carol")));
    // Per principal: another subject has its own bucket; the operator token has none; public
    // routes are not limited.
    QCOMPARE(httpRequest(m_port, "GET", "/whoami", bearer(jwt(QStringLiteral("dave")))).status, 200);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(httpRequest(m_port, "GET", "/whoami", bearer(m_operator)).status, 200);
        QCOMPARE(httpRequest(m_port, "GET", "/live", bearer(carol)).status, 200);
    }
}

void TestHostingEndpoint::metricsNeedATokenUnlessPublic()
{
    QVERIFY(start());
    QCOMPARE(httpRequest(m_port, "GET", "/metrics").status, 401);
    const HttpResponse withToken = httpRequest(m_port, "GET", "/metrics", bearer(m_operator));
    QCOMPARE(withToken.status, 200);
    QCOMPARE(withToken.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    cleanup();
    init();
    QVERIFY(start({{QStringLiteral("http.metrics_public"), QStringLiteral("true")}}));
    QCOMPARE(httpRequest(m_port, "GET", "/metrics").status, 200);
    QCOMPARE(httpRequest(m_port, "GET", "/mcp").status, 401); // only /metrics became public
}

void TestHostingEndpoint::listedPublicNameWorksBehindAProxy()
{
    QVERIFY(start({{QStringLiteral("http.allowed_hosts"), QStringLiteral("mcp.example.com")}}));
    const auto status = [this](const QByteArray& host) {
        RawClient c(m_port);
        HttpResponse r;
        if (c.connectToServer()) {
            c.send("GET /live HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            c.waitForResponse(&r);
        }
        return r.status;
    };
    const QByteArray port = QByteArray::number(m_port);
    QCOMPARE(status("mcp.example.com"), 200); // what a reverse proxy passes on
    QCOMPARE(status("MCP.example.com:" + port), 200);
    QCOMPARE(status("localhost:" + port), 200); // probes inside the pod
    QCOMPARE(status("mcp.example.com:9"), 403);
    QCOMPARE(status("localhost"), 403);
    QCOMPARE(status("evil.example"), 403);
    QCOMPARE(status("mcp.example.com.evil.example"), 403);
}

QTEST_GUILESS_MAIN(TestHostingEndpoint)
#include "tst_hostingendpoint.moc"
