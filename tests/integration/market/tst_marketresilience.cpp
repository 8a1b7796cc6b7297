// How the market service treats its upstreams: coalescing, Retry-After, stale answers while down,
// timeouts, retries of transient failures only, clear errors, and cancellation.
#include "marketfixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

namespace
{

const QString kPrice = QStringLiteral("/api/v3/ticker/price");

QJsonObject spot(const QString& symbol)
{
    return QJsonObject {{QStringLiteral("symbol"), symbol}};
}

QJsonObject toolCall(const QString& symbol)
{
    return QJsonObject {{QStringLiteral("name"), QStringLiteral("get_spot_price")},
        {QStringLiteral("arguments"), spot(symbol)}};
}

} // namespace

class TestMarketResilience : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fiftyConcurrentCallsMakeOneUpstreamRequest();
    void retryAfterIsHonoured();
    void retryAfterWithoutCacheGivesRetryTime();
    void banIsHonoured();
    void staleAnswerWhileUpstreamIsDown();
    void timeoutEndsTheCall();
    void transientFailureIsRetried();
    void clientErrorIsNotRetried();
    void restrictedLocationNamesTheSetting();
    void budgetRefusesBeforeTheUpstreamLimit();
    void cancelAbortsTheOnlyWaiter();
    void cancelOfOneWaiterKeepsTheOthers();
    void healthAndStats();
};

void TestMarketResilience::fiftyConcurrentCallsMakeOneUpstreamRequest()
{
    MarketFixture f;
    f.binance.setDelay(200); // keep the first request in flight while the others arrive
    QList<int> ids;
    for (int i = 0; i < 50; ++i)
        ids << f.client->sendRequest(QStringLiteral("tools/call"), toolCall(QStringLiteral("BTCUSDT")));
    for (int id : ids)
        QVERIFY(f.client->waitForResponse(id, 20000));
    for (int id : ids) {
        const QJsonObject r = f.client->response(id).value(QStringLiteral("result")).toObject();
        QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
        QCOMPARE(structured(r).value(QStringLiteral("price")).toString(), QStringLiteral("67012.45000000"));
    }
    QCOMPARE(f.binanceRequests(kPrice), 1);
    QCOMPARE(f.binanceRequests(QStringLiteral("/api/v3/exchangeInfo")), 1);
    const QJsonObject price = f.stats()
                                  .value(QStringLiteral("providers"))
                                  .toObject()
                                  .value(QStringLiteral("binance"))
                                  .toObject()
                                  .value(QStringLiteral("endpoints"))
                                  .toObject()
                                  .value(QStringLiteral("ticker/price"))
                                  .toObject();
    QCOMPARE(price.value(QStringLiteral("requests")).toInt(), 1);
    QCOMPARE(price.value(QStringLiteral("coalesced")).toInt(), 49);
}

void TestMarketResilience::retryAfterIsHonoured()
{
    MarketFixture f;
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")))));
    QCOMPARE(f.binanceRequests(kPrice), 1);

    // Past the cache lifetime, Binance answers 429 with Retry-After: 2.
    f.advance(5000);
    f.binance.failNext(FakeUpstream::Failure::RateLimited429, 1, 2);
    QJsonObject r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")));
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QJsonObject s = structured(r);
    QVERIFY(s.value(QStringLiteral("stale")).toBool());
    QCOMPARE(s.value(QStringLiteral("cache_age_ms")).toInt(), 5000);
    QVERIFY2(s.value(QStringLiteral("stale_reason")).toString().contains(QStringLiteral("HTTP 429")),
        qPrintable(s.value(QStringLiteral("stale_reason")).toString()));
    QCOMPARE(f.binanceRequests(kPrice), 2);
    QCOMPARE(f.stat(QStringLiteral("binance"), QStringLiteral("rate_limited_429")), 1);

    // Inside the window nothing goes upstream; the cached answer is served, older.
    f.advance(1500);
    r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")));
    s = structured(r);
    QVERIFY(s.value(QStringLiteral("stale")).toBool());
    QCOMPARE(s.value(QStringLiteral("cache_age_ms")).toInt(), 6500);
    QCOMPARE(f.binanceRequests(kPrice), 2);

    // Once it has passed, requests resume and the answer is fresh again.
    f.advance(600);
    r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")));
    s = structured(r);
    QCOMPARE(s.value(QStringLiteral("stale")).toBool(true), false);
    QCOMPARE(s.value(QStringLiteral("cache_age_ms")).toInt(), 0);
    QCOMPARE(f.binanceRequests(kPrice), 3);
}

