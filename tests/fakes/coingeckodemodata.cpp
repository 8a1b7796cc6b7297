#include "coingeckotypes.h"

#include <QJsonObject>

namespace FakeCoinGeckoData
{

namespace
{

struct Row
{
    const char* id;
    const char* symbol;
    const char* name;
    int rank;
    int imageId;
    const char* imageFile;
    double price;
    double circulating;
    double total;
    double max; // 0 = no maximum supply
    double volume;
    double change1h, change24h, change7d;
    double ath;
    const char* athDate;
    double atl;
    const char* atlDate;
    const char* categories; // separated by '|'
    const char* genesis;
    const char* hashing;
    int blockTime;
    const char* homepage;
};

const Row kRows[] = {
    {"bitcoin", "btc", "Bitcoin", 1, 1, "bitcoin.png", 67012.45, 19690000, 21000000, 21000000, 28500000000,
        0.12, 1.85, 4.2, 73738, "2024-03-14T07:10:36.635Z", 67.81, "2013-07-06T00:00:00.000Z",
        "Cryptocurrency|Layer 1 (L1)|Proof of Work (PoW)", "2009-01-03", "SHA-256", 10,
        "http://www.bitcoin.org"},
    {"ethereum", "eth", "Ethereum", 2, 279, "ethereum.png", 3456.78, 120100000, 120100000, 0, 15200000000,
        -0.08, 2.31, 5.6, 4878.26, "2021-11-10T14:24:19.604Z", 0.432979, "2015-10-20T00:00:00.000Z",
        "Smart Contract Platform|Layer 1 (L1)|Ethereum Ecosystem", "2015-07-30", "Ethash", 0,
        "https://www.ethereum.org/"},
    {"tether", "usdt", "Tether", 3, 325, "Tether.png", 1.0002, 110500000000, 110500000000, 0, 45000000000,
        0.01, 0.02, -0.01, 1.32, "2018-07-24T00:00:00.000Z", 0.572521, "2015-03-02T00:00:00.000Z",
        "Stablecoins|USD Stablecoin|Tron Ecosystem|Ethereum Ecosystem", "", "", 0, "https://tether.to/"},
    {"binancecoin", "bnb", "BNB", 4, 825, "bnb-icon2_2x.png", 589.30, 147600000, 147600000, 200000000,
        1800000000, 0.05, 0.9, -1.2, 717.48, "2024-06-06T14:10:59.816Z", 0.0398177,
        "2017-10-19T00:00:00.000Z", "Exchange-based Tokens|BNB Chain Ecosystem|Layer 1 (L1)", "2017-07-08",
        "", 0, "https://www.bnbchain.org/en"},
    {"solana", "sol", "Solana", 5, 4128, "solana.png", 152.34, 462000000, 580000000, 0, 2900000000, 0.3, 3.8,
        8.1, 259.96, "2021-11-06T21:54:35.825Z", 0.500801, "2020-05-11T19:35:23.449Z",
        "Smart Contract Platform|Layer 1 (L1)|Solana Ecosystem", "2020-03-16", "", 0, "https://solana.com/"},
    {"usd-coin", "usdc", "USDC", 6, 6319, "usdc.png", 0.9999, 33400000000, 33400000000, 0, 6100000000, 0.0,
        0.01, 0.0, 1.17, "2019-05-08T00:40:28.300Z", 0.877647, "2023-03-11T08:02:13.981Z",
        "Stablecoins|USD Stablecoin", "", "", 0, "https://www.circle.com/en/usdc"},
    {"ripple", "xrp", "XRP", 7, 44, "xrp-symbol-white-128.png", 0.5234, 55600000000, 99987000000,
        100000000000, 1300000000, -0.1, -0.6, 2.2, 3.4, "2018-01-07T00:00:00.000Z", 0.00268621,
        "2014-05-22T00:00:00.000Z", "Layer 1 (L1)|Payment Solutions", "", "", 0, "https://xrpl.org/"},
    {"dogecoin", "doge", "Dogecoin", 8, 5, "dogecoin.png", 0.1612, 144800000000, 144800000000, 0, 1600000000,
        0.4, 5.2, 12.7, 0.731578, "2021-05-08T05:08:23.458Z", 0.0000869, "2015-05-06T00:00:00.000Z",
        "Meme|Proof of Work (PoW)|Dog-Themed", "2013-12-08", "Scrypt", 1, "https://dogecoin.com/"},
    {"cardano", "ada", "Cardano", 9, 975, "cardano.png", 0.4521, 35600000000, 45000000000, 45000000000,
        420000000, 0.2, 1.1, -2.4, 3.09, "2021-09-02T06:00:10.474Z", 0.01925275, "2020-03-13T02:22:55.044Z",
        "Smart Contract Platform|Layer 1 (L1)", "2017-09-23", "", 0, "https://cardano.org/"},
    {"tron", "trx", "TRON", 10, 1094, "tron-logo.png", 0.1215, 87300000000, 87300000000, 0, 380000000, 0.05,
        0.7, 1.9, 0.231673, "2018-01-05T00:00:00.000Z", 0.00180434, "2017-11-12T00:00:00.000Z",
        "Layer 1 (L1)|Tron Ecosystem", "2017-09-13", "", 0, "https://tron.network/"},
    {"shiba-inu", "shib", "Shiba Inu", 11, 11939, "shiba.png", 0.00002456, 589260000000000, 589500000000000,
        0, 720000000, 0.9, 6.3, 14.8, 0.00008616, "2021-10-28T03:54:55.568Z", 0.000000000056366,
        "2020-11-28T11:26:25.838Z", "Meme|Dog-Themed|Ethereum Ecosystem", "2020-08-01", "", 0,
        "https://shibatoken.com/"},
    {"chainlink", "link", "Chainlink", 12, 877, "chainlink-new-logo.png", 14.82, 587100000, 1000000000,
        1000000000, 390000000, -0.2, -1.4, 3.3, 52.7, "2021-05-10T00:13:57.214Z", 0.148183,
        "2017-11-29T00:00:00.000Z", "Oracle|Ethereum Ecosystem", "2017-09-19", "", 0, "https://chain.link/"},
};

QJsonObject idName(const char* id, const char* name)
{
    return QJsonObject {
        {QStringLiteral("id"), QLatin1String(id)}, {QStringLiteral("name"), QLatin1String(name)}};
}

} // namespace

QList<Coin> defaultCoins()
{
    QList<Coin> coins;
    for (const Row& r : kRows) {
        Coin c;
        c.id = QLatin1String(r.id);
        c.symbol = QLatin1String(r.symbol);
        c.name = QLatin1String(r.name);
        c.marketCapRank = r.rank;
        c.imageId = r.imageId;
        c.imageFile = QLatin1String(r.imageFile);
        c.priceUsd = r.price;
        c.circulatingSupply = r.circulating;
        c.totalSupply = r.total;
        if (r.max > 0)
            c.maxSupply = r.max;
        c.totalVolumeUsd = r.volume;
        c.change1hPct = r.change1h;
        c.change24hPct = r.change24h;
        c.change7dPct = r.change7d;
        c.athUsd = r.ath;
        c.athDate = QLatin1String(r.athDate);
        c.atlUsd = r.atl;
        c.atlDate = QLatin1String(r.atlDate);
        c.categories = QString::fromLatin1(r.categories).split(QLatin1Char('|'));
        c.genesisDate = QLatin1String(r.genesis);
        c.hashingAlgorithm = QLatin1String(r.hashing);
        c.blockTimeMinutes = r.blockTime;
        c.homepage = QLatin1String(r.homepage);
        c.description = c.name
            + QStringLiteral(" is a cryptocurrency listed on CoinGecko. This text is served by "
                             "the FinAgent test fake.");
        coins.append(c);
    }
    return coins;
}

QStringList defaultTrending()
{
    return {QStringLiteral("solana"), QStringLiteral("dogecoin"), QStringLiteral("shiba-inu"),
        QStringLiteral("chainlink"), QStringLiteral("cardano"), QStringLiteral("ripple"),
        QStringLiteral("tron")};
}

QJsonArray searchExchanges()
{
    const auto exchange = [](const char* id, const char* name, int image, const char* file) {
        const QString base = QStringLiteral("https://assets.coingecko.com/markets/images/%1/").arg(image);
        return QJsonObject {{QStringLiteral("id"), QLatin1String(id)},
            {QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("market_type"), QStringLiteral("spot")},
            {QStringLiteral("thumb"), QString(base + QStringLiteral("thumb/") + QLatin1String(file))},
            {QStringLiteral("large"), QString(base + QStringLiteral("large/") + QLatin1String(file))}};
    };
    return QJsonArray {exchange("binance", "Binance", 52, "binance.jpg"),
        exchange("gdax", "Coinbase Exchange", 23, "Coinbase_Coin_Primary.png"),
        exchange("uniswap_v3", "Uniswap V3 (Ethereum)", 665, "uniswap-v3.png"),
        exchange("kraken", "Kraken", 29, "kraken.jpg"),
        exchange("okex", "OKX", 96, "WeChat_Image_20220117220452.png"),
        exchange("bybit_spot", "Bybit", 698, "bybit_spot.png")};
}

QJsonArray searchCategories()
{
    return QJsonArray {idName("smart-contract-platform", "Smart Contract Platform"),
        idName("layer-1", "Layer 1 (L1)"), idName("stablecoins", "Stablecoins"),
        idName("ethereum-ecosystem", "Ethereum Ecosystem"), idName("solana-ecosystem", "Solana Ecosystem"),
        idName("tron-ecosystem", "Tron Ecosystem"), idName("meme-token", "Meme"),
        idName("exchange-based-tokens", "Exchange-based Tokens")};
}

QJsonArray searchNfts()
{
    const auto nft = [](const char* id, const char* name, const char* symbol, int image, const char* file) {
        return QJsonObject {{QStringLiteral("id"), QLatin1String(id)},
            {QStringLiteral("name"), QLatin1String(name)}, {QStringLiteral("symbol"), QLatin1String(symbol)},
            {QStringLiteral("thumb"),
                QString(
                    QStringLiteral("https://assets.coingecko.com/nft_contracts/images/%1/thumb/").arg(image)
                    + QLatin1String(file))}};
    };
    return QJsonArray {nft("cryptopunks", "CryptoPunks", "PUNK", 270, "cryptopunks.png"),
        nft("bored-ape-yacht-club", "Bored Ape Yacht Club", "BAYC", 20, "bored-ape-yacht-club.png"),
        nft("pudgy-penguins", "Pudgy Penguins", "PPG", 38, "pudgy.jpg"),
        nft("ethereum-name-service", "Ethereum Name Service", "ENS", 3360, "ens.png")};
}

QJsonArray trendingNfts()
{
    const auto nft = [](const char* id, const char* name, const char* symbol, double floor, double change,
                         const char* floorText, const char* volumeText) {
        return QJsonObject {{QStringLiteral("id"), QLatin1String(id)},
            {QStringLiteral("name"), QLatin1String(name)}, {QStringLiteral("symbol"), QLatin1String(symbol)},
            {QStringLiteral("thumb"),
                QStringLiteral("https://assets.coingecko.com/nft_contracts/images/20/"
                               "standard/bored-ape-yacht-club.png")},
            {QStringLiteral("nft_contract_id"), 20},
            {QStringLiteral("native_currency_symbol"), QStringLiteral("eth")},
            {QStringLiteral("floor_price_in_native_currency"), floor},
            {QStringLiteral("floor_price_24h_percentage_change"), change},
            {QStringLiteral("data"),
                QJsonObject {{QStringLiteral("floor_price"), QLatin1String(floorText)},
                    {QStringLiteral("floor_price_in_usd_24h_percentage_change"), QString::number(change)},
                    {QStringLiteral("h24_volume"), QLatin1String(volumeText)},
                    {QStringLiteral("h24_average_sale_price"), QLatin1String(floorText)},
                    {QStringLiteral("sparkline"),
                        QStringLiteral("https://www.coingecko.com/nft/20/sparkline.svg")},
                    {QStringLiteral("content"), QJsonValue()}}}};
    };
    return QJsonArray {nft("pudgy-penguins", "Pudgy Penguins", "PPG", 11.2, 3.41, "11.20 ETH", "412.55 ETH"),
        nft("bored-ape-yacht-club", "Bored Ape Yacht Club", "BAYC", 13.85, -1.07, "13.85 ETH", "210.10 ETH")};
}

QJsonArray trendingCategories()
{
    const auto category = [](int id, const char* name, const char* slug, int coins, double change,
                              const char* marketCap, const char* volume) {
        return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("market_cap_1h_change"), change / 10},
            {QStringLiteral("slug"), QLatin1String(slug)}, {QStringLiteral("coins_count"), coins},
            {QStringLiteral("data"),
                QJsonObject {{QStringLiteral("market_cap"), QLatin1String(marketCap)},
                    {QStringLiteral("market_cap_btc"), QStringLiteral("1234567.89")},
                    {QStringLiteral("total_volume"), QLatin1String(volume)},
                    {QStringLiteral("total_volume_btc"), QStringLiteral("123456.78")},
                    {QStringLiteral("market_cap_change_percentage_24h"),
                        QJsonObject {{QStringLiteral("usd"), change}}},
                    {QStringLiteral("sparkline"),
                        QStringLiteral("https://www.coingecko.com/categories/%1/sparkline.svg").arg(id)}}}};
    };
    return QJsonArray {category(1, "Meme", "meme-token", 2412, 5.73, "$62,831,904,112", "$7,211,389,004"),
        category(2, "Solana Ecosystem", "solana-ecosystem", 611, 3.12, "$98,772,001,550", "$5,918,227,413")};
}

} // namespace FakeCoinGeckoData
