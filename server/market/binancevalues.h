#pragma once

#include "market/candle.h"
#include "market/freshness.h"

#include <QList>
#include <QString>
#include <QVector>

#include <optional>

// Binance answers as the market data service hands them out. Prices and quantities are Binance's
// own decimal strings, unchanged.

struct SpotPrice
{
    QString symbol; // "BTCUSDT"
    QString baseAsset; // "BTC" (empty when the symbol directory was unavailable)
    QString quoteAsset; // "USDT"
    QString price; // "67012.45000000"
    Freshness freshness;
};

struct AveragePrice
{
    QString symbol;
    int minutes = 0; // averaging window
    QString price;
    qint64 closeTimeMs = 0;
    Freshness freshness;
};

struct Ticker24h
{
    QString symbol;
    QString priceChange, priceChangePercent, weightedAvgPrice, prevClosePrice, lastPrice, lastQty;
    QString bidPrice, bidQty, askPrice, askQty, openPrice, highPrice, lowPrice, volume, quoteVolume;
    qint64 openTimeMs = 0, closeTimeMs = 0;
    qint64 firstId = 0, lastId = 0, count = 0;
    Freshness freshness;
};

// One kline: the Candle (exact strings plus doubles for maths) and the remaining columns.
struct Kline
{
    Candle candle;
    QString quoteVolume;
    qint64 trades = 0;
    QString takerBuyBaseVolume;
    QString takerBuyQuoteVolume;
};

struct KlineSeries
{
    QString symbol;
    QString interval; // "1h"
    QVector<Kline> klines; // oldest first
    Freshness freshness;

    QVector<Candle> candles() const;
};

inline QVector<Candle> KlineSeries::candles() const
{
    QVector<Candle> out;
    out.reserve(klines.size());
    for (const Kline& k : klines)
        out.append(k.candle);
    return out;
}

struct FundingRate
{
    QString symbol;
    QString fundingRate; // "0.00010000"
    qint64 fundingTimeMs = 0;
    QString markPrice; // may be empty in old rows
};

// Current funding from /fapi/v1/premiumIndex, with optional history from /fapi/v1/fundingRate.
struct FundingInfo
{
    QString symbol;
    QString markPrice, indexPrice, estimatedSettlePrice, lastFundingRate, interestRate;
    qint64 nextFundingTimeMs = 0;
    qint64 timeMs = 0;
    QList<FundingRate> history; // oldest first; empty unless asked for
    Freshness freshness;
};
