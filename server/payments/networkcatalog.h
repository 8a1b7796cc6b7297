#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

// One network FinAgent takes payments on: a CoinRemitter wallet (one coin on one chain).
struct PaymentNetwork
{
    enum class AddressKind
    {
        Tron, // "T" + 33 base58 characters
        Ethereum, // "0x" + 40 hex digits (ERC20, BEP20)
        Other
    };

    QString network; // canonical name users pass: "TRC20", "ERC20", or the coin code for other coins
    QString coin; // CoinRemitter wallet code: "USDTTRC20"
    QString ticker; // the coin amounts' unit: "USDT"
    int decimals = 6; // most decimals a coin amount may have
    QString displayName; // "USDT on Tron (TRC20)"
    AddressKind addressKind = AddressKind::Other;
};

// The networks configured by payments.wallets ("USDTTRC20,USDTERC20"). USDT wallets become the
// networks named by their chain (USDTTRC20 -> TRC20); other coins are networks of their own
// name (BTC, TCN).
class NetworkCatalog
{
public:
    NetworkCatalog() = default;
    // Unknown shapes and duplicates are skipped; `problems` gets a sentence for each.
    static NetworkCatalog fromWallets(const QStringList& coins, QStringList* problems = nullptr);

    const QList<PaymentNetwork>& networks() const { return m_networks; }
    bool isEmpty() const { return m_networks.isEmpty(); }
    QStringList names() const; // canonical, in configuration order
    QStringList coins() const;
    QStringList tickers() const; // distinct, in configuration order

    const PaymentNetwork* find(const QString& canonicalName) const;
    const PaymentNetwork* findCoin(const QString& coin) const;

    // A network from what a person or an assistant typed: any case, with or without a dash or
    // the coin prefix ("trc20", "TRC-20", "usdt_trc20", "USDTTRC20"). Unknown: an error that
    // lists the configured networks.
    Result<PaymentNetwork> resolve(const QString& input) const;

    // The spellings a tool schema lists for the network argument: each canonical name first,
    // then its lower-case and dashed forms and the coin code.
    QStringList spellings() const;

private:
    QList<PaymentNetwork> m_networks;
};
