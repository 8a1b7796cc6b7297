#include "market/candlepatterns.h"

#include <QTest>

namespace
{

// 2024-03-14 00:00 UTC; candles are one hour apart.
constexpr qint64 kBaseTime = 1'710'374'400'000LL;
constexpr qint64 kHour = 3'600'000LL;

Candle ohlc(double open, double high, double low, double close)
{
    Candle c;
    c.open = open;
    c.high = high;
    c.low = low;
    c.close = close;
    return c;
}

QVector<Candle> withTimes(QVector<Candle> candles)
{
    for (int i = 0; i < candles.size(); ++i) {
        candles[i].openTime = kBaseTime + i * kHour;
        candles[i].closeTime = candles[i].openTime + kHour - 1;
    }
    return candles;
}

// Six falling candles (closes 120 down to 105). Their bodies are a quarter of the range with
// equal shadows, so they form no pattern of their own.
QVector<Candle> decline()
{
    QVector<Candle> out;
    for (int k = 0; k < 6; ++k) {
        const double c = 120 - 3 * k;
        out.append(ohlc(c + 1, c + 2.5, c - 1.5, c));
    }
    return out;
}

// Six rising candles (closes 80 up to 95), shaped like decline()'s.
QVector<Candle> rise()
{
    QVector<Candle> out;
    for (int k = 0; k < 6; ++k) {
        const double c = 80 + 3 * k;
        out.append(ohlc(c - 1, c + 1.5, c - 2.5, c));
    }
    return out;
}

// Six candles closing at 100: no trend either way.
QVector<Candle> flat()
{
    return QVector<Candle>(6, ohlc(100.5, 102, 98, 100));
}

QList<PatternHit> named(const QList<PatternHit>& hits, const QString& name)
{
    QList<PatternHit> out;
    for (const PatternHit& h : hits) {
        if (h.name == name)
            out.append(h);
    }
    return out;
}

QList<PatternHit> detect(const QVector<Candle>& candles)
{
    return CandlePatterns::detect(withTimes(candles));
}

// Candle shapes used below; see each test for the numbers that matter.
const Candle kHammer = ohlc(104, 105.2, 101, 105); // lower shadow 3 = 3 x body, upper 0.2
const Candle kShootingStar = ohlc(96, 99, 94.8, 95); // upper shadow 3 = 3 x body, lower 0.2
const Candle kDoji = ohlc(100, 102, 98, 100.1); // body 0.1 of range 4
const Candle kSpinningTop = ohlc(100, 102, 98, 100.5); // body 0.5 of range 4: 12.5 %, not a doji

} // namespace

class TestCandlePatterns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyInput();
    void prefixesFormNoPattern();
    void doji();
    void hammerAfterDecline();
    void hammerNearMisses();
    void shootingStarAfterRise();
    void bullishEngulfing();
    void bearishEngulfing();
    void engulfingNearMisses();
    void morningStar();
    void eveningStar();
    void starNearMisses();
    void threeWhiteSoldiers();
    void threeBlackCrows();
    void soldiersNearMisses();
    void zeroRangeCandles();
    void hitsAreOrderedByLastIndex();
};

void TestCandlePatterns::emptyInput()
{
    QVERIFY(CandlePatterns::detect({}).isEmpty());
    QVERIFY(detect({kHammer}).isEmpty()); // one candle: no trend to reverse
}

void TestCandlePatterns::prefixesFormNoPattern()
{
    QVERIFY(detect(decline()).isEmpty());
    QVERIFY(detect(rise()).isEmpty());
    QVERIFY(detect(flat()).isEmpty());
}

void TestCandlePatterns::doji()
{
    const QList<PatternHit> hits = detect(flat() + QVector<Candle> {kDoji});
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].name, QStringLiteral("doji"));
    QCOMPARE(hits[0].direction, QStringLiteral("neutral"));
    QCOMPARE(hits[0].indices, QList<int> {6});
    QCOMPARE(hits[0].openTimes, QList<qint64> {kBaseTime + 6 * kHour});
    QVERIFY(hits[0].description.contains(QStringLiteral("2024-03-14 06:00 UTC")));

    QVERIFY(detect(flat() + QVector<Candle> {kSpinningTop}).isEmpty());
}

