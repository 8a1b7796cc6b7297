#include "market/markettools.h"

#include "config/settings.h"
#include "market/klineinterval.h"
#include "market/marketdataservice.h"
#include "market/marketjson.h"
#include "market/marketschemas.h"
#include "market/markettime.h"
#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"
#include "protocol/mcpregistry.h"
#include "protocol/toolresult.h"

#include <QJsonArray>

namespace
{

const QString kUsdtUri = QStringLiteral("market://usdt/info");

ToolAnnotations annotations(const QString& title)
{
    ToolAnnotations a = ToolAnnotations::readOnlyOpenWorld();
    a.title = title;
    return a;
}

ToolDefinition tool(const char* name, const QString& title, const QString& description,
    const QJsonObject& input, const QJsonObject& output, ToolDefinition::Handler handler)
{
    ToolDefinition t;
    t.name = QLatin1String(name);
    t.title = title;
    t.description = description;
    t.inputSchema = input;
    t.outputSchema = output;
    t.annotations = annotations(title);
    t.handler = std::move(handler);
    return t;
}

// The reply for a service result: structured JSON on success, an isError result otherwise.
template<typename T> auto replier(McpCall* call, std::function<QJsonObject(const T&)> toJson)
{
    return [call, toJson = std::move(toJson)](Result<T> r) {
        if (!r)
            call->replyTool(ToolResult::failure(r.error()));
        else
            call->replyTool(ToolResult::structured(toJson(r.value())));
    };
}

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    const QJsonArray a = v.toArray();
    for (const QJsonValue& s : a)
        out.append(s.toString());
    return out;
}

// An optional time argument (ms or ISO-8601).
Result<std::optional<qint64>> timeArgument(const QJsonObject& args, const QString& field)
{
    const QJsonValue v = args.value(field);
    if (v.isUndefined() || v.isNull())
        return std::optional<qint64>();
    Result<qint64> t = MarketTime::parse(v, field);
    if (!t)
        return t.error();
    return std::optional<qint64>(t.value());
}

// Progress notifications for multi-request tools; harmless when the client sent no token.
MarketDataService::Progress progressOf(McpCall* call)
{
    return [call](int step, int total, const QString& message) {
        call->sendProgress(step, total, message);
    };
}

