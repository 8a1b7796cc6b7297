// Every market tool end to end: MCP client -> McpServer -> tools -> MarketDataService -> fake
// Binance / CoinGecko over real HTTP on 127.0.0.1, with strict output-schema checking.
#include "marketfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

namespace
{

FakeBinance::Kline kline(
    qint64 openTime, const char* open, const char* high, const char* low, const char* close)
{
    FakeBinance::Kline k;
    k.openTime = openTime;
    k.closeTime = openTime + 3600000 - 1;
    k.open = QLatin1String(open);
    k.high = QLatin1String(high);
    k.low = QLatin1String(low);
    k.close = QLatin1String(close);
    k.volume = QStringLiteral("12.50000000");
    k.quoteVolume = QStringLiteral("837500.00000000");
    k.trades = 42;
    k.takerBuyBaseVolume = QStringLiteral("6.00000000");
    k.takerBuyQuoteVolume = QStringLiteral("402000.00000000");
    return k;
}

bool isIso(const QJsonValue& v)
{
    static const QRegularExpression iso(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$"));
    return v.isString() && iso.match(v.toString()).hasMatch();
}

void checkFreshness(const QJsonObject& o, const QString& source)
{
    QCOMPARE(o.value(QStringLiteral("source")).toString(), source);
    QVERIFY(o.value(QStringLiteral("timestamp_ms")).isDouble());
    QVERIFY(isIso(o.value(QStringLiteral("timestamp"))));
    QVERIFY(o.value(QStringLiteral("cache_age_ms")).isDouble());
    QCOMPARE(o.value(QStringLiteral("stale")).toBool(true), false);
}

} // namespace

class TestMarketTools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsToolsWithAnnotationsAndSchemas();
    void spotPriceKeepsBinanceDecimal();
    void spotPriceAcceptsSymbolsAsPeopleTypeThem_data();
    void spotPriceAcceptsSymbolsAsPeopleTypeThem();
    void unknownSymbolSuggestsCloseMatches();
    void ticker24hReturnsAllFieldsExactly();
    void klinesReturnsRowsAndHonoursRange();
    void klinesRejectsBadIntervalAndLimitBySchema();
    void klinesRejectsBadTimes();
    void fundingRateWithHistory();
    void comprehensiveAnalysisWithProgress();
    void klinePatternsFindsDojiAndFiltersByLastN();
    void getPriceKeepsCoinGeckoNumbersExact();
    void getPriceReportsUnknownIds();
    void coinDataAndUnknownCoin();
    void searchCoinsAddsBinanceSymbols();
    void trendingUnwrapsItems();
    void usdtPriceFromTwoSourcesAndDepegWarning();
    void usdtResourceAndAnalysisPrompt();
    void promptCompletesSymbols();
};

void TestMarketTools::listsToolsWithAnnotationsAndSchemas()
{
    MarketFixture f;
    const QJsonObject r =
        f.client->request(QStringLiteral("tools/list")).value(QStringLiteral("result")).toObject();
    const QJsonArray tools = r.value(QStringLiteral("tools")).toArray();
    QStringList names;
    for (const QJsonValue& v : tools) {
        const QJsonObject t = v.toObject();
        names << t.value(QStringLiteral("name")).toString();
        const QJsonObject a = t.value(QStringLiteral("annotations")).toObject();
        QVERIFY2(a.value(QStringLiteral("readOnlyHint")).toBool(), qPrintable(names.last()));
        QVERIFY(a.value(QStringLiteral("openWorldHint")).toBool());
        QVERIFY(a.value(QStringLiteral("idempotentHint")).toBool());
        QVERIFY(!t.value(QStringLiteral("title")).toString().isEmpty());
        QVERIFY(t.value(QStringLiteral("description")).toString().size() > 60);
        QCOMPARE(t.value(QStringLiteral("inputSchema")).toObject().value(QStringLiteral("type")).toString(),
            QStringLiteral("object"));
        QVERIFY(t.value(QStringLiteral("outputSchema")).isObject());
    }
    const QStringList expected {QStringLiteral("get_spot_price"), QStringLiteral("get_ticker_24h"),
        QStringLiteral("get_klines"), QStringLiteral("get_funding_rate"),
        QStringLiteral("comprehensive_analysis"), QStringLiteral("analyze_kline_patterns"),
        QStringLiteral("get_price"), QStringLiteral("get_coin_data"), QStringLiteral("search_coins"),
        QStringLiteral("get_trending"), QStringLiteral("get_usdt_price")};
    QCOMPARE(names, expected);
}

