#include "market/technicalanalysis.h"

#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <functional>
#include <limits>

namespace
{

constexpr qint64 kBaseTime = 1'704'067'200'000LL; // 2024-01-01 00:00 UTC
constexpr qint64 kHour = 3'600'000LL;
constexpr double kPi = 3.14159265358979323846;

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9;
}

// Candles around a close path: each opens at the previous close and has a small wick either side.
QVector<Candle> candlesFor(const std::function<double(int)>& closeAt, int count)
{
    QVector<Candle> out;
    for (int i = 0; i < count; ++i) {
        Candle c;
        c.openTime = kBaseTime + i * kHour;
        c.closeTime = c.openTime + kHour - 1;
        c.close = closeAt(i);
        c.open = i == 0 ? c.close : out.last().close;
        c.high = std::max(c.open, c.close) + 0.3;
        c.low = std::min(c.open, c.close) - 0.3;
        c.volume = 10;
        out.append(c);
    }
    return out;
}

QVector<Candle> rising(int count)
{
    return candlesFor([](int i) { return 100.0 + i; }, count);
}

QVector<Candle> falling(int count)
{
    return candlesFor([](int i) { return 400.0 - i; }, count);
}

QVector<Candle> flatCandles(int count)
{
    QVector<Candle> out = candlesFor([](int) { return 100.0; }, count);
    for (Candle& c : out) {
        c.high = 101;
        c.low = 99;
    }
    return out;
}

QVector<Candle> wave(int count)
{
    return candlesFor([](int i) { return 100.0 + 5.0 * std::sin(2.0 * kPi * i / 20.0); }, count);
}

bool finiteOrAbsent(const std::optional<double>& v)
{
    return !v || std::isfinite(*v);
}

// Every number finite, no "nan"/"inf" in the text, a caveat and 2-4 sentences.
void verifyWellFormed(const TechnicalAnalysis& ta)
{
    QVERIFY(std::isfinite(ta.lastClose));
    for (const auto& v : {ta.sma20, ta.sma50, ta.sma200, ta.ema20, ta.ema50, ta.ema200, ta.rsi14, ta.atr14,
             ta.macd, ta.macdSignal, ta.macdHistogram, ta.bbUpper, ta.bbMiddle, ta.bbLower})
        QVERIFY(finiteOrAbsent(v));
    QVERIFY(ta.levels.size() <= 3);
    for (const Indicators::Level& level : ta.levels)
        QVERIFY(std::isfinite(level.price));

    const QRegularExpression notANumber(
        QStringLiteral("\\b(nan|inf)\\b"), QRegularExpression::CaseInsensitiveOption);
    QVERIFY2(!ta.summary.contains(notANumber), qPrintable(ta.summary));
    for (const QString& s : ta.signals_)
        QVERIFY2(!s.contains(notANumber), qPrintable(s));
    QVERIFY(ta.summary.contains(QStringLiteral("not financial advice")));

    const int sentences =
        static_cast<int>(ta.summary.count(QRegularExpression(QStringLiteral("\\.(\\s|$)"))));
    QVERIFY2(sentences >= 2 && sentences <= 4, qPrintable(ta.summary));
    QVERIFY(ta.trend == QLatin1String("uptrend") || ta.trend == QLatin1String("downtrend")
        || ta.trend == QLatin1String("sideways") || ta.trend == QLatin1String("insufficient_data"));
}

} // namespace

class TestTechnicalAnalysis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void risingSeriesIsUptrend();
    void fallingSeriesIsDowntrend();
    void flatSeriesIsSideways();
    void waveIsSideways();
    void thirtyCandlesNameWhatWasSkipped();
    void tooFewCandlesForATrend();
    void emptyInput();
    void fullHistoryHasNoNotes();
    void reportsRecentMacdCross();
    void usesBinanceCloseText();
    void nonFinitePricesStayOutOfTheResult();
};

