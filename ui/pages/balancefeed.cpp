#include "pages/balancefeed.h"

#include "backend/backend.h"

#include <QJsonArray>
#include <QJsonObject>

namespace
{

const QString kNetworksUri = QStringLiteral("config://networks");
const QString kTool = QStringLiteral("check_balance");

QDateTime timeOf(const QJsonValue& ms)
{
    if (!ms.isDouble())
        return {};
    return QDateTime::fromMSecsSinceEpoch(qint64(ms.toDouble()));
}

} // namespace

BalanceFeed::BalanceFeed(Backend& backend, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
{ }

bool BalanceFeed::refresh()
{
    if (m_round)
        return false;
    auto* round = new QObject(this);
    m_round = round;
    m_backend.readJsonResource(kNetworksUri, round, [this](Result<QJsonObject> networks) {
        if (networks)
            onNetworks(networks.value());
        else
            checkAll(networks.error().message);
    });
    return true;
}

void BalanceFeed::cancel()
{
    // Deleting the round's context cancels its requests; their callbacks never run.
    delete m_round.data();
    m_waiting = 0;
}

void BalanceFeed::onNetworks(const QJsonObject& networks)
{
    m_provider = networks.value(QStringLiteral("provider")).toString();
    QList<BalanceView> wallets;
    for (const QJsonValue& v : networks.value(QStringLiteral("networks")).toArray()) {
        const QJsonObject n = v.toObject();
        BalanceView w;
        w.coin = n.value(QStringLiteral("coin")).toString();
        w.network = n.value(QStringLiteral("network")).toString();
        w.ticker = n.value(QStringLiteral("ticker")).toString();
        w.name = n.value(QStringLiteral("name")).toString();
        if (!w.coin.isEmpty())
            wallets.append(w);
    }
    Q_EMIT walletsListed(wallets);
    if (wallets.isEmpty()) {
        endRound();
        return;
    }
    m_waiting = int(wallets.size());
    for (const BalanceView& w : std::as_const(wallets))
        checkOne(w);
}

void BalanceFeed::checkOne(const BalanceView& wallet)
{
    m_backend.callTool(kTool, QJsonObject {{QStringLiteral("network"), wallet.coin}}, m_round,
        [this, wallet](ToolOutcome outcome) {
            BalanceView out = wallet;
            if (!outcome.ok) {
                out.errorCode = outcome.error.code;
                out.errorMessage = outcome.error.message;
            } else {
                m_provider = outcome.structured.value(QStringLiteral("provider")).toString(m_provider);
                const QJsonArray entries = outcome.structured.value(QStringLiteral("balances")).toArray();
                bool found = false;
                for (const QJsonValue& v : entries) {
                    const QJsonObject entry = v.toObject();
                    if (entry.value(QStringLiteral("coin")).toString() != wallet.coin)
                        continue;
                    out = fromEntry(entry);
                    if (out.name.isEmpty())
                        out.name = wallet.name;
                    found = true;
                    break;
                }
                if (!found) {
                    out.errorCode = QStringLiteral("no_balance");
                    out.errorMessage = tr("The answer had no balance for %1.").arg(wallet.coin);
                }
            }
            Q_EMIT walletUpdated(out);
            finishOne();
        });
}

void BalanceFeed::checkAll(const QString& networksProblem)
{
    m_backend.callTool(kTool, QJsonObject(), m_round, [this, networksProblem](ToolOutcome outcome) {
        if (!outcome.ok) {
            // The wallet list is unknown, so there is no card to put the error on.
            Q_EMIT failed(outcome.error.message.isEmpty() ? networksProblem : outcome.error.message);
            endRound();
            return;
        }
        m_provider = outcome.structured.value(QStringLiteral("provider")).toString();
        QList<BalanceView> wallets;
        for (const QJsonValue& v : outcome.structured.value(QStringLiteral("balances")).toArray())
            wallets.append(fromEntry(v.toObject()));
        Q_EMIT walletsListed(wallets);
        for (const BalanceView& w : std::as_const(wallets))
            Q_EMIT walletUpdated(w);
        endRound();
    });
}

void BalanceFeed::finishOne()
{
    if (--m_waiting <= 0)
        endRound();
}

void BalanceFeed::endRound()
{
    m_waiting = 0;
    if (m_round)
        m_round->deleteLater();
    m_round = nullptr;
    Q_EMIT finished();
}

BalanceView BalanceFeed::fromEntry(const QJsonObject& entry)
{
    BalanceView w;
    w.coin = entry.value(QStringLiteral("coin")).toString();
    w.network = entry.value(QStringLiteral("network")).toString();
    w.ticker = entry.value(QStringLiteral("ticker")).toString();
    w.balance = entry.value(QStringLiteral("balance")).toString();
    w.usdValue = entry.value(QStringLiteral("usd_value")).toString();
    w.source = entry.value(QStringLiteral("source")).toString();
    w.fetchedAt = timeOf(entry.value(QStringLiteral("fetched_at")));
    const QJsonObject error = entry.value(QStringLiteral("error")).toObject();
    if (!error.isEmpty()) {
        w.errorCode = error.value(QStringLiteral("code")).toString();
        w.errorMessage = error.value(QStringLiteral("message")).toString();
    } else if (w.balance.isEmpty()) {
        w.errorCode = QStringLiteral("no_balance");
        w.errorMessage = tr("The answer had no balance for %1.").arg(w.coin);
    }
    return w;
}
