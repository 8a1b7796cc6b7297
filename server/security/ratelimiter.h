#pragma once

#include <QHash>
#include <QString>

// A token bucket per key (a principal): it holds up to `perMinute` requests and refills at
// perMinute/60 per second, so a client may burst up to its minute's allowance and then goes at
// the steady rate. Buckets that have refilled completely are forgotten.
class RateLimiter
{
public:
    struct Verdict
    {
        bool allowed = true;
        int retryAfterSeconds = 0; // when refused: until one request is available again
    };

    // Takes one request from `key`'s bucket. perMinute <= 0 always allows.
    Verdict take(const QString& key, int perMinute, qint64 nowMs);
    int trackedKeys() const { return int(m_buckets.size()); }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
        int perMinute = 0;
    };
    void prune(qint64 nowMs);

    QHash<QString, Bucket> m_buckets;
    qint64 m_lastPruneMs = 0;
};
