#include "market/upstreamfetcher.h"

#include "core/buildinfo.h"
#include "market/marketlog.h"
#include "market/markettime.h"
#include "market/upstreamerror.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

void UpstreamFetcher::Counters::add(const Counters& o)
{
    requests += o.requests;
    errors += o.errors;
    cacheHits += o.cacheHits;
    cacheMisses += o.cacheMisses;
    coalesced += o.coalesced;
    staleServed += o.staleServed;
    rateLimited += o.rateLimited;
    banned += o.banned;
    retries += o.retries;
    aborted += o.aborted;
    budgetRefusals += o.budgetRefusals;
    budgetWaits += o.budgetWaits;
}

QJsonObject UpstreamFetcher::Counters::toJson() const
{
    return QJsonObject {
        {QStringLiteral("requests"), requests},
        {QStringLiteral("errors"), errors},
        {QStringLiteral("cache_hits"), cacheHits},
        {QStringLiteral("cache_misses"), cacheMisses},
        {QStringLiteral("coalesced"), coalesced},
        {QStringLiteral("stale_served"), staleServed},
        {QStringLiteral("rate_limited_429"), rateLimited},
        {QStringLiteral("banned_418"), banned},
        {QStringLiteral("retries"), retries},
        {QStringLiteral("aborted"), aborted},
        {QStringLiteral("budget_refusals"), budgetRefusals},
        {QStringLiteral("budget_waits"), budgetWaits},
    };
}

UpstreamFetcher::UpstreamFetcher(QNetworkAccessManager& nam, QObject* parent)
    : QObject(parent)
    , m_nam(nam)
{ }

UpstreamFetcher::~UpstreamFetcher()
{
    // Nobody is left to answer: drop the waiters and stop the requests.
    const auto flights = m_inFlight;
    m_inFlight.clear();
    for (const auto& flight : flights) {
        for (const Waiter& w : flight->waiters)
            disconnect(w.destroyed);
        if (flight->reply)
            flight->reply->abort();
    }
}

void UpstreamFetcher::addProvider(Provider provider)
{
    ProviderState state;
    const QString name = provider.name;
    state.config = std::move(provider);
    m_providers.insert(name, std::move(state));
}

RateBudget* UpstreamFetcher::budget(const QString& provider)
{
    auto it = m_providers.find(provider);
    return it == m_providers.end() ? nullptr : &it->config.budget;
}

void UpstreamFetcher::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 UpstreamFetcher::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void UpstreamFetcher::setRetryPolicy(int maxRetries, int baseDelayMs)
{
    m_maxRetries = qMax(0, maxRetries);
    m_retryBaseMs = qMax(1, baseDelayMs);
}

UpstreamFetcher::ProviderState* UpstreamFetcher::provider(const QString& name)
{
    auto it = m_providers.find(name);
    return it == m_providers.end() ? nullptr : &it.value();
}

UpstreamFetcher::Counters& UpstreamFetcher::counters(const UpstreamRequest& request)
{
    return m_providers[request.provider].byEndpoint[request.endpoint];
}

void UpstreamFetcher::post(QObject* ctx, const Done& done, Result<Fetched> result)
{
    QObject* target = ctx ? ctx : this;
    QMetaObject::invokeMethod(
        target, [done, result = std::move(result)]() { done(result); }, Qt::QueuedConnection);
}

void UpstreamFetcher::post(const Waiter& waiter, Result<Fetched> result)
{
    if (waiter.hadCtx && !waiter.ctx)
        return;
    post(waiter.ctx.data(), waiter.done, std::move(result));
}

UpstreamFetcher::Value UpstreamFetcher::peek(const QString& cacheKey) const
{
    auto it = m_cache.constFind(cacheKey);
    return it == m_cache.constEnd() ? Value() : it->value;
}

