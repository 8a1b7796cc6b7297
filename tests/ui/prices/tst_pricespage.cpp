// The Prices page offscreen against the real market tools and a LocalBackend, with fake Binance
// and CoinGecko upstreams: the table fills with exact prices and follows price changes, the
// watchlist is edited and saved, unknown symbols are refused with the tool's sentence, the chart
// loads candles per interval and toggles overlays, and refreshes stay cheap.
#include "pages/pricechartpanel.h"
#include "pages/pricefeed.h"
#include "pages/pricespage.h"
#include "pages/watchlistmodel.h"
#include "pricesgraph.h"
#include "widgets/candlestickchart.h"

#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>

namespace
{

template<typename T> T* child(QWidget& parent, const char* name)
{
    auto* found = parent.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

QString cell(const WatchlistModel& model, const QString& symbol, int column, int role = Qt::DisplayRole)
{
    const int row = model.rowOf(symbol);
    return row < 0 ? QString() : model.index(row, column).data(role).toString();
}

bool hasTicker(const WatchlistModel& model, const QString& symbol)
{
    const WatchlistModel::Row* r = model.row(symbol);
    return r && r->hasTicker;
}

int klineRequests(const FakeBinance& binance, const QString& interval, int limit)
{
    int n = 0;
    const QList<RecordedRequest> requests = binance.requests(QStringLiteral("/api/v3/klines"));
    for (const RecordedRequest& r : requests) {
        if (r.queryValue(QStringLiteral("interval")) == interval
            && r.queryValue(QStringLiteral("limit")) == QString::number(limit))
            ++n;
    }
    return n;
}

// Pixels that differ from the widget's background.
int inkedPixels(const QImage& image, const QColor& background)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixelColor(x, y) != background)
                ++n;
        }
    }
    return n;
}

} // namespace

class TestPricesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void tableFillsWithExactPrices()
    {
        PricesGraph graph;
        QVERIFY(graph.ready());
        graph.binance.setPrice(QStringLiteral("BTCUSDT"), QStringLiteral("67012.45000000"));
        graph.binance.setPrice(QStringLiteral("ETHUSDT"), QStringLiteral("3456.70000000"));
        PricesPage page(*graph.context);
        page.resize(1000, 700);
        WatchlistModel& model = *page.model();
        QCOMPARE(model.symbols(), (QStringList {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT")}));
        QCOMPARE(page.pageId(), QStringLiteral("prices"));
        QCOMPARE(page.title(), QStringLiteral("Prices"));

        page.activated();
        QTRY_VERIFY(
            hasTicker(model, QStringLiteral("BTCUSDT")) && hasTicker(model, QStringLiteral("ETHUSDT")));
        QCOMPARE(
            cell(model, QStringLiteral("BTCUSDT"), WatchlistModel::LastColumn), QStringLiteral("67,012.45"));
        QCOMPARE(
            cell(model, QStringLiteral("BTCUSDT"), WatchlistModel::LastColumn, WatchlistModel::ExactRole),
            QStringLiteral("67012.45000000"));
        QCOMPARE(
            cell(model, QStringLiteral("ETHUSDT"), WatchlistModel::LastColumn), QStringLiteral("3,456.70"));

        // The change column: arrow and colour follow the sign of the fake's 24 h change.
        const FakeBinance::Ticker24h ticker = graph.binance.ticker24h(QStringLiteral("BTCUSDT"));
        const QString change = cell(model, QStringLiteral("BTCUSDT"), WatchlistModel::ChangeColumn);
        QVERIFY2(change.endsWith(QLatin1Char('%')), qPrintable(change));
        const bool down = ticker.priceChangePercent.startsWith(QLatin1Char('-'));
        QVERIFY2(change.startsWith(down ? QStringLiteral("▼") : QStringLiteral("▲")), qPrintable(change));
        const QColor color = model.index(model.rowOf(QStringLiteral("BTCUSDT")), WatchlistModel::ChangeColumn)
                                 .data(Qt::ForegroundRole)
                                 .value<QColor>();
        QVERIFY(down ? color.red() > color.green() : color.green() > color.red());

        // Quote volume in short form, the exact figure behind it.
        QCOMPARE(
            cell(model, QStringLiteral("BTCUSDT"), WatchlistModel::VolumeColumn, WatchlistModel::ExactRole),
            ticker.quoteVolume);
        const QString volume = cell(model, QStringLiteral("BTCUSDT"), WatchlistModel::VolumeColumn);
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9.]+[KMBT]?$")).match(volume).hasMatch(),
            qPrintable(volume));

        // A day of hourly closes for the sparkline, and a fresh age.
        QTRY_COMPARE(model.row(QStringLiteral("BTCUSDT"))->sparkline.size(), 24);
        QVERIFY(model.row(QStringLiteral("BTCUSDT"))->sparkline.last() > 0);
        QVERIFY2(cell(model, QStringLiteral("BTCUSDT"), WatchlistModel::UpdatedColumn)
                     .endsWith(QStringLiteral("s ago")),
            qPrintable(cell(model, QStringLiteral("BTCUSDT"), WatchlistModel::UpdatedColumn)));

        // The table shows the model (sortable) and the chart header shows the selected symbol's quote.
        QTableView* table = child<QTableView>(page, "watchlistTable");
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 2);
        QCOMPARE(page.selectedSymbol(), QStringLiteral("BTCUSDT"));
        QTRY_COMPARE(child<QLabel>(page, "chartPrice")->text(), QStringLiteral("67,012.45"));
    }

    void priceChangeAppearsAfterRefresh()
    {
        PricesGraph graph;
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        page.activated();
        WatchlistModel& model = *page.model();
        QTRY_VERIFY(hasTicker(model, QStringLiteral("BTCUSDT")));
        QTRY_VERIFY(!page.feed()->isRefreshing());

        graph.binance.setPrice(QStringLiteral("BTCUSDT"), QStringLiteral("70123.40000000"));
        graph.advance(11000); // past the 24 h ticker's cache lifetime
        QSignalSpy finished(page.feed(), &PriceFeed::roundFinished);
        page.refresh();
        QTRY_COMPARE(
            cell(model, QStringLiteral("BTCUSDT"), WatchlistModel::LastColumn), QStringLiteral("70,123.40"));
        QTRY_VERIFY(finished.count() >= 1);
    }

    void refreshesOnlyWhileVisible()
    {
        PricesGraph graph;
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        auto* timer = page.findChild<QTimer*>(QStringLiteral("refreshTimer"));
        QVERIFY(timer);
        QVERIFY(!timer->isActive());
        page.activated();
        QVERIFY(timer->isActive());
        QCOMPARE(timer->interval(), 60000);
        graph.settings->setValue(QStringLiteral("ui.price_refresh_ms"), 2500);
        QCOMPARE(timer->interval(), 2500);
        page.deactivated();
        QVERIFY(!timer->isActive());
        QVERIFY(!page.chartPanel()->isLive());

        // Nothing was asked while hidden before the first activation; a short interval drives the
        // table by itself.
        graph.settings->setValue(QStringLiteral("ui.price_refresh_ms"), 1000);
        page.activated();
        QTRY_VERIFY(hasTicker(*page.model(), QStringLiteral("ETHUSDT")));
        const int rounds = page.feed()->completedRounds();
        QTRY_VERIFY_WITH_TIMEOUT(page.feed()->completedRounds() > rounds, 5000);
    }

    void unknownSymbolIsRefusedWithSuggestions()
    {
        PricesGraph graph;
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        page.activated();
        auto* edit = child<QLineEdit>(page, "addSymbolEdit");
        auto* add = child<QPushButton>(page, "addSymbolButton");
        auto* message = child<QLabel>(page, "addSymbolMessage");
        QVERIFY(edit && add && message);

        QSignalSpy failed(&page, &PricesPage::addFailed);
        edit->setText(QStringLiteral("BTCUSDX"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE(failed.count(), 1);
        const QString sentence = failed.first().first().toString();
        QVERIFY2(
            sentence.contains(QStringLiteral("did you mean")) && sentence.contains(QStringLiteral("BTCUSDT")),
            qPrintable(sentence));
        QCOMPARE(message->text(), sentence);
        QVERIFY(!message->isHidden());
        QCOMPARE(page.model()->symbols().size(), 2);
        QCOMPARE(graph.settings->string(QStringLiteral("ui.watchlist")), QStringLiteral("BTCUSDT,ETHUSDT"));
        QCOMPARE(edit->text(), QStringLiteral("BTCUSDX")); // left for the person to correct
    }

    void addRemoveAndReorderAreSaved()
    {
        PricesGraph graph;
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        page.activated();
        WatchlistModel& model = *page.model();
        auto* edit = child<QLineEdit>(page, "addSymbolEdit");
        auto* add = child<QPushButton>(page, "addSymbolButton");

        // What people type resolves to the Binance symbol.
        QSignalSpy added(&page, &PricesPage::symbolAdded);
        edit->setText(QStringLiteral("sol"));
        QVERIFY(add->isEnabled());
        add->click();
        QTRY_COMPARE(added.count(), 1);
        QCOMPARE(added.first().first().toString(), QStringLiteral("SOLUSDT"));
        QCOMPARE(model.symbols().last(), QStringLiteral("SOLUSDT"));
        QCOMPARE(graph.settings->string(QStringLiteral("ui.watchlist")),
            QStringLiteral("BTCUSDT,ETHUSDT,SOLUSDT"));
        QCOMPARE(page.selectedSymbol(), QStringLiteral("SOLUSDT"));
        QVERIFY(edit->text().isEmpty());
        QTRY_VERIFY(hasTicker(model, QStringLiteral("SOLUSDT")));

        // The same symbol again is not added twice.
        edit->setText(QStringLiteral("BTC/USDT"));
        add->click();
        auto* message = child<QLabel>(page, "addSymbolMessage");
        QTRY_VERIFY(message->text().contains(QStringLiteral("already")));
        QCOMPARE(model.symbols().size(), 3);
        QCOMPARE(page.selectedSymbol(), QStringLiteral("BTCUSDT"));

        // Up/down buttons.
        page.selectSymbol(QStringLiteral("SOLUSDT"));
        child<QToolButton>(page, "moveUpButton")->click();
        QCOMPARE(model.symbols(),
            (QStringList {QStringLiteral("BTCUSDT"), QStringLiteral("SOLUSDT"), QStringLiteral("ETHUSDT")}));
        QCOMPARE(graph.settings->string(QStringLiteral("ui.watchlist")),
            QStringLiteral("BTCUSDT,SOLUSDT,ETHUSDT"));
        QCOMPARE(page.selectedSymbol(), QStringLiteral("SOLUSDT"));
        QVERIFY(child<QToolButton>(page, "moveUpButton")->isEnabled());
        QVERIFY(child<QToolButton>(page, "moveDownButton")->isEnabled());

        // A drag: ETHUSDT dropped before the first row.
        QTableView* table = page.table();
        const QModelIndex eth = model.index(model.rowOf(QStringLiteral("ETHUSDT")), 0);
        std::unique_ptr<QMimeData> mime(model.mimeData({eth}));
        QVERIFY(!model.dropMimeData(mime.get(), Qt::MoveAction, 0, 0, QModelIndex()));
        QCOMPARE(model.symbols(),
            (QStringList {QStringLiteral("ETHUSDT"), QStringLiteral("BTCUSDT"), QStringLiteral("SOLUSDT")}));
        QCOMPARE(graph.settings->string(QStringLiteral("ui.watchlist")),
            QStringLiteral("ETHUSDT,BTCUSDT,SOLUSDT"));
        QCOMPARE(table->model()->rowCount(), 3);

        // Remove with the button, then through the slot the Delete key calls.
        page.selectSymbol(QStringLiteral("BTCUSDT"));
        child<QToolButton>(page, "removeSymbolButton")->click();
        QCOMPARE(model.symbols(), (QStringList {QStringLiteral("ETHUSDT"), QStringLiteral("SOLUSDT")}));
        QCOMPARE(graph.settings->string(QStringLiteral("ui.watchlist")), QStringLiteral("ETHUSDT,SOLUSDT"));
        page.selectSymbol(QStringLiteral("ETHUSDT"));
        page.removeSelected();
        page.removeSelected();
        QVERIFY(model.symbols().isEmpty());
        QCOMPARE(graph.settings->string(QStringLiteral("ui.watchlist")), QString());
        QVERIFY(child<QWidget>(page, "watchlistEmpty")->isVisibleTo(&page));
        QCOMPARE(page.chart()->state(), CandlestickChart::State::Empty);
    }

    void sortingByColumn()
    {
        PricesGraph graph(QStringLiteral("ETHUSDT,BTCUSDT,SOLUSDT"));
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        page.activated();
        WatchlistModel& model = *page.model();
        QTRY_VERIFY(hasTicker(model, QStringLiteral("BTCUSDT")) && hasTicker(model, QStringLiteral("ETHUSDT"))
            && hasTicker(model, QStringLiteral("SOLUSDT")));
        QTableView* table = page.table();
        auto symbolAt = [table](int row) {
            return table->model()->index(row, 0).data(WatchlistModel::SymbolRole).toString();
        };
        // The watchlist order until a column is chosen.
        QCOMPARE(symbolAt(0), QStringLiteral("ETHUSDT"));
        table->sortByColumn(WatchlistModel::LastColumn, Qt::DescendingOrder);
        QCOMPARE(symbolAt(0), QStringLiteral("BTCUSDT"));
        QCOMPARE(symbolAt(2), QStringLiteral("SOLUSDT"));
        table->sortByColumn(WatchlistModel::SymbolColumn, Qt::AscendingOrder);
        QCOMPARE(symbolAt(0), QStringLiteral("BTCUSDT"));
        QCOMPARE(symbolAt(1), QStringLiteral("ETHUSDT"));
        // Reordering goes back to the watchlist order.
        page.selectSymbol(QStringLiteral("SOLUSDT"));
        page.moveSelected(-1);
        QCOMPARE(symbolAt(0), QStringLiteral("ETHUSDT"));
        QCOMPARE(symbolAt(1), QStringLiteral("SOLUSDT"));
    }

    void rowErrorsStayInTheirRow()
    {
        PricesGraph graph;
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        page.activated();
        WatchlistModel& model = *page.model();
        QTRY_VERIFY(
            hasTicker(model, QStringLiteral("BTCUSDT")) && hasTicker(model, QStringLiteral("ETHUSDT")));
        QTRY_VERIFY(!page.feed()->isRefreshing());

        graph.binance.removeSymbol(QStringLiteral("ETHUSDT"));
        graph.binance.setPrice(QStringLiteral("BTCUSDT"), QStringLiteral("66000.01000000"));
        graph.advance(11000);
        page.refresh();
        QTRY_VERIFY(!cell(model, QStringLiteral("ETHUSDT"), 0, WatchlistModel::ErrorRole).isEmpty());
        QTRY_COMPARE(
            cell(model, QStringLiteral("BTCUSDT"), WatchlistModel::LastColumn), QStringLiteral("66,000.01"));
        QVERIFY(cell(model, QStringLiteral("BTCUSDT"), 0, WatchlistModel::ErrorRole).isEmpty());
        const int eth = model.rowOf(QStringLiteral("ETHUSDT"));
        const QString tooltip = model.index(eth, WatchlistModel::LastColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tooltip.contains(QStringLiteral("ETHUSDT")), qPrintable(tooltip));
        QVERIFY(
            !model.index(eth, WatchlistModel::SymbolColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
        // The last good price stays visible.
        QVERIFY(cell(model, QStringLiteral("ETHUSDT"), WatchlistModel::LastColumn) != QStringLiteral("—"));
        QVERIFY(cell(model, QStringLiteral("ETHUSDT"), WatchlistModel::UpdatedColumn)
                    .startsWith(QStringLiteral("failed")));
    }

    void staleAnswersAreMarked()
    {
        PricesGraph graph(QStringLiteral("BTCUSDT"));
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        page.activated();
        WatchlistModel& model = *page.model();
        QTRY_VERIFY(hasTicker(model, QStringLiteral("BTCUSDT")));
        QTRY_VERIFY(!page.feed()->isRefreshing());

        graph.binance.setFailAlways(FakeUpstream::Failure::ServerError500);
        graph.advance(11000);
        page.refresh();
        QTRY_VERIFY(
            cell(model, QStringLiteral("BTCUSDT"), 0, WatchlistModel::StaleRole) == QStringLiteral("true"));
        const int row = model.rowOf(QStringLiteral("BTCUSDT"));
        QVERIFY(cell(model, QStringLiteral("BTCUSDT"), WatchlistModel::UpdatedColumn)
                    .startsWith(QStringLiteral("stale")));
        QVERIFY(!model.index(row, WatchlistModel::UpdatedColumn).data(Qt::ToolTipRole).toString().isEmpty());
        graph.binance.setFailAlways(std::nullopt);
    }

    void chartLoadsCandlesPerInterval()
    {
        PricesGraph graph;
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        page.resize(1000, 700);
        CandlestickChart* chart = page.chart();
        QCOMPARE(chart->state(), CandlestickChart::State::Loading); // not live yet: nothing asked
        QCOMPARE(klineRequests(graph.binance, QStringLiteral("1h"), PriceChartPanel::kCandleLimit), 0);

        page.activated();
        QTRY_COMPARE(chart->candleCount(), PriceChartPanel::kCandleLimit);
        QCOMPARE(chart->state(), CandlestickChart::State::Ready);
        QCOMPARE(chart->interval(), QStringLiteral("1h"));
        QCOMPARE(klineRequests(graph.binance, QStringLiteral("1h"), PriceChartPanel::kCandleLimit), 1);
        // The last candle closes at the fake's current price.
        QCOMPARE(chart->candles().last().closeText, graph.binance.price(QStringLiteral("BTCUSDT")));

        // Another interval: a request with that interval, new candles.
        const qint64 firstOpen = chart->candles().first().openTime;
        QSignalSpy loaded(page.chartPanel(), &PriceChartPanel::loaded);
        child<QToolButton>(page, "interval_15m")->click();
        QCOMPARE(chart->candleCount(), 0); // cleared at once, so old candles never show on a new scale
        QTRY_COMPARE(chart->candleCount(), PriceChartPanel::kCandleLimit);
        QCOMPARE(chart->interval(), QStringLiteral("15m"));
        QCOMPARE(klineRequests(graph.binance, QStringLiteral("15m"), PriceChartPanel::kCandleLimit), 1);
        QVERIFY(chart->candles().first().openTime > firstOpen);
        QCOMPARE(chart->candles().at(1).openTime - chart->candles().at(0).openTime, 15 * 60 * 1000);
        QCOMPARE(loaded.count(), 1);

        // Another symbol.
        page.selectSymbol(QStringLiteral("ETHUSDT"));
        QTRY_VERIFY(chart->candleCount() > 0
            && chart->candles().last().closeText == graph.binance.price(QStringLiteral("ETHUSDT")));
        QCOMPARE(child<QLabel>(page, "chartSymbol")->text(), QStringLiteral("ETHUSDT"));
    }

    void chartErrorIsShownInPlace()
    {
        PricesGraph graph;
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        graph.binance.setFailAlways(FakeUpstream::Failure::RateLimited429, 30);
        page.activated();
        CandlestickChart* chart = page.chart();
        QTRY_COMPARE(chart->state(), CandlestickChart::State::Error);
        QVERIFY(!chart->errorText().isEmpty());
        graph.binance.setFailAlways(std::nullopt);
    }

    void overlaysToggle()
    {
        PricesGraph graph;
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        page.resize(1000, 700);
        page.activated();
        CandlestickChart* chart = page.chart();
        QTRY_COMPARE(chart->candleCount(), PriceChartPanel::kCandleLimit);
        QCOMPARE(chart->overlayIds(), (QStringList {QStringLiteral("sma20"), QStringLiteral("sma50")}));
        QVERIFY(chart->isLastPriceLineVisible());

        // SMA 20 is defined from the 20th candle on.
        const ChartOverlay sma20 = chart->overlays().first();
        QCOMPARE(sma20.values.size(), PriceChartPanel::kCandleLimit);
        QVERIFY(!sma20.values.at(18).has_value());
        QVERIFY(sma20.values.at(19).has_value());

        child<QToolButton>(page, "overlay_bollinger")->click();
        QCOMPARE(chart->overlayIds(),
            (QStringList {QStringLiteral("sma20"), QStringLiteral("sma50"), QStringLiteral("bollinger"),
                QStringLiteral("bollinger_middle")}));
        const ChartOverlay band = chart->overlays().at(2);
        QCOMPARE(band.kind, ChartOverlay::Kind::Band);
        QVERIFY(*band.values.last() > *band.lower.last());

        child<QToolButton>(page, "overlay_sma20")->click();
        child<QToolButton>(page, "overlay_ema20")->click();
        QCOMPARE(chart->overlayIds(),
            (QStringList {QStringLiteral("sma50"), QStringLiteral("ema20"), QStringLiteral("bollinger"),
                QStringLiteral("bollinger_middle")}));
        child<QToolButton>(page, "overlay_last_price")->click();
        QVERIFY(!chart->isLastPriceLineVisible());
        QVERIFY(!page.chartPanel()->isOverlayEnabled(QStringLiteral("last_price")));

        // Overlays follow new candles (another interval).
        child<QToolButton>(page, "interval_4h")->click();
        QTRY_COMPARE(chart->candleCount(), PriceChartPanel::kCandleLimit);
        QCOMPARE(chart->overlays().size(), 4);
        QCOMPARE(chart->overlays().first().values.size(), PriceChartPanel::kCandleLimit);
    }

    void chartDrawsSomething()
    {
        PricesGraph graph;
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        page.resize(1000, 700);
        page.show();
        page.activated();
        CandlestickChart* chart = page.chart();
        QTRY_COMPARE(chart->candleCount(), PriceChartPanel::kCandleLimit);
        const QImage image = chart->grab().toImage();
        QVERIFY(!image.isNull());
        const int inked = inkedPixels(image, chart->palette().color(QPalette::Base));
        QVERIFY2(inked > image.width() * image.height() / 50, qPrintable(QString::number(inked)));
    }

    void noRequestStorm()
    {
        PricesGraph graph(QStringLiteral("BTCUSDT,ETHUSDT,SOLUSDT"));
        QVERIFY(graph.ready());
        PricesPage page(*graph.context);
        page.activated();
        QTRY_VERIFY(page.feed()->completedRounds() >= 1);
        QTRY_COMPARE(page.chart()->candleCount(), PriceChartPanel::kCandleLimit);
        const int before = graph.binance.requestCount();
        const int tickers = graph.binance.requestCount(QStringLiteral("/api/v3/ticker/24hr"));
        QCOMPARE(tickers, 3);

        // Ten ticks within the cache lifetime: answered from the cache, nothing goes upstream.
        for (int i = 0; i < 10; ++i) {
            QSignalSpy finished(page.feed(), &PriceFeed::roundFinished);
            page.refresh();
            QTRY_COMPARE(finished.count(), 1);
            QTRY_VERIFY(!page.chartPanel()->isLoading());
        }
        QCOMPARE(graph.binance.requestCount(), before);

        // A slow upstream: ticks that fall due while a round is running are skipped, not stacked.
        graph.binance.setDelay(300);
        graph.advance(11000);
        const int skipped = page.feed()->skippedRounds();
        QSignalSpy finished(page.feed(), &PriceFeed::roundFinished);
        page.refresh();
        QVERIFY(page.feed()->isRefreshing());
        page.refresh();
        page.refresh();
        QCOMPARE(page.feed()->skippedRounds(), skipped + 2);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(graph.binance.requestCount(QStringLiteral("/api/v3/ticker/24hr")), tickers + 3);
    }
};

QTEST_MAIN(TestPricesPage)
#include "tst_pricespage.moc"
