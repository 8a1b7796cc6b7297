#include "market/indicators.h"

#include <QTest>

#include <cmath>
#include <limits>

using Indicators::Series;

namespace
{

// Published tables round to 2 decimals, so the exact result lies within 0.005 of each entry.
constexpr double kTwoDecimals = 0.006;

bool near(double a, double b, double tolerance)
{
    return std::abs(a - b) <= tolerance;
}

// Checks that `s` is undefined before `firstDefined` and matches `expected` from there on.
void verifySeries(const Series& s, int firstDefined, const QVector<double>& expected, double tolerance)
{
    QCOMPARE(s.size(), firstDefined + expected.size());
    for (int i = 0; i < firstDefined; ++i)
        QVERIFY2(!s[i].has_value(), qPrintable(QStringLiteral("index %1 should be undefined").arg(i)));
    for (int k = 0; k < expected.size(); ++k) {
        const int i = firstDefined + k;
        QVERIFY2(s[i].has_value(), qPrintable(QStringLiteral("index %1 should be defined").arg(i)));
        QVERIFY2(near(*s[i], expected[k], tolerance),
            qPrintable(QStringLiteral("index %1: got %2, expected %3")
                           .arg(i)
                           .arg(*s[i], 0, 'f', 6)
                           .arg(expected[k])));
    }
}

bool allUndefined(const Series& s)
{
    for (const auto& v : s) {
        if (v)
            return false;
    }
    return true;
}

bool allFinite(const Series& s)
{
    for (const auto& v : s) {
        if (v && !std::isfinite(*v))
            return false;
    }
    return true;
}

Candle hlc(double high, double low, double close, qint64 time = 0)
{
    Candle c;
    c.openTime = time;
    c.open = close;
    c.high = high;
    c.low = low;
    c.close = close;
    return c;
}

// StockCharts ChartSchool, "Moving Averages - Simple and Exponential", spreadsheet cs-movavg.xls:
// Intel (INTC) closes 24 Mar - 5 May 2010 with 10-day SMA and EMA.
const QVector<double> kIntelCloses = {22.2734, 22.1940, 22.0847, 22.1741, 22.1840, 22.1344, 22.2337, 22.4323,
    22.2436, 22.2933, 22.1542, 22.3926, 22.3816, 22.6109, 23.3558, 24.0519, 23.7530, 23.8324, 23.9516,
    23.6338, 23.8225, 23.8722, 23.6537, 23.1870, 23.0976, 23.3260, 22.6805, 23.0976, 22.4025, 22.1725};
const QVector<double> kIntelSma10 = {22.22, 22.21, 22.23, 22.26, 22.31, 22.42, 22.61, 22.77, 22.91, 23.08,
    23.21, 23.38, 23.53, 23.65, 23.71, 23.69, 23.61, 23.51, 23.43, 23.28, 23.13};
const QVector<double> kIntelEma10 = {22.22, 22.21, 22.24, 22.27, 22.33, 22.52, 22.80, 22.97, 23.13, 23.28,
    23.34, 23.43, 23.51, 23.54, 23.47, 23.40, 23.39, 23.26, 23.23, 23.08, 22.92};

// StockCharts ChartSchool, "Relative Strength Index (RSI)", spreadsheet cs-rsi.xls: QQQQ closes
// 14 Dec 2009 - 1 Feb 2010 and the 14-day RSI (Wilder's smoothing).
const QVector<double> kRsiCloses = {44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245,
    45.8433, 46.0826, 45.8931, 46.0328, 45.6140, 46.2820, 46.2820, 46.0028, 46.0328, 46.4116, 46.2222,
    45.6439, 46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672,
    43.4205, 42.6628, 43.1314};
const QVector<double> kRsi14 = {70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71,
    50.42, 39.99, 41.46, 41.87, 45.46, 37.30, 33.08, 37.77};

// StockCharts ChartSchool, "Bollinger Bands", spreadsheet cs-bollingerbands.xls: 20-day SMA and
// bands at 2 population standard deviations.
const QVector<double> kBollingerCloses = {86.16, 89.09, 88.78, 90.32, 89.07, 91.15, 89.44, 89.18, 86.93,
    87.68, 86.96, 89.43, 89.32, 88.72, 87.45, 87.26, 89.50, 87.90, 89.13, 90.70, 92.90, 92.98, 91.80, 92.66,
    92.68, 92.30, 92.77, 92.54, 92.95, 93.20, 91.07, 89.83, 89.74, 90.40, 90.74, 88.02, 88.09, 88.84, 90.78,
    90.54, 91.39, 90.65};
const QVector<double> kBollingerMiddle = {88.71, 89.05, 89.24, 89.39, 89.51, 89.69, 89.75, 89.91, 90.08,
    90.38, 90.66, 90.86, 90.88, 90.90, 90.99, 91.15, 91.19, 91.12, 91.17, 91.25, 91.24, 91.17, 91.05};
const QVector<double> kBollingerUpper = {91.29, 91.95, 92.61, 92.93, 93.31, 93.73, 93.90, 94.26, 94.56, 94.79,
    95.04, 94.91, 94.90, 94.89, 94.86, 94.67, 94.55, 94.68, 94.57, 94.53, 94.53, 94.37, 94.15};
const QVector<double> kBollingerLower = {86.12, 86.14, 85.87, 85.85, 85.70, 85.65, 85.59, 85.56, 85.60, 85.98,
    86.27, 86.82, 86.87, 86.91, 87.12, 87.63, 87.83, 87.56, 87.76, 87.97, 87.95, 87.96, 87.95};

// Invest Excel, "How to Calculate MACD in Excel" (investexcel.net, 2013): 12/26/9 MACD with both
// EMAs seeded by their SMA, computed to full precision in the published workbook.
const QVector<double> kMacdCloses = {459.99, 448.85, 446.06, 450.81, 442.80, 448.97, 444.57, 441.40, 430.47,
    420.05, 431.14, 425.66, 430.58, 431.72, 437.87, 428.43, 428.35, 432.50, 443.66, 455.72, 454.49, 452.08,
    452.73, 461.91, 463.58, 461.14, 452.08, 442.66, 428.91, 429.79, 431.99, 427.72, 423.20, 426.21, 426.98,
    435.69, 434.33, 429.80, 419.85, 426.24};

// StockCharts ChartSchool, "Average True Range (ATR)", spreadsheet cs-atr.xls: QQQQ 1 Apr -
// 13 May 2010 (high, low, close) and the 14-day ATR with Wilder's smoothing.
struct Hlc
{
    double high, low, close;
};
const QVector<Hlc> kAtrData = {
    {48.70, 47.790, 48.160},
    {48.72, 48.140, 48.610},
    {48.90, 48.390, 48.750},
    {48.87, 48.370, 48.630},
    {48.82, 48.240, 48.740},
    {49.05, 48.635, 49.030},
    {49.20, 48.940, 49.070},
    {49.35, 48.860, 49.320},
    {49.92, 49.500, 49.910},
    {50.19, 49.870, 50.130},
    {50.12, 49.200, 49.530},
    {49.66, 48.900, 49.500},
    {49.88, 49.430, 49.750},
    {50.19, 49.725, 50.030},
    {50.36, 49.260, 50.310},
    {50.57, 50.090, 50.520},
    {50.65, 50.300, 50.410},
    {50.43, 49.210, 49.340},
    {49.63, 48.980, 49.370},
    {50.33, 49.610, 50.230},
    {50.29, 49.200, 49.238},
    {50.17, 49.430, 49.930},
    {49.32, 48.080, 48.430},
    {48.50, 47.640, 48.180},
    {48.32, 41.550, 46.570},
    {46.80, 44.283, 45.410},
    {47.80, 47.310, 47.770},
    {48.39, 47.200, 47.720},
    {48.66, 47.900, 48.620},
    {48.79, 47.730, 47.850},
};
const QVector<double> kAtr14 = {
    0.56, 0.59, 0.59, 0.57, 0.62, 0.62, 0.64, 0.67, 0.69, 0.78, 0.78, 1.21, 1.30, 1.38, 1.37, 1.34, 1.32};

QVector<Candle> atrCandles()
{
    QVector<Candle> candles;
    for (const Hlc& row : kAtrData)
        candles.append(hlc(row.high, row.low, row.close));
    return candles;
}

} // namespace

