#include "market/indicators.h"

#include <algorithm>
#include <cmath>

namespace
{

// Candles on each side a pivot high (low) must stand above (below); 2 is the usual swing pivot.
constexpr int kPivotSpan = 2;
// Pivots closer than this many ATRs belong to the same level.
constexpr double kLevelToleranceAtr = 0.5;
// Tolerance as a fraction of the last close while ATR(14) is not defined yet.
constexpr double kLevelTolerancePrice = 0.005;
// ATR period used for the level tolerance.
constexpr int kLevelAtrPeriod = 14;
// Bands narrower than this fraction of the middle band count as touching (a flat window).
constexpr double kFlatBandRatio = 1e-12;

std::optional<double> finiteOrNull(double v)
{
    if (std::isfinite(v))
        return v;
    return std::nullopt;
}

Indicators::Series toSeries(const QVector<double>& values)
{
    Indicators::Series out;
    out.reserve(values.size());
    for (double v : values)
        out.append(finiteOrNull(v));
    return out;
}

// EMA over a series that may start with undefined points (e.g. the MACD line): seeded with the
// SMA of the first `period` defined values; a later gap ends the EMA, since it cannot be resumed
// honestly.
Indicators::Series emaOf(const Indicators::Series& in, int period)
{
    Indicators::Series out(in.size());
    if (period <= 0)
        return out;
    const int n = static_cast<int>(in.size());
    int start = 0;
    while (start < n && !in[start])
        ++start;
    if (n - start < period)
        return out;

    double sum = 0;
    for (int i = start; i < start + period; ++i) {
        if (!in[i])
            return out;
        sum += *in[i];
    }
    const double k = 2.0 / (period + 1);
    double prev = sum / period;
    out[start + period - 1] = finiteOrNull(prev);
    for (int i = start + period; i < n; ++i) {
        if (!in[i])
            break;
        prev = (*in[i] - prev) * k + prev;
        out[i] = finiteOrNull(prev);
    }
    return out;
}

double rsiFrom(double avgGain, double avgLoss)
{
    if (avgLoss == 0.0)
        return avgGain == 0.0 ? 50.0 : 100.0;
    return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
}

struct Pivot
{
    double price;
    qint64 time;
};

bool isPivotHigh(const QVector<Candle>& c, int i)
{
    for (int j = i - kPivotSpan; j <= i + kPivotSpan; ++j) {
        if (j == i)
            continue;
        if (!std::isfinite(c[j].high))
            return false;
        // Strict on the left, non-strict on the right: the first candle of a flat top is the pivot.
        if (j < i ? c[j].high >= c[i].high : c[j].high > c[i].high)
            return false;
    }
    return true;
}

bool isPivotLow(const QVector<Candle>& c, int i)
{
    for (int j = i - kPivotSpan; j <= i + kPivotSpan; ++j) {
        if (j == i)
            continue;
        if (!std::isfinite(c[j].low))
            return false;
        if (j < i ? c[j].low <= c[i].low : c[j].low < c[i].low)
            return false;
    }
    return true;
}

} // namespace

