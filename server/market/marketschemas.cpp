#include "market/marketschemas.h"

#include "market/klineinterval.h"
#include "protocol/schemabuilder.h"

#include <QJsonArray>
#include <QStringList>

namespace
{

using namespace SchemaBuilder;

// An output object: its own fields plus source, timestamps, cache age and staleness.
QJsonObject output(QJsonObject properties, QStringList required)
{
    properties.insert(QStringLiteral("source"),
        str(QStringLiteral("Where the data came from: binance, "
                           "binance_futures, coingecko")));
    properties.insert(QStringLiteral("timestamp_ms"),
        integer(QStringLiteral("When the upstream answered, ms since "
                               "1970 (UTC)")));
    properties.insert(QStringLiteral("timestamp"), str(QStringLiteral("The same time in ISO-8601")));
    properties.insert(
        QStringLiteral("cache_age_ms"), integer(QStringLiteral("Age of the answer when served")));
    properties.insert(QStringLiteral("stale"),
        boolean(QStringLiteral("True when the upstream failed and a cached answer was served")));
    properties.insert(QStringLiteral("stale_reason"), str(QStringLiteral("Why the answer is stale")));
    required << QStringLiteral("source") << QStringLiteral("timestamp_ms") << QStringLiteral("timestamp")
             << QStringLiteral("cache_age_ms") << QStringLiteral("stale");
    return object(properties, required);
}

// "open_time_ms" and "open_time" for a time field.
void addTime(QJsonObject& properties, QStringList& required, const QString& name, const QString& what)
{
    properties.insert(name + QStringLiteral("_ms"), integer(what + QStringLiteral(", ms since 1970 (UTC)")));
    properties.insert(name, str(what + QStringLiteral(", ISO-8601")));
    required << name + QStringLiteral("_ms") << name;
}

QJsonObject decimal(const QString& description)
{
    return str(description + QStringLiteral(" (exact decimal string as the upstream sent it)"));
}

QJsonObject symbolProperty()
{
    QJsonObject o =
        str(QStringLiteral("Trading pair or coin as people write it: BTCUSDT, BTC/USDT, btc-usdt, BTC "
                           "(means BTCUSDT), bitcoin, 1000SHIBUSDT"));
    o.insert(QStringLiteral("minLength"), 1);
    o.insert(QStringLiteral("maxLength"), 40);
    o.insert(QStringLiteral("pattern"), QStringLiteral("^\\s*[A-Za-z0-9][A-Za-z0-9 /_:.-]*$"));
    return o;
}

QJsonObject intervalProperty(const QString& defaultInterval)
{
    QJsonObject o =
        str(QStringLiteral("Candle length: 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, "
                           "1M (1m is a minute, 1M a month)"));
    o.insert(QStringLiteral("enum"), QJsonArray::fromStringList(KlineInterval::all()));
    o.insert(QStringLiteral("default"), defaultInterval);
    return o;
}

QJsonObject boundedInt(const QString& description, int minimum, int maximum, std::optional<int> defaultValue)
{
    QJsonObject o = integer(description);
    o.insert(QStringLiteral("minimum"), minimum);
    o.insert(QStringLiteral("maximum"), maximum);
    if (defaultValue)
        o.insert(QStringLiteral("default"), *defaultValue);
    return o;
}

QJsonObject timeProperty(const QString& description)
{
    QJsonObject ms = integer();
    ms.insert(QStringLiteral("minimum"), 0);
    QJsonObject text = str();
    text.insert(QStringLiteral("minLength"), 1);
    text.insert(QStringLiteral("maxLength"), 40);
    return QJsonObject {{QStringLiteral("anyOf"), QJsonArray {ms, text}},
        {QStringLiteral("description"),
            QString(description
                + QStringLiteral(": ms since 1970 (e.g. 1711929600000) or ISO-8601 "
                                 "(\"2024-04-01\", \"2024-04-01T00:00:00Z\"); UTC"))}};
}

QJsonObject coinIdItem()
{
    QJsonObject o = str();
    o.insert(QStringLiteral("minLength"), 1);
    o.insert(QStringLiteral("maxLength"), 100);
    o.insert(QStringLiteral("pattern"), QStringLiteral("^[A-Za-z0-9][A-Za-z0-9 ._-]*$"));
    return o;
}

QJsonObject currencyItem()
{
    QJsonObject o = str();
    o.insert(QStringLiteral("pattern"), QStringLiteral("^[A-Za-z]{2,10}$"));
    return o;
}

QJsonObject nullableNumberObject(const QStringList& names)
{
    QJsonObject props;
    for (const QString& n : names)
        props.insert(n, nullable("number"));
    return object(props, names);
}

QJsonObject candleSchema()
{
    QJsonObject p {{QStringLiteral("index"), integer(QStringLiteral("Position in the series, 0 = oldest"))},
        {QStringLiteral("open"), decimal(QStringLiteral("Open"))},
        {QStringLiteral("high"), decimal(QStringLiteral("High"))},
        {QStringLiteral("low"), decimal(QStringLiteral("Low"))},
        {QStringLiteral("close"), decimal(QStringLiteral("Close"))}};
    QStringList r {QStringLiteral("index"), QStringLiteral("open"), QStringLiteral("high"),
        QStringLiteral("low"), QStringLiteral("close")};
    addTime(p, r, QStringLiteral("open_time"), QStringLiteral("Candle open time"));
    return object(p, r);
}

} // namespace

