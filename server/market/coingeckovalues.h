#pragma once

#include "market/freshness.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

// CoinGecko answers as the market data service hands them out. CoinGecko sends JSON numbers; the
// text fields hold the shortest decimal that reads back as the same number (no exponent), so
// "67187.3358936566" is not turned into "67187.33589365660" or "6.7187e+04".

struct CoinQuote
{
    QString id; // "bitcoin"
    QString vsCurrency; // "usd"
    QString price; // exact text of the number CoinGecko sent
    double priceNumber = 0;
    std::optional<double> marketCap;
    std::optional<double> volume24h;
    std::optional<double> change24hPercent;
    qint64 lastUpdatedMs = 0; // 0 when not reported
};

struct CoinPrices
{
    QList<CoinQuote> quotes; // in the order of the requested ids, then currencies
    QStringList notFound; // requested ids CoinGecko does not know
    QStringList unsupportedCurrencies; // requested vs currencies CoinGecko left out
    QMap<QString, QString> resolvedFrom; // id -> what was asked for, when a symbol or name was mapped
    Freshness freshness;
};

struct CoinData
{
    QString id, symbol, name;
    std::optional<int> marketCapRank;
    QStringList categories;
    QString description; // English description, plain text, trimmed to a few sentences
    QString homepage;
    QString genesisDate;
    QString lastUpdated; // ISO-8601 as CoinGecko sent it
    // Market data by vs currency ("usd" -> value).
    QMap<QString, double> currentPrice, marketCap, totalVolume, high24h, low24h, ath, athChangePercent;
    QMap<QString, QString> athDate;
    std::optional<double> priceChange24h, priceChangePercent24h, priceChangePercent7d;
    std::optional<double> circulatingSupply, totalSupply, maxSupply;
    Freshness freshness;
};

struct CoinSearchHit
{
    QString id, name, symbol;
    std::optional<int> marketCapRank;
    QString binanceSymbol; // e.g. "ETHUSDT" when Binance lists the coin against USDT
};

struct CoinSearch
{
    QString query;
    QList<CoinSearchHit> coins;
    QList<QPair<QString, QString>> categories; // id, name
    Freshness freshness;
};

struct TrendingCoin
{
    QString id, name, symbol;
    std::optional<int> marketCapRank;
    int score = 0; // 0 = most trending
    std::optional<double> priceBtc;
    std::optional<double> priceUsd;
    std::optional<double> change24hPercentUsd;
    QString marketCap; // formatted by CoinGecko, e.g. "$99,703,583"
    QString totalVolume;
};

struct TrendingCoins
{
    QList<TrendingCoin> coins;
    Freshness freshness;
};

// One row of /coins/markets.
struct CoinMarket
{
    QString id, symbol, name;
    QString currentPrice; // exact text of the number
    double currentPriceNumber = 0;
    std::optional<int> marketCapRank;
    std::optional<double> marketCap, totalVolume, high24h, low24h, priceChange24h, priceChangePercent24h;
    std::optional<double> circulatingSupply;
    QString lastUpdated; // ISO-8601 as CoinGecko sent it
};

struct CoinMarkets
{
    QString vsCurrency;
    QList<CoinMarket> coins;
    Freshness freshness;
};

// Extra fields of simple/price.
struct CoinPriceOptions
{
    bool marketCap = false;
    bool volume24h = false;
    bool change24h = true;
};
