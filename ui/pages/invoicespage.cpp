#include "pages/invoicespage.h"

#include "backend/backend.h"
#include "config/settings.h"
#include "pages/invoicecsv.h"
#include "pages/invoicedetailpane.h"
#include "pages/newinvoicedialog.h"
#include "theme.h"
#include "uicontext.h"
#include "widgets/copyfield.h"
#include "widgets/emptystate.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

Q_LOGGING_CATEGORY(lcInvoicesPage, "finagent.invoices")

namespace
{

const QString kRefreshSetting = QStringLiteral("ui.invoice_refresh_ms");
const QString kInvoiceUriPrefix = QStringLiteral("payment://invoice/");
constexpr int kMinRefreshMs = 1000;
constexpr int kMaxListLimit = 200; // list_invoices' largest page
constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

// Sorts with the model's own comparison (amounts as decimals) and filters on the search text.
class InvoiceProxy : public QSortFilterProxyModel
{
public:
    InvoiceProxy(InvoiceTableModel* model, QObject* parent)
        : QSortFilterProxyModel(parent)
        , m_model(model)
    {
        setSourceModel(model);
        setFilterRole(InvoiceTableModel::SearchRole);
        setFilterCaseSensitivity(Qt::CaseInsensitive);
        setFilterKeyColumn(InvoiceTableModel::IdColumn);
        setDynamicSortFilter(true);
    }

protected:
    bool lessThan(const QModelIndex& a, const QModelIndex& b) const override
    {
        return m_model->lessThan(a.row(), b.row(), a.column());
    }

private:
    InvoiceTableModel* m_model;
};

// The status column as a coloured badge.
class StatusBadgeDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text;
        opt.text.clear();
        const QWidget* widget = opt.widget;
        QStyle* style = widget ? widget->style() : nullptr;
        if (style)
            style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        // On a selected row the badge takes the selection's text colour, readable on its background.
        const bool selected = opt.state & QStyle::State_Selected;
        const QColor color = selected ? opt.palette.color(QPalette::HighlightedText)
                                      : InvoiceTableModel::statusColor(
                                          index.data(InvoiceTableModel::StatusRole).toString(), opt.palette);
        QFont font = opt.font;
        font.setWeight(QFont::DemiBold);
        const QFontMetrics fm(font);
        const int height = fm.height() + 4;
        const int width = fm.horizontalAdvance(text) + 20;
        const QRect pill(opt.rect.left() + 6, opt.rect.center().y() - height / 2 + 1, width, height);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        QColor fill = color;
        fill.setAlphaF(selected ? 0.22f : 0.15f);
        painter->setBrush(fill);
        painter->drawRoundedRect(QRectF(pill), height / 2.0, height / 2.0);
        painter->setFont(font);
        painter->setPen(color);
        painter->drawText(pill, Qt::AlignCenter, text);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        QFont font = option.font;
        font.setWeight(QFont::DemiBold);
        size.setWidth(QFontMetrics(font).horizontalAdvance(index.data().toString()) + 36);
        return size;
    }
};

qint64 startOfDay(const QDate& day)
{
    return day.startOfDay().toMSecsSinceEpoch();
}

} // namespace

struct InvoicesPage::Round
{
    int generation = 0;
    int target = 0; // invoices to list before stopping
    bool append = false; // the next page (true) or the first pages again (false)
    QString cursor;
    QList<InvoiceItem> items;
    int total = 0;
    QString nextCursor;
};

