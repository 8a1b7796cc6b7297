#pragma once

#include "market/freshness.h"

#include <QList>
#include <QString>

// USDT in US dollars, read from more than one place so a depeg (or one bad feed) shows.
struct UsdtQuote
{
    QString source; // "coingecko", "binance"
    QString pair; // "tether/usd", "USDCUSDT"
    QString method; // "direct" (USD per USDT) or "inverted" (1 / the pair's price)
    QString rawPrice; // the upstream's number or string, unchanged
    QString price; // USD per USDT
    Freshness freshness;
};

struct UsdtSourceFailure
{
    QString source;
    QString pair;
    QString errorCode;
    QString message;
};

struct UsdtPrice
{
    QList<UsdtQuote> quotes;
    QList<UsdtSourceFailure> failures;
    QString price; // mean of the quotes, 8 decimals
    QString spread; // highest minus lowest quote
    QString deviation; // |price - 1|
    QString threshold; // market.depeg_threshold
    bool depegWarning = false;
    QString summary; // one sentence for a person
    qint64 timestampMs = 0;
};

// Combines the quotes: their mean, spread, distance from 1 and the depeg verdict against
// `threshold` (a decimal string such as "0.005"). Exact decimal arithmetic throughout.
UsdtPrice combineUsdtQuotes(const QList<UsdtQuote>& quotes, const QList<UsdtSourceFailure>& failures,
    const QString& threshold, qint64 nowMs);