void UpstreamFetcher::fetch(const UpstreamRequest& request, Parser parse, QObject* ctx, Done done)
{
    ProviderState* state = provider(request.provider);
    if (!state) {
        post(ctx, done,
            Error(QStringLiteral("internal_error"),
                QStringLiteral("Internal error: no market data provider named \"%1\".")
                    .arg(request.provider)));
        return;
    }
    const QString& key = request.cacheKey;
    const qint64 t = now();
    Counters& c = counters(request);
    auto cached = m_cache.find(key);
    // An answer "from the future" (the system clock went back) counts as expired.
    if (cached != m_cache.end() && t >= cached->fetchedAtMs && t - cached->fetchedAtMs < cached->ttlMs) {
        ++c.cacheHits;
        cached->lastUsedMs = t;
        Freshness f {
            request.provider, cached->fetchedAtMs, qMax<qint64>(0, t - cached->fetchedAtMs), false, {}};
        post(ctx, done, Fetched {cached->value, f});
        return;
    }
    ++c.cacheMisses;
    if (auto it = m_inFlight.find(key); it != m_inFlight.end()) {
        ++c.coalesced;
        addWaiter(key, **it, ctx, std::move(done));
        return;
    }
    if (state->config.budget.isBlocked(t)) {
        if (!answerStale(key, request, blockedError(*state, t), ctx, done))
            post(ctx, done, blockedError(*state, t));
        return;
    }
    auto flight = std::make_shared<InFlight>();
    flight->request = request;
    flight->parse = std::move(parse);
    addWaiter(key, *flight, ctx, std::move(done));
    m_inFlight.insert(key, flight);
    startWhenAllowed(key);
}

void UpstreamFetcher::addWaiter(const QString& key, InFlight& flight, QObject* ctx, Done done)
{
    Waiter w;
    w.id = m_nextWaiterId++;
    w.ctx = ctx;
    w.hadCtx = ctx != nullptr;
    w.done = std::move(done);
    if (ctx) {
        const quint64 id = w.id;
        w.destroyed = connect(ctx, &QObject::destroyed, this, [this, key, id]() { removeWaiter(key, id); });
    }
    flight.waiters.push_back(std::move(w));
}

void UpstreamFetcher::removeWaiter(const QString& key, quint64 waiterId)
{
    auto it = m_inFlight.find(key);
    if (it == m_inFlight.end())
        return;
    std::shared_ptr<InFlight> flight = *it;
    auto& ws = flight->waiters;
    ws.erase(std::remove_if(ws.begin(), ws.end(), [waiterId](const Waiter& w) { return w.id == waiterId; }),
        ws.end());
    if (!ws.empty())
        return;
    // The last one waiting went away: nobody needs the answer, so stop spending on it.
    m_inFlight.erase(it);
    ++counters(flight->request).aborted;
    qCDebug(lcMarket) << "aborting" << flight->request.provider << flight->request.endpoint
                      << "(no waiter left)";
    if (flight->timer) {
        flight->timer->stop();
        flight->timer->deleteLater();
    }
    if (QNetworkReply* reply = flight->reply) {
        flight->reply = nullptr;
        reply->abort();
    }
}

void UpstreamFetcher::startWhenAllowed(const QString& key)
{
    std::shared_ptr<InFlight> flight = m_inFlight.value(key);
    if (!flight)
        return;
    if (flight->timer) {
        flight->timer->stop();
        flight->timer->deleteLater();
        flight->timer = nullptr;
    }
    ProviderState* state = provider(flight->request.provider);
    const qint64 t = now();
    if (state->config.budget.isBlocked(t)) {
        fail(key, blockedError(*state, t), true);
        return;
    }
    const qint64 wait = state->config.budget.waitFor(flight->request.weight, t);
    if (wait == 0) {
        startAttempt(key);
        return;
    }
    Counters& c = counters(flight->request);
    if (wait <= m_maxQueueWaitMs) {
        ++c.budgetWaits;
        auto* timer = new QTimer(this);
        timer->setSingleShot(true);
        flight->timer = timer;
        connect(timer, &QTimer::timeout, this, [this, key, timer]() {
            timer->deleteLater();
            std::shared_ptr<InFlight> f = m_inFlight.value(key);
            if (!f || f->timer != timer)
                return;
            f->timer = nullptr;
            ProviderState* s = provider(f->request.provider);
            const qint64 left = s->config.budget.waitFor(f->request.weight, now());
            if (left == 0) {
                startAttempt(key);
            } else {
                ++counters(f->request).budgetRefusals;
                fail(key, budgetError(*s, left), true);
            }
        });
        timer->start(int(wait));
        return;
    }
    ++c.budgetRefusals;
    fail(key, budgetError(*state, wait), true);
}

