#include "market/markettime.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

namespace
{

// Below this an integer reads as seconds: 10^11 ms is 1973, 10^11 s is the year 5138.
constexpr qint64 kSecondsCutoff = 100000000000LL;

Error badTime(const QString& field, const QString& got)
{
    return Error(QStringLiteral("invalid_time"),
        QStringLiteral("%1 must be a time in milliseconds since 1970 (e.g. 1711929600000) or an "
                       "ISO-8601 date or date-time (e.g. \"2024-04-01\" or \"2024-04-01T00:00:00Z\"); "
                       "got \"%2\".")
            .arg(field, got),
        QJsonObject {{QStringLiteral("field"), field}});
}

} // namespace

namespace MarketTime
{

QString iso(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

Result<qint64> parse(const QJsonValue& value, const QString& field)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d < 0 || d > 9.9e15 || d != double(qint64(d)))
            return badTime(field, QString::number(d, 'g', 17));
        const qint64 n = qint64(d);
        return n < kSecondsCutoff ? n * 1000 : n;
    }
    if (!value.isString())
        return badTime(field, QStringLiteral("a value that is neither a number nor a string"));
    const QString text = value.toString().trimmed();
    bool isNumber = false;
    const qint64 n = text.toLongLong(&isNumber);
    if (isNumber && n >= 0)
        return n < kSecondsCutoff ? n * 1000 : n;
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            dt = QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    if (!dt.isValid())
        return badTime(field, text);
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC); // no zone written: the markets' time, UTC
    return dt.toMSecsSinceEpoch();
}

} // namespace MarketTime
