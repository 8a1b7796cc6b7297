#include "market/candlepatterns.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <cmath>

namespace
{

// A doji's real body is at most this fraction of its range.
constexpr double kDojiBodyRatio = 0.1;
// A hammer's lower (shooting star's upper) shadow is at least this many times its body.
constexpr double kLongShadowToBody = 2.0;
// A hammer's upper (shooting star's lower) shadow is at most this fraction of its range.
constexpr double kShortShadowRatio = 0.1;
// Candles before a pattern that decide whether it follows a rise or a decline.
constexpr int kTrendLookback = 5;
// A "long" candle's real body is at least this fraction of its range.
constexpr double kLongBodyRatio = 0.5;
// A star's real body is at most this fraction of the first candle's body.
constexpr double kStarBodyToFirst = 0.3;
// Soldiers close within this fraction of the range from the high (crows from the low).
constexpr double kCloseNearExtremeRatio = 0.25;

struct Shape
{
    bool valid = false; // all four prices finite and high >= low
    double range = 0;
    double body = 0;
    double upper = 0; // upper shadow
    double lower = 0; // lower shadow
    bool bullish = false;
    bool bearish = false;
    double bodyTop = 0;
    double bodyBottom = 0;
    double bodyMid = 0;
};

Shape shapeOf(const Candle& c)
{
    Shape s;
    s.valid = std::isfinite(c.open) && std::isfinite(c.high) && std::isfinite(c.low) && std::isfinite(c.close)
        && c.high >= c.low;
    if (!s.valid)
        return s;
    s.range = c.high - c.low;
    s.body = std::abs(c.close - c.open);
    s.bodyTop = std::max(c.open, c.close);
    s.bodyBottom = std::min(c.open, c.close);
    s.bodyMid = (s.bodyTop + s.bodyBottom) / 2;
    s.upper = c.high - s.bodyTop;
    s.lower = s.bodyBottom - c.low;
    s.bullish = c.close > c.open;
    s.bearish = c.close < c.open;
    return s;
}

enum class Trend
{
    None,
    Rise,
    Decline
};

// The trend of the kTrendLookback closes before index `i`: a decline when the last of them is
// below both the first and their mean, a rise in the mirror case.
Trend trendBefore(const QVector<Candle>& candles, int i)
{
    if (i < kTrendLookback)
        return Trend::None;
    double sum = 0;
    for (int j = i - kTrendLookback; j < i; ++j) {
        if (!std::isfinite(candles[j].close))
            return Trend::None;
        sum += candles[j].close;
    }
    const double mean = sum / kTrendLookback;
    const double first = candles[i - kTrendLookback].close;
    const double lastClose = candles[i - 1].close;
    if (lastClose < first && lastClose < mean)
        return Trend::Decline;
    if (lastClose > first && lastClose > mean)
        return Trend::Rise;
    return Trend::None;
}

bool isDoji(const Shape& s)
{
    return s.valid && s.range > 0 && s.body <= kDojiBodyRatio * s.range;
}

bool isLong(const Shape& s)
{
    return s.valid && s.range > 0 && s.body >= kLongBodyRatio * s.range;
}

bool isHammerShape(const Shape& s)
{
    return s.valid && s.range > 0 && !isDoji(s) && s.lower >= kLongShadowToBody * s.body
        && s.upper <= kShortShadowRatio * s.range;
}

bool isShootingStarShape(const Shape& s)
{
    return s.valid && s.range > 0 && !isDoji(s) && s.upper >= kLongShadowToBody * s.body
        && s.lower <= kShortShadowRatio * s.range;
}

bool isBullishEngulfing(const Candle& prev, const Shape& p, const Candle& cur, const Shape& c)
{
    return p.valid && c.valid && p.bearish && c.bullish && cur.open <= prev.close && cur.close >= prev.open
        && c.body > p.body;
}

bool isBearishEngulfing(const Candle& prev, const Shape& p, const Candle& cur, const Shape& c)
{
    return p.valid && c.valid && p.bullish && c.bearish && cur.open >= prev.close && cur.close <= prev.open
        && c.body > p.body;
}

bool isMorningStar(const Candle& first, const Shape& a, const Shape& b, const Candle& third, const Shape& c)
{
    return a.valid && b.valid && c.valid && a.bearish && isLong(a) && b.body <= kStarBodyToFirst * a.body
        && b.bodyBottom <= first.close && b.bodyTop < a.bodyMid && c.bullish && isLong(c)
        && third.close > a.bodyMid;
}

bool isEveningStar(const Candle& first, const Shape& a, const Shape& b, const Candle& third, const Shape& c)
{
    return a.valid && b.valid && c.valid && a.bullish && isLong(a) && b.body <= kStarBodyToFirst * a.body
        && b.bodyTop >= first.close && b.bodyBottom > a.bodyMid && c.bearish && isLong(c)
        && third.close < a.bodyMid;
}

bool isSoldier(const Candle& prev, const Candle& cur, const Shape& s)
{
    return s.bullish && isLong(s) && cur.high - cur.close <= kCloseNearExtremeRatio * s.range
        && cur.close > prev.close && cur.open >= prev.open && cur.open <= prev.close;
}

bool isCrow(const Candle& prev, const Candle& cur, const Shape& s)
{
    return s.bearish && isLong(s) && cur.close - cur.low <= kCloseNearExtremeRatio * s.range
        && cur.close < prev.close && cur.open <= prev.open && cur.open >= prev.close;
}

QString timeText(const QVector<Candle>& candles, int i)
{
    const qint64 ms = candles[i].openTime;
    if (ms <= 0)
        return QStringLiteral("candle %1").arg(i);
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
        + QStringLiteral(" UTC");
}

PatternHit makeHit(const QVector<Candle>& candles, const QString& name, const QString& direction, int first,
    int last, const QString& description)
{
    PatternHit hit;
    hit.name = name;
    hit.direction = direction;
    for (int i = first; i <= last; ++i) {
        hit.indices.append(i);
        hit.openTimes.append(candles[i].openTime);
    }
    hit.description = description;
    return hit;
}

} // namespace