InvoicesPage::InvoicesPage(UiContext& context, QWidget* parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("invoicesPage"));
    m_model = new InvoiceTableModel(this);
    m_proxy = new InvoiceProxy(m_model, this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::spacing());
    layout->addWidget(buildToolbar());

    m_sandboxNote = new QLabel(this);
    m_sandboxNote->setObjectName(QStringLiteral("sandboxNote"));
    m_sandboxNote->setTextFormat(Qt::RichText);
    m_sandboxNote->setWordWrap(true);
    m_sandboxNote->hide();
    layout->addWidget(m_sandboxNote);

    m_errorBanner = new QFrame(this);
    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));
    m_errorBanner->setFrameShape(QFrame::StyledPanel);
    auto* bannerRow = new QHBoxLayout(m_errorBanner);
    bannerRow->setContentsMargins(Theme::spacing() + 4, 6, 6, 6);
    auto* bannerIcon = new QLabel(m_errorBanner);
    bannerIcon->setPixmap(Theme::icon(QStringLiteral("warning")).pixmap(QSize(18, 18), devicePixelRatioF()));
    bannerRow->addWidget(bannerIcon, 0, Qt::AlignTop);
    m_errorText = new QLabel(m_errorBanner);
    m_errorText->setObjectName(QStringLiteral("errorText"));
    m_errorText->setWordWrap(true);
    m_errorText->setTextFormat(Qt::PlainText);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bannerRow->addWidget(m_errorText, 1);
    m_retry = new QPushButton(m_errorBanner);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    connect(m_retry, &QPushButton::clicked, this, [this]() {
        if (m_loadedOnce)
            refresh();
        else
            reload();
    });
    bannerRow->addWidget(m_retry, 0, Qt::AlignVCenter);
    m_errorBanner->hide();
    layout->addWidget(m_errorBanner);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("invoicesSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setHandleWidth(Theme::sectionSpacing());

    QVBoxLayout* tableBox = nullptr;
    QFrame* tableCard = Theme::card(QString(), &tableBox, m_splitter);
    tableBox->setContentsMargins(1, 1, 1, Theme::spacing());
    m_table = new QTableView(tableCard);
    m_table->setObjectName(QStringLiteral("invoiceTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(InvoiceTableModel::StatusColumn, new StatusBadgeDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 16);
    QHeaderView* header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionsMovable(true);
    header->setStretchLastSection(false);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    // Every status badge fits; the other columns get what their usual content needs, and the
    // description takes the rest.
    QFont bold = font();
    bold.setWeight(QFont::DemiBold);
    int badge = 0;
    for (const char* st : {"pending", "paid", "underpaid", "overpaid", "expired", "cancelled"})
        badge = qMax(
            badge, QFontMetrics(bold).horizontalAdvance(InvoiceTableModel::statusName(QLatin1String(st))));
    header->resizeSection(InvoiceTableModel::StatusColumn, badge + 36);
    header->resizeSection(InvoiceTableModel::IdColumn, em * 9);
    header->setSectionResizeMode(InvoiceTableModel::DescriptionColumn, QHeaderView::Stretch);
    header->resizeSection(InvoiceTableModel::AmountColumn, em * 11);
    header->resizeSection(InvoiceTableModel::UsdColumn, em * 7);
    header->resizeSection(InvoiceTableModel::NetworkColumn, em * 5 + 4);
    header->resizeSection(InvoiceTableModel::CreatedColumn, em * 6 + 4);
    header->resizeSection(InvoiceTableModel::ExpiresColumn, em * 6 + 4);
    header->setMinimumSectionSize(em * 4);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(InvoiceTableModel::CreatedColumn, Qt::DescendingOrder);
    m_table->setMinimumHeight(
        m_table->verticalHeader()->defaultSectionSize() * 4 + header->sizeHint().height());
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &InvoicesPage::onSelectionChanged);
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        // Lazy loading: the next page when the last rows come into view.
        if (value >= m_table->verticalScrollBar()->maximum() - 2 && hasMore())
            loadMore();
    });

    m_empty = new EmptyState(Theme::icon(QStringLiteral("invoices")), QString(), tableCard);
    m_empty->setObjectName(QStringLiteral("invoicesEmpty"));
    connect(m_empty, &EmptyState::actionTriggered, this, [this]() {
        if (!m_error.isEmpty() && !m_loadedOnce)
            reload();
        else if (hasFilters())
            clearFilters();
        else
            newInvoice();
    });
    m_tableStack = new QStackedWidget(tableCard);
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(m_empty);
    tableBox->addWidget(m_tableStack, 1);

    auto* footerRow = new QHBoxLayout;
    footerRow->setContentsMargins(Theme::spacing() + 4, 0, Theme::spacing(), 0);
    footerRow->setSpacing(Theme::spacing());
    m_footer = Theme::hintLabel(QString(), tableCard);
    m_footer->setObjectName(QStringLiteral("footerText"));
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    footerRow->addWidget(m_footer, 1);
    m_loadMore = new QPushButton(tableCard);
    m_loadMore->setObjectName(QStringLiteral("loadMoreButton"));
    m_loadMore->setFlat(true);
    connect(m_loadMore, &QPushButton::clicked, this, &InvoicesPage::loadMore);
    footerRow->addWidget(m_loadMore);
    tableBox->addLayout(footerRow);
    m_splitter->addWidget(tableCard);

    QVBoxLayout* detailBox = nullptr;
    QFrame* detailCard = Theme::card(QString(), &detailBox, m_splitter);
    detailBox->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(detailCard);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The card's colour behind the pane, not the window's.
    scroll->setBackgroundRole(QPalette::Base);
    scroll->viewport()->setBackgroundRole(QPalette::Base);
    scroll->viewport()->setAutoFillBackground(true);
    m_detail = new InvoiceDetailPane(scroll);
    m_detail->setContentsMargins(Theme::sectionSpacing(), Theme::sectionSpacing() - 2,
        Theme::sectionSpacing(), Theme::sectionSpacing());
    m_detail->setAutoFillBackground(false);
    scroll->setWidget(m_detail);
    detailBox->addWidget(scroll);
    detailCard->setMinimumWidth(em * 22);
    m_detailCard = detailCard;
    m_splitter->addWidget(detailCard);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({780, 360});
    layout->addWidget(m_splitter, 1);
    connect(m_detail, &InvoiceDetailPane::simulateRequested, this, &InvoicesPage::simulatePayment);

    connect(m_model, &QAbstractItemModel::dataChanged, this, &InvoicesPage::updateDetail);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &InvoicesPage::updateState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &InvoicesPage::updateState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &InvoicesPage::updateState);

    auto shortcut = [this](const QKeySequence& keys, Qt::ShortcutContext where, QWidget* owner) {
        auto* s = new QShortcut(keys, owner);
        s->setContext(where);
        return s;
    };
    connect(shortcut(QKeySequence::New, Qt::WidgetWithChildrenShortcut, this), &QShortcut::activated, this,
        &InvoicesPage::newInvoice);
    connect(shortcut(QKeySequence::Find, Qt::WidgetWithChildrenShortcut, this), &QShortcut::activated, this,
        [this]() {
            m_search->setFocus(Qt::ShortcutFocusReason);
            m_search->selectAll();
        });
    connect(shortcut(QKeySequence::Refresh, Qt::WidgetWithChildrenShortcut, this), &QShortcut::activated,
        this, &InvoicesPage::refresh);
    connect(shortcut(QKeySequence::Copy, Qt::WidgetShortcut, m_table), &QShortcut::activated, this, [this]() {
        const QString id = selectedInvoiceId();
        if (!id.isEmpty())
            CopyField::copyToClipboard(id, false);
    });
    connect(shortcut(QKeySequence(Qt::Key_Escape), Qt::WidgetShortcut, m_search), &QShortcut::activated, this,
        [this]() {
            m_search->clear();
            m_table->setFocus(Qt::ShortcutFocusReason);
        });

    m_timer = new QTimer(this);
    m_timer->setObjectName(QStringLiteral("refreshTimer"));
    connect(m_timer, &QTimer::timeout, this, [this]() {
        m_model->refreshTimes();
        refresh();
    });
    m_soon = new QTimer(this);
    m_soon->setSingleShot(true);
    m_soon->setInterval(250);
    connect(m_soon, &QTimer::timeout, this, [this]() {
        if (m_round)
            m_soon->start(); // after the running round, not beside it
        else if (m_active)
            refresh();
    });
    applyInterval();

    connect(&context.settings(), &Settings::changed, this, &InvoicesPage::onSettingChanged);
    Backend& backend = context.backend();
    connect(&backend, &McpHandler::resourceUpdated, this, &InvoicesPage::onResourceUpdated);
    connect(&backend, &McpHandler::listChanged, this, [this](const QString& kind) {
        // The local | remote switch changed what answers: read the configuration and list again.
        if (kind == QLatin1String("tools")) {
            loadConfig();
            reload();
        }
    });

    retranslate();
    loadConfig();
    reload();
}

