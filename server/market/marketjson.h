#pragma once

#include "market/binancevalues.h"
#include "market/coingeckovalues.h"
#include "market/marketanalysis.h"
#include "market/usdtprice.h"

#include <QJsonObject>
#include <QString>

#include <optional>

// Market values as the tools return them (structuredContent). Upstream decimal strings stay
// strings ("price": "67012.45000000"); a number stands beside them ("price_number") for quick
// comparisons. Every object carries source, timestamp_ms, timestamp (ISO), cache_age_ms and stale.
// The shapes match MarketSchemas' output schemas.
namespace MarketJson
{

QJsonObject freshness(const Freshness& f);
QJsonObject spotPrice(const SpotPrice& p, const QString& input);
QJsonObject ticker24h(const Ticker24h& t);
QJsonObject klines(const KlineSeries& series);
QJsonObject funding(const FundingInfo& f);
QJsonObject analysis(const MarketAnalysis& a);
// Keeps the hits whose last candle is among the newest lastN candles, when given.
QJsonObject patterns(const PatternScan& scan, std::optional<int> lastN);
QJsonObject coinPrices(const CoinPrices& p);
QJsonObject coinData(const CoinData& c, const QString& vsCurrency);
QJsonObject search(const CoinSearch& s, int limit);
QJsonObject trending(const TrendingCoins& t, int limit);
QJsonObject usdt(const UsdtPrice& u);

} // namespace MarketJson
