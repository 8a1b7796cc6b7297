#pragma once

#include <QString>
#include <QVector>
#include <QtGlobal>

class QLocale;

// Tick positions for chart axes: round values a person reads at a glance.
namespace ChartAxis
{

struct PriceTicks
{
    double step = 0;
    int decimals = 0; // digits after the point the labels need for this step
    QVector<double> values; // ascending, within [min, max]
};

// Values that are multiples of 1, 2 or 5 times a power of ten, at most about maxTicks of them
// between min and max. An empty or invalid range gives no ticks.
PriceTicks priceTicks(double min, double max, int maxTicks);

// A tick label for a price axis value, with the locale's separators.
QString priceLabel(double value, int decimals, const QLocale& locale);

struct TimeTick
{
    int index = 0; // the candle the tick sits on
    QString label;
};

// Ticks on candle boundaries: the first candle of each period (5 minutes, an hour, a day, a
// month, ...). The period is the shortest that keeps ticks at least minSpacingPx apart when each
// candle is candleWidthPx wide. Times are shown in local time; the first tick of a new day shows
// the date instead of the time.
QVector<TimeTick> timeTicks(const QVector<qint64>& openTimesMs, qint64 intervalMs, double candleWidthPx,
    double minSpacingPx, const QLocale& locale);

} // namespace ChartAxis