InvoicesPage::~InvoicesPage() = default;

QIcon InvoicesPage::icon() const
{
    return Theme::icon(QStringLiteral("invoices"));
}

QWidget* InvoicesPage::buildToolbar()
{
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(Theme::spacing());

    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 14);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text.trimmed());
        updateState();
    });
    row->addWidget(m_search, 2);

    m_status = new QComboBox(bar);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_status, &QComboBox::activated, this, &InvoicesPage::reload);
    row->addWidget(m_status);

    m_network = new QComboBox(bar);
    m_network->setObjectName(QStringLiteral("networkFilter"));
    m_network->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_network, &QComboBox::activated, this, &InvoicesPage::reload);
    row->addWidget(m_network);

    m_date = new QComboBox(bar);
    m_date->setObjectName(QStringLiteral("dateFilter"));
    m_date->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_date, &QComboBox::activated, this, &InvoicesPage::onDateChoice);
    row->addWidget(m_date);

    const QDate today = QDate::currentDate();
    m_from = new QDateEdit(today.addDays(-30), bar);
    m_from->setObjectName(QStringLiteral("dateFrom"));
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_to = new QDateEdit(today, bar);
    m_to->setObjectName(QStringLiteral("dateTo"));
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_dateDash = new QLabel(QStringLiteral("–"), bar);
    for (QWidget* w :
        {static_cast<QWidget*>(m_from), static_cast<QWidget*>(m_dateDash), static_cast<QWidget*>(m_to)}) {
        w->hide();
        row->addWidget(w);
    }
    connect(m_from, &QDateEdit::dateChanged, this, &InvoicesPage::onDateChoice);
    connect(m_to, &QDateEdit::dateChanged, this, &InvoicesPage::onDateChoice);

    m_clearFilters = new QToolButton(bar);
    m_clearFilters->setObjectName(QStringLiteral("clearFiltersButton"));
    m_clearFilters->setAutoRaise(true);
    m_clearFilters->hide();
    connect(m_clearFilters, &QToolButton::clicked, this, &InvoicesPage::clearFilters);
    row->addWidget(m_clearFilters);
    row->addStretch(1);

    m_refresh = new QToolButton(bar);
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    m_refresh->setIcon(Theme::icon(QStringLiteral("refresh")));
    m_refresh->setAutoRaise(true);
    connect(m_refresh, &QToolButton::clicked, this, &InvoicesPage::refresh);
    row->addWidget(m_refresh);

    m_export = new QPushButton(Theme::icon(QStringLiteral("export")), QString(), bar);
    m_export->setObjectName(QStringLiteral("exportButton"));
    connect(m_export, &QPushButton::clicked, this, &InvoicesPage::chooseExportFile);
    row->addWidget(m_export);

    m_new = new QPushButton(Theme::icon(QStringLiteral("add")), QString(), bar);
    m_new->setObjectName(QStringLiteral("newInvoiceButton"));
    m_new->setDefault(true);
    connect(m_new, &QPushButton::clicked, this, &InvoicesPage::newInvoice);
    row->addWidget(m_new);
    return bar;
}