namespace MarketSchemas
{

QJsonObject symbolInput()
{
    return object(QJsonObject {{QStringLiteral("symbol"), symbolProperty()}}, {QStringLiteral("symbol")});
}

QJsonObject klinesInput()
{
    return object(
        QJsonObject {
            {QStringLiteral("symbol"), symbolProperty()},
            {QStringLiteral("interval"), intervalProperty(QStringLiteral("1h"))},
            {QStringLiteral("limit"),
                boundedInt(QStringLiteral("Number of candles, newest last"), 1, 1000, 100)},
            {QStringLiteral("start_time"), timeProperty(QStringLiteral("Open time of the first candle"))},
            {QStringLiteral("end_time"), timeProperty(QStringLiteral("Latest candle open time to include"))},
        },
        {QStringLiteral("symbol")});
}

QJsonObject fundingInput()
{
    return object(
        QJsonObject {
            {QStringLiteral("symbol"), symbolProperty()},
            {QStringLiteral("history_limit"),
                boundedInt(
                    QStringLiteral("Also return this many past funding rates (every 8 h), oldest first; 0 = "
                                   "current only"),
                    0, 1000, 0)},
        },
        {QStringLiteral("symbol")});
}

QJsonObject analysisInput()
{
    return object(
        QJsonObject {
            {QStringLiteral("symbol"), symbolProperty()},
            {QStringLiteral("interval"), intervalProperty(QStringLiteral("1d"))},
            {QStringLiteral("limit"),
                boundedInt(
                    QStringLiteral("Candles to analyse; SMA/EMA 200 need at least 200"), 20, 1000, 250)},
        },
        {QStringLiteral("symbol")});
}

QJsonObject patternsInput()
{
    return object(
        QJsonObject {
            {QStringLiteral("symbol"), symbolProperty()},
            {QStringLiteral("interval"), intervalProperty(QStringLiteral("1d"))},
            {QStringLiteral("limit"), boundedInt(QStringLiteral("Candles to scan"), 3, 1000, 100)},
            {QStringLiteral("last_n"),
                boundedInt(QStringLiteral("Only report patterns that end within the newest last_n candles"),
                    1, 1000, std::nullopt)},
        },
        {QStringLiteral("symbol")});
}

QJsonObject priceInput()
{
    QJsonObject ids = arrayOf(coinIdItem(),
        QStringLiteral("CoinGecko coin ids such as bitcoin, ethereum, tether "
                       "(tickers of well-known coins like btc also work; use "
                       "search_coins to find other ids)"));
    ids.insert(QStringLiteral("minItems"), 1);
    ids.insert(QStringLiteral("maxItems"), 50);
    QJsonObject vs = arrayOf(currencyItem(),
        QStringLiteral("Currencies to price in: usd, eur, gbp, jpy, cny, btc, "
                       "eth, ..."));
    vs.insert(QStringLiteral("minItems"), 1);
    vs.insert(QStringLiteral("maxItems"), 20);
    vs.insert(QStringLiteral("default"), QJsonArray {QStringLiteral("usd")});
    QJsonObject cap = boolean(QStringLiteral("Include market capitalisation"));
    cap.insert(QStringLiteral("default"), false);
    QJsonObject vol = boolean(QStringLiteral("Include 24 h trading volume"));
    vol.insert(QStringLiteral("default"), false);
    QJsonObject change = boolean(QStringLiteral("Include the 24 h change in percent"));
    change.insert(QStringLiteral("default"), true);
    return object(QJsonObject {{QStringLiteral("ids"), ids}, {QStringLiteral("vs_currencies"), vs},
                      {QStringLiteral("include_market_cap"), cap}, {QStringLiteral("include_24hr_vol"), vol},
                      {QStringLiteral("include_24hr_change"), change}},
        {QStringLiteral("ids")});
}

QJsonObject coinDataInput()
{
    QJsonObject id = coinIdItem();
    id.insert(QStringLiteral("description"),
        QStringLiteral("CoinGecko coin id such as bitcoin (btc or Bitcoin also "
                       "work for well-known coins; use search_coins for others)"));
    QJsonObject vs = currencyItem();
    vs.insert(QStringLiteral("description"), QStringLiteral("Currency for the market data"));
    vs.insert(QStringLiteral("default"), QStringLiteral("usd"));
    return object(QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("vs_currency"), vs}},
        {QStringLiteral("id")});
}

