#pragma once

#include "binancetypes.h"
#include "fakeupstream.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

// Fake Binance: spot market data (/api/v3/*) and USD-M futures (/fapi/v1/premiumIndex,
// /fapi/v1/fundingRate) on one server, with Binance's validation errors, request weights,
// x-mbx-used-weight headers and the 429 -> 418 escalation.
//
// Endpoints: /api/v3/{ping,time,ticker/price,ticker/24hr,klines,uiKlines,avgPrice,exchangeInfo},
// /fapi/v1/{ping,time,premiumIndex,fundingRate}. Errors are HTTP 400 {"code":..,"msg":..} with
// Binance's texts: -1100 illegal characters (symbol, symbols, numbers), -1102 mandatory
// parameter, -1105 empty parameter, -1120 bad interval, -1121 unknown symbol, -1122 bad
// symbolStatus, -1128 symbol and symbols together, -1130 limit out of range, -1139 bad ticker
// type, -1151 duplicate symbol. Unknown paths: 404, other methods than GET: 405, empty bodies.
//
// Starts with demo symbols (FakeBinanceData::defaultSymbols()). Klines, 24h tickers, average
// prices and funding rates are generated from each symbol's price unless set explicitly.
class FakeBinance : public FakeUpstream
{
    Q_OBJECT

public:
    using SymbolSpec = FakeBinanceData::SymbolSpec;
    using Kline = FakeBinanceData::Kline;
    using Ticker24h = FakeBinanceData::Ticker24h;
    using FundingRate = FakeBinanceData::FundingRate;

    explicit FakeBinance(QObject* parent = nullptr);

    // --- data -----------------------------------------------------------------------------
    void setSymbols(const QList<SymbolSpec>& symbols); // replaces every symbol
    // Keeps just these names: demo symbols keep their data, other names get a generic spec
    // (quote asset read off the name, price "1.00000000").
    void setSymbols(const QStringList& names);
    void addSymbol(const SymbolSpec& symbol); // adds or replaces one
    void removeSymbol(const QString& symbol); // gone: -1121 everywhere
    QStringList symbols() const { return m_order; }
    std::optional<SymbolSpec> symbol(const QString& symbol) const;

    // Exact decimal string, served unchanged ("67000.12000000"). Re-anchors the generated
    // klines so the candle containing now() closes at this price.
    void setPrice(const QString& symbol, const QString& price);
    QString price(const QString& symbol) const;
    void setSymbolStatus(const QString& symbol, const QString& status); // TRADING | HALT | BREAK
    // A delisted symbol stays in exchangeInfo with status BREAK; every market endpoint
    // answers -1121 for it and leaves it out of lists.
    void setDelisted(const QString& symbol, bool delisted = true);

    // Replaces the derived 24h ticker. The symbol field is filled in by the fake.
    void setTicker24h(const QString& symbol, const Ticker24h& ticker);
    void clearTicker24h(const QString& symbol);
    // Serves exactly these rows (sorted by openTime) for symbol+interval instead of generated ones.
    void setKlines(const QString& symbol, const QString& interval, const QList<Kline>& rows);
    void clearKlines(const QString& symbol, const QString& interval);
    // Generated candles, for tests to compare with what the endpoint served.
    QList<Kline> generatedKlines(const QString& symbol, const QString& interval, qint64 startMs, int count);
    // Replaces the generated funding history (every 8h) of a futures symbol.
    void setFundingRates(const QString& symbol, const QList<FundingRate>& rows);
    // The 24h ticker the fake serves now (derived or set).
    Ticker24h ticker24h(const QString& symbol);

    // --- rate limits ----------------------------------------------------------------------
    // Request weight per minute (windows reset on each UTC minute, like Binance). Exceeding it
    // gives 429 -1003 with Retry-After; calling again before the window resets bans the IP:
    // 418 with Retry-After for banDuration.
    void setWeightLimit(int perMinute) { m_spot.limit = perMinute; } // spot, default 6000
    void setFuturesWeightLimit(int perMinute) { m_futures.limit = perMinute; } // default 2400
    void setBanDuration(int seconds) { m_banSeconds = seconds; } // default 120
    int weightLimit() const { return m_spot.limit; }
    int usedWeight(); // spot weight in the current minute
    int futuresUsedWeight(); // futures weight in the current minute
    bool isBanned();
    void resetRateLimits(); // forget used weight, 429 state and bans

    // Weight Binance charges for a request (as the reference table says).
    static int requestWeight(const RecordedRequest& request);

protected:
    Reply handle(const RecordedRequest& request) override;
    Reply failureReply(Failure failure, int retryAfterSeconds, const RecordedRequest& request) override;
    void finishReply(Reply& reply, const RecordedRequest& request) override;

private:
    struct SymbolState
    {
        SymbolSpec spec;
        std::optional<qint64> anchorMs; // set on first use, so a test clock set later applies
        bool delisted = false;
        std::optional<Ticker24h> ticker;
        QHash<QString, QList<Kline>> klines;
        std::optional<QList<FundingRate>> funding;
    };
    struct WeightWindow
    {
        int limit = 0;
        qint64 start = -1;
        int used = 0;
        qint64 limitedUntil = 0; // a 429 was sent; more calls before this time get banned
        qint64 bannedUntil = 0;
    };
    struct Selection // symbols picked by symbol / symbols / none
    {
        QStringList symbols;
        bool single = false;
        bool all = false;
    };
    enum class Scope
    {
        Spot, // tradable spot symbols
        Futures, // symbols also listed on USD-M futures
        ExchangeInfo, // every symbol, delisted ones included
    };

    WeightWindow& windowFor(const QString& path);
    void roll(WeightWindow& window);
    bool isFutures(const QString& path) const { return path.startsWith(QLatin1String("/fapi/")); }

    // Validation helpers; each returns an error reply or std::nullopt.
    static Reply error(int code, const QString& message, int status = 400);
    std::optional<Reply> selectSymbols(
        const RecordedRequest& request, bool listAllowed, bool required, Scope scope, Selection& out);
    std::optional<Reply> filterByStatus(const RecordedRequest& request, Selection& selection);
    static std::optional<Reply> checkNumber(
        const RecordedRequest& request, const QString& name, qint64& value, bool& present);

    // Endpoints (fakebinancemarket.cpp).
    Reply tickerPrice(const RecordedRequest& request);
    Reply ticker24hr(const RecordedRequest& request);
    Reply klines(const RecordedRequest& request);
    Reply avgPrice(const RecordedRequest& request);
    Reply exchangeInfo(const RecordedRequest& request);
    Reply premiumIndex(const RecordedRequest& request);
    Reply fundingRate(const RecordedRequest& request);

    SymbolState* state(const QString& symbol);
    qint64 anchorOf(SymbolState& state);
    Ticker24h derivedTicker(SymbolState& state);
    QList<FundingRate> fundingRows(SymbolState& state, qint64 fromMs, qint64 toMs);
    QJsonObject symbolInfo(const SymbolState& state, bool withPermissionSets) const;
    QJsonObject premiumOf(SymbolState& state);

    QHash<QString, SymbolState> m_symbols;
    QStringList m_order;
    WeightWindow m_spot;
    WeightWindow m_futures;
    int m_banSeconds = 120;
};
