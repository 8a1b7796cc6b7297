#include "widgets/chartaxis.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <cmath>
#include <iterator>

namespace
{

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

enum class Unit
{
    Clock, // fixed lengths within a day, aligned to local midnight
    Day,
    Week, // weeks start on Monday
    Month,
    Year
};

struct Period
{
    Unit unit;
    qint64 length; // ms for Clock; count of days / weeks / months / years otherwise
    qint64 approxMs;
};

const Period kPeriods[] = {
    {Unit::Clock, kMinute, kMinute},
    {Unit::Clock, 5 * kMinute, 5 * kMinute},
    {Unit::Clock, 15 * kMinute, 15 * kMinute},
    {Unit::Clock, 30 * kMinute, 30 * kMinute},
    {Unit::Clock, kHour, kHour},
    {Unit::Clock, 2 * kHour, 2 * kHour},
    {Unit::Clock, 3 * kHour, 3 * kHour},
    {Unit::Clock, 6 * kHour, 6 * kHour},
    {Unit::Clock, 12 * kHour, 12 * kHour},
    {Unit::Day, 1, kDay},
    {Unit::Week, 1, 7 * kDay},
    {Unit::Month, 1, 30 * kDay},
    {Unit::Month, 3, 91 * kDay},
    {Unit::Year, 1, 365 * kDay},
};

qint64 bucketOf(const Period& p, const QDateTime& local)
{
    const QDate date = local.date();
    switch (p.unit) {
    case Unit::Clock:
        return date.toJulianDay() * (kDay / p.length) + local.time().msecsSinceStartOfDay() / p.length;
    case Unit::Day:
        return date.toJulianDay() / p.length;
    case Unit::Week:
        return (date.toJulianDay() - (date.dayOfWeek() - 1)) / 7;
    case Unit::Month:
        return (qint64(date.year()) * 12 + date.month() - 1) / p.length;
    case Unit::Year:
        return date.year() / p.length;
    }
    return 0;
}

QString dayLabel(const QDate& date, const QLocale& locale)
{
    return locale.toString(date, QCoreApplication::translate("ChartAxis", "d MMM"));
}

QString labelFor(
    const Period& p, const QDateTime& local, const QDateTime& previousLocal, const QLocale& locale)
{
    const QDate date = local.date();
    const bool newYear = !previousLocal.isValid() || previousLocal.date().year() != date.year();
    switch (p.unit) {
    case Unit::Clock:
        if (previousLocal.isValid() && previousLocal.date() != date)
            return dayLabel(date, locale);
        return locale.toString(local.time(), QStringLiteral("HH:mm"));
    case Unit::Day:
    case Unit::Week:
        return dayLabel(date, locale);
    case Unit::Month:
        if (newYear && date.month() == 1)
            return locale.toString(date, QStringLiteral("yyyy"));
        return locale.toString(date, QCoreApplication::translate("ChartAxis", "MMM"));
    case Unit::Year:
        return locale.toString(date, QStringLiteral("yyyy"));
    }
    return QString();
}

} // namespace

namespace ChartAxis
{

PriceTicks priceTicks(double min, double max, int maxTicks)
{
    PriceTicks t;
    if (!std::isfinite(min) || !std::isfinite(max) || max <= min || maxTicks < 1)
        return t;
    const double rough = (max - min) / maxTicks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    const double norm = rough / magnitude;
    const double factor = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
    t.step = factor * magnitude;
    t.decimals = std::max(0, int(-std::floor(std::log10(t.step) + 1e-9)));
    const double first = std::ceil(min / t.step - 1e-9) * t.step;
    for (int i = 0; i <= maxTicks * 2 + 2; ++i) {
        const double v = first + i * t.step;
        if (v > max + t.step * 1e-9)
            break;
        t.values.append(v);
    }
    return t;
}

QString priceLabel(double value, int decimals, const QLocale& locale)
{
    // Rounding noise (0.30000000000000004) must not print as "-0.00" or stray digits.
    if (std::abs(value) < std::pow(10.0, -decimals) / 2)
        value = 0;
    return locale.toString(value, 'f', decimals);
}

QVector<TimeTick> timeTicks(const QVector<qint64>& openTimesMs, qint64 intervalMs, double candleWidthPx,
    double minSpacingPx, const QLocale& locale)
{
    QVector<TimeTick> ticks;
    if (openTimesMs.size() < 2 || intervalMs <= 0 || candleWidthPx <= 0)
        return ticks;
    const Period* period = &kPeriods[std::size(kPeriods) - 1];
    for (const Period& p : kPeriods) {
        if (p.approxMs < intervalMs)
            continue;
        if (double(p.approxMs) / double(intervalMs) * candleWidthPx >= minSpacingPx) {
            period = &p;
            break;
        }
    }

    QDateTime previous = QDateTime::fromMSecsSinceEpoch(openTimesMs.first()).toLocalTime();
    QDateTime previousTick;
    qint64 previousBucket = bucketOf(*period, previous);
    int lastIndex = -1;
    for (int i = 1; i < openTimesMs.size(); ++i) {
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(openTimesMs.at(i)).toLocalTime();
        const qint64 bucket = bucketOf(*period, local);
        if (bucket != previousBucket && (lastIndex < 0 || (i - lastIndex) * candleWidthPx >= minSpacingPx)) {
            ticks.append(TimeTick {
                i, labelFor(*period, local, previousTick.isValid() ? previousTick : previous, locale)});
            previousTick = local;
            lastIndex = i;
        }
        previousBucket = bucket;
        previous = local;
    }
    return ticks;
}

} // namespace ChartAxis
