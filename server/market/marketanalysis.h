#pragma once

#include "market/binancevalues.h"
#include "market/candlepatterns.h"
#include "market/technicalanalysis.h"

#include <QList>

// comprehensive_analysis: the candles it was computed on and the reading.
struct MarketAnalysis
{
    KlineSeries series;
    TechnicalAnalysis analysis;
};

// analyze_kline_patterns: the candles and the patterns found in them.
struct PatternScan
{
    KlineSeries series;
    QList<PatternHit> hits; // ordered by their last candle
};
