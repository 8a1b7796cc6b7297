#include "payments/networkcatalog.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace
{

struct KnownCoin
{
    const char* coin;
    const char* ticker;
    int decimals;
    const char* chain;
    PaymentNetwork::AddressKind kind;
};

// Coins CoinRemitter offers whose unit or address form differs from the defaults.
const KnownCoin kKnownCoins[] = {
    {"USDTTRC20", "USDT", 6, "Tron", PaymentNetwork::AddressKind::Tron},
    {"USDTERC20", "USDT", 6, "Ethereum", PaymentNetwork::AddressKind::Ethereum},
    {"USDTBEP20", "USDT", 6, "BNB Smart Chain", PaymentNetwork::AddressKind::Ethereum},
    {"USDCERC20", "USDC", 6, "Ethereum", PaymentNetwork::AddressKind::Ethereum},
    {"TRX", "TRX", 6, "Tron", PaymentNetwork::AddressKind::Tron},
    {"ETH", "ETH", 8, "Ethereum", PaymentNetwork::AddressKind::Ethereum},
    {"BNB", "BNB", 8, "BNB Smart Chain", PaymentNetwork::AddressKind::Ethereum},
    {"BTC", "BTC", 8, "Bitcoin", PaymentNetwork::AddressKind::Other},
    {"LTC", "LTC", 8, "Litecoin", PaymentNetwork::AddressKind::Other},
    {"TCN", "TCN", 8, "CoinRemitter test network", PaymentNetwork::AddressKind::Other},
};

QString squeeze(const QString& text)
{
    QString out;
    for (const QChar c : text.trimmed()) {
        if (c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char(' '))
            out += c.toUpper();
    }
    return out;
}

PaymentNetwork describe(const QString& coin)
{
    PaymentNetwork n;
    n.coin = coin;
    for (const KnownCoin& k : kKnownCoins) {
        if (coin == QLatin1String(k.coin)) {
            n.ticker = QLatin1String(k.ticker);
            n.decimals = k.decimals;
            n.addressKind = k.kind;
            n.network =
                coin.startsWith(n.ticker) && coin.size() > n.ticker.size() ? coin.mid(n.ticker.size()) : coin;
            n.displayName = n.network == coin
                ? QStringLiteral("%1 (%2)").arg(n.ticker, QLatin1String(k.chain))
                : QStringLiteral("%1 on %2 (%3)").arg(n.ticker, QLatin1String(k.chain), n.network);
            return n;
        }
    }
    if (coin.startsWith(QLatin1String("USDT")) && coin.size() > 4) {
        n.ticker = QStringLiteral("USDT");
        n.network = coin.mid(4);
        n.decimals = 6;
        n.displayName = QStringLiteral("USDT (%1)").arg(n.network);
    } else {
        n.ticker = coin;
        n.network = coin;
        n.decimals = 8;
        n.displayName = coin;
    }
    return n;
}

// "TRC20" -> "TRC-20"; empty when the name is not letters followed by digits.
QString dashed(const QString& name)
{
    static const QRegularExpression shape(QStringLiteral("^([A-Z]+)([0-9]+)$"));
    const QRegularExpressionMatch m = shape.match(name);
    if (!m.hasMatch())
        return {};
    return m.captured(1) + QLatin1Char('-') + m.captured(2);
}

} // namespace

NetworkCatalog NetworkCatalog::fromWallets(const QStringList& coins, QStringList* problems)
{
    static const QRegularExpression coinShape(QStringLiteral("^[A-Z0-9]{2,20}$"));
    NetworkCatalog catalog;
    for (const QString& raw : coins) {
        const QString coin = raw.trimmed().toUpper();
        if (coin.isEmpty())
            continue;
        if (!coinShape.match(coin).hasMatch()) {
            if (problems)
                problems->append(
                    QStringLiteral("\"%1\" in payments.wallets is not a CoinRemitter coin code such as "
                                   "USDTTRC20; it is ignored.")
                        .arg(raw));
            continue;
        }
        const PaymentNetwork n = describe(coin);
        if (catalog.find(n.network) || catalog.findCoin(coin)) {
            if (problems)
                problems->append(
                    QStringLiteral("%1 appears twice in payments.wallets; the first one is used.").arg(coin));
            continue;
        }
        catalog.m_networks.append(n);
    }
    return catalog;
}

QStringList NetworkCatalog::names() const
{
    QStringList out;
    for (const PaymentNetwork& n : m_networks)
        out.append(n.network);
    return out;
}

QStringList NetworkCatalog::coins() const
{
    QStringList out;
    for (const PaymentNetwork& n : m_networks)
        out.append(n.coin);
    return out;
}

QStringList NetworkCatalog::tickers() const
{
    QStringList out;
    for (const PaymentNetwork& n : m_networks) {
        if (!out.contains(n.ticker))
            out.append(n.ticker);
    }
    return out;
}

const PaymentNetwork* NetworkCatalog::find(const QString& canonicalName) const
{
    for (const PaymentNetwork& n : m_networks) {
        if (n.network == canonicalName)
            return &n;
    }
    return nullptr;
}

const PaymentNetwork* NetworkCatalog::findCoin(const QString& coin) const
{
    for (const PaymentNetwork& n : m_networks) {
        if (n.coin == coin)
            return &n;
    }
    return nullptr;
}

Result<PaymentNetwork> NetworkCatalog::resolve(const QString& input) const
{
    const QString key = squeeze(input);
    for (const PaymentNetwork& n : m_networks) {
        if (key == n.network || key == n.coin)
            return n;
    }
    if (m_networks.isEmpty())
        return Error(QStringLiteral("no_networks"),
            QStringLiteral(
                "No payment network is configured. Set payments.wallets, e.g. USDTTRC20,USDTERC20."));
    return Error(QStringLiteral("unknown_network"),
        QStringLiteral("\"%1\" is not a payment network here; use one of %2.")
            .arg(input.left(40), names().join(QStringLiteral(", "))),
        QJsonObject {{QStringLiteral("networks"), QJsonArray::fromStringList(names())}});
}

QStringList NetworkCatalog::spellings() const
{
    QStringList out = names();
    const auto add = [&out](const QString& s) {
        if (!s.isEmpty() && !out.contains(s))
            out.append(s);
    };
    for (const PaymentNetwork& n : m_networks) {
        add(n.network.toLower());
        add(dashed(n.network));
        add(dashed(n.network).toLower());
        add(n.coin);
    }
    return out;
}
