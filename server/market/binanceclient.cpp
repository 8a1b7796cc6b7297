#include "market/binanceclient.h"

#include "config/settings.h"
#include "market/klineinterval.h"
#include "market/markettime.h"
#include "market/symbolresolver.h"
#include "market/upstreamerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace
{

const QString kSpotSetting = QStringLiteral("market.binance_url (FINAGENT_BINANCE_URL)");
const QString kFuturesSetting = QStringLiteral("market.binance_futures_url (FINAGENT_BINANCE_FUTURES_URL)");
const QString kMirror = QStringLiteral("https://data-api.binance.vision");

constexpr qint64 kPriceTtlMs = 3000;
constexpr qint64 kTicker24hTtlMs = 10000;
constexpr qint64 kAvgPriceTtlMs = 5000;
constexpr qint64 kExchangeInfoTtlMs = 3600 * 1000;
constexpr qint64 kPremiumIndexTtlMs = 5000;
constexpr qint64 kFundingHistoryTtlMs = 60000;

bool isFutures(const UpstreamRequest& request)
{
    return request.provider == QLatin1String(BinanceClient::kFutures);
}

QString displayName(bool futures)
{
    return futures ? QStringLiteral("Binance futures") : QStringLiteral("Binance");
}

Error bad(const QString& what)
{
    return UpstreamError::badResponse(QStringLiteral("Binance"), what, kSpotSetting);
}

// A JSON object or array body, or the error saying it was not one.
Result<QJsonDocument> parseJson(const QByteArray& body)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError)
        return bad(QStringLiteral("not JSON: %1").arg(pe.errorString()));
    return doc;
}

// Binance decimal strings stay strings; a missing one is a bad response.
bool readString(const QJsonObject& o, const char* name, QString& out)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (!v.isString())
        return false;
    out = v.toString();
    return true;
}

qint64 readInt(const QJsonObject& o, const char* name)
{
    return qint64(o.value(QLatin1String(name)).toDouble());
}

QString symbolOf(const UpstreamRequest& request)
{
    return QUrlQuery(request.url).queryItemValue(QStringLiteral("symbol"));
}

} // namespace

BinanceClient::BinanceClient(const Settings& settings)
    : m_settings(settings)
{ }

UpstreamRequest BinanceClient::make(bool futures, const QString& endpoint, const QString& path,
    const QUrlQuery& query, int weight, qint64 ttlMs) const
{
    const QString base = m_settings
                             .string(futures ? QStringLiteral("market.binance_futures_url")
                                             : QStringLiteral("market.binance_url"))
                             .trimmed();
    QUrl url(base);
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(query);

    UpstreamRequest r;
    r.provider = QLatin1String(futures ? kFutures : kSpot);
    r.endpoint = endpoint;
    r.url = url;
    r.weight = weight;
    r.ttlMs = ttlMs;
    r.cacheKey =
        r.provider + QLatin1Char('|') + endpoint + QLatin1Char('|') + query.toString(QUrl::FullyEncoded);
    r.timeoutMs = qMax(100, m_settings.integer(QStringLiteral("market.timeout_ms")));
    return r;
}

UpstreamRequest BinanceClient::tickerPrice(const QString& symbol) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("symbol"), symbol);
    return make(
        false, QStringLiteral("ticker/price"), QStringLiteral("/api/v3/ticker/price"), q, 2, kPriceTtlMs);
}

UpstreamRequest BinanceClient::ticker24h(const QString& symbol) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("symbol"), symbol);
    return make(
        false, QStringLiteral("ticker/24hr"), QStringLiteral("/api/v3/ticker/24hr"), q, 2, kTicker24hTtlMs);
}

