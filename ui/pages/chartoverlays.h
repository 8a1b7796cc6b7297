#pragma once

#include "market/candle.h"
#include "widgets/chartoverlay.h"

#include <QStringList>
#include <QVector>

class QPalette;

// The indicator overlays the Prices chart offers, computed with Indicators:: from the candles'
// closes: SMA 20, SMA 50, EMA 20 and Bollinger bands 20/2 (the band plus its middle line).
namespace ChartOverlays
{

// "sma20", "sma50", "ema20", "bollinger", in the order they are offered.
QStringList ids();
// Translated name for a button and the legend: "SMA 20", ...
QString label(const QString& id);
// The overlay's colour, readable on the palette.
QColor color(const QString& id, const QPalette& palette);
// The series of the enabled overlays, in ids() order.
QVector<ChartOverlay> compute(
    const QVector<Candle>& candles, const QStringList& enabled, const QPalette& palette);

} // namespace ChartOverlays
