#pragma once

#include "market/candle.h"

#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QWidget>

class Backend;
class CandlestickChart;
class IntervalSelector;
class QLabel;
class QToolButton;

// The chart half of the Prices page: the selected symbol with its last price and 24 h change, an
// interval selector (1m ... 1w), toggles for the overlays (SMA 20/50, EMA 20, Bollinger 20/2, last
// price line) and the CandlestickChart, fed with get_klines (the newest 150 candles).
//
// It loads only while live (the page is visible). A reload that is asked for while one is running
// for the same symbol and interval is skipped; switching symbol or interval cancels the running one.
class PriceChartPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kCandleLimit = 150;

    explicit PriceChartPanel(Backend& backend, QWidget* parent = nullptr);
    ~PriceChartPanel() override;

    // Shows a symbol ("BTCUSDT"); empty shows the empty state. Loads its candles when live.
    void setSymbol(const QString& symbol);
    QString symbol() const { return m_symbol; }
    void setInterval(const QString& interval);
    QString interval() const;
    // The last price and 24 h change shown beside the symbol (exact decimal strings).
    void setQuote(const QString& lastPrice, const QString& changePercent);

    // While live, setSymbol/setInterval load at once and refresh() reloads; going live loads.
    void setLive(bool live);
    bool isLive() const { return m_live; }
    // Reloads the candles; false when skipped (not live, no symbol, or a load still running).
    bool refresh();
    bool isLoading() const { return !m_request.isNull(); }

    void setOverlayEnabled(const QString& id, bool enabled); // ChartOverlays ids, or "last_price"
    bool isOverlayEnabled(const QString& id) const;
    QStringList enabledOverlays() const;

    CandlestickChart* chart() const { return m_chart; }

Q_SIGNALS:
    // After every load, successful or not.
    void loaded(bool ok);
    // The person picked another interval or toggled an overlay (to remember the choice).
    void viewChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void load(bool restart);
    void showCandles(const QVector<Candle>& candles);
    void updateOverlays();
    void updateSwatches();

    Backend& m_backend;
    QString m_symbol;
    bool m_live = false;
    QPointer<QObject> m_request;
    QString m_requestKey;
    QStringList m_overlays;

    QLabel* m_symbolLabel = nullptr;
    QLabel* m_priceLabel = nullptr;
    QLabel* m_changeLabel = nullptr;
    IntervalSelector* m_intervals = nullptr;
    QHash<QString, QToolButton*> m_overlayButtons;
    CandlestickChart* m_chart = nullptr;
};