UpstreamRequest BinanceClient::klines(const QString& symbol, const QString& interval, int limit,
    std::optional<qint64> startMs, std::optional<qint64> endMs, qint64 nowMs) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("symbol"), symbol);
    q.addQueryItem(QStringLiteral("interval"), interval);
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (startMs)
        q.addQueryItem(QStringLiteral("startTime"), QString::number(*startMs));
    if (endMs)
        q.addQueryItem(QStringLiteral("endTime"), QString::number(*endMs));
    // Candles that closed in the past never change; only a range reaching "now" goes stale fast.
    const bool closed = endMs && *endMs + KlineInterval::durationMs(interval) < nowMs;
    const qint64 ttl = closed ? KlineInterval::closedTtlMs() : KlineInterval::liveTtlMs(interval);
    return make(false, QStringLiteral("klines"), QStringLiteral("/api/v3/klines"), q, 2, ttl);
}

UpstreamRequest BinanceClient::avgPrice(const QString& symbol) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("symbol"), symbol);
    return make(false, QStringLiteral("avgPrice"), QStringLiteral("/api/v3/avgPrice"), q, 2, kAvgPriceTtlMs);
}

UpstreamRequest BinanceClient::exchangeInfo() const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("showPermissionSets"), QStringLiteral("false"));
    return make(false, QStringLiteral("exchangeInfo"), QStringLiteral("/api/v3/exchangeInfo"), q, 20,
        kExchangeInfoTtlMs);
}

UpstreamRequest BinanceClient::premiumIndex(const QString& symbol) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("symbol"), symbol);
    return make(true, QStringLiteral("premiumIndex"), QStringLiteral("/fapi/v1/premiumIndex"), q, 1,
        kPremiumIndexTtlMs);
}

UpstreamRequest BinanceClient::fundingRate(const QString& symbol, int limit) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("symbol"), symbol);
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return make(true, QStringLiteral("fundingRate"), QStringLiteral("/fapi/v1/fundingRate"), q, 1,
        kFundingHistoryTtlMs);
}

Result<SpotPrice> BinanceClient::parseTickerPrice(const QByteArray& body)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    const QJsonObject o = doc->object();
    SpotPrice p;
    if (!readString(o, "symbol", p.symbol) || !readString(o, "price", p.price))
        return bad(QStringLiteral("ticker/price without symbol and price"));
    return p;
}

Result<Ticker24h> BinanceClient::parseTicker24h(const QByteArray& body)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    const QJsonObject o = doc->object();
    Ticker24h t;
    if (!readString(o, "symbol", t.symbol) || !readString(o, "lastPrice", t.lastPrice)
        || !readString(o, "volume", t.volume) || !readString(o, "openPrice", t.openPrice)
        || !readString(o, "highPrice", t.highPrice) || !readString(o, "lowPrice", t.lowPrice)
        || !readString(o, "quoteVolume", t.quoteVolume)) {
        return bad(QStringLiteral("ticker/24hr without its price fields"));
    }
    // FULL fields; a MINI answer leaves them empty.
    readString(o, "priceChange", t.priceChange);
    readString(o, "priceChangePercent", t.priceChangePercent);
    readString(o, "weightedAvgPrice", t.weightedAvgPrice);
    readString(o, "prevClosePrice", t.prevClosePrice);
    readString(o, "lastQty", t.lastQty);
    readString(o, "bidPrice", t.bidPrice);
    readString(o, "bidQty", t.bidQty);
    readString(o, "askPrice", t.askPrice);
    readString(o, "askQty", t.askQty);
    t.openTimeMs = readInt(o, "openTime");
    t.closeTimeMs = readInt(o, "closeTime");
    t.firstId = readInt(o, "firstId");
    t.lastId = readInt(o, "lastId");
    t.count = readInt(o, "count");
    return t;
}

