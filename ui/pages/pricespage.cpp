#include "pages/pricespage.h"

#include "backend/backend.h"
#include "config/settings.h"
#include "pages/chartoverlays.h"
#include "pages/pricechartpanel.h"
#include "pages/pricefeed.h"
#include "pages/watchlistmodel.h"
#include "theme.h"
#include "uicontext.h"
#include "widgets/candlestickchart.h"
#include "widgets/emptystate.h"
#include "widgets/sparklinedelegate.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcPricesPage, "finagent.prices")

namespace
{

const QString kWatchlist = QStringLiteral("ui.watchlist");
const QString kRefresh = QStringLiteral("ui.price_refresh_ms");
constexpr int kMinRefreshMs = 1000;
constexpr int kMaxSymbols = 50;

} // namespace

PricesPage::PricesPage(UiContext& context, QWidget* parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("pricesPage"));
    m_model = new WatchlistModel(this);
    m_feed = new PriceFeed(context.backend(), *m_model, this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::sectionSpacing());

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_splitter = splitter;
    splitter->setObjectName(QStringLiteral("pricesSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(Theme::sectionSpacing());
    splitter->addWidget(buildWatchlist());

    QVBoxLayout* chartBox = nullptr;
    QFrame* chartCard = Theme::card(QString(), &chartBox, splitter);
    m_chartPanel = new PriceChartPanel(context.backend(), chartCard);
    chartBox->addWidget(m_chartPanel, 1);
    restoreChartView();
    connect(m_chartPanel, &PriceChartPanel::viewChanged, this, &PricesPage::saveChartView);
    splitter->addWidget(chartCard);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    m_timer = new QTimer(this);
    m_timer->setObjectName(QStringLiteral("refreshTimer"));
    connect(m_timer, &QTimer::timeout, this, &PricesPage::refresh);
    m_ageTimer = new QTimer(this);
    m_ageTimer->setInterval(1000);
    connect(m_ageTimer, &QTimer::timeout, m_model, &WatchlistModel::refreshAges);
    applyInterval();

    connect(&context.settings(), &Settings::changed, this, &PricesPage::onSettingChanged);
    connect(m_model, &WatchlistModel::reordered, this, [this]() {
        // A chosen order is shown as is: sorting by a column would hide the move.
        m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
        saveWatchlist();
        updateButtons();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex& from, const QModelIndex& to) {
            const int selected = m_model->rowOf(selectedSymbol());
            if (selected >= from.row() && selected <= to.row() && to.column() > WatchlistModel::SymbolColumn)
                updateQuote();
        });

    loadWatchlist();
}

PricesPage::~PricesPage() = default;

QIcon PricesPage::icon() const
{
    return Theme::icon(QStringLiteral("prices"));
}

CandlestickChart* PricesPage::chart() const
{
    return m_chartPanel->chart();
}

QWidget* PricesPage::buildWatchlist()
{
    QVBoxLayout* box = nullptr;
    QFrame* card = Theme::card(tr("Watchlist"), &box, this);

    auto* row = new QHBoxLayout;
    row->setSpacing(Theme::spacing());
    m_addEdit = new QLineEdit(card);
    m_addEdit->setObjectName(QStringLiteral("addSymbolEdit"));
    m_addEdit->setPlaceholderText(tr("Add a symbol: BTC, ETH/USDT, solana…"));
    m_addEdit->setAccessibleName(tr("Symbol to add"));
    m_addEdit->setClearButtonEnabled(true);
    m_addEdit->setMaxLength(40);
    connect(m_addEdit, &QLineEdit::returnPressed, this, [this]() { addSymbol(m_addEdit->text()); });
    connect(m_addEdit, &QLineEdit::textEdited, this, [this]() {
        if (!m_addRequest)
            showAddMessage(QString(), false);
    });
    connect(m_addEdit, &QLineEdit::textChanged, this, &PricesPage::updateButtons);
    row->addWidget(m_addEdit, 1);
    m_addButton = new QPushButton(Theme::icon(QStringLiteral("add")), tr("Add"), card);
    m_addButton->setObjectName(QStringLiteral("addSymbolButton"));
    connect(m_addButton, &QPushButton::clicked, this, [this]() { addSymbol(m_addEdit->text()); });
    row->addWidget(m_addButton);
    row->addSpacing(Theme::sectionSpacing());

    auto toolButton = [card](const QString& name, const QString& text, const QString& tip) {
        auto* b = new QToolButton(card);
        b->setObjectName(name);
        b->setText(text);
        b->setToolTip(tip);
        b->setAccessibleName(tip);
        b->setAutoRaise(true);
        return b;
    };
    m_up = toolButton(QStringLiteral("moveUpButton"), QStringLiteral("↑"), tr("Move up (Alt+Up)"));
    connect(m_up, &QToolButton::clicked, this, [this]() { moveSelected(-1); });
    m_down = toolButton(QStringLiteral("moveDownButton"), QStringLiteral("↓"), tr("Move down (Alt+Down)"));
    connect(m_down, &QToolButton::clicked, this, [this]() { moveSelected(1); });
    m_remove =
        toolButton(QStringLiteral("removeSymbolButton"), QString(), tr("Remove from the watchlist (Delete)"));
    m_remove->setIcon(Theme::icon(QStringLiteral("remove")));
    m_remove->setText(tr("Remove"));
    m_remove->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_remove, &QToolButton::clicked, this, &PricesPage::removeSelected);
    row->addWidget(m_up);
    row->addWidget(m_down);
    row->addWidget(m_remove);
    box->addLayout(row);

    m_addMessage = new QLabel(card);
    m_addMessage->setObjectName(QStringLiteral("addSymbolMessage"));
    m_addMessage->setWordWrap(true);
    m_addMessage->setTextFormat(Qt::PlainText);
    m_addMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_addMessage->hide();
    box->addWidget(m_addMessage);

    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(WatchlistModel::SortRole);
    m_sorted->setDynamicSortFilter(true);

    m_table = new QTableView(card);
    m_table->setObjectName(QStringLiteral("watchlistTable"));
    m_table->setAccessibleName(tr("Watchlist"));
    m_table->setModel(m_sorted);
    m_table->setItemDelegateForColumn(
        WatchlistModel::TrendColumn, new SparklineDelegate(WatchlistModel::SparklineRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setIconSize(QSize(16, 16));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 16);
    QHeaderView* header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    header->resizeSection(WatchlistModel::SymbolColumn, em * 9);
    header->resizeSection(WatchlistModel::LastColumn, em * 10);
    header->resizeSection(WatchlistModel::ChangeColumn, em * 8);
    header->resizeSection(WatchlistModel::VolumeColumn, em * 8);
    header->resizeSection(WatchlistModel::TrendColumn, em * 12);
    m_table->setSortingEnabled(true);
    m_table->setDragEnabled(true);
    m_table->setAcceptDrops(true);
    m_table->setDragDropMode(QAbstractItemView::InternalMove);
    m_table->setDefaultDropAction(Qt::MoveAction);
    m_table->setDropIndicatorShown(true);
    m_table->setDragDropOverwriteMode(false);
    m_table->setMinimumHeight(
        m_table->verticalHeader()->defaultSectionSize() * 3 + header->sizeHint().height());
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &PricesPage::onSelectionChanged);
    connect(m_sorted, &QAbstractItemModel::modelReset, this, &PricesPage::onSelectionChanged);

    auto* remove = new QShortcut(QKeySequence::Delete, m_table);
    remove->setContext(Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &PricesPage::removeSelected);
    auto* up = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Up), m_table);
    up->setContext(Qt::WidgetShortcut);
    connect(up, &QShortcut::activated, this, [this]() { moveSelected(-1); });
    auto* down = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Down), m_table);
    down->setContext(Qt::WidgetShortcut);
    connect(down, &QShortcut::activated, this, [this]() { moveSelected(1); });

    m_empty = new EmptyState(Theme::icon(QStringLiteral("prices")),
        tr("Your watchlist is empty. Add a symbol above, such as BTC, ETH/USDT or solana."), card);
    m_empty->setObjectName(QStringLiteral("watchlistEmpty"));

    m_tableStack = new QStackedWidget(card);
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(m_empty);
    box->addWidget(m_tableStack, 1);
    return card;
}

