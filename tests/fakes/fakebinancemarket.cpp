// FakeBinance endpoint handlers and the data derived from each symbol's price.
#include "fakebinance.h"

#include "fakedecimal.h"
#include "klinegenerator.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace
{

constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kFundingMs = 8 * kHourMs;
constexpr qint64 kFuturesLaunchMs = 1567900800000; // first USD-M perpetual, 2019-09-08
const QByteArray kJsonType = QByteArrayLiteral("application/json;charset=UTF-8");

QByteArray compact(const QJsonValue& value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

quint64 keyOf(const QString& text)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (const QChar c : text) {
        h ^= c.unicode();
        h *= 0x100000001b3ULL;
    }
    return h;
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

QJsonArray klineRow(const FakeBinanceData::Kline& k)
{
    return QJsonArray {k.openTime, k.open, k.high, k.low, k.close, k.volume, k.closeTime, k.quoteVolume,
        k.trades, k.takerBuyBaseVolume, k.takerBuyQuoteVolume, QStringLiteral("0")};
}

QJsonObject tickerJson(const QString& symbol, const FakeBinanceData::Ticker24h& t, bool mini)
{
    QJsonObject o {
        {QStringLiteral("symbol"), symbol},
        {QStringLiteral("openPrice"), t.openPrice},
        {QStringLiteral("highPrice"), t.highPrice},
        {QStringLiteral("lowPrice"), t.lowPrice},
        {QStringLiteral("lastPrice"), t.lastPrice},
        {QStringLiteral("volume"), t.volume},
        {QStringLiteral("quoteVolume"), t.quoteVolume},
        {QStringLiteral("openTime"), t.openTime},
        {QStringLiteral("closeTime"), t.closeTime},
        {QStringLiteral("firstId"), t.firstId},
        {QStringLiteral("lastId"), t.lastId},
        {QStringLiteral("count"), t.count},
    };
    if (!mini) {
        o.insert(QStringLiteral("priceChange"), t.priceChange);
        o.insert(QStringLiteral("priceChangePercent"), t.priceChangePercent);
        o.insert(QStringLiteral("weightedAvgPrice"), t.weightedAvgPrice);
        o.insert(QStringLiteral("prevClosePrice"), t.prevClosePrice);
        o.insert(QStringLiteral("lastQty"), t.lastQty);
        o.insert(QStringLiteral("bidPrice"), t.bidPrice);
        o.insert(QStringLiteral("bidQty"), t.bidQty);
        o.insert(QStringLiteral("askPrice"), t.askPrice);
        o.insert(QStringLiteral("askQty"), t.askQty);
    }
    return o;
}

QJsonObject fundingJson(const QString& symbol, const FakeBinanceData::FundingRate& f)
{
    return QJsonObject {{QStringLiteral("symbol"), symbol}, {QStringLiteral("fundingRate"), f.fundingRate},
        {QStringLiteral("fundingTime"), f.fundingTime}, {QStringLiteral("markPrice"), f.markPrice}};
}

} // namespace

FakeUpstream::Reply FakeBinance::tickerPrice(const RecordedRequest& request)
{
    Selection selection;
    if (auto e = selectSymbols(request, true, false, Scope::Spot, selection))
        return *e;
    if (auto e = filterByStatus(request, selection))
        return *e;
    const auto item = [this](const QString& name) {
        return QJsonObject {
            {QStringLiteral("symbol"), name}, {QStringLiteral("price"), m_symbols[name].spec.price}};
    };
    if (selection.single)
        return jsonReply(200, compact(item(selection.symbols.first())), kJsonType);
    QJsonArray list;
    for (const QString& name : selection.symbols)
        list.append(item(name));
    return jsonReply(200, compact(list), kJsonType);
}

FakeUpstream::Reply FakeBinance::ticker24hr(const RecordedRequest& request)
{
    Selection selection;
    if (auto e = selectSymbols(request, true, false, Scope::Spot, selection))
        return *e;
    bool mini = false;
    if (request.hasQuery(QStringLiteral("type"))) {
        const QString type = request.queryValue(QStringLiteral("type"));
        if (type != QLatin1String("FULL") && type != QLatin1String("MINI"))
            return error(-1139, QStringLiteral("Invalid ticker type."));
        mini = type == QLatin1String("MINI");
    }
    if (auto e = filterByStatus(request, selection))
        return *e;
    const auto item = [&](const QString& name) {
        return tickerJson(name, ticker24h(name), mini);
    };
    if (selection.single)
        return jsonReply(200, compact(item(selection.symbols.first())), kJsonType);
    QJsonArray list;
    for (const QString& name : selection.symbols)
        list.append(item(name));
    return jsonReply(200, compact(list), kJsonType);
}

FakeUpstream::Reply FakeBinance::klines(const RecordedRequest& request)
{
    // Binance reports missing mandatory parameters before it looks at their values.
    const QString intervalKey = QStringLiteral("interval");
    if (!request.hasQuery(QStringLiteral("symbol")) || request.queryValue(QStringLiteral("symbol")).isEmpty())
        return error(-1102,
            QStringLiteral("Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
    if (!request.hasQuery(intervalKey) || request.queryValue(intervalKey).isEmpty())
        return error(-1102,
            QStringLiteral("Mandatory parameter 'interval' was not sent, was empty/null, or malformed."));

    Selection selection;
    qint64 startTime = 0, endTime = 0, limit = 500;
    bool hasStart = false, hasEnd = false, hasLimit = false;
    const QString symbolValue = request.queryValue(QStringLiteral("symbol"));
    // Illegal characters are reported before the other parameters; an unknown symbol after them.
    const std::optional<Reply> symbolError = selectSymbols(request, false, true, Scope::Spot, selection);
    if (symbolError && !symbolError->body.contains("\"code\":-1121"))
        return *symbolError;
    if (auto e = checkNumber(request, QStringLiteral("startTime"), startTime, hasStart))
        return *e;
    if (auto e = checkNumber(request, QStringLiteral("endTime"), endTime, hasEnd))
        return *e;
    if (auto e = checkNumber(request, QStringLiteral("limit"), limit, hasLimit))
        return *e;
    const QString intervalName = request.queryValue(intervalKey);
    if (!BinanceInterval::isValid(intervalName))
        return error(-1120, QStringLiteral("Invalid interval."));
    if (hasLimit && (limit < 1 || limit > 1000))
        return error(-1130, QStringLiteral("Data sent for parameter 'limit' is not valid."));
    if (symbolError)
        return *symbolError;

    SymbolState& st = m_symbols[symbolValue];
    QJsonArray rows;
    if (hasStart && hasEnd && startTime > endTime)
        return jsonReply(200, compact(rows), kJsonType);

    const auto custom = st.klines.constFind(intervalName);
    if (custom != st.klines.constEnd()) {
        QList<Kline> picked;
        for (const Kline& k : *custom) {
            if ((!hasStart || k.openTime >= startTime) && (!hasEnd || k.openTime <= endTime))
                picked.append(k);
        }
        const int n = int(std::min<qint64>(limit, picked.size()));
        picked = hasStart ? picked.mid(0, n) : picked.mid(picked.size() - n);
        for (const Kline& k : picked)
            rows.append(klineRow(k));
        return jsonReply(200, compact(rows), kJsonType);
    }

    const KlineGenerator generator(st.spec, anchorOf(st), intervalName);
    const BinanceInterval& interval = generator.interval();
    const qint64 current = interval.indexOf(now());
    const qint64 listed = interval.indexOf(st.spec.listedMs);
    qint64 last = current;
    if (hasEnd)
        last = std::min(last, interval.indexOf(endTime));
    qint64 first;
    if (hasStart) {
        first = interval.indexOf(startTime);
        if (interval.openTime(first) < startTime)
            ++first; // candles whose openTime is at or after startTime
        first = std::max(first, listed);
        last = std::min(last, first + limit - 1);
    } else {
        first = std::max(listed, last - limit + 1);
    }
    for (const Kline& k : generator.candles(first, last))
        rows.append(klineRow(k));
    return jsonReply(200, compact(rows), kJsonType);
}

FakeUpstream::Reply FakeBinance::avgPrice(const RecordedRequest& request)
{
    Selection selection;
    if (auto e = selectSymbols(request, false, true, Scope::Spot, selection))
        return *e;
    SymbolState& st = m_symbols[selection.symbols.first()];
    const qint64 t = now();
    const KlineGenerator generator(st.spec, anchorOf(st), QStringLiteral("1m"));
    const qint64 current = generator.interval().indexOf(t);
    qint64 sum = 0;
    for (qint64 k = current - 4; k <= current; ++k)
        sum += generator.closeUnits(k);
    return jsonReply(200,
        compact(QJsonObject {{QStringLiteral("mins"), 5},
            {QStringLiteral("price"), FakeDecimal::format(sum / 5)}, {QStringLiteral("closeTime"), t}}),
        kJsonType);
}

QJsonObject FakeBinance::symbolInfo(const SymbolState& st, bool withPermissionSets) const
{
    const SymbolSpec& s = st.spec;
    const bool btcQuote = s.quoteAsset == QLatin1String("BTC");
    QJsonArray filters {
        QJsonObject {{QStringLiteral("filterType"), QStringLiteral("PRICE_FILTER")},
            {QStringLiteral("minPrice"), s.tickSize},
            {QStringLiteral("maxPrice"), QStringLiteral("1000000.00000000")},
            {QStringLiteral("tickSize"), s.tickSize}},
        QJsonObject {{QStringLiteral("filterType"), QStringLiteral("LOT_SIZE")},
            {QStringLiteral("minQty"), s.stepSize},
            {QStringLiteral("maxQty"), QStringLiteral("9000000.00000000")},
            {QStringLiteral("stepSize"), s.stepSize}},
        QJsonObject {
            {QStringLiteral("filterType"), QStringLiteral("ICEBERG_PARTS")}, {QStringLiteral("limit"), 10}},
        QJsonObject {{QStringLiteral("filterType"), QStringLiteral("MARKET_LOT_SIZE")},
            {QStringLiteral("minQty"), QStringLiteral("0.00000000")},
            {QStringLiteral("maxQty"), QStringLiteral("100000.00000000")},
            {QStringLiteral("stepSize"), QStringLiteral("0.00000000")}},
        QJsonObject {{QStringLiteral("filterType"), QStringLiteral("TRAILING_DELTA")},
            {QStringLiteral("minTrailingAboveDelta"), 10}, {QStringLiteral("maxTrailingAboveDelta"), 2000},
            {QStringLiteral("minTrailingBelowDelta"), 10}, {QStringLiteral("maxTrailingBelowDelta"), 2000}},
        QJsonObject {{QStringLiteral("filterType"), QStringLiteral("PERCENT_PRICE_BY_SIDE")},
            {QStringLiteral("bidMultiplierUp"), QStringLiteral("5")},
            {QStringLiteral("bidMultiplierDown"), QStringLiteral("0.2")},
            {QStringLiteral("askMultiplierUp"), QStringLiteral("5")},
            {QStringLiteral("askMultiplierDown"), QStringLiteral("0.2")},
            {QStringLiteral("avgPriceMins"), 5}},
        QJsonObject {{QStringLiteral("filterType"), QStringLiteral("NOTIONAL")},
            {QStringLiteral("minNotional"),
                btcQuote ? QStringLiteral("0.00010000") : QStringLiteral("5.00000000")},
            {QStringLiteral("applyMinToMarket"), true},
            {QStringLiteral("maxNotional"), QStringLiteral("9000000.00000000")},
            {QStringLiteral("applyMaxToMarket"), false}, {QStringLiteral("avgPriceMins"), 5}},
        QJsonObject {{QStringLiteral("filterType"), QStringLiteral("MAX_NUM_ORDERS")},
            {QStringLiteral("maxNumOrders"), 200}},
        QJsonObject {{QStringLiteral("filterType"), QStringLiteral("MAX_NUM_ALGO_ORDERS")},
            {QStringLiteral("maxNumAlgoOrders"), 5}},
    };
    const QJsonArray orderTypes {QStringLiteral("LIMIT"), QStringLiteral("LIMIT_MAKER"),
        QStringLiteral("MARKET"), QStringLiteral("STOP_LOSS"), QStringLiteral("STOP_LOSS_LIMIT"),
        QStringLiteral("TAKE_PROFIT"), QStringLiteral("TAKE_PROFIT_LIMIT")};
    return QJsonObject {
        {QStringLiteral("symbol"), s.symbol},
        {QStringLiteral("status"), s.status},
        {QStringLiteral("baseAsset"), s.baseAsset},
        {QStringLiteral("baseAssetPrecision"), 8},
        {QStringLiteral("quoteAsset"), s.quoteAsset},
        {QStringLiteral("quotePrecision"), 8},
        {QStringLiteral("quoteAssetPrecision"), 8},
        {QStringLiteral("baseCommissionPrecision"), 8},
        {QStringLiteral("quoteCommissionPrecision"), 8},
        {QStringLiteral("orderTypes"), orderTypes},
        {QStringLiteral("icebergAllowed"), true},
        {QStringLiteral("ocoAllowed"), true},
        {QStringLiteral("otoAllowed"), true},
        {QStringLiteral("quoteOrderQtyMarketAllowed"), true},
        {QStringLiteral("allowTrailingStop"), true},
        {QStringLiteral("cancelReplaceAllowed"), true},
        {QStringLiteral("isSpotTradingAllowed"), true},
        {QStringLiteral("isMarginTradingAllowed"), true},
        {QStringLiteral("filters"), filters},
        {QStringLiteral("permissions"), QJsonArray()},
        {QStringLiteral("permissionSets"),
            withPermissionSets ? QJsonArray {QJsonArray {QStringLiteral("SPOT"), QStringLiteral("MARGIN")}}
                               : QJsonArray()},
        {QStringLiteral("defaultSelfTradePreventionMode"), QStringLiteral("EXPIRE_MAKER")},
        {QStringLiteral("allowedSelfTradePreventionModes"),
            QJsonArray {QStringLiteral("EXPIRE_TAKER"), QStringLiteral("EXPIRE_MAKER"),
                QStringLiteral("EXPIRE_BOTH")}},
    };
}

FakeUpstream::Reply FakeBinance::exchangeInfo(const RecordedRequest& request)
{
    Selection selection;
    if (auto e = selectSymbols(request, true, false, Scope::ExchangeInfo, selection))
        return *e;
    if (auto e = filterByStatus(request, selection))
        return *e;
    if (request.hasQuery(QStringLiteral("permissions"))) {
        if (!selection.all)
            return error(-1128, QStringLiteral("Combination of optional parameters invalid."));
        // Every fake symbol trades on SPOT and MARGIN.
        const QString wanted = request.queryValue(QStringLiteral("permissions"));
        if (!wanted.contains(QLatin1String("SPOT")) && !wanted.contains(QLatin1String("MARGIN")))
            selection.symbols.clear();
    }
    const bool withSets = request.queryValue(QStringLiteral("showPermissionSets")) != QLatin1String("false");
    QJsonArray symbols;
    for (const QString& name : selection.symbols)
        symbols.append(symbolInfo(m_symbols[name], withSets));
    const QJsonArray rateLimits {
        QJsonObject {{QStringLiteral("rateLimitType"), QStringLiteral("REQUEST_WEIGHT")},
            {QStringLiteral("interval"), QStringLiteral("MINUTE")}, {QStringLiteral("intervalNum"), 1},
            {QStringLiteral("limit"), weightLimit()}},
        QJsonObject {{QStringLiteral("rateLimitType"), QStringLiteral("ORDERS")},
            {QStringLiteral("interval"), QStringLiteral("SECOND")}, {QStringLiteral("intervalNum"), 10},
            {QStringLiteral("limit"), 100}},
        QJsonObject {{QStringLiteral("rateLimitType"), QStringLiteral("ORDERS")},
            {QStringLiteral("interval"), QStringLiteral("DAY")}, {QStringLiteral("intervalNum"), 1},
            {QStringLiteral("limit"), 200000}},
        QJsonObject {{QStringLiteral("rateLimitType"), QStringLiteral("RAW_REQUESTS")},
            {QStringLiteral("interval"), QStringLiteral("MINUTE")}, {QStringLiteral("intervalNum"), 5},
            {QStringLiteral("limit"), 61000}},
    };
    return jsonReply(200,
        compact(QJsonObject {{QStringLiteral("timezone"), QStringLiteral("UTC")},
            {QStringLiteral("serverTime"), now()}, {QStringLiteral("rateLimits"), rateLimits},
            {QStringLiteral("exchangeFilters"), QJsonArray()}, {QStringLiteral("symbols"), symbols}}),
        kJsonType);
}

QList<FakeBinance::FundingRate> FakeBinance::fundingRows(SymbolState& st, qint64 fromMs, qint64 toMs)
{
    QList<FundingRate> rows;
    if (st.funding) {
        for (const FundingRate& f : *st.funding) {
            if (f.fundingTime >= fromMs && f.fundingTime <= toMs)
                rows.append(f);
        }
        return rows;
    }
    const qint64 listed = std::max(st.spec.listedMs, kFuturesLaunchMs);
    const qint64 first = ceilDiv(std::max(fromMs, listed), kFundingMs);
    const qint64 last = floorDiv(std::min(toMs, now()), kFundingMs);
    if (last < first)
        return rows;
    const KlineGenerator generator(st.spec, anchorOf(st), QStringLiteral("8h"));
    const quint64 key = keyOf(st.spec.symbol);
    for (qint64 k = first; k <= last; ++k) {
        const quint64 h = mix(key ^ mix(quint64(k)));
        // Most funding periods settle at the 0.01% base rate; the rest drift around it.
        qint64 rate = 10000;
        if ((h & 0xFF) >= 150)
            rate += qint64((h >> 8) % 16001) - 6000;
        FundingRate f;
        f.fundingTime = k * kFundingMs;
        f.fundingRate = FakeDecimal::format(rate);
        f.markPrice = FakeDecimal::format(generator.closeUnits(k - 1));
        rows.append(f);
    }
    return rows;
}

QJsonObject FakeBinance::premiumOf(SymbolState& st)
{
    const qint64 t = now();
    const qint64 price = FakeDecimal::parse(st.spec.price).value_or(0);
    const QList<FundingRate> recent = fundingRows(st, t - kFundingMs, t);
    return QJsonObject {
        {QStringLiteral("symbol"), st.spec.symbol},
        {QStringLiteral("markPrice"), FakeDecimal::format(price + price / 20000)},
        {QStringLiteral("indexPrice"), FakeDecimal::format(price - price / 40000)},
        {QStringLiteral("estimatedSettlePrice"), FakeDecimal::format(price - price / 50000)},
        {QStringLiteral("lastFundingRate"),
            recent.isEmpty() ? QStringLiteral("0.00010000") : recent.last().fundingRate},
        {QStringLiteral("interestRate"), QStringLiteral("0.00010000")},
        {QStringLiteral("nextFundingTime"), (floorDiv(t, kFundingMs) + 1) * kFundingMs},
        {QStringLiteral("time"), t},
    };
}

FakeUpstream::Reply FakeBinance::premiumIndex(const RecordedRequest& request)
{
    Selection selection;
    if (auto e = selectSymbols(request, false, false, Scope::Futures, selection))
        return *e;
    if (selection.single)
        return jsonReply(200, compact(premiumOf(m_symbols[selection.symbols.first()])), kJsonType);
    QJsonArray list;
    for (const QString& name : selection.symbols)
        list.append(premiumOf(m_symbols[name]));
    return jsonReply(200, compact(list), kJsonType);
}

FakeUpstream::Reply FakeBinance::fundingRate(const RecordedRequest& request)
{
    Selection selection;
    if (auto e = selectSymbols(request, false, false, Scope::Futures, selection))
        return *e;
    qint64 startTime = 0, endTime = 0, limit = 100;
    bool hasStart = false, hasEnd = false, hasLimit = false;
    if (auto e = checkNumber(request, QStringLiteral("startTime"), startTime, hasStart))
        return *e;
    if (auto e = checkNumber(request, QStringLiteral("endTime"), endTime, hasEnd))
        return *e;
    if (auto e = checkNumber(request, QStringLiteral("limit"), limit, hasLimit))
        return *e;
    if (hasLimit && (limit < 1 || limit > 1000))
        return error(-1130, QStringLiteral("Data sent for parameter 'limit' is not valid."));

    const qint64 t = now();
    const qint64 to = hasEnd ? endTime : t;
    const qint64 from = hasStart ? startTime : to - limit * kFundingMs;
    QList<QPair<QString, FundingRate>> rows;
    for (const QString& name : selection.symbols) {
        for (const FundingRate& f : fundingRows(m_symbols[name], from, to))
            rows.append({name, f});
    }
    std::stable_sort(rows.begin(), rows.end(),
        [](const auto& a, const auto& b) { return a.second.fundingTime < b.second.fundingTime; });
    const int n = int(std::min<qint64>(limit, rows.size()));
    rows = hasStart ? rows.mid(0, n) : rows.mid(rows.size() - n);
    QJsonArray list;
    for (const auto& row : rows)
        list.append(fundingJson(row.first, row.second));
    return jsonReply(200, compact(list), kJsonType);
}

FakeBinance::Ticker24h FakeBinance::derivedTicker(SymbolState& st)
{
    // A rolling 24h window over the generated hourly candles, ending at the set price.
    const qint64 t = now();
    const KlineGenerator generator(st.spec, anchorOf(st), QStringLiteral("1h"));
    const qint64 current = generator.interval().indexOf(t);
    const QList<Kline> hours = generator.candles(current - 23, current);
    const qint64 last = FakeDecimal::parse(st.spec.price).value_or(0);
    const qint64 tick = std::max<qint64>(1, FakeDecimal::parse(st.spec.tickSize).value_or(1));
    const qint64 step = std::max<qint64>(1, FakeDecimal::parse(st.spec.stepSize).value_or(1));
    const qint64 open = hours.isEmpty() ? last : FakeDecimal::parse(hours.first().open).value_or(last);

    qint64 high = last, low = last, trades = 0;
    double volume = 0, quoteVolume = 0;
    for (const Kline& k : hours) {
        high = std::max(high, FakeDecimal::parse(k.high).value_or(high));
        low = std::min(low, FakeDecimal::parse(k.low).value_or(low));
        volume += k.volume.toDouble();
        quoteVolume += k.quoteVolume.toDouble();
        trades += k.trades;
    }

    Ticker24h ticker;
    const qint64 change = last - open;
    ticker.priceChange = FakeDecimal::format(change);
    ticker.priceChangePercent = FakeDecimal::format(open > 0 ? FakeDecimal::div(change * 100, open) : 0, 3);
    ticker.weightedAvgPrice =
        FakeDecimal::format(volume > 0 ? FakeDecimal::fromDouble(quoteVolume / volume, 1) : last);
    ticker.prevClosePrice = FakeDecimal::format(open);
    ticker.lastPrice = st.spec.price;
    ticker.lastQty =
        FakeDecimal::format(step * qint64(1 + mix(keyOf(st.spec.symbol) ^ quint64(t / 1000)) % 50));
    ticker.bidPrice = FakeDecimal::format(std::max<qint64>(tick, last - tick));
    ticker.bidQty = FakeDecimal::format(step * 137);
    ticker.askPrice = FakeDecimal::format(last);
    ticker.askQty = FakeDecimal::format(step * 89);
    ticker.openPrice = FakeDecimal::format(open);
    ticker.highPrice = FakeDecimal::format(high);
    ticker.lowPrice = FakeDecimal::format(low);
    ticker.volume = QString::number(volume, 'f', 8);
    ticker.quoteVolume = QString::number(quoteVolume, 'f', 8);
    ticker.openTime = t - kDayMs;
    ticker.closeTime = t;
    ticker.count = std::max<qint64>(1, trades);
    ticker.lastId = t / 100 + qint64(keyOf(st.spec.symbol) % 1000000);
    ticker.firstId = ticker.lastId - ticker.count + 1;
    return ticker;
}
