#pragma once

#include "binanceinterval.h"
#include "binancetypes.h"

#include <QList>

#include <vector>

// Deterministic candles for a symbol: a random walk in log price, seeded by the symbol and
// interval, that passes exactly through the symbol's price at the anchor time. The same
// (spec, anchor, interval, candle index) always gives the same candle, so overlapping
// requests agree and charts look like a real market.
//
// The walk is built from blocks of kBlock candles (a coarse walk between block edges and a
// Brownian bridge inside each block), so a candle far from the anchor costs one step per block,
// not one per candle.
class KlineGenerator
{
public:
    KlineGenerator(const FakeBinanceData::SymbolSpec& spec, qint64 anchorMs, const QString& interval);

    // Candles with index first..last (inclusive), oldest first.
    QList<FakeBinanceData::Kline> candles(qint64 first, qint64 last) const;

    // Close price at the end of candle `index` (scaled by 1e8, rounded to the tick size).
    qint64 closeUnits(qint64 index) const;

    const BinanceInterval& interval() const { return m_interval; }

private:
    static constexpr qint64 kBlock = 256;

    double logPrice(qint64 index) const;
    double rawLogPrice(qint64 index) const;
    double blockStart(qint64 block) const; // coarse walk value at the first candle of `block`
    double blockIncrement(qint64 block) const;
    double stepNoise(qint64 index) const;
    double gaussian(quint64 key, quint64 salt) const;
    double uniform(quint64 key, quint64 salt) const;

    FakeBinanceData::SymbolSpec m_spec;
    BinanceInterval m_interval;
    quint64 m_seed = 0;
    qint64 m_anchorIndex = 0;
    qint64 m_anchorUnits = 0;
    qint64 m_tickUnits = 1;
    double m_stepSigma = 0;
    double m_anchorRaw = 0;
};