Result<KlineSeries> BinanceClient::parseKlines(
    const QByteArray& body, const QString& symbol, const QString& interval)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    if (!doc->isArray())
        return bad(QStringLiteral("klines that are not an array"));
    const QJsonArray rows = doc->array();
    KlineSeries series;
    series.symbol = symbol;
    series.interval = interval;
    series.klines.reserve(rows.size());
    for (const QJsonValue& rowValue : rows) {
        const QJsonArray row = rowValue.toArray();
        if (row.size() < 11 || !row.at(0).isDouble() || !row.at(6).isDouble())
            return bad(QStringLiteral("a kline row without its 12 columns"));
        Kline k;
        Candle& c = k.candle;
        c.openTime = qint64(row.at(0).toDouble());
        c.closeTime = qint64(row.at(6).toDouble());
        c.openText = row.at(1).toString();
        c.highText = row.at(2).toString();
        c.lowText = row.at(3).toString();
        c.closeText = row.at(4).toString();
        c.volumeText = row.at(5).toString();
        bool ok[5] = {};
        c.open = c.openText.toDouble(&ok[0]);
        c.high = c.highText.toDouble(&ok[1]);
        c.low = c.lowText.toDouble(&ok[2]);
        c.close = c.closeText.toDouble(&ok[3]);
        c.volume = c.volumeText.toDouble(&ok[4]);
        for (bool b : ok) {
            if (!b)
                return bad(QStringLiteral("a kline price that is not a decimal string"));
        }
        k.quoteVolume = row.at(7).toString();
        k.trades = qint64(row.at(8).toDouble());
        k.takerBuyBaseVolume = row.at(9).toString();
        k.takerBuyQuoteVolume = row.at(10).toString();
        series.klines.append(k);
    }
    return series;
}

Result<AveragePrice> BinanceClient::parseAvgPrice(const QByteArray& body, const QString& symbol)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    const QJsonObject o = doc->object();
    AveragePrice a;
    a.symbol = symbol;
    if (!readString(o, "price", a.price))
        return bad(QStringLiteral("avgPrice without price"));
    a.minutes = o.value(QStringLiteral("mins")).toInt();
    a.closeTimeMs = readInt(o, "closeTime");
    return a;
}

Result<SymbolDirectory> BinanceClient::parseExchangeInfo(const QByteArray& body)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    const QJsonValue symbols = doc->object().value(QStringLiteral("symbols"));
    if (!symbols.isArray())
        return bad(QStringLiteral("exchangeInfo without a symbol list"));
    SymbolDirectory directory;
    const QJsonArray list = symbols.toArray();
    for (const QJsonValue& v : list) {
        const QJsonObject s = v.toObject();
        SymbolInfo info;
        if (!readString(s, "symbol", info.symbol) || !readString(s, "baseAsset", info.baseAsset)
            || !readString(s, "quoteAsset", info.quoteAsset)) {
            continue;
        }
        info.status = s.value(QStringLiteral("status")).toString();
        directory.add(info);
    }
    return directory;
}

Result<FundingInfo> BinanceClient::parsePremiumIndex(const QByteArray& body)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    const QJsonObject o = doc->object();
    FundingInfo f;
    if (!readString(o, "symbol", f.symbol) || !readString(o, "markPrice", f.markPrice)
        || !readString(o, "lastFundingRate", f.lastFundingRate)) {
        return UpstreamError::badResponse(
            displayName(true), QStringLiteral("premiumIndex without mark price"), kFuturesSetting);
    }
    readString(o, "indexPrice", f.indexPrice);
    readString(o, "estimatedSettlePrice", f.estimatedSettlePrice);
    readString(o, "interestRate", f.interestRate);
    f.nextFundingTimeMs = readInt(o, "nextFundingTime");
    f.timeMs = readInt(o, "time");
    return f;
}

Result<QList<FundingRate>> BinanceClient::parseFundingRates(const QByteArray& body)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    if (!doc->isArray()) {
        return UpstreamError::badResponse(
            displayName(true), QStringLiteral("fundingRate that is not an array"), kFuturesSetting);
    }
    QList<FundingRate> out;
    const QJsonArray rows = doc->array();
    for (const QJsonValue& v : rows) {
        const QJsonObject o = v.toObject();
        FundingRate r;
        if (!readString(o, "symbol", r.symbol) || !readString(o, "fundingRate", r.fundingRate)) {
            return UpstreamError::badResponse(
                displayName(true), QStringLiteral("a funding row without its rate"), kFuturesSetting);
        }
        r.fundingTimeMs = readInt(o, "fundingTime");
        readString(o, "markPrice", r.markPrice);
        out.append(r);
    }
    return out;
}