class TestIndicators : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smaMatchesStockCharts();
    void emaMatchesStockCharts();
    void rsiMatchesStockCharts();
    void bollingerMatchesStockCharts();
    void macdMatchesInvestExcel();
    void atrMatchesStockCharts();

    void shorterThanPeriodIsUndefined();
    void emptyInput();
    void periodOne();
    void nonPositivePeriodIsUndefined();
    void rsiOfFlatSeriesIsFifty();
    void rsiOfOneSidedSeries();
    void atrOfConstantCandles();
    void bollingerOfFlatSeries();
    void nonFiniteInputNeverLeaksNaN();
    void lastTakesTheNewestPoint();

    void supportAndResistanceFromPivots();
    void supportAndResistanceEdgeCases();
};

void TestIndicators::smaMatchesStockCharts()
{
    verifySeries(Indicators::sma(kIntelCloses, 10), 9, kIntelSma10, kTwoDecimals);
}

void TestIndicators::emaMatchesStockCharts()
{
    verifySeries(Indicators::ema(kIntelCloses, 10), 9, kIntelEma10, kTwoDecimals);
}

void TestIndicators::rsiMatchesStockCharts()
{
    verifySeries(Indicators::rsi(kRsiCloses, 14), 14, kRsi14, kTwoDecimals);
}

