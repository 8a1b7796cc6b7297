#pragma once

#include "core/result.h"
#include "market/binanceclient.h"
#include "market/binancevalues.h"
#include "market/coingeckoclient.h"
#include "market/coingeckovalues.h"
#include "market/marketanalysis.h"
#include "market/symbolresolver.h"
#include "market/usdtprice.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class SecretStore;
class Settings;
class UpstreamFetcher;

// Market data for the tools and the window: Binance (spot and USD-M futures) and CoinGecko behind
// one cache. Answers carry their source and age (Freshness); identical concurrent requests share
// one upstream request; budgets, Retry-After backoff, retries of transient failures, timeouts and
// stale answers while an upstream is down are handled by the UpstreamFetcher underneath.
//
// Every query is asynchronous. `ctx` is the lifetime of the caller (an McpCall, a widget): the
// callback runs later from the event loop (never before the call returns) and is dropped if ctx
// is destroyed first; when the last caller waiting for an upstream request goes away, that
// request is aborted. ctx must live in the service's thread. Symbol arguments accept what people
// type: "BTC", "btc", "BTCUSDT", "BTC/USDT", "btc-usdt", "bitcoin", "1000SHIBUSDT".
class MarketDataService : public QObject
{
    Q_OBJECT
public:
    template<typename T> using Callback = std::function<void(Result<T>)>;
    // Steps of a multi-request query: step counts up to total.
    using Progress = std::function<void(int step, int total, const QString& message)>;

    MarketDataService(QNetworkAccessManager& nam, const Settings& settings, SecretStore& secrets,
        QObject* parent = nullptr);
    ~MarketDataService() override;

    // --- Binance ----------------------------------------------------------------------------
    void resolveSymbol(const QString& symbolInput, QObject* ctx, Callback<ResolvedSymbol> done);
    void spotPrice(const QString& symbolInput, QObject* ctx, Callback<SpotPrice> done);
    void ticker24h(const QString& symbolInput, QObject* ctx, Callback<Ticker24h> done);
    // interval: one of KlineInterval::all(); limit 1..1000; times in ms since the epoch.
    void klines(const QString& symbolInput, const QString& interval, int limit, std::optional<qint64> startMs,
        std::optional<qint64> endMs, QObject* ctx, Callback<KlineSeries> done);
    void averagePrice(const QString& symbolInput, QObject* ctx, Callback<AveragePrice> done);
    // Current funding from premiumIndex; with historyLimit > 0 also the last historyLimit rates.
    void fundingRate(const QString& symbolInput, int historyLimit, QObject* ctx, Callback<FundingInfo> done);
    // Klines plus analyze() (computed on a worker thread).
    void analysis(const QString& symbolInput, const QString& interval, int limit, QObject* ctx,
        Callback<MarketAnalysis> done, Progress progress = {});
    // Klines plus CandlePatterns::detect() (computed on a worker thread).
    void klinePatterns(const QString& symbolInput, const QString& interval, int limit, QObject* ctx,
        Callback<PatternScan> done);

    // --- CoinGecko --------------------------------------------------------------------------
    // ids: CoinGecko ids ("bitcoin"); tickers and names of the top coins ("btc", "Ethereum") are
    // mapped to their ids. vsCurrencies: "usd", "eur", ...
    void coinPrice(const QStringList& ids, const QStringList& vsCurrencies, const CoinPriceOptions& options,
        QObject* ctx, Callback<CoinPrices> done);
    void coinData(const QString& idOrSymbol, QObject* ctx, Callback<CoinData> done);
    void coinMarkets(const QString& vsCurrency, const QStringList& ids, int perPage, QObject* ctx,
        Callback<CoinMarkets> done);
    void searchCoins(const QString& query, QObject* ctx, Callback<CoinSearch> done);
    void trending(QObject* ctx, Callback<TrendingCoins> done);

    // --- both -------------------------------------------------------------------------------
    // USDT in USD from CoinGecko (tether/usd) and Binance (USD stablecoin pairs, inverted).
    void usdtPrice(QObject* ctx, Callback<UsdtPrice> done, Progress progress = {});

    // Binance symbols starting with prefix, from the cached symbol list (no network), plus the
    // names of well-known coins; for completions.
    QStringList symbolCompletions(const QString& prefix, int max = 100) const;

    // Upstream requests per provider and endpoint, cache hits/misses, coalesced waits, stale
    // answers, 429s, current used weight.
    QJsonObject stats() const;
    // Per provider: last success, last error sentence, rate-limit state; CoinGecko tier and key.
    QJsonObject health() const;

    // --- for tests and tuning -----------------------------------------------------------------
    void setClock(std::function<qint64()> clock);
    qint64 now() const;
    void setRetryPolicy(int maxRetries, int baseDelayMs);
    // Overrides a provider's per-minute limit ("binance": weight, "coingecko": calls).
    void setRateLimit(const QString& provider, int perMinute);
    UpstreamFetcher& fetcher() { return *m_fetcher; }

Q_SIGNALS:
    // After every upstream request (retries included), for metrics.
    void upstreamRequest(const QString& provider, const QString& endpoint, int httpStatus, qint64 ms);

private:
    template<typename T>
    void fetch(const UpstreamRequest& request, std::function<Result<T>(const QByteArray&)> parse,
        QObject* ctx, Callback<T> done);
    template<typename T> void deliver(QObject* ctx, Callback<T> done, Result<T> result);
    template<typename T> void runOnWorker(QObject* ctx, std::function<T()> work, std::function<void(T)> done);

    void withDirectory(QObject* ctx, std::function<void(std::optional<SymbolDirectory>)> next);
    std::optional<SymbolDirectory> cachedDirectory() const;
    // Adds close matches to an invalid_symbol error that came from Binance itself.
    Error withSuggestions(const Error& error) const;
    void withCoinGecko(QObject* ctx, std::function<void()> next);
    void readCoinGeckoKey();
    void onCoinGeckoKey(Result<QString> key);
    void updateCoinGeckoBudget();
    QString coinIdFor(const QString& idOrSymbol) const;

    const Settings& m_settings;
    SecretStore& m_secrets;
    UpstreamFetcher* m_fetcher;
    BinanceClient m_binance;
    CoinGeckoClient m_coingecko;
    QThreadPool m_workers;
    qint64 m_directoryRetryAtMs = 0; // after a failed exchangeInfo, symbols go unchecked until then
    bool m_keyKnown = false;
    QList<QPair<QPointer<QObject>, std::function<void()>>> m_waitingForKey;
    std::optional<int> m_coingeckoLimitOverride;
};
