#include "binanceinterval.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

namespace
{

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

} // namespace

QStringList BinanceInterval::names()
{
    static const QStringList list = {
        QStringLiteral("1s"),
        QStringLiteral("1m"),
        QStringLiteral("3m"),
        QStringLiteral("5m"),
        QStringLiteral("15m"),
        QStringLiteral("30m"),
        QStringLiteral("1h"),
        QStringLiteral("2h"),
        QStringLiteral("4h"),
        QStringLiteral("6h"),
        QStringLiteral("8h"),
        QStringLiteral("12h"),
        QStringLiteral("1d"),
        QStringLiteral("3d"),
        QStringLiteral("1w"),
        QStringLiteral("1M"),
    };
    return list;
}

BinanceInterval::BinanceInterval(const QString& name)
    : m_name(name)
{
    if (name == QLatin1String("1M"))
        return;
    const QChar unit = name.isEmpty() ? QLatin1Char('m') : name.back();
    const qint64 count = qMax<qint64>(1, name.left(name.size() - 1).toLongLong());
    qint64 unitMs = kMinute;
    if (unit == QLatin1Char('s'))
        unitMs = kSecond;
    else if (unit == QLatin1Char('h'))
        unitMs = kHour;
    else if (unit == QLatin1Char('d'))
        unitMs = kDay;
    else if (unit == QLatin1Char('w'))
        unitMs = 7 * kDay;
    m_lengthMs = count * unitMs;
    if (unit == QLatin1Char('w'))
        m_offsetMs = 4 * kDay; // 1970-01-05 was a Monday
}

qint64 BinanceInterval::nominalMs() const
{
    return isMonthly() ? qint64(30.44 * double(kDay)) : m_lengthMs;
}

qint64 BinanceInterval::indexOf(qint64 timeMs) const
{
    if (!isMonthly())
        return floorDiv(timeMs - m_offsetMs, m_lengthMs);
    const QDate date = QDateTime::fromMSecsSinceEpoch(timeMs, QTimeZone::utc()).date();
    return qint64(date.year() - 1970) * 12 + (date.month() - 1);
}

qint64 BinanceInterval::openTime(qint64 index) const
{
    if (!isMonthly())
        return index * m_lengthMs + m_offsetMs;
    const qint64 year = 1970 + floorDiv(index, 12);
    const int month = int(index - floorDiv(index, 12) * 12) + 1;
    return QDateTime(QDate(int(year), month, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

qint64 BinanceInterval::closeTime(qint64 index) const
{
    return openTime(index + 1) - 1;
}