void TestIndicators::bollingerMatchesStockCharts()
{
    const Indicators::Bollinger bb = Indicators::bollinger(kBollingerCloses, 20, 2.0);
    verifySeries(bb.middle, 19, kBollingerMiddle, kTwoDecimals);
    if (QTest::currentTestFailed())
        return;
    verifySeries(bb.upper, 19, kBollingerUpper, kTwoDecimals);
    if (QTest::currentTestFailed())
        return;
    verifySeries(bb.lower, 19, kBollingerLower, kTwoDecimals);
    if (QTest::currentTestFailed())
        return;

    // BandWidth and %B follow from the published bands of the first row (Bollinger's definitions):
    // (91.2919 - 86.1251) / 88.7085 and (90.70 - 86.1251) / (91.2919 - 86.1251).
    QVERIFY(bb.bandwidth[19] && near(*bb.bandwidth[19], 0.05824, 0.0001));
    QVERIFY(bb.percentB[19] && near(*bb.percentB[19], 0.8854, 0.0001));
    QVERIFY(!bb.bandwidth[18] && !bb.percentB[18]);
}

void TestIndicators::macdMatchesInvestExcel()
{
    const Indicators::Macd m = Indicators::macd(kMacdCloses, 12, 26, 9);
    QCOMPARE(m.macd.size(), kMacdCloses.size());
    QCOMPARE(m.signal.size(), kMacdCloses.size());
    QCOMPARE(m.histogram.size(), kMacdCloses.size());

    QVERIFY(!m.macd[24]);
    QVERIFY(m.macd[25] && near(*m.macd[25], 8.275269504, 1e-6));
    QVERIFY(m.macd[31] && near(*m.macd[31], 0.102981491, 1e-6));
    QVERIFY(m.macd[34] && near(*m.macd[34], -2.621842328, 1e-6));

    QVERIFY(!m.signal[32]);
    QVERIFY(!m.histogram[32]);
    QVERIFY(m.signal[33] && near(*m.signal[33], 3.037525869, 1e-6));
    QVERIFY(m.signal[34] && near(*m.signal[34], 1.905652229, 1e-6));
    QVERIFY(m.signal[39] && near(*m.signal[39], -1.338100413, 1e-6));
    QVERIFY(m.histogram[34] && near(*m.histogram[34], -4.527494558, 1e-6));
}

void TestIndicators::atrMatchesStockCharts()
{
    const QVector<Candle> candles = atrCandles();
    const Series tr = Indicators::trueRange(candles);
    QCOMPARE(tr.size(), candles.size());
    // First row has no previous close: high - low. Row 9 is a |high - previous close| case,
    // row 11 a |low - previous close| case, as in the spreadsheet.
    QVERIFY(tr[0] && near(*tr[0], 0.91, 1e-9));
    QVERIFY(tr[8] && near(*tr[8], 0.60, 1e-9));
    QVERIFY(tr[10] && near(*tr[10], 0.93, 1e-9));

    verifySeries(Indicators::atr(candles, 14), 13, kAtr14, kTwoDecimals);
}