void InvoicesPage::retranslate()
{
    m_search->setPlaceholderText(tr("Search id, description or address"));
    m_search->setAccessibleName(tr("Search invoices"));
    m_search->setToolTip(tr("Search the loaded invoices (Ctrl+F); Esc clears"));

    const QString status = m_status->currentData().toString();
    m_status->clear();
    m_status->addItem(tr("All statuses"), QString());
    for (const char* s : {"pending", "paid", "underpaid", "overpaid", "expired", "cancelled"})
        m_status->addItem(InvoiceTableModel::statusName(QLatin1String(s)), QLatin1String(s));
    m_status->setCurrentIndex(qMax(0, m_status->findData(status)));
    m_status->setAccessibleName(tr("Status filter"));

    if (m_network->count() == 0)
        m_network->addItem(QString(), QString());
    m_network->setItemText(0, tr("All networks"));
    m_network->setAccessibleName(tr("Network filter"));

    const QString date = m_date->currentData().toString();
    m_date->clear();
    m_date->addItem(tr("Any time"), QString());
    m_date->addItem(tr("Today"), QStringLiteral("today"));
    m_date->addItem(tr("Last 7 days"), QStringLiteral("7d"));
    m_date->addItem(tr("Last 30 days"), QStringLiteral("30d"));
    m_date->addItem(tr("Custom range…"), QStringLiteral("custom"));
    m_date->setCurrentIndex(qMax(0, m_date->findData(date)));
    m_date->setAccessibleName(tr("Creation date filter"));
    m_from->setAccessibleName(tr("Created on or after"));
    m_to->setAccessibleName(tr("Created on or before"));

    m_clearFilters->setText(tr("Clear filters"));
    m_refresh->setToolTip(tr("Refresh now (F5)"));
    m_refresh->setAccessibleName(tr("Refresh"));
    m_export->setText(tr("Export CSV…"));
    m_export->setToolTip(tr("Save the invoices matching the filters as a CSV file"));
    m_new->setText(tr("New invoice"));
    m_new->setToolTip(tr("Create an invoice (Ctrl+N)"));
    m_retry->setText(tr("Try again"));
    m_loadMore->setText(tr("Load more"));
    m_table->setAccessibleName(tr("Invoices"));
    m_sandboxNote->setText(Theme::statusText(Theme::warning(palette()),
        tr("Sandbox: invoices are simulated and no real money moves. Select a pending invoice and use "
           "Simulate payment to try a status change.")));
    updateState();
}

void InvoicesPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    Page::changeEvent(event);
}

void InvoicesPage::activated()
{
    m_active = true;
    loadConfig();
    if (m_loadedOnce)
        refresh();
    m_timer->start();
}

void InvoicesPage::deactivated()
{
    m_active = false;
    m_timer->stop();
    m_soon->stop();
}

void InvoicesPage::applyInterval()
{
    m_timer->setInterval(qMax(kMinRefreshMs, context().settings().integer(kRefreshSetting)));
}

void InvoicesPage::onSettingChanged(const QString& name)
{
    if (name == kRefreshSetting)
        applyInterval();
}

void InvoicesPage::loadConfig()
{
    context().backend().readJsonResource(
        QStringLiteral("config://networks"), this, [this](Result<QJsonObject> r) {
            if (!r) {
                qCInfo(lcInvoicesPage).noquote() << "payment networks not readable:" << r.error().message;
                return;
            }
            m_sandbox = r.value().value(QStringLiteral("provider")).toString() == QLatin1String("sandbox");
            m_detail->setSandbox(m_sandbox);
            m_sandboxNote->setVisible(m_sandbox);
            const QString current = m_network->currentData().toString();
            while (m_network->count() > 1)
                m_network->removeItem(1);
            for (const QJsonValue& v : r.value().value(QStringLiteral("networks")).toArray()) {
                const QJsonObject n = v.toObject();
                m_network->addItem(
                    n.value(QStringLiteral("network")).toString(), n.value(QStringLiteral("network")));
                m_network->setItemData(
                    m_network->count() - 1, n.value(QStringLiteral("name")).toString(), Qt::ToolTipRole);
            }
            if (!current.isEmpty() && m_network->findData(current) < 0)
                m_network->addItem(current, current); // an invoice's network the settings no longer list
            m_network->setCurrentIndex(qMax(0, m_network->findData(current)));
        });
}