void TestMarketResilience::retryAfterWithoutCacheGivesRetryTime()
{
    MarketFixture f;
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")))));
    f.binance.failNext(FakeUpstream::Failure::RateLimited429, 1, 30);
    QJsonObject r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("ETHUSDT")));
    QVERIFY(isError(r));
    QCOMPARE(errorCode(r), QStringLiteral("upstream_rate_limited"));
    QCOMPARE(errorDetails(r).value(QStringLiteral("retry_after")).toInt(), 30);
    QVERIFY(errorMessage(r).contains(QStringLiteral("retry after 30 s")));
    QCOMPARE(f.binanceRequests(kPrice), 2);

    // Another symbol inside the window: refused without a request, with the time left.
    f.advance(10000);
    r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("SOLUSDT")));
    QCOMPARE(errorCode(r), QStringLiteral("upstream_rate_limited"));
    QCOMPARE(errorDetails(r).value(QStringLiteral("retry_after")).toInt(), 20);
    QVERIFY(!errorDetails(r).value(QStringLiteral("retry_at")).toString().isEmpty());
    QCOMPARE(f.binanceRequests(kPrice), 2);

    f.advance(20001);
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("SOLUSDT")))));
    QCOMPARE(f.binanceRequests(kPrice), 3);
}

void TestMarketResilience::banIsHonoured()
{
    MarketFixture f;
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")))));
    f.binance.failNext(FakeUpstream::Failure::Banned418, 1, 120);
    QJsonObject r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("ETHUSDT")));
    QCOMPARE(errorCode(r), QStringLiteral("upstream_banned"));
    QCOMPARE(errorDetails(r).value(QStringLiteral("retry_after")).toInt(), 120);
    f.advance(60000);
    r = f.call(QStringLiteral("get_ticker_24h"), spot(QStringLiteral("ETHUSDT")));
    QCOMPARE(errorCode(r), QStringLiteral("upstream_banned"));
    QCOMPARE(f.binance.requestCount(QStringLiteral("/api/v3/ticker/24hr")), 0);
    QCOMPARE(f.stat(QStringLiteral("binance"), QStringLiteral("banned_418")), 1);
}

void TestMarketResilience::staleAnswerWhileUpstreamIsDown()
{
    MarketFixture f;
    QVERIFY(!isError(f.call(QStringLiteral("get_ticker_24h"), spot(QStringLiteral("ETHUSDT")))));
    f.binance.setFailAlways(FakeUpstream::Failure::Unavailable503);
    f.advance(60000);
    const QJsonObject r = f.call(QStringLiteral("get_ticker_24h"), spot(QStringLiteral("ETHUSDT")));
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    const QJsonObject s = structured(r);
    QVERIFY(s.value(QStringLiteral("stale")).toBool());
    QCOMPARE(s.value(QStringLiteral("cache_age_ms")).toInt(), 60000);
    QVERIFY(s.value(QStringLiteral("stale_reason")).toString().contains(QStringLiteral("HTTP 503")));
    // One request, then the first attempt and two retries of the 503.
    QCOMPARE(f.binance.requestCount(QStringLiteral("/api/v3/ticker/24hr")), 4);

    // No cached answer for another symbol: a clear error.
    const QJsonObject other = f.call(QStringLiteral("get_ticker_24h"), spot(QStringLiteral("SOLUSDT")));
    QCOMPARE(errorCode(other), QStringLiteral("upstream_unavailable"));
    QVERIFY(errorMessage(other).contains(QStringLiteral("Try again")));
}

