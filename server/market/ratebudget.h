#pragma once

#include <QJsonObject>
#include <QString>
#include <QVector>
#include <QtGlobal>

// A provider's request budget on our side of the wire, so this IP never reaches the provider's
// own limit. Two shapes: Binance counts request weight per UTC minute (and reports it in
// X-MBX-USED-WEIGHT-1M); CoinGecko counts calls per minute per plan. Only a share of the
// provider's limit (the headroom, 80 % by default) is spent, which leaves room for other programs
// on the same IP and for clock skew. After a 429 or 418 the provider is blocked until its
// Retry-After has passed. Time is always passed in (ms since the epoch), so tests drive it.
class RateBudget
{
public:
    enum class Kind
    {
        WeightPerMinute, // fixed windows aligned to the UTC minute, weighted requests
        CallsPerMinute // a sliding 60 s window of calls, each costing 1
    };

    RateBudget() = default;
    RateBudget(Kind kind, int limitPerMinute, double headroom = 0.8);

    Kind kind() const { return m_kind; }
    void setLimit(int perMinute);
    int limit() const { return m_limit; }
    // The part of the limit we allow ourselves to use.
    int allowance() const;

    // 0 when a request of this weight fits now, else the ms until it will.
    qint64 waitFor(int weight, qint64 nowMs);
    void spend(int weight, qint64 nowMs);
    // The provider's own count of used weight, from a response header.
    void observeUsedWeight(int used, qint64 nowMs);
    int used(qint64 nowMs);

    // No request to the provider until `untilMs` (Retry-After on 429/418).
    void blockUntil(qint64 untilMs, const QString& code, const QString& reason);
    bool isBlocked(qint64 nowMs) const { return nowMs < m_blockedUntil; }
    qint64 blockedUntil() const { return m_blockedUntil; }
    QString blockCode() const { return m_blockCode; }
    QString blockReason() const { return m_blockReason; }

    QJsonObject toJson(qint64 nowMs);

private:
    void roll(qint64 nowMs);

    Kind m_kind = Kind::CallsPerMinute;
    int m_limit = 60;
    double m_headroom = 0.8;
    qint64 m_windowStart = 0; // WeightPerMinute: start of the current UTC minute
    int m_used = 0; // WeightPerMinute: weight used in the current minute
    QVector<qint64> m_calls; // CallsPerMinute: times of calls in the last 60 s, oldest first
    qint64 m_blockedUntil = 0;
    QString m_blockCode;
    QString m_blockReason;
};