QJsonObject InvoicesPage::listArguments() const
{
    QJsonObject args;
    const QString status = m_status->currentData().toString();
    if (!status.isEmpty())
        args.insert(QStringLiteral("status"), status);
    const QString network = m_network->currentData().toString();
    if (!network.isEmpty())
        args.insert(QStringLiteral("network"), network);
    if (m_fromDate)
        args.insert(QStringLiteral("created_from"), double(startOfDay(*m_fromDate)));
    if (m_toDate)
        args.insert(QStringLiteral("created_to"), double(startOfDay(m_toDate->addDays(1))));
    return args;
}

bool InvoicesPage::matchesFilters(const InvoiceItem& item) const
{
    const QString status = m_status->currentData().toString();
    const QString network = m_network->currentData().toString();
    if (!status.isEmpty() && item.status != status)
        return false;
    if (!network.isEmpty() && item.network != network)
        return false;
    if (m_fromDate && item.createdAt < startOfDay(*m_fromDate))
        return false;
    if (m_toDate && item.createdAt >= startOfDay(m_toDate->addDays(1)))
        return false;
    return true;
}

bool InvoicesPage::hasFilters() const
{
    return !m_status->currentData().toString().isEmpty() || !m_network->currentData().toString().isEmpty()
        || m_fromDate || m_toDate || !m_search->text().trimmed().isEmpty();
}

void InvoicesPage::setStatusFilter(const QString& status)
{
    m_status->setCurrentIndex(qMax(0, m_status->findData(status)));
    reload();
}

void InvoicesPage::setNetworkFilter(const QString& network)
{
    int i = m_network->findData(network);
    if (i < 0 && !network.isEmpty()) {
        m_network->addItem(network, network);
        i = m_network->count() - 1;
    }
    m_network->setCurrentIndex(qMax(0, i));
    reload();
}

void InvoicesPage::setDateRange(const std::optional<QDate>& from, const std::optional<QDate>& to)
{
    const QSignalBlocker a(m_from);
    const QSignalBlocker b(m_to);
    const bool custom = from || to;
    m_date->setCurrentIndex(custom ? m_date->findData(QStringLiteral("custom")) : 0);
    if (from)
        m_from->setDate(*from);
    if (to)
        m_to->setDate(*to);
    for (QWidget* w :
        {static_cast<QWidget*>(m_from), static_cast<QWidget*>(m_dateDash), static_cast<QWidget*>(m_to)})
        w->setVisible(custom);
    m_fromDate = from;
    m_toDate = to;
    reload();
}

void InvoicesPage::onDateChoice()
{
    const QString choice = m_date->currentData().toString();
    const QDate today = QDate::currentDate();
    const bool custom = choice == QLatin1String("custom");
    for (QWidget* w :
        {static_cast<QWidget*>(m_from), static_cast<QWidget*>(m_dateDash), static_cast<QWidget*>(m_to)})
        w->setVisible(custom);
    std::optional<QDate> from;
    std::optional<QDate> to;
    if (choice == QLatin1String("today"))
        from = today;
    else if (choice == QLatin1String("7d"))
        from = today.addDays(-6);
    else if (choice == QLatin1String("30d"))
        from = today.addDays(-29);
    else if (custom) {
        from = m_from->date();
        to = m_to->date();
    }
    if (from == m_fromDate && to == m_toDate)
        return;
    m_fromDate = from;
    m_toDate = to;
    reload();
}

void InvoicesPage::setSearchText(const QString& text)
{
    m_search->setText(text);
}

void InvoicesPage::clearFilters()
{
    m_search->clear();
    m_status->setCurrentIndex(0);
    m_network->setCurrentIndex(0);
    m_date->setCurrentIndex(0);
    m_fromDate.reset();
    m_toDate.reset();
    for (QWidget* w :
        {static_cast<QWidget*>(m_from), static_cast<QWidget*>(m_dateDash), static_cast<QWidget*>(m_to)})
        w->hide();
    reload();
}

bool InvoicesPage::isLoading() const
{
    return m_round != nullptr;
}

void InvoicesPage::reload()
{
    ++m_generation;
    m_round.reset();
    delete m_roundContext;
    m_model->clear();
    m_nextCursor.clear();
    m_total = 0;
    m_loadedOnce = false;
    showError(QString());
    startRound(kPageSize, false);
}

void InvoicesPage::refresh()
{
    if (m_round) {
        qCDebug(lcInvoicesPage) << "invoice refresh skipped: the previous round is still running";
        return;
    }
    if (!m_loadedOnce) {
        reload();
        return;
    }
    startRound(qMax(kPageSize, m_model->rowCount()), false);
}

