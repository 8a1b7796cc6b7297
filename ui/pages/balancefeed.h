#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class Backend;
struct ToolOutcome;

// One wallet's balance as the Balances page shows it. Amounts stay the exact decimal strings the
// tool returned.
struct BalanceView
{
    QString coin; // wallet code: "USDTTRC20"
    QString network; // "TRC20"
    QString ticker; // "USDT"
    QString name; // "USDT on Tron (TRC20)", when the backend says
    QString balance; // "12.500000"; empty when it could not be read
    QString usdValue; // "12.50"; empty without a rate
    QString source; // where the number comes from
    QDateTime fetchedAt; // when the provider answered
    QString errorCode; // empty when the balance was read
    QString errorMessage;

    bool ok() const { return errorCode.isEmpty() && errorMessage.isEmpty(); }
};

// Reads the wallet balances through the Backend, as an MCP host would: the wallets from
// config://networks, then check_balance once per wallet, so a wallet that fails gets its own error
// while the others show their balance. Backends without config://networks get one check_balance
// for every wallet. One round at a time; cancel() drops the round running (its requests are
// cancelled with their context).
class BalanceFeed : public QObject
{
    Q_OBJECT
public:
    explicit BalanceFeed(Backend& backend, QObject* parent = nullptr);

    // Starts a round; false (and nothing happens) while one is running.
    bool refresh();
    void cancel();
    bool isBusy() const { return !m_round.isNull(); }
    // The payment provider of the last answer ("sandbox", "coinremitter"), empty before.
    QString provider() const { return m_provider; }

Q_SIGNALS:
    // The wallets of this round, in configuration order, before their balances arrive.
    void walletsListed(const QList<BalanceView>& wallets);
    void walletUpdated(const BalanceView& wallet);
    // Neither the wallet list nor the balances could be read: the sentence says why.
    void failed(const QString& message);
    // The round is over (after every walletUpdated, or failed).
    void finished();

private:
    void onNetworks(const QJsonObject& networks);
    void checkAll(const QString& networksProblem);
    void checkOne(const BalanceView& wallet);
    void finishOne();
    void endRound();
    static BalanceView fromEntry(const QJsonObject& entry);

    Backend& m_backend;
    QPointer<QObject> m_round;
    int m_waiting = 0;
    QString m_provider;
};