void addBinanceTools(ToolRegistry& tools, MarketDataService& service)
{
    tools.add(tool("get_spot_price", QStringLiteral("Spot price"),
        QStringLiteral(
            "Latest Binance spot price of a trading pair. Use it for \"what is BTC trading at\". Accepts "
            "BTCUSDT, BTC/USDT, BTC (= BTCUSDT) or a coin name like bitcoin. The price is Binance's exact "
            "decimal string; answers are cached for a few seconds (see cache_age_ms)."),
        MarketSchemas::symbolInput(), MarketSchemas::spotPriceOutput(),
        [&service](McpCall* call, const QJsonObject& args) {
            const QString input = args.value(QStringLiteral("symbol")).toString();
            service.spotPrice(input, call, replier<SpotPrice>(call, [input](const SpotPrice& p) {
                return MarketJson::spotPrice(p, input);
            }));
        }));

    tools.add(tool("get_ticker_24h", QStringLiteral("24-hour ticker"),
        QStringLiteral(
            "Binance 24-hour rolling statistics of a pair: last, open, high and low price, change and "
            "percent change, volume, quote volume, best bid/ask and trade count. Use it for \"how did ETH "
            "do today\"."),
        MarketSchemas::symbolInput(), MarketSchemas::ticker24hOutput(),
        [&service](McpCall* call, const QJsonObject& args) {
            service.ticker24h(args.value(QStringLiteral("symbol")).toString(), call,
                replier<Ticker24h>(call, &MarketJson::ticker24h));
        }));

    tools.add(tool("get_klines", QStringLiteral("Candles (klines)"),
        QStringLiteral(
            "Binance OHLCV candles of a pair for an interval (1m ... 1M), newest last, up to 1000. Give "
            "start_time/end_time (ms or ISO-8601, UTC) for a past range. For indicators or patterns use "
            "comprehensive_analysis or analyze_kline_patterns instead of computing them yourself."),
        MarketSchemas::klinesInput(), MarketSchemas::klinesOutput(),
        [&service](McpCall* call, const QJsonObject& args) {
            const Result<std::optional<qint64>> start = timeArgument(args, QStringLiteral("start_time"));
            const Result<std::optional<qint64>> end = timeArgument(args, QStringLiteral("end_time"));
            for (const Error& e : {start.error(), end.error()}) {
                if (!e.isNull()) {
                    call->replyTool(ToolResult::failure(e));
                    return;
                }
            }
            service.klines(args.value(QStringLiteral("symbol")).toString(),
                args.value(QStringLiteral("interval")).toString(),
                args.value(QStringLiteral("limit")).toInt(), start.value(), end.value(), call,
                replier<KlineSeries>(call, &MarketJson::klines));
        }));

    tools.add(tool("get_funding_rate", QStringLiteral("Perpetual funding rate"),
        QStringLiteral(
            "Binance USD-M perpetual futures funding: current mark and index price, the latest funding "
            "rate and the next funding time; with history_limit, past rates too. A positive rate means "
            "longs pay shorts."),
        MarketSchemas::fundingInput(), MarketSchemas::fundingOutput(),
        [&service](McpCall* call, const QJsonObject& args) {
            service.fundingRate(args.value(QStringLiteral("symbol")).toString(),
                args.value(QStringLiteral("history_limit")).toInt(), call,
                replier<FundingInfo>(call, &MarketJson::funding));
        }));

    tools.add(tool("comprehensive_analysis", QStringLiteral("Technical analysis"),
        QStringLiteral(
            "Technical analysis of a pair from Binance candles: SMA and EMA 20/50/200, RSI 14, MACD "
            "12/26/9, Bollinger 20/2, ATR 14, support and resistance levels, a trend call, signals and a "
            "summary a person can read. Use interval 1d (default) or 4h for a swing view. Not advice."),
        MarketSchemas::analysisInput(), MarketSchemas::analysisOutput(),
        [&service](McpCall* call, const QJsonObject& args) {
            service.analysis(args.value(QStringLiteral("symbol")).toString(),
                args.value(QStringLiteral("interval")).toString(),
                args.value(QStringLiteral("limit")).toInt(), call,
                replier<MarketAnalysis>(call, &MarketJson::analysis), progressOf(call));
        }));

    tools.add(tool("analyze_kline_patterns", QStringLiteral("Candlestick patterns"),
        QStringLiteral(
            "Finds candlestick patterns in Binance candles (doji, hammer, shooting star, engulfing, "
            "morning/evening star, three white soldiers, three black crows), each with the candles it was "
            "found at. Use last_n to keep only recent ones."),
        MarketSchemas::patternsInput(), MarketSchemas::patternsOutput(),
        [&service](McpCall* call, const QJsonObject& args) {
            std::optional<int> lastN;
            if (args.value(QStringLiteral("last_n")).isDouble())
                lastN = args.value(QStringLiteral("last_n")).toInt();
            service.klinePatterns(args.value(QStringLiteral("symbol")).toString(),
                args.value(QStringLiteral("interval")).toString(),
                args.value(QStringLiteral("limit")).toInt(), call,
                replier<PatternScan>(
                    call, [lastN](const PatternScan& s) { return MarketJson::patterns(s, lastN); }));
        }));
}