void UpstreamFetcher::startAttempt(const QString& key)
{
    std::shared_ptr<InFlight> flight = m_inFlight.value(key);
    if (!flight)
        return;
    const UpstreamRequest& r = flight->request;
    ProviderState* state = provider(r.provider);
    QNetworkRequest request(r.url);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("FinAgent/" FINAGENT_VERSION));
    for (const auto& h : r.headers)
        request.setRawHeader(h.first, h.second);
    request.setTransferTimeout(r.timeoutMs);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);

    state->config.budget.spend(r.weight, now());
    ++counters(r).requests;
    flight->timedOut = false;
    flight->startedAtMs = QDateTime::currentMSecsSinceEpoch();
    qCDebug(lcMarket).noquote() << "GET" << r.provider << r.url.path() << "attempt" << flight->attempt + 1;

    QNetworkReply* reply = m_nam.get(request);
    flight->reply = reply;
    // setTransferTimeout only notices silence; the deadline also bounds a slow trickle.
    auto* deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, key, reply]() {
        std::shared_ptr<InFlight> f = m_inFlight.value(key);
        if (f && f->reply == reply) {
            f->timedOut = true;
            reply->abort();
        }
    });
    deadline->start(r.timeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, key, reply]() { onFinished(key, reply); });
}

void UpstreamFetcher::onFinished(const QString& key, QNetworkReply* reply)
{
    reply->deleteLater();
    std::shared_ptr<InFlight> flight = m_inFlight.value(key);
    if (!flight || flight->reply != reply)
        return; // aborted because nobody waits any more
    flight->reply = nullptr;
    const UpstreamRequest& request = flight->request;

    UpstreamReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        r.body = reply->readAll();
    for (const auto& pair : reply->rawHeaderPairs())
        r.headers.insert(pair.first.toLower(), pair.second);
    r.networkError = reply->error();
    r.networkErrorText = reply->errorString();
    r.timeoutMs = request.timeoutMs;
    r.elapsedMs = QDateTime::currentMSecsSinceEpoch() - flight->startedAtMs;
    // A success status with a transport error is a body cut short: no usable HTTP answer.
    if (r.isHttpSuccess() && r.networkError != QNetworkReply::NoError)
        r.status = 0;
    // Qt reports an expired transfer timeout as a cancelled or timed-out operation.
    r.timedOut = r.status == 0
        && (flight->timedOut || r.networkError == QNetworkReply::OperationCanceledError
            || r.networkError == QNetworkReply::TimeoutError);
    Q_EMIT upstreamRequest(request.provider, request.endpoint, r.status, r.elapsedMs);

    ProviderState* state = provider(request.provider);
    const qint64 t = now();
    if (!state->config.usedWeightHeader.isEmpty()) {
        bool ok = false;
        const int used = r.header(state->config.usedWeightHeader).trimmed().toInt(&ok);
        if (ok)
            state->config.budget.observeUsedWeight(used, t);
    }

    Counters& c = counters(request);
    if (r.isHttpSuccess()) {
        Result<Value> parsed = flight->parse(r);
        if (parsed.ok()) {
            state->lastSuccessMs = t;
            state->lastFailed = false;
            store(key, parsed.value(), request.ttlMs, qMax<qint64>(256, r.body.size() * 4));
            succeed(key, parsed.value());
        } else {
            ++c.errors;
            fail(key, parsed.error(), true);
        }
        return;
    }
    ++c.errors;
    if (r.status == 429 || r.status == 418) {
        ++(r.status == 429 ? c.rateLimited : c.banned);
        const Error e = state->config.mapError(r, request, t);
        state->config.budget.blockUntil(t + UpstreamError::retryAfterSeconds(r) * 1000, e.code, e.message);
        qCWarning(lcMarket).noquote() << state->config.displayName << "answered" << r.status
                                      << "- no requests for" << UpstreamError::retryAfterSeconds(r) << "s";
        fail(key, e, true);
        return;
    }
    const bool transient =
        !r.timedOut && (r.status >= 500 || (r.status == 0 && r.networkError != QNetworkReply::NoError));
    if (transient && flight->attempt < m_maxRetries) {
        ++flight->attempt;
        ++c.retries;
        const double jitter = 0.5 + QRandomGenerator::global()->generateDouble(); // 0.5 .. 1.5
        const int delay = int(m_retryBaseMs * double(1 << (flight->attempt - 1)) * jitter);
        qCDebug(lcMarket) << "retrying" << request.provider << request.endpoint << "in" << delay << "ms after"
                          << (r.status ? QString::number(r.status) : r.networkErrorText);
        auto* timer = new QTimer(this);
        timer->setSingleShot(true);
        flight->timer = timer;
        connect(timer, &QTimer::timeout, this, [this, key, timer]() {
            std::shared_ptr<InFlight> f = m_inFlight.value(key);
            if (f && f->timer == timer)
                startWhenAllowed(key);
            else
                timer->deleteLater();
        });
        timer->start(delay);
        return;
    }
    const Error e = state->config.mapError(r, request, t);
    const bool outage = r.status == 0 || r.status >= 500 || r.status == 403 || r.status == 451;
    fail(key, e, outage);
}