namespace CandlePatterns
{

QList<PatternHit> detect(const QVector<Candle>& candles)
{
    const int n = static_cast<int>(candles.size());
    QVector<Shape> shapes;
    shapes.reserve(n);
    for (const Candle& c : candles)
        shapes.append(shapeOf(c));

    QList<PatternHit> hits;
    QHash<QString, int> lastIndexOf; // newest candle used by each multi-candle pattern
    const auto addMulti = [&](const QString& name, const QString& direction, int first, int lastIdx,
                              const QString& description) {
        const auto it = lastIndexOf.constFind(name);
        if (it != lastIndexOf.constEnd() && first <= it.value())
            return;
        lastIndexOf.insert(name, lastIdx);
        hits.append(makeHit(candles, name, direction, first, lastIdx, description));
    };

    const QString bullish = QStringLiteral("bullish");
    const QString bearish = QStringLiteral("bearish");

    for (int i = 0; i < n; ++i) {
        const Shape& s = shapes[i];
        const QString at = timeText(candles, i);

        if (isDoji(s)) {
            hits.append(makeHit(candles, QStringLiteral("doji"), QStringLiteral("neutral"), i, i,
                QStringLiteral("Doji at %1: open and close almost equal, buyers and sellers "
                               "in balance (indecision).")
                    .arg(at)));
        }
        if (isHammerShape(s) && trendBefore(candles, i) == Trend::Decline) {
            hits.append(makeHit(candles, QStringLiteral("hammer"), bullish, i, i,
                QStringLiteral("Hammer at %1 after a decline: a long lower shadow shows "
                               "buyers pushed back, possible bullish reversal.")
                    .arg(at)));
        }
        if (isShootingStarShape(s) && trendBefore(candles, i) == Trend::Rise) {
            hits.append(makeHit(candles, QStringLiteral("shooting_star"), bearish, i, i,
                QStringLiteral("Shooting star at %1 after a rise: a long upper shadow shows "
                               "sellers pushed back, possible bearish reversal.")
                    .arg(at)));
        }

        if (i >= 1) {
            const Candle& prev = candles[i - 1];
            const Shape& p = shapes[i - 1];
            if (isBullishEngulfing(prev, p, candles[i], s) && trendBefore(candles, i - 1) == Trend::Decline) {
                addMulti(QStringLiteral("bullish_engulfing"), bullish, i - 1, i,
                    QStringLiteral("Bullish engulfing at %1 after a decline: a bullish body swallowed "
                                   "the previous bearish one, possible bullish reversal.")
                        .arg(at));
            }
            if (isBearishEngulfing(prev, p, candles[i], s) && trendBefore(candles, i - 1) == Trend::Rise) {
                addMulti(QStringLiteral("bearish_engulfing"), bearish, i - 1, i,
                    QStringLiteral("Bearish engulfing at %1 after a rise: a bearish body swallowed "
                                   "the previous bullish one, possible bearish reversal.")
                        .arg(at));
            }
        }

        if (i >= 2) {
            const Candle& a = candles[i - 2];
            const Candle& b = candles[i - 1];
            const Candle& c = candles[i];
            const Shape& sa = shapes[i - 2];
            const Shape& sb = shapes[i - 1];
            if (isMorningStar(a, sa, sb, c, s) && trendBefore(candles, i - 2) == Trend::Decline) {
                addMulti(QStringLiteral("morning_star"), bullish, i - 2, i,
                    QStringLiteral("Morning star completed at %1 after a decline: a long bearish "
                                   "candle, a small star and a strong bullish close, possible "
                                   "bullish reversal.")
                        .arg(at));
            }
            if (isEveningStar(a, sa, sb, c, s) && trendBefore(candles, i - 2) == Trend::Rise) {
                addMulti(QStringLiteral("evening_star"), bearish, i - 2, i,
                    QStringLiteral("Evening star completed at %1 after a rise: a long bullish "
                                   "candle, a small star and a strong bearish close, possible "
                                   "bearish reversal.")
                        .arg(at));
            }
            if (sa.valid && sa.bullish && isLong(sa) && sa.range > 0
                && a.high - a.close <= kCloseNearExtremeRatio * sa.range && sb.valid && s.valid
                && isSoldier(a, b, sb) && isSoldier(b, c, s) && trendBefore(candles, i - 2) != Trend::Rise) {
                addMulti(QStringLiteral("three_white_soldiers"), bullish, i - 2, i,
                    QStringLiteral("Three white soldiers completed at %1: three long bullish candles "
                                   "closing higher each time, strong buying.")
                        .arg(at));
            }
            if (sa.valid && sa.bearish && isLong(sa) && sa.range > 0
                && a.close - a.low <= kCloseNearExtremeRatio * sa.range && sb.valid && s.valid
                && isCrow(a, b, sb) && isCrow(b, c, s) && trendBefore(candles, i - 2) != Trend::Decline) {
                addMulti(QStringLiteral("three_black_crows"), bearish, i - 2, i,
                    QStringLiteral("Three black crows completed at %1: three long bearish candles "
                                   "closing lower each time, strong selling.")
                        .arg(at));
            }
        }
    }
    return hits;
}

} // namespace CandlePatterns