void addCoinGeckoTools(ToolRegistry& tools, MarketDataService& service, const Settings& settings)
{
    tools.add(tool("get_price", QStringLiteral("Coin price (CoinGecko)"),
        QStringLiteral(
            "Prices of coins by CoinGecko id (bitcoin, ethereum, ...) in one or more currencies (usd, eur, "
            "btc, ...), with the 24 h change and optionally market cap and volume. Use it for coins not "
            "on Binance or for fiat currencies other than USD; find ids with search_coins."),
        MarketSchemas::priceInput(), MarketSchemas::priceOutput(),
        [&service](McpCall* call, const QJsonObject& args) {
            CoinPriceOptions options;
            options.marketCap = args.value(QStringLiteral("include_market_cap")).toBool();
            options.volume24h = args.value(QStringLiteral("include_24hr_vol")).toBool();
            options.change24h = args.value(QStringLiteral("include_24hr_change")).toBool();
            service.coinPrice(strings(args.value(QStringLiteral("ids"))),
                strings(args.value(QStringLiteral("vs_currencies"))), options, call,
                replier<CoinPrices>(call, &MarketJson::coinPrices));
        }));

    tools.add(tool("get_coin_data", QStringLiteral("Coin profile (CoinGecko)"),
        QStringLiteral(
            "A coin's profile from CoinGecko: name, rank, categories, a short description, homepage, and "
            "market data (price, market cap, volume, 24 h range, all-time high, supply) in one currency."),
        MarketSchemas::coinDataInput(), MarketSchemas::coinDataOutput(),
        [&service](McpCall* call, const QJsonObject& args) {
            const QString vs = args.value(QStringLiteral("vs_currency")).toString();
            service.coinData(args.value(QStringLiteral("id")).toString(), call,
                replier<CoinData>(call, [vs](const CoinData& c) { return MarketJson::coinData(c, vs); }));
        }));

    tools.add(tool("search_coins", QStringLiteral("Search coins"),
        QStringLiteral(
            "Finds coins on CoinGecko by name or ticker. Returns each coin's CoinGecko id (for get_price "
            "and get_coin_data) and, when Binance lists it against USDT, its Binance symbol (for "
            "get_spot_price and the candle tools). Use it when a symbol is unknown or ambiguous."),
        MarketSchemas::searchInput(), MarketSchemas::searchOutput(),
        [&service](McpCall* call, const QJsonObject& args) {
            const int limit = args.value(QStringLiteral("limit")).toInt();
            service.searchCoins(args.value(QStringLiteral("query")).toString(), call,
                replier<CoinSearch>(
                    call, [limit](const CoinSearch& s) { return MarketJson::search(s, limit); }));
        }));

    tools.add(tool("get_trending", QStringLiteral("Trending coins"),
        QStringLiteral(
            "The coins most searched on CoinGecko in the last 24 hours, with rank, price and 24 h change. "
            "Use it for \"what is hot right now\"."),
        MarketSchemas::trendingInput(), MarketSchemas::trendingOutput(),
        [&service](McpCall* call, const QJsonObject& args) {
            const int limit = args.value(QStringLiteral("limit")).toInt();
            service.trending(call, replier<TrendingCoins>(call, [limit](const TrendingCoins& t) {
                return MarketJson::trending(t, limit);
            }));
        }));

    tools.add(tool("get_usdt_price", QStringLiteral("USDT price and peg"),
        QStringLiteral(
            "USDT in US dollars from more than one source (CoinGecko's tether price and Binance "
            "stablecoin pairs, inverted), with each source's value, the spread and a depeg warning when "
            "the price strays from 1 by more than market.depeg_threshold (now %1). Use it before USDT "
            "payments or when asked whether USDT holds its peg.")
            .arg(settings.string(QStringLiteral("market.depeg_threshold"))),
        MarketSchemas::noInput(), MarketSchemas::usdtOutput(), [&service](McpCall* call, const QJsonObject&) {
            service.usdtPrice(call, replier<UsdtPrice>(call, &MarketJson::usdt), progressOf(call));
        }));
}

void addUsdtResource(ResourceRegistry& resources, MarketDataService& service)
{
    ResourceDefinition r;
    r.uri = kUsdtUri;
    r.name = QStringLiteral("usdt-info");
    r.title = QStringLiteral("USDT price and peg");
    r.description =
        QStringLiteral("USDT in US dollars from CoinGecko and Binance, the spread between them and the "
                       "depeg verdict (same data as get_usdt_price).");
    r.mimeType = QStringLiteral("application/json");
    r.reader = [&service](McpCall* call, const QString& uri) {
        service.usdtPrice(call, [call, uri](Result<UsdtPrice> u) {
            if (!u) {
                call->replyError(JsonRpc::InternalError, u.error().message, u.error().toJson());
                return;
            }
            QJsonObject json = MarketJson::usdt(u.value());
            json.insert(QStringLiteral("note"),
                QStringLiteral("USDT is meant to hold 1 USD. The price is the mean of independent sources; "
                               "depeg_warning turns true when it strays from 1 by more than depeg_threshold "
                               "(setting market.depeg_threshold). Binance pairs are stablecoin/USDT "
                               "prices inverted, so they measure USDT against another USD stablecoin."));
            call->reply(ResourceRegistry::jsonContents(uri, json));
        });
    };
    resources.addResource(std::move(r));
}