void TestMarketResilience::timeoutEndsTheCall()
{
    MarketFixture f({}, {{QStringLiteral("market.timeout_ms"), 300}});
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")))));
    f.binance.setHang(true);
    QElapsedTimer timer;
    timer.start();
    const QJsonObject r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("ETHUSDT")));
    QVERIFY(timer.elapsed() < 3000);
    QCOMPARE(errorCode(r), QStringLiteral("upstream_timeout"));
    QVERIFY(errorMessage(r).contains(QStringLiteral("300 ms")));
    QVERIFY(errorMessage(r).contains(QStringLiteral("market.timeout_ms")));
    // Not retried: a slow upstream is not made slower.
    QCOMPARE(f.binanceRequests(kPrice), 2);
}

void TestMarketResilience::transientFailureIsRetried()
{
    MarketFixture f;
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")))));
    f.binance.failNext(FakeUpstream::Failure::Unavailable503, 1);
    QJsonObject r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("ETHUSDT")));
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QCOMPARE(structured(r).value(QStringLiteral("stale")).toBool(true), false);
    QCOMPARE(f.binanceRequests(kPrice), 3);
    QCOMPARE(f.stat(QStringLiteral("binance"), QStringLiteral("retries")), 1);

    f.binance.failNext(FakeUpstream::Failure::ConnectionDrop, 1);
    r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("SOLUSDT")));
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QCOMPARE(f.binanceRequests(kPrice), 5);
}

void TestMarketResilience::clientErrorIsNotRetried()
{
    MarketFixture f;
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")))));
    // The symbol list (cached) still has ADAUSDT, but Binance no longer does: 400 -1121.
    f.binance.removeSymbol(QStringLiteral("ADAUSDT"));
    const QJsonObject r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("ADAUSDT")));
    QCOMPARE(errorCode(r), QStringLiteral("invalid_symbol"));
    QVERIFY(errorMessage(r).contains(QStringLiteral("Unknown symbol ADAUSDT")));
    QCOMPARE(errorDetails(r).value(QStringLiteral("upstream_code")).toInt(), -1121);
    QCOMPARE(errorDetails(r).value(QStringLiteral("http_status")).toInt(), 400);
    QCOMPARE(f.binanceRequests(kPrice), 2);
    QCOMPARE(f.stat(QStringLiteral("binance"), QStringLiteral("retries")), 0);
}

void TestMarketResilience::restrictedLocationNamesTheSetting()
{
    MarketFixture f;
    f.binance.failNext(FakeUpstream::Failure::Restricted451, 2);
    const QJsonObject r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")));
    QCOMPARE(errorCode(r), QStringLiteral("upstream_restricted_location"));
    QVERIFY2(errorMessage(r).startsWith(
                 QStringLiteral("Binance refuses requests from this location (HTTP 451). Set "
                                "market.binance_url (FINAGENT_BINANCE_URL) to a mirror you can "
                                "reach, e.g. https://data-api.binance.vision")),
        qPrintable(errorMessage(r)));
    // exchangeInfo and the price, each once: 451 is not retried.
    QCOMPARE(f.binance.requestCount(), 2);
}

