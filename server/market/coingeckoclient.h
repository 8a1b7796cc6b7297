#pragma once

#include "core/result.h"
#include "market/coingeckovalues.h"
#include "market/upstreamrequest.h"

#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

class Settings;

// CoinGecko API v3: simple/price, coins/{id}, coins/markets, search, search/trending. The plan is
// an explicit setting (market.coingecko_tier: keyless | demo | pro) because Demo and Pro keys look
// alike; it picks the host (api.coingecko.com or pro-api.coingecko.com) and the key header
// (x-cg-demo-api-key or x-cg-pro-api-key). market.coingecko_url overrides the host.
// Builds requests and reads answers; the UpstreamFetcher sends them.
class CoinGeckoClient
{
public:
    static constexpr const char* kProvider = "coingecko";
    enum class Tier
    {
        Keyless,
        Demo,
        Pro
    };

    explicit CoinGeckoClient(const Settings& settings);

    // The key from the secret store; empty when none is stored. Never logged.
    void setApiKey(const QString& key) { m_apiKey = key; }
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }

    // market.coingecko_tier; an unknown value counts as keyless.
    Tier configuredTier() const;
    // The tier requests are sent as: the configured one, or keyless when no key is stored.
    Tier effectiveTier() const;
    static QString tierName(Tier tier);
    static std::optional<Tier> parseTier(const QString& text);
    // https://api.coingecko.com/api/v3 or https://pro-api.coingecko.com/api/v3
    static QUrl defaultBaseUrl(Tier tier);
    // market.coingecko_url when set (a bare host gets /api/v3), else the tier's default.
    QUrl baseUrl() const;
    // Calls per minute the plan allows: keyless 10, demo 30, pro 500.
    static int callsPerMinute(Tier tier);

    UpstreamRequest simplePrice(const QStringList& ids, const QStringList& vsCurrencies, bool marketCap,
        bool volume, bool change) const;
    UpstreamRequest coin(const QString& id) const;
    UpstreamRequest markets(const QString& vsCurrency, const QStringList& ids, int perPage) const;
    UpstreamRequest search(const QString& query) const;
    UpstreamRequest trending() const;

    static Result<CoinPrices> parseSimplePrice(
        const QByteArray& body, const QStringList& ids, const QStringList& vsCurrencies);
    static Result<CoinData> parseCoin(const QByteArray& body);
    static Result<CoinMarkets> parseMarkets(const QByteArray& body, const QString& vsCurrency);
    static Result<CoinSearch> parseSearch(const QByteArray& body, const QString& query);
    static Result<TrendingCoins> parseTrending(const QByteArray& body);

    // Every error shape CoinGecko sends ({"status":{error_code,error_message}}, top-level
    // error_code, {"error":...}, HTML pages) as a sentence that says what to do.
    static Error errorFrom(const UpstreamReply& reply, const UpstreamRequest& request, qint64 nowMs);

    // The shortest decimal text that reads back as `value`, without an exponent: 1e-7 -> "0.0000001".
    static QString numberText(double value);

private:
    UpstreamRequest make(
        const QString& endpoint, const QString& path, const QUrlQuery& query, qint64 ttlMs) const;

    const Settings& m_settings;
    QString m_apiKey;
};