QJsonObject searchInput()
{
    QJsonObject q = str(QStringLiteral("Name, ticker or part of it: \"pepe\", \"arbitrum\", \"usd coin\""));
    q.insert(QStringLiteral("minLength"), 1);
    q.insert(QStringLiteral("maxLength"), 100);
    return object(
        QJsonObject {{QStringLiteral("query"), q},
            {QStringLiteral("limit"), boundedInt(QStringLiteral("Most coins to return"), 1, 50, 10)}},
        {QStringLiteral("query")});
}

QJsonObject trendingInput()
{
    return object(QJsonObject {{QStringLiteral("limit"),
                      boundedInt(QStringLiteral("Most coins to return"), 1, 30, 15)}},
        {});
}

QJsonObject noInput()
{
    return object(QJsonObject {}, {});
}

QJsonObject spotPriceOutput()
{
    return output(
        QJsonObject {
            {QStringLiteral("symbol"), str(QStringLiteral("Binance symbol, e.g. BTCUSDT"))},
            {QStringLiteral("base_asset"),
                str(QStringLiteral("e.g. BTC (empty when the symbol list was unavailable)"))},
            {QStringLiteral("quote_asset"), str(QStringLiteral("e.g. USDT"))},
            {QStringLiteral("price"), decimal(QStringLiteral("Last price"))},
            {QStringLiteral("price_number"),
                number(QStringLiteral("The price as a number, for comparisons"))},
            {QStringLiteral("input"), str(QStringLiteral("The symbol as given"))},
        },
        {QStringLiteral("symbol"), QStringLiteral("base_asset"), QStringLiteral("quote_asset"),
            QStringLiteral("price"), QStringLiteral("price_number"), QStringLiteral("input")});
}

