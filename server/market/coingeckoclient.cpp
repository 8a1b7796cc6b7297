#include "market/coingeckoclient.h"

#include "config/settings.h"
#include "core/decimal.h"
#include "market/markettime.h"
#include "market/upstreamerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

namespace
{

const QString kUrlSetting = QStringLiteral("market.coingecko_url (FINAGENT_COINGECKO_URL)");
const QString kTierSetting = QStringLiteral("market.coingecko_tier (FINAGENT_COINGECKO_TIER)");
const QString kName = QStringLiteral("CoinGecko");
const QByteArray kDemoHeader = QByteArrayLiteral("x-cg-demo-api-key");
const QByteArray kProHeader = QByteArrayLiteral("x-cg-pro-api-key");

constexpr qint64 kPriceTtlMs = 30000;
constexpr qint64 kCoinTtlMs = 5 * 60000;
constexpr qint64 kMarketsTtlMs = 60000;
constexpr qint64 kSearchTtlMs = 10 * 60000;
constexpr qint64 kTrendingTtlMs = 5 * 60000;
constexpr int kDescriptionChars = 600;

Error bad(const QString& what)
{
    return UpstreamError::badResponse(kName, what, kUrlSetting);
}

Result<QJsonDocument> parseJson(const QByteArray& body)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError)
        return bad(QStringLiteral("not JSON: %1").arg(pe.errorString()));
    return doc;
}

std::optional<double> number(const QJsonValue& v)
{
    if (!v.isDouble())
        return std::nullopt;
    return v.toDouble();
}

std::optional<int> rank(const QJsonValue& v)
{
    if (!v.isDouble())
        return std::nullopt;
    return v.toInt();
}

QMap<QString, double> numberMap(const QJsonValue& v)
{
    QMap<QString, double> out;
    const QJsonObject o = v.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it->isDouble())
            out.insert(it.key(), it->toDouble());
    }
    return out;
}

// Descriptions come with HTML links and run to pages; a few sentences of plain text are enough.
QString plainDescription(const QString& html)
{
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    QString text = QString(html).remove(tags).simplified();
    if (text.size() <= kDescriptionChars)
        return text;
    const int cut = int(text.lastIndexOf(QLatin1String(". "), kDescriptionChars));
    return cut > kDescriptionChars / 3 ? text.left(cut + 1)
                                       : text.left(kDescriptionChars) + QStringLiteral("...");
}

CoinGeckoClient::Tier tierOfRequest(const UpstreamRequest& request)
{
    for (const auto& h : request.headers) {
        if (h.first == kProHeader)
            return CoinGeckoClient::Tier::Pro;
        if (h.first == kDemoHeader)
            return CoinGeckoClient::Tier::Demo;
    }
    return CoinGeckoClient::Tier::Keyless;
}

} // namespace

CoinGeckoClient::CoinGeckoClient(const Settings& settings)
    : m_settings(settings)
{ }

std::optional<CoinGeckoClient::Tier> CoinGeckoClient::parseTier(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("keyless") || t.isEmpty())
        return Tier::Keyless;
    if (t == QLatin1String("demo"))
        return Tier::Demo;
    if (t == QLatin1String("pro"))
        return Tier::Pro;
    return std::nullopt;
}

QString CoinGeckoClient::tierName(Tier tier)
{
    switch (tier) {
    case Tier::Demo:
        return QStringLiteral("demo");
    case Tier::Pro:
        return QStringLiteral("pro");
    case Tier::Keyless:
        break;
    }
    return QStringLiteral("keyless");
}

CoinGeckoClient::Tier CoinGeckoClient::configuredTier() const
{
    return parseTier(m_settings.string(QStringLiteral("market.coingecko_tier"))).value_or(Tier::Keyless);
}

CoinGeckoClient::Tier CoinGeckoClient::effectiveTier() const
{
    return m_apiKey.isEmpty() ? Tier::Keyless : configuredTier();
}

