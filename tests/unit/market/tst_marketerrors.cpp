// Every error shape of the reference (Binance {code,msg}, CoinGecko's three JSON shapes and its HTML
// pages, network failures) turned into sentences that say what to do, and the answers' parsing.
#include "market/binanceclient.h"
#include "market/coingeckoclient.h"

#include <QJsonArray>
#include <QTest>

namespace
{

constexpr qint64 kNow = 1717243200000; // 2024-06-01T12:00:00Z

UpstreamReply reply(int status, const QByteArray& body, QHash<QByteArray, QByteArray> headers = {})
{
    UpstreamReply r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    return r;
}

UpstreamRequest binanceRequest(const char* provider = BinanceClient::kSpot)
{
    UpstreamRequest r;
    r.provider = QLatin1String(provider);
    r.endpoint = QStringLiteral("ticker/price");
    r.url = QUrl(QStringLiteral("https://data-api.binance.vision/api/v3/ticker/price?symbol=BTCUSD"));
    return r;
}

UpstreamRequest coingeckoRequest(
    const QString& path = QStringLiteral("/api/v3/simple/price"), const QByteArray& keyHeader = {})
{
    UpstreamRequest r;
    r.provider = QLatin1String(CoinGeckoClient::kProvider);
    r.endpoint = QStringLiteral("simple/price");
    r.url = QUrl(QStringLiteral("https://api.coingecko.com") + path);
    if (!keyHeader.isEmpty())
        r.headers.append({keyHeader, QByteArrayLiteral("CG-secret")});
    return r;
}

} // namespace

class TestMarketErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void binanceUnknownSymbol();
    void binanceOtherCodes();
    void binanceRateLimitAndBan();
    void binanceRestrictedLocation();
    void binanceServerAndFirewall();
    void networkFailures();
    void coingeckoStatusShape();
    void coingeckoTopLevelCodeShape();
    void coingeckoErrorShape();
    void coingeckoHtmlPages();
    void coingeckoKeyErrors();
    void parsesBinanceAnswers();
    void parsesCoinGeckoAnswers();
    void badBodiesAreBadResponses();
};

void TestMarketErrors::binanceUnknownSymbol()
{
    const Error e = BinanceClient::errorFrom(
        reply(400, R"({"code":-1121,"msg":"Invalid symbol."})"), binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("invalid_symbol"));
    QVERIFY(e.message.startsWith(QStringLiteral("Unknown symbol BTCUSD")));
    QVERIFY(e.message.contains(QStringLiteral("search_coins")));
    QCOMPARE(e.details.value(QStringLiteral("upstream_code")).toInt(), -1121);
    QCOMPARE(
        e.details.value(QStringLiteral("upstream_message")).toString(), QStringLiteral("Invalid symbol."));
    QCOMPARE(e.details.value(QStringLiteral("http_status")).toInt(), 400);
    QCOMPARE(e.details.value(QStringLiteral("symbol")).toString(), QStringLiteral("BTCUSD"));
}

