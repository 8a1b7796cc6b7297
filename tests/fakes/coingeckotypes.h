#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Data the fake CoinGecko serves. CoinGecko sends numbers as JSON numbers, so these are doubles.
namespace FakeCoinGeckoData
{

struct Coin
{
    QString id; // "bitcoin"
    QString symbol; // "btc"
    QString name; // "Bitcoin"
    int marketCapRank = 0;
    int imageId = 0; // CoinGecko's numeric coin id, used in image URLs and trending "coin_id"
    QString imageFile; // "bitcoin.png"
    double priceUsd = 0;
    double circulatingSupply = 0;
    double totalSupply = 0;
    std::optional<double> maxSupply;
    double totalVolumeUsd = 0;
    double change1hPct = 0;
    double change24hPct = 0;
    double change7dPct = 0;
    double athUsd = 0;
    QString athDate; // ISO 8601 with milliseconds, UTC
    double atlUsd = 0;
    QString atlDate;
    QStringList categories;
    QString genesisDate;
    QString hashingAlgorithm;
    int blockTimeMinutes = 0;
    QString homepage;
    QString description;
    qint64 lastUpdatedMs = 0; // 0 = the fake's current time
};

// The demo coins FakeCoinGecko starts with: bitcoin, ethereum, tether, binancecoin, solana,
// usd-coin, ripple, dogecoin, cardano, tron, shiba-inu, chainlink.
QList<Coin> defaultCoins();
QStringList defaultTrending();

// Fixed parts of /search and /search/trending.
QJsonArray searchExchanges();
QJsonArray searchCategories(); // [{"id":"ethereum-ecosystem","name":"Ethereum Ecosystem"}, ...]
QJsonArray searchNfts();
QJsonArray trendingNfts();
QJsonArray trendingCategories();

} // namespace FakeCoinGeckoData