QUrl CoinGeckoClient::defaultBaseUrl(Tier tier)
{
    return QUrl(tier == Tier::Pro ? QStringLiteral("https://pro-api.coingecko.com/api/v3")
                                  : QStringLiteral("https://api.coingecko.com/api/v3"));
}

QUrl CoinGeckoClient::baseUrl() const
{
    const QString configured = m_settings.string(QStringLiteral("market.coingecko_url")).trimmed();
    if (configured.isEmpty())
        return defaultBaseUrl(effectiveTier());
    QUrl url(configured);
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path.isEmpty() ? QStringLiteral("/api/v3") : path);
    return url;
}

int CoinGeckoClient::callsPerMinute(Tier tier)
{
    switch (tier) {
    case Tier::Demo:
        return 30;
    case Tier::Pro:
        return 500;
    case Tier::Keyless:
        break;
    }
    return 10;
}

UpstreamRequest CoinGeckoClient::make(
    const QString& endpoint, const QString& path, const QUrlQuery& query, qint64 ttlMs) const
{
    QUrl url = baseUrl();
    url.setPath(url.path() + path);
    url.setQuery(query);
    UpstreamRequest r;
    r.provider = QLatin1String(kProvider);
    r.endpoint = endpoint;
    r.url = url;
    r.ttlMs = ttlMs;
    r.weight = 1;
    // The key never goes into the cache key (or the URL): answers do not depend on it.
    r.cacheKey = r.provider + QLatin1Char('|') + path + QLatin1Char('|') + query.toString(QUrl::FullyEncoded);
    r.timeoutMs = qMax(100, m_settings.integer(QStringLiteral("market.timeout_ms")));
    switch (effectiveTier()) {
    case Tier::Demo:
        r.headers.append({kDemoHeader, m_apiKey.toUtf8()});
        break;
    case Tier::Pro:
        r.headers.append({kProHeader, m_apiKey.toUtf8()});
        break;
    case Tier::Keyless:
        break;
    }
    return r;
}

UpstreamRequest CoinGeckoClient::simplePrice(
    const QStringList& ids, const QStringList& vsCurrencies, bool marketCap, bool volume, bool change) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("ids"), ids.join(QLatin1Char(',')));
    q.addQueryItem(QStringLiteral("vs_currencies"), vsCurrencies.join(QLatin1Char(',')));
    q.addQueryItem(
        QStringLiteral("include_market_cap"), marketCap ? QStringLiteral("true") : QStringLiteral("false"));
    q.addQueryItem(
        QStringLiteral("include_24hr_vol"), volume ? QStringLiteral("true") : QStringLiteral("false"));
    q.addQueryItem(
        QStringLiteral("include_24hr_change"), change ? QStringLiteral("true") : QStringLiteral("false"));
    q.addQueryItem(QStringLiteral("include_last_updated_at"), QStringLiteral("true"));
    q.addQueryItem(QStringLiteral("precision"), QStringLiteral("full"));
    return make(QStringLiteral("simple/price"), QStringLiteral("/simple/price"), q, kPriceTtlMs);
}

UpstreamRequest CoinGeckoClient::coin(const QString& id) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("localization"), QStringLiteral("false"));
    q.addQueryItem(QStringLiteral("tickers"), QStringLiteral("false"));
    q.addQueryItem(QStringLiteral("market_data"), QStringLiteral("true"));
    q.addQueryItem(QStringLiteral("community_data"), QStringLiteral("false"));
    q.addQueryItem(QStringLiteral("developer_data"), QStringLiteral("false"));
    q.addQueryItem(QStringLiteral("sparkline"), QStringLiteral("false"));
    const QString path = QStringLiteral("/coins/") + QString::fromUtf8(QUrl::toPercentEncoding(id));
    return make(QStringLiteral("coins/{id}"), path, q, kCoinTtlMs);
}