void InvoicesPage::loadMore()
{
    if (m_round || m_nextCursor.isEmpty())
        return;
    startRound(kPageSize, true);
}

void InvoicesPage::startRound(int target, bool append)
{
    auto round = std::make_shared<Round>();
    round->generation = m_generation;
    round->target = target;
    round->append = append;
    round->cursor = append ? m_nextCursor : QString();
    m_round = round;
    delete m_roundContext;
    m_roundContext = new QObject(this);
    updateState();
    fetchPage(round);
}

void InvoicesPage::fetchPage(const std::shared_ptr<Round>& round)
{
    QJsonObject args = listArguments();
    args.insert(QStringLiteral("limit"), qBound(1, round->target - int(round->items.size()), kMaxListLimit));
    if (!round->cursor.isEmpty())
        args.insert(QStringLiteral("cursor"), round->cursor);
    context().backend().callTool(
        QStringLiteral("list_invoices"), args, m_roundContext, [this, round](ToolOutcome out) {
            if (round != m_round)
                return;
            if (!out.ok) {
                finishRound(round,
                    out.error.message.isEmpty()
                        ? Error(QStringLiteral("unavailable"), tr("FinAgent did not answer."))
                        : out.error);
                return;
            }
            for (const QJsonValue& v : out.structured.value(QStringLiteral("invoices")).toArray())
                round->items.append(InvoiceItem::fromJson(v.toObject()));
            round->total = out.structured.value(QStringLiteral("total")).toInt();
            const QJsonValue next = out.structured.value(QStringLiteral("next_cursor"));
            round->nextCursor = next.isString() ? next.toString() : QString();
            round->cursor = round->nextCursor;
            if (round->items.size() < round->target && !round->nextCursor.isEmpty()) {
                fetchPage(round);
                return;
            }
            finishRound(round, Error());
        });
}

void InvoicesPage::finishRound(const std::shared_ptr<Round>& round, const Error& error)
{
    m_round.reset();
    if (!error.isNull()) {
        showError(tr("The invoices could not be loaded: %1 FinAgent tries again by itself; use Try again "
                     "to retry now.")
                      .arg(error.message));
        updateState();
        Q_EMIT roundFinished(false);
        return;
    }
    showError(QString());
    const QString selected = selectedInvoiceId();
    if (round->append)
        m_model->appendItems(round->items);
    else
        m_model->setItems(round->items);
    m_nextCursor = round->nextCursor;
    m_total = qMax(round->total, m_model->rowCount());
    m_loadedOnce = true;
    m_updatedAt = QDateTime::currentMSecsSinceEpoch();
    if (!m_selectAfterLoad.isEmpty()) {
        if (selectInvoice(m_selectAfterLoad))
            m_selectAfterLoad.clear();
    } else if (!selected.isEmpty() && selectedInvoiceId() != selected) {
        selectInvoice(selected);
    }
    updateState();
    updateDetail();
    Q_EMIT roundFinished(true);
}

void InvoicesPage::onResourceUpdated(const QString& uri)
{
    if (!uri.startsWith(kInvoiceUriPrefix))
        return;
    const QString id = uri.mid(kInvoiceUriPrefix.size());
    if (m_model->rowOf(id) >= 0)
        readInvoice(id);
    else if (m_active && m_loadedOnce)
        m_soon->start(); // a new invoice: list again, so it lands where the filters put it
}

void InvoicesPage::readInvoice(const QString& id)
{
    context().backend().readJsonResource(kInvoiceUriPrefix + id, this, [this, id](Result<QJsonObject> r) {
        if (!r)
            return; // the next refresh round reports lasting problems
        const InvoiceItem item = InvoiceItem::fromJson(r.value());
        if (item.id != id || m_model->rowOf(id) < 0)
            return;
        m_model->upsert(item);
        if (!matchesFilters(item) && m_active)
            m_soon->start(); // it no longer belongs to this view
    });
}

QStringList InvoicesPage::visibleIds() const
{
    QStringList ids;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        ids << m_proxy->index(row, 0).data(InvoiceTableModel::IdRole).toString();
    return ids;
}

QString InvoicesPage::selectedInvoiceId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(InvoiceTableModel::IdRole).toString() : QString();
}

bool InvoicesPage::selectInvoice(const QString& id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, InvoiceTableModel::StatusColumn));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void InvoicesPage::onSelectionChanged()
{
    updateDetail();
    const QString id = selectedInvoiceId();
    const InvoiceItem* item = m_model->find(id);
    if (item && item->events.isEmpty())
        readInvoice(id); // the status history comes with the resource
}

void InvoicesPage::updateDetail()
{
    const InvoiceItem* item = m_model->find(selectedInvoiceId());
    m_detail->setInvoice(item ? std::optional<InvoiceItem>(*item) : std::nullopt);
    // The pane takes room only when it has an invoice to show; until then the table gets it all.
    m_detailCard->setVisible(item != nullptr && m_proxy->rowCount() > 0);
}

