#pragma once

#include "pages/balancefeed.h"

#include <QFrame>

class QLabel;
class QPushButton;

// One wallet on the Balances page: its coin and network, the balance as the exact decimal string
// with its ticker, the value in US dollars when known, when it was read, and — when reading it
// failed — the reason in place with what to do (a button to Accounts & keys for a missing or
// refused key, otherwise Try again). A failed refresh keeps the last balance read, marked as such.
//
// Named children: walletTitle, balanceAmount, balanceUsd, balanceUpdated, balanceError,
// balanceAction.
class BalanceCard : public QFrame
{
    Q_OBJECT
public:
    enum class Action
    {
        None,
        OpenAccounts, // the fix is on the Accounts & keys page
        Retry
    };

    explicit BalanceCard(const BalanceView& wallet, QWidget* parent = nullptr);

    QString coin() const { return m_wallet.coin; }
    // The last answer (with its error, if it failed).
    const BalanceView& wallet() const { return m_wallet; }
    // Whether the fix for an error is on this computer (local mode); in remote mode the keys belong
    // to the remote and the card does not send the person to Accounts & keys.
    void setKeysAreLocal(bool local);
    void setWallet(const BalanceView& wallet);
    void setRefreshing(bool refreshing);

    QString amountText() const;
    QString usdText() const;
    QString updatedText() const;
    QString errorText() const;
    Action action() const { return m_action; }

    // The error's sentence for people, from the tool's code and message.
    static QString describeError(const BalanceView& wallet, bool keysAreLocal, Action* action);

Q_SIGNALS:
    void openAccountsRequested();
    void retryRequested();

private:
    void updateView();

    BalanceView m_wallet;
    QString m_lastBalance; // the last balance read, shown (marked) while an error lasts
    QString m_lastUsd;
    QDateTime m_lastAt;
    bool m_keysAreLocal = true;
    bool m_refreshing = false;
    bool m_answered = false;
    Action m_action = Action::None;

    QLabel* m_title = nullptr;
    QLabel* m_amount = nullptr;
    QLabel* m_usd = nullptr;
    QLabel* m_updated = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_actionButton = nullptr;
};