void TestIndicators::shorterThanPeriodIsUndefined()
{
    const QVector<double> three = {1, 2, 3};
    QVERIFY(Indicators::sma(three, 5).size() == 3 && allUndefined(Indicators::sma(three, 5)));
    QVERIFY(Indicators::ema(three, 5).size() == 3 && allUndefined(Indicators::ema(three, 5)));
    const Indicators::Bollinger bb = Indicators::bollinger(three, 5);
    QVERIFY(allUndefined(bb.middle) && allUndefined(bb.upper) && allUndefined(bb.lower));
    QVERIFY(allUndefined(bb.bandwidth) && allUndefined(bb.percentB));
    QCOMPARE(bb.middle.size(), 3);

    // RSI needs period changes, i.e. period + 1 closes.
    const QVector<double> fourteen = kRsiCloses.mid(0, 14);
    const Series r = Indicators::rsi(fourteen, 14);
    QCOMPARE(r.size(), 14);
    QVERIFY(allUndefined(r));
    QVERIFY(Indicators::rsi(kRsiCloses.mid(0, 15), 14)[14].has_value());

    const QVector<Candle> thirteen = atrCandles().mid(0, 13);
    QVERIFY(allUndefined(Indicators::atr(thirteen, 14)));
    QCOMPARE(Indicators::atr(thirteen, 14).size(), 13);

    // 30 closes: the MACD line exists from index 25, the signal needs 34.
    const Indicators::Macd m = Indicators::macd(kMacdCloses.mid(0, 30));
    QVERIFY(!m.macd[24] && m.macd[25] && m.macd[29]);
    QVERIFY(allUndefined(m.signal) && allUndefined(m.histogram));
}

void TestIndicators::emptyInput()
{
    const QVector<double> none;
    QVERIFY(Indicators::sma(none, 10).isEmpty());
    QVERIFY(Indicators::ema(none, 10).isEmpty());
    QVERIFY(Indicators::rsi(none).isEmpty());
    const Indicators::Macd m = Indicators::macd(none);
    QVERIFY(m.macd.isEmpty() && m.signal.isEmpty() && m.histogram.isEmpty());
    const Indicators::Bollinger bb = Indicators::bollinger(none);
    QVERIFY(bb.middle.isEmpty() && bb.upper.isEmpty() && bb.lower.isEmpty() && bb.percentB.isEmpty());
    QVERIFY(Indicators::trueRange({}).isEmpty());
    QVERIFY(Indicators::atr({}).isEmpty());
    QVERIFY(Indicators::supportResistance({}).isEmpty());
    QVERIFY(!Indicators::last({}).has_value());
}

void TestIndicators::periodOne()
{
    const QVector<double> values = {3, 5, 4, 4, 9};
    const Series s = Indicators::sma(values, 1);
    const Series e = Indicators::ema(values, 1);
    for (int i = 0; i < values.size(); ++i) {
        QVERIFY(s[i] && *s[i] == values[i]);
        QVERIFY(e[i] && near(*e[i], values[i], 1e-12));
    }

    // One change per value: up is 100, down is 0, no change is 50.
    const Series r = Indicators::rsi(values, 1);
    QVERIFY(!r[0]);
    QCOMPARE(*r[1], 100.0);
    QCOMPARE(*r[2], 0.0);
    QCOMPARE(*r[3], 50.0);
    QCOMPARE(*r[4], 100.0);

    const Indicators::Bollinger bb = Indicators::bollinger(values, 1);
    QVERIFY(bb.middle[0] && *bb.middle[0] == 3 && *bb.upper[0] == 3 && *bb.lower[0] == 3);
    QVERIFY(bb.bandwidth[0] && *bb.bandwidth[0] == 0);
    QVERIFY(!bb.percentB[0]);

    const QVector<Candle> candles = atrCandles();
    const Series tr = Indicators::trueRange(candles);
    const Series a = Indicators::atr(candles, 1);
    for (int i = 0; i < candles.size(); ++i)
        QVERIFY(a[i] && near(*a[i], *tr[i], 1e-12));
}

