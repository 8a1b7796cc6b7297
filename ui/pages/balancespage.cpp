#include "pages/balancespage.h"

#include "backend/backend.h"
#include "mainwindow.h"
#include "pages/balancecard.h"
#include "pages/modestatus.h"
#include "theme.h"
#include "uicontext.h"
#include "widgets/emptystate.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace
{

// CoinRemitter's free plan allows 100 calls a minute; one round costs one call per wallet.
constexpr int kDefaultRefreshMs = 60000;
constexpr int kColumns = 2;

} // namespace

BalancesPage::BalancesPage(UiContext& context, QWidget* parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("balancesPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::sectionSpacing());

    layout->addWidget(Theme::hintLabel(tr("What the wallets FinAgent takes payments into hold. With the "
                                          "sandbox provider these are its simulated wallets."),
        this));

    auto* bar = new QHBoxLayout;
    bar->setSpacing(Theme::spacing());
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("balancesSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    bar->addWidget(m_summary, 1);
    m_refresh = new QPushButton(Theme::icon(QStringLiteral("refresh")), tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshBalances"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Read the balances again (F5)"));
    connect(m_refresh, &QPushButton::clicked, this, &BalancesPage::refresh);
    bar->addWidget(m_refresh, 0, Qt::AlignTop);
    layout->addLayout(bar);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("balancesError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, Theme::negative(pal));
    m_error->setPalette(pal);
    m_error->hide();
    layout->addWidget(m_error);

    m_stack = new QStackedWidget(this);
    m_loading = Theme::hintLabel(tr("Reading the wallets…"), m_stack);
    m_loading->setObjectName(QStringLiteral("balancesLoading"));
    qobject_cast<QLabel*>(m_loading)->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_stack->addWidget(m_loading);
    m_empty = new EmptyState(
        Theme::icon(QStringLiteral("balances")), tr("No wallets yet — add one on Accounts & keys."), m_stack);
    m_empty->setObjectName(QStringLiteral("balancesEmpty"));
    m_empty->setActionText(tr("Open Accounts && keys"));
    connect(m_empty, &EmptyState::actionTriggered, this, &BalancesPage::openAccounts);
    m_stack->addWidget(m_empty);
    m_gridHost = new QWidget(m_stack);
    m_gridHost->setObjectName(QStringLiteral("balancesGrid"));
    auto* hostColumn = new QVBoxLayout(m_gridHost);
    hostColumn->setContentsMargins(0, 0, 0, 0);
    m_grid = new QGridLayout;
    m_grid->setSpacing(Theme::sectionSpacing());
    for (int c = 0; c < kColumns; ++c)
        m_grid->setColumnStretch(c, 1);
    hostColumn->addLayout(m_grid);
    hostColumn->addStretch(1);
    m_stack->addWidget(m_gridHost);
    m_stack->setCurrentWidget(m_loading);
    layout->addWidget(m_stack, 1);

    m_feed = new BalanceFeed(context.backend(), this);
    connect(m_feed, &BalanceFeed::walletsListed, this, &BalancesPage::onWalletsListed);
    connect(m_feed, &BalanceFeed::walletUpdated, this, &BalancesPage::onWalletUpdated);
    connect(m_feed, &BalanceFeed::failed, this, &BalancesPage::onFailed);
    connect(m_feed, &BalanceFeed::finished, this, &BalancesPage::onFinished);

    m_timer = new QTimer(this);
    m_timer->setObjectName(QStringLiteral("balancesRefreshTimer"));
    m_timer->setInterval(kDefaultRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &BalancesPage::refresh);

    // Another mode is another set of wallets: start over with it.
    connect(&context.backend(), &Backend::listChanged, this, [this](const QString& kind) {
        if (kind == QLatin1String("tools"))
            onModeChanged();
    });
    connect(&context.backend(), &Backend::statusChanged, this, &BalancesPage::updateSummary);
    updateSummary();
}

BalancesPage::~BalancesPage() = default;

QIcon BalancesPage::icon() const
{
    return Theme::icon(QStringLiteral("balances"));
}

void BalancesPage::activated()
{
    m_active = true;
    refresh();
    m_timer->start();
}

void BalancesPage::deactivated()
{
    m_active = false;
    m_timer->stop();
}

void BalancesPage::setRefreshIntervalMs(int ms)
{
    m_timer->setInterval(ms);
}

int BalancesPage::refreshIntervalMs() const
{
    return m_timer->interval();
}

bool BalancesPage::isRefreshing() const
{
    return m_feed->isBusy();
}

QList<BalanceCard*> BalancesPage::cards() const
{
    QList<BalanceCard*> out;
    for (const QString& coin : m_order)
        out.append(m_cards.value(coin));
    return out;
}

BalanceCard* BalancesPage::card(const QString& coin) const
{
    return m_cards.value(coin);
}

QString BalancesPage::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void BalancesPage::refresh()
{
    if (m_feed->isBusy())
        return;
    // Shown first: a backend may answer before refresh() returns.
    m_refresh->setEnabled(false);
    for (BalanceCard* c : std::as_const(m_cards))
        c->setRefreshing(true);
    m_feed->refresh();
    updateSummary();
}

void BalancesPage::onWalletsListed(const QList<BalanceView>& wallets)
{
    m_listed = true;
    m_error->hide();
    QStringList order;
    const bool keysLocal = !ModeStatus::isRemote(context().backend());
    for (const BalanceView& w : wallets) {
        order.append(w.coin);
        BalanceCard* c = m_cards.value(w.coin);
        if (!c) {
            c = new BalanceCard(w, m_gridHost);
            connect(c, &BalanceCard::openAccountsRequested, this, &BalancesPage::openAccounts);
            connect(c, &BalanceCard::retryRequested, this, &BalancesPage::refresh);
            m_cards.insert(w.coin, c);
        }
        c->setKeysAreLocal(keysLocal);
        c->setRefreshing(true);
    }
    // Wallets no longer configured go away.
    for (auto it = m_cards.begin(); it != m_cards.end();) {
        if (!order.contains(it.key())) {
            delete it.value();
            it = m_cards.erase(it);
        } else {
            ++it;
        }
    }
    m_order = order;
    layoutCards();
}

void BalancesPage::onWalletUpdated(const BalanceView& wallet)
{
    if (BalanceCard* c = m_cards.value(wallet.coin)) {
        c->setWallet(wallet);
        c->setRefreshing(false);
    }
}

void BalancesPage::onFailed(const QString& message)
{
    m_error->setText(tr("The balances could not be read: %1").arg(message));
    m_error->show();
    for (BalanceCard* c : std::as_const(m_cards))
        c->setRefreshing(false);
    if (m_cards.isEmpty())
        m_stack->setCurrentWidget(m_gridHost);
}

void BalancesPage::onFinished()
{
    m_refresh->setEnabled(true);
    for (BalanceCard* c : std::as_const(m_cards))
        c->setRefreshing(false);
    m_lastRound = QDateTime::currentDateTime();
    updateSummary();
    Q_EMIT refreshed();
}

void BalancesPage::onModeChanged()
{
    m_feed->cancel();
    qDeleteAll(m_cards);
    m_cards.clear();
    m_order.clear();
    m_listed = false;
    m_error->hide();
    m_refresh->setEnabled(true);
    m_stack->setCurrentWidget(m_loading);
    updateSummary();
    if (m_active)
        refresh();
}

void BalancesPage::layoutCards()
{
    while (QLayoutItem* item = m_grid->takeAt(0))
        delete item;
    for (int i = 0; i < m_order.size(); ++i)
        m_grid->addWidget(m_cards.value(m_order.at(i)), i / kColumns, i % kColumns, Qt::AlignTop);
    if (m_order.isEmpty())
        m_stack->setCurrentWidget(m_empty);
    else
        m_stack->setCurrentWidget(m_gridHost);
    const bool remote = ModeStatus::isRemote(context().backend());
    m_empty->setText(remote ? tr("The remote FinAgent has no wallets configured.")
                            : tr("No wallets yet — add one on Accounts & keys."));
    m_empty->setActionText(remote ? QString() : tr("Open Accounts && keys"));
}

void BalancesPage::updateSummary()
{
    const QPalette pal = palette();
    QStringList parts;
    const QString provider = m_feed->provider();
    if (provider == QLatin1String("sandbox"))
        parts << tr("Sandbox provider (simulated payments)");
    else if (provider == QLatin1String("coinremitter"))
        parts << tr("CoinRemitter");
    if (ModeStatus::isRemote(context().backend()))
        parts << ModeStatus::summary(context().backend());
    if (m_feed->isBusy())
        parts << tr("refreshing…");
    else if (m_lastRound.isValid())
        parts
            << tr("refreshed at %1").arg(QLocale().toString(m_lastRound.time(), QStringLiteral("HH:mm:ss")));
    if (m_active || m_timer->isActive())
        parts << tr("every %n second(s) while shown", nullptr, m_timer->interval() / 1000);
    QStringList escaped;
    for (const QString& p : std::as_const(parts))
        escaped << p.toHtmlEscaped();
    m_summary->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                           .arg(Theme::muted(pal).name(), escaped.join(QStringLiteral(" · "))));
}

void BalancesPage::openAccounts()
{
    if (auto* w = qobject_cast<MainWindow*>(window()))
        w->showPage(QStringLiteral("accounts"));
}