void addAnalysisPrompt(PromptRegistry& prompts, MarketDataService& service)
{
    PromptDefinition p;
    p.name = QStringLiteral("market_analysis_prompt");
    p.title = QStringLiteral("Market analysis");
    p.description =
        QStringLiteral("Asks for a market analysis of one trading pair using FinAgent's market tools.");
    p.arguments = {
        {QStringLiteral("symbol"), QStringLiteral("Symbol"),
            QStringLiteral("Pair or coin, e.g. BTCUSDT or ETH"), true},
        {QStringLiteral("interval"), QStringLiteral("Interval"),
            QStringLiteral("Candle interval: 1h, 4h, 1d (default), 1w, ..."), false},
        {QStringLiteral("focus"), QStringLiteral("Focus"),
            QStringLiteral("What matters most: trend, levels, momentum, patterns, funding, risk"), false},
    };
    p.handler = [](McpCall* call, const QJsonObject& args) {
        const QString symbol = args.value(QStringLiteral("symbol")).toString().trimmed();
        QString interval = args.value(QStringLiteral("interval")).toString().trimmed();
        if (!interval.isEmpty() && !KlineInterval::isValid(interval)) {
            call->replyError(JsonRpc::InvalidParams,
                QStringLiteral("interval must be one of %1")
                    .arg(KlineInterval::all().join(QStringLiteral(", "))));
            return;
        }
        if (interval.isEmpty())
            interval = QStringLiteral("1d");
        const QString focus = args.value(QStringLiteral("focus")).toString().trimmed();
        QString text = QStringLiteral(
            "Analyse the market for %1 on the %2 interval.\n\n"
            "1. Call get_ticker_24h for %1 to see the last price and the day's range and volume.\n"
            "2. Call comprehensive_analysis with symbol %1 and interval %2 for the trend, moving "
            "averages, RSI, MACD, Bollinger bands, ATR and support/resistance.\n"
            "3. Call analyze_kline_patterns with symbol %1, interval %2 and last_n 10 for recent "
            "candlestick patterns.\n"
            "4. If %1 has a USD-M perpetual, call get_funding_rate for it to see positioning.\n\n"
            "Then write a short report: the trend and where price sits against its levels, what "
            "momentum says, any pattern worth noting, and the main risks. Quote the numbers from the "
            "tools (with their timestamps; say so if any answer is stale) and do not invent any. This "
            "is information, not financial advice.")
                           .arg(symbol, interval);
        if (!focus.isEmpty())
            text += QStringLiteral("\n\nPay most attention to: %1.").arg(focus);
        call->reply(QJsonObject {{QStringLiteral("description"),
                                     QStringLiteral("Market analysis of %1 (%2)").arg(symbol, interval)},
            {QStringLiteral("messages"), QJsonArray {PromptRegistry::userText(text)}}});
    };
    p.completer = [&service](
                      const QString& argument, const QString& value, const QJsonObject&) -> QStringList {
        if (argument == QLatin1String("symbol"))
            return service.symbolCompletions(value, 100);
        if (argument == QLatin1String("interval")) {
            QStringList out;
            for (const QString& i : KlineInterval::all()) {
                if (i.startsWith(value))
                    out.append(i);
            }
            return out;
        }
        if (argument == QLatin1String("focus")) {
            QStringList out;
            for (const char* f : {"trend", "levels", "momentum", "patterns", "funding", "risk"}) {
                if (QLatin1String(f).startsWith(value, Qt::CaseInsensitive))
                    out.append(QLatin1String(f));
            }
            return out;
        }
        return {};
    };
    prompts.add(std::move(p));
}

} // namespace

void registerMarketTools(McpRegistry& registry, MarketDataService& service, const Settings& settings)
{
    addBinanceTools(registry.tools(), service);
    addCoinGeckoTools(registry.tools(), service, settings);
    addUsdtResource(registry.resources(), service);
    addAnalysisPrompt(registry.prompts(), service);
}
