#include "market/marketdataservice.h"

#include "config/settings.h"
#include "core/decimal.h"
#include "market/coinaliases.h"
#include "market/klineinterval.h"
#include "market/marketlog.h"
#include "market/upstreamfetcher.h"
#include "security/secretnames.h"
#include "security/secretstore.h"

#include <QJsonArray>
#include <QTimer>

#include <type_traits>

namespace
{

// After exchangeInfo fails, symbols are checked by Binance itself for this long before retrying.
constexpr qint64 kDirectoryRetryMs = 30000;
// A keychain that never answers must not hold CoinGecko calls back for long.
constexpr int kKeyReadGraceMs = 3000;
constexpr int kMaxKlines = 1000;

template<typename T, typename = void> struct HasFreshness : std::false_type
{ };
template<typename T>
struct HasFreshness<T, std::void_t<decltype(std::declval<T&>().freshness)>> : std::true_type
{ };

Error invalidArgument(const QString& field, const QString& message)
{
    return Error(
        QStringLiteral("invalid_arguments"), message, QJsonObject {{QStringLiteral("field"), field}});
}

} // namespace

MarketDataService::MarketDataService(
    QNetworkAccessManager& nam, const Settings& settings, SecretStore& secrets, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_fetcher(new UpstreamFetcher(nam, this))
    , m_binance(settings)
    , m_coingecko(settings)
{
    m_workers.setMaxThreadCount(2);
    m_workers.setObjectName(QStringLiteral("market-analysis"));

    m_fetcher->addProvider({QLatin1String(BinanceClient::kSpot), QStringLiteral("Binance"),
        RateBudget(RateBudget::Kind::WeightPerMinute, BinanceClient::kSpotWeightLimit),
        &BinanceClient::errorFrom, QByteArrayLiteral("x-mbx-used-weight-1m")});
    m_fetcher->addProvider({QLatin1String(BinanceClient::kFutures), QStringLiteral("Binance futures"),
        RateBudget(RateBudget::Kind::WeightPerMinute, BinanceClient::kFuturesWeightLimit),
        &BinanceClient::errorFrom, QByteArrayLiteral("x-mbx-used-weight-1m")});
    m_fetcher->addProvider({QLatin1String(CoinGeckoClient::kProvider), QStringLiteral("CoinGecko"),
        RateBudget(RateBudget::Kind::CallsPerMinute,
            CoinGeckoClient::callsPerMinute(CoinGeckoClient::Tier::Keyless)),
        &CoinGeckoClient::errorFrom, QByteArray()});
    connect(m_fetcher, &UpstreamFetcher::upstreamRequest, this, &MarketDataService::upstreamRequest);

    connect(&m_secrets, &SecretStore::changed, this, [this](const QString& name) {
        if (name == SecretNames::coingeckoKey())
            readCoinGeckoKey();
    });
    readCoinGeckoKey();
    QTimer::singleShot(kKeyReadGraceMs, this, [this]() {
        if (!m_keyKnown) {
            qCWarning(lcMarket)
                << "the secret store did not answer in time; CoinGecko is used without a key for now";
            onCoinGeckoKey(QString());
        }
    });
}

MarketDataService::~MarketDataService()
{
    m_workers.waitForDone();
}

// --- plumbing ---------------------------------------------------------------------------------

template<typename T> void MarketDataService::deliver(QObject* ctx, Callback<T> done, Result<T> result)
{
    QMetaObject::invokeMethod(
        ctx ? ctx : this, [done = std::move(done), result = std::move(result)]() { done(result); },
        Qt::QueuedConnection);
}

template<typename T>
void MarketDataService::fetch(const UpstreamRequest& request,
    std::function<Result<T>(const QByteArray&)> parse, QObject* ctx, Callback<T> done)
{
    m_fetcher->fetch(
        request,
        [parse = std::move(parse)](const UpstreamReply& reply) -> Result<UpstreamFetcher::Value> {
            Result<T> value = parse(reply.body);
            if (!value)
                return value.error();
            return UpstreamFetcher::Value(std::make_shared<const T>(value.takeValue()));
        },
        ctx,
        [done = std::move(done)](Result<UpstreamFetcher::Fetched> fetched) {
            if (!fetched) {
                done(fetched.error());
                return;
            }
            T copy = *std::static_pointer_cast<const T>(fetched->value);
            if constexpr (HasFreshness<T>::value)
                copy.freshness = fetched->freshness;
            done(std::move(copy));
        });
}

template<typename T>
void MarketDataService::runOnWorker(QObject* ctx, std::function<T()> work, std::function<void(T)> done)
{
    QPointer<QObject> guard(ctx ? ctx : this);
    m_workers.start([this, guard, work = std::move(work), done = std::move(done)]() {
        T result = work();
        QMetaObject::invokeMethod(
            this,
            [guard, done, result = std::move(result)]() {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    });
}

void MarketDataService::setClock(std::function<qint64()> clock)
{
    m_fetcher->setClock(std::move(clock));
}

qint64 MarketDataService::now() const
{
    return m_fetcher->now();
}

void MarketDataService::setRetryPolicy(int maxRetries, int baseDelayMs)
{
    m_fetcher->setRetryPolicy(maxRetries, baseDelayMs);
}

void MarketDataService::setRateLimit(const QString& provider, int perMinute)
{
    if (provider == QLatin1String(CoinGeckoClient::kProvider))
        m_coingeckoLimitOverride = perMinute;
    if (RateBudget* b = m_fetcher->budget(provider))
        b->setLimit(perMinute);
}

QJsonObject MarketDataService::stats() const
{
    return m_fetcher->stats();
}

QJsonObject MarketDataService::health() const
{
    QJsonObject h = m_fetcher->health();
    QJsonObject cg = h.value(QLatin1String(CoinGeckoClient::kProvider)).toObject();
    cg.insert(QStringLiteral("tier"), CoinGeckoClient::tierName(m_coingecko.configuredTier()));
    cg.insert(QStringLiteral("effective_tier"), CoinGeckoClient::tierName(m_coingecko.effectiveTier()));
    cg.insert(QStringLiteral("api_key_stored"), m_coingecko.hasApiKey());
    cg.insert(QStringLiteral("base_url"), m_coingecko.baseUrl().toString());
    if (m_coingecko.configuredTier() != CoinGeckoClient::Tier::Keyless && !m_coingecko.hasApiKey()) {
        cg.insert(QStringLiteral("note"),
            QStringLiteral(
                "market.coingecko_tier asks for a key but none is stored under coingecko/api_key, so "
                "CoinGecko is used without a key."));
    }
    h.insert(QLatin1String(CoinGeckoClient::kProvider), cg);
    for (const char* name : {BinanceClient::kSpot, BinanceClient::kFutures}) {
        QJsonObject b = h.value(QLatin1String(name)).toObject();
        b.insert(QStringLiteral("base_url"),
            m_settings.string(QLatin1String(name) == QLatin1String(BinanceClient::kSpot)
                    ? QStringLiteral("market.binance_url")
                    : QStringLiteral("market.binance_futures_url")));
        h.insert(QLatin1String(name), b);
    }
    return h;
}

// --- symbols ----------------------------------------------------------------------------------

std::optional<SymbolDirectory> MarketDataService::cachedDirectory() const
{
    const UpstreamFetcher::Value v = m_fetcher->peek(m_binance.exchangeInfo().cacheKey);
    if (!v)
        return std::nullopt;
    return *std::static_pointer_cast<const SymbolDirectory>(v);
}

void MarketDataService::withDirectory(QObject* ctx, std::function<void(std::optional<SymbolDirectory>)> next)
{
    if (now() < m_directoryRetryAtMs) {
        // exchangeInfo failed a moment ago: do not spend 20 weight per call retrying it.
        QMetaObject::invokeMethod(
            ctx ? ctx : this, [next = std::move(next), dir = cachedDirectory()]() { next(dir); },
            Qt::QueuedConnection);
        return;
    }
    fetch<SymbolDirectory>(m_binance.exchangeInfo(), &BinanceClient::parseExchangeInfo, ctx,
        [this, next = std::move(next)](Result<SymbolDirectory> dir) {
            if (!dir) {
                qCInfo(lcMarket).noquote()
                    << "symbol list unavailable, symbols go unchecked:" << dir.error().code;
                m_directoryRetryAtMs = now() + kDirectoryRetryMs;
                next(std::nullopt);
                return;
            }
            next(dir.takeValue());
        });
}

Error MarketDataService::withSuggestions(const Error& error) const
{
    if (error.code != QLatin1String("invalid_symbol"))
        return error;
    const QJsonArray given = error.details.value(QStringLiteral("suggestions")).toArray();
    const QString symbol = error.details.value(QStringLiteral("symbol")).toString();
    const std::optional<SymbolDirectory> dir = cachedDirectory();
    if (!given.isEmpty() || symbol.isEmpty() || !dir)
        return error;
    Error e = SymbolResolver::unknownSymbol(
        error.details.value(QStringLiteral("input")).toString(), symbol, dir->suggestions(symbol));
    for (auto it = error.details.constBegin(); it != error.details.constEnd(); ++it) {
        if (!e.details.contains(it.key()))
            e.details.insert(it.key(), it.value());
    }
    return e;
}

void MarketDataService::resolveSymbol(const QString& symbolInput, QObject* ctx, Callback<ResolvedSymbol> done)
{
    withDirectory(ctx, [symbolInput, done = std::move(done)](std::optional<SymbolDirectory> dir) {
        done(SymbolResolver::resolve(symbolInput, dir ? &*dir : nullptr));
    });
}

QStringList MarketDataService::symbolCompletions(const QString& prefix, int max) const
{
    QStringList out;
    if (const std::optional<SymbolDirectory> dir = cachedDirectory())
        out = dir->completions(prefix, max);
    else {
        // No symbol list yet: offer the well-known coins' USDT pairs.
        for (const CoinAlias& a : CoinAliases::all()) {
            const QString symbol = a.baseAsset + QStringLiteral("USDT");
            if (a.baseAsset != QLatin1String("USDT")
                && symbol.startsWith(prefix.trimmed(), Qt::CaseInsensitive))
                out.append(symbol);
        }
    }
    for (const CoinAlias& a : CoinAliases::all()) {
        if (out.size() >= max)
            break;
        if (!prefix.trimmed().isEmpty() && a.coingeckoId.startsWith(prefix.trimmed(), Qt::CaseInsensitive))
            out.append(a.coingeckoId);
    }
    return out.mid(0, max);
}

// --- Binance ----------------------------------------------------------------------------------

void MarketDataService::spotPrice(const QString& symbolInput, QObject* ctx, Callback<SpotPrice> done)
{
    resolveSymbol(symbolInput, ctx, [this, ctx, done = std::move(done)](Result<ResolvedSymbol> resolved) {
        if (!resolved) {
            done(resolved.error());
            return;
        }
        const ResolvedSymbol rs = resolved.value();
        fetch<SpotPrice>(m_binance.tickerPrice(rs.symbol), &BinanceClient::parseTickerPrice, ctx,
            [this, rs, done](Result<SpotPrice> price) {
                if (!price) {
                    done(withSuggestions(price.error()));
                    return;
                }
                SpotPrice p = price.takeValue();
                p.baseAsset = rs.baseAsset;
                p.quoteAsset = rs.quoteAsset;
                done(std::move(p));
            });
    });
}

void MarketDataService::ticker24h(const QString& symbolInput, QObject* ctx, Callback<Ticker24h> done)
{
    resolveSymbol(symbolInput, ctx, [this, ctx, done = std::move(done)](Result<ResolvedSymbol> resolved) {
        if (!resolved) {
            done(resolved.error());
            return;
        }
        fetch<Ticker24h>(m_binance.ticker24h(resolved->symbol), &BinanceClient::parseTicker24h, ctx,
            [this, done](
                Result<Ticker24h> t) { done(t ? t : Result<Ticker24h>(withSuggestions(t.error()))); });
    });
}

void MarketDataService::klines(const QString& symbolInput, const QString& interval, int limit,
    std::optional<qint64> startMs, std::optional<qint64> endMs, QObject* ctx, Callback<KlineSeries> done)
{
    if (!KlineInterval::isValid(interval)) {
        deliver<KlineSeries>(ctx, std::move(done),
            Error(QStringLiteral("invalid_interval"),
                QStringLiteral("\"%1\" is not a kline interval. Use one of %2 (\"1m\" is a minute, "
                               "\"1M\" a month).")
                    .arg(interval, KlineInterval::all().join(QStringLiteral(", ")))));
        return;
    }
    if (limit < 1 || limit > kMaxKlines) {
        deliver<KlineSeries>(ctx, std::move(done),
            invalidArgument(QStringLiteral("limit"),
                QStringLiteral("limit must be between 1 and 1000 candles; got %1.").arg(limit)));
        return;
    }
    if (startMs && endMs && *startMs > *endMs) {
        deliver<KlineSeries>(ctx, std::move(done),
            invalidArgument(QStringLiteral("start_time"),
                QStringLiteral("start_time is after end_time: swap them or drop one.")));
        return;
    }
    resolveSymbol(symbolInput, ctx,
        [this, ctx, interval, limit, startMs, endMs, done = std::move(done)](
            Result<ResolvedSymbol> resolved) {
            if (!resolved) {
                done(resolved.error());
                return;
            }
            const QString symbol = resolved->symbol;
            fetch<KlineSeries>(
                m_binance.klines(symbol, interval, limit, startMs, endMs, now()),
                [symbol, interval](
                    const QByteArray& body) { return BinanceClient::parseKlines(body, symbol, interval); },
                ctx,
                [this, done](Result<KlineSeries> k) {
                    done(k ? k : Result<KlineSeries>(withSuggestions(k.error())));
                });
        });
}

void MarketDataService::averagePrice(const QString& symbolInput, QObject* ctx, Callback<AveragePrice> done)
{
    resolveSymbol(symbolInput, ctx, [this, ctx, done = std::move(done)](Result<ResolvedSymbol> resolved) {
        if (!resolved) {
            done(resolved.error());
            return;
        }
        const QString symbol = resolved->symbol;
        fetch<AveragePrice>(
            m_binance.avgPrice(symbol),
            [symbol](const QByteArray& body) { return BinanceClient::parseAvgPrice(body, symbol); }, ctx,
            [this, done](
                Result<AveragePrice> a) { done(a ? a : Result<AveragePrice>(withSuggestions(a.error()))); });
    });
}

void MarketDataService::fundingRate(
    const QString& symbolInput, int historyLimit, QObject* ctx, Callback<FundingInfo> done)
{
    // Futures list symbols spot does not (and the reverse), so the spot list cannot vouch for them:
    // read the symbol textually and let the futures API have the last word.
    Result<ResolvedSymbol> resolved = SymbolResolver::resolve(symbolInput, nullptr);
    if (!resolved) {
        deliver<FundingInfo>(ctx, std::move(done), resolved.error());
        return;
    }
    const QString symbol = resolved->symbol;
    fetch<FundingInfo>(m_binance.premiumIndex(symbol), &BinanceClient::parsePremiumIndex, ctx,
        [this, ctx, symbol, historyLimit, done = std::move(done)](Result<FundingInfo> current) {
            if (!current) {
                done(withSuggestions(current.error()));
                return;
            }
            if (historyLimit <= 0) {
                done(current);
                return;
            }
            FundingInfo info = current.takeValue();
            fetch<QList<FundingRate>>(m_binance.fundingRate(symbol, qMin(historyLimit, kMaxKlines)),
                &BinanceClient::parseFundingRates, ctx,
                [info, done](Result<QList<FundingRate>> history) mutable {
                    if (!history) {
                        done(history.error());
                        return;
                    }
                    info.history = history.takeValue();
                    done(std::move(info));
                });
        });
}

void MarketDataService::analysis(const QString& symbolInput, const QString& interval, int limit, QObject* ctx,
    Callback<MarketAnalysis> done, Progress progress)
{
    if (progress)
        progress(0, 3, QStringLiteral("Fetching %1 %2 candles").arg(limit).arg(interval));
    klines(symbolInput, interval, limit, std::nullopt, std::nullopt, ctx,
        [this, ctx, progress, done = std::move(done)](Result<KlineSeries> series) {
            if (!series) {
                done(series.error());
                return;
            }
            if (progress)
                progress(
                    1, 3, QStringLiteral("Computing indicators over %1 candles").arg(series->klines.size()));
            const KlineSeries s = series.takeValue();
            runOnWorker<MarketAnalysis>(
                ctx,
                [s]() {
                    return MarketAnalysis {s, analyze(s.candles())};
                },
                [progress, done](MarketAnalysis result) {
                    if (progress)
                        progress(2, 3, QStringLiteral("Analysis ready"));
                    done(std::move(result));
                });
        });
}

void MarketDataService::klinePatterns(
    const QString& symbolInput, const QString& interval, int limit, QObject* ctx, Callback<PatternScan> done)
{
    klines(symbolInput, interval, limit, std::nullopt, std::nullopt, ctx,
        [this, ctx, done = std::move(done)](Result<KlineSeries> series) {
            if (!series) {
                done(series.error());
                return;
            }
            const KlineSeries s = series.takeValue();
            runOnWorker<PatternScan>(
                ctx,
                [s]() {
                    return PatternScan {s, CandlePatterns::detect(s.candles())};
                },
                [done](PatternScan result) { done(std::move(result)); });
        });
}

// --- CoinGecko --------------------------------------------------------------------------------

void MarketDataService::readCoinGeckoKey()
{
    m_secrets.read(SecretNames::coingeckoKey(), this, [this](Result<QString> key) { onCoinGeckoKey(key); });
}

void MarketDataService::onCoinGeckoKey(Result<QString> key)
{
    if (key) {
        m_coingecko.setApiKey(key.value().trimmed());
        qCInfo(lcMarket) << "CoinGecko key loaded: [redacted]; tier"
                         << CoinGeckoClient::tierName(m_coingecko.configuredTier());
    } else {
        m_coingecko.setApiKey(QString());
        if (key.error().code != QLatin1String("secret_not_found"))
            qCWarning(lcMarket).noquote()
                << "CoinGecko key not readable, using keyless access:" << key.error().message;
    }
    updateCoinGeckoBudget();
    if (m_keyKnown)
        return;
    m_keyKnown = true;
    const auto waiting = std::move(m_waitingForKey);
    m_waitingForKey.clear();
    for (const auto& w : waiting) {
        if (w.first)
            w.second();
    }
}

void MarketDataService::updateCoinGeckoBudget()
{
    if (RateBudget* b = m_fetcher->budget(QLatin1String(CoinGeckoClient::kProvider)))
        b->setLimit(
            m_coingeckoLimitOverride.value_or(CoinGeckoClient::callsPerMinute(m_coingecko.effectiveTier())));
}

void MarketDataService::withCoinGecko(QObject* ctx, std::function<void()> next)
{
    if (m_keyKnown) {
        updateCoinGeckoBudget(); // the tier setting may have changed
        next();
        return;
    }
    m_waitingForKey.append({QPointer<QObject>(ctx ? ctx : this), std::move(next)});
}

QString MarketDataService::coinIdFor(const QString& idOrSymbol) const
{
    const QString text = idOrSymbol.trimmed();
    if (auto alias = CoinAliases::byName(text))
        return alias->coingeckoId;
    if (auto alias = CoinAliases::byBaseAsset(text))
        return alias->coingeckoId;
    return text.toLower();
}

void MarketDataService::coinPrice(const QStringList& ids, const QStringList& vsCurrencies,
    const CoinPriceOptions& options, QObject* ctx, Callback<CoinPrices> done)
{
    QStringList resolvedIds;
    QMap<QString, QString> resolvedFrom;
    for (const QString& input : ids) {
        const QString id = coinIdFor(input);
        if (id.isEmpty() || resolvedIds.contains(id))
            continue;
        resolvedIds.append(id);
        if (id != input.trimmed())
            resolvedFrom.insert(id, input.trimmed());
    }
    QStringList vs;
    for (const QString& c : vsCurrencies) {
        const QString lower = c.trimmed().toLower();
        if (!lower.isEmpty() && !vs.contains(lower))
            vs.append(lower);
    }
    if (resolvedIds.isEmpty() || vs.isEmpty()) {
        deliver<CoinPrices>(ctx, std::move(done),
            invalidArgument(QStringLiteral("ids"),
                QStringLiteral("Give at least one CoinGecko id (like \"bitcoin\") and one "
                               "currency (like \"usd\").")));
        return;
    }
    withCoinGecko(ctx, [this, ctx, resolvedIds, vs, options, resolvedFrom, done = std::move(done)]() {
        fetch<CoinPrices>(
            m_coingecko.simplePrice(resolvedIds, vs, options.marketCap, options.volume24h, options.change24h),
            [resolvedIds, vs](
                const QByteArray& body) { return CoinGeckoClient::parseSimplePrice(body, resolvedIds, vs); },
            ctx,
            [resolvedFrom, resolvedIds, vs, done](Result<CoinPrices> prices) {
                if (!prices) {
                    done(prices.error());
                    return;
                }
                CoinPrices p = prices.takeValue();
                p.resolvedFrom = resolvedFrom;
                if (p.notFound.size() == resolvedIds.size()) {
                    done(Error(QStringLiteral("coin_not_found"),
                        QStringLiteral(
                            "CoinGecko knows none of these ids: %1. Use search_coins to find a coin's "
                            "id (for example \"bitcoin\", \"ethereum\").")
                            .arg(resolvedIds.join(QStringLiteral(", "))),
                        QJsonObject {{QStringLiteral("ids"), QJsonArray::fromStringList(resolvedIds)}}));
                    return;
                }
                if (p.quotes.isEmpty()) {
                    done(Error(QStringLiteral("unsupported_currency"),
                        QStringLiteral(
                            "CoinGecko has no prices in %1. Use currencies like usd, eur, gbp, jpy, "
                            "cny, btc or eth.")
                            .arg(vs.join(QStringLiteral(", "))),
                        QJsonObject {{QStringLiteral("vs_currencies"), QJsonArray::fromStringList(vs)}}));
                    return;
                }
                done(std::move(p));
            });
    });
}

void MarketDataService::coinData(const QString& idOrSymbol, QObject* ctx, Callback<CoinData> done)
{
    const QString id = coinIdFor(idOrSymbol);
    withCoinGecko(ctx, [this, ctx, id, done = std::move(done)]() {
        fetch<CoinData>(m_coingecko.coin(id), &CoinGeckoClient::parseCoin, ctx, done);
    });
}

void MarketDataService::coinMarkets(
    const QString& vsCurrency, const QStringList& ids, int perPage, QObject* ctx, Callback<CoinMarkets> done)
{
    QStringList resolved;
    for (const QString& i : ids)
        resolved.append(coinIdFor(i));
    const QString vs = vsCurrency.trimmed().toLower();
    withCoinGecko(ctx, [this, ctx, vs, resolved, perPage, done = std::move(done)]() {
        fetch<CoinMarkets>(
            m_coingecko.markets(vs, resolved, perPage),
            [vs](const QByteArray& body) { return CoinGeckoClient::parseMarkets(body, vs); }, ctx, done);
    });
}

void MarketDataService::searchCoins(const QString& query, QObject* ctx, Callback<CoinSearch> done)
{
    const QString q = query.trimmed();
    withCoinGecko(ctx, [this, ctx, q, done = std::move(done)]() {
        fetch<CoinSearch>(
            m_coingecko.search(q),
            [q](const QByteArray& body) { return CoinGeckoClient::parseSearch(body, q); }, ctx,
            [this, ctx, done](Result<CoinSearch> found) {
                if (!found) {
                    done(found.error());
                    return;
                }
                // Tell the assistant which Binance symbol each coin trades under, when there is one.
                withDirectory(ctx, [found, done](std::optional<SymbolDirectory> dir) mutable {
                    CoinSearch s = found.takeValue();
                    if (dir) {
                        for (CoinSearchHit& hit : s.coins) {
                            const QString symbol = hit.symbol.toUpper() + QStringLiteral("USDT");
                            if (dir->find(symbol).has_value() && dir->find(symbol)->isTrading())
                                hit.binanceSymbol = symbol;
                        }
                    }
                    done(std::move(s));
                });
            });
    });
}

void MarketDataService::trending(QObject* ctx, Callback<TrendingCoins> done)
{
    withCoinGecko(ctx, [this, ctx, done = std::move(done)]() {
        fetch<TrendingCoins>(m_coingecko.trending(), &CoinGeckoClient::parseTrending, ctx, done);
    });
}

// --- USDT -------------------------------------------------------------------------------------

void MarketDataService::usdtPrice(QObject* ctx, Callback<UsdtPrice> done, Progress progress)
{
    struct Join
    {
        QList<UsdtQuote> quotes;
        QList<UsdtSourceFailure> failures;
        int pending = 0;
        int finished = 0;
        int total = 0;
    };
    auto join = std::make_shared<Join>();
    const QString threshold = m_settings.string(QStringLiteral("market.depeg_threshold"));

    auto finishOne = [this, join, threshold, progress, done](const QString& what) {
        ++join->finished;
        if (progress)
            progress(join->finished, join->total, what);
        if (--join->pending > 0)
            return;
        if (join->quotes.isEmpty()) {
            QStringList reasons;
            for (const UsdtSourceFailure& f : join->failures)
                reasons.append(f.source + QStringLiteral(" ") + f.pair + QStringLiteral(": ") + f.message);
            done(Error(QStringLiteral("usdt_price_unavailable"),
                QStringLiteral("No source could price USDT right now. %1")
                    .arg(reasons.join(QLatin1Char(' ')))));
            return;
        }
        done(combineUsdtQuotes(join->quotes, join->failures, threshold, now()));
    };

    // Binance: stablecoin pairs quoted in USDT; 1 / price is USDT in that (USD-pegged) coin.
    withDirectory(ctx, [this, ctx, join, finishOne](std::optional<SymbolDirectory> dir) {
        QStringList pairs {QStringLiteral("USDCUSDT")};
        if (dir && dir->contains(QStringLiteral("FDUSDUSDT")))
            pairs.append(QStringLiteral("FDUSDUSDT"));
        join->pending = int(pairs.size()) + 1;
        join->total = join->pending;

        const QString cgPair = QStringLiteral("tether/usd");
        coinPrice({QStringLiteral("tether")}, {QStringLiteral("usd")}, CoinPriceOptions {}, ctx,
            [join, finishOne, cgPair](Result<CoinPrices> p) {
                if (p && !p->quotes.isEmpty()) {
                    const CoinQuote& q = p->quotes.first();
                    join->quotes.append(UsdtQuote {QStringLiteral("coingecko"), cgPair,
                        QStringLiteral("direct"), q.price, q.price, p->freshness});
                } else {
                    const Error e = p ? Error(QStringLiteral("coin_not_found"),
                                        QStringLiteral("CoinGecko has no tether price."))
                                      : p.error();
                    join->failures.append(
                        UsdtSourceFailure {QStringLiteral("coingecko"), cgPair, e.code, e.message});
                }
                finishOne(QStringLiteral("CoinGecko answered"));
            });
        for (const QString& pair : pairs) {
            fetch<SpotPrice>(m_binance.tickerPrice(pair), &BinanceClient::parseTickerPrice, ctx,
                [join, finishOne, pair](Result<SpotPrice> p) {
                    const std::optional<Decimal> raw = p ? Decimal::parseLenient(p->price) : std::nullopt;
                    if (raw && !raw->isZero()) {
                        const Decimal inverted = Decimal::fromInt(1).divided(*raw, 8).value_or(Decimal());
                        join->quotes.append(UsdtQuote {QStringLiteral("binance"), pair,
                            QStringLiteral("inverted"), p->price, inverted.toFixed(8), p->freshness});
                    } else {
                        const Error e = p ? Error(QStringLiteral("upstream_bad_response"),
                                            QStringLiteral("Binance sent a zero price."))
                                          : p.error();
                        join->failures.append(
                            UsdtSourceFailure {QStringLiteral("binance"), pair, e.code, e.message});
                    }
                    finishOne(QStringLiteral("Binance %1 answered").arg(pair));
                });
        }
    });
}
