#pragma once

#include "market/candle.h"
#include "widgets/chartaxis.h"
#include "widgets/chartoverlay.h"

#include <QFont>
#include <QLocale>
#include <QPalette>
#include <QRectF>
#include <QStringList>
#include <QVector>

#include <optional>

class QPainter;

// Lays out a candlestick chart in a rectangle and draws it: price pane with candles and overlays,
// volume bars under it, a price axis on the right and a time axis below, with round tick values;
// the last price as a dashed line with its exact price on the axis. Horizontal and vertical edges
// fall on whole device pixels, so the chart is sharp at any scale factor.
//
// A painter is made for one size and one set of data; CandlestickChart keeps one until either
// changes, so the mouse and the crosshair reuse its layout.
class CandlestickPainter
{
public:
    struct Scene
    {
        QVector<Candle> candles; // oldest first, at least one
        QVector<ChartOverlay> overlays;
        QString interval; // "1h"; spaces the time axis
        bool lastPriceLine = true;
    };

    CandlestickPainter(Scene scene, const QSizeF& size, qreal dpr, const QFont& font, const QPalette& palette,
        const QLocale& locale);

    // The candle drawn at a position, -1 outside the plot.
    int indexAt(const QPointF& pos) const;
    // Everything that does not follow the pointer: grid, volume, bands, candles, overlay lines,
    // axes and the last price.
    void paintChart(QPainter& p) const;
    // Overlay names with their values at a candle (the newest for -1), above the plot.
    void paintLegend(QPainter& p, int index) const;
    // A one-line notice at the top right of the plot (loading, an error), elided to fit.
    void paintBanner(QPainter& p, const QString& text, const QColor& color) const;
    // The crosshair on a candle with its time on the axis and the tooltip beside it. The horizontal
    // line follows pointerY over the price pane; without a pointer (keyboard) it marks the close.
    void paintCrosshair(QPainter& p, int index, std::optional<double> pointerY) const;

    // The tooltip of a candle: time, open, high, low, close (exact), volume and change.
    static QStringList tooltipLines(const Candle& candle, const QLocale& locale);

private:
    struct Layout
    {
        qreal dpr = 1;
        QRectF bounds;
        QRectF legend;
        QRectF plot; // candles and volume, without the axes
        QRectF pricePane;
        QRectF volumePane; // empty when the chart is too small for volume bars
        QRectF priceAxis;
        QRectF timeAxis;
        double lo = 0;
        double hi = 1;
        double maxVolume = 0;
        double slot = 1;
        ChartAxis::PriceTicks ticks;
        QVector<ChartAxis::TimeTick> timeTicks;

        double x(int index) const { return plot.left() + (index + 0.5) * slot; }
        double y(double price) const
        {
            return pricePane.bottom() - (price - lo) / (hi - lo) * pricePane.height();
        }
        double priceAt(double yy) const
        {
            return lo + (pricePane.bottom() - yy) / pricePane.height() * (hi - lo);
        }
    };

    Layout computeLayout(const QSizeF& size, qreal dpr) const;
    void paintTooltip(QPainter& p, int index, const QPointF& anchor) const;

    Scene m_scene;
    QFont m_font;
    QPalette m_palette;
    QLocale m_locale;
    Layout m_layout;
};