QJsonObject ticker24hOutput()
{
    QJsonObject p {{QStringLiteral("symbol"), str()}, {QStringLiteral("last_price_number"), number()},
        {QStringLiteral("price_change_percent_number"), number()}, {QStringLiteral("first_id"), integer()},
        {QStringLiteral("last_id"), integer()},
        {QStringLiteral("count"), integer(QStringLiteral("Trades in the window"))}};
    QStringList r {QStringLiteral("symbol"), QStringLiteral("last_price_number"),
        QStringLiteral("price_change_percent_number"), QStringLiteral("first_id"), QStringLiteral("last_id"),
        QStringLiteral("count")};
    for (const char* name : {"last_price", "price_change", "price_change_percent", "weighted_avg_price",
             "prev_close_price", "last_qty", "bid_price", "bid_qty", "ask_price", "ask_qty", "open_price",
             "high_price", "low_price", "volume", "quote_volume"}) {
        p.insert(QLatin1String(name), decimal(QString::fromLatin1(name)));
        r << QLatin1String(name);
    }
    addTime(p, r, QStringLiteral("open_time"), QStringLiteral("Start of the 24 h window"));
    addTime(p, r, QStringLiteral("close_time"), QStringLiteral("End of the 24 h window"));
    return output(p, r);
}

QJsonObject klinesOutput()
{
    QJsonObject row {{QStringLiteral("open"), decimal(QStringLiteral("Open"))},
        {QStringLiteral("high"), decimal(QStringLiteral("High"))},
        {QStringLiteral("low"), decimal(QStringLiteral("Low"))},
        {QStringLiteral("close"), decimal(QStringLiteral("Close"))},
        {QStringLiteral("volume"), decimal(QStringLiteral("Base asset volume"))},
        {QStringLiteral("quote_volume"), decimal(QStringLiteral("Quote asset volume"))},
        {QStringLiteral("trades"), integer(QStringLiteral("Number of trades"))},
        {QStringLiteral("taker_buy_base_volume"), decimal(QStringLiteral("Taker buy base volume"))},
        {QStringLiteral("taker_buy_quote_volume"), decimal(QStringLiteral("Taker buy quote volume"))},
        {QStringLiteral("closed"), boolean(QStringLiteral("False for the candle still forming"))}};
    QStringList rowRequired = row.keys();
    addTime(row, rowRequired, QStringLiteral("open_time"), QStringLiteral("Open time"));
    addTime(row, rowRequired, QStringLiteral("close_time"), QStringLiteral("Close time"));
    return output(
        QJsonObject {{QStringLiteral("symbol"), str()}, {QStringLiteral("interval"), str()},
            {QStringLiteral("count"), integer()},
            {QStringLiteral("klines"), arrayOf(object(row, rowRequired), QStringLiteral("Oldest first"))}},
        {QStringLiteral("symbol"), QStringLiteral("interval"), QStringLiteral("count"),
            QStringLiteral("klines")});
}

QJsonObject fundingOutput()
{
    QJsonObject row {{QStringLiteral("funding_rate"), decimal(QStringLiteral("Rate per 8 h as a fraction"))},
        {QStringLiteral("funding_rate_percent"), str(QStringLiteral("The rate in percent, exact"))},
        {QStringLiteral("mark_price"), decimal(QStringLiteral("Mark price at funding (may be empty)"))}};
    QStringList rowRequired = row.keys();
    addTime(row, rowRequired, QStringLiteral("funding_time"), QStringLiteral("Funding time"));
    QJsonObject p {{QStringLiteral("symbol"), str()},
        {QStringLiteral("mark_price"), decimal(QStringLiteral("Mark price"))},
        {QStringLiteral("mark_price_number"), number()},
        {QStringLiteral("index_price"), decimal(QStringLiteral("Index price"))},
        {QStringLiteral("estimated_settle_price"), decimal(QStringLiteral("Estimated settle price"))},
        {QStringLiteral("last_funding_rate"), decimal(QStringLiteral("Latest funding rate, a fraction"))},
        {QStringLiteral("last_funding_rate_percent"), str(QStringLiteral("The same in percent, exact"))},
        {QStringLiteral("last_funding_rate_number"), number()},
        {QStringLiteral("interest_rate"), decimal(QStringLiteral("Interest rate"))},
        {QStringLiteral("history"), arrayOf(object(row, rowRequired), QStringLiteral("Oldest first"))}};
    QStringList r = p.keys();
    addTime(p, r, QStringLiteral("next_funding_time"), QStringLiteral("Next funding"));
    addTime(p, r, QStringLiteral("time"), QStringLiteral("Time of the reading"));
    return output(p, r);
}

