#include "market/ratebudget.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace
{
constexpr qint64 kMinuteMs = 60000;
}

RateBudget::RateBudget(Kind kind, int limitPerMinute, double headroom)
    : m_kind(kind)
    , m_limit(qMax(1, limitPerMinute))
    , m_headroom(headroom)
{ }

void RateBudget::setLimit(int perMinute)
{
    m_limit = qMax(1, perMinute);
}

int RateBudget::allowance() const
{
    return qMax(1, int(std::floor(m_limit * m_headroom)));
}

void RateBudget::roll(qint64 nowMs)
{
    if (m_kind == Kind::WeightPerMinute) {
        const qint64 start = nowMs - nowMs % kMinuteMs;
        if (start != m_windowStart) {
            m_windowStart = start;
            m_used = 0;
        }
        return;
    }
    const qint64 horizon = nowMs - kMinuteMs;
    auto firstLive =
        std::find_if(m_calls.begin(), m_calls.end(), [horizon](qint64 t) { return t > horizon; });
    m_calls.erase(m_calls.begin(), firstLive);
}

qint64 RateBudget::waitFor(int weight, qint64 nowMs)
{
    roll(nowMs);
    if (m_kind == Kind::WeightPerMinute) {
        if (m_used + weight <= allowance())
            return 0;
        return m_windowStart + kMinuteMs - nowMs;
    }
    if (m_calls.size() + 1 <= allowance())
        return 0;
    // The call that frees a slot is the one allowance() places from the newest.
    const int freeing = int(m_calls.size()) - allowance();
    return qMax<qint64>(1, m_calls.at(freeing) + kMinuteMs - nowMs);
}

void RateBudget::spend(int weight, qint64 nowMs)
{
    roll(nowMs);
    if (m_kind == Kind::WeightPerMinute)
        m_used += weight;
    else
        m_calls.append(nowMs);
}

void RateBudget::observeUsedWeight(int used, qint64 nowMs)
{
    if (m_kind != Kind::WeightPerMinute || used < 0)
        return;
    roll(nowMs);
    // The header counts what the provider has processed, which may include other programs on
    // this IP; our own count includes requests still on the wire. Trust the larger.
    m_used = qMax(m_used, used);
}

int RateBudget::used(qint64 nowMs)
{
    roll(nowMs);
    return m_kind == Kind::WeightPerMinute ? m_used : int(m_calls.size());
}

void RateBudget::blockUntil(qint64 untilMs, const QString& code, const QString& reason)
{
    if (untilMs <= m_blockedUntil)
        return;
    m_blockedUntil = untilMs;
    m_blockCode = code;
    m_blockReason = reason;
}

QJsonObject RateBudget::toJson(qint64 nowMs)
{
    QJsonObject o {
        {QStringLiteral("kind"),
            m_kind == Kind::WeightPerMinute ? QStringLiteral("weight_per_minute")
                                            : QStringLiteral("calls_per_minute")},
        {QStringLiteral("limit_per_minute"), m_limit},
        {QStringLiteral("allowance_per_minute"), allowance()},
        {QStringLiteral("used"), used(nowMs)},
        {QStringLiteral("rate_limited"), isBlocked(nowMs)},
    };
    if (isBlocked(nowMs)) {
        o.insert(QStringLiteral("blocked_until_ms"), m_blockedUntil);
        o.insert(QStringLiteral("blocked_until"),
            QDateTime::fromMSecsSinceEpoch(m_blockedUntil, Qt::UTC).toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("block_reason"), m_blockReason);
    }
    return o;
}
