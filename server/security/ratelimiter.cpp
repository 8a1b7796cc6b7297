#include "security/ratelimiter.h"

#include <cmath>

namespace
{

constexpr qint64 kPruneIntervalMs = 60000;

double refilled(double tokens, qint64 elapsedMs, int perMinute)
{
    return qMin(double(perMinute), tokens + double(qMax<qint64>(0, elapsedMs)) * perMinute / 60000.0);
}

} // namespace

RateLimiter::Verdict RateLimiter::take(const QString& key, int perMinute, qint64 nowMs)
{
    if (perMinute <= 0)
        return {};
    prune(nowMs);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket {double(perMinute), nowMs, perMinute});
    Bucket& b = it.value();
    if (b.perMinute != perMinute) {
        // The limit changed (a token's setting was edited): keep the fill level, within the new size.
        b.tokens = qMin(b.tokens, double(perMinute));
        b.perMinute = perMinute;
    }
    b.tokens = refilled(b.tokens, nowMs - b.updatedMs, perMinute);
    b.updatedMs = nowMs;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return {};
    }
    const double secondsPerToken = 60.0 / perMinute;
    const double wait = (1.0 - b.tokens) * secondsPerToken;
    return Verdict {false, qMax(1, int(std::ceil(wait)))};
}

void RateLimiter::prune(qint64 nowMs)
{
    if (nowMs - m_lastPruneMs < kPruneIntervalMs)
        return;
    m_lastPruneMs = nowMs;
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (refilled(it->tokens, nowMs - it->updatedMs, it->perMinute) >= it->perMinute)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}
