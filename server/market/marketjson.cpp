#include "market/marketjson.h"

#include "core/decimal.h"
#include "market/coingeckoclient.h"
#include "market/markettime.h"

#include <QJsonArray>

#include <cmath>

namespace
{

// A number beside an exact decimal string; 0 when the string is empty or not a number.
double numberOf(const QString& text)
{
    bool ok = false;
    const double d = text.toDouble(&ok);
    return ok && std::isfinite(d) ? d : 0.0;
}

QJsonValue optionalNumber(const std::optional<double>& v)
{
    return v && std::isfinite(*v) ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalInt(const std::optional<int>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue mapValue(const QMap<QString, double>& map, const QString& key)
{
    auto it = map.constFind(key);
    return it == map.constEnd() ? QJsonValue(QJsonValue::Null) : QJsonValue(*it);
}

// "0.00038246" -> "0.038246" (percent), exactly.
QString percentOf(const QString& rate)
{
    const std::optional<Decimal> d = Decimal::parseLenient(rate);
    return d ? (*d * Decimal::fromInt(100)).toString() : QString();
}

void addTime(QJsonObject& o, const QString& name, qint64 ms)
{
    o.insert(name + QStringLiteral("_ms"), ms);
    o.insert(name, MarketTime::iso(ms));
}

QJsonObject withFreshness(QJsonObject o, const Freshness& f)
{
    const QJsonObject fresh = MarketJson::freshness(f);
    for (auto it = fresh.constBegin(); it != fresh.constEnd(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject candleJson(const Candle& c, int index)
{
    QJsonObject o {{QStringLiteral("index"), index}, {QStringLiteral("open"), c.openText},
        {QStringLiteral("high"), c.highText}, {QStringLiteral("low"), c.lowText},
        {QStringLiteral("close"), c.closeText}};
    addTime(o, QStringLiteral("open_time"), c.openTime);
    return o;
}

} // namespace

namespace MarketJson
{

QJsonObject freshness(const Freshness& f)
{
    QJsonObject o {{QStringLiteral("source"), f.source}, {QStringLiteral("cache_age_ms"), f.cacheAgeMs},
        {QStringLiteral("stale"), f.stale}};
    addTime(o, QStringLiteral("timestamp"), f.fetchedAtMs);
    if (f.stale)
        o.insert(QStringLiteral("stale_reason"), f.staleReason);
    return o;
}

QJsonObject spotPrice(const SpotPrice& p, const QString& input)
{
    QJsonObject o {{QStringLiteral("symbol"), p.symbol}, {QStringLiteral("base_asset"), p.baseAsset},
        {QStringLiteral("quote_asset"), p.quoteAsset}, {QStringLiteral("price"), p.price},
        {QStringLiteral("price_number"), numberOf(p.price)}, {QStringLiteral("input"), input}};
    return withFreshness(o, p.freshness);
}

QJsonObject ticker24h(const Ticker24h& t)
{
    QJsonObject o {{QStringLiteral("symbol"), t.symbol}, {QStringLiteral("last_price"), t.lastPrice},
        {QStringLiteral("last_price_number"), numberOf(t.lastPrice)},
        {QStringLiteral("price_change"), t.priceChange},
        {QStringLiteral("price_change_percent"), t.priceChangePercent},
        {QStringLiteral("price_change_percent_number"), numberOf(t.priceChangePercent)},
        {QStringLiteral("weighted_avg_price"), t.weightedAvgPrice},
        {QStringLiteral("prev_close_price"), t.prevClosePrice}, {QStringLiteral("last_qty"), t.lastQty},
        {QStringLiteral("bid_price"), t.bidPrice}, {QStringLiteral("bid_qty"), t.bidQty},
        {QStringLiteral("ask_price"), t.askPrice}, {QStringLiteral("ask_qty"), t.askQty},
        {QStringLiteral("open_price"), t.openPrice}, {QStringLiteral("high_price"), t.highPrice},
        {QStringLiteral("low_price"), t.lowPrice}, {QStringLiteral("volume"), t.volume},
        {QStringLiteral("quote_volume"), t.quoteVolume}, {QStringLiteral("first_id"), t.firstId},
        {QStringLiteral("last_id"), t.lastId}, {QStringLiteral("count"), t.count}};
    addTime(o, QStringLiteral("open_time"), t.openTimeMs);
    addTime(o, QStringLiteral("close_time"), t.closeTimeMs);
    return withFreshness(o, t.freshness);
}

QJsonObject klines(const KlineSeries& series)
{
    QJsonArray rows;
    for (const Kline& k : series.klines) {
        const Candle& c = k.candle;
        QJsonObject row {{QStringLiteral("open"), c.openText}, {QStringLiteral("high"), c.highText},
            {QStringLiteral("low"), c.lowText}, {QStringLiteral("close"), c.closeText},
            {QStringLiteral("volume"), c.volumeText}, {QStringLiteral("quote_volume"), k.quoteVolume},
            {QStringLiteral("trades"), k.trades},
            {QStringLiteral("taker_buy_base_volume"), k.takerBuyBaseVolume},
            {QStringLiteral("taker_buy_quote_volume"), k.takerBuyQuoteVolume},
            {QStringLiteral("closed"), c.closeTime < series.freshness.fetchedAtMs}};
        addTime(row, QStringLiteral("open_time"), c.openTime);
        addTime(row, QStringLiteral("close_time"), c.closeTime);
        rows.append(row);
    }
    QJsonObject o {{QStringLiteral("symbol"), series.symbol}, {QStringLiteral("interval"), series.interval},
        {QStringLiteral("count"), qint64(series.klines.size())}, {QStringLiteral("klines"), rows}};
    return withFreshness(o, series.freshness);
}

QJsonObject funding(const FundingInfo& f)
{
    QJsonArray history;
    for (const FundingRate& r : f.history) {
        QJsonObject row {{QStringLiteral("funding_rate"), r.fundingRate},
            {QStringLiteral("funding_rate_percent"), percentOf(r.fundingRate)},
            {QStringLiteral("mark_price"), r.markPrice}};
        addTime(row, QStringLiteral("funding_time"), r.fundingTimeMs);
        history.append(row);
    }
    QJsonObject o {{QStringLiteral("symbol"), f.symbol}, {QStringLiteral("mark_price"), f.markPrice},
        {QStringLiteral("mark_price_number"), numberOf(f.markPrice)},
        {QStringLiteral("index_price"), f.indexPrice},
        {QStringLiteral("estimated_settle_price"), f.estimatedSettlePrice},
        {QStringLiteral("last_funding_rate"), f.lastFundingRate},
        {QStringLiteral("last_funding_rate_percent"), percentOf(f.lastFundingRate)},
        {QStringLiteral("last_funding_rate_number"), numberOf(f.lastFundingRate)},
        {QStringLiteral("interest_rate"), f.interestRate}, {QStringLiteral("history"), history}};
    addTime(o, QStringLiteral("next_funding_time"), f.nextFundingTimeMs);
    addTime(o, QStringLiteral("time"), f.timeMs);
    return withFreshness(o, f.freshness);
}

QJsonObject analysis(const MarketAnalysis& a)
{
    const TechnicalAnalysis& t = a.analysis;
    QJsonObject indicators {
        {QStringLiteral("sma_20"), optionalNumber(t.sma20)},
        {QStringLiteral("sma_50"), optionalNumber(t.sma50)},
        {QStringLiteral("sma_200"), optionalNumber(t.sma200)},
        {QStringLiteral("ema_20"), optionalNumber(t.ema20)},
        {QStringLiteral("ema_50"), optionalNumber(t.ema50)},
        {QStringLiteral("ema_200"), optionalNumber(t.ema200)},
        {QStringLiteral("rsi_14"), optionalNumber(t.rsi14)},
        {QStringLiteral("atr_14"), optionalNumber(t.atr14)},
        {QStringLiteral("macd"),
            QJsonObject {{QStringLiteral("macd"), optionalNumber(t.macd)},
                {QStringLiteral("signal"), optionalNumber(t.macdSignal)},
                {QStringLiteral("histogram"), optionalNumber(t.macdHistogram)}}},
        {QStringLiteral("bollinger"),
            QJsonObject {{QStringLiteral("upper"), optionalNumber(t.bbUpper)},
                {QStringLiteral("middle"), optionalNumber(t.bbMiddle)},
                {QStringLiteral("lower"), optionalNumber(t.bbLower)}}},
    };
    QJsonArray levels;
    for (const Indicators::Level& l : t.levels) {
        QJsonObject level {{QStringLiteral("kind"), l.kind}, {QStringLiteral("price"), l.price},
            {QStringLiteral("touches"), l.touches}};
        addTime(level, QStringLiteral("last_touch_time"), l.lastTouchTime);
        levels.append(level);
    }
    const QVector<Kline>& k = a.series.klines;
    QJsonObject o {{QStringLiteral("symbol"), a.series.symbol},
        {QStringLiteral("interval"), a.series.interval}, {QStringLiteral("candle_count"), t.candleCount},
        {QStringLiteral("last_close"), k.isEmpty() ? QString() : k.last().candle.closeText},
        {QStringLiteral("last_close_number"), t.lastClose}, {QStringLiteral("indicators"), indicators},
        {QStringLiteral("levels"), levels}, {QStringLiteral("trend"), t.trend},
        {QStringLiteral("signals"), QJsonArray::fromStringList(t.signals_)},
        {QStringLiteral("summary"), t.summary},
        {QStringLiteral("notes"), QJsonArray::fromStringList(t.notes)}};
    if (!k.isEmpty()) {
        addTime(o, QStringLiteral("first_open_time"), k.first().candle.openTime);
        addTime(o, QStringLiteral("last_close_time"), k.last().candle.closeTime);
    }
    return withFreshness(o, a.series.freshness);
}

QJsonObject patterns(const PatternScan& scan, std::optional<int> lastN)
{
    const QVector<Kline>& k = scan.series.klines;
    const int first = lastN ? qMax(0, int(k.size()) - *lastN) : 0;
    QJsonArray hits;
    QJsonObject counts;
    for (const PatternHit& hit : scan.hits) {
        if (hit.indices.isEmpty() || hit.indices.last() < first)
            continue;
        QJsonArray candles;
        for (int i : hit.indices) {
            if (i >= 0 && i < k.size())
                candles.append(candleJson(k.at(i).candle, i));
        }
        hits.append(
            QJsonObject {{QStringLiteral("name"), hit.name}, {QStringLiteral("direction"), hit.direction},
                {QStringLiteral("description"), hit.description}, {QStringLiteral("candles"), candles}});
        counts.insert(hit.name, counts.value(hit.name).toInt() + 1);
    }
    QString summary;
    if (hits.isEmpty()) {
        summary = QStringLiteral("No candlestick pattern in the %1 %2 candles examined.")
                      .arg(lastN ? qMin(*lastN, int(k.size())) : int(k.size()))
                      .arg(scan.series.interval);
    } else {
        QStringList parts;
        for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
            parts.append(QStringLiteral("%1 %2").arg(it.value().toInt()).arg(it.key()));
        const QJsonObject newest = hits.last().toObject();
        summary = QStringLiteral("Found %1 pattern(s): %2. The most recent is %3 (%4).")
                      .arg(hits.size())
                      .arg(parts.join(QStringLiteral(", ")), newest.value(QStringLiteral("name")).toString(),
                          newest.value(QStringLiteral("direction")).toString());
    }
    QJsonObject o {{QStringLiteral("symbol"), scan.series.symbol},
        {QStringLiteral("interval"), scan.series.interval},
        {QStringLiteral("candle_count"), qint64(k.size())},
        {QStringLiteral("pattern_count"), qint64(hits.size())}, {QStringLiteral("patterns"), hits},
        {QStringLiteral("counts"), counts}, {QStringLiteral("summary"), summary}};
    return withFreshness(o, scan.series.freshness);
}

QJsonObject coinPrices(const CoinPrices& p)
{
    QJsonArray prices;
    for (const CoinQuote& q : p.quotes) {
        QJsonObject row {{QStringLiteral("id"), q.id}, {QStringLiteral("vs_currency"), q.vsCurrency},
            {QStringLiteral("price"), q.price}, {QStringLiteral("price_number"), q.priceNumber}};
        if (q.marketCap)
            row.insert(QStringLiteral("market_cap"), *q.marketCap);
        if (q.volume24h)
            row.insert(QStringLiteral("volume_24h"), *q.volume24h);
        if (q.change24hPercent)
            row.insert(QStringLiteral("change_24h_percent"), *q.change24hPercent);
        if (q.lastUpdatedMs > 0)
            addTime(row, QStringLiteral("last_updated_at"), q.lastUpdatedMs);
        prices.append(row);
    }
    QJsonArray resolved;
    for (auto it = p.resolvedFrom.constBegin(); it != p.resolvedFrom.constEnd(); ++it)
        resolved.append(
            QJsonObject {{QStringLiteral("input"), it.value()}, {QStringLiteral("id"), it.key()}});
    QJsonObject o {{QStringLiteral("prices"), prices},
        {QStringLiteral("not_found"), QJsonArray::fromStringList(p.notFound)},
        {QStringLiteral("unsupported_currencies"), QJsonArray::fromStringList(p.unsupportedCurrencies)},
        {QStringLiteral("resolved"), resolved}};
    return withFreshness(o, p.freshness);
}

QJsonObject coinData(const CoinData& c, const QString& vsCurrency)
{
    const QString vs = vsCurrency.toLower();
    const auto price = c.currentPrice.constFind(vs);
    QJsonObject market {
        {QStringLiteral("price"),
            price == c.currentPrice.constEnd() ? QJsonValue(QJsonValue::Null)
                                               : QJsonValue(CoinGeckoClient::numberText(*price))},
        {QStringLiteral("price_number"), mapValue(c.currentPrice, vs)},
        {QStringLiteral("market_cap"), mapValue(c.marketCap, vs)},
        {QStringLiteral("total_volume"), mapValue(c.totalVolume, vs)},
        {QStringLiteral("high_24h"), mapValue(c.high24h, vs)},
        {QStringLiteral("low_24h"), mapValue(c.low24h, vs)},
        {QStringLiteral("ath"), mapValue(c.ath, vs)},
        {QStringLiteral("ath_change_percentage"), mapValue(c.athChangePercent, vs)},
        {QStringLiteral("ath_date"),
            c.athDate.contains(vs) ? QJsonValue(c.athDate.value(vs)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("price_change_24h"), optionalNumber(c.priceChange24h)},
        {QStringLiteral("price_change_percentage_24h"), optionalNumber(c.priceChangePercent24h)},
        {QStringLiteral("price_change_percentage_7d"), optionalNumber(c.priceChangePercent7d)},
        {QStringLiteral("circulating_supply"), optionalNumber(c.circulatingSupply)},
        {QStringLiteral("total_supply"), optionalNumber(c.totalSupply)},
        {QStringLiteral("max_supply"), optionalNumber(c.maxSupply)},
    };
    QJsonObject o {{QStringLiteral("id"), c.id}, {QStringLiteral("symbol"), c.symbol},
        {QStringLiteral("name"), c.name}, {QStringLiteral("market_cap_rank"), optionalInt(c.marketCapRank)},
        {QStringLiteral("categories"), QJsonArray::fromStringList(c.categories)},
        {QStringLiteral("description"), c.description}, {QStringLiteral("homepage"), c.homepage},
        {QStringLiteral("genesis_date"), c.genesisDate}, {QStringLiteral("vs_currency"), vs},
        {QStringLiteral("available_currencies"), QJsonArray::fromStringList(c.currentPrice.keys())},
        {QStringLiteral("market_data"), market}, {QStringLiteral("last_updated"), c.lastUpdated}};
    return withFreshness(o, c.freshness);
}

QJsonObject search(const CoinSearch& s, int limit)
{
    QJsonArray coins;
    for (const CoinSearchHit& hit : s.coins) {
        if (coins.size() >= limit)
            break;
        coins.append(QJsonObject {{QStringLiteral("id"), hit.id}, {QStringLiteral("name"), hit.name},
            {QStringLiteral("symbol"), hit.symbol},
            {QStringLiteral("market_cap_rank"), optionalInt(hit.marketCapRank)},
            {QStringLiteral("binance_symbol"),
                hit.binanceSymbol.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(hit.binanceSymbol)}});
    }
    QJsonArray categories;
    for (const auto& c : s.categories) {
        if (categories.size() >= limit)
            break;
        categories.append(QJsonObject {{QStringLiteral("id"), c.first}, {QStringLiteral("name"), c.second}});
    }
    QJsonObject o {{QStringLiteral("query"), s.query}, {QStringLiteral("count"), qint64(coins.size())},
        {QStringLiteral("total_matches"), qint64(s.coins.size())}, {QStringLiteral("coins"), coins},
        {QStringLiteral("categories"), categories}};
    return withFreshness(o, s.freshness);
}

QJsonObject trending(const TrendingCoins& t, int limit)
{
    QJsonArray coins;
    for (const TrendingCoin& c : t.coins) {
        if (coins.size() >= limit)
            break;
        coins.append(QJsonObject {{QStringLiteral("id"), c.id}, {QStringLiteral("name"), c.name},
            {QStringLiteral("symbol"), c.symbol},
            {QStringLiteral("market_cap_rank"), optionalInt(c.marketCapRank)},
            {QStringLiteral("score"), c.score}, {QStringLiteral("price_btc"), optionalNumber(c.priceBtc)},
            {QStringLiteral("price_usd"), optionalNumber(c.priceUsd)},
            {QStringLiteral("price_change_24h_percent"), optionalNumber(c.change24hPercentUsd)},
            {QStringLiteral("market_cap"), c.marketCap}, {QStringLiteral("total_volume"), c.totalVolume}});
    }
    QJsonObject o {{QStringLiteral("count"), qint64(coins.size())}, {QStringLiteral("coins"), coins}};
    return withFreshness(o, t.freshness);
}

QJsonObject usdt(const UsdtPrice& u)
{
    QJsonArray sources;
    Freshness overall;
    QStringList names;
    overall.fetchedAtMs = u.timestampMs;
    for (const UsdtQuote& q : u.quotes) {
        QJsonObject row {{QStringLiteral("pair"), q.pair}, {QStringLiteral("method"), q.method},
            {QStringLiteral("raw_price"), q.rawPrice}, {QStringLiteral("price"), q.price},
            {QStringLiteral("price_number"), numberOf(q.price)}};
        sources.append(withFreshness(row, q.freshness));
        if (!names.contains(q.source))
            names.append(q.source);
        overall.cacheAgeMs = qMax(overall.cacheAgeMs, q.freshness.cacheAgeMs);
        if (q.freshness.stale) {
            overall.stale = true;
            overall.staleReason = q.freshness.staleReason;
        }
    }
    overall.source = names.join(QLatin1Char('+'));
    QJsonArray failures;
    for (const UsdtSourceFailure& f : u.failures) {
        failures.append(QJsonObject {{QStringLiteral("source"), f.source}, {QStringLiteral("pair"), f.pair},
            {QStringLiteral("error_code"), f.errorCode}, {QStringLiteral("message"), f.message}});
    }
    QJsonObject o {{QStringLiteral("price"), u.price}, {QStringLiteral("price_number"), numberOf(u.price)},
        {QStringLiteral("spread"), u.spread}, {QStringLiteral("deviation"), u.deviation},
        {QStringLiteral("depeg_threshold"), u.threshold}, {QStringLiteral("depeg_warning"), u.depegWarning},
        {QStringLiteral("summary"), u.summary}, {QStringLiteral("sources"), sources},
        {QStringLiteral("failed_sources"), failures}};
    return withFreshness(o, overall);
}

} // namespace MarketJson
