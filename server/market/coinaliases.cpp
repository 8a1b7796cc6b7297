#include "market/coinaliases.h"

namespace
{

CoinAlias alias(const char* id, const char* name, const char* base)
{
    return CoinAlias {QString::fromLatin1(id), QString::fromLatin1(name), QString::fromLatin1(base)};
}

// "Shiba Inu" / "shiba_inu" / "shiba-inu" -> "shiba-inu"
QString key(const QString& text)
{
    QString k = text.trimmed().toLower();
    for (QChar& c : k) {
        if (c == QLatin1Char(' ') || c == QLatin1Char('_'))
            c = QLatin1Char('-');
    }
    return k;
}

} // namespace

namespace CoinAliases
{

const QList<CoinAlias>& all()
{
    // Ordered by market capitalisation at the time of writing; ids as CoinGecko spells them.
    static const QList<CoinAlias> list {
        alias("bitcoin", "Bitcoin", "BTC"),
        alias("ethereum", "Ethereum", "ETH"),
        alias("tether", "Tether", "USDT"),
        alias("binancecoin", "BNB", "BNB"),
        alias("solana", "Solana", "SOL"),
        alias("usd-coin", "USDC", "USDC"),
        alias("ripple", "XRP", "XRP"),
        alias("dogecoin", "Dogecoin", "DOGE"),
        alias("cardano", "Cardano", "ADA"),
        alias("tron", "TRON", "TRX"),
        alias("the-open-network", "Toncoin", "TON"),
        alias("avalanche-2", "Avalanche", "AVAX"),
        alias("shiba-inu", "Shiba Inu", "SHIB"),
        alias("chainlink", "Chainlink", "LINK"),
        alias("polkadot", "Polkadot", "DOT"),
        alias("bitcoin-cash", "Bitcoin Cash", "BCH"),
        alias("litecoin", "Litecoin", "LTC"),
        alias("near", "NEAR Protocol", "NEAR"),
        alias("uniswap", "Uniswap", "UNI"),
        alias("internet-computer", "Internet Computer", "ICP"),
        alias("aptos", "Aptos", "APT"),
        alias("sui", "Sui", "SUI"),
        alias("pepe", "Pepe", "PEPE"),
        alias("stellar", "Stellar", "XLM"),
        alias("ethereum-classic", "Ethereum Classic", "ETC"),
        alias("cosmos", "Cosmos Hub", "ATOM"),
        alias("filecoin", "Filecoin", "FIL"),
        alias("hedera-hashgraph", "Hedera", "HBAR"),
        alias("arbitrum", "Arbitrum", "ARB"),
        alias("optimism", "Optimism", "OP"),
        alias("polygon-ecosystem-token", "Polygon", "POL"),
        alias("render-token", "Render", "RENDER"),
        alias("injective-protocol", "Injective", "INJ"),
        alias("first-digital-usd", "First Digital USD", "FDUSD"),
        alias("dai", "Dai", "DAI"),
        alias("wrapped-bitcoin", "Wrapped Bitcoin", "WBTC"),
        alias("bittensor", "Bittensor", "TAO"),
        alias("aave", "Aave", "AAVE"),
        alias("floki", "FLOKI", "FLOKI"),
        alias("bonk", "Bonk", "BONK"),
    };
    return list;
}

std::optional<CoinAlias> byName(const QString& text)
{
    const QString k = key(text);
    if (k.isEmpty())
        return std::nullopt;
    for (const CoinAlias& a : all()) {
        if (a.coingeckoId == k || key(a.name) == k)
            return a;
    }
    // Common names that are neither the CoinGecko id nor its name.
    static const QList<QPair<QLatin1String, QLatin1String>> extra {
        {QLatin1String("binance-coin"), QLatin1String("BNB")},
        {QLatin1String("polygon"), QLatin1String("POL")},
        {QLatin1String("matic"), QLatin1String("POL")},
        {QLatin1String("matic-network"), QLatin1String("POL")},
        {QLatin1String("usd-coin"), QLatin1String("USDC")},
        {QLatin1String("ton"), QLatin1String("TON")},
    };
    for (const auto& e : extra) {
        if (k == e.first)
            return byBaseAsset(e.second);
    }
    return std::nullopt;
}

std::optional<CoinAlias> byBaseAsset(const QString& asset)
{
    const QString upper = asset.trimmed().toUpper();
    for (const CoinAlias& a : all()) {
        if (a.baseAsset == upper)
            return a;
    }
    return std::nullopt;
}

} // namespace CoinAliases