UpstreamRequest CoinGeckoClient::markets(const QString& vsCurrency, const QStringList& ids, int perPage) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("vs_currency"), vsCurrency);
    if (!ids.isEmpty())
        q.addQueryItem(QStringLiteral("ids"), ids.join(QLatin1Char(',')));
    q.addQueryItem(QStringLiteral("order"), QStringLiteral("market_cap_desc"));
    q.addQueryItem(QStringLiteral("per_page"), QString::number(qBound(1, perPage, 250)));
    q.addQueryItem(QStringLiteral("page"), QStringLiteral("1"));
    q.addQueryItem(QStringLiteral("sparkline"), QStringLiteral("false"));
    return make(QStringLiteral("coins/markets"), QStringLiteral("/coins/markets"), q, kMarketsTtlMs);
}

UpstreamRequest CoinGeckoClient::search(const QString& query) const
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), QString::fromUtf8(QUrl::toPercentEncoding(query)));
    return make(QStringLiteral("search"), QStringLiteral("/search"), q, kSearchTtlMs);
}

UpstreamRequest CoinGeckoClient::trending() const
{
    return make(
        QStringLiteral("search/trending"), QStringLiteral("/search/trending"), QUrlQuery(), kTrendingTtlMs);
}

QString CoinGeckoClient::numberText(double value)
{
    const QString shortest = QString::number(value, 'g', QLocale::FloatingPointShortest);
    const std::optional<Decimal> d = Decimal::parseLenient(shortest);
    return d ? d->toString() : shortest;
}

Result<CoinPrices> CoinGeckoClient::parseSimplePrice(
    const QByteArray& body, const QStringList& ids, const QStringList& vsCurrencies)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return bad(QStringLiteral("simple/price that is not an object"));
    const QJsonObject root = doc->object();
    CoinPrices out;
    QSet<QString> seenCurrencies;
    for (const QString& id : ids) {
        const QJsonValue entry = root.value(id);
        if (!entry.isObject()) {
            out.notFound.append(id); // CoinGecko leaves unknown ids out
            continue;
        }
        const QJsonObject o = entry.toObject();
        const qint64 updated = qint64(o.value(QStringLiteral("last_updated_at")).toDouble()) * 1000;
        for (const QString& vs : vsCurrencies) {
            const QJsonValue price = o.value(vs);
            if (!price.isDouble())
                continue;
            seenCurrencies.insert(vs);
            CoinQuote q;
            q.id = id;
            q.vsCurrency = vs;
            q.priceNumber = price.toDouble();
            q.price = numberText(q.priceNumber);
            q.marketCap = number(o.value(vs + QStringLiteral("_market_cap")));
            q.volume24h = number(o.value(vs + QStringLiteral("_24h_vol")));
            q.change24hPercent = number(o.value(vs + QStringLiteral("_24h_change")));
            q.lastUpdatedMs = updated;
            out.quotes.append(q);
        }
    }
    if (out.notFound.size() < ids.size()) {
        for (const QString& vs : vsCurrencies) {
            if (!seenCurrencies.contains(vs))
                out.unsupportedCurrencies.append(vs);
        }
    }
    return out;
}

