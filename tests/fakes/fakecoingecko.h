#pragma once

#include "coingeckotypes.h"
#include "fakeupstream.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

// Fake CoinGecko API v3 (/api/v3/...): ping, simple/price, simple/supported_vs_currencies,
// coins/list, coins/markets, coins/{id}, search, search/trending. Reproduces the key tiers
// (keyless, demo, pro) with their headers and error bodies, and the 429 rate limit as JSON
// or as a Cloudflare HTML page. Values are JSON numbers; last_updated_at is in seconds.
//
// Starts with demo coins (FakeCoinGeckoData::defaultCoins()) and vs currencies usd, eur, gbp,
// jpy, cny, krw, inr, aud, cad, chf, brl, rub, try, hkd, sgd, btc, eth, bnb, xrp, sats.
class FakeCoinGecko : public FakeUpstream
{
    Q_OBJECT

public:
    using Coin = FakeCoinGeckoData::Coin;
    enum class Mode
    {
        Keyless, // api.coingecko.com without a key; a demo key is accepted, a pro key is refused
        Demo, // api.coingecko.com: x-cg-demo-api-key header or x_cg_demo_api_key query required
        Pro, // pro-api.coingecko.com: x-cg-pro-api-key header or x_cg_pro_api_key query required
    };
    Q_ENUM(Mode)

    explicit FakeCoinGecko(QObject* parent = nullptr);

    // --- keys and limits --------------------------------------------------------------------
    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }
    void setApiKey(const QString& key) { m_apiKey = key; } // the one key Demo/Pro accept
    // Calls allowed per UTC minute (0 = unlimited, the default). Over it: 429 with retry-after
    // (seconds until the minute ends) and CoinGecko's JSON body, or the Cloudflare HTML page.
    void setRateLimitPerMinute(int calls) { m_rateLimit = calls; }
    void setHtmlRateLimit(bool html) { m_htmlRateLimit = html; }
    int callsThisMinute();

    // --- data -------------------------------------------------------------------------------
    void setCoins(const QList<Coin>& coins);
    void addCoin(const Coin& coin); // adds or replaces by id
    void removeCoin(const QString& id);
    std::optional<Coin> coin(const QString& id) const;
    QStringList coinIds() const { return m_order; }
    void setPrice(const QString& id, double usd);
    void setChange24h(const QString& id, double percent);
    // Units of `vsCurrency` per US dollar (eur 0.92). btc, eth, bnb, xrp and sats follow the coins.
    void setFxRate(const QString& vsCurrency, double perUsd);
    QStringList supportedVsCurrencies() const;
    void setTrending(const QStringList& ids) { m_trending = ids; }

protected:
    Reply handle(const RecordedRequest& request) override;
    Reply failureReply(Failure failure, int retryAfterSeconds, const RecordedRequest& request) override;

private:
    std::optional<Reply> checkKey(const RecordedRequest& request) const;
    std::optional<Reply> checkRate();
    static Reply json(const QJsonValue& value, int status = 200);
    static Reply errorMessage(const QString& message, int status = 400); // {"error": message}
    QString isoNow() const;

    // Currency conversion; nullopt for an unknown vs currency.
    std::optional<double> perUsd(const QString& vsCurrency) const;
    static double withPrecision(double value, const QString& precision);
    static QString slug(const QString& text);
    QString imageUrl(const Coin& coin, const QString& size) const;
    qint64 updatedMs(const Coin& coin) const;

    Reply ping() const;
    Reply simplePrice(const RecordedRequest& request) const;
    Reply supportedVs() const;
    Reply coinsList() const;
    // fakecoingeckocoins.cpp
    Reply coinsMarkets(const RecordedRequest& request) const;
    Reply coinById(const QString& id, const RecordedRequest& request) const;
    Reply search(const RecordedRequest& request) const;
    Reply trending() const;
    QJsonObject marketData(const Coin& coin, bool sparkline) const;
    QJsonArray sparkline7d(const Coin& coin) const;

    Mode m_mode = Mode::Keyless;
    QString m_apiKey;
    int m_rateLimit = 0;
    bool m_htmlRateLimit = false;
    qint64 m_windowStart = -1;
    int m_windowCalls = 0;
    QHash<QString, Coin> m_coins;
    QStringList m_order;
    QHash<QString, double> m_fx;
    QStringList m_trending;
};