void PricesPage::activated()
{
    m_active = true;
    m_chartPanel->setLive(true);
    refresh();
    m_timer->start();
    m_ageTimer->start();
}

void PricesPage::deactivated()
{
    m_active = false;
    m_timer->stop();
    m_ageTimer->stop();
    m_chartPanel->setLive(false);
}

void PricesPage::refresh()
{
    if (!m_feed->refresh())
        qCDebug(lcPricesPage) << "price refresh skipped: the previous one is still running";
    m_chartPanel->refresh();
}

QString PricesPage::selectedSymbol() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(WatchlistModel::SymbolRole).toString() : QString();
}

void PricesPage::selectSymbol(const QString& symbol)
{
    const int row = m_model->rowOf(symbol);
    if (row < 0)
        return;
    const QModelIndex index = m_sorted->mapFromSource(m_model->index(row, WatchlistModel::SymbolColumn));
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void PricesPage::addSymbol(const QString& text)
{
    const QString input = text.trimmed();
    if (input.isEmpty()) {
        showAddMessage(tr("Type a symbol such as BTCUSDT, ETH/USDT or a coin name like solana."), true);
        return;
    }
    if (m_model->symbols().size() >= kMaxSymbols) {
        showAddMessage(
            tr("The watchlist holds up to %1 symbols. Remove one to add another.").arg(kMaxSymbols), true);
        return;
    }
    delete m_addRequest;
    m_addRequest = new QObject(this);
    showAddMessage(tr("Checking %1…").arg(input), false);
    updateButtons();
    context().backend().callTool(QStringLiteral("get_spot_price"),
        QJsonObject {{QStringLiteral("symbol"), input}}, m_addRequest, [this, input](ToolOutcome out) {
            if (m_addRequest)
                m_addRequest->deleteLater();
            m_addRequest = nullptr;
            updateButtons();
            if (!out.ok) {
                const QString message = out.error.message.isEmpty()
                    ? tr("%1 could not be checked. Try again in a moment.").arg(input)
                    : out.error.message;
                showAddMessage(message, true);
                Q_EMIT addFailed(message);
                return;
            }
            const QString symbol = out.structured.value(QStringLiteral("symbol")).toString();
            if (m_model->contains(symbol)) {
                showAddMessage(tr("%1 is already on your watchlist.").arg(symbol), false);
                selectSymbol(symbol);
                return;
            }
            m_model->addSymbol(symbol);
            m_model->setSpotPrice(symbol, out.structured);
            saveWatchlist();
            updateEmpty();
            m_addEdit->clear();
            showAddMessage(QString(), false);
            selectSymbol(symbol);
            if (m_active)
                m_feed->refreshSymbol(symbol);
            Q_EMIT symbolAdded(symbol);
        });
}

void PricesPage::removeSelected()
{
    const QString symbol = selectedSymbol();
    if (symbol.isEmpty())
        return;
    const int viewRow = m_table->selectionModel()->currentIndex().row();
    m_model->removeSymbol(symbol);
    saveWatchlist();
    updateEmpty();
    if (m_sorted->rowCount() > 0) {
        const QModelIndex next = m_sorted->index(std::min(viewRow, m_sorted->rowCount() - 1), 0);
        m_table->selectionModel()->setCurrentIndex(
            next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    onSelectionChanged();
}

void PricesPage::moveSelected(int delta)
{
    const QString symbol = selectedSymbol();
    const int row = m_model->rowOf(symbol);
    if (row < 0)
        return;
    const int target = row + delta;
    if (target < 0 || target >= m_model->rowCount())
        return;
    m_model->moveSymbol(symbol, target);
    selectSymbol(symbol);
}

void PricesPage::loadWatchlist()
{
    QStringList symbols;
    for (const QString& s : context().settings().list(kWatchlist)) {
        const QString upper = s.toUpper();
        if (!symbols.contains(upper))
            symbols.append(upper);
    }
    const QString selected = selectedSymbol();
    m_model->setSymbols(symbols.mid(0, kMaxSymbols));
    updateEmpty();
    if (m_model->contains(selected))
        selectSymbol(selected);
    else if (m_model->rowCount() > 0)
        selectSymbol(m_sorted->index(0, 0).data(WatchlistModel::SymbolRole).toString());
    onSelectionChanged();
}

void PricesPage::saveWatchlist()
{
    const Result<void> saved =
        context().settings().setValue(kWatchlist, m_model->symbols().join(QLatin1Char(',')));
    if (!saved)
        showAddMessage(tr("The watchlist could not be saved: %1").arg(saved.error().message), true);
}

void PricesPage::showAddMessage(const QString& text, bool error)
{
    m_addMessage->setText(text);
    m_addMessage->setVisible(!text.isEmpty());
    QPalette pal = m_addMessage->palette();
    pal.setColor(QPalette::WindowText, error ? Theme::negative(palette()) : Theme::muted(palette()));
    m_addMessage->setPalette(pal);
    m_addMessage->setProperty("error", error);
}

void PricesPage::onSelectionChanged()
{
    m_chartPanel->setSymbol(selectedSymbol());
    updateQuote();
    updateButtons();
}

void PricesPage::updateQuote()
{
    const WatchlistModel::Row* row = m_model->row(selectedSymbol());
    if (row)
        m_chartPanel->setQuote(row->lastPrice, row->changePercent);
}

void PricesPage::updateButtons()
{
    const int row = m_model->rowOf(selectedSymbol());
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < m_model->rowCount() - 1);
    m_addButton->setEnabled(!m_addRequest && !m_addEdit->text().trimmed().isEmpty());
}

void PricesPage::updateEmpty()
{
    const bool empty = m_model->rowCount() == 0;
    m_tableStack->setCurrentWidget(empty ? static_cast<QWidget*>(m_empty) : m_table);
    chart()->setEmptyText(empty ? tr("Add a symbol to the watchlist to see its chart here.")
                                : tr("Select a symbol in the watchlist to see its chart."));
}

void PricesPage::applyInterval()
{
    m_timer->setInterval(std::max(kMinRefreshMs, context().settings().integer(kRefresh)));
}

void PricesPage::onSettingChanged(const QString& name)
{
    if (name == kRefresh) {
        applyInterval();
    } else if (name == kWatchlist) {
        // Changed elsewhere (the settings file, another window): follow it.
        QStringList wanted;
        for (const QString& s : context().settings().list(kWatchlist))
            wanted.append(s.toUpper());
        if (wanted != m_model->symbols()) {
            loadWatchlist();
            if (m_active)
                m_feed->refresh();
        }
    }
}

void PricesPage::showEvent(QShowEvent* event)
{
    Page::showEvent(event);
    if (!m_splitterFitted) {
        m_splitterFitted = true;
        fitWatchlist();
    }
}

void PricesPage::fitWatchlist()
{
    // The watchlist gets room for its rows (three to eight of them), the chart the rest.
    QWidget* card = m_splitter->widget(0);
    const int total = m_splitter->height() - m_splitter->handleWidth();
    const int chrome = card->height() - m_tableStack->height();
    const int rows = std::clamp(m_model->rowCount(), 3, 8);
    const int table = m_table->horizontalHeader()->height()
        + rows * m_table->verticalHeader()->defaultSectionSize() + 2 * m_table->frameWidth() + 2;
    const int watchlist = std::min(chrome + table, total / 2);
    m_splitter->setSizes({watchlist, std::max(0, total - watchlist)});
}

void PricesPage::changeEvent(QEvent* event)
{
    Page::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_addMessage)
        showAddMessage(m_addMessage->text(), m_addMessage->property("error").toBool());
}

void PricesPage::restoreChartView()
{
    Settings& settings = context().settings();
    m_chartPanel->setInterval(settings.string(QStringLiteral("ui.chart_interval")));
    const QStringList wanted = settings.list(QStringLiteral("ui.chart_overlays"));
    QStringList all = ChartOverlays::ids();
    all.append(QStringLiteral("last_price"));
    for (const QString& id : all)
        m_chartPanel->setOverlayEnabled(id, wanted.contains(id));
}

void PricesPage::saveChartView()
{
    Settings& settings = context().settings();
    settings.setValue(QStringLiteral("ui.chart_interval"), m_chartPanel->interval());
    settings.setValue(QStringLiteral("ui.chart_overlays"), m_chartPanel->enabledOverlays().join(QLatin1Char(',')));
}
