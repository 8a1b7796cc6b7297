#include "market/technicalanalysis.h"

#include <algorithm>
#include <cmath>

namespace
{

// Fewest candles for a trend call: SMA20 must exist.
constexpr int kMinTrendCandles = 20;
// Closes fitted by the trend regression (fewer when fewer candles were given).
constexpr int kTrendWindow = 50;
// The fitted move over the window must exceed this many ATR(14)s to count as a trend.
constexpr double kTrendMoveAtr = 2.0;
// Crossovers (MACD/signal, SMA50/SMA200) older than this many candles are not reported.
constexpr int kCrossLookback = 5;
// RSI at or above this reads as overbought.
constexpr double kRsiOverbought = 70.0;
// RSI at or below this reads as oversold.
constexpr double kRsiOversold = 30.0;
// Levels named in the summary.
constexpr int kSummaryLevels = 3;

// Enough digits for any coin: 2 decimals for large prices, about 5 significant digits for small
// ones, never exponent notation and no trailing zeros.
QString formatNumber(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("n/a");
    if (v == 0.0)
        return QStringLiteral("0");
    const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(v))));
    const int decimals = std::clamp(4 - magnitude, 2, 12);
    QString s = QString::number(v, 'f', decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

QString plural(int count, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? one : many);
}

// Candles ago of the newest sign change of `diff` within kCrossLookback candles: +1 means it
// crossed from <= 0 to > 0 (above), -1 the opposite; 0 when no recent cross.
struct Cross
{
    int direction = 0;
    int candlesAgo = 0;
};

Cross recentCross(const Indicators::Series& diff)
{
    const int n = static_cast<int>(diff.size());
    for (int j = n - 1; j >= 1 && j >= n - kCrossLookback; --j) {
        if (!diff[j] || !diff[j - 1])
            break;
        if (*diff[j - 1] <= 0 && *diff[j] > 0)
            return {1, n - 1 - j};
        if (*diff[j - 1] >= 0 && *diff[j] < 0)
            return {-1, n - 1 - j};
    }
    return {};
}

QString agoText(int candlesAgo)
{
    if (candlesAgo == 0)
        return QStringLiteral("on the last candle");
    return QStringLiteral("%1 ago").arg(
        plural(candlesAgo, QStringLiteral("candle"), QStringLiteral("candles")));
}

// Least-squares move of the closes over the window: slope times (points - 1).
double regressionMove(const QVector<double>& closes, int window)
{
    const int n = static_cast<int>(closes.size());
    const int m = std::min(n, window);
    if (m < 2)
        return 0;
    const int start = n - m;
    const double xMean = (m - 1) / 2.0;
    double yMean = 0;
    for (int i = 0; i < m; ++i)
        yMean += closes[start + i];
    yMean /= m;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < m; ++i) {
        const double dx = i - xMean;
        sxy += dx * (closes[start + i] - yMean);
        sxx += dx * dx;
    }
    return sxy / sxx * (m - 1);
}

struct Requirement
{
    QString name;
    int needed;
    bool present;
};

} // namespace