Result<CoinData> CoinGeckoClient::parseCoin(const QByteArray& body)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    const QJsonObject o = doc->object();
    CoinData c;
    c.id = o.value(QStringLiteral("id")).toString();
    if (c.id.isEmpty())
        return bad(QStringLiteral("coins/{id} without an id"));
    c.symbol = o.value(QStringLiteral("symbol")).toString();
    c.name = o.value(QStringLiteral("name")).toString();
    c.marketCapRank = rank(o.value(QStringLiteral("market_cap_rank")));
    const QJsonArray categories = o.value(QStringLiteral("categories")).toArray();
    for (const QJsonValue& v : categories) {
        if (v.isString() && !v.toString().isEmpty())
            c.categories.append(v.toString());
    }
    c.description = plainDescription(
        o.value(QStringLiteral("description")).toObject().value(QStringLiteral("en")).toString());
    const QJsonArray homepages =
        o.value(QStringLiteral("links")).toObject().value(QStringLiteral("homepage")).toArray();
    for (const QJsonValue& v : homepages) {
        if (!v.toString().isEmpty()) {
            c.homepage = v.toString();
            break;
        }
    }
    c.genesisDate = o.value(QStringLiteral("genesis_date")).toString();
    c.lastUpdated = o.value(QStringLiteral("last_updated")).toString();
    const QJsonObject m = o.value(QStringLiteral("market_data")).toObject();
    c.currentPrice = numberMap(m.value(QStringLiteral("current_price")));
    c.marketCap = numberMap(m.value(QStringLiteral("market_cap")));
    c.totalVolume = numberMap(m.value(QStringLiteral("total_volume")));
    c.high24h = numberMap(m.value(QStringLiteral("high_24h")));
    c.low24h = numberMap(m.value(QStringLiteral("low_24h")));
    c.ath = numberMap(m.value(QStringLiteral("ath")));
    c.athChangePercent = numberMap(m.value(QStringLiteral("ath_change_percentage")));
    const QJsonObject athDates = m.value(QStringLiteral("ath_date")).toObject();
    for (auto it = athDates.constBegin(); it != athDates.constEnd(); ++it)
        c.athDate.insert(it.key(), it->toString());
    c.priceChange24h = number(m.value(QStringLiteral("price_change_24h")));
    c.priceChangePercent24h = number(m.value(QStringLiteral("price_change_percentage_24h")));
    c.priceChangePercent7d = number(m.value(QStringLiteral("price_change_percentage_7d")));
    c.circulatingSupply = number(m.value(QStringLiteral("circulating_supply")));
    c.totalSupply = number(m.value(QStringLiteral("total_supply")));
    c.maxSupply = number(m.value(QStringLiteral("max_supply")));
    if (c.lastUpdated.isEmpty())
        c.lastUpdated = m.value(QStringLiteral("last_updated")).toString();
    return c;
}

Result<CoinMarkets> CoinGeckoClient::parseMarkets(const QByteArray& body, const QString& vsCurrency)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    if (!doc->isArray())
        return bad(QStringLiteral("coins/markets that is not an array"));
    CoinMarkets out;
    out.vsCurrency = vsCurrency;
    const QJsonArray rows = doc->array();
    for (const QJsonValue& v : rows) {
        const QJsonObject o = v.toObject();
        CoinMarket m;
        m.id = o.value(QStringLiteral("id")).toString();
        m.symbol = o.value(QStringLiteral("symbol")).toString();
        m.name = o.value(QStringLiteral("name")).toString();
        m.currentPriceNumber = o.value(QStringLiteral("current_price")).toDouble();
        m.currentPrice = numberText(m.currentPriceNumber);
        m.marketCapRank = rank(o.value(QStringLiteral("market_cap_rank")));
        m.marketCap = number(o.value(QStringLiteral("market_cap")));
        m.totalVolume = number(o.value(QStringLiteral("total_volume")));
        m.high24h = number(o.value(QStringLiteral("high_24h")));
        m.low24h = number(o.value(QStringLiteral("low_24h")));
        m.priceChange24h = number(o.value(QStringLiteral("price_change_24h")));
        m.priceChangePercent24h = number(o.value(QStringLiteral("price_change_percentage_24h")));
        m.circulatingSupply = number(o.value(QStringLiteral("circulating_supply")));
        m.lastUpdated = o.value(QStringLiteral("last_updated")).toString();
        if (!m.id.isEmpty())
            out.coins.append(m);
    }
    return out;
}

