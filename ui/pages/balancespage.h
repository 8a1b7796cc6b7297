#pragma once

#include "page.h"
#include "pages/balancefeed.h"

#include <QMap>

class BalanceCard;
class BalanceFeed;
class EmptyState;
class QGridLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;

// Balances: a card per wallet (BalanceCard) with the balance read through the Backend's
// check_balance — the sandbox's simulated wallets in sandbox mode, the CoinRemitter wallets
// otherwise, the remote's wallets in remote mode. Refreshes when shown, every
// refreshIntervalMs() while visible and on Refresh; a refresh never overlaps the previous one and
// the window never waits for it. Errors stay on the card they belong to; an empty state says
// where to add a wallet.
//
// Named children: balancesSummary, refreshBalances, balancesError, balancesEmpty, balancesGrid,
// balancesRefreshTimer; cards are BalanceCard with the property "coin".
class BalancesPage : public Page
{
    Q_OBJECT
public:
    explicit BalancesPage(UiContext& context, QWidget* parent = nullptr);
    ~BalancesPage() override;

    QString pageId() const override { return QStringLiteral("balances"); }
    QString title() const override { return tr("Balances"); }
    QIcon icon() const override;
    void activated() override;
    void deactivated() override;

    void setRefreshIntervalMs(int ms);
    int refreshIntervalMs() const;
    bool isActive() const { return m_active; }
    bool isRefreshing() const;

    QList<BalanceCard*> cards() const;
    BalanceCard* card(const QString& coin) const;
    EmptyState* emptyState() const { return m_empty; }
    // The page-level problem (no wallet list could be read), empty when none.
    QString errorText() const;

public Q_SLOTS:
    // Starts a refresh round unless one is running.
    void refresh();

Q_SIGNALS:
    // A round ended (every card answered, or the page-level error is shown).
    void refreshed();

private:
    void onWalletsListed(const QList<BalanceView>& wallets);
    void onWalletUpdated(const BalanceView& wallet);
    void onFailed(const QString& message);
    void onFinished();
    void onModeChanged();
    void layoutCards();
    void updateSummary();
    void openAccounts();

    BalanceFeed* m_feed = nullptr;
    QTimer* m_timer = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_refresh = nullptr;
    QLabel* m_error = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_loading = nullptr;
    EmptyState* m_empty = nullptr;
    QWidget* m_gridHost = nullptr;
    QGridLayout* m_grid = nullptr;
    QMap<QString, BalanceCard*> m_cards;
    QStringList m_order;
    QDateTime m_lastRound;
    bool m_active = false;
    bool m_listed = false;
};
