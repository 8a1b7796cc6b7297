// The client-side budgets, time arguments, cache lifetimes per interval and the USDT combination.
#include "market/klineinterval.h"
#include "market/markettime.h"
#include "market/ratebudget.h"
#include "market/usdtprice.h"

#include <QTest>

namespace
{
constexpr qint64 kMinute = 60000;
constexpr qint64 kT0 = 1717243200000; // 2024-06-01T12:00:00Z, on a minute boundary
} // namespace

class TestRateBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weightBudgetKeepsHeadroom();
    void weightBudgetFollowsTheHeader();
    void callsBudgetSlides();
    void blockHonoursRetryAfter();
    void timeArguments_data();
    void timeArguments();
    void badTimeArguments();
    void intervalLifetimes();
    void usdtCombination();
};

void TestRateBudget::weightBudgetKeepsHeadroom()
{
    RateBudget b(RateBudget::Kind::WeightPerMinute, 6000);
    QCOMPARE(b.allowance(), 4800);
    QCOMPARE(b.waitFor(20, kT0), 0);
    b.spend(4780, kT0 + 1000);
    QCOMPARE(b.waitFor(20, kT0 + 1000), 0);
    b.spend(20, kT0 + 1000);
    // Full until the UTC minute turns over.
    QCOMPARE(b.waitFor(2, kT0 + 1000), kMinute - 1000);
    QCOMPARE(b.used(kT0 + 59999), 4800);
    QCOMPARE(b.waitFor(2, kT0 + kMinute), 0);
    QCOMPARE(b.used(kT0 + kMinute), 0);
}

void TestRateBudget::weightBudgetFollowsTheHeader()
{
    RateBudget b(RateBudget::Kind::WeightPerMinute, 1000);
    b.spend(2, kT0);
    // Another program on this IP used most of the minute: Binance's count wins.
    b.observeUsedWeight(790, kT0 + 10);
    QCOMPARE(b.used(kT0 + 10), 790);
    QCOMPARE(b.waitFor(20, kT0 + 10), kMinute - 10);
    QCOMPARE(b.waitFor(10, kT0 + 10), 0);
    // A lower header (requests of ours still on the wire) does not lower our count.
    b.observeUsedWeight(100, kT0 + 20);
    QCOMPARE(b.used(kT0 + 20), 790);
}

void TestRateBudget::callsBudgetSlides()
{
    RateBudget b(RateBudget::Kind::CallsPerMinute, 10);
    QCOMPARE(b.allowance(), 8);
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(b.waitFor(1, kT0 + i * 1000), 0);
        b.spend(1, kT0 + i * 1000);
    }
    // The oldest call leaves the window 60 s after it was made.
    QCOMPARE(b.waitFor(1, kT0 + 10000), kMinute - 10000);
    QCOMPARE(b.waitFor(1, kT0 + kMinute + 1), 0);
    QCOMPARE(b.used(kT0 + kMinute + 1), 7);
    b.setLimit(500);
    QCOMPARE(b.allowance(), 400);
}

void TestRateBudget::blockHonoursRetryAfter()
{
    RateBudget b(RateBudget::Kind::WeightPerMinute, 6000);
    QVERIFY(!b.isBlocked(kT0));
    b.blockUntil(kT0 + 2000, QStringLiteral("upstream_rate_limited"), QStringLiteral("HTTP 429"));
    QVERIFY(b.isBlocked(kT0 + 1999));
    QVERIFY(!b.isBlocked(kT0 + 2000));
    // An earlier deadline never shortens a ban in force.
    b.blockUntil(kT0 + 1000, QStringLiteral("x"), QStringLiteral("y"));
    QCOMPARE(b.blockedUntil(), kT0 + 2000);
    QCOMPARE(b.blockCode(), QStringLiteral("upstream_rate_limited"));
    const QJsonObject json = b.toJson(kT0);
    QVERIFY(json.value(QStringLiteral("rate_limited")).toBool());
    QCOMPARE(
        json.value(QStringLiteral("blocked_until")).toString(), QStringLiteral("2024-06-01T12:00:02.000Z"));
}