QJsonObject analysisOutput()
{
    QJsonObject indicators {
        {QStringLiteral("sma_20"), nullable("number")},
        {QStringLiteral("sma_50"), nullable("number")},
        {QStringLiteral("sma_200"), nullable("number")},
        {QStringLiteral("ema_20"), nullable("number")},
        {QStringLiteral("ema_50"), nullable("number")},
        {QStringLiteral("ema_200"), nullable("number")},
        {QStringLiteral("rsi_14"), nullable("number")},
        {QStringLiteral("atr_14"), nullable("number")},
        {QStringLiteral("macd"),
            nullableNumberObject(
                {QStringLiteral("macd"), QStringLiteral("signal"), QStringLiteral("histogram")})},
        {QStringLiteral("bollinger"),
            nullableNumberObject(
                {QStringLiteral("upper"), QStringLiteral("middle"), QStringLiteral("lower")})},
    };
    QJsonObject level {{QStringLiteral("kind"), str(QStringLiteral("support or resistance"))},
        {QStringLiteral("price"), number()}, {QStringLiteral("touches"), integer()}};
    QStringList levelRequired = level.keys();
    addTime(
        level, levelRequired, QStringLiteral("last_touch_time"), QStringLiteral("Newest pivot in the level"));
    QJsonObject p {
        {QStringLiteral("symbol"), str()},
        {QStringLiteral("interval"), str()},
        {QStringLiteral("candle_count"), integer()},
        {QStringLiteral("last_close"), decimal(QStringLiteral("Close of the newest candle"))},
        {QStringLiteral("last_close_number"), number()},
        {QStringLiteral("indicators"), object(indicators, indicators.keys())},
        {QStringLiteral("levels"), arrayOf(object(level, levelRequired), QStringLiteral("Nearest first"))},
        {QStringLiteral("trend"), str(QStringLiteral("uptrend, downtrend, sideways or insufficient_data"))},
        {QStringLiteral("signals"), arrayOf(str())},
        {QStringLiteral("summary"), str(QStringLiteral("A reading a person can use as it is"))},
        {QStringLiteral("notes"), arrayOf(str(), QStringLiteral("What could not be computed and why"))},
    };
    QStringList r = p.keys();
    p.insert(QStringLiteral("first_open_time_ms"), integer());
    p.insert(QStringLiteral("first_open_time"), str());
    p.insert(QStringLiteral("last_close_time_ms"), integer());
    p.insert(QStringLiteral("last_close_time"), str());
    return output(p, r);
}

QJsonObject patternsOutput()
{
    QJsonObject hit {{QStringLiteral("name"),
                         str(QStringLiteral("doji, hammer, shooting_star, bullish_engulfing, "
                                            "bearish_engulfing, morning_star, evening_star, "
                                            "three_white_soldiers, three_black_crows"))},
        {QStringLiteral("direction"), str(QStringLiteral("bullish, bearish or neutral"))},
        {QStringLiteral("description"), str()},
        {QStringLiteral("candles"), arrayOf(candleSchema(), QStringLiteral("The candles that form it"))}};
    QJsonObject counts {{QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("additionalProperties"), integer()}};
    return output(
        QJsonObject {{QStringLiteral("symbol"), str()}, {QStringLiteral("interval"), str()},
            {QStringLiteral("candle_count"), integer()}, {QStringLiteral("pattern_count"), integer()},
            {QStringLiteral("patterns"),
                arrayOf(object(hit, hit.keys()),
                    QStringLiteral("Oldest "
                                   "first"))},
            {QStringLiteral("counts"), counts}, {QStringLiteral("summary"), str()}},
        {QStringLiteral("symbol"), QStringLiteral("interval"), QStringLiteral("candle_count"),
            QStringLiteral("pattern_count"), QStringLiteral("patterns"), QStringLiteral("counts"),
            QStringLiteral("summary")});
}

