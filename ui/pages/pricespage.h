#pragma once

#include "page.h"

#include <QPointer>

class CandlestickChart;
class EmptyState;
class PriceChartPanel;
class PriceFeed;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;
class WatchlistModel;

// Prices: the watchlist the person keeps (ui.watchlist) as a live table — last price, 24 h change,
// 24 h volume, a sparkline of the day, how fresh the data is — and a candlestick chart of the
// selected symbol with an interval selector and indicator overlays.
//
// Symbols are added through a box that checks them with get_spot_price first (an unknown symbol
// shows the tool's sentence, with its suggestions, and is not added), removed, and reordered by
// drag or with the up/down buttons (Alt+Up/Alt+Down); every change is saved. The table and the
// chart refresh every ui.price_refresh_ms while the page is visible, through the Backend, so they
// share the market data cache with the assistant's tool calls. A refresh that falls due while the
// previous one is still running is skipped.
//
// Named children for tests and keyboard users: addSymbolEdit, addSymbolButton, addSymbolMessage,
// watchlistTable, moveUpButton, moveDownButton, removeSymbolButton, watchlistEmpty, refreshTimer,
// priceChartPanel (with candlestickChart, intervalSelector, interval_<iv>, overlay_<id>).
class PricesPage : public Page
{
    Q_OBJECT
public:
    explicit PricesPage(UiContext& context, QWidget* parent = nullptr);
    ~PricesPage() override;

    QString pageId() const override { return QStringLiteral("prices"); }
    QString title() const override { return tr("Prices"); }
    QIcon icon() const override;
    void activated() override;
    void deactivated() override;

    WatchlistModel* model() const { return m_model; }
    PriceFeed* feed() const { return m_feed; }
    PriceChartPanel* chartPanel() const { return m_chartPanel; }
    CandlestickChart* chart() const;
    QTableView* table() const { return m_table; }

    QString selectedSymbol() const;
    void selectSymbol(const QString& symbol);
    bool isActive() const { return m_active; }

public Q_SLOTS:
    // One refresh tick: the table's prices and the chart's candles (each skipped while its previous
    // request is still running).
    void refresh();
    // Checks the text with get_spot_price and adds the symbol it names; errors appear under the box.
    void addSymbol(const QString& text);
    void removeSelected();
    // Moves the selected symbol up (-1) or down (+1) in the watchlist.
    void moveSelected(int delta);

Q_SIGNALS:
    // A symbol was checked and added ("BTCUSDT").
    void symbolAdded(const QString& symbol);
    // Adding failed; the sentence is shown under the box.
    void addFailed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void restoreChartView();
    void saveChartView();
    QWidget* buildWatchlist();
    void loadWatchlist();
    void saveWatchlist();
    void showAddMessage(const QString& text, bool error);
    void onSelectionChanged();
    void onSettingChanged(const QString& name);
    void updateQuote();
    void updateButtons();
    void updateEmpty();
    void applyInterval();
    void fitWatchlist();

    WatchlistModel* m_model = nullptr;
    QSortFilterProxyModel* m_sorted = nullptr;
    QSplitter* m_splitter = nullptr;
    PriceFeed* m_feed = nullptr;
    PriceChartPanel* m_chartPanel = nullptr;

    QLineEdit* m_addEdit = nullptr;
    QPushButton* m_addButton = nullptr;
    QLabel* m_addMessage = nullptr;
    QStackedWidget* m_tableStack = nullptr;
    QTableView* m_table = nullptr;
    EmptyState* m_empty = nullptr;
    QToolButton* m_up = nullptr;
    QToolButton* m_down = nullptr;
    QToolButton* m_remove = nullptr;

    QTimer* m_timer = nullptr;
    QTimer* m_ageTimer = nullptr;
    QPointer<QObject> m_addRequest;
    bool m_active = false;
    bool m_splitterFitted = false;
};