void TestIndicators::nonPositivePeriodIsUndefined()
{
    for (int period : {0, -3}) {
        QVERIFY(allUndefined(Indicators::sma(kIntelCloses, period)));
        QVERIFY(allUndefined(Indicators::ema(kIntelCloses, period)));
        QVERIFY(allUndefined(Indicators::rsi(kIntelCloses, period)));
        QVERIFY(allUndefined(Indicators::bollinger(kIntelCloses, period).middle));
        QVERIFY(allUndefined(Indicators::atr(atrCandles(), period)));
        QVERIFY(allUndefined(Indicators::macd(kMacdCloses, period, 26, 9).macd));
        QVERIFY(allUndefined(Indicators::macd(kMacdCloses, 12, 26, period).signal));
    }
}

void TestIndicators::rsiOfFlatSeriesIsFifty()
{
    const QVector<double> flat(40, 101.25);
    const Series r = Indicators::rsi(flat, 14);
    QCOMPARE(r.size(), 40);
    QVERIFY(!r[13]);
    for (int i = 14; i < r.size(); ++i)
        QCOMPARE(*r[i], 50.0);
}

void TestIndicators::rsiOfOneSidedSeries()
{
    QVector<double> up;
    QVector<double> down;
    for (int i = 0; i < 30; ++i) {
        up.append(100 + i);
        down.append(100 - i);
    }
    QCOMPARE(*Indicators::last(Indicators::rsi(up)), 100.0);
    QCOMPARE(*Indicators::last(Indicators::rsi(down)), 0.0);
}

void TestIndicators::atrOfConstantCandles()
{
    QVector<Candle> still(20, hlc(100, 100, 100));
    for (const auto& v : Indicators::atr(still, 14).mid(13))
        QVERIFY(v && *v == 0.0);

    // Same range every candle and no gaps: ATR equals that range.
    QVector<Candle> steady(20, hlc(101, 99, 100));
    for (const auto& v : Indicators::atr(steady, 14).mid(13))
        QVERIFY(v && near(*v, 2.0, 1e-12));
}

void TestIndicators::bollingerOfFlatSeries()
{
    const QVector<double> flat(25, 0.1);
    const Indicators::Bollinger bb = Indicators::bollinger(flat, 20);
    for (int i = 19; i < flat.size(); ++i) {
        QVERIFY(bb.middle[i] && near(*bb.middle[i], 0.1, 1e-12));
        QVERIFY(near(*bb.upper[i], 0.1, 1e-12) && near(*bb.lower[i], 0.1, 1e-12));
        QVERIFY(bb.bandwidth[i] && near(*bb.bandwidth[i], 0.0, 1e-9));
        QVERIFY2(!bb.percentB[i], "%B is undefined when the bands touch");
    }
    const Indicators::Bollinger zero = Indicators::bollinger(QVector<double>(20, 0.0), 20);
    QVERIFY(zero.middle[19] && *zero.middle[19] == 0.0);
    QVERIFY(!zero.bandwidth[19] && !zero.percentB[19]);
}

void TestIndicators::nonFiniteInputNeverLeaksNaN()
{
    QVector<double> closes = kMacdCloses;
    closes[30] = std::numeric_limits<double>::quiet_NaN();
    closes[35] = std::numeric_limits<double>::infinity();

    const Series s = Indicators::sma(closes, 10);
    QVERIFY(allFinite(s));
    QVERIFY(s[29] && !s[30] && !s[39]);
    QVERIFY(allFinite(Indicators::ema(closes, 10)));
    QVERIFY(allFinite(Indicators::rsi(closes, 14)));
    const Indicators::Macd m = Indicators::macd(closes);
    QVERIFY(allFinite(m.macd) && allFinite(m.signal) && allFinite(m.histogram));
    QVERIFY(m.macd[29] && !m.macd[30]);
    const Indicators::Bollinger bb = Indicators::bollinger(closes, 20);
    QVERIFY(allFinite(bb.middle) && allFinite(bb.upper) && allFinite(bb.lower));
    QVERIFY(allFinite(bb.bandwidth) && allFinite(bb.percentB));

    QVector<Candle> candles = atrCandles();
    candles[20].high = std::numeric_limits<double>::quiet_NaN();
    const Series a = Indicators::atr(candles, 14);
    QVERIFY(allFinite(a));
    QVERIFY(a[19] && !a[20]);
    QVERIFY(allFinite(Indicators::trueRange(candles)));
    for (const Indicators::Level& level : Indicators::supportResistance(candles, 10))
        QVERIFY(std::isfinite(level.price));
}

