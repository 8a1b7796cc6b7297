#pragma once

#include "core/result.h"
#include "market/freshness.h"
#include "market/ratebudget.h"
#include "market/upstreamrequest.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

// Runs GETs against market data providers with everything that keeps them fast and keeps this IP
// in good standing: a TTL cache keyed by endpoint and parameters, in-flight coalescing (identical
// concurrent requests share one upstream request), a per-provider budget and Retry-After backoff,
// retries with jittered exponential delays for transient failures only (network errors, 5xx),
// a deadline on every request, and stale answers from the cache when the upstream fails.
//
// Callbacks run later from the event loop of ctx's thread (never before fetch() returns) and
// are dropped when ctx is destroyed first. When every waiter of an upstream request is gone, the
// request is aborted. ctx must live in the fetcher's thread.
class UpstreamFetcher : public QObject
{
    Q_OBJECT
public:
    using Value = std::shared_ptr<const void>;
    // Turns a successful (2xx) reply into a value; an Error means the body was not understood.
    using Parser = std::function<Result<Value>(const UpstreamReply& reply)>;
    // Turns a failed reply into an Error whose sentence says what to do.
    using ErrorMapper =
        std::function<Error(const UpstreamReply& reply, const UpstreamRequest& request, qint64 nowMs)>;

    struct Fetched
    {
        Value value;
        Freshness freshness;
    };
    using Done = std::function<void(Result<Fetched>)>;

    struct Provider
    {
        QString name; // "binance"
        QString displayName; // "Binance"
        RateBudget budget;
        ErrorMapper mapError;
        QByteArray usedWeightHeader; // "x-mbx-used-weight-1m", or empty
    };

    explicit UpstreamFetcher(QNetworkAccessManager& nam, QObject* parent = nullptr);
    ~UpstreamFetcher() override;

    void addProvider(Provider provider);
    RateBudget* budget(const QString& provider);

    // The clock for cache ages, budgets and backoff (ms since the epoch); tests move it by hand.
    void setClock(std::function<qint64()> clock);
    qint64 now() const;

    // Transient failures are retried up to maxRetries times, waiting about base * 2^attempt ms
    // (with +-50 % jitter) between attempts.
    void setRetryPolicy(int maxRetries, int baseDelayMs);
    // A request over budget waits for a free slot when one frees within this time; otherwise it is
    // refused at once (or answered from the cache).
    void setMaxQueueWait(int ms) { m_maxQueueWaitMs = ms; }
    // How long past its time to live a cached answer may still be served when the upstream fails.
    void setMaxStaleAge(qint64 ms) { m_maxStaleMs = ms; }
    // Rough upper bound of the memory held by cached answers.
    void setCacheCapacity(qint64 bytes) { m_cacheCapacity = bytes; }

    void fetch(const UpstreamRequest& request, Parser parse, QObject* ctx, Done done);

    // A cached value regardless of age (no network), e.g. for completions.
    Value peek(const QString& cacheKey) const;

    // Requests, cache hits/misses, coalesced waits, stale answers, 429s... per provider and endpoint.
    QJsonObject stats() const;
    // Per provider: last success, last error, rate-limit state.
    QJsonObject health() const;

Q_SIGNALS:
    // After every upstream request (retries included); httpStatus 0 when no HTTP answer came.
    void upstreamRequest(const QString& provider, const QString& endpoint, int httpStatus, qint64 ms);

private:
    struct Waiter
    {
        quint64 id = 0;
        QPointer<QObject> ctx;
        bool hadCtx = false; // a null ctx means "deliver through the fetcher"
        Done done;
        QMetaObject::Connection destroyed;
    };
    struct InFlight
    {
        UpstreamRequest request;
        Parser parse;
        std::vector<Waiter> waiters;
        QPointer<QNetworkReply> reply;
        QPointer<QTimer> timer; // retry delay, budget wait or deadline
        int attempt = 0;
        bool timedOut = false;
        qint64 startedAtMs = 0;
    };
    struct CacheEntry
    {
        Value value;
        qint64 fetchedAtMs = 0;
        qint64 ttlMs = 0;
        qint64 lastUsedMs = 0;
        qint64 cost = 0;
    };
    struct Counters
    {
        qint64 requests = 0;
        qint64 errors = 0;
        qint64 cacheHits = 0;
        qint64 cacheMisses = 0;
        qint64 coalesced = 0;
        qint64 staleServed = 0;
        qint64 rateLimited = 0; // 429
        qint64 banned = 0; // 418
        qint64 retries = 0;
        qint64 aborted = 0;
        qint64 budgetRefusals = 0;
        qint64 budgetWaits = 0;
        void add(const Counters& o);
        QJsonObject toJson() const;
    };
    struct ProviderState
    {
        Provider config;
        qint64 lastSuccessMs = 0;
        qint64 lastErrorMs = 0;
        QString lastError;
        QString lastErrorCode;
        bool lastFailed = false; // the newest outcome was an error
        QHash<QString, Counters> byEndpoint;
    };

    Counters& counters(const UpstreamRequest& request);
    ProviderState* provider(const QString& name);
    void addWaiter(const QString& key, InFlight& flight, QObject* ctx, Done done);
    void removeWaiter(const QString& key, quint64 waiterId);
    void startWhenAllowed(const QString& key);
    void startAttempt(const QString& key);
    void onFinished(const QString& key, QNetworkReply* reply);
    void succeed(const QString& key, const Value& value);
    void fail(const QString& key, const Error& error, bool servesStale);
    // Answers from the cache, marked stale, or with the error; true when the cache could answer.
    bool answerStale(const QString& key, const UpstreamRequest& request, const Error& reason, QObject* ctx,
        const Done& done);
    void store(const QString& key, const Value& value, qint64 ttlMs, qint64 cost);
    void evictIfNeeded();
    Error blockedError(const ProviderState& state, qint64 nowMs) const;
    Error budgetError(const ProviderState& state, qint64 waitMs) const;
    void post(QObject* ctx, const Done& done, Result<Fetched> result);
    // Delivers to a waiter unless its context has been destroyed.
    void post(const Waiter& waiter, Result<Fetched> result);

    QNetworkAccessManager& m_nam;
    std::function<qint64()> m_clock;
    QHash<QString, ProviderState> m_providers;
    QHash<QString, std::shared_ptr<InFlight>> m_inFlight;
    QHash<QString, CacheEntry> m_cache;
    qint64 m_cacheBytes = 0;
    qint64 m_cacheCapacity = 64LL * 1024 * 1024;
    qint64 m_maxStaleMs = 24LL * 3600 * 1000;
    int m_maxRetries = 2;
    int m_retryBaseMs = 250;
    int m_maxQueueWaitMs = 2000;
    quint64 m_nextWaiterId = 1;
};