void TestCandlePatterns::hammerAfterDecline()
{
    const QList<PatternHit> hits = detect(decline() + QVector<Candle> {kHammer});
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].name, QStringLiteral("hammer"));
    QCOMPARE(hits[0].direction, QStringLiteral("bullish"));
    QCOMPARE(hits[0].indices, QList<int> {6});
    QCOMPARE(hits[0].openTimes, QList<qint64> {kBaseTime + 6 * kHour});
    QVERIFY2(hits[0].description.startsWith(QStringLiteral("Hammer at 2024-03-14 06:00 UTC after a decline")),
        qPrintable(hits[0].description));
}

void TestCandlePatterns::hammerNearMisses()
{
    // The same shape after a rise is a hanging man, not a hammer; without a trend it is nothing.
    QVERIFY(named(detect(rise() + QVector<Candle> {kHammer}), QStringLiteral("hammer")).isEmpty());
    QVERIFY(named(detect(flat() + QVector<Candle> {kHammer}), QStringLiteral("hammer")).isEmpty());
    // Too little history for a trend.
    QVERIFY(named(detect(decline().mid(3) + QVector<Candle> {kHammer}), QStringLiteral("hammer")).isEmpty());
    // Upper shadow 1.0 of range 5: more than 10 %.
    QVERIFY(detect(decline() + QVector<Candle> {ohlc(104, 106, 101, 105)}).isEmpty());
    // Lower shadow 1.5 is less than twice the body (1).
    QVERIFY(detect(decline() + QVector<Candle> {ohlc(104, 105.2, 102.5, 105)}).isEmpty());
}

void TestCandlePatterns::shootingStarAfterRise()
{
    const QList<PatternHit> hits = detect(rise() + QVector<Candle> {kShootingStar});
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].name, QStringLiteral("shooting_star"));
    QCOMPARE(hits[0].direction, QStringLiteral("bearish"));
    QCOMPARE(hits[0].indices, QList<int> {6});

    QVERIFY(detect(decline() + QVector<Candle> {kShootingStar}).isEmpty());
    QVERIFY(detect(flat() + QVector<Candle> {kShootingStar}).isEmpty());
}

void TestCandlePatterns::bullishEngulfing()
{
    const QVector<Candle> pair = {
        ohlc(105, 105.5, 102.5, 103), // bearish, body 2
        ohlc(102.8, 105.8, 102.6, 105.6), // bullish, body 2.8, opens below 103 and closes above 105
    };
    const QList<PatternHit> hits = detect(decline() + pair);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].name, QStringLiteral("bullish_engulfing"));
    QCOMPARE(hits[0].direction, QStringLiteral("bullish"));
    QCOMPARE(hits[0].indices, (QList<int> {6, 7}));
    QCOMPARE(hits[0].openTimes, (QList<qint64> {kBaseTime + 6 * kHour, kBaseTime + 7 * kHour}));

    // Crypto candles open at the previous close: equality still engulfs.
    const QVector<Candle> noGap = {ohlc(105, 105.5, 102.5, 103), ohlc(103, 105.8, 102.8, 105.6)};
    QCOMPARE(named(detect(decline() + noGap), QStringLiteral("bullish_engulfing")).size(), 1);
}

void TestCandlePatterns::bearishEngulfing()
{
    const QVector<Candle> pair = {
        ohlc(95, 97.5, 94.5, 97), // bullish, body 2
        ohlc(97.2, 97.4, 94.2, 94.4), // bearish, body 2.8
    };
    const QList<PatternHit> hits = detect(rise() + pair);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].name, QStringLiteral("bearish_engulfing"));
    QCOMPARE(hits[0].direction, QStringLiteral("bearish"));
    QCOMPARE(hits[0].indices, (QList<int> {6, 7}));
}

void TestCandlePatterns::engulfingNearMisses()
{
    // Closes at 104.9, below the previous open (105): the body is not engulfed.
    const QVector<Candle> shortClose = {ohlc(105, 105.5, 102.5, 103), ohlc(102.8, 105.2, 102.6, 104.9)};
    QVERIFY(named(detect(decline() + shortClose), QStringLiteral("bullish_engulfing")).isEmpty());
    // A bullish engulfing shape after a rise reverses nothing.
    const QVector<Candle> pair = {ohlc(105, 105.5, 102.5, 103), ohlc(102.8, 105.8, 102.6, 105.6)};
    QVERIFY(named(detect(rise() + pair), QStringLiteral("bullish_engulfing")).isEmpty());
    // Two bullish candles: the first must be bearish.
    const QVector<Candle> bothUp = {ohlc(103, 105.5, 102.5, 105), ohlc(102.8, 105.8, 102.6, 105.6)};
    QVERIFY(named(detect(decline() + bothUp), QStringLiteral("bullish_engulfing")).isEmpty());
}

