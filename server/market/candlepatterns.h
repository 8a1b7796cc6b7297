#pragma once

#include "market/candle.h"

#include <QList>
#include <QString>
#include <QVector>

// One candlestick pattern found in a series.
struct PatternHit
{
    QString name; // "doji", "hammer", "shooting_star", "bullish_engulfing", "bearish_engulfing",
                  // "morning_star", "evening_star", "three_white_soldiers", "three_black_crows"
    QString direction; // "bullish" | "bearish" | "neutral"
    QList<int> indices; // indices of the candles that form it, ascending
    QList<qint64> openTimes; // their open times
    QString description; // one sentence for a person
};

// Textbook candlestick patterns (Nison's definitions, thresholds in candlepatterns.cpp).
// Reversal patterns (hammer, shooting star, engulfing, stars) count only after the trend they
// reverse; three white soldiers (black crows) count after a decline (rise) or a flat stretch, not in
// the middle of a rise (decline) where every run of long candles would qualify. Gaps between bodies are not
// required, because 24/7 crypto markets open each candle at the previous close. A candle with no range (high
// == low) carries no shape and forms no single-candle pattern.
namespace CandlePatterns
{
// All hits, ordered by their last index. Hits of the same multi-candle pattern do not share candles.
QList<PatternHit> detect(const QVector<Candle>& candles);
} // namespace CandlePatterns
