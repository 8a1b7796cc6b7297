#pragma once

#include "core/result.h"

#include <QJsonValue>
#include <QString>
#include <QtGlobal>

// Time stamps in market answers and arguments.
namespace MarketTime
{

// "2024-04-07T15:24:51.021Z"
QString iso(qint64 msSinceEpoch);

// A time argument as an assistant writes it: an integer in ms since the epoch (values below
// 10^11 are taken as seconds), a string of digits, or an ISO-8601 date or date-time
// ("2024-03-01", "2024-03-01T12:00:00Z", "2024-03-01T12:00:00+08:00"; no zone means UTC).
// `field` names the argument in the error.
Result<qint64> parse(const QJsonValue& value, const QString& field);

} // namespace MarketTime