void InvoicesPage::showError(const QString& text)
{
    m_error = text;
    m_errorText->setText(text);
    m_errorBanner->setVisible(!text.isEmpty());
    if (!text.isEmpty()) {
        const QColor c = Theme::negative(palette());
        m_errorBanner->setStyleSheet(
            QStringLiteral("QFrame#errorBanner { border: 1px solid %1; border-radius: 6px; background: "
                           "rgba(%2, %3, %4, 0.08); }")
                .arg(c.name())
                .arg(c.red())
                .arg(c.green())
                .arg(c.blue()));
    }
}

QString InvoicesPage::errorText() const
{
    return m_error;
}

void InvoicesPage::showFooterMessage(const QString& text)
{
    m_footerMessage = text;
    updateState();
}

QString InvoicesPage::footerText() const
{
    return m_footer->text();
}

void InvoicesPage::updateState()
{
    if (!m_footer)
        return;
    const int shown = m_proxy->rowCount();
    const int loaded = m_model->rowCount();
    const bool searching = !m_search->text().trimmed().isEmpty();
    const bool filtered = hasFilters();
    m_clearFilters->setVisible(filtered);
    m_refresh->setEnabled(!m_round);

    // Without rows (or without a selection) there is nothing to detail: the table or the empty
    // state gets the room.
    m_detailCard->setVisible(shown > 0 && m_model->find(selectedInvoiceId()) != nullptr);
    if (shown > 0) {
        m_tableStack->setCurrentWidget(m_table);
    } else {
        m_tableStack->setCurrentWidget(m_empty);
        if (!m_loadedOnce && m_round) {
            m_empty->setText(tr("Loading invoices…"));
            m_empty->setActionText(QString());
        } else if (!m_loadedOnce && !m_error.isEmpty()) {
            m_empty->setText(tr("The invoices could not be loaded."));
            m_empty->setActionText(tr("Try again"));
        } else if (filtered) {
            m_empty->setText(tr("No invoices match these filters."));
            m_empty->setActionText(tr("Clear filters"));
        } else {
            m_empty->setText(tr("No invoices yet — create one, or ask your AI assistant to."));
            m_empty->setActionText(tr("New invoice"));
        }
    }

    QString text;
    if (m_loadedOnce && loaded > 0) {
        if (searching)
            text = tr("%1 of %2 loaded invoices match the search").arg(shown).arg(loaded);
        else if (m_total > loaded)
            text = tr("Showing %1 of %2 invoices").arg(loaded).arg(m_total);
        else
            text = loaded == 1 ? tr("1 invoice") : tr("%1 invoices").arg(loaded);
        if (m_updatedAt > 0)
            text +=
                tr(" · updated %1")
                    .arg(QDateTime::fromMSecsSinceEpoch(m_updatedAt).toString(QStringLiteral("HH:mm:ss")));
    } else if (m_round && m_loadedOnce) {
        text = tr("Refreshing…");
    }
    if (!m_footerMessage.isEmpty())
        text = text.isEmpty() ? m_footerMessage : text + QStringLiteral(" · ") + m_footerMessage;
    m_footer->setText(text);
    m_loadMore->setVisible(hasMore());
    m_loadMore->setEnabled(!m_round);
    m_export->setEnabled(m_loadedOnce && loaded > 0 && !m_exportContext);
}

