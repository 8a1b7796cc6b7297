#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

// Binance kline intervals ("1s" ... "1M", case-sensitive: "1m" is a minute, "1M" a month).
namespace KlineInterval
{

QStringList all();
bool isValid(const QString& interval);
// Nominal length in ms (a month counts 31 days: only used for cache lifetimes and range checks).
qint64 durationMs(const QString& interval);
// How long candles of the newest, still-open range stay fresh in the cache.
qint64 liveTtlMs(const QString& interval);
// How long a range that ended in the past stays cached: closed candles never change.
qint64 closedTtlMs();

} // namespace KlineInterval
