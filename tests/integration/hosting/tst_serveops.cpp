#include "fakebinance.h"
#include "metricsparser.h"
#include "servetesting.h"

#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTest>

// What an orchestrator and an operator see of `finagent serve`: /live, /ready (with the database
// down too), /metrics, JSON-lines logs without secrets, and a graceful shutdown on SIGTERM.
class TestServeOps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void liveAndReady();
    void readyIs503WhileTheDatabaseIsUnreachable();
    void metricsParseAndCount();
    void jsonLogsAreJsonAndHoldNoSecret();
    void sigtermFinishesTheCallInFlight();

private:
    QStringList serveArgs(const QStringList& extra = {}) const;

    TestEnv m_env;
    FakeBinance m_binance;
    QByteArray m_token;
    QString m_tokenFile;
};

QStringList TestServeOps::serveArgs(const QStringList& extra) const
{
    return QStringList {QStringLiteral("--token-file"), m_tokenFile, QStringLiteral("--set"),
               QStringLiteral("market.binance_url=") + m_binance.baseUrl().toString()}
    + extra;
}

void TestServeOps::initTestCase()
{
    QVERIFY(m_binance.start());
    m_token = writeOperatorToken(m_env.root(), &m_tokenFile);
}

void TestServeOps::liveAndReady()
{
    ServeProcess serve;
    QVERIFY(serve.start(serveArgs()));
    QCOMPARE(httpRequest(serve.port(), "GET", "/live").status, 200);
    QVERIFY(serve.waitReady());
    const HttpResponse ready = httpRequest(serve.port(), "GET", "/ready");
    QCOMPARE(ready.status, 200);
    QCOMPARE(ready.json().value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
    QCOMPARE(ready.json().value(QStringLiteral("database")).toString(), QStringLiteral("ok"));
    // Providers' state, for information.
    const QJsonObject market =
        ready.json().value(QStringLiteral("details")).toObject().value(QStringLiteral("market")).toObject();
    QVERIFY(market.contains(QStringLiteral("binance")));
    QVERIFY(market.contains(QStringLiteral("coingecko")));
    QCOMPARE(ready.header("Cache-Control"), QByteArray("no-store"));
    // An upstream outage shows in the details but does not make the instance unready: sending
    // traffic to another replica would not fix it.
    m_binance.setFailAlways(FakeUpstream::Failure::ServerError500);
    const HttpResponse failed = mcpCallTool(serve.port(), bearer(m_token), QStringLiteral("get_spot_price"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")}});
    m_binance.setFailAlways(std::nullopt);
    QCOMPARE(failed.status, 200);
    QVERIFY(rpcMessage(failed)
                .value(QStringLiteral("result"))
                .toObject()
                .value(QStringLiteral("isError"))
                .toBool());
    const HttpResponse stillReady = httpRequest(serve.port(), "GET", "/ready");
    QCOMPARE(stillReady.status, 200);
    QCOMPARE(stillReady.json()
                 .value(QStringLiteral("details"))
                 .toObject()
                 .value(QStringLiteral("market"))
                 .toObject()
                 .value(QStringLiteral("binance"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("failing"));
    QCOMPARE(httpRequest(serve.port(), "HEAD", "/live").status, 200);
    QCOMPARE(httpRequest(serve.port(), "POST", "/ready").status, 405);
    // Probes need no token but still pass the Host check.
    RawClient c(serve.port());
    QVERIFY(c.connectToServer());
    c.send("GET /ready HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    HttpResponse evil;
    QVERIFY(c.waitForResponse(&evil));
    QCOMPARE(evil.status, 403);
}

void TestServeOps::readyIs503WhileTheDatabaseIsUnreachable()
{
    // A port nobody listens on: take one from the OS and give it back.
    quint16 closed = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closed = probe.serverPort();
    }
    const QByteArray password = "db-pass-" + QByteArray::number(closed) + "-not-for-logs";
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DATABASE_URL"),
        QStringLiteral("postgresql://finagent:%1@127.0.0.1:%2/finagent?connect_timeout=2")
            .arg(QString::fromLatin1(password))
            .arg(closed));
    ServeProcess serve;
    serve.setEnvironment(env);
    QVERIFY(serve.start(serveArgs()));
    QCOMPARE(httpRequest(serve.port(), "GET", "/live").status, 200);
    QCOMPARE(httpRequest(serve.port(), "GET", "/health").status, 200);
    HttpResponse ready;
    QTRY_VERIFY_WITH_TIMEOUT((ready = httpRequest(serve.port(), "GET", "/ready")).status == 503
            && ready.json().value(QStringLiteral("reasons")).toArray().size() > 0,
        10000);
    QCOMPARE(ready.json().value(QStringLiteral("status")).toString(), QStringLiteral("not_ready"));
    const QString reasons =
        QString::fromUtf8(QJsonDocument(ready.json().value(QStringLiteral("reasons")).toArray()).toJson());
    QVERIFY2(reasons.contains(QStringLiteral("database")), qPrintable(reasons));
    QVERIFY(!ready.body.contains(password));
    // Still 503 a while later (it keeps trying the database), and still alive.
    QCOMPARE(httpRequest(serve.port(), "GET", "/ready").status, 503);
    QCOMPARE(httpRequest(serve.port(), "GET", "/live").status, 200);
    QVERIFY(serve.output().contains("trying the database again"));
    QVERIFY(!serve.output().contains(password));
}

void TestServeOps::metricsParseAndCount()
{
    ServeProcess serve;
    QVERIFY(serve.start(serveArgs()));
    QVERIFY(serve.waitReady());
    const quint16 port = serve.port();
    const HttpResponse health = mcpCallTool(port, bearer(m_token), QStringLiteral("health_check"));
    QCOMPARE(health.status, 200);
    const HttpResponse price = mcpCallTool(port, bearer(m_token), QStringLiteral("get_spot_price"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")}});
    QCOMPARE(price.status, 200);
    QVERIFY(rpcMessage(price).contains(QStringLiteral("result")));
    QCOMPARE(httpRequest(port, "GET", "/no/such/path/123").status, 404);
    QCOMPARE(httpRequest(port, "GET", "/metrics").status, 401);

    const HttpResponse r = httpRequest(port, "GET", "/metrics", bearer(m_token));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    const ParsedMetrics m = parseMetrics(r.body);
    QVERIFY2(m.error.isEmpty(), qPrintable(m.error));

    QCOMPARE(m.value(QStringLiteral("finagent_tool_calls_total"),
                 {{QStringLiteral("tool"), QStringLiteral("health_check")},
                     {QStringLiteral("outcome"), QStringLiteral("ok")}}),
        1.0);
    QCOMPARE(m.value(QStringLiteral("finagent_tool_call_duration_seconds_count"),
                 {{QStringLiteral("tool"), QStringLiteral("health_check")}}),
        1.0);
    QCOMPARE(m.value(QStringLiteral("finagent_tool_call_duration_seconds_bucket"),
                 {{QStringLiteral("tool"), QStringLiteral("get_spot_price")},
                     {QStringLiteral("le"), QStringLiteral("+Inf")}}),
        1.0);
    QCOMPARE(
        m.types.value(QStringLiteral("finagent_tool_call_duration_seconds")), QStringLiteral("histogram"));
    QVERIFY(m.value(QStringLiteral("finagent_http_requests_total"),
                {{QStringLiteral("method"), QStringLiteral("POST")},
                    {QStringLiteral("path"), QStringLiteral("/mcp")},
                    {QStringLiteral("status"), QStringLiteral("200")}})
        >= 4);
    QCOMPARE(m.value(QStringLiteral("finagent_http_requests_total"),
                 {{QStringLiteral("path"), QStringLiteral("/metrics")},
                     {QStringLiteral("status"), QStringLiteral("401")}}),
        1.0);
    QVERIFY(m.value(QStringLiteral("finagent_http_requests_total"),
                {{QStringLiteral("path"), QStringLiteral("other")},
                    {QStringLiteral("status"), QStringLiteral("404")}})
        >= 1);
    QVERIFY(!r.body.contains("/no/such/path")); // no ids or client paths in labels
    QVERIFY(m.value(QStringLiteral("finagent_upstream_requests_total"),
                {{QStringLiteral("provider"), QStringLiteral("binance")},
                    {QStringLiteral("status"), QStringLiteral("200")}})
        >= 1);
    QVERIFY(m.value(QStringLiteral("finagent_cache_misses_total"),
                {{QStringLiteral("provider"), QStringLiteral("binance")}})
        >= 1);
    QCOMPARE(m.types.value(QStringLiteral("finagent_cache_hits_total")), QStringLiteral("counter"));
    QCOMPARE(m.types.value(QStringLiteral("finagent_cache_coalesced_total")), QStringLiteral("counter"));
    QVERIFY(m.value(QStringLiteral("finagent_sessions_open")) >= 2);
    QCOMPARE(m.count(QStringLiteral("finagent_build_info")), 1);
    QCOMPARE(m.samples.at(0).name, QStringLiteral("finagent_build_info"));
    QVERIFY(!m.samples.at(0).labels.value(QStringLiteral("version")).isEmpty());
    QVERIFY(!r.body.contains(m_token));
}

void TestServeOps::jsonLogsAreJsonAndHoldNoSecret()
{
    ServeProcess serve;
    QVERIFY(serve.start(serveArgs({QStringLiteral("--log-format"), QStringLiteral("json"),
        QStringLiteral("--set"), QStringLiteral("http.token_refresh_ms=200")})));
    QVERIFY(serve.waitReady());
    const CliResult made = runFinagent({QStringLiteral("token"), QStringLiteral("create"),
        QStringLiteral("logged"), QStringLiteral("--log-format"), QStringLiteral("json")});
    QCOMPARE(made.exitCode, 0);
    const QByteArray named = made.out.trimmed();
    QVERIFY(named.startsWith("fa_"));
    QVERIFY(!made.err.contains(named));
    const quint16 port = serve.port();
    QTRY_COMPARE_WITH_TIMEOUT(
        mcpCallTool(port, bearer(named), QStringLiteral("health_check")).status, 200, 10000);
    QCOMPARE(mcpInitialize(port, bearer(m_token)).status, 200);
    QCOMPARE(mcpInitialize(port, bearer(named + "x")).status, 401);
    QCOMPARE(mcpInitialize(port, bearer("Bearer-looking-secret-" + m_token)).status, 401);
    QCOMPARE(httpRequest(port, "GET", "/health", {{"Origin", "https://evil.example"}}).status, 403);
    QVERIFY(serve.terminate());
    QCOMPARE(serve.exitCode(), 0);

    QVERIFY(serve.standardOutput().isEmpty()); // logs go to stderr only
    const QList<QByteArray> lines = serve.standardError().split('\n');
    int count = 0;
    for (const QByteArray& line : lines) {
        if (line.isEmpty())
            continue;
        ++count;
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), line.constData());
        const QJsonObject o = doc.object();
        for (const char* key : {"time", "level", "category", "message"})
            QVERIFY2(o.value(QLatin1String(key)).isString(), line.constData());
        QVERIFY2(!line.contains(m_token), line.constData());
        QVERIFY2(!line.contains(named), line.constData());
        QVERIFY2(!line.contains(named.mid(10)), line.constData());
    }
    QVERIFY(count >= 3);
    QVERIFY(serve.standardError().contains("serving MCP at"));
    QVERIFY(serve.standardError().contains("403"));
}

void TestServeOps::sigtermFinishesTheCallInFlight()
{
    ServeProcess serve;
    QVERIFY(serve.start(serveArgs()));
    QVERIFY(serve.waitReady());
    const quint16 port = serve.port();
    const HttpResponse init = mcpInitialize(port, bearer(m_token));
    QCOMPARE(init.status, 200);
    const QByteArray session = init.header("Mcp-Session-Id");

    m_binance.setDelay(1500); // every upstream answer takes 1.5 s
    m_binance.clearRequests();
    RawClient client(port);
    QVERIFY(client.connectToServer());
    client.send(toolCallRequest(port, bearer(m_token), session, QStringLiteral("get_spot_price"),
        {{QStringLiteral("symbol"), QStringLiteral("ETHUSDT")}}, 7));
    QTRY_VERIFY(m_binance.requestCount() > 0); // the call is waiting on the upstream now

    serve.sendTerminate();
    QTRY_VERIFY(connectionRefused(port)); // no new connections
    QVERIFY(serve.isRunning()); // but the call in flight is still being answered

    HttpResponse answer;
    QVERIFY(client.waitForResponse(&answer, 20000));
    QCOMPARE(answer.status, 200);
    const QJsonObject message = rpcMessage(answer);
    QCOMPARE(message.value(QStringLiteral("id")).toInt(), 7);
    const QJsonObject result = message.value(QStringLiteral("result")).toObject();
    QVERIFY2(!result.isEmpty() && !result.value(QStringLiteral("isError")).toBool(), answer.body.constData());

    QTRY_VERIFY_WITH_TIMEOUT(!serve.isRunning(), 15000);
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);
    QVERIFY(serve.output().contains("finishing in-flight requests"));
    m_binance.setDelay(0);
}

QTEST_GUILESS_MAIN(TestServeOps)
#include "tst_serveops.moc"