QJsonObject priceOutput()
{
    QJsonObject row {{QStringLiteral("id"), str()}, {QStringLiteral("vs_currency"), str()},
        {QStringLiteral("price"), str(QStringLiteral("The number CoinGecko sent, as exact text"))},
        {QStringLiteral("price_number"), number()}, {QStringLiteral("market_cap"), number()},
        {QStringLiteral("volume_24h"), number()}, {QStringLiteral("change_24h_percent"), number()},
        {QStringLiteral("last_updated_at_ms"), integer()}, {QStringLiteral("last_updated_at"), str()}};
    QJsonObject resolved {{QStringLiteral("input"), str()}, {QStringLiteral("id"), str()}};
    return output(
        QJsonObject {{QStringLiteral("prices"),
                         arrayOf(object(row,
                             {QStringLiteral("id"), QStringLiteral("vs_currency"), QStringLiteral("price"),
                                 QStringLiteral("price_number")}))},
            {QStringLiteral("not_found"), arrayOf(str(), QStringLiteral("Ids CoinGecko does not know"))},
            {QStringLiteral("unsupported_currencies"), arrayOf(str())},
            {QStringLiteral("resolved"),
                arrayOf(object(resolved, resolved.keys()), QStringLiteral("Inputs read as other ids"))}},
        {QStringLiteral("prices"), QStringLiteral("not_found"), QStringLiteral("unsupported_currencies"),
            QStringLiteral("resolved")});
}

QJsonObject coinDataOutput()
{
    QJsonObject market {
        {QStringLiteral("price"), nullable("string", QStringLiteral("Exact text of the price"))},
        {QStringLiteral("price_number"), nullable("number")},
        {QStringLiteral("market_cap"), nullable("number")},
        {QStringLiteral("total_volume"), nullable("number")},
        {QStringLiteral("high_24h"), nullable("number")}, {QStringLiteral("low_24h"), nullable("number")},
        {QStringLiteral("ath"), nullable("number")},
        {QStringLiteral("ath_change_percentage"), nullable("number")},
        {QStringLiteral("ath_date"), nullable("string")},
        {QStringLiteral("price_change_24h"), nullable("number")},
        {QStringLiteral("price_change_percentage_24h"), nullable("number")},
        {QStringLiteral("price_change_percentage_7d"), nullable("number")},
        {QStringLiteral("circulating_supply"), nullable("number")},
        {QStringLiteral("total_supply"), nullable("number")},
        {QStringLiteral("max_supply"), nullable("number")}};
    QJsonObject p {{QStringLiteral("id"), str()}, {QStringLiteral("symbol"), str()},
        {QStringLiteral("name"), str()}, {QStringLiteral("market_cap_rank"), nullable("integer")},
        {QStringLiteral("categories"), arrayOf(str())},
        {QStringLiteral("description"), str(QStringLiteral("A few sentences, plain text"))},
        {QStringLiteral("homepage"), str()}, {QStringLiteral("genesis_date"), str()},
        {QStringLiteral("vs_currency"), str()}, {QStringLiteral("available_currencies"), arrayOf(str())},
        {QStringLiteral("market_data"), object(market, market.keys())},
        {QStringLiteral("last_updated"), str()}};
    return output(p, p.keys());
}