void TestCandlePatterns::morningStar()
{
    const QVector<Candle> star = {
        ohlc(105, 105.5, 99.5, 100), // long bearish, body 5, midpoint 102.5
        ohlc(100, 101, 99, 100.5), // small star, body 0.5 <= 30 % of 5
        ohlc(100.5, 104.3, 100.3, 104), // long bullish closing above 102.5
    };
    const QList<PatternHit> hits = detect(decline() + star);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].name, QStringLiteral("morning_star"));
    QCOMPARE(hits[0].direction, QStringLiteral("bullish"));
    QCOMPARE(hits[0].indices, (QList<int> {6, 7, 8}));
    QCOMPARE(hits[0].openTimes.size(), 3);
    QCOMPARE(hits[0].openTimes.last(), kBaseTime + 8 * kHour);
}

void TestCandlePatterns::eveningStar()
{
    const QVector<Candle> star = {
        ohlc(95, 100.5, 94.5, 100), // long bullish, body 5, midpoint 97.5
        ohlc(100, 101, 99, 99.5), // small star
        ohlc(99.5, 99.7, 95.7, 96), // long bearish closing below 97.5
    };
    const QList<PatternHit> hits = detect(rise() + star);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].name, QStringLiteral("evening_star"));
    QCOMPARE(hits[0].direction, QStringLiteral("bearish"));
    QCOMPARE(hits[0].indices, (QList<int> {6, 7, 8}));
}

void TestCandlePatterns::starNearMisses()
{
    // Third candle closes at 102, not above the first body's midpoint (102.5).
    const QVector<Candle> weakClose = {
        ohlc(105, 105.5, 99.5, 100), ohlc(100, 101, 99, 100.5), ohlc(100.5, 102.3, 100.3, 102)};
    QVERIFY(named(detect(decline() + weakClose), QStringLiteral("morning_star")).isEmpty());
    // Middle body 2 is more than 30 % of the first (5): not a star.
    const QVector<Candle> bigStar = {
        ohlc(105, 105.5, 99.5, 100), ohlc(100, 102.5, 99.5, 102), ohlc(102, 104.3, 101.8, 104)};
    QVERIFY(named(detect(decline() + bigStar), QStringLiteral("morning_star")).isEmpty());
    // A morning star shape after a rise.
    const QVector<Candle> star = {
        ohlc(105, 105.5, 99.5, 100), ohlc(100, 101, 99, 100.5), ohlc(100.5, 104.3, 100.3, 104)};
    QVERIFY(named(detect(rise() + star), QStringLiteral("morning_star")).isEmpty());
}

void TestCandlePatterns::threeWhiteSoldiers()
{
    const QVector<Candle> soldiers = {
        ohlc(100, 103.3, 99.8, 103),
        ohlc(102, 105.8, 101.8, 105.5), // opens inside the previous body, closes higher
        ohlc(105, 108.7, 104.8, 108.5),
        ohlc(108, 111.6, 107.8, 111.4), // a fourth soldier does not start a second, overlapping hit
    };
    const QList<PatternHit> hits = detect(flat() + soldiers);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].name, QStringLiteral("three_white_soldiers"));
    QCOMPARE(hits[0].direction, QStringLiteral("bullish"));
    QCOMPARE(hits[0].indices, (QList<int> {6, 7, 8}));

    // After a decline they mark a turn; the first soldier also engulfs the last falling candle.
    const QVector<Candle> afterDecline = {
        ohlc(105, 108.3, 104.8, 108),
        ohlc(107, 110.8, 106.8, 110.5),
        ohlc(110, 113.7, 109.8, 113.5),
    };
    const QList<PatternHit> turn =
        named(detect(decline() + afterDecline), QStringLiteral("three_white_soldiers"));
    QCOMPARE(turn.size(), 1);
    QCOMPARE(turn[0].indices, (QList<int> {6, 7, 8}));
}