void TestTechnicalAnalysis::risingSeriesIsUptrend()
{
    const TechnicalAnalysis ta = analyze(rising(120));
    verifyWellFormed(ta);
    QCOMPARE(ta.candleCount, 120);
    QCOMPARE(ta.lastClose, 219.0);
    QCOMPARE(ta.trend, QStringLiteral("uptrend"));
    QVERIFY(ta.sma20 && near(*ta.sma20, 209.5));
    QVERIFY(ta.signals_.contains(QStringLiteral("price above SMA20")));
    QVERIFY(ta.signals_.contains(QStringLiteral("price above SMA50")));
    QVERIFY(ta.signals_.contains(QStringLiteral("RSI 100.0: overbought")));
    QVERIFY2(ta.summary.contains(QStringLiteral("the trend is up:")), qPrintable(ta.summary));
    QVERIFY(ta.summary.contains(QStringLiteral("RSI(14) 100.0 (overbought)")));
}

void TestTechnicalAnalysis::fallingSeriesIsDowntrend()
{
    const TechnicalAnalysis ta = analyze(falling(120));
    verifyWellFormed(ta);
    QCOMPARE(ta.trend, QStringLiteral("downtrend"));
    QVERIFY(ta.signals_.contains(QStringLiteral("price below SMA20")));
    QVERIFY(ta.signals_.contains(QStringLiteral("RSI 0.0: oversold")));
}

void TestTechnicalAnalysis::flatSeriesIsSideways()
{
    const TechnicalAnalysis ta = analyze(flatCandles(120));
    verifyWellFormed(ta);
    QCOMPARE(ta.trend, QStringLiteral("sideways"));
    QVERIFY(ta.rsi14 && *ta.rsi14 == 50.0);
    QVERIFY(ta.atr14 && near(*ta.atr14, 2.0));
    QVERIFY(ta.signals_.contains(QStringLiteral("RSI 50.0: neutral")));
}

void TestTechnicalAnalysis::waveIsSideways()
{
    const TechnicalAnalysis ta = analyze(wave(120));
    verifyWellFormed(ta);
    QCOMPARE(ta.trend, QStringLiteral("sideways"));
    // Tops near 105 and bottoms near 95 make the levels.
    QVERIFY(!ta.levels.isEmpty());
    for (const Indicators::Level& level : ta.levels)
        QVERIFY2(std::abs(level.price - 105.3) < 1 || std::abs(level.price - 94.7) < 1,
            qPrintable(QString::number(level.price)));
}

void TestTechnicalAnalysis::thirtyCandlesNameWhatWasSkipped()
{
    const TechnicalAnalysis ta = analyze(rising(30));
    verifyWellFormed(ta);
    QCOMPARE(ta.trend, QStringLiteral("uptrend"));
    QVERIFY(ta.sma20 && ta.ema20 && ta.rsi14 && ta.atr14 && ta.macd && ta.bbMiddle);
    QVERIFY(!ta.sma50 && !ta.sma200 && !ta.ema50 && !ta.ema200 && !ta.macdSignal && !ta.macdHistogram);

    QVERIFY(ta.notes.contains(QStringLiteral("SMA200 needs 200 candles; got 30")));
    QVERIFY(ta.notes.contains(QStringLiteral("SMA50 needs 50 candles; got 30")));
    QVERIFY(ta.notes.contains(QStringLiteral("EMA200 needs 200 candles; got 30")));
    QVERIFY(ta.notes.contains(QStringLiteral("MACD signal needs 34 candles; got 30")));
    for (const QString& note : ta.notes)
        QVERIFY2(!note.startsWith(QStringLiteral("SMA20 ")) && !note.startsWith(QStringLiteral("RSI14")),
            qPrintable(note));

    QVERIFY2(
        ta.summary.contains(QStringLiteral("Skipped for lack of data (30 candles)")), qPrintable(ta.summary));
    QVERIFY(ta.summary.contains(QStringLiteral("SMA200 (needs 200)")));
    QVERIFY(ta.summary.contains(QStringLiteral("MACD signal (needs 34)")));
}