void UpstreamFetcher::succeed(const QString& key, const Value& value)
{
    std::shared_ptr<InFlight> flight = m_inFlight.take(key);
    if (!flight)
        return;
    if (flight->timer) {
        flight->timer->stop();
        flight->timer->deleteLater();
    }
    const qint64 t = now();
    const Freshness f {flight->request.provider, t, 0, false, {}};
    for (const Waiter& w : flight->waiters) {
        disconnect(w.destroyed);
        post(w, Fetched {value, f});
    }
}

void UpstreamFetcher::fail(const QString& key, const Error& error, bool servesStale)
{
    std::shared_ptr<InFlight> flight = m_inFlight.take(key);
    if (!flight)
        return;
    if (flight->timer) {
        flight->timer->stop();
        flight->timer->deleteLater();
    }
    if (ProviderState* state = provider(flight->request.provider)) {
        state->lastErrorMs = now();
        state->lastFailed = true;
        state->lastError = error.message;
        state->lastErrorCode = error.code;
    }
    qCInfo(lcMarket).noquote() << flight->request.provider << flight->request.endpoint
                               << "failed:" << error.code;
    for (const Waiter& w : flight->waiters) {
        disconnect(w.destroyed);
        if (w.hadCtx && !w.ctx)
            continue; // its context is gone
        if (!servesStale || !answerStale(key, flight->request, error, w.ctx, w.done))
            post(w, error);
    }
}

bool UpstreamFetcher::answerStale(
    const QString& key, const UpstreamRequest& request, const Error& reason, QObject* ctx, const Done& done)
{
    auto it = m_cache.find(key);
    if (it == m_cache.end())
        return false;
    const qint64 t = now();
    const qint64 age = qMax<qint64>(0, t - it->fetchedAtMs);
    if (age > it->ttlMs + m_maxStaleMs)
        return false;
    it->lastUsedMs = t;
    ++counters(request).staleServed;
    post(ctx, done,
        Fetched {it->value, Freshness {request.provider, it->fetchedAtMs, age, true, reason.message}});
    return true;
}

void UpstreamFetcher::store(const QString& key, const Value& value, qint64 ttlMs, qint64 cost)
{
    const qint64 t = now();
    auto it = m_cache.find(key);
    if (it != m_cache.end())
        m_cacheBytes -= it->cost;
    m_cache.insert(key, CacheEntry {value, t, ttlMs, t, cost});
    m_cacheBytes += cost;
    evictIfNeeded();
}

void UpstreamFetcher::evictIfNeeded()
{
    if (m_cacheBytes <= m_cacheCapacity)
        return;
    // Least recently used first, down to 90 % of the capacity so eviction does not run every time.
    const qint64 t = now();
    QVector<QPair<qint64, QString>> order;
    order.reserve(m_cache.size());
    for (auto it = m_cache.cbegin(); it != m_cache.cend(); ++it) {
        const bool expired = t - it->fetchedAtMs > it->ttlMs + m_maxStaleMs;
        order.append({expired ? qint64(-1) : it->lastUsedMs, it.key()});
    }
    std::sort(order.begin(), order.end());
    const qint64 target = m_cacheCapacity * 9 / 10;
    for (const auto& entry : order) {
        if (m_cacheBytes <= target)
            break;
        auto it = m_cache.find(entry.second);
        m_cacheBytes -= it->cost;
        m_cache.erase(it);
    }
}

