#pragma once

#include <QList>
#include <QString>

#include <optional>

// A small built-in map between the top coins' CoinGecko ids, their names and their Binance base
// assets, so "bitcoin" finds BTCUSDT and "btc" finds CoinGecko's "bitcoin" without a network call.
struct CoinAlias
{
    QString coingeckoId; // "bitcoin"
    QString name; // "Bitcoin"
    QString baseAsset; // "BTC"
};

namespace CoinAliases
{

const QList<CoinAlias>& all();
// By CoinGecko id or name, any case, spaces or dashes alike: "bitcoin", "Shiba Inu", "shiba-inu".
std::optional<CoinAlias> byName(const QString& text);
// By Binance base asset or ticker symbol, any case: "btc", "ETH".
std::optional<CoinAlias> byBaseAsset(const QString& asset);

} // namespace CoinAliases