Result<CoinSearch> CoinGeckoClient::parseSearch(const QByteArray& body, const QString& query)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    const QJsonObject root = doc->object();
    if (!root.value(QStringLiteral("coins")).isArray())
        return bad(QStringLiteral("search without a coin list"));
    CoinSearch out;
    out.query = query;
    const QJsonArray coins = root.value(QStringLiteral("coins")).toArray();
    for (const QJsonValue& v : coins) {
        const QJsonObject o = v.toObject();
        CoinSearchHit hit;
        hit.id = o.value(QStringLiteral("id")).toString();
        hit.name = o.value(QStringLiteral("name")).toString();
        hit.symbol = o.value(QStringLiteral("symbol")).toString();
        hit.marketCapRank = rank(o.value(QStringLiteral("market_cap_rank")));
        if (!hit.id.isEmpty())
            out.coins.append(hit);
    }
    const QJsonArray categories = root.value(QStringLiteral("categories")).toArray();
    for (const QJsonValue& v : categories) {
        const QJsonObject o = v.toObject();
        out.categories.append({o.value(QStringLiteral("id")).toVariant().toString(),
            o.value(QStringLiteral("name")).toString()});
    }
    return out;
}

Result<TrendingCoins> CoinGeckoClient::parseTrending(const QByteArray& body)
{
    Result<QJsonDocument> doc = parseJson(body);
    if (!doc)
        return doc.error();
    const QJsonValue coins = doc->object().value(QStringLiteral("coins"));
    if (!coins.isArray())
        return bad(QStringLiteral("search/trending without a coin list"));
    TrendingCoins out;
    const QJsonArray list = coins.toArray();
    for (const QJsonValue& v : list) {
        // Each coin sits inside an "item" object.
        const QJsonObject item = v.toObject().value(QStringLiteral("item")).toObject();
        TrendingCoin c;
        c.id = item.value(QStringLiteral("id")).toString();
        c.name = item.value(QStringLiteral("name")).toString();
        c.symbol = item.value(QStringLiteral("symbol")).toString();
        c.marketCapRank = rank(item.value(QStringLiteral("market_cap_rank")));
        c.score = item.value(QStringLiteral("score")).toInt();
        c.priceBtc = number(item.value(QStringLiteral("price_btc")));
        const QJsonObject data = item.value(QStringLiteral("data")).toObject();
        c.priceUsd = number(data.value(QStringLiteral("price")));
        c.change24hPercentUsd = number(data.value(QStringLiteral("price_change_percentage_24h"))
                                           .toObject()
                                           .value(QStringLiteral("usd")));
        c.marketCap = data.value(QStringLiteral("market_cap")).toString();
        c.totalVolume = data.value(QStringLiteral("total_volume")).toString();
        if (!c.id.isEmpty())
            out.coins.append(c);
    }
    return out;
}