void TestCandlePatterns::threeBlackCrows()
{
    const QVector<Candle> crows = {
        ohlc(100, 100.2, 96.7, 97),
        ohlc(98, 98.2, 94.2, 94.5),
        ohlc(95, 95.2, 91.3, 91.5),
    };
    const QList<PatternHit> hits = detect(flat() + crows);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].name, QStringLiteral("three_black_crows"));
    QCOMPARE(hits[0].direction, QStringLiteral("bearish"));
    QCOMPARE(hits[0].indices, (QList<int> {6, 7, 8}));
}

void TestCandlePatterns::soldiersNearMisses()
{
    // Third candle opens at 106, above the second's close (105.5): outside its body.
    const QVector<Candle> gapUp = {
        ohlc(100, 103.3, 99.8, 103), ohlc(102, 105.8, 101.8, 105.5), ohlc(106, 109.7, 105.8, 109.5)};
    QVERIFY(named(detect(flat() + gapUp), QStringLiteral("three_white_soldiers")).isEmpty());
    // Second candle's body is 1 of range 4: not a long candle.
    const QVector<Candle> weak = {
        ohlc(100, 103.3, 99.8, 103), ohlc(102.5, 105.5, 101.5, 103.5), ohlc(103.4, 107, 103.2, 106.8)};
    QVERIFY(named(detect(flat() + weak), QStringLiteral("three_white_soldiers")).isEmpty());
    // Third crow closes 1.5 above its low with a range of 4: not near the low.
    const QVector<Candle> crowsWithTail = {
        ohlc(100, 100.2, 96.7, 97), ohlc(98, 98.2, 94.2, 94.5), ohlc(95, 95.2, 90.0, 91.5)};
    QVERIFY(named(detect(flat() + crowsWithTail), QStringLiteral("three_black_crows")).isEmpty());

    // In the middle of a rise (decline) a run of long candles is no signal.
    const QVector<Candle> soldiers = {
        ohlc(95, 98.3, 94.8, 98), ohlc(97, 100.8, 96.8, 100.5), ohlc(100, 103.7, 99.8, 103.5)};
    QVERIFY(named(detect(rise() + soldiers), QStringLiteral("three_white_soldiers")).isEmpty());
    const QVector<Candle> crows = {
        ohlc(105, 105.2, 101.7, 102), ohlc(103, 103.2, 99.2, 99.5), ohlc(100, 100.2, 96.3, 96.5)};
    QVERIFY(named(detect(decline() + crows), QStringLiteral("three_black_crows")).isEmpty());
    QCOMPARE(named(detect(flat() + crows), QStringLiteral("three_black_crows")).size(), 1);
}

void TestCandlePatterns::zeroRangeCandles()
{
    QVERIFY(detect(QVector<Candle>(20, ohlc(100, 100, 100, 100))).isEmpty());
    QVERIFY(detect(QVector<Candle>(5, ohlc(0, 0, 0, 0))).isEmpty());
    // A zero-range candle where a hammer would be.
    QVERIFY(detect(decline() + QVector<Candle> {ohlc(105, 105, 105, 105)}).isEmpty());
    // Zero-range candles around real patterns do not disturb them.
    const QList<PatternHit> hits = detect(decline() + QVector<Candle> {kHammer, ohlc(105, 105, 105, 105)});
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].name, QStringLiteral("hammer"));
}

void TestCandlePatterns::hitsAreOrderedByLastIndex()
{
    const QVector<Candle> candles = decline() + QVector<Candle> {kHammer} + flat() + QVector<Candle> {kDoji}
        + rise() + QVector<Candle> {kShootingStar};
    const QList<PatternHit> hits = detect(candles);
    QCOMPARE(hits.size(), 3);
    QCOMPARE(hits[0].name, QStringLiteral("hammer"));
    QCOMPARE(hits[1].name, QStringLiteral("doji"));
    QCOMPARE(hits[2].name, QStringLiteral("shooting_star"));
    for (int i = 1; i < hits.size(); ++i)
        QVERIFY(hits[i - 1].indices.last() <= hits[i].indices.last());
    for (const PatternHit& h : hits) {
        QVERIFY(!h.description.isEmpty());
        QCOMPARE(h.indices.size(), h.openTimes.size());
    }
}

QTEST_APPLESS_MAIN(TestCandlePatterns)
#include "tst_candlepatterns.moc"
