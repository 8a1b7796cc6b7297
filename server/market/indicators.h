#pragma once

#include "market/candle.h"

#include <QList>
#include <QString>
#include <QVector>

#include <optional>

// Technical indicators over price series. Every series result has the same length as its input and
// holds std::nullopt where the indicator is not defined yet (too few points), where a period is not
// positive, or where an input value is not finite. No result ever holds NaN or infinity.
// The functions are pure and thread-safe, so long series can be computed on a worker thread.
namespace Indicators
{

using Series = QVector<std::optional<double>>;

// Simple moving average of the last `period` values.
Series sma(const QVector<double>& values, int period);

// Exponential moving average with multiplier 2 / (period + 1), seeded with the SMA of the first
// `period` values (the StockCharts convention), so the first value appears at index period - 1.
Series ema(const QVector<double>& values, int period);

// Relative Strength Index with Wilder's smoothing. The first value appears at index `period`
// (it needs period price changes). A window without any gain or loss (a flat series) gives 50:
// neither side has the upper hand. Only gains give 100, only losses give 0.
Series rsi(const QVector<double>& closes, int period = 14);

struct Macd
{
    Series macd; // EMA(fast) - EMA(slow), from index slow - 1
    Series signal; // EMA(signal) of the MACD line, from index slow + signal - 2
    Series histogram; // macd - signal
};
Macd macd(const QVector<double>& closes, int fast = 12, int slow = 26, int signal = 9);

struct Bollinger
{
    Series middle; // SMA(period)
    Series upper; // middle + k * population standard deviation
    Series lower; // middle - k * population standard deviation
    Series bandwidth; // (upper - lower) / middle, as a ratio; undefined when middle is 0
    Series percentB; // (close - lower) / (upper - lower); undefined when the bands touch (flat window)
};
Bollinger bollinger(const QVector<double>& closes, int period = 20, double k = 2.0);

// Wilder's true range. The first candle has no previous close, so its true range is high - low.
Series trueRange(const QVector<Candle>& candles);

// Average true range with Wilder's smoothing: the first value (index period - 1) is the mean of the
// first `period` true ranges, as in StockCharts' worked example.
Series atr(const QVector<Candle>& candles, int period = 14);

struct Level
{
    double price = 0;
    int touches = 0; // pivots that fell into this level
    QString kind; // "support" (at or below the last close) | "resistance" (above it)
    qint64 lastTouchTime = 0; // open time of the newest pivot in the level
};

// Horizontal levels from pivot highs and lows, clustered within a tolerance of half an ATR(14)
// (or 0.5 % of the last close while ATR is undefined). Nearest to the last close first.
QList<Level> supportResistance(const QVector<Candle>& candles, int maxLevels = 3);

// The value for the newest point (the last element), if it is defined.
std::optional<double> last(const Series& s);

} // namespace Indicators