Error CoinGeckoClient::errorFrom(const UpstreamReply& reply, const UpstreamRequest& request, qint64 nowMs)
{
    if (reply.status == 0)
        return UpstreamError::networkFailure(kName, reply, request, kUrlSetting);

    QJsonObject details = UpstreamError::details(reply, request);
    // Three JSON shapes: {"status":{"error_code","error_message"}}, {"error_code",
    // "status":{"error_message"}} and {"error": "..."}; anything else (Cloudflare's HTML) has neither.
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    const QJsonObject status = body.value(QStringLiteral("status")).toObject();
    int code = 0;
    if (body.value(QStringLiteral("error_code")).isDouble())
        code = body.value(QStringLiteral("error_code")).toInt();
    else if (status.value(QStringLiteral("error_code")).isDouble())
        code = status.value(QStringLiteral("error_code")).toInt();
    QString message = status.value(QStringLiteral("error_message")).toString();
    if (message.isEmpty())
        message = body.value(QStringLiteral("error")).toString();
    const bool html = !reply.body.isEmpty() && body.isEmpty();
    if (code)
        details.insert(QStringLiteral("upstream_code"), code);
    if (!message.isEmpty())
        details.insert(QStringLiteral("upstream_message"), message);
    const QString said = message.isEmpty() ? UpstreamError::excerpt(reply.body) : message;
    const Tier tier = tierOfRequest(request);
    details.insert(QStringLiteral("tier"), tierName(tier));

    if (reply.status == 429 || code == 429) {
        const qint64 seconds = UpstreamError::retryAfterSeconds(reply);
        UpstreamError::addRetryAfter(details, seconds, nowMs);
        QString advice;
        if (tier == Tier::Keyless) {
            advice = QStringLiteral(
                " Keyless access shares a small limit with everyone on this IP: a free Demo key "
                "raises it (store it with `finagent secrets set coingecko/api_key` and set %1 to "
                "demo).")
                         .arg(kTierSetting);
        }
        return Error(QStringLiteral("upstream_rate_limited"),
            QStringLiteral("CoinGecko rate-limited this IP (HTTP 429%1) until %2. FinAgent sends nothing to "
                           "CoinGecko before then; retry after %3 s.%4")
                .arg(html ? QStringLiteral(", a Cloudflare page") : QStringLiteral(": ") + said,
                    MarketTime::iso(nowMs + seconds * 1000))
                .arg(seconds)
                .arg(advice),
            details);
    }
    if (code == 10011 || code == 10010) {
        const bool demoKeyOnPro = code == 10011;
        return Error(QStringLiteral("coingecko_wrong_tier"),
            QStringLiteral(
                "CoinGecko refused the key for this host (%1: %2). Your key is a %3 key: set %4 to "
                "%5%6.")
                .arg(code)
                .arg(said, demoKeyOnPro ? QStringLiteral("Demo") : QStringLiteral("Pro"), kTierSetting,
                    demoKeyOnPro ? QStringLiteral("demo (it uses api.coingecko.com)")
                                 : QStringLiteral("pro (it uses pro-api.coingecko.com)"),
                    QStringLiteral(", and clear %1 unless it points at that host").arg(kUrlSetting)),
            details);
    }
    if (code == 10002 || (reply.status == 401 && code != 10005)) {
        return Error(QStringLiteral("coingecko_key_invalid"),
            QStringLiteral("CoinGecko says the API key is missing or not valid (%1). Store a valid key with "
                           "`finagent secrets set coingecko/api_key` (or on the Accounts page), or set %2 "
                           "to keyless.")
                .arg(said, kTierSetting),
            details);
    }
    if (code == 10005) {
        return Error(QStringLiteral("coingecko_plan_limit"),
            QStringLiteral("CoinGecko's plan for this key does not include %1 (%2). Use another tool, or a "
                           "plan that includes it.")
                .arg(request.endpoint, said),
            details);
    }
    if (reply.status == 404 && message.contains(QLatin1String("coin not found"), Qt::CaseInsensitive)) {
        const QString id =
            QUrl::fromPercentEncoding(request.url.path().section(QLatin1Char('/'), -1).toUtf8());
        details.insert(QStringLiteral("id"), id);
        return Error(QStringLiteral("coin_not_found"),
            QStringLiteral("CoinGecko has no coin with the id \"%1\". Use search_coins to find its id (for "
                           "example \"bitcoin\" for BTC).")
                .arg(id),
            details);
    }
    if (reply.status == 403) {
        return Error(QStringLiteral("upstream_blocked"),
            QStringLiteral(
                "CoinGecko's CDN refused the request (HTTP 403%1). Wait a few minutes; with a key, "
                "check that %2 matches it.")
                .arg(html ? QString() : QStringLiteral(": ") + said, kTierSetting),
            details);
    }
    if (reply.status >= 500) {
        return Error(QStringLiteral("upstream_unavailable"),
            QStringLiteral("CoinGecko is having trouble (HTTP %1%2). Try again in a minute.")
                .arg(reply.status)
                .arg(html ? QString() : QStringLiteral(": ") + said),
            details);
    }
    if (reply.status == 400) {
        return Error(QStringLiteral("upstream_rejected"),
            QStringLiteral("CoinGecko rejected the request (HTTP 400: %1). Check the ids and currencies.")
                .arg(said),
            details);
    }
    return Error(QStringLiteral("upstream_error"),
        QStringLiteral("CoinGecko answered HTTP %1 (%2).").arg(reply.status).arg(said), details);
}