void TestTechnicalAnalysis::tooFewCandlesForATrend()
{
    const TechnicalAnalysis ta = analyze(rising(10));
    verifyWellFormed(ta);
    QCOMPARE(ta.trend, QStringLiteral("insufficient_data"));
    QVERIFY(ta.notes.contains(QStringLiteral("Trend needs 20 candles; got 10")));
    QVERIFY(ta.notes.contains(QStringLiteral("RSI14 needs 15 candles; got 10")));
    QVERIFY(!ta.rsi14 && !ta.atr14 && !ta.sma20);
    QVERIFY(ta.summary.contains(QStringLiteral("too few to call a trend")));
}

void TestTechnicalAnalysis::emptyInput()
{
    const TechnicalAnalysis ta = analyze({});
    verifyWellFormed(ta);
    QCOMPARE(ta.candleCount, 0);
    QCOMPARE(ta.lastClose, 0.0);
    QCOMPARE(ta.trend, QStringLiteral("insufficient_data"));
    QVERIFY(ta.levels.isEmpty() && ta.signals_.isEmpty());
    QVERIFY(!ta.notes.isEmpty());
}

void TestTechnicalAnalysis::fullHistoryHasNoNotes()
{
    const TechnicalAnalysis ta = analyze(rising(250));
    verifyWellFormed(ta);
    QVERIFY2(ta.notes.isEmpty(), qPrintable(ta.notes.join(QLatin1Char('|'))));
    QVERIFY(ta.sma200 && ta.ema200 && ta.macdSignal && ta.macdHistogram && ta.bbUpper && ta.bbLower);
    QVERIFY(!ta.summary.contains(QStringLiteral("Skipped")));
    QVERIFY(ta.signals_.contains(QStringLiteral("price above SMA200")));
}

void TestTechnicalAnalysis::reportsRecentMacdCross()
{
    // A long slide, then a turn upwards: find where the MACD histogram turns positive and stop two
    // candles after it.
    const auto path = [](int i) {
        return i < 80 ? 300.0 - i : 220.0 + 3.0 * (i - 80);
    };
    const QVector<Candle> all = candlesFor(path, 120);
    QVector<double> closes;
    for (const Candle& c : all)
        closes.append(c.close);
    const Indicators::Macd m = Indicators::macd(closes);
    int crossAt = -1;
    for (int i = 1; i < m.histogram.size(); ++i) {
        if (m.histogram[i - 1] && m.histogram[i] && *m.histogram[i - 1] <= 0 && *m.histogram[i] > 0) {
            crossAt = i;
            break;
        }
    }
    QVERIFY(crossAt > 80);

    const TechnicalAnalysis ta = analyze(all.mid(0, crossAt + 3));
    verifyWellFormed(ta);
    QVERIFY2(ta.signals_.contains(QStringLiteral("MACD crossed above signal 2 candles ago")),
        qPrintable(ta.signals_.join(QLatin1Char('|'))));

    const TechnicalAnalysis onLast = analyze(all.mid(0, crossAt + 1));
    QVERIFY(onLast.signals_.contains(QStringLiteral("MACD crossed above signal on the last candle")));
}

void TestTechnicalAnalysis::usesBinanceCloseText()
{
    QVector<Candle> candles = rising(40);
    candles.last().closeText = QStringLiteral("139.00000000");
    const TechnicalAnalysis ta = analyze(candles);
    QVERIFY2(ta.summary.contains(QStringLiteral("139.00000000")), qPrintable(ta.summary));
}

void TestTechnicalAnalysis::nonFinitePricesStayOutOfTheResult()
{
    QVector<Candle> candles = wave(80);
    candles[40].close = std::numeric_limits<double>::quiet_NaN();
    candles[41].high = std::numeric_limits<double>::infinity();
    const TechnicalAnalysis ta = analyze(candles);
    verifyWellFormed(ta);
    QVERIFY(!ta.notes.isEmpty());

    candles.last().close = std::numeric_limits<double>::quiet_NaN();
    const TechnicalAnalysis lastBad = analyze(candles);
    verifyWellFormed(lastBad);
    QCOMPARE(lastBad.lastClose, 0.0);
}

QTEST_APPLESS_MAIN(TestTechnicalAnalysis)
#include "tst_technicalanalysis.moc"