Error UpstreamFetcher::blockedError(const ProviderState& state, qint64 nowMs) const
{
    const qint64 until = state.config.budget.blockedUntil();
    const qint64 seconds = qMax<qint64>(1, (until - nowMs + 999) / 1000);
    const QString code = state.config.budget.blockCode().isEmpty() ? QStringLiteral("upstream_rate_limited")
                                                                   : state.config.budget.blockCode();
    return Error(code,
        QStringLiteral("%1 asked FinAgent to slow down, so no request will be sent to it until %2 "
                       "(in %3 s). Retry after that time; answers already cached are still served.")
            .arg(state.config.displayName, MarketTime::iso(until))
            .arg(seconds),
        QJsonObject {{QStringLiteral("provider"), state.config.name},
            {QStringLiteral("retry_after"), seconds}, {QStringLiteral("retry_at_ms"), until},
            {QStringLiteral("retry_at"), MarketTime::iso(until)},
            {QStringLiteral("cause"), state.config.budget.blockReason()}});
}

Error UpstreamFetcher::budgetError(const ProviderState& state, qint64 waitMs) const
{
    const RateBudget& b = state.config.budget;
    const qint64 seconds = qMax<qint64>(1, (waitMs + 999) / 1000);
    const QString unit = b.kind() == RateBudget::Kind::WeightPerMinute ? QStringLiteral("request weight")
                                                                       : QStringLiteral("calls");
    return Error(QStringLiteral("rate_budget_exhausted"),
        QStringLiteral("FinAgent's rate budget for %1 is used up for now: it spends at most %2 %3 per "
                       "minute (of the %4 allowed) so this IP is never rate-limited or banned. Retry in "
                       "%5 s, or ask for fewer distinct symbols or candle ranges.")
            .arg(state.config.displayName)
            .arg(b.allowance())
            .arg(unit)
            .arg(b.limit())
            .arg(seconds),
        QJsonObject {{QStringLiteral("provider"), state.config.name},
            {QStringLiteral("retry_after"), seconds}, {QStringLiteral("budget_per_minute"), b.allowance()}});
}

QJsonObject UpstreamFetcher::stats() const
{
    QJsonObject providers;
    const qint64 t = now();
    for (auto it = m_providers.cbegin(); it != m_providers.cend(); ++it) {
        Counters total;
        QJsonObject endpoints;
        for (auto e = it->byEndpoint.cbegin(); e != it->byEndpoint.cend(); ++e) {
            total.add(e.value());
            endpoints.insert(e.key(), e->toJson());
        }
        QJsonObject p = total.toJson();
        p.insert(QStringLiteral("endpoints"), endpoints);
        RateBudget budget = it->config.budget;
        p.insert(QStringLiteral("budget"), budget.toJson(t));
        if (budget.kind() == RateBudget::Kind::WeightPerMinute)
            p.insert(QStringLiteral("used_weight"), budget.used(t));
        providers.insert(it.key(), p);
    }
    return QJsonObject {{QStringLiteral("providers"), providers},
        {QStringLiteral("cache_entries"), qint64(m_cache.size())},
        {QStringLiteral("cache_bytes"), m_cacheBytes},
        {QStringLiteral("in_flight"), qint64(m_inFlight.size())}};
}

QJsonObject UpstreamFetcher::health() const
{
    QJsonObject out;
    const qint64 t = now();
    for (auto it = m_providers.cbegin(); it != m_providers.cend(); ++it) {
        RateBudget budget = it->config.budget;
        QString status = QStringLiteral("unknown");
        if (budget.isBlocked(t))
            status = QStringLiteral("rate_limited");
        else if (it->lastFailed)
            status = QStringLiteral("failing");
        else if (it->lastSuccessMs > 0)
            status = QStringLiteral("ok");
        QJsonObject p {{QStringLiteral("name"), it->config.displayName}, {QStringLiteral("status"), status},
            {QStringLiteral("rate_limit"), budget.toJson(t)}};
        if (it->lastSuccessMs > 0) {
            p.insert(QStringLiteral("last_success_ms"), it->lastSuccessMs);
            p.insert(QStringLiteral("last_success"), MarketTime::iso(it->lastSuccessMs));
        }
        if (it->lastErrorMs > 0) {
            p.insert(QStringLiteral("last_error_ms"), it->lastErrorMs);
            p.insert(QStringLiteral("last_error_at"), MarketTime::iso(it->lastErrorMs));
            p.insert(QStringLiteral("last_error"), it->lastError);
            p.insert(QStringLiteral("last_error_code"), it->lastErrorCode);
        }
        out.insert(it.key(), p);
    }
    return out;
}
