#include "fakecoingecko.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace
{

constexpr qint64 kMinuteMs = 60 * 1000;
const QByteArray kJsonType = QByteArrayLiteral("application/json; charset=utf-8");
const QString kApiPrefix = QStringLiteral("/api/v3");

const QString kKeyMissing =
    QStringLiteral("API Key Missing. Please make sure you're using the right authentication method. For Pro "
                   "API, please visit: "
                   "https://docs.coingecko.com/reference/authentication. For Public/Demo API, please visit: "
                   "https://docs.coingecko.com/v3.0.1/reference/authentication");
const QString kDemoKeyOnPro =
    QStringLiteral("If you are using Demo API key, please change your root URL from pro-api.coingecko.com to "
                   "api.coingecko.com Please refer here for more details: "
                   "https://docs.coingecko.com/v3.0.1/reference/introduction");
const QString kProKeyOnPublic =
    QStringLiteral("If you are using Pro API key, please change your root URL from api.coingecko.com to "
                   "pro-api.coingecko.com Please refer here for more details: "
                   "https://docs.coingecko.com/reference/introduction");
const QString kRateLimited =
    QStringLiteral("You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to "
                   "subscribe to our API plans for higher rate limits.");

QByteArray cloudflarePage(const QByteArray& code, const QByteArray& title, const QByteArray& headline)
{
    return "<!DOCTYPE html>\n<!--[if lt IE 7]> <html class=\"no-js ie6 oldie\" lang=\"en-US\"> <![endif]-->\n"
           "<html class=\"no-js\" lang=\"en-US\">\n<head>\n<title>"
        + title
        + " | api.coingecko.com | Cloudflare</title>\n<meta charset=\"UTF-8\" />\n"
          "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\" />\n</head>\n<body>\n"
          "<div id=\"cf-wrapper\">\n<div id=\"cf-error-details\" class=\"cf-error-details-wrapper\">\n"
          "<h1><span class=\"cf-error-type\" data-translate=\"error\">Error</span> "
          "<span class=\"cf-error-code\">"
        + code + "</span></h1>\n<h2 class=\"cf-subheadline\" data-translate=\"error_desc\">" + headline
        + "</h2>\n<p>The owner of this website (api.coingecko.com) has banned you temporarily from accessing "
          "this website.</p>\n</div>\n<div class=\"cf-error-footer\">Cloudflare Ray ID: <strong>"
          "8f2a7c1d9e3b4a56</strong> &bull; Performance &amp; security by Cloudflare</div>\n</div>\n"
          "</body>\n</html>\n";
}

} // namespace

FakeCoinGecko::FakeCoinGecko(QObject* parent)
    : FakeUpstream(parent)
{
    const QList<QPair<const char*, double>> fiat = {
        {"usd", 1.0},
        {"eur", 0.92},
        {"gbp", 0.79},
        {"jpy", 151.62},
        {"cny", 7.23},
        {"krw", 1352.4},
        {"inr", 83.31},
        {"aud", 1.52},
        {"cad", 1.36},
        {"chf", 0.90},
        {"brl", 5.05},
        {"rub", 92.5},
        {"try", 32.1},
        {"hkd", 7.82},
        {"sgd", 1.35},
    };
    for (const auto& f : fiat)
        m_fx.insert(QLatin1String(f.first), f.second);
    setCoins(FakeCoinGeckoData::defaultCoins());
    m_trending = FakeCoinGeckoData::defaultTrending();
}

// --- data control ---------------------------------------------------------------------------

void FakeCoinGecko::setCoins(const QList<Coin>& coins)
{
    m_coins.clear();
    m_order.clear();
    for (const Coin& c : coins)
        addCoin(c);
}

void FakeCoinGecko::addCoin(const Coin& coin)
{
    if (!m_coins.contains(coin.id))
        m_order.append(coin.id);
    m_coins.insert(coin.id, coin);
}

void FakeCoinGecko::removeCoin(const QString& id)
{
    m_coins.remove(id);
    m_order.removeAll(id);
    m_trending.removeAll(id);
}

std::optional<FakeCoinGecko::Coin> FakeCoinGecko::coin(const QString& id) const
{
    const auto it = m_coins.constFind(id);
    if (it == m_coins.constEnd())
        return std::nullopt;
    return *it;
}

void FakeCoinGecko::setPrice(const QString& id, double usd)
{
    auto it = m_coins.find(id);
    if (it != m_coins.end())
        it->priceUsd = usd;
}