void TestMarketTools::spotPriceKeepsBinanceDecimal()
{
    MarketFixture f;
    f.binance.setPrice(QStringLiteral("BTCUSDT"), QStringLiteral("67000.12000000"));
    const QJsonObject r =
        f.call(QStringLiteral("get_spot_price"), {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    const QJsonObject s = structured(r);
    QCOMPARE(s.value(QStringLiteral("price")).toString(), QStringLiteral("67000.12000000"));
    QCOMPARE(s.value(QStringLiteral("price_number")).toDouble(), 67000.12);
    QCOMPARE(s.value(QStringLiteral("symbol")).toString(), QStringLiteral("BTCUSDT"));
    QCOMPARE(s.value(QStringLiteral("base_asset")).toString(), QStringLiteral("BTC"));
    QCOMPARE(s.value(QStringLiteral("quote_asset")).toString(), QStringLiteral("USDT"));
    checkFreshness(s, QStringLiteral("binance"));
    QCOMPARE(qint64(s.value(QStringLiteral("timestamp_ms")).toDouble()), f.clock);
    QCOMPARE(s.value(QStringLiteral("cache_age_ms")).toInt(), 0);
    // The text block carries the same JSON.
    const QString text = r.value(QStringLiteral("content"))
                             .toArray()
                             .at(0)
                             .toObject()
                             .value(QStringLiteral("text"))
                             .toString();
    QCOMPARE(QJsonDocument::fromJson(text.toUtf8()).object(), s);

    // Cached: a second call within the price lifetime sends nothing upstream.
    f.advance(1000);
    const QJsonObject again = structured(
        f.call(QStringLiteral("get_spot_price"), {{QStringLiteral("symbol"), QStringLiteral("btc")}}));
    QCOMPARE(again.value(QStringLiteral("cache_age_ms")).toInt(), 1000);
    QCOMPARE(f.binanceRequests(QStringLiteral("/api/v3/ticker/price")), 1);
    QCOMPARE(f.binanceRequests(QStringLiteral("/api/v3/exchangeInfo")), 1);
}

void TestMarketTools::spotPriceAcceptsSymbolsAsPeopleTypeThem_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("symbol");
    QTest::newRow("bare base") << "BTC"
                               << "BTCUSDT";
    QTest::newRow("lower case") << "btc"
                                << "BTCUSDT";
    QTest::newRow("symbol") << "ETHUSDT"
                            << "ETHUSDT";
    QTest::newRow("slash") << "BTC/USDT"
                           << "BTCUSDT";
    QTest::newRow("dash lower") << "btc-usdt"
                                << "BTCUSDT";
    QTest::newRow("name") << "bitcoin"
                          << "BTCUSDT";
    QTest::newRow("name with space") << "  Solana "
                                     << "SOLUSDT";
    QTest::newRow("digits first") << "1000SHIBUSDT"
                                  << "1000SHIBUSDT";
    QTest::newRow("cross pair") << "eth/btc"
                                << "ETHBTC";
}

void TestMarketTools::spotPriceAcceptsSymbolsAsPeopleTypeThem()
{
    QFETCH(QString, input);
    QFETCH(QString, symbol);
    MarketFixture f;
    const QJsonObject r = f.call(QStringLiteral("get_spot_price"), {{QStringLiteral("symbol"), input}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QCOMPARE(structured(r).value(QStringLiteral("symbol")).toString(), symbol);
    QCOMPARE(structured(r).value(QStringLiteral("price")).toString(), f.binance.price(symbol));
    QCOMPARE(structured(r).value(QStringLiteral("input")).toString(), input);
    QCOMPARE(f.binance.lastRequest().queryValue(QStringLiteral("symbol")), symbol);
}

void TestMarketTools::unknownSymbolSuggestsCloseMatches()
{
    MarketFixture f;
    QJsonObject r =
        f.call(QStringLiteral("get_spot_price"), {{QStringLiteral("symbol"), QStringLiteral("BTCUSD")}});
    QVERIFY(isError(r));
    QCOMPARE(errorCode(r), QStringLiteral("invalid_symbol"));
    QVERIFY2(errorMessage(r).startsWith(QStringLiteral("Unknown symbol BTCUSD; did you mean BTCUSDT")),
        qPrintable(errorMessage(r)));
    QVERIFY(errorMessage(r).contains(QStringLiteral("search_coins")));
    QCOMPARE(errorDetails(r).value(QStringLiteral("suggestions")).toArray().first().toString(),
        QStringLiteral("BTCUSDT"));
    // Nothing was asked of Binance for a symbol it does not list.
    QCOMPARE(f.binanceRequests(QStringLiteral("/api/v3/ticker/price")), 0);

    r = f.call(QStringLiteral("get_spot_price"), {{QStringLiteral("symbol"), QStringLiteral("SHIBUSDT")}});
    QCOMPARE(errorCode(r), QStringLiteral("invalid_symbol"));
    QVERIFY(errorDetails(r)
                .value(QStringLiteral("suggestions"))
                .toArray()
                .contains(QStringLiteral("1000SHIBUSDT")));

    r = f.call(QStringLiteral("get_spot_price"), {{QStringLiteral("symbol"), QStringLiteral("USDT")}});
    QCOMPARE(errorCode(r), QStringLiteral("invalid_symbol"));
    QVERIFY(errorMessage(r).contains(QStringLiteral("get_usdt_price")));

    // Characters no symbol has are refused by the schema, naming the field.
    r = f.call(QStringLiteral("get_spot_price"), {{QStringLiteral("symbol"), QStringLiteral("BTC$USDT")}});
    QCOMPARE(errorCode(r), QStringLiteral("invalid_arguments"));
    QVERIFY(errorMessage(r).contains(QStringLiteral("symbol")));
}

void TestMarketTools::ticker24hReturnsAllFieldsExactly()
{
    MarketFixture f;
    FakeBinance::Ticker24h t;
    t.priceChange = QStringLiteral("-94.99999800");
    t.priceChangePercent = QStringLiteral("-95.960");
    t.weightedAvgPrice = QStringLiteral("0.29628482");
    t.prevClosePrice = QStringLiteral("0.10002000");
    t.lastPrice = QStringLiteral("4.00000200");
    t.lastQty = QStringLiteral("200.00000000");
    t.bidPrice = QStringLiteral("4.00000000");
    t.bidQty = QStringLiteral("100.00000000");
    t.askPrice = QStringLiteral("4.00000200");
    t.askQty = QStringLiteral("100.00000000");
    t.openPrice = QStringLiteral("99.00000000");
    t.highPrice = QStringLiteral("100.00000000");
    t.lowPrice = QStringLiteral("0.10000000");
    t.volume = QStringLiteral("8913.30000000");
    t.quoteVolume = QStringLiteral("15.30000000");
    t.openTime = 1499783499040;
    t.closeTime = 1499869899040;
    t.firstId = 28385;
    t.lastId = 28460;
    t.count = 76;
    f.binance.setTicker24h(QStringLiteral("BNBUSDT"), t);
    const QJsonObject r =
        f.call(QStringLiteral("get_ticker_24h"), {{QStringLiteral("symbol"), QStringLiteral("bnb")}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    const QJsonObject s = structured(r);
    QCOMPARE(s.value(QStringLiteral("symbol")).toString(), QStringLiteral("BNBUSDT"));
    QCOMPARE(s.value(QStringLiteral("last_price")).toString(), QStringLiteral("4.00000200"));
    QCOMPARE(s.value(QStringLiteral("price_change")).toString(), QStringLiteral("-94.99999800"));
    QCOMPARE(s.value(QStringLiteral("price_change_percent")).toString(), QStringLiteral("-95.960"));
    QCOMPARE(s.value(QStringLiteral("price_change_percent_number")).toDouble(), -95.96);
    QCOMPARE(s.value(QStringLiteral("quote_volume")).toString(), QStringLiteral("15.30000000"));
    QCOMPARE(s.value(QStringLiteral("bid_qty")).toString(), QStringLiteral("100.00000000"));
    QCOMPARE(s.value(QStringLiteral("count")).toInt(), 76);
    QCOMPARE(qint64(s.value(QStringLiteral("open_time_ms")).toDouble()), Q_INT64_C(1499783499040));
    QCOMPARE(s.value(QStringLiteral("open_time")).toString(), QStringLiteral("2017-07-11T14:31:39.040Z"));
    checkFreshness(s, QStringLiteral("binance"));
}

void TestMarketTools::klinesReturnsRowsAndHonoursRange()
{
    MarketFixture f;
    const qint64 t0 = 1717200000000; // 2024-06-01T00:00:00Z
    QList<FakeBinance::Kline> rows;
    for (int i = 0; i < 6; ++i)
        rows << kline(
            t0 + i * 3600000LL, "67000.10000000", "67100.00000000", "66900.00000000", "67050.01000000");
    f.binance.setKlines(QStringLiteral("BTCUSDT"), QStringLiteral("1h"), rows);

    QJsonObject r = f.call(QStringLiteral("get_klines"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
            {QStringLiteral("interval"), QStringLiteral("1h")}, {QStringLiteral("limit"), 4}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QJsonObject s = structured(r);
    QCOMPARE(s.value(QStringLiteral("count")).toInt(), 4);
    QCOMPARE(s.value(QStringLiteral("interval")).toString(), QStringLiteral("1h"));
    const QJsonObject first = s.value(QStringLiteral("klines")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("open")).toString(), QStringLiteral("67000.10000000"));
    QCOMPARE(first.value(QStringLiteral("close")).toString(), QStringLiteral("67050.01000000"));
    QCOMPARE(first.value(QStringLiteral("quote_volume")).toString(), QStringLiteral("837500.00000000"));
    QCOMPARE(first.value(QStringLiteral("trades")).toInt(), 42);
    QVERIFY(first.value(QStringLiteral("closed")).toBool());
    QCOMPARE(f.binance.lastRequest().queryValue(QStringLiteral("limit")), QStringLiteral("4"));

    // A past range, with ISO and millisecond bounds.
    r = f.call(QStringLiteral("get_klines"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
            {QStringLiteral("interval"), QStringLiteral("1h")},
            {QStringLiteral("start_time"), QStringLiteral("2024-06-01T01:00:00Z")},
            {QStringLiteral("end_time"), double(t0 + 3 * 3600000LL)}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    s = structured(r);
    QCOMPARE(
        f.binance.lastRequest().queryValue(QStringLiteral("startTime")), QString::number(t0 + 3600000LL));
    QCOMPARE(
        f.binance.lastRequest().queryValue(QStringLiteral("endTime")), QString::number(t0 + 3 * 3600000LL));
    QCOMPARE(s.value(QStringLiteral("count")).toInt(), 3);
    QCOMPARE(qint64(s.value(QStringLiteral("klines"))
                        .toArray()
                        .first()
                        .toObject()
                        .value(QStringLiteral("open_time_ms"))
                        .toDouble()),
        t0 + 3600000LL);
}

void TestMarketTools::klinesRejectsBadIntervalAndLimitBySchema()
{
    MarketFixture f;
    QJsonObject r = f.call(QStringLiteral("get_klines"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
            {QStringLiteral("interval"), QStringLiteral("2m")}});
    QCOMPARE(errorCode(r), QStringLiteral("invalid_arguments"));
    QVERIFY2(errorMessage(r).contains(QStringLiteral("interval")), qPrintable(errorMessage(r)));
    QVERIFY(errorMessage(r).contains(QStringLiteral("15m")));

    for (int limit : {0, 1001}) {
        r = f.call(QStringLiteral("get_klines"),
            {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")}, {QStringLiteral("limit"), limit}});
        QCOMPARE(errorCode(r), QStringLiteral("invalid_arguments"));
        QVERIFY2(errorMessage(r).contains(QStringLiteral("limit")), qPrintable(errorMessage(r)));
    }
    r = f.call(QStringLiteral("comprehensive_analysis"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")}, {QStringLiteral("limit"), 5000}});
    QCOMPARE(errorCode(r), QStringLiteral("invalid_arguments"));
    QCOMPARE(f.binanceRequests(QStringLiteral("/api/v3/klines")), 0);
}

void TestMarketTools::klinesRejectsBadTimes()
{
    MarketFixture f;
    QJsonObject r = f.call(QStringLiteral("get_klines"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
            {QStringLiteral("start_time"), QStringLiteral("yesterday")}});
    QCOMPARE(errorCode(r), QStringLiteral("invalid_time"));
    QVERIFY(errorMessage(r).contains(QStringLiteral("start_time")));
    r = f.call(QStringLiteral("get_klines"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")},
            {QStringLiteral("start_time"), QStringLiteral("2024-06-02")},
            {QStringLiteral("end_time"), QStringLiteral("2024-06-01")}});
    QCOMPARE(errorCode(r), QStringLiteral("invalid_arguments"));
    QCOMPARE(f.binanceRequests(QStringLiteral("/api/v3/klines")), 0);
}

void TestMarketTools::fundingRateWithHistory()
{
    MarketFixture f;
    QList<FakeBinanceData::FundingRate> history;
    for (int i = 0; i < 5; ++i) {
        FakeBinanceData::FundingRate fr;
        fr.fundingTime = 1717228800000LL - (4 - i) * 8 * 3600000LL; // up to 2024-06-01T08:00Z
        fr.fundingRate = QStringLiteral("0.0001") + QString::number(i) + QStringLiteral("000");
        fr.markPrice = QStringLiteral("67000.5000000") + QString::number(i);
        history << fr;
    }
    f.binance.setFundingRates(QStringLiteral("BTCUSDT"), history);

    QJsonObject r =
        f.call(QStringLiteral("get_funding_rate"), {{QStringLiteral("symbol"), QStringLiteral("BTC")}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QJsonObject s = structured(r);
    QCOMPARE(s.value(QStringLiteral("symbol")).toString(), QStringLiteral("BTCUSDT"));
    QVERIFY(!s.value(QStringLiteral("mark_price")).toString().isEmpty());
    QVERIFY(!s.value(QStringLiteral("last_funding_rate")).toString().isEmpty());
    QVERIFY(isIso(s.value(QStringLiteral("next_funding_time"))));
    QCOMPARE(s.value(QStringLiteral("history")).toArray().size(), 0);
    checkFreshness(s, QStringLiteral("binance_futures"));
    QCOMPARE(f.binanceRequests(QStringLiteral("/fapi/v1/fundingRate")), 0);

    r = f.call(QStringLiteral("get_funding_rate"),
        {{QStringLiteral("symbol"), QStringLiteral("BTCUSDT")}, {QStringLiteral("history_limit"), 3}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    s = structured(r);
    const QJsonArray rows = s.value(QStringLiteral("history")).toArray();
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.last().toObject().value(QStringLiteral("funding_rate")).toString(),
        QStringLiteral("0.00014000"));
    QCOMPARE(rows.last().toObject().value(QStringLiteral("funding_rate_percent")).toString(),
        QStringLiteral("0.014"));
    QCOMPARE(rows.last().toObject().value(QStringLiteral("mark_price")).toString(),
        QStringLiteral("67000.50000004"));
    QCOMPARE(f.binance.lastRequest().queryValue(QStringLiteral("limit")), QStringLiteral("3"));

    r = f.call(QStringLiteral("get_funding_rate"), {{QStringLiteral("symbol"), QStringLiteral("ETHBTC")}});
    QCOMPARE(errorCode(r), QStringLiteral("invalid_symbol"));
}

void TestMarketTools::comprehensiveAnalysisWithProgress()
{
    MarketFixture f;
    const QJsonObject response = f.client->request(QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("comprehensive_analysis")},
            {QStringLiteral("arguments"), QJsonObject {{QStringLiteral("symbol"), QStringLiteral("ETH")}}},
            {QStringLiteral("_meta"),
                QJsonObject {{QStringLiteral("progressToken"), QStringLiteral("p1")}}}});
    const QJsonObject r = response.value(QStringLiteral("result")).toObject();
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    const QJsonObject s = structured(r);
    QCOMPARE(s.value(QStringLiteral("symbol")).toString(), QStringLiteral("ETHUSDT"));
    QCOMPARE(s.value(QStringLiteral("interval")).toString(), QStringLiteral("1d"));
    QCOMPARE(s.value(QStringLiteral("candle_count")).toInt(), 250);
    QCOMPARE(f.binance.lastRequest().queryValue(QStringLiteral("limit")), QStringLiteral("250"));
    const QJsonObject ind = s.value(QStringLiteral("indicators")).toObject();
    for (const char* name :
        {"sma_20", "sma_50", "sma_200", "ema_20", "ema_50", "ema_200", "rsi_14", "atr_14"})
        QVERIFY2(ind.value(QLatin1String(name)).isDouble(), name);
    QVERIFY(ind.value(QStringLiteral("macd")).toObject().value(QStringLiteral("signal")).isDouble());
    QVERIFY(ind.value(QStringLiteral("bollinger")).toObject().value(QStringLiteral("upper")).isDouble());
    const double rsi = ind.value(QStringLiteral("rsi_14")).toDouble();
    QVERIFY(rsi >= 0 && rsi <= 100);
    QVERIFY(QStringList({QStringLiteral("uptrend"), QStringLiteral("downtrend"), QStringLiteral("sideways")})
                .contains(s.value(QStringLiteral("trend")).toString()));
    QVERIFY(s.value(QStringLiteral("summary")).toString().size() > 40);
    QVERIFY(!s.value(QStringLiteral("last_close")).toString().isEmpty());
    QVERIFY(!s.value(QStringLiteral("levels")).toArray().isEmpty());

    const QList<QJsonObject> progress =
        f.client->receivedWithMethod(QStringLiteral("notifications/progress"));
    QVERIFY(progress.size() >= 2);
    double last = -1;
    for (const QJsonObject& p : progress) {
        const double value =
            p.value(QStringLiteral("params")).toObject().value(QStringLiteral("progress")).toDouble();
        QVERIFY(value > last);
        last = value;
    }

    // Too few candles for the long averages: they are null and the notes say why.
    const QJsonObject shortRun = structured(f.call(QStringLiteral("comprehensive_analysis"),
        {{QStringLiteral("symbol"), QStringLiteral("ETHUSDT")},
            {QStringLiteral("interval"), QStringLiteral("4h")}, {QStringLiteral("limit"), 60}}));
    QVERIFY(
        shortRun.value(QStringLiteral("indicators")).toObject().value(QStringLiteral("sma_200")).isNull());
    QVERIFY(!shortRun.value(QStringLiteral("notes")).toArray().isEmpty());
}

void TestMarketTools::klinePatternsFindsDojiAndFiltersByLastN()
{
    MarketFixture f;
    const qint64 t0 = 1717000000000;
    QList<FakeBinance::Kline> rows;
    rows << kline(t0, "100.00000000", "101.00000000", "99.00000000", "100.80000000");
    rows << kline(t0 + 3600000, "100.80000000", "106.00000000", "95.00000000", "100.85000000"); // doji
    for (int i = 2; i < 8; ++i)
        rows << kline(t0 + i * 3600000LL, "100.00000000", "103.00000000", "99.50000000", "102.50000000");
    f.binance.setKlines(QStringLiteral("SOLUSDT"), QStringLiteral("1h"), rows);

    QJsonObject r = f.call(QStringLiteral("analyze_kline_patterns"),
        {{QStringLiteral("symbol"), QStringLiteral("SOL")},
            {QStringLiteral("interval"), QStringLiteral("1h")}, {QStringLiteral("limit"), 8}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QJsonObject s = structured(r);
    QCOMPARE(s.value(QStringLiteral("candle_count")).toInt(), 8);
    QJsonObject doji;
    for (const QJsonValue& v : s.value(QStringLiteral("patterns")).toArray()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("doji"))
            doji = v.toObject();
    }
    QVERIFY2(!doji.isEmpty(), QJsonDocument(s).toJson().constData());
    const QJsonObject candle = doji.value(QStringLiteral("candles")).toArray().first().toObject();
    QCOMPARE(candle.value(QStringLiteral("index")).toInt(), 1);
    QCOMPARE(candle.value(QStringLiteral("open")).toString(), QStringLiteral("100.80000000"));
    QCOMPARE(candle.value(QStringLiteral("high")).toString(), QStringLiteral("106.00000000"));
    QCOMPARE(qint64(candle.value(QStringLiteral("open_time_ms")).toDouble()), t0 + 3600000);
    QVERIFY(s.value(QStringLiteral("counts")).toObject().value(QStringLiteral("doji")).toInt() >= 1);

    // last_n keeps only hits that end in the newest candles: the doji at index 1 is gone.
    r = f.call(QStringLiteral("analyze_kline_patterns"),
        {{QStringLiteral("symbol"), QStringLiteral("SOL")},
            {QStringLiteral("interval"), QStringLiteral("1h")}, {QStringLiteral("limit"), 8},
            {QStringLiteral("last_n"), 3}});
    s = structured(r);
    for (const QJsonValue& v : s.value(QStringLiteral("patterns")).toArray()) {
        const QJsonArray candles = v.toObject().value(QStringLiteral("candles")).toArray();
        QVERIFY(candles.last().toObject().value(QStringLiteral("index")).toInt() >= 5);
    }
    QVERIFY(!s.value(QStringLiteral("counts")).toObject().contains(QStringLiteral("doji")));
    // The candles were cached: the second scan sent nothing upstream.
    QCOMPARE(f.binanceRequests(QStringLiteral("/api/v3/klines")), 1);
}

void TestMarketTools::getPriceKeepsCoinGeckoNumbersExact()
{
    MarketFixture f;
    f.coingecko.setPrice(QStringLiteral("bitcoin"), 67187.3358936566);
    const QJsonObject r = f.call(QStringLiteral("get_price"),
        {{QStringLiteral("ids"), QJsonArray {QStringLiteral("bitcoin"), QStringLiteral("eth")}},
            {QStringLiteral("vs_currencies"), QJsonArray {QStringLiteral("usd"), QStringLiteral("EUR")}},
            {QStringLiteral("include_market_cap"), true}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    const QJsonObject s = structured(r);
    checkFreshness(s, QStringLiteral("coingecko"));
    const QJsonArray prices = s.value(QStringLiteral("prices")).toArray();
    QCOMPARE(prices.size(), 4);
    const QJsonObject btcUsd = prices.at(0).toObject();
    QCOMPARE(btcUsd.value(QStringLiteral("id")).toString(), QStringLiteral("bitcoin"));
    QCOMPARE(btcUsd.value(QStringLiteral("vs_currency")).toString(), QStringLiteral("usd"));
    QCOMPARE(btcUsd.value(QStringLiteral("price")).toString(), QStringLiteral("67187.3358936566"));
    QCOMPARE(btcUsd.value(QStringLiteral("price_number")).toDouble(), 67187.3358936566);
    QVERIFY(btcUsd.value(QStringLiteral("market_cap")).isDouble());
    QVERIFY(btcUsd.value(QStringLiteral("change_24h_percent")).isDouble());
    QVERIFY(isIso(btcUsd.value(QStringLiteral("last_updated_at"))));
    QCOMPARE(prices.at(2).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("ethereum"));
    QCOMPARE(s.value(QStringLiteral("resolved"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("input"))
                 .toString(),
        QStringLiteral("eth"));
    const RecordedRequest req = f.coingecko.lastRequest();
    QCOMPARE(req.path, QStringLiteral("/api/v3/simple/price"));
    QCOMPARE(req.queryValue(QStringLiteral("ids")), QStringLiteral("bitcoin,ethereum"));
    QCOMPARE(req.queryValue(QStringLiteral("vs_currencies")), QStringLiteral("usd,eur"));
}

void TestMarketTools::getPriceReportsUnknownIds()
{
    MarketFixture f;
    QJsonObject r = f.call(QStringLiteral("get_price"),
        {{QStringLiteral("ids"), QJsonArray {QStringLiteral("bitcoin"), QStringLiteral("no-such-coin")}}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QCOMPARE(structured(r).value(QStringLiteral("not_found")).toArray(),
        QJsonArray {QStringLiteral("no-such-coin")});
    QCOMPARE(structured(r).value(QStringLiteral("prices")).toArray().size(), 1);

    r = f.call(
        QStringLiteral("get_price"), {{QStringLiteral("ids"), QJsonArray {QStringLiteral("no-such-coin")}}});
    QCOMPARE(errorCode(r), QStringLiteral("coin_not_found"));
    QVERIFY(errorMessage(r).contains(QStringLiteral("search_coins")));

    r = f.call(QStringLiteral("get_price"), {{QStringLiteral("ids"), QJsonArray()}});
    QCOMPARE(errorCode(r), QStringLiteral("invalid_arguments"));
    QVERIFY(errorMessage(r).contains(QStringLiteral("ids")));
}

void TestMarketTools::coinDataAndUnknownCoin()
{
    MarketFixture f;
    QJsonObject r = f.call(QStringLiteral("get_coin_data"), {{QStringLiteral("id"), QStringLiteral("BTC")}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    const QJsonObject s = structured(r);
    QCOMPARE(s.value(QStringLiteral("id")).toString(), QStringLiteral("bitcoin"));
    QCOMPARE(s.value(QStringLiteral("name")).toString(), QStringLiteral("Bitcoin"));
    QCOMPARE(s.value(QStringLiteral("market_cap_rank")).toInt(), 1);
    QVERIFY(!s.value(QStringLiteral("description")).toString().contains(QLatin1Char('<')));
    const QJsonObject m = s.value(QStringLiteral("market_data")).toObject();
    QVERIFY(m.value(QStringLiteral("price")).isString());
    QVERIFY(m.value(QStringLiteral("market_cap")).isDouble());
    checkFreshness(s, QStringLiteral("coingecko"));
    const RecordedRequest req = f.coingecko.lastRequest();
    QCOMPARE(req.path, QStringLiteral("/api/v3/coins/bitcoin"));
    for (const char* flag : {"localization", "tickers", "community_data", "developer_data"})
        QCOMPARE(req.queryValue(QLatin1String(flag)), QStringLiteral("false"));

    r = f.call(QStringLiteral("get_coin_data"), {{QStringLiteral("id"), QStringLiteral("not-a-coin")}});
    QCOMPARE(errorCode(r), QStringLiteral("coin_not_found"));
    QVERIFY(errorMessage(r).contains(QStringLiteral("not-a-coin")));
    QVERIFY(errorMessage(r).contains(QStringLiteral("search_coins")));
}

void TestMarketTools::searchCoinsAddsBinanceSymbols()
{
    MarketFixture f;
    const QJsonObject r =
        f.call(QStringLiteral("search_coins"), {{QStringLiteral("query"), QStringLiteral("ethereum")}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    const QJsonObject s = structured(r);
    QCOMPARE(s.value(QStringLiteral("query")).toString(), QStringLiteral("ethereum"));
    QJsonObject eth;
    for (const QJsonValue& v : s.value(QStringLiteral("coins")).toArray()) {
        if (v.toObject().value(QStringLiteral("id")).toString() == QLatin1String("ethereum"))
            eth = v.toObject();
    }
    QVERIFY2(!eth.isEmpty(), QJsonDocument(s).toJson().constData());
    QCOMPARE(eth.value(QStringLiteral("binance_symbol")).toString(), QStringLiteral("ETHUSDT"));
    QCOMPARE(eth.value(QStringLiteral("market_cap_rank")).toInt(), 2);
    QVERIFY(s.value(QStringLiteral("count")).toInt() <= 10);
}

void TestMarketTools::trendingUnwrapsItems()
{
    MarketFixture f;
    const QJsonObject r = f.call(QStringLiteral("get_trending"), {{QStringLiteral("limit"), 3}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    const QJsonObject s = structured(r);
    const QJsonArray coins = s.value(QStringLiteral("coins")).toArray();
    QVERIFY(!coins.isEmpty());
    QVERIFY(coins.size() <= 3);
    const QJsonObject first = coins.first().toObject();
    QVERIFY(!first.value(QStringLiteral("id")).toString().isEmpty());
    QVERIFY(!first.value(QStringLiteral("name")).toString().isEmpty());
    QVERIFY(first.value(QStringLiteral("market_cap")).toString().startsWith(QLatin1Char('$')));
    QCOMPARE(f.coingecko.lastRequest().path, QStringLiteral("/api/v3/search/trending"));
}

void TestMarketTools::usdtPriceFromTwoSourcesAndDepegWarning()
{
    MarketFixture f;
    f.coingecko.setPrice(QStringLiteral("tether"), 1.0002);
    f.binance.setPrice(QStringLiteral("USDCUSDT"), QStringLiteral("1.00010000"));
    QJsonObject response = f.client->request(QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("get_usdt_price")},
            {QStringLiteral("_meta"), QJsonObject {{QStringLiteral("progressToken"), 7}}}});
    QJsonObject r = response.value(QStringLiteral("result")).toObject();
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QJsonObject s = structured(r);
    const QJsonArray sources = s.value(QStringLiteral("sources")).toArray();
    QCOMPARE(sources.size(), 2);
    QJsonObject cg;
    QJsonObject bn;
    for (const QJsonValue& v : sources)
        (v.toObject().value(QStringLiteral("source")).toString() == QLatin1String("coingecko") ? cg : bn) =
            v.toObject();
    QCOMPARE(cg.value(QStringLiteral("price")).toString(), QStringLiteral("1.0002"));
    QCOMPARE(bn.value(QStringLiteral("pair")).toString(), QStringLiteral("USDCUSDT"));
    QCOMPARE(bn.value(QStringLiteral("method")).toString(), QStringLiteral("inverted"));
    QCOMPARE(bn.value(QStringLiteral("raw_price")).toString(), QStringLiteral("1.00010000"));
    QCOMPARE(bn.value(QStringLiteral("price")).toString(), QStringLiteral("0.99990001"));
    // mean of 1.0002 and 0.99990001, spread 0.00029999
    QCOMPARE(s.value(QStringLiteral("price")).toString(), QStringLiteral("1.00005000"));
    QCOMPARE(s.value(QStringLiteral("spread")).toString(), QStringLiteral("0.00029999"));
    QCOMPARE(s.value(QStringLiteral("depeg_threshold")).toString(), QStringLiteral("0.005"));
    QCOMPARE(s.value(QStringLiteral("depeg_warning")).toBool(true), false);
    QVERIFY(f.client->receivedWithMethod(QStringLiteral("notifications/progress")).size() >= 2);

    // A depeg on CoinGecko's side pulls the mean past the threshold.
    f.advance(60000);
    f.coingecko.setPrice(QStringLiteral("tether"), 0.97);
    r = f.call(QStringLiteral("get_usdt_price"));
    s = structured(r);
    QVERIFY(s.value(QStringLiteral("depeg_warning")).toBool());
    QVERIFY(s.value(QStringLiteral("summary")).toString().startsWith(QStringLiteral("Depeg warning")));

    // One source down: the other still answers, and the failure is reported.
    f.advance(60000);
    f.coingecko.setFailAlways(FakeUpstream::Failure::ServerError500);
    f.service->fetcher().setMaxStaleAge(0);
    r = f.call(QStringLiteral("get_usdt_price"));
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    s = structured(r);
    QCOMPARE(s.value(QStringLiteral("sources")).toArray().size(), 1);
    QCOMPARE(s.value(QStringLiteral("failed_sources"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("source"))
                 .toString(),
        QStringLiteral("coingecko"));
}

void TestMarketTools::usdtResourceAndAnalysisPrompt()
{
    MarketFixture f;
    QJsonObject r =
        f.client->request(QStringLiteral("resources/list")).value(QStringLiteral("result")).toObject();
    QJsonObject listed;
    for (const QJsonValue& v : r.value(QStringLiteral("resources")).toArray()) {
        if (v.toObject().value(QStringLiteral("uri")).toString() == QLatin1String("market://usdt/info"))
            listed = v.toObject();
    }
    QCOMPARE(listed.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/json"));

    r = f.client
            ->request(QStringLiteral("resources/read"),
                {{QStringLiteral("uri"), QStringLiteral("market://usdt/info")}})
            .value(QStringLiteral("result"))
            .toObject();
    const QJsonObject content = r.value(QStringLiteral("contents")).toArray().first().toObject();
    QCOMPARE(content.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/json"));
    const QJsonObject info =
        QJsonDocument::fromJson(content.value(QStringLiteral("text")).toString().toUtf8()).object();
    QVERIFY(info.value(QStringLiteral("price")).isString());
    QVERIFY(info.value(QStringLiteral("note")).toString().contains(QStringLiteral("market.depeg_threshold")));
    QCOMPARE(info.value(QStringLiteral("sources")).toArray().size(), 2);

    r = f.client
            ->request(QStringLiteral("prompts/get"),
                {{QStringLiteral("name"), QStringLiteral("market_analysis_prompt")},
                    {QStringLiteral("arguments"),
                        QJsonObject {{QStringLiteral("symbol"), QStringLiteral("ETHUSDT")},
                            {QStringLiteral("interval"), QStringLiteral("4h")},
                            {QStringLiteral("focus"), QStringLiteral("momentum")}}}})
            .value(QStringLiteral("result"))
            .toObject();
    const QJsonObject message = r.value(QStringLiteral("messages")).toArray().first().toObject();
    QCOMPARE(message.value(QStringLiteral("role")).toString(), QStringLiteral("user"));
    const QString text =
        message.value(QStringLiteral("content")).toObject().value(QStringLiteral("text")).toString();
    QVERIFY(text.contains(QStringLiteral("comprehensive_analysis with symbol ETHUSDT and interval 4h")));
    QVERIFY(text.contains(QStringLiteral("momentum")));

    const QJsonObject missing = f.client->request(
        QStringLiteral("prompts/get"), {{QStringLiteral("name"), QStringLiteral("market_analysis_prompt")}});
    QVERIFY(missing.contains(QStringLiteral("error")));
    QVERIFY(missing.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("symbol")));
}

void TestMarketTools::promptCompletesSymbols()
{
    MarketFixture f;
    // Load the symbol list once, as any market call does.
    QVERIFY(!isError(
        f.call(QStringLiteral("get_spot_price"), {{QStringLiteral("symbol"), QStringLiteral("BTC")}})));
    const QJsonObject r = f.client->request(QStringLiteral("completion/complete"),
        {{QStringLiteral("ref"),
             QJsonObject {{QStringLiteral("type"), QStringLiteral("ref/prompt")},
                 {QStringLiteral("name"), QStringLiteral("market_analysis_prompt")}}},
            {QStringLiteral("argument"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("symbol")},
                    {QStringLiteral("value"), QStringLiteral("et")}}}});
    const QJsonArray values = r.value(QStringLiteral("result"))
                                  .toObject()
                                  .value(QStringLiteral("completion"))
                                  .toObject()
                                  .value(QStringLiteral("values"))
                                  .toArray();
    QVERIFY2(values.contains(QStringLiteral("ETHUSDT")), QJsonDocument(r).toJson().constData());
    QVERIFY(values.contains(QStringLiteral("ETHBTC")));
    const QVariantList list = values.toVariantList();
    QVERIFY(list.indexOf(QStringLiteral("ETHUSDT")) < list.indexOf(QStringLiteral("ETHBTC")));
}

QTEST_GUILESS_MAIN(TestMarketTools)
#include "tst_markettools.moc"