TechnicalAnalysis analyze(const QVector<Candle>& candles)
{
    TechnicalAnalysis ta;
    const int n = static_cast<int>(candles.size());
    ta.candleCount = n;
    if (n == 0) {
        ta.trend = QStringLiteral("insufficient_data");
        ta.notes << QStringLiteral("No candles were given; fetch klines first.");
        ta.summary = QStringLiteral("No candles were given, so no indicator could be computed. "
                                    "This is a mechanical technical reading, not financial advice.");
        return ta;
    }

    QVector<double> closes;
    closes.reserve(n);
    bool allFinite = true;
    for (const Candle& c : candles) {
        closes.append(c.close);
        if (!std::isfinite(c.open) || !std::isfinite(c.high) || !std::isfinite(c.low)
            || !std::isfinite(c.close))
            allFinite = false;
    }
    const double lastClose = candles.last().close;
    ta.lastClose = std::isfinite(lastClose) ? lastClose : 0.0;

    using Indicators::last;
    const Indicators::Series sma20 = Indicators::sma(closes, 20);
    const Indicators::Series sma50 = Indicators::sma(closes, 50);
    const Indicators::Series sma200 = Indicators::sma(closes, 200);
    ta.sma20 = last(sma20);
    ta.sma50 = last(sma50);
    ta.sma200 = last(sma200);
    ta.ema20 = last(Indicators::ema(closes, 20));
    ta.ema50 = last(Indicators::ema(closes, 50));
    ta.ema200 = last(Indicators::ema(closes, 200));
    ta.rsi14 = last(Indicators::rsi(closes, 14));
    ta.atr14 = last(Indicators::atr(candles, 14));
    const Indicators::Macd macd = Indicators::macd(closes, 12, 26, 9);
    ta.macd = last(macd.macd);
    ta.macdSignal = last(macd.signal);
    ta.macdHistogram = last(macd.histogram);
    const Indicators::Bollinger bb = Indicators::bollinger(closes, 20, 2.0);
    ta.bbUpper = last(bb.upper);
    ta.bbMiddle = last(bb.middle);
    ta.bbLower = last(bb.lower);
    ta.levels = Indicators::supportResistance(candles, kSummaryLevels);

    // Notes: what could not be computed, and why.
    const QList<Requirement> requirements = {
        {QStringLiteral("SMA20"), 20, ta.sma20.has_value()},
        {QStringLiteral("SMA50"), 50, ta.sma50.has_value()},
        {QStringLiteral("SMA200"), 200, ta.sma200.has_value()},
        {QStringLiteral("EMA20"), 20, ta.ema20.has_value()},
        {QStringLiteral("EMA50"), 50, ta.ema50.has_value()},
        {QStringLiteral("EMA200"), 200, ta.ema200.has_value()},
        {QStringLiteral("RSI14"), 15, ta.rsi14.has_value()},
        {QStringLiteral("ATR14"), 14, ta.atr14.has_value()},
        {QStringLiteral("MACD"), 26, ta.macd.has_value()},
        {QStringLiteral("MACD signal"), 34, ta.macdSignal.has_value()},
        {QStringLiteral("Bollinger Bands"), 20, ta.bbMiddle.has_value()},
    };
    QStringList skipped;
    for (const Requirement& r : requirements) {
        if (r.present)
            continue;
        if (n < r.needed) {
            ta.notes << QStringLiteral("%1 needs %2 candles; got %3").arg(r.name).arg(r.needed).arg(n);
            skipped << QStringLiteral("%1 (needs %2)").arg(r.name).arg(r.needed);
        } else {
            ta.notes << QStringLiteral("%1 could not be computed: some candle prices are not finite numbers")
                            .arg(r.name);
            skipped << QStringLiteral("%1 (bad prices)").arg(r.name);
        }
    }
    if (!allFinite)
        ta.notes << QStringLiteral("Some candles have prices that are not finite numbers; values that "
                                   "depend on them were left out.");

    // Trend: a regression move larger than the usual candle range, confirmed by the moving averages.
    QString trendReason;
    if (n < kMinTrendCandles || !ta.sma20 || !ta.atr14 || !std::isfinite(lastClose)) {
        ta.trend = QStringLiteral("insufficient_data");
        if (n < kMinTrendCandles)
            ta.notes << QStringLiteral("Trend needs %1 candles; got %2").arg(kMinTrendCandles).arg(n);
    } else {
        const double move = regressionMove(closes, kTrendWindow);
        const int window = std::min(n, kTrendWindow);
        const double threshold = std::max(kTrendMoveAtr * *ta.atr14, 1e-9 * std::abs(lastClose));
        const bool aboveAverages = lastClose > *ta.sma20 && (!ta.sma50 || *ta.sma20 > *ta.sma50);
        const bool belowAverages = lastClose < *ta.sma20 && (!ta.sma50 || *ta.sma20 < *ta.sma50);
        const QString averages = ta.sma50 ? QStringLiteral("SMA20 and SMA50") : QStringLiteral("SMA20");
        if (std::isfinite(move) && move > threshold && aboveAverages) {
            ta.trend = QStringLiteral("uptrend");
            trendReason =
                QStringLiteral("closes rose about %1 over the last %2 candles and price is above %3")
                    .arg(formatNumber(move))
                    .arg(window)
                    .arg(averages);
        } else if (std::isfinite(move) && move < -threshold && belowAverages) {
            ta.trend = QStringLiteral("downtrend");
            trendReason =
                QStringLiteral("closes fell about %1 over the last %2 candles and price is below %3")
                    .arg(formatNumber(-move))
                    .arg(window)
                    .arg(averages);
        } else {
            ta.trend = QStringLiteral("sideways");
            trendReason = QStringLiteral("the net move over the last %1 candles is small against the "
                                         "average range or the moving averages disagree")
                              .arg(window);
        }
    }

    // Signals.
    if (ta.rsi14) {
        const double r = *ta.rsi14;
        const QString value = QString::number(r, 'f', 1);
        if (r >= kRsiOverbought)
            ta.signals_ << QStringLiteral("RSI %1: overbought").arg(value);
        else if (r <= kRsiOversold)
            ta.signals_ << QStringLiteral("RSI %1: oversold").arg(value);
        else
            ta.signals_ << QStringLiteral("RSI %1: neutral").arg(value);
    }
    if (ta.macdHistogram) {
        const Cross cross = recentCross(macd.histogram);
        if (cross.direction > 0)
            ta.signals_ << QStringLiteral("MACD crossed above signal %1").arg(agoText(cross.candlesAgo));
        else if (cross.direction < 0)
            ta.signals_ << QStringLiteral("MACD crossed below signal %1").arg(agoText(cross.candlesAgo));
        else
            ta.signals_ << (*ta.macdHistogram > 0 ? QStringLiteral("MACD above signal")
                                                  : QStringLiteral("MACD below signal"));
    }
    if (std::isfinite(lastClose)) {
        const QList<std::pair<QString, std::optional<double>>> averages = {
            {QStringLiteral("SMA20"), ta.sma20},
            {QStringLiteral("SMA50"), ta.sma50},
            {QStringLiteral("SMA200"), ta.sma200},
        };
        for (const auto& [name, value] : averages) {
            if (value)
                ta.signals_ << QStringLiteral("price %1 %2")
                                   .arg(lastClose >= *value ? QStringLiteral("above")
                                                            : QStringLiteral("below"))
                                   .arg(name);
        }
        if (ta.bbUpper && lastClose > *ta.bbUpper)
            ta.signals_ << QStringLiteral("price above the upper Bollinger band");
        else if (ta.bbLower && lastClose < *ta.bbLower)
            ta.signals_ << QStringLiteral("price below the lower Bollinger band");
    }
    if (ta.sma200 && ta.sma50) {
        Indicators::Series diff(n);
        for (int i = 0; i < n; ++i) {
            if (sma50[i] && sma200[i])
                diff[i] = *sma50[i] - *sma200[i];
        }
        const Cross cross = recentCross(diff);
        if (cross.direction > 0)
            ta.signals_ << QStringLiteral("SMA50 crossed above SMA200 (golden cross) %1")
                               .arg(agoText(cross.candlesAgo));
        else if (cross.direction < 0)
            ta.signals_ << QStringLiteral("SMA50 crossed below SMA200 (death cross) %1")
                               .arg(agoText(cross.candlesAgo));
    }

    // Summary: at most four sentences.
    QStringList sentences;
    const QString closeText =
        candles.last().closeText.isEmpty() ? formatNumber(ta.lastClose) : candles.last().closeText;
    if (ta.trend == QLatin1String("insufficient_data")) {
        sentences << QStringLiteral("The last close is %1 over %2, too few to call a trend.")
                         .arg(closeText, plural(n, QStringLiteral("candle"), QStringLiteral("candles")));
    } else {
        const QString direction = ta.trend == QLatin1String("uptrend") ? QStringLiteral("up")
            : ta.trend == QLatin1String("downtrend")                   ? QStringLiteral("down")
                                                                       : QStringLiteral("sideways");
        sentences << QStringLiteral("Over %1 candles the last close is %2 and the trend is %3: %4.")
                         .arg(QString::number(n), closeText, direction, trendReason);
    }

    QStringList readings;
    if (ta.rsi14) {
        const QString zone = *ta.rsi14 >= kRsiOverbought ? QStringLiteral(" (overbought)")
            : *ta.rsi14 <= kRsiOversold                  ? QStringLiteral(" (oversold)")
                                                         : QString();
        readings << QStringLiteral("RSI(14) %1%2").arg(QString::number(*ta.rsi14, 'f', 1), zone);
    }
    if (ta.macd && ta.macdSignal)
        readings << QStringLiteral("MACD %1 %2 its signal %3")
                        .arg(formatNumber(*ta.macd),
                            *ta.macd >= *ta.macdSignal ? QStringLiteral("above") : QStringLiteral("below"),
                            formatNumber(*ta.macdSignal));
    else if (ta.macd)
        readings << QStringLiteral("MACD %1").arg(formatNumber(*ta.macd));
    if (ta.atr14)
        readings << QStringLiteral("ATR(14) %1").arg(formatNumber(*ta.atr14));
    if (ta.bbUpper && ta.bbLower)
        readings << QStringLiteral("Bollinger Bands %1 to %2")
                        .arg(formatNumber(*ta.bbLower), formatNumber(*ta.bbUpper));
    for (const Indicators::Level& level : std::as_const(ta.levels)) {
        readings << QStringLiteral("%1 near %2 (%3)")
                        .arg(level.kind, formatNumber(level.price),
                            plural(level.touches, QStringLiteral("touch"), QStringLiteral("touches")));
    }
    if (!readings.isEmpty())
        sentences << readings.join(QStringLiteral(", ")) + QLatin1Char('.');

    if (!skipped.isEmpty())
        sentences << QStringLiteral("Skipped for lack of data (%1): %2.")
                         .arg(plural(n, QStringLiteral("candle"), QStringLiteral("candles")),
                             skipped.join(QStringLiteral(", ")));
    sentences << QStringLiteral("This is a mechanical technical reading, not financial advice.");
    ta.summary = sentences.join(QLatin1Char(' '));
    return ta;
}