void FakeCoinGecko::setChange24h(const QString& id, double percent)
{
    auto it = m_coins.find(id);
    if (it != m_coins.end())
        it->change24hPct = percent;
}

void FakeCoinGecko::setFxRate(const QString& vsCurrency, double perUsdRate)
{
    m_fx.insert(vsCurrency.toLower(), perUsdRate);
}

QStringList FakeCoinGecko::supportedVsCurrencies() const
{
    QStringList list = m_fx.keys();
    list << QStringLiteral("btc") << QStringLiteral("eth") << QStringLiteral("bnb") << QStringLiteral("xrp")
         << QStringLiteral("sats");
    list.sort();
    return list;
}

std::optional<double> FakeCoinGecko::perUsd(const QString& vsCurrency) const
{
    const QString vs = vsCurrency.toLower();
    const auto fx = m_fx.constFind(vs);
    if (fx != m_fx.constEnd())
        return *fx;
    const auto coinPrice = [this](const char* id) -> std::optional<double> {
        const auto it = m_coins.constFind(QLatin1String(id));
        if (it == m_coins.constEnd() || it->priceUsd <= 0)
            return std::nullopt;
        return 1.0 / it->priceUsd;
    };
    if (vs == QLatin1String("btc"))
        return coinPrice("bitcoin");
    if (vs == QLatin1String("sats")) {
        const auto btc = coinPrice("bitcoin");
        return btc ? std::optional<double>(*btc * 1e8) : std::nullopt;
    }
    if (vs == QLatin1String("eth"))
        return coinPrice("ethereum");
    if (vs == QLatin1String("bnb"))
        return coinPrice("binancecoin");
    if (vs == QLatin1String("xrp"))
        return coinPrice("ripple");
    return std::nullopt;
}

double FakeCoinGecko::withPrecision(double value, const QString& precision)
{
    bool ok = false;
    const int digits = precision.toInt(&ok);
    if (!ok || digits < 0 || digits > 18)
        return value; // "full" or absent
    const double scale = std::pow(10.0, digits);
    return std::round(value * scale) / scale;
}

QString FakeCoinGecko::slug(const QString& text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber())
            out += c;
        else if (!out.endsWith(QLatin1Char('-')))
            out += QLatin1Char('-');
    }
    while (out.endsWith(QLatin1Char('-')))
        out.chop(1);
    return out;
}

QString FakeCoinGecko::imageUrl(const Coin& c, const QString& size) const
{
    return QStringLiteral("https://assets.coingecko.com/coins/images/%1/%2/%3")
        .arg(c.imageId)
        .arg(size, c.imageFile);
}

qint64 FakeCoinGecko::updatedMs(const Coin& c) const
{
    return c.lastUpdatedMs > 0 ? c.lastUpdatedMs : now();
}

QString FakeCoinGecko::isoNow() const
{
    return QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz+00:00"));
}

int FakeCoinGecko::callsThisMinute()
{
    const qint64 start = now() - now() % kMinuteMs;
    return start == m_windowStart ? m_windowCalls : 0;
}

// --- request handling -----------------------------------------------------------------------

FakeUpstream::Reply FakeCoinGecko::json(const QJsonValue& value, int status)
{
    const QByteArray body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return jsonReply(status, body, kJsonType);
}

FakeUpstream::Reply FakeCoinGecko::errorMessage(const QString& message, int status)
{
    return json(QJsonObject {{QStringLiteral("error"), message}}, status);
}

