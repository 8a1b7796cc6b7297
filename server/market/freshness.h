#pragma once

#include <QString>
#include <QtGlobal>

// Where a market answer came from and how old it is. Every value the market data service hands
// out carries one, so tools and the window can say "cached 3 s ago" or "stale: Binance is down".
struct Freshness
{
    QString source; // "binance", "binance_futures", "coingecko"
    qint64 fetchedAtMs = 0; // when the upstream answered (service clock, ms since the epoch)
    qint64 cacheAgeMs = 0; // how old the answer was when it was handed out
    bool stale = false; // served past its time to live because the upstream failed
    QString staleReason; // the failure, as a sentence, when stale
};