QJsonObject searchOutput()
{
    QJsonObject coin {
        {QStringLiteral("id"), str(QStringLiteral("CoinGecko id, for get_price and get_coin_data"))},
        {QStringLiteral("name"), str()}, {QStringLiteral("symbol"), str()},
        {QStringLiteral("market_cap_rank"), nullable("integer")},
        {QStringLiteral("binance_symbol"),
            nullable("string", QStringLiteral("Binance USDT pair for get_spot_price and friends"))}};
    QJsonObject category {{QStringLiteral("id"), str()}, {QStringLiteral("name"), str()}};
    return output(QJsonObject {{QStringLiteral("query"), str()}, {QStringLiteral("count"), integer()},
                      {QStringLiteral("total_matches"), integer()},
                      {QStringLiteral("coins"), arrayOf(object(coin, coin.keys()))},
                      {QStringLiteral("categories"), arrayOf(object(category, category.keys()))}},
        {QStringLiteral("query"), QStringLiteral("count"), QStringLiteral("total_matches"),
            QStringLiteral("coins"), QStringLiteral("categories")});
}

QJsonObject trendingOutput()
{
    QJsonObject coin {{QStringLiteral("id"), str()}, {QStringLiteral("name"), str()},
        {QStringLiteral("symbol"), str()}, {QStringLiteral("market_cap_rank"), nullable("integer")},
        {QStringLiteral("score"), integer(QStringLiteral("0 = most trending"))},
        {QStringLiteral("price_btc"), nullable("number")}, {QStringLiteral("price_usd"), nullable("number")},
        {QStringLiteral("price_change_24h_percent"), nullable("number")},
        {QStringLiteral("market_cap"), str(QStringLiteral("Formatted by CoinGecko, e.g. $99,703,583"))},
        {QStringLiteral("total_volume"), str(QStringLiteral("Formatted by CoinGecko"))}};
    return output(QJsonObject {{QStringLiteral("count"), integer()},
                      {QStringLiteral("coins"), arrayOf(object(coin, coin.keys()))}},
        {QStringLiteral("count"), QStringLiteral("coins")});
}

QJsonObject usdtOutput()
{
    QJsonObject source {{QStringLiteral("pair"), str(QStringLiteral("tether/usd, USDCUSDT, FDUSDUSDT"))},
        {QStringLiteral("method"), str(QStringLiteral("direct, or inverted (1 / the pair's price)"))},
        {QStringLiteral("raw_price"), str(QStringLiteral("The upstream's value, unchanged"))},
        {QStringLiteral("price"), str(QStringLiteral("USD per USDT"))},
        {QStringLiteral("price_number"), number()}};
    const QJsonObject sourceSchema = output(source, source.keys());
    QJsonObject failure {{QStringLiteral("source"), str()}, {QStringLiteral("pair"), str()},
        {QStringLiteral("error_code"), str()}, {QStringLiteral("message"), str()}};
    return output(
        QJsonObject {
            {QStringLiteral("price"), str(QStringLiteral("Mean of the sources, USD per USDT, 8 decimals"))},
            {QStringLiteral("price_number"), number()},
            {QStringLiteral("spread"), str(QStringLiteral("Highest minus lowest source"))},
            {QStringLiteral("deviation"), str(QStringLiteral("|price - 1|"))},
            {QStringLiteral("depeg_threshold"), str(QStringLiteral("market.depeg_threshold"))},
            {QStringLiteral("depeg_warning"), boolean(QStringLiteral("True when deviation > threshold"))},
            {QStringLiteral("summary"), str()}, {QStringLiteral("sources"), arrayOf(sourceSchema)},
            {QStringLiteral("failed_sources"), arrayOf(object(failure, failure.keys()))}},
        {QStringLiteral("price"), QStringLiteral("price_number"), QStringLiteral("spread"),
            QStringLiteral("deviation"), QStringLiteral("depeg_threshold"), QStringLiteral("depeg_warning"),
            QStringLiteral("summary"), QStringLiteral("sources"), QStringLiteral("failed_sources")});
}

} // namespace MarketSchemas
