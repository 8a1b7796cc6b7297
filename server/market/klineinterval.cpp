#include "market/klineinterval.h"

namespace
{

struct IntervalInfo
{
    const char* name;
    qint64 durationMs;
    qint64 ttlMs;
};

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

// Live ranges get a lifetime that is small next to the candle length: a 1m candle changes every
// trade, a daily one matters on the scale of minutes.
constexpr IntervalInfo kIntervals[] = {
    {"1s", kSecond, kSecond},
    {"1m", kMinute, 5 * kSecond},
    {"3m", 3 * kMinute, 10 * kSecond},
    {"5m", 5 * kMinute, 15 * kSecond},
    {"15m", 15 * kMinute, 30 * kSecond},
    {"30m", 30 * kMinute, 30 * kSecond},
    {"1h", kHour, kMinute},
    {"2h", 2 * kHour, kMinute},
    {"4h", 4 * kHour, 2 * kMinute},
    {"6h", 6 * kHour, 3 * kMinute},
    {"8h", 8 * kHour, 3 * kMinute},
    {"12h", 12 * kHour, 3 * kMinute},
    {"1d", kDay, 5 * kMinute},
    {"3d", 3 * kDay, 10 * kMinute},
    {"1w", 7 * kDay, 10 * kMinute},
    {"1M", 31 * kDay, 10 * kMinute},
};

const IntervalInfo* find(const QString& interval)
{
    for (const IntervalInfo& i : kIntervals) {
        if (interval == QLatin1String(i.name))
            return &i;
    }
    return nullptr;
}

} // namespace

namespace KlineInterval
{

QStringList all()
{
    QStringList out;
    for (const IntervalInfo& i : kIntervals)
        out.append(QString::fromLatin1(i.name));
    return out;
}

bool isValid(const QString& interval)
{
    return find(interval) != nullptr;
}

qint64 durationMs(const QString& interval)
{
    const IntervalInfo* i = find(interval);
    return i ? i->durationMs : 0;
}

qint64 liveTtlMs(const QString& interval)
{
    const IntervalInfo* i = find(interval);
    return i ? i->ttlMs : 5 * kSecond;
}

qint64 closedTtlMs()
{
    return kDay;
}

} // namespace KlineInterval