std::optional<FakeUpstream::Reply> FakeCoinGecko::checkKey(const RecordedRequest& request) const
{
    const auto keyOf = [&](const char* header, const char* query) {
        const QByteArray h = request.header(QByteArray(header));
        return !h.isEmpty() ? QString::fromUtf8(h) : request.queryValue(QLatin1String(query));
    };
    const QString demoKey = keyOf("x-cg-demo-api-key", "x_cg_demo_api_key");
    const QString proKey = keyOf("x-cg-pro-api-key", "x_cg_pro_api_key");

    const auto wrongHost = [&](int code, const QString& message) {
        return json(
            QJsonObject {{QStringLiteral("timestamp"), isoNow()}, {QStringLiteral("error_code"), code},
                {QStringLiteral("status"), QJsonObject {{QStringLiteral("error_message"), message}}}},
            400);
    };
    const auto missing = [&]() {
        return json(
            QJsonObject {{QStringLiteral("status"),
                QJsonObject {{QStringLiteral("timestamp"), isoNow()}, {QStringLiteral("error_code"), 10002},
                    {QStringLiteral("error_message"), kKeyMissing}}}},
            401);
    };

    switch (m_mode) {
    case Mode::Keyless:
        if (!proKey.isEmpty() && demoKey.isEmpty())
            return wrongHost(10010, kProKeyOnPublic);
        return std::nullopt;
    case Mode::Demo:
        if (!proKey.isEmpty() && demoKey.isEmpty())
            return wrongHost(10010, kProKeyOnPublic);
        if (demoKey.isEmpty() || demoKey != m_apiKey)
            return missing();
        return std::nullopt;
    case Mode::Pro:
        if (!demoKey.isEmpty() && proKey.isEmpty())
            return wrongHost(10011, kDemoKeyOnPro);
        if (proKey.isEmpty() || proKey != m_apiKey)
            return missing();
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<FakeUpstream::Reply> FakeCoinGecko::checkRate()
{
    const qint64 t = now();
    const qint64 start = t - t % kMinuteMs;
    if (start != m_windowStart) {
        m_windowStart = start;
        m_windowCalls = 0;
    }
    ++m_windowCalls;
    if (m_rateLimit <= 0 || m_windowCalls <= m_rateLimit)
        return std::nullopt;
    const int retryAfter = int(std::max<qint64>(1, (start + kMinuteMs - t + 999) / 1000));
    return failureReply(
        m_htmlRateLimit ? Failure::HtmlRateLimit429 : Failure::RateLimited429, retryAfter, RecordedRequest());
}

FakeUpstream::Reply FakeCoinGecko::failureReply(
    Failure failure, int retryAfterSeconds, const RecordedRequest& request)
{
    switch (failure) {
    case Failure::RateLimited429: {
        Reply reply = json(QJsonObject {{QStringLiteral("status"),
                               QJsonObject {{QStringLiteral("error_code"), 429},
                                   {QStringLiteral("error_message"), kRateLimited}}}},
            429);
        reply.header("retry-after", QByteArray::number(retryAfterSeconds > 0 ? retryAfterSeconds : 60));
        return reply;
    }
    case Failure::HtmlRateLimit429: {
        // Keyless callers get Cloudflare's page, with no retry-after unless one is scripted.
        Reply reply = htmlReply(429, cloudflarePage("1015", "Access denied", "You are being rate limited"));
        if (retryAfterSeconds > 0)
            reply.header("retry-after", QByteArray::number(retryAfterSeconds));
        return reply;
    }
    case Failure::WafBlocked403:
        return htmlReply(403, cloudflarePage("1020", "Access denied", "Access denied"));
    case Failure::ServerError500:
        return json(QJsonObject {{QStringLiteral("status"),
                        QJsonObject {{QStringLiteral("error_code"), 500},
                            {QStringLiteral("error_message"), QStringLiteral("Internal Server Error")}}}},
            500);
    case Failure::BadGateway502:
        return htmlReply(502, cloudflarePage("502", "Bad gateway", "Bad gateway"));
    case Failure::Unavailable503:
        return htmlReply(503, cloudflarePage("503", "Service unavailable", "Service unavailable"));
    default:
        return FakeUpstream::failureReply(failure, retryAfterSeconds, request);
    }
}

FakeUpstream::Reply FakeCoinGecko::handle(const RecordedRequest& request)
{
    if (auto e = checkKey(request))
        return *e;
    if (auto e = checkRate())
        return *e;
    if (request.method != QLatin1String("GET"))
        return errorMessage(
            QStringLiteral("Incorrect path. Please check https://www.coingecko.com/api/"), 404);

    QString path = request.path;
    if (path.startsWith(kApiPrefix))
        path = path.mid(kApiPrefix.size());
    else
        path.clear();
    if (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);

    if (path == QLatin1String("/ping"))
        return ping();
    if (path == QLatin1String("/simple/price"))
        return simplePrice(request);
    if (path == QLatin1String("/simple/supported_vs_currencies"))
        return supportedVs();
    if (path == QLatin1String("/coins/list"))
        return coinsList();
    if (path == QLatin1String("/coins/markets"))
        return coinsMarkets(request);
    if (path == QLatin1String("/search"))
        return search(request);
    if (path == QLatin1String("/search/trending"))
        return trending();
    if (path.startsWith(QLatin1String("/coins/")) && path.count(QLatin1Char('/')) == 2)
        return coinById(path.mid(7), request);
    return errorMessage(QStringLiteral("Incorrect path. Please check https://www.coingecko.com/api/"), 404);
}

FakeUpstream::Reply FakeCoinGecko::ping() const
{
    return json(QJsonObject {{QStringLiteral("gecko_says"), QStringLiteral("(V3) To the Moon!")}});
}

FakeUpstream::Reply FakeCoinGecko::supportedVs() const
{
    return json(QJsonArray::fromStringList(supportedVsCurrencies()));
}

FakeUpstream::Reply FakeCoinGecko::coinsList() const
{
    QJsonArray list;
    for (const QString& id : m_order) {
        const Coin& c = m_coins[id];
        list.append(QJsonObject {{QStringLiteral("id"), c.id}, {QStringLiteral("symbol"), c.symbol},
            {QStringLiteral("name"), c.name}});
    }
    return json(list);
}

FakeUpstream::Reply FakeCoinGecko::simplePrice(const RecordedRequest& request) const
{
    const QString vsParam = request.queryValue(QStringLiteral("vs_currencies"));
    if (vsParam.isEmpty())
        return errorMessage(QStringLiteral("Missing parameter vs_currencies"));
    const QString idsParam = request.queryValue(QStringLiteral("ids"));
    const QString symbolsParam = request.queryValue(QStringLiteral("symbols"));
    const QString namesParam = request.queryValue(QStringLiteral("names"));
    if (idsParam.isEmpty() && symbolsParam.isEmpty() && namesParam.isEmpty())
        return errorMessage(QStringLiteral("Missing parameter ids"));

    const auto flag = [&](const char* name) {
        return request.queryValue(QLatin1String(name)).toLower() == QLatin1String("true");
    };
    const bool withCap = flag("include_market_cap");
    const bool withVolume = flag("include_24hr_vol");
    const bool withChange = flag("include_24hr_change");
    const bool withUpdated = flag("include_last_updated_at");
    const QString precision = request.queryValue(QStringLiteral("precision"));

    // Priority: ids > names > symbols. Results are keyed by the term that was asked for.
    QList<QPair<QString, QString>> wanted; // key in the answer, coin id
    const auto split = [](const QString& text) {
        QStringList parts;
        for (const QString& p : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!p.trimmed().isEmpty())
                parts.append(p.trimmed());
        }
        return parts;
    };
    if (!idsParam.isEmpty()) {
        for (const QString& id : split(idsParam)) {
            if (m_coins.contains(id))
                wanted.append({id, id});
        }
    } else {
        const bool byName = !namesParam.isEmpty();
        for (const QString& term : split(byName ? namesParam : symbolsParam)) {
            // The highest-ranked coin wins when several share a symbol (include_tokens=top).
            QString best;
            for (const QString& id : m_order) {
                const Coin& c = m_coins[id];
                const bool match = byName ? c.name.compare(term, Qt::CaseInsensitive) == 0
                                          : c.symbol.compare(term, Qt::CaseInsensitive) == 0;
                if (match && (best.isEmpty() || c.marketCapRank < m_coins[best].marketCapRank))
                    best = id;
            }
            if (!best.isEmpty())
                wanted.append({term.toLower(), best});
        }
    }

    QJsonObject result;
    for (const auto& [key, id] : wanted) {
        const Coin& c = m_coins[id];
        QJsonObject entry;
        for (const QString& vsRaw : split(vsParam)) {
            const QString vs = vsRaw.toLower();
            const auto rate = perUsd(vs);
            if (!rate)
                continue; // unknown vs currencies are left out
            entry.insert(vs, withPrecision(c.priceUsd * *rate, precision));
            if (withCap)
                entry.insert(vs + QStringLiteral("_market_cap"), c.priceUsd * c.circulatingSupply * *rate);
            if (withVolume)
                entry.insert(vs + QStringLiteral("_24h_vol"), c.totalVolumeUsd * *rate);
            if (withChange)
                entry.insert(vs + QStringLiteral("_24h_change"), c.change24hPct);
        }
        if (withUpdated)
            entry.insert(QStringLiteral("last_updated_at"), updatedMs(c) / 1000);
        result.insert(key, entry);
    }
    return json(result);
}
