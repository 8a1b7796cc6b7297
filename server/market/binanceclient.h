#pragma once

#include "core/result.h"
#include "market/binancevalues.h"
#include "market/symboldirectory.h"
#include "market/upstreamrequest.h"

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

#include <optional>

class Settings;

// Binance's public market data: spot (/api/v3 on market.binance_url) and USD-M futures
// (/fapi/v1 on market.binance_futures_url). Builds the requests (with their weights, cache keys
// and lifetimes) and reads the answers; the UpstreamFetcher sends them. Settings are read per
// request, so a changed base URL applies at once.
class BinanceClient
{
public:
    static constexpr const char* kSpot = "binance";
    static constexpr const char* kFutures = "binance_futures";
    static constexpr int kSpotWeightLimit = 6000; // REQUEST_WEIGHT per minute
    static constexpr int kFuturesWeightLimit = 2400;

    explicit BinanceClient(const Settings& settings);

    UpstreamRequest tickerPrice(const QString& symbol) const;
    UpstreamRequest ticker24h(const QString& symbol) const;
    // A range that ended before `nowMs` is cached far longer than the live one.
    UpstreamRequest klines(const QString& symbol, const QString& interval, int limit,
        std::optional<qint64> startMs, std::optional<qint64> endMs, qint64 nowMs) const;
    UpstreamRequest avgPrice(const QString& symbol) const;
    UpstreamRequest exchangeInfo() const;
    UpstreamRequest premiumIndex(const QString& symbol) const;
    UpstreamRequest fundingRate(const QString& symbol, int limit) const;

    static Result<SpotPrice> parseTickerPrice(const QByteArray& body);
    static Result<Ticker24h> parseTicker24h(const QByteArray& body);
    static Result<KlineSeries> parseKlines(
        const QByteArray& body, const QString& symbol, const QString& interval);
    static Result<AveragePrice> parseAvgPrice(const QByteArray& body, const QString& symbol);
    static Result<SymbolDirectory> parseExchangeInfo(const QByteArray& body);
    static Result<FundingInfo> parsePremiumIndex(const QByteArray& body);
    static Result<QList<FundingRate>> parseFundingRates(const QByteArray& body);

    // A failed request as a sentence that says what to do: -1121 unknown symbol, 451 restricted
    // location (names the base URL setting), 429/418 with the time to retry, 5xx, timeouts...
    static Error errorFrom(const UpstreamReply& reply, const UpstreamRequest& request, qint64 nowMs);

private:
    UpstreamRequest make(bool futures, const QString& endpoint, const QString& path, const QUrlQuery& query,
        int weight, qint64 ttlMs) const;

    const Settings& m_settings;
};