Error BinanceClient::errorFrom(const UpstreamReply& reply, const UpstreamRequest& request, qint64 nowMs)
{
    const bool futures = isFutures(request);
    const QString name = displayName(futures);
    const QString setting = futures ? kFuturesSetting : kSpotSetting;
    if (reply.status == 0)
        return UpstreamError::networkFailure(name, reply, request, setting);

    QJsonObject details = UpstreamError::details(reply, request);
    int code = 0;
    QString msg;
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    if (body.contains(QStringLiteral("code"))) {
        code = body.value(QStringLiteral("code")).toInt();
        msg = body.value(QStringLiteral("msg")).toString();
        details.insert(QStringLiteral("upstream_code"), code);
        details.insert(QStringLiteral("upstream_message"), msg);
    }
    const QString said = msg.isEmpty() ? UpstreamError::excerpt(reply.body) : msg;

    if (reply.status == 451) {
        const QString fix = futures
            ? QStringLiteral("Set %1 to a USD-M futures endpoint you can reach.").arg(setting)
            : QStringLiteral("Set %1 to a mirror you can reach, e.g. %2").arg(setting, kMirror);
        return Error(QStringLiteral("upstream_restricted_location"),
            QStringLiteral("%1 refuses requests from this location (HTTP 451). %2").arg(name, fix), details);
    }
    if (reply.status == 429 || reply.status == 418) {
        const qint64 seconds = UpstreamError::retryAfterSeconds(reply);
        UpstreamError::addRetryAfter(details, seconds, nowMs);
        const QString until = MarketTime::iso(nowMs + seconds * 1000);
        if (reply.status == 418) {
            return Error(QStringLiteral("upstream_banned"),
                QStringLiteral("%1 has banned this IP for too many requests (HTTP 418) until %2. FinAgent "
                               "sends nothing to %1 before then; retry after %3 s.")
                    .arg(name, until)
                    .arg(seconds),
                details);
        }
        return Error(QStringLiteral("upstream_rate_limited"),
            QStringLiteral("%1 rate-limited this IP (HTTP 429: %2) until %3. FinAgent sends nothing to %1 "
                           "before then; retry after %4 s.")
                .arg(name, said, until)
                .arg(seconds),
            details);
    }
    if (reply.status == 403) {
        return Error(QStringLiteral("upstream_blocked"),
            QStringLiteral("%1's firewall refused the request (HTTP 403). Wait a few minutes; if it keeps "
                           "happening, set %2 to another endpoint%3.")
                .arg(name, setting, futures ? QString() : QStringLiteral(" such as ") + kMirror),
            details);
    }
    if (reply.status >= 500) {
        return Error(QStringLiteral("upstream_unavailable"),
            QStringLiteral("%1 is having trouble (HTTP %2: %3). Try again in a minute.")
                .arg(name)
                .arg(reply.status)
                .arg(said),
            details);
    }
    const QString symbol = symbolOf(request);
    switch (code) {
    case -1121: {
        Error e = SymbolResolver::unknownSymbol(symbol, symbol, {});
        for (auto it = details.constBegin(); it != details.constEnd(); ++it)
            e.details.insert(it.key(), it.value());
        return e;
    }
    case -1100:
        return Error(QStringLiteral("invalid_symbol"),
            QStringLiteral("%1 is not a valid Binance symbol (%2). Write it like BTCUSDT.").arg(symbol, msg),
            details);
    case -1120:
        return Error(QStringLiteral("invalid_interval"),
            QStringLiteral("%1 does not know that interval. Use one of %2.")
                .arg(name, KlineInterval::all().join(QStringLiteral(", "))),
            details);
    default:
        break;
    }
    if (reply.status == 404) {
        return Error(QStringLiteral("upstream_not_found"),
            QStringLiteral("%1 has no %2 endpoint at %3 (HTTP 404). Check that %4 points at the Binance API.")
                .arg(name, request.url.path(), request.url.host(), setting),
            details);
    }
    return Error(QStringLiteral("upstream_rejected"),
        QStringLiteral("%1 rejected the request (HTTP %2%3: %4).")
            .arg(name)
            .arg(reply.status)
            .arg(code ? QStringLiteral(", code %1").arg(code) : QString())
            .arg(said),
        details);
}
