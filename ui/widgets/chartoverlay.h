#pragma once

#include "market/indicators.h"

#include <QColor>
#include <QString>

// A series drawn over the candles of a CandlestickChart, one value per candle (std::nullopt where
// the indicator is not defined yet). A Line is drawn through `values`; a Band shades the area
// between `values` (upper edge) and `lower` and outlines both.
struct ChartOverlay
{
    enum class Kind
    {
        Line,
        Band
    };

    QString id; // "sma20", "bollinger", ...
    QString label; // "SMA 20", shown in the chart's legend
    QColor color;
    Kind kind = Kind::Line;
    Indicators::Series values;
    Indicators::Series lower; // Band only
    Qt::PenStyle style = Qt::SolidLine;
};