namespace Indicators
{

Series sma(const QVector<double>& values, int period)
{
    const int n = static_cast<int>(values.size());
    Series out(n);
    if (period <= 0)
        return out;
    // Summing each window afresh keeps the result free of drift; windows are at most a few hundred.
    for (int i = period - 1; i < n; ++i) {
        double sum = 0;
        for (int j = i - period + 1; j <= i; ++j)
            sum += values[j];
        out[i] = finiteOrNull(sum / period);
    }
    return out;
}

Series ema(const QVector<double>& values, int period)
{
    return emaOf(toSeries(values), period);
}

Series rsi(const QVector<double>& closes, int period)
{
    const int n = static_cast<int>(closes.size());
    Series out(n);
    if (period <= 0 || n <= period)
        return out;

    double gain = 0;
    double loss = 0;
    for (int i = 1; i <= period; ++i) {
        const double d = closes[i] - closes[i - 1];
        gain += std::max(d, 0.0);
        loss += std::max(-d, 0.0);
    }
    double avgGain = gain / period;
    double avgLoss = loss / period;
    if (!std::isfinite(avgGain) || !std::isfinite(avgLoss))
        return out;
    out[period] = rsiFrom(avgGain, avgLoss);
    for (int i = period + 1; i < n; ++i) {
        const double d = closes[i] - closes[i - 1];
        if (!std::isfinite(d))
            break;
        avgGain = (avgGain * (period - 1) + std::max(d, 0.0)) / period;
        avgLoss = (avgLoss * (period - 1) + std::max(-d, 0.0)) / period;
        out[i] = finiteOrNull(rsiFrom(avgGain, avgLoss));
    }
    return out;
}

Macd macd(const QVector<double>& closes, int fast, int slow, int signal)
{
    const Series input = toSeries(closes);
    const Series fastEma = emaOf(input, fast);
    const Series slowEma = emaOf(input, slow);
    const int n = static_cast<int>(closes.size());

    Macd out;
    out.macd = Series(n);
    out.histogram = Series(n);
    for (int i = 0; i < n; ++i) {
        if (fastEma[i] && slowEma[i])
            out.macd[i] = finiteOrNull(*fastEma[i] - *slowEma[i]);
    }
    out.signal = emaOf(out.macd, signal);
    for (int i = 0; i < n; ++i) {
        if (out.macd[i] && out.signal[i])
            out.histogram[i] = finiteOrNull(*out.macd[i] - *out.signal[i]);
    }
    return out;
}

Bollinger bollinger(const QVector<double>& closes, int period, double k)
{
    const int n = static_cast<int>(closes.size());
    Bollinger out;
    out.middle = Series(n);
    out.upper = Series(n);
    out.lower = Series(n);
    out.bandwidth = Series(n);
    out.percentB = Series(n);
    if (period <= 0 || !std::isfinite(k))
        return out;

    for (int i = period - 1; i < n; ++i) {
        double sum = 0;
        for (int j = i - period + 1; j <= i; ++j)
            sum += closes[j];
        const double mean = sum / period;
        double squares = 0;
        for (int j = i - period + 1; j <= i; ++j)
            squares += (closes[j] - mean) * (closes[j] - mean);
        // Population standard deviation, as Bollinger and StockCharts define the bands.
        const double sd = std::sqrt(squares / period);
        const double upper = mean + k * sd;
        const double lower = mean - k * sd;
        if (!std::isfinite(mean) || !std::isfinite(upper) || !std::isfinite(lower))
            continue;
        out.middle[i] = mean;
        out.upper[i] = upper;
        out.lower[i] = lower;
        const double width = upper - lower;
        if (mean != 0.0)
            out.bandwidth[i] = finiteOrNull(width / mean);
        if (std::abs(width) > kFlatBandRatio * std::abs(mean))
            out.percentB[i] = finiteOrNull((closes[i] - lower) / width);
    }
    return out;
}

Series trueRange(const QVector<Candle>& candles)
{
    const int n = static_cast<int>(candles.size());
    Series out(n);
    for (int i = 0; i < n; ++i) {
        const Candle& c = candles[i];
        double tr = c.high - c.low;
        if (i > 0) {
            const double prevClose = candles[i - 1].close;
            tr = std::max({tr, std::abs(c.high - prevClose), std::abs(c.low - prevClose)});
        }
        out[i] = finiteOrNull(tr);
    }
    return out;
}

Series atr(const QVector<Candle>& candles, int period)
{
    const Series tr = trueRange(candles);
    const int n = static_cast<int>(tr.size());
    Series out(n);
    if (period <= 0 || n < period)
        return out;

    double sum = 0;
    for (int i = 0; i < period; ++i) {
        if (!tr[i])
            return out;
        sum += *tr[i];
    }
    double prev = sum / period;
    out[period - 1] = prev;
    for (int i = period; i < n; ++i) {
        if (!tr[i])
            break;
        prev = (prev * (period - 1) + *tr[i]) / period;
        out[i] = finiteOrNull(prev);
    }
    return out;
}

QList<Level> supportResistance(const QVector<Candle>& candles, int maxLevels)
{
    const int n = static_cast<int>(candles.size());
    if (n == 0 || maxLevels <= 0)
        return {};
    const double lastClose = candles.last().close;
    if (!std::isfinite(lastClose))
        return {};

    QVector<Pivot> pivots;
    for (int i = kPivotSpan; i < n - kPivotSpan; ++i) {
        const Candle& c = candles[i];
        if (std::isfinite(c.high) && isPivotHigh(candles, i))
            pivots.append({c.high, c.openTime});
        if (std::isfinite(c.low) && isPivotLow(candles, i))
            pivots.append({c.low, c.openTime});
    }
    if (pivots.isEmpty())
        return {};

    const std::optional<double> atrNow = last(atr(candles, kLevelAtrPeriod));
    const double tolerance =
        (atrNow && *atrNow > 0) ? kLevelToleranceAtr * *atrNow : kLevelTolerancePrice * std::abs(lastClose);

    std::sort(pivots.begin(), pivots.end(), [](const Pivot& a, const Pivot& b) { return a.price < b.price; });

    // Greedy clustering in price order; measuring from the lowest member bounds a level's width
    // by the tolerance, so levels cannot creep along a staircase of pivots.
    QList<Level> levels;
    int first = 0;
    while (first < pivots.size()) {
        int end = first;
        double sum = 0;
        qint64 newest = pivots[first].time;
        while (end < pivots.size() && pivots[end].price - pivots[first].price <= tolerance) {
            sum += pivots[end].price;
            newest = std::max(newest, pivots[end].time);
            ++end;
        }
        Level level;
        level.touches = end - first;
        level.price = sum / level.touches;
        level.kind = level.price > lastClose ? QStringLiteral("resistance") : QStringLiteral("support");
        level.lastTouchTime = newest;
        levels.append(level);
        first = end;
    }

    std::sort(levels.begin(), levels.end(), [lastClose](const Level& a, const Level& b) {
        const double da = std::abs(a.price - lastClose);
        const double db = std::abs(b.price - lastClose);
        if (da != db)
            return da < db;
        return a.touches > b.touches;
    });
    if (levels.size() > maxLevels)
        levels = levels.mid(0, maxLevels);
    return levels;
}

std::optional<double> last(const Series& s)
{
    if (s.isEmpty())
        return std::nullopt;
    return s.last();
}

} // namespace Indicators