void TestRateBudget::timeArguments_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("ms") << QJsonValue(1711929600000.0) << Q_INT64_C(1711929600000);
    QTest::newRow("seconds") << QJsonValue(1711929600.0) << Q_INT64_C(1711929600000);
    QTest::newRow("ms text") << QJsonValue(QStringLiteral("1711929600000")) << Q_INT64_C(1711929600000);
    QTest::newRow("date") << QJsonValue(QStringLiteral("2024-04-01")) << Q_INT64_C(1711929600000);
    QTest::newRow("utc") << QJsonValue(QStringLiteral("2024-04-01T00:00:00Z")) << Q_INT64_C(1711929600000);
    QTest::newRow("no zone is utc") << QJsonValue(QStringLiteral("2024-04-01T00:00:00"))
                                    << Q_INT64_C(1711929600000);
    QTest::newRow("offset") << QJsonValue(QStringLiteral("2024-04-01T08:00:00+08:00"))
                            << Q_INT64_C(1711929600000);
    QTest::newRow("millis") << QJsonValue(QStringLiteral("2024-04-01T00:00:00.250Z"))
                            << Q_INT64_C(1711929600250);
}

void TestRateBudget::timeArguments()
{
    QFETCH(QJsonValue, value);
    QFETCH(qint64, ms);
    const Result<qint64> r = MarketTime::parse(value, QStringLiteral("start_time"));
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QCOMPARE(r.value(), ms);
    QCOMPARE(MarketTime::iso(Q_INT64_C(1711929600250)), QStringLiteral("2024-04-01T00:00:00.250Z"));
}

void TestRateBudget::badTimeArguments()
{
    for (const QJsonValue& v : {QJsonValue(QStringLiteral("yesterday")), QJsonValue(-5.0), QJsonValue(1.5),
             QJsonValue(true), QJsonValue(QStringLiteral("2024-13-01"))}) {
        const Result<qint64> r = MarketTime::parse(v, QStringLiteral("end_time"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("invalid_time"));
        QVERIFY(r.error().message.startsWith(QStringLiteral("end_time must be")));
    }
}

void TestRateBudget::intervalLifetimes()
{
    QCOMPARE(KlineInterval::all().size(), 16);
    QVERIFY(KlineInterval::isValid(QStringLiteral("1M")));
    QVERIFY(!KlineInterval::isValid(QStringLiteral("1H")));
    QCOMPARE(KlineInterval::liveTtlMs(QStringLiteral("1m")), Q_INT64_C(5000));
    QCOMPARE(KlineInterval::liveTtlMs(QStringLiteral("1h")), Q_INT64_C(60000));
    QCOMPARE(KlineInterval::liveTtlMs(QStringLiteral("1d")), Q_INT64_C(300000));
    QVERIFY(KlineInterval::closedTtlMs() > KlineInterval::liveTtlMs(QStringLiteral("1M")));
    QCOMPARE(KlineInterval::durationMs(QStringLiteral("4h")), Q_INT64_C(14400000));
}

void TestRateBudget::usdtCombination()
{
    UsdtQuote a;
    a.source = QStringLiteral("coingecko");
    a.price = QStringLiteral("1.0002");
    UsdtQuote b;
    b.source = QStringLiteral("binance");
    b.price = QStringLiteral("0.99990001");
    UsdtPrice u = combineUsdtQuotes({a, b}, {}, QStringLiteral("0.005"), kT0);
    QCOMPARE(u.price, QStringLiteral("1.00005000"));
    QCOMPARE(u.spread, QStringLiteral("0.00029999"));
    QCOMPARE(u.deviation, QStringLiteral("0.00005000"));
    QVERIFY(!u.depegWarning);
    QVERIFY(u.summary.contains(QStringLiteral("no depeg")));

    a.price = QStringLiteral("0.99");
    b.price = QStringLiteral("0.99");
    u = combineUsdtQuotes({a, b}, {}, QStringLiteral("0.005"), kT0);
    QVERIFY(u.depegWarning);
    QCOMPARE(u.deviation, QStringLiteral("0.01000000"));
    // Exactly at the threshold is not past it.
    u = combineUsdtQuotes({a}, {}, QStringLiteral("0.01"), kT0);
    QVERIFY(!u.depegWarning);
}

QTEST_GUILESS_MAIN(TestRateBudget)
#include "tst_ratebudget.moc"