void TestIndicators::lastTakesTheNewestPoint()
{
    QCOMPARE(*Indicators::last(Series {1.0, 2.0, 3.0}), 3.0);
    QVERIFY(!Indicators::last(Series {1.0, std::nullopt}).has_value());
    QVERIFY(!Indicators::last(Series(5)).has_value());
}

void TestIndicators::supportAndResistanceFromPivots()
{
    // A range market: closes zigzag between about 90 and 110 (period 10), with slightly different
    // highs at each top and lows at each bottom, and the series ends at 101.
    const QVector<double> peakHighs = {110.5, 110.3, 110.6};
    const QVector<double> troughLows = {89.5, 89.7, 89.4};
    QVector<Candle> candles;
    for (int i = 0; i < 33; ++i) {
        const int phase = i % 10;
        const double close = phase <= 5 ? 90 + 4 * phase : 110 - 4 * (phase - 5);
        Candle c = hlc(close + 0.5, close - 0.5, close, 1'700'000'000'000LL + i * 3'600'000LL);
        c.open = close;
        if (phase == 5)
            c.high = peakHighs[i / 10];
        if (phase == 0 && i > 0)
            c.low = troughLows[i / 10 - 1];
        candles.append(c);
    }
    candles.last().close = 101;
    candles.last().high = 101.5;

    const QList<Indicators::Level> levels = Indicators::supportResistance(candles, 3);
    QVERIFY(levels.size() >= 2);
    // Nearest to the last close (101) first: resistance near 110.47, then support near 89.53.
    QCOMPARE(levels[0].kind, QStringLiteral("resistance"));
    QVERIFY2(near(levels[0].price, (110.5 + 110.3 + 110.6) / 3, 1e-9),
        qPrintable(QString::number(levels[0].price)));
    QCOMPARE(levels[0].touches, 3);
    QCOMPARE(levels[0].lastTouchTime, candles[25].openTime);
    QCOMPARE(levels[1].kind, QStringLiteral("support"));
    QVERIFY(near(levels[1].price, (89.5 + 89.7 + 89.4) / 3, 1e-9));
    QCOMPARE(levels[1].touches, 3);
    QCOMPARE(levels[1].lastTouchTime, candles[30].openTime);

    const QList<Indicators::Level> one = Indicators::supportResistance(candles, 1);
    QCOMPARE(one.size(), 1);
    QCOMPARE(one[0].kind, QStringLiteral("resistance"));
}

void TestIndicators::supportAndResistanceEdgeCases()
{
    const QVector<Candle> candles = atrCandles();
    QVERIFY(Indicators::supportResistance(candles, 0).isEmpty());
    QVERIFY(
        Indicators::supportResistance(candles.mid(0, 4)).isEmpty()); // no candle has two neighbours each side
    QVERIFY(Indicators::supportResistance(QVector<Candle>(30, hlc(5, 5, 5))).isEmpty()); // flat: no pivots

    // Levels are sorted by distance to the last close and never more than asked for.
    const QList<Indicators::Level> levels = Indicators::supportResistance(candles, 10);
    QVERIFY(!levels.isEmpty() && levels.size() <= 10);
    const double lastClose = candles.last().close;
    for (int i = 1; i < levels.size(); ++i)
        QVERIFY(std::abs(levels[i - 1].price - lastClose) <= std::abs(levels[i].price - lastClose));
    for (const Indicators::Level& level : levels) {
        QVERIFY(level.touches >= 1);
        QCOMPARE(
            level.kind, level.price > lastClose ? QStringLiteral("resistance") : QStringLiteral("support"));
    }
}

QTEST_APPLESS_MAIN(TestIndicators)
#include "tst_indicators.moc"
