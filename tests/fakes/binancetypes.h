#pragma once

#include <QList>
#include <QString>

#include <optional>

// Data the fake Binance serves. Every price and quantity is a decimal string, exactly as sent.
namespace FakeBinanceData
{

struct SymbolSpec
{
    QString symbol; // "BTCUSDT"
    QString baseAsset; // "BTC"
    QString quoteAsset; // "USDT"
    QString price; // last price, e.g. "67000.12000000"
    QString tickSize = QStringLiteral("0.01000000");
    QString stepSize = QStringLiteral("0.00001000");
    QString status = QStringLiteral("TRADING"); // TRADING | HALT | BREAK
    bool futures = true; // also served by /fapi/v1
    double annualVolatility = 0.6; // drives the generated klines
    double dailyBaseVolume = 20000; // base asset units per day in generated klines
    qint64 listedMs = 1502928000000; // first kline (2017-08-17)
};

struct Kline
{
    qint64 openTime = 0;
    QString open, high, low, close, volume;
    qint64 closeTime = 0;
    QString quoteVolume;
    qint64 trades = 0;
    QString takerBuyBaseVolume, takerBuyQuoteVolume;
};

struct Ticker24h
{
    QString priceChange, priceChangePercent, weightedAvgPrice, prevClosePrice, lastPrice, lastQty;
    QString bidPrice, bidQty, askPrice, askQty, openPrice, highPrice, lowPrice, volume, quoteVolume;
    qint64 openTime = 0, closeTime = 0, firstId = 0, lastId = 0, count = 0;
};

struct FundingRate
{
    qint64 fundingTime = 0;
    QString fundingRate; // "0.00010000"
    QString markPrice; // "34287.54619963"
};

// The demo market FakeBinance starts with: BTCUSDT near 67000, ETHUSDT, BNBUSDT, SOLUSDT,
// XRPUSDT, DOGEUSDT, ADAUSDT, TRXUSDT, 1000SHIBUSDT, USDCUSDT and two BTC pairs.
QList<SymbolSpec> defaultSymbols();

} // namespace FakeBinanceData