NewInvoiceDialog* InvoicesPage::newInvoice()
{
    if (m_dialog && m_dialog->isVisible()) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    m_dialog = new NewInvoiceDialog(context().backend(), this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString network = m_network->currentData().toString();
    if (!network.isEmpty()) {
        NewInvoiceDialog* dialog = m_dialog;
        connect(dialog, &NewInvoiceDialog::networksReady, dialog,
            [dialog, network]() { dialog->setNetwork(network); });
    }
    connect(m_dialog, &NewInvoiceDialog::invoiceCreated, this, &InvoicesPage::onCreated);
    connect(m_dialog, &QDialog::finished, this, [this]() {
        // Closed dialogs are deleted later; a new New invoice gets a new dialog (and key).
        if (m_dialog && !m_dialog->isVisible())
            m_dialog = nullptr;
    });
    m_dialog->open();
    return m_dialog;
}

void InvoicesPage::onCreated(const QJsonObject& invoice)
{
    const InvoiceItem item = InvoiceItem::fromJson(invoice);
    if (item.id.isEmpty())
        return;
    const bool wasThere = m_model->rowOf(item.id) >= 0;
    if (matchesFilters(item) && m_loadedOnce) {
        m_model->upsert(item);
        if (!selectInvoice(item.id)) {
            // The search hides it: show it anyway.
            m_search->clear();
            selectInvoice(item.id);
        }
        if (!wasThere)
            ++m_total;
        updateState();
        readInvoice(item.id);
    } else {
        m_selectAfterLoad = item.id;
        clearFilters();
    }
    m_table->setFocus(Qt::OtherFocusReason);
    Q_EMIT invoiceCreated(item.id);
}

void InvoicesPage::chooseExportFile()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = tr("invoices-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    auto* dialog =
        new QFileDialog(this, tr("Export invoices"), QDir(folder).filePath(name), tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &InvoicesPage::exportCsv);
    dialog->open();
}

void InvoicesPage::fetchAll(
    QJsonObject arguments, QList<InvoiceItem> items, std::function<void(Result<QList<InvoiceItem>>)> done)
{
    arguments.insert(QStringLiteral("limit"), kMaxListLimit);
    context().backend().callTool(QStringLiteral("list_invoices"), arguments, m_exportContext,
        [this, arguments, items, done](ToolOutcome out) mutable {
            if (!out.ok) {
                done(out.error.isNull() ? Error(QStringLiteral("unavailable"), tr("FinAgent did not answer."))
                                        : out.error);
                return;
            }
            for (const QJsonValue& v : out.structured.value(QStringLiteral("invoices")).toArray())
                items.append(InvoiceItem::fromJson(v.toObject()));
            const QJsonValue next = out.structured.value(QStringLiteral("next_cursor"));
            if (!next.isString() || next.toString().isEmpty()) {
                done(items);
                return;
            }
            arguments.insert(QStringLiteral("cursor"), next.toString());
            fetchAll(arguments, items, done);
        });
}

void InvoicesPage::exportCsv(const QString& path)
{
    if (path.isEmpty())
        return;
    delete m_exportContext;
    m_exportContext = new QObject(this);
    showFooterMessage(tr("Exporting…"));
    const QString search = m_search->text().trimmed();
    const int column = m_proxy->sortColumn();
    const Qt::SortOrder order = m_proxy->sortOrder();
    fetchAll(listArguments(), {}, [this, path, search, column, order](Result<QList<InvoiceItem>> all) {
        if (m_exportContext)
            m_exportContext->deleteLater();
        m_exportContext = nullptr;
        if (!all) {
            const QString message = tr("The invoices could not be exported: %1").arg(all.error().message);
            showFooterMessage(QString());
            showError(message);
            Q_EMIT exportFailed(message);
            return;
        }
        // The same rows, in the same order, as the table shows.
        InvoiceTableModel rows;
        rows.setItems(all.value());
        QList<int> rowOrder;
        for (int r = 0; r < rows.rowCount(); ++r) {
            const QString haystack = rows.index(r, 0).data(InvoiceTableModel::SearchRole).toString();
            if (search.isEmpty() || haystack.contains(search, Qt::CaseInsensitive))
                rowOrder.append(r);
        }
        if (column >= 0) {
            std::stable_sort(rowOrder.begin(), rowOrder.end(), [&rows, column, order](int a, int b) {
                return order == Qt::AscendingOrder ? rows.lessThan(a, b, column)
                                                   : rows.lessThan(b, a, column);
            });
        }
        QList<InvoiceItem> items;
        for (int r : rowOrder)
            items.append(*rows.item(r));
        const Result<void> written = InvoiceCsv::write(path, items);
        if (!written) {
            showFooterMessage(QString());
            showError(written.error().message);
            Q_EMIT exportFailed(written.error().message);
            return;
        }
        const QString where = QDir::toNativeSeparators(path);
        showFooterMessage(items.size() == 1 ? tr("exported 1 invoice to %1").arg(where)
                                            : tr("exported %1 invoices to %2").arg(items.size()).arg(where));
        Q_EMIT exported(path, int(items.size()));
    });
    updateState();
}

void InvoicesPage::simulatePayment(const QString& invoiceId, const QString& outcome)
{
    if (!m_sandbox)
        return;
    m_detail->setSimulating(true);
    m_detail->setMessage(tr("Simulating…"), false);
    context().backend().callTool(QStringLiteral("simulate_payment"),
        QJsonObject {{QStringLiteral("invoice_id"), invoiceId}, {QStringLiteral("outcome"), outcome}}, this,
        [this, invoiceId](ToolOutcome out) {
            m_detail->setSimulating(false);
            const bool shown = m_detail->invoiceId() == invoiceId;
            if (!out.ok) {
                if (shown)
                    m_detail->setMessage(out.error.message.isEmpty() ? tr("The simulation failed. Try again.")
                                                                     : out.error.message,
                        true);
                return;
            }
            const InvoiceItem item = InvoiceItem::fromJson(out.structured);
            if (m_model->rowOf(invoiceId) >= 0)
                m_model->upsert(item);
            readInvoice(invoiceId);
            if (shown)
                m_detail->setMessage(tr("Simulated: the invoice is now %1. No real money moved.")
                                         .arg(InvoiceTableModel::statusName(item.status)),
                    false);
            Q_EMIT simulated(invoiceId, item.status);
        });
}