void TestMarketResilience::budgetRefusesBeforeTheUpstreamLimit()
{
    MarketFixture f;
    // 100 weight per minute: FinAgent spends at most 80 (exchangeInfo 20, then 2 per price).
    f.service->setRateLimit(QStringLiteral("binance"), 100);
    int ok = 0;
    QJsonObject refused;
    for (int i = 0; i < 40 && refused.isEmpty(); ++i) {
        const QJsonObject r = f.call(QStringLiteral("get_klines"),
            {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")}, {QStringLiteral("limit"), i + 1}});
        if (isError(r))
            refused = r;
        else
            ++ok;
    }
    QCOMPARE(ok, 30);
    QCOMPARE(errorCode(refused), QStringLiteral("rate_budget_exhausted"));
    QVERIFY(errorMessage(refused).contains(QStringLiteral("Binance")));
    QVERIFY(errorDetails(refused).value(QStringLiteral("retry_after")).toInt() > 0);
    QCOMPARE(f.binance.requestCount(QStringLiteral("/api/v3/klines")), 30);
    // Cached answers are still served.
    QVERIFY(!isError(f.call(QStringLiteral("get_klines"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")}, {QStringLiteral("limit"), 1}})));
    // The next minute has a fresh budget.
    f.advance(60000);
    QVERIFY(!isError(f.call(QStringLiteral("get_klines"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")}, {QStringLiteral("limit"), 500}})));
}

void TestMarketResilience::cancelAbortsTheOnlyWaiter()
{
    MarketFixture f;
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")))));
    f.binance.setDelay(2000);
    const int id = f.client->sendRequest(QStringLiteral("tools/call"), toolCall(QStringLiteral("ETHUSDT")));
    QTRY_COMPARE(f.binanceRequests(kPrice), 2);
    f.client->notify(QStringLiteral("notifications/cancelled"),
        {{QStringLiteral("requestId"), id}, {QStringLiteral("reason"), QStringLiteral("user gave up")}});
    QTRY_COMPARE(f.stat(QStringLiteral("binance"), QStringLiteral("aborted")), 1);
    QCOMPARE(f.stats().value(QStringLiteral("in_flight")).toInt(), 0);
    QVERIFY(!f.client->hasResponse(id));

    // The service still works afterwards, and the aborted request left nothing cached.
    f.binance.setDelay(0);
    const QJsonObject r = f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("ETHUSDT")));
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QCOMPARE(f.binanceRequests(kPrice), 3);
    QVERIFY(!f.client->hasResponse(id));
}

void TestMarketResilience::cancelOfOneWaiterKeepsTheOthers()
{
    MarketFixture f;
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")))));
    f.binance.setDelay(500);
    const int first =
        f.client->sendRequest(QStringLiteral("tools/call"), toolCall(QStringLiteral("ETHUSDT")));
    const int second =
        f.client->sendRequest(QStringLiteral("tools/call"), toolCall(QStringLiteral("ETHUSDT")));
    QTRY_COMPARE(f.binanceRequests(kPrice), 2);
    f.client->notify(QStringLiteral("notifications/cancelled"), {{QStringLiteral("requestId"), first}});
    QVERIFY(f.client->waitForResponse(second, 10000));
    const QJsonObject r = f.client->response(second).value(QStringLiteral("result")).toObject();
    QCOMPARE(structured(r).value(QStringLiteral("price")).toString(), QStringLiteral("3456.78000000"));
    QVERIFY(!f.client->hasResponse(first));
    QCOMPARE(f.stat(QStringLiteral("binance"), QStringLiteral("aborted")), 0);
    QCOMPARE(f.binanceRequests(kPrice), 2);
}

void TestMarketResilience::healthAndStats()
{
    MarketFixture f;
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")))));
    QVERIFY(!isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("BTCUSDT")))));
    const QJsonObject binance =
        f.stats().value(QStringLiteral("providers")).toObject().value(QStringLiteral("binance")).toObject();
    QCOMPARE(binance.value(QStringLiteral("requests")).toInt(), 2); // exchangeInfo + price
    QVERIFY(binance.value(QStringLiteral("cache_hits")).toInt() >= 2);
    // The weight Binance reported (exchangeInfo 20 + price 2) is what the budget counts.
    QCOMPARE(binance.value(QStringLiteral("used_weight")).toInt(), 22);
    QCOMPARE(
        binance.value(QStringLiteral("budget")).toObject().value(QStringLiteral("limit_per_minute")).toInt(),
        6000);

    f.binance.failNext(FakeUpstream::Failure::Restricted451);
    QVERIFY(isError(f.call(QStringLiteral("get_spot_price"), spot(QStringLiteral("ETHUSDT")))));
    const QJsonObject health = f.service->health();
    const QJsonObject b = health.value(QStringLiteral("binance")).toObject();
    QCOMPARE(b.value(QStringLiteral("status")).toString(), QStringLiteral("failing"));
    QVERIFY(b.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("HTTP 451")));
    QVERIFY(b.contains(QStringLiteral("last_success")));
    const QJsonObject cg = health.value(QStringLiteral("coingecko")).toObject();
    QCOMPARE(cg.value(QStringLiteral("tier")).toString(), QStringLiteral("keyless"));
    QCOMPARE(cg.value(QStringLiteral("api_key_stored")).toBool(true), false);
}

QTEST_GUILESS_MAIN(TestMarketResilience)
#include "tst_marketresilience.moc"
