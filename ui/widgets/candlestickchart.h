#pragma once

#include "market/candle.h"
#include "widgets/chartoverlay.h"

#include <QPixmap>
#include <QVector>
#include <QWidget>

#include <memory>
#include <optional>

class CandlestickPainter;

// A candlestick chart drawn with QPainter: candles (green up, red down), volume bars under them,
// a price axis and a time axis with round tick values, indicator overlays (lines and bands), a
// dashed line at the last price, and a crosshair with a tooltip (time, OHLC, volume, change) that
// follows the mouse or the arrow keys. Loading, empty and error states are drawn in place.
//
// It only draws what it is given (candles and overlay series computed by the caller), so it works
// without any network. Prices in the tooltip and on the last-price label are the candles' exact
// decimal strings; the doubles only place things on screen. Lines and candle edges are aligned to
// device pixels, so the chart stays sharp at any scale factor.
class CandlestickChart : public QWidget
{
    Q_OBJECT
public:
    enum class State
    {
        Empty, // nothing to show (no symbol, or no candles)
        Loading, // waiting for the first candles
        Ready, // candles are shown (possibly with a loading badge or an error banner)
        Error // no candles, and the error sentence says why
    };

    explicit CandlestickChart(QWidget* parent = nullptr);
    ~CandlestickChart() override;

    // Candles oldest first, all of one interval ("1h"; it spaces the time axis).
    void setCandles(const QVector<Candle>& candles, const QString& interval);
    void clear();
    const QVector<Candle>& candles() const { return m_candles; }
    int candleCount() const { return int(m_candles.size()); }
    QString interval() const { return m_interval; }

    // Series drawn over the candles; each holds one value per candle.
    void setOverlays(const QVector<ChartOverlay>& overlays);
    const QVector<ChartOverlay>& overlays() const { return m_overlays; }
    QStringList overlayIds() const;

    void setLastPriceLineVisible(bool visible);
    bool isLastPriceLineVisible() const { return m_lastPriceLine; }

    // While loading, an empty chart says so and a chart with candles shows a small badge.
    void setLoading(bool loading);
    bool isLoading() const { return m_loading; }
    // A sentence shown instead of the chart when there are no candles, else as a banner above them.
    // An empty text clears it.
    void setErrorText(const QString& text);
    QString errorText() const { return m_error; }
    // What the chart says when it has nothing to show.
    void setEmptyText(const QString& text);
    QString emptyText() const { return m_emptyText; }
    State state() const;

    // The candle under the crosshair, -1 for none. Set by the mouse, the arrow keys or this call.
    int hoveredIndex() const { return m_hovered; }
    void setHoveredIndex(int index);
    // The crosshair tooltip's lines (time, open, high, low, close, volume, change), or empty.
    QString hoverText() const;
    // The candle drawn at a widget position, -1 outside the candles.
    int indexAt(const QPoint& pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void hoveredIndexChanged(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    // The layout and drawing for the current data and size, made on first use after a change;
    // null without candles.
    const CandlestickPainter* painter() const;
    void invalidate();
    void paintMessage(QPainter& p, const QString& text, const QColor& color) const;
    void setHovered(int index, bool fromKeyboard);

    QVector<Candle> m_candles;
    QString m_interval;
    QVector<ChartOverlay> m_overlays;
    bool m_lastPriceLine = true;
    bool m_loading = false;
    QString m_error;
    QString m_emptyText;

    int m_hovered = -1;
    bool m_keyboardHover = false;
    std::optional<double> m_mouseY;

    mutable std::unique_ptr<CandlestickPainter> m_painter;
    mutable QSize m_painterSize;
    mutable qreal m_painterDpr = 0;
    // The chart without the crosshair, drawn once per change; the crosshair is drawn over it.
    QPixmap m_layer;
    mutable bool m_layerValid = false;
};
