#include "security/ratelimiter.h"

#include <QTest>

// The per-principal token bucket behind 429 answers.
class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenRefuse();
    void refillsAtTheSteadyRate();
    void keysAreIndependent();
    void zeroMeansUnlimited();
    void limitChangeKeepsTheFillLevel();
    void fullBucketsAreForgotten();
};

void TestRateLimiter::burstThenRefuse()
{
    RateLimiter limiter;
    for (int i = 0; i < 5; ++i)
        QVERIFY(limiter.take(QStringLiteral("token:ci"), 5, 1000).allowed);
    const RateLimiter::Verdict refused = limiter.take(QStringLiteral("token:ci"), 5, 1000);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterSeconds, 12); // one request every 12 s at 5 per minute
}

void TestRateLimiter::refillsAtTheSteadyRate()
{
    RateLimiter limiter;
    for (int i = 0; i < 60; ++i)
        QVERIFY(limiter.take(QStringLiteral("k"), 60, 0).allowed);
    QVERIFY(!limiter.take(QStringLiteral("k"), 60, 500).allowed);
    QCOMPARE(limiter.take(QStringLiteral("k"), 60, 500).retryAfterSeconds, 1);
    QVERIFY(limiter.take(QStringLiteral("k"), 60, 1000).allowed); // one per second
    QVERIFY(!limiter.take(QStringLiteral("k"), 60, 1000).allowed);
    QVERIFY(limiter.take(QStringLiteral("k"), 60, 3000).allowed);
    QVERIFY(limiter.take(QStringLiteral("k"), 60, 3000).allowed);
    QVERIFY(!limiter.take(QStringLiteral("k"), 60, 3000).allowed);
}

void TestRateLimiter::keysAreIndependent()
{
    RateLimiter limiter;
    QVERIFY(limiter.take(QStringLiteral("token:a"), 1, 0).allowed);
    QVERIFY(!limiter.take(QStringLiteral("token:a"), 1, 0).allowed);
    QVERIFY(limiter.take(QStringLiteral("jwt:a"), 1, 0).allowed);
    QVERIFY(limiter.take(QStringLiteral("token:b"), 1, 0).allowed);
}

void TestRateLimiter::zeroMeansUnlimited()
{
    RateLimiter limiter;
    for (int i = 0; i < 10000; ++i)
        QVERIFY(limiter.take(QStringLiteral("operator"), 0, 0).allowed);
    QCOMPARE(limiter.trackedKeys(), 0);
}

void TestRateLimiter::limitChangeKeepsTheFillLevel()
{
    RateLimiter limiter;
    for (int i = 0; i < 10; ++i)
        QVERIFY(limiter.take(QStringLiteral("k"), 100, 0).allowed); // 90 left
    QVERIFY(limiter.take(QStringLiteral("k"), 3, 0).allowed); // shrunk to 3, 2 left
    QVERIFY(limiter.take(QStringLiteral("k"), 3, 0).allowed);
    QVERIFY(limiter.take(QStringLiteral("k"), 3, 0).allowed);
    QVERIFY(!limiter.take(QStringLiteral("k"), 3, 0).allowed);
}

void TestRateLimiter::fullBucketsAreForgotten()
{
    RateLimiter limiter;
    for (int i = 0; i < 100; ++i)
        limiter.take(QStringLiteral("client-%1").arg(i), 10, 0);
    QCOMPARE(limiter.trackedKeys(), 100);
    limiter.take(QStringLiteral("late"), 10, 120000); // two minutes on: all full again
    QCOMPARE(limiter.trackedKeys(), 1);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