void TestMarketErrors::binanceOtherCodes()
{
    Error e = BinanceClient::errorFrom(
        reply(400,
            R"({"code":-1100,"msg":"Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'."})"),
        binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("invalid_symbol"));
    QVERIFY(e.message.contains(QStringLiteral("Illegal characters")));

    e = BinanceClient::errorFrom(
        reply(400, R"({"code":-1120,"msg":"Invalid interval."})"), binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("invalid_interval"));
    QVERIFY(e.message.contains(QStringLiteral("1m, 3m, 5m")));

    e = BinanceClient::errorFrom(
        reply(400,
            R"({"code":-1102,"msg":"Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."})"),
        binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_rejected"));
    QVERIFY(e.message.contains(QStringLiteral("code -1102")));
    QVERIFY(e.message.contains(QStringLiteral("Mandatory parameter")));
}

void TestMarketErrors::binanceRateLimitAndBan()
{
    Error e = BinanceClient::errorFrom(
        reply(429,
            R"({"code":-1003,"msg":"Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API."})",
            {{"retry-after", "17"}}),
        binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_rate_limited"));
    QCOMPARE(e.details.value(QStringLiteral("retry_after")).toInt(), 17);
    QCOMPARE(
        e.details.value(QStringLiteral("retry_at")).toString(), QStringLiteral("2024-06-01T12:00:17.000Z"));
    QVERIFY(e.message.contains(QStringLiteral("until 2024-06-01T12:00:17.000Z")));
    QVERIFY(e.message.contains(QStringLiteral("HTTP 429")));

    e = BinanceClient::errorFrom(
        reply(418,
            R"({"code":-1003,"msg":"Way too much request weight used; IP banned until 1717243320000."})",
            {{"retry-after", "120"}}),
        binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_banned"));
    QCOMPARE(e.details.value(QStringLiteral("retry_after")).toInt(), 120);
    QVERIFY(e.message.contains(QStringLiteral("HTTP 418")));
}

void TestMarketErrors::binanceRestrictedLocation()
{
    const QByteArray body =
        R"({"code":0,"msg":"Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms."})";
    Error e = BinanceClient::errorFrom(reply(451, body), binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_restricted_location"));
    QCOMPARE(e.message,
        QStringLiteral("Binance refuses requests from this location (HTTP 451). Set market.binance_url "
                       "(FINAGENT_BINANCE_URL) to a mirror you can reach, e.g. "
                       "https://data-api.binance.vision"));
    e = BinanceClient::errorFrom(reply(451, body), binanceRequest(BinanceClient::kFutures), kNow);
    QVERIFY(e.message.contains(QStringLiteral("market.binance_futures_url (FINAGENT_BINANCE_FUTURES_URL)")));
}

void TestMarketErrors::binanceServerAndFirewall()
{
    Error e = BinanceClient::errorFrom(
        reply(503, R"({"code":-1008,"msg":"Server is currently overloaded with other requests."})"),
        binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_unavailable"));
    QVERIFY(e.message.contains(QStringLiteral("HTTP 503")));
    QVERIFY(e.message.contains(QStringLiteral("overloaded")));

    e = BinanceClient::errorFrom(
        reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"), binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_unavailable"));
    QVERIFY(e.message.contains(QStringLiteral("an HTML page")));
    QVERIFY(!e.message.contains(QLatin1Char('<')));

    e = BinanceClient::errorFrom(reply(403, "<HTML><TITLE>ERROR</TITLE></HTML>"), binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_blocked"));
    QVERIFY(e.message.contains(QStringLiteral("market.binance_url")));
}

void TestMarketErrors::networkFailures()
{
    UpstreamReply timeout;
    timeout.timedOut = true;
    timeout.timeoutMs = 2500;
    Error e = BinanceClient::errorFrom(timeout, binanceRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_timeout"));
    QVERIFY(e.message.contains(QStringLiteral("2500 ms")));
    QVERIFY(e.message.contains(QStringLiteral("market.timeout_ms")));

    UpstreamReply refused;
    refused.networkError = QNetworkReply::ConnectionRefusedError;
    refused.networkErrorText = QStringLiteral("Connection refused");
    e = CoinGeckoClient::errorFrom(refused, coingeckoRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_unreachable"));
    QVERIFY(e.message.contains(QStringLiteral("Connection refused")));
    QVERIFY(e.message.contains(QStringLiteral("market.coingecko_url")));
}

void TestMarketErrors::coingeckoStatusShape()
{
    const QByteArray body =
        R"({"status":{"error_code":429,"error_message":"You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits."}})";
    const Error e =
        CoinGeckoClient::errorFrom(reply(429, body, {{"retry-after", "119"}}), coingeckoRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_rate_limited"));
    QCOMPARE(e.details.value(QStringLiteral("retry_after")).toInt(), 119);
    QVERIFY(e.message.contains(QStringLiteral("exceeded the Rate Limit")));
    // Keyless callers are told how to get more room.
    QVERIFY(e.message.contains(QStringLiteral("market.coingecko_tier")));
}

void TestMarketErrors::coingeckoTopLevelCodeShape()
{
    const QByteArray body =
        R"({"timestamp":"2024-06-01T12:00:00+00:00","error_code":10011,"status":{"error_message":"If you are using Demo API key, please change your root URL from pro-api.coingecko.com to api.coingecko.com"}})";
    Error e = CoinGeckoClient::errorFrom(reply(400, body), coingeckoRequest({}, "x-cg-demo-api-key"), kNow);
    QCOMPARE(e.code, QStringLiteral("coingecko_wrong_tier"));
    QVERIFY(e.message.contains(QStringLiteral("Demo key")));
    QVERIFY(
        e.message.contains(QStringLiteral("set market.coingecko_tier (FINAGENT_COINGECKO_TIER) to demo")));
    QCOMPARE(e.details.value(QStringLiteral("upstream_code")).toInt(), 10011);
    QCOMPARE(e.details.value(QStringLiteral("tier")).toString(), QStringLiteral("demo"));
    QVERIFY(!e.message.contains(QStringLiteral("CG-secret")));

    const QByteArray pro =
        R"({"error_code":10010,"status":{"error_message":"If you are using Pro API key, please change your root URL from api.coingecko.com to pro-api.coingecko.com"}})";
    e = CoinGeckoClient::errorFrom(reply(400, pro), coingeckoRequest({}, "x-cg-pro-api-key"), kNow);
    QCOMPARE(e.code, QStringLiteral("coingecko_wrong_tier"));
    QVERIFY(e.message.contains(QStringLiteral("to pro")));
}

void TestMarketErrors::coingeckoErrorShape()
{
    Error e = CoinGeckoClient::errorFrom(reply(404, R"({"error":"coin not found"})"),
        coingeckoRequest(QStringLiteral("/api/v3/coins/not-a-coin")), kNow);
    QCOMPARE(e.code, QStringLiteral("coin_not_found"));
    QVERIFY(e.message.contains(QStringLiteral("\"not-a-coin\"")));
    QVERIFY(e.message.contains(QStringLiteral("search_coins")));

    e = CoinGeckoClient::errorFrom(
        reply(400, R"({"error":"Missing parameter vs_currencies"})"), coingeckoRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_rejected"));
    QVERIFY(e.message.contains(QStringLiteral("Missing parameter vs_currencies")));
}

void TestMarketErrors::coingeckoHtmlPages()
{
    const QByteArray page =
        "<!DOCTYPE html><html><head><title>Access denied | api.coingecko.com used Cloudflare to "
        "restrict access</title></head><body>Error 1015 You are being rate limited</body></html>";
    Error e = CoinGeckoClient::errorFrom(reply(429, page), coingeckoRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_rate_limited"));
    QVERIFY(e.message.contains(QStringLiteral("Cloudflare")));
    QCOMPARE(e.details.value(QStringLiteral("retry_after")).toInt(), 60); // none sent: a minute
    QVERIFY(!e.message.contains(QLatin1Char('<')));

    e = CoinGeckoClient::errorFrom(reply(403, page), coingeckoRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_blocked"));
    e = CoinGeckoClient::errorFrom(reply(503, page), coingeckoRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("upstream_unavailable"));
}

void TestMarketErrors::coingeckoKeyErrors()
{
    const QByteArray missing =
        R"({"status":{"timestamp":"2024-06-01T12:00:00+00:00","error_code":10002,"error_message":"API Key Missing. Please make sure you're using the right API Key."}})";
    Error e =
        CoinGeckoClient::errorFrom(reply(401, missing), coingeckoRequest({}, "x-cg-demo-api-key"), kNow);
    QCOMPARE(e.code, QStringLiteral("coingecko_key_invalid"));
    QVERIFY(e.message.contains(QStringLiteral("finagent secrets set coingecko/api_key")));

    const QByteArray plan =
        R"({"status":{"error_code":10005,"error_message":"You request exceeds your plan."}})";
    e = CoinGeckoClient::errorFrom(reply(401, plan), coingeckoRequest(), kNow);
    QCOMPARE(e.code, QStringLiteral("coingecko_plan_limit"));
    QVERIFY(e.message.contains(QStringLiteral("simple/price")));
}

void TestMarketErrors::parsesBinanceAnswers()
{
    const Result<SpotPrice> p =
        BinanceClient::parseTickerPrice(R"({"symbol":"LTCBTC","price":"4.00000200"})");
    QVERIFY(p.ok());
    QCOMPARE(p->price, QStringLiteral("4.00000200"));

    const Result<KlineSeries> k = BinanceClient::parseKlines(
        R"([[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,"2434.19055334",308,"1756.87402397","28.46694368","0"]])",
        QStringLiteral("LTCBTC"), QStringLiteral("1d"));
    QVERIFY2(k.ok(), qPrintable(k.error().message));
    QCOMPARE(k->klines.size(), 1);
    const Kline& row = k->klines.first();
    QCOMPARE(row.candle.openTime, Q_INT64_C(1499040000000));
    QCOMPARE(row.candle.highText, QStringLiteral("0.80000000"));
    QCOMPARE(row.candle.close, 0.015771);
    QCOMPARE(row.trades, 308);
    QCOMPARE(row.takerBuyQuoteVolume, QStringLiteral("28.46694368"));

    const Result<SymbolDirectory> d = BinanceClient::parseExchangeInfo(
        R"({"timezone":"UTC","serverTime":1565246363776,"rateLimits":[],"exchangeFilters":[],"symbols":[{"symbol":"ETHBTC","status":"TRADING","baseAsset":"ETH","quoteAsset":"BTC"}]})");
    QVERIFY(d.ok());
    QCOMPARE(d->find(QStringLiteral("ETHBTC"))->quoteAsset, QStringLiteral("BTC"));

    const Result<FundingInfo> f = BinanceClient::parsePremiumIndex(
        R"({"symbol":"BTCUSDT","markPrice":"11793.63104562","indexPrice":"11781.80495970","estimatedSettlePrice":"11781.16138815","lastFundingRate":"0.00038246","interestRate":"0.00010000","nextFundingTime":1597392000000,"time":1597370495002})");
    QVERIFY(f.ok());
    QCOMPARE(f->lastFundingRate, QStringLiteral("0.00038246"));
    QCOMPARE(f->nextFundingTimeMs, Q_INT64_C(1597392000000));

    const Result<QList<FundingRate>> h = BinanceClient::parseFundingRates(
        R"([{"symbol":"BTCUSDT","fundingRate":"0.00010000","fundingTime":1570636800000,"markPrice":"34287.54619963"}])");
    QVERIFY(h.ok());
    QCOMPARE(h->first().markPrice, QStringLiteral("34287.54619963"));
}

void TestMarketErrors::parsesCoinGeckoAnswers()
{
    const Result<CoinPrices> p = CoinGeckoClient::parseSimplePrice(
        R"({"bitcoin":{"usd":67187.3358936566,"usd_market_cap":1317802988326.25,"usd_24h_vol":31260929299.5248,"usd_24h_change":3.63727894677354,"last_updated_at":1711356300},"shib":{"usd":1.7e-05}})",
        {QStringLiteral("bitcoin"), QStringLiteral("shib"), QStringLiteral("nope")},
        {QStringLiteral("usd"), QStringLiteral("xyz")});
    QVERIFY(p.ok());
    QCOMPARE(p->quotes.size(), 2);
    QCOMPARE(p->quotes.at(0).price, QStringLiteral("67187.3358936566"));
    QCOMPARE(*p->quotes.at(0).marketCap, 1317802988326.25);
    QCOMPARE(p->quotes.at(0).lastUpdatedMs, Q_INT64_C(1711356300000));
    QCOMPARE(p->quotes.at(1).price, QStringLiteral("0.000017"));
    QCOMPARE(p->notFound, QStringList {QStringLiteral("nope")});
    QCOMPARE(p->unsupportedCurrencies, QStringList {QStringLiteral("xyz")});

    QCOMPARE(CoinGeckoClient::numberText(1e-7), QStringLiteral("0.0000001"));
    QCOMPARE(CoinGeckoClient::numberText(1317802988326.25), QStringLiteral("1317802988326.25"));
    QCOMPARE(CoinGeckoClient::numberText(70187), QStringLiteral("70187"));

    const Result<TrendingCoins> t = CoinGeckoClient::parseTrending(
        R"({"coins":[{"item":{"id":"moon-tropica","coin_id":28470,"name":"Moon Tropica","symbol":"CAH","market_cap_rank":530,"price_btc":0.00053,"score":0,"data":{"price":36.97,"price_btc":"0.00053","price_change_percentage_24h":{"usd":-4.05,"btc":-5.98},"market_cap":"$99,703,583","total_volume":"$282,142","content":null}}}],"nfts":[],"categories":[]})");
    QVERIFY(t.ok());
    QCOMPARE(t->coins.size(), 1);
    QCOMPARE(t->coins.first().id, QStringLiteral("moon-tropica"));
    QCOMPARE(*t->coins.first().priceUsd, 36.97);
    QCOMPARE(*t->coins.first().change24hPercentUsd, -4.05);
    QCOMPARE(t->coins.first().marketCap, QStringLiteral("$99,703,583"));

    const Result<CoinSearch> s = CoinGeckoClient::parseSearch(
        R"({"coins":[{"id":"ethereum","name":"Ethereum","api_symbol":"ethereum","symbol":"ETH","market_cap_rank":2},{"id":"eth-x","name":"EthX","symbol":"ETHX","market_cap_rank":null}],"exchanges":[],"icos":[],"categories":[{"id":"ethereum-ecosystem","name":"Ethereum Ecosystem"}],"nfts":[]})",
        QStringLiteral("eth"));
    QVERIFY(s.ok());
    QCOMPARE(s->coins.size(), 2);
    QCOMPARE(*s->coins.first().marketCapRank, 2);
    QVERIFY(!s->coins.last().marketCapRank.has_value());
    QCOMPARE(s->categories.first().second, QStringLiteral("Ethereum Ecosystem"));

    const Result<CoinData> c = CoinGeckoClient::parseCoin(
        R"({"id":"bitcoin","symbol":"btc","name":"Bitcoin","categories":["Cryptocurrency"],"description":{"en":"Bitcoin is the <a href=\"x\">first</a> decentralized currency."},"links":{"homepage":["http://www.bitcoin.org",""]},"market_cap_rank":1,"market_data":{"current_price":{"usd":69840,"eur":64375},"market_cap":{"usd":1373546629363},"max_supply":21000000,"total_supply":null},"last_updated":"2024-04-07T15:24:51.021Z"})");
    QVERIFY(c.ok());
    QCOMPARE(c->description, QStringLiteral("Bitcoin is the first decentralized currency."));
    QCOMPARE(c->homepage, QStringLiteral("http://www.bitcoin.org"));
    QCOMPARE(c->currentPrice.value(QStringLiteral("eur")), 64375.0);
    QCOMPARE(*c->maxSupply, 21000000.0);
    QVERIFY(!c->totalSupply.has_value());
}

void TestMarketErrors::badBodiesAreBadResponses()
{
    QCOMPARE(
        BinanceClient::parseTickerPrice("not json").error().code, QStringLiteral("upstream_bad_response"));
    QCOMPARE(BinanceClient::parseTickerPrice(R"({"symbol":"BTCUSDT","price":67000.1})").error().code,
        QStringLiteral("upstream_bad_response"));
    QCOMPARE(BinanceClient::parseKlines(R"([[1,"a","b"]])", QStringLiteral("X"), QStringLiteral("1m"))
                 .error()
                 .code,
        QStringLiteral("upstream_bad_response"));
    QCOMPARE(CoinGeckoClient::parseTrending(R"({"nfts":[]})").error().code,
        QStringLiteral("upstream_bad_response"));
    QVERIFY(BinanceClient::parseTickerPrice("<html>").error().message.contains(
        QStringLiteral("market.binance_url")));
}

QTEST_GUILESS_MAIN(TestMarketErrors)
#include "tst_marketerrors.moc"
