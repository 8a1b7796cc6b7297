// Tests of the fake upstream servers themselves: shapes, error bodies, headers, rate limits and
// failure modes, seen through QNetworkAccessManager like the real clients see them.
#include "fakebinance.h"
#include "fakecoingecko.h"
#include "fakecoinremitter.h"
#include "fakedecimal.h"
#include "fakemultipart.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace
{

constexpr qint64 kJan2026 = 1767225600000; // 2026-01-01T00:00:00Z, a minute boundary

struct Response
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers; // lower-case names

    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
    QByteArray header(const QByteArray& name) const { return headers.value(name); }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

} // namespace

class TestFakes : public QObject
{
    Q_OBJECT

private:
    Response send(const QByteArray& verb, const QUrl& url, const QByteArray& body = QByteArray(),
        const Headers& headers = {}, int transferTimeoutMs = 0);
    Response get(const QUrl& url, const Headers& headers = {})
    {
        return send("GET", url, QByteArray(), headers);
    }
    Response postJson(const QUrl& url, const QJsonObject& body, const Headers& headers = {});

    std::unique_ptr<QNetworkAccessManager> m_network;
    qint64 m_clock = kJan2026;

private Q_SLOTS:
    void init();
    void cleanup();

    // Helpers shared by the fakes.
    void decimalArithmetic();
    void multipartRoundTrip();

    // FakeUpstream behaviour (through FakeBinance).
    void listensOnLoopback();
    void recordsAndCountsRequests();
    void countsFailedRequests();
    void delayDelaysEveryAnswer();
    void hangKeepsTheSocketOpen();
    void scriptedFailuresAreConsumedInOrder();
    void failAlwaysUntilCleared();
    void connectionDropClosesWithoutAnswer();

    // Binance.
    void binanceTickerPriceShapes();
    void binanceSymbolValidation_data();
    void binanceSymbolValidation();
    void binanceKlines();
    void binanceKlinesTimeRange();
    void binanceKlinesExplicitRows();
    void binanceTicker24h();
    void binanceAvgPriceAndExchangeInfo();
    void binanceDelistedSymbol();
    void binanceFutures();
    void binanceWeightHeaders();
    void binanceRateLimitEscalatesToBan();
    void binanceScriptedFailureBodies();

    // CoinGecko.
    void geckoSimplePrice();
    void geckoCoinById();
    void geckoMarkets();
    void geckoSearchAndTrending();
    void geckoDemoKeys();
    void geckoProKeys();
    void geckoRateLimit();
    void geckoScriptedFailures();

    // CoinRemitter.
    void remitterBalanceAndCredentials();
    void remitterRateLimit();
    void remitterCreateInvoice();
    void remitterInvoiceValidation();
    void remitterInvoiceStatusChanges();
    void remitterInvoiceExpires();
    void remitterRates();
    void remitterAddresses();
    void remitterWebhooks();

    // The finagent-fakes executable.
    void executablePrintsUrlsAndStopsOnStdinEof();
};

Response TestFakes::send(const QByteArray& verb, const QUrl& url, const QByteArray& body,
    const Headers& headers, int transferTimeoutMs)
{
    QNetworkRequest request(url);
    for (const auto& h : headers)
        request.setRawHeader(h.first, h.second);
    request.setTransferTimeout(transferTimeoutMs > 0 ? transferTimeoutMs : 10000);
    QNetworkReply* reply = m_network->sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    if (reply->isOpen())
        r.body = reply->readAll();
    for (const auto& pair : reply->rawHeaderPairs())
        r.headers.insert(pair.first.toLower(), pair.second);
    reply->deleteLater();
    return r;
}

Response TestFakes::postJson(const QUrl& url, const QJsonObject& body, const Headers& headers)
{
    Headers all = headers;
    all.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    all.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    return send("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact), all);
}

void TestFakes::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_clock = kJan2026;
}

void TestFakes::cleanup()
{
    m_network.reset();
}

// --- helpers ---------------------------------------------------------------------------------

void TestFakes::decimalArithmetic()
{
    QCOMPARE(FakeDecimal::parse(QStringLiteral("67000.12")).value(), 6700012000000LL);
    QCOMPARE(FakeDecimal::parse(QStringLiteral("0.000000015")).value(), 2LL); // rounds the 9th decimal
    QVERIFY(!FakeDecimal::parse(QStringLiteral("1e5")));
    QVERIFY(!FakeDecimal::parse(QStringLiteral("")));
    QVERIFY(!FakeDecimal::parse(QStringLiteral("abc")));
    QCOMPARE(FakeDecimal::format(6700012000000LL), QStringLiteral("67000.12000000"));
    QCOMPARE(FakeDecimal::format(999500000LL, 2), QStringLiteral("10.00"));
    QCOMPARE(FakeDecimal::format(-150000000LL, 2), QStringLiteral("-1.50"));
    const qint64 ten = 10 * FakeDecimal::kScale;
    const qint64 rate = FakeDecimal::parse(QStringLiteral("1.0001")).value();
    QCOMPARE(FakeDecimal::format(FakeDecimal::div(ten, rate)), QStringLiteral("9.99900010"));
    QCOMPARE(FakeDecimal::format(FakeDecimal::mul(ten, rate)), QStringLiteral("10.00100000"));
}

void TestFakes::multipartRoundTrip()
{
    const FakeMultipart::Fields fields = {{QStringLiteral("invoice_id"), QStringLiteral("AbC1234")},
        {QStringLiteral("total_amount[USD]"), QStringLiteral("10.00")},
        {QStringLiteral("note"), QStringLiteral("two\r\nlines")}};
    const QByteArray body = FakeMultipart::build(fields, "XyZ");
    const QByteArray type = "multipart/form-data; boundary=XyZ";
    QCOMPARE(FakeMultipart::boundaryOf(type), QByteArray("XyZ"));
    QCOMPARE(FakeMultipart::parse(body, type), fields);
    QCOMPARE(FakeMultipart::value(fields, QStringLiteral("total_amount[USD]")), QStringLiteral("10.00"));
    QVERIFY(FakeMultipart::parse(body, "application/json").isEmpty());
}

// --- FakeUpstream ---------------------------------------------------------------------------

void TestFakes::listensOnLoopback()
{
    FakeBinance fake;
    QVERIFY(!fake.isListening());
    QVERIFY(fake.start());
    QVERIFY(fake.port() != 0);
    QCOMPARE(fake.baseUrl().host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(fake.baseUrl().port(), int(fake.port()));
    QCOMPARE(fake.url(QStringLiteral("/api/v3/ping")).path(), QStringLiteral("/api/v3/ping"));
}

void TestFakes::recordsAndCountsRequests()
{
    FakeBinance fake;
    QVERIFY(fake.start());
    QSignalSpy received(&fake, &FakeUpstream::requestReceived);

    const Response r =
        get(fake.url(QStringLiteral("/api/v3/ticker/price?symbol=BTCUSDT")), {{"X-Trace-Id", "abc"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(fake.requestCount(), 1);
    QCOMPARE(fake.requestCount(QStringLiteral("/api/v3/ticker/price")), 1);
    QCOMPARE(fake.requestCount(QStringLiteral("/api/v3/klines")), 0);
    QCOMPARE(received.count(), 1);

    const RecordedRequest recorded = fake.lastRequest();
    QCOMPARE(recorded.method, QStringLiteral("GET"));
    QCOMPARE(recorded.path, QStringLiteral("/api/v3/ticker/price"));
    QCOMPARE(recorded.queryValue(QStringLiteral("symbol")), QStringLiteral("BTCUSDT"));
    QVERIFY(recorded.queryValue(QStringLiteral("symbols")).isNull());
    QCOMPARE(recorded.header("x-trace-id"), QByteArray("abc"));
    QVERIFY(recorded.atMs > 0);
    QCOMPARE(received.first().first().value<RecordedRequest>().path, recorded.path);

    postJson(fake.url(QStringLiteral("/api/v3/ping")), QJsonObject {{QStringLiteral("a"), 1}});
    QCOMPARE(fake.requests(QStringLiteral("/api/v3/ping")).size(), 1);
    QCOMPARE(fake.lastRequest().method, QStringLiteral("POST"));
    QCOMPARE(fake.lastRequest().body, QByteArray("{\"a\":1}"));

    fake.clearRequests();
    QCOMPARE(fake.requestCount(), 0);
    QCOMPARE(fake.requestCount(QStringLiteral("/api/v3/ticker/price")), 0);
}

void TestFakes::countsFailedRequests()
{
    FakeBinance fake;
    QVERIFY(fake.start());
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/nothing-here"))).status, 404);
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ticker/price?symbol=NOPE"))).status, 400);
    fake.failNext(FakeUpstream::Failure::ServerError500);
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ping"))).status, 500);
    QCOMPARE(fake.requestCount(), 3);
    QCOMPARE(fake.requestCount(QStringLiteral("/api/v3/nothing-here")), 1);
}

void TestFakes::delayDelaysEveryAnswer()
{
    FakeBinance fake;
    QVERIFY(fake.start());
    fake.setDelay(300);
    QElapsedTimer timer;
    timer.start();
    const Response r = get(fake.url(QStringLiteral("/api/v3/ping")));
    QCOMPARE(r.status, 200);
    QVERIFY2(timer.elapsed() >= 280, qPrintable(QString::number(timer.elapsed())));
    // Failures are delayed too.
    fake.failNext(FakeUpstream::Failure::Unavailable503);
    timer.restart();
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ping"))).status, 503);
    QVERIFY(timer.elapsed() >= 280);
}

void TestFakes::hangKeepsTheSocketOpen()
{
    FakeBinance fake;
    QVERIFY(fake.start());
    fake.setHang(true);
    QElapsedTimer timer;
    timer.start();
    const Response r = send("GET", fake.url(QStringLiteral("/api/v3/ping")), QByteArray(), {}, 400);
    QVERIFY(r.error == QNetworkReply::OperationCanceledError || r.error == QNetworkReply::TimeoutError);
    QCOMPARE(r.status, 0);
    // The client gave up on its own timeout (a coarse timer, so allow it to fire a little
    // early); an answer or a closed socket would have ended the request at once.
    QVERIFY2(timer.elapsed() >= 300, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(fake.requestCount(), 1);

    fake.setHang(false);
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ping"))).status, 200);
}

void TestFakes::scriptedFailuresAreConsumedInOrder()
{
    FakeBinance fake;
    QVERIFY(fake.start());
    fake.failNext(FakeUpstream::Failure::ServerError500);
    fake.failNext(FakeUpstream::Failure::BadGateway502, 2);
    fake.failNext(FakeUpstream::Failure::Unavailable503);
    QCOMPARE(fake.pendingFailures(), 4);
    const QUrl ping = fake.url(QStringLiteral("/api/v3/ping"));
    QCOMPARE(get(ping).status, 500);
    QCOMPARE(get(ping).status, 502);
    QCOMPARE(get(ping).status, 502);
    QCOMPARE(get(ping).status, 503);
    QCOMPARE(get(ping).status, 200);
    QCOMPARE(fake.pendingFailures(), 0);
    QCOMPARE(fake.requestCount(), 5);
}

void TestFakes::failAlwaysUntilCleared()
{
    FakeBinance fake;
    QVERIFY(fake.start());
    fake.setFailAlways(FakeUpstream::Failure::Restricted451);
    const QUrl ping = fake.url(QStringLiteral("/api/v3/ping"));
    QCOMPARE(get(ping).status, 451);
    QCOMPARE(get(ping).status, 451);
    fake.failNext(FakeUpstream::Failure::ServerError500); // queued entries go first
    QCOMPARE(get(ping).status, 500);
    QCOMPARE(get(ping).status, 451);
    fake.setFailAlways(std::nullopt);
    QCOMPARE(get(ping).status, 200);
}

void TestFakes::connectionDropClosesWithoutAnswer()
{
    FakeBinance fake;
    QVERIFY(fake.start());
    // One drop, one failed request: the answer breaks off after its headers, so
    // QNetworkAccessManager reports it instead of quietly sending the request again.
    fake.failNext(FakeUpstream::Failure::ConnectionDrop);
    const Response r = get(fake.url(QStringLiteral("/api/v3/ping")));
    QCOMPARE(r.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(fake.requestCount(), 1);
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ping"))).status, 200);
    QCOMPARE(fake.requestCount(), 2);

    fake.setFailAlways(FakeUpstream::Failure::ConnectionDrop);
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ping"))).error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ping"))).error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(fake.requestCount(), 4);
}

// --- Binance --------------------------------------------------------------------------------

void TestFakes::binanceTickerPriceShapes()
{
    FakeBinance fake;
    QVERIFY(fake.start());
    fake.setPrice(QStringLiteral("BTCUSDT"), QStringLiteral("67000.12000000"));

    const Response one = get(fake.url(QStringLiteral("/api/v3/ticker/price?symbol=BTCUSDT")));
    QCOMPARE(one.status, 200);
    QVERIFY(one.header("content-type").startsWith("application/json"));
    QVERIFY(one.json().isObject());
    QVERIFY(one.object().value(QStringLiteral("price")).isString()); // a decimal string, never a number
    QCOMPARE(one.object().value(QStringLiteral("price")).toString(), QStringLiteral("67000.12000000"));
    QVERIFY(one.body.contains("\"price\":\"67000.12000000\""));
    QCOMPARE(one.object().value(QStringLiteral("symbol")).toString(), QStringLiteral("BTCUSDT"));

    const Response two =
        get(fake.url(QStringLiteral("/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22,%22ETHUSDT%22%5D")));
    QCOMPARE(two.status, 200);
    QCOMPARE(two.array().size(), 2);
    QCOMPARE(
        two.array().at(1).toObject().value(QStringLiteral("symbol")).toString(), QStringLiteral("ETHUSDT"));
    QVERIFY(two.array().at(1).toObject().value(QStringLiteral("price")).isString());

    const Response all = get(fake.url(QStringLiteral("/api/v3/ticker/price")));
    QCOMPARE(all.status, 200);
    QCOMPARE(all.array().size(), fake.symbols().size());

    fake.setSymbols(
        QStringList {QStringLiteral("BTCUSDT"), QStringLiteral("1000SHIBUSDT"), QStringLiteral("PEPEFDUSD")});
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ticker/price"))).array().size(), 3);
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ticker/price?symbol=ETHUSDT"))).status, 400);
    QCOMPARE(fake.symbol(QStringLiteral("PEPEFDUSD"))->baseAsset, QStringLiteral("PEPE"));
    const Response shib = get(fake.url(QStringLiteral("/api/v3/ticker/price?symbol=1000SHIBUSDT")));
    QCOMPARE(shib.status, 200);
    QCOMPARE(shib.object().value(QStringLiteral("price")).toString(), QStringLiteral("0.02456000"));
}

void TestFakes::binanceSymbolValidation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("lower case") << QStringLiteral("/api/v3/ticker/price?symbol=btcusdt") << -1100
                                << QStringLiteral(
                                       "Illegal characters found in parameter 'symbol'; legal range is "
                                       "'^[A-Z0-9-_.]{1,20}$'.");
    QTest::newRow("unknown") << QStringLiteral("/api/v3/ticker/price?symbol=NOPEUSDT") << -1121
                             << QStringLiteral("Invalid symbol.");
    QTest::newRow("both") << QStringLiteral("/api/v3/ticker/price?symbol=BTCUSDT&symbols=%5B%22ETHUSDT%22%5D")
                          << -1128 << QStringLiteral("Combination of optional parameters invalid.");
    QTest::newRow("symbols with a space")
        << QStringLiteral("/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22,%20%22ETHUSDT%22%5D") << -1100
        << QStringLiteral("Illegal characters found in parameter 'symbols'; legal range is "
                          "'^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
    QTest::newRow("unknown in list") << QStringLiteral(
        "/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22,%22NOPE%22%5D")
                                     << -1121 << QStringLiteral("Invalid symbol.");
    QTest::newRow("empty symbol") << QStringLiteral("/api/v3/ticker/price?symbol=") << -1105
                                  << QStringLiteral("Parameter 'symbol' was empty.");
    QTest::newRow("avgPrice without symbol")
        << QStringLiteral("/api/v3/avgPrice") << -1102
        << QStringLiteral("Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    QTest::newRow("bad ticker type") << QStringLiteral("/api/v3/ticker/24hr?symbol=BTCUSDT&type=HUGE")
                                     << -1139 << QStringLiteral("Invalid ticker type.");
    QTest::newRow("bad symbolStatus") << QStringLiteral("/api/v3/ticker/price?symbolStatus=OPEN") << -1122
                                      << QStringLiteral("Invalid symbolStatus.");
    QTest::newRow("exchangeInfo unknown") << QStringLiteral("/api/v3/exchangeInfo?symbol=NOPEUSDT") << -1121
                                          << QStringLiteral("Invalid symbol.");
    QTest::newRow("futures spot-only symbol") << QStringLiteral("/fapi/v1/premiumIndex?symbol=ETHBTC")
                                              << -1121 << QStringLiteral("Invalid symbol.");
}

void TestFakes::binanceSymbolValidation()
{
    QFETCH(QString, query);
    QFETCH(int, code);
    QFETCH(QString, message);
    FakeBinance fake;
    QVERIFY(fake.start());
    const Response r = get(fake.url(query));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value(QStringLiteral("code")).toInt(), code);
    QCOMPARE(r.object().value(QStringLiteral("msg")).toString(), message);
    QCOMPARE(r.object().size(), 2);
}

void TestFakes::binanceKlines()
{
    FakeBinance fake;
    fake.setClock([this] { return m_clock; });
    QVERIFY(fake.start());
    fake.setPrice(QStringLiteral("BTCUSDT"), QStringLiteral("67000.12000000"));

    const Response r = get(fake.url(QStringLiteral("/api/v3/klines?symbol=BTCUSDT&interval=1h")));
    QCOMPARE(r.status, 200);
    const QJsonArray rows = r.array();
    QCOMPARE(rows.size(), 500); // default limit
    for (const auto& value : rows) {
        const QJsonArray row = value.toArray();
        QCOMPARE(row.size(), 12);
        QVERIFY(row.at(0).isDouble() && row.at(6).isDouble() && row.at(8).isDouble()); // times and count
        for (int i : {1, 2, 3, 4, 5, 7, 9, 10, 11})
            QVERIFY2(row.at(i).isString(), qPrintable(QString::number(i)));
        QCOMPARE(row.at(11).toString(), QStringLiteral("0"));
        QCOMPARE(qint64(row.at(6).toDouble()) - qint64(row.at(0).toDouble()), 3600000LL - 1);
        const double high = row.at(2).toString().toDouble();
        const double low = row.at(3).toString().toDouble();
        QVERIFY(high >= row.at(1).toString().toDouble() && high >= row.at(4).toString().toDouble());
        QVERIFY(low <= row.at(1).toString().toDouble() && low <= row.at(4).toString().toDouble());
    }
    // Ascending, contiguous, ending with the candle that holds "now", which closes at the price.
    for (int i = 1; i < rows.size(); ++i)
        QCOMPARE(
            qint64(rows.at(i).toArray().at(0).toDouble()) - qint64(rows.at(i - 1).toArray().at(0).toDouble()),
            3600000LL);
    const QJsonArray last = rows.last().toArray();
    QCOMPARE(qint64(last.at(0).toDouble()), kJan2026);
    QCOMPARE(last.at(4).toString(), QStringLiteral("67000.12000000"));
    // Each candle opens at the previous close, as a real market's do.
    QCOMPARE(rows.at(10).toArray().at(1).toString(), rows.at(9).toArray().at(4).toString());

    const Response limited =
        get(fake.url(QStringLiteral("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000")));
    QCOMPARE(limited.array().size(), 1000);
    const Response tooMany =
        get(fake.url(QStringLiteral("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1001")));
    QCOMPARE(tooMany.status, 400);
    QCOMPARE(tooMany.object().value(QStringLiteral("code")).toInt(), -1130);
    QCOMPARE(tooMany.object().value(QStringLiteral("msg")).toString(),
        QStringLiteral("Data sent for parameter 'limit' is not valid."));
    const Response noInterval = get(fake.url(QStringLiteral("/api/v3/klines?symbol=BTCUSDT")));
    QCOMPARE(noInterval.object().value(QStringLiteral("msg")).toString(),
        QStringLiteral("Mandatory parameter 'interval' was not sent, was empty/null, or malformed."));
    const Response badInterval = get(fake.url(QStringLiteral("/api/v3/klines?symbol=BTCUSDT&interval=2m")));
    QCOMPARE(badInterval.object().value(QStringLiteral("code")).toInt(), -1120);
    QCOMPARE(
        badInterval.object().value(QStringLiteral("msg")).toString(), QStringLiteral("Invalid interval."));
    const Response badLimit =
        get(fake.url(QStringLiteral("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=ten")));
    QCOMPARE(badLimit.object().value(QStringLiteral("code")).toInt(), -1100);
    const Response digitSymbol =
        get(fake.url(QStringLiteral("/api/v3/klines?symbol=1000SHIBUSDT&interval=1d&limit=5")));
    QCOMPARE(digitSymbol.status, 200);
    QCOMPARE(digitSymbol.array().size(), 5);
}

void TestFakes::binanceKlinesTimeRange()
{
    FakeBinance fake;
    fake.setClock([this] { return m_clock; });
    QVERIFY(fake.start());
    const qint64 hour = 3600000;
    const qint64 start = kJan2026 - 48 * hour + 1; // mid-candle: the first row opens at the next hour
    const qint64 end = kJan2026 - 40 * hour;
    const Response r =
        get(fake.url(QStringLiteral("/api/v3/klines?symbol=ETHUSDT&interval=1h&startTime=%1&endTime=%2")
                         .arg(start)
                         .arg(end)));
    QCOMPARE(r.status, 200);
    const QJsonArray rows = r.array();
    QCOMPARE(rows.size(), 8);
    QCOMPARE(qint64(rows.first().toArray().at(0).toDouble()), kJan2026 - 47 * hour);
    QCOMPARE(qint64(rows.last().toArray().at(0).toDouble()), end);

    // Overlapping requests agree candle by candle; the generator is deterministic.
    const Response overlap =
        get(fake.url(QStringLiteral("/api/v3/klines?symbol=ETHUSDT&interval=1h&startTime=%1&limit=3")
                         .arg(kJan2026 - 44 * hour)));
    QCOMPARE(overlap.array().at(0), rows.at(3));
    QCOMPARE(overlap.array().at(2), rows.at(5));
    const auto generated =
        fake.generatedKlines(QStringLiteral("ETHUSDT"), QStringLiteral("1h"), kJan2026 - 44 * hour, 1);
    QCOMPARE(generated.first().close, rows.at(3).toArray().at(4).toString());

    // Only endTime: the newest `limit` candles up to it. Nothing after "now" is served.
    const Response endOnly =
        get(fake.url(QStringLiteral("/api/v3/klines?symbol=ETHUSDT&interval=1h&endTime=%1&limit=2")
                         .arg(kJan2026 - 10 * hour)));
    QCOMPARE(qint64(endOnly.array().last().toArray().at(0).toDouble()), kJan2026 - 10 * hour);
    const Response future = get(fake.url(
        QStringLiteral("/api/v3/klines?symbol=ETHUSDT&interval=1h&startTime=%1").arg(kJan2026 + 5 * hour)));
    QCOMPARE(future.array().size(), 0);
    const Response monthly =
        get(fake.url(QStringLiteral("/api/v3/klines?symbol=ETHUSDT&interval=1M&limit=2")));
    QCOMPARE(qint64(monthly.array().at(0).toArray().at(0).toDouble()), 1764547200000LL); // 2025-12-01
    QCOMPARE(qint64(monthly.array().at(0).toArray().at(6).toDouble()), kJan2026 - 1);
}

void TestFakes::binanceKlinesExplicitRows()
{
    FakeBinance fake;
    QVERIFY(fake.start());
    FakeBinance::Kline k;
    k.openTime = 1499040000000;
    k.open = QStringLiteral("0.01634790");
    k.high = QStringLiteral("0.80000000");
    k.low = QStringLiteral("0.01575800");
    k.close = QStringLiteral("0.01577100");
    k.volume = QStringLiteral("148976.11427815");
    k.closeTime = 1499644799999;
    k.quoteVolume = QStringLiteral("2434.19055334");
    k.trades = 308;
    k.takerBuyBaseVolume = QStringLiteral("1756.87402397");
    k.takerBuyQuoteVolume = QStringLiteral("28.46694368");
    fake.setKlines(QStringLiteral("ETHBTC"), QStringLiteral("1d"), {k});
    const Response r = get(fake.url(QStringLiteral("/api/v3/klines?symbol=ETHBTC&interval=1d")));
    QCOMPARE(r.body,
        QByteArray("[[1499040000000,\"0.01634790\",\"0.80000000\",\"0.01575800\",\"0.01577100\","
                   "\"148976.11427815\",1499644799999,\"2434.19055334\",308,\"1756.87402397\","
                   "\"28.46694368\",\"0\"]]"));
}

void TestFakes::binanceTicker24h()
{
    FakeBinance fake;
    fake.setClock([this] { return m_clock; });
    QVERIFY(fake.start());
    const Response full = get(fake.url(QStringLiteral("/api/v3/ticker/24hr?symbol=BTCUSDT")));
    QCOMPARE(full.status, 200);
    const QJsonObject t = full.object();
    for (const char* key : {"priceChange", "priceChangePercent", "weightedAvgPrice", "prevClosePrice",
             "lastPrice", "lastQty", "bidPrice", "bidQty", "askPrice", "askQty", "openPrice", "highPrice",
             "lowPrice", "volume", "quoteVolume"})
        QVERIFY2(t.value(QLatin1String(key)).isString(), key);
    for (const char* key : {"openTime", "closeTime", "firstId", "lastId", "count"})
        QVERIFY2(t.value(QLatin1String(key)).isDouble(), key);
    QCOMPARE(t.value(QStringLiteral("lastPrice")).toString(), fake.price(QStringLiteral("BTCUSDT")));
    QCOMPARE(qint64(t.value(QStringLiteral("closeTime")).toDouble()), kJan2026);
    QCOMPARE(qint64(t.value(QStringLiteral("openTime")).toDouble()), kJan2026 - 86400000);
    // priceChange is exactly lastPrice - openPrice.
    const qint64 change = FakeDecimal::parse(t.value(QStringLiteral("lastPrice")).toString()).value()
        - FakeDecimal::parse(t.value(QStringLiteral("openPrice")).toString()).value();
    QCOMPARE(t.value(QStringLiteral("priceChange")).toString(), FakeDecimal::format(change));

    const Response mini = get(fake.url(QStringLiteral("/api/v3/ticker/24hr?symbol=BTCUSDT&type=MINI")));
    const QJsonObject m = mini.object();
    QVERIFY(m.contains(QStringLiteral("lastPrice")) && m.contains(QStringLiteral("quoteVolume")));
    for (const char* key : {"priceChange", "priceChangePercent", "weightedAvgPrice", "prevClosePrice",
             "lastQty", "bidPrice", "bidQty", "askPrice", "askQty"})
        QVERIFY2(!m.contains(QLatin1String(key)), key);

    FakeBinance::Ticker24h set;
    set.lastPrice = QStringLiteral("4.00000200");
    set.priceChangePercent = QStringLiteral("-95.960");
    fake.setTicker24h(QStringLiteral("BNBBTC"), set);
    const Response list = get(fake.url(QStringLiteral("/api/v3/ticker/24hr?symbols=%5B%22BNBBTC%22%5D")));
    QCOMPARE(list.array().size(), 1);
    QCOMPARE(list.array().at(0).toObject().value(QStringLiteral("priceChangePercent")).toString(),
        QStringLiteral("-95.960"));
    QCOMPARE(
        list.array().at(0).toObject().value(QStringLiteral("symbol")).toString(), QStringLiteral("BNBBTC"));
}

void TestFakes::binanceAvgPriceAndExchangeInfo()
{
    FakeBinance fake;
    fake.setClock([this] { return m_clock; });
    QVERIFY(fake.start());
    const QJsonObject avg = get(fake.url(QStringLiteral("/api/v3/avgPrice?symbol=BTCUSDT"))).object();
    QCOMPARE(avg.value(QStringLiteral("mins")).toInt(), 5);
    QVERIFY(avg.value(QStringLiteral("price")).isString());
    QCOMPARE(qint64(avg.value(QStringLiteral("closeTime")).toDouble()), kJan2026);

    const Response info = get(fake.url(QStringLiteral("/api/v3/exchangeInfo?symbol=BTCUSDT")));
    QCOMPARE(info.status, 200);
    const QJsonObject o = info.object();
    QCOMPARE(o.value(QStringLiteral("timezone")).toString(), QStringLiteral("UTC"));
    const QJsonObject weight = o.value(QStringLiteral("rateLimits")).toArray().at(0).toObject();
    QCOMPARE(weight.value(QStringLiteral("rateLimitType")).toString(), QStringLiteral("REQUEST_WEIGHT"));
    QCOMPARE(weight.value(QStringLiteral("limit")).toInt(), 6000);
    const QJsonArray symbols = o.value(QStringLiteral("symbols")).toArray();
    QCOMPARE(symbols.size(), 1);
    const QJsonObject btc = symbols.at(0).toObject();
    QCOMPARE(btc.value(QStringLiteral("status")).toString(), QStringLiteral("TRADING"));
    QCOMPARE(btc.value(QStringLiteral("baseAsset")).toString(), QStringLiteral("BTC"));
    QCOMPARE(btc.value(QStringLiteral("quoteAsset")).toString(), QStringLiteral("USDT"));
    const QJsonObject priceFilter = btc.value(QStringLiteral("filters")).toArray().at(0).toObject();
    QCOMPARE(priceFilter.value(QStringLiteral("filterType")).toString(), QStringLiteral("PRICE_FILTER"));
    QCOMPARE(priceFilter.value(QStringLiteral("tickSize")).toString(), QStringLiteral("0.01000000"));

    const Response all = get(fake.url(QStringLiteral("/api/v3/exchangeInfo")));
    QCOMPARE(all.object().value(QStringLiteral("symbols")).toArray().size(), fake.symbols().size());
}

void TestFakes::binanceDelistedSymbol()
{
    FakeBinance fake;
    QVERIFY(fake.start());
    fake.setDelisted(QStringLiteral("BNBBTC"));
    const Response price = get(fake.url(QStringLiteral("/api/v3/ticker/price?symbol=BNBBTC")));
    QCOMPARE(price.status, 400);
    QCOMPARE(price.object().value(QStringLiteral("code")).toInt(), -1121);
    const Response info = get(fake.url(QStringLiteral("/api/v3/exchangeInfo?symbol=BNBBTC")));
    QCOMPARE(info.status, 200);
    QCOMPARE(info.object()
                 .value(QStringLiteral("symbols"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("BREAK"));
    const Response all = get(fake.url(QStringLiteral("/api/v3/ticker/price")));
    QCOMPARE(all.array().size(), fake.symbols().size() - 1);
}

void TestFakes::binanceFutures()
{
    FakeBinance fake;
    fake.setClock([this] { return m_clock; });
    QVERIFY(fake.start());
    const QJsonObject premium =
        get(fake.url(QStringLiteral("/fapi/v1/premiumIndex?symbol=BTCUSDT"))).object();
    for (const char* key :
        {"markPrice", "indexPrice", "estimatedSettlePrice", "lastFundingRate", "interestRate"})
        QVERIFY2(premium.value(QLatin1String(key)).isString(), key);
    QCOMPARE(qint64(premium.value(QStringLiteral("nextFundingTime")).toDouble()), kJan2026 + 8 * 3600000LL);
    QCOMPARE(qint64(premium.value(QStringLiteral("time")).toDouble()), kJan2026);
    const Response list = get(fake.url(QStringLiteral("/fapi/v1/premiumIndex")));
    QVERIFY(list.json().isArray());
    QCOMPARE(list.header("x-mbx-used-weight-1m"), QByteArray("11")); // 1 with a symbol, 10 without

    const Response funding = get(fake.url(QStringLiteral("/fapi/v1/fundingRate?symbol=BTCUSDT&limit=5")));
    QCOMPARE(funding.status, 200);
    const QJsonArray rows = funding.array();
    QCOMPARE(rows.size(), 5);
    for (int i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        QCOMPARE(row.value(QStringLiteral("symbol")).toString(), QStringLiteral("BTCUSDT"));
        QVERIFY(row.value(QStringLiteral("fundingRate")).isString());
        QVERIFY(row.value(QStringLiteral("markPrice")).isString());
        if (i > 0)
            QCOMPARE(qint64(row.value(QStringLiteral("fundingTime")).toDouble())
                    - qint64(rows.at(i - 1).toObject().value(QStringLiteral("fundingTime")).toDouble()),
                8 * 3600000LL);
    }
    QCOMPARE(qint64(rows.last().toObject().value(QStringLiteral("fundingTime")).toDouble()), kJan2026);
    QCOMPARE(get(fake.url(QStringLiteral("/fapi/v1/fundingRate?symbol=BTCUSDT"))).array().size(), 100);
    QCOMPARE(get(fake.url(QStringLiteral("/fapi/v1/fundingRate?symbol=BTCUSDT&limit=1001"))).status, 400);

    const Response ranged =
        get(fake.url(QStringLiteral("/fapi/v1/fundingRate?symbol=BTCUSDT&startTime=%1&limit=2")
                         .arg(kJan2026 - 24 * 3600000LL)));
    QCOMPARE(qint64(ranged.array().at(0).toObject().value(QStringLiteral("fundingTime")).toDouble()),
        kJan2026 - 24 * 3600000LL);

    fake.setFundingRates(QStringLiteral("ETHUSDT"),
        {{1570636800000, QStringLiteral("0.00010000"), QStringLiteral("34287.54619963")}});
    const Response custom = get(fake.url(QStringLiteral("/fapi/v1/fundingRate?symbol=ETHUSDT&startTime=0")));
    QCOMPARE(custom.body,
        QByteArray("[{\"fundingRate\":\"0.00010000\",\"fundingTime\":1570636800000,\"markPrice\":"
                   "\"34287.54619963\",\"symbol\":\"ETHUSDT\"}]"));
}

void TestFakes::binanceWeightHeaders()
{
    FakeBinance fake;
    fake.setClock([this] { return m_clock; });
    QVERIFY(fake.start());
    Response r = get(fake.url(QStringLiteral("/api/v3/ticker/price?symbol=BTCUSDT")));
    QCOMPARE(r.header("x-mbx-used-weight"), QByteArray("2"));
    QCOMPARE(r.header("x-mbx-used-weight-1m"), QByteArray("2"));
    r = get(fake.url(QStringLiteral("/api/v3/ticker/price")));
    QCOMPARE(r.header("x-mbx-used-weight-1m"), QByteArray("6"));
    r = get(fake.url(QStringLiteral("/api/v3/exchangeInfo")));
    QCOMPARE(r.header("x-mbx-used-weight-1m"), QByteArray("26"));
    r = get(fake.url(QStringLiteral("/api/v3/ticker/24hr")));
    QCOMPARE(r.header("x-mbx-used-weight-1m"), QByteArray("106"));
    r = get(fake.url(QStringLiteral("/api/v3/ticker/price?symbol=nope"))); // errors cost weight too
    QCOMPARE(r.status, 400);
    QCOMPARE(r.header("x-mbx-used-weight-1m"), QByteArray("108"));
    QCOMPARE(fake.usedWeight(), 108);
    QCOMPARE(
        get(fake.url(QStringLiteral("/fapi/v1/premiumIndex?symbol=BTCUSDT"))).header("x-mbx-used-weight"),
        QByteArray("1")); // futures have their own budget

    m_clock += 60000; // a new minute resets the window
    r = get(fake.url(QStringLiteral("/api/v3/ping")));
    QCOMPARE(r.header("x-mbx-used-weight-1m"), QByteArray("1"));
}

void TestFakes::binanceRateLimitEscalatesToBan()
{
    FakeBinance fake;
    fake.setClock([this] { return m_clock; });
    fake.setWeightLimit(10);
    QVERIFY(fake.start());
    const QUrl price = fake.url(QStringLiteral("/api/v3/ticker/price?symbol=BTCUSDT"));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get(price).status, 200);

    m_clock += 15000;
    const Response limited = get(price);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.object().value(QStringLiteral("code")).toInt(), -1003);
    QCOMPARE(limited.object().value(QStringLiteral("msg")).toString(),
        QStringLiteral(
            "Too much request weight used; current limit is 10 request weight per 1 MINUTE. Please "
            "use WebSocket Streams for live updates to avoid polling the API."));
    QCOMPARE(limited.header("retry-after"), QByteArray("45")); // until the minute resets

    m_clock += 1000; // ignoring the 429 gets the IP banned
    const Response banned = get(price);
    QCOMPARE(banned.status, 418);
    QCOMPARE(banned.object().value(QStringLiteral("code")).toInt(), -1003);
    const QString until = QString::number(m_clock + 120000);
    QCOMPARE(banned.object().value(QStringLiteral("msg")).toString(),
        QStringLiteral(
            "Way too much request weight used; IP banned until %1. Please use WebSocket Streams for "
            "live updates to avoid bans.")
            .arg(until));
    QCOMPARE(banned.header("retry-after"), QByteArray("120"));
    QVERIFY(fake.isBanned());

    m_clock += 60000; // still banned in the next minute
    QCOMPARE(get(price).status, 418);
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ping"))).header("retry-after"), QByteArray("60"));
    m_clock += 61000;
    QCOMPARE(get(price).status, 200);
    QVERIFY(!fake.isBanned());
}

void TestFakes::binanceScriptedFailureBodies()
{
    FakeBinance fake;
    fake.setClock([this] { return m_clock; });
    QVERIFY(fake.start());
    const QUrl ping = fake.url(QStringLiteral("/api/v3/ping"));

    fake.failNext(FakeUpstream::Failure::Banned418, 1, 300);
    Response r = get(ping);
    QCOMPARE(r.status, 418);
    QCOMPARE(r.header("retry-after"), QByteArray("300"));
    QVERIFY(r.object()
                .value(QStringLiteral("msg"))
                .toString()
                .contains(QStringLiteral("IP banned until %1.").arg(m_clock + 300000)));
    QVERIFY(r.headers.contains("x-mbx-used-weight-1m"));

    fake.failNext(FakeUpstream::Failure::Restricted451);
    r = get(ping);
    QCOMPARE(r.status, 451);
    QCOMPARE(r.object().value(QStringLiteral("code")).toInt(), 0);
    QVERIFY(r.object()
                .value(QStringLiteral("msg"))
                .toString()
                .startsWith(QStringLiteral(
                    "Service unavailable from a restricted location according to 'b. Eligibility' in "
                    "https://www.binance.com/en/terms.")));

    fake.failNext(FakeUpstream::Failure::RateLimited429, 1, 7);
    r = get(ping);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.object().value(QStringLiteral("code")).toInt(), -1003);
    QCOMPARE(r.header("retry-after"), QByteArray("7"));

    fake.failNext(FakeUpstream::Failure::WafBlocked403);
    r = get(ping);
    QCOMPARE(r.status, 403);
    QVERIFY(r.header("content-type").startsWith("text/html"));
    QVERIFY(r.body.contains("403 ERROR"));

    fake.failNext(FakeUpstream::Failure::ServerError500);
    r = get(ping);
    QCOMPARE(r.status, 500);
    QCOMPARE(r.object().value(QStringLiteral("code")).toInt(), -1000);

    fake.failNext(FakeUpstream::Failure::RateLimited429);
    r = get(fake.url(QStringLiteral("/fapi/v1/premiumIndex?symbol=BTCUSDT")));
    QVERIFY(r.object()
                .value(QStringLiteral("msg"))
                .toString()
                .startsWith(QStringLiteral(
                    "Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute.")));
}

// --- CoinGecko ------------------------------------------------------------------------------

void TestFakes::geckoSimplePrice()
{
    FakeCoinGecko fake;
    fake.setClock([this] { return m_clock; });
    QVERIFY(fake.start());
    fake.setPrice(QStringLiteral("bitcoin"), 67187.3358936566);

    const Response r = get(fake.url(QStringLiteral(
        "/api/v3/simple/price?ids=bitcoin,nope,ethereum&vs_currencies=usd,EUR&include_market_cap=true"
        "&include_24hr_vol=true&include_24hr_change=true&include_last_updated_at=true")));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.object();
    QCOMPARE(
        o.keys(), (QStringList {QStringLiteral("bitcoin"), QStringLiteral("ethereum")})); // unknown left out
    const QJsonObject btc = o.value(QStringLiteral("bitcoin")).toObject();
    QVERIFY(btc.value(QStringLiteral("usd")).isDouble()); // numbers, not strings
    QCOMPARE(btc.value(QStringLiteral("usd")).toDouble(), 67187.3358936566);
    QVERIFY(r.body.contains("\"usd\":67187.3358936566"));
    for (const char* key :
        {"eur", "usd_market_cap", "usd_24h_vol", "usd_24h_change", "eur_market_cap", "last_updated_at"})
        QVERIFY2(btc.value(QLatin1String(key)).isDouble(), key);
    QCOMPARE(qint64(btc.value(QStringLiteral("last_updated_at")).toDouble()), kJan2026 / 1000); // seconds

    const Response plain =
        get(fake.url(QStringLiteral("/api/v3/simple/price?ids=bitcoin&vs_currencies=usd")));
    QCOMPARE(plain.object().value(QStringLiteral("bitcoin")).toObject().keys(),
        QStringList {QStringLiteral("usd")});

    const Response unknown =
        get(fake.url(QStringLiteral("/api/v3/simple/price?ids=nope,zilch&vs_currencies=usd")));
    QCOMPARE(unknown.status, 200);
    QCOMPARE(unknown.body, QByteArray("{}"));

    const Response missing = get(fake.url(QStringLiteral("/api/v3/simple/price?ids=bitcoin")));
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.body, QByteArray("{\"error\":\"Missing parameter vs_currencies\"}"));

    const Response bySymbol =
        get(fake.url(QStringLiteral("/api/v3/simple/price?symbols=eth&vs_currencies=usd")));
    QVERIFY(bySymbol.object().contains(QStringLiteral("eth")));
}

void TestFakes::geckoCoinById()
{
    FakeCoinGecko fake;
    QVERIFY(fake.start());
    const Response small = get(fake.url(QStringLiteral(
        "/api/v3/coins/bitcoin?localization=false&tickers=false&community_data=false&developer_data=false")));
    QCOMPARE(small.status, 200);
    const QJsonObject o = small.object();
    QCOMPARE(o.value(QStringLiteral("id")).toString(), QStringLiteral("bitcoin"));
    QCOMPARE(o.value(QStringLiteral("symbol")).toString(), QStringLiteral("btc"));
    for (const char* key : {"localization", "tickers", "community_data", "developer_data"})
        QVERIFY2(!o.contains(QLatin1String(key)), key);
    const QJsonObject market = o.value(QStringLiteral("market_data")).toObject();
    QVERIFY(market.value(QStringLiteral("current_price")).toObject().value(QStringLiteral("usd")).isDouble());
    QVERIFY(market.value(QStringLiteral("market_cap")).toObject().value(QStringLiteral("usd")).isDouble());
    QVERIFY(market.value(QStringLiteral("price_change_percentage_24h")).isDouble());
    QVERIFY(o.value(QStringLiteral("image")).toObject().value(QStringLiteral("large")).isString());
    QVERIFY(o.value(QStringLiteral("description")).toObject().contains(QStringLiteral("en")));

    const Response full = get(fake.url(QStringLiteral("/api/v3/coins/ethereum")));
    for (const char* key : {"localization", "tickers", "community_data", "developer_data", "market_data"})
        QVERIFY2(full.object().contains(QLatin1String(key)), key);
    QVERIFY(full.body.size() > small.body.size());

    const Response unknown = get(fake.url(QStringLiteral("/api/v3/coins/not-a-coin")));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.body, QByteArray("{\"error\":\"coin not found\"}"));
}

void TestFakes::geckoMarkets()
{
    FakeCoinGecko fake;
    QVERIFY(fake.start());
    const Response missing = get(fake.url(QStringLiteral("/api/v3/coins/markets")));
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.object().value(QStringLiteral("error")).toString(),
        QStringLiteral("Missing parameter vs_currency"));

    const Response page =
        get(fake.url(QStringLiteral("/api/v3/coins/markets?vs_currency=usd&per_page=2&page=2")));
    QCOMPARE(page.status, 200);
    QCOMPARE(page.array().size(), 2);
    const QJsonObject third = page.array().at(0).toObject();
    QCOMPARE(third.value(QStringLiteral("market_cap_rank")).toInt(), 3);
    for (const char* key : {"current_price", "market_cap", "total_volume", "high_24h", "low_24h",
             "price_change_percentage_24h", "circulating_supply", "ath"})
        QVERIFY2(third.value(QLatin1String(key)).isDouble(), key);
    QVERIFY(third.value(QStringLiteral("roi")).isNull());
    QVERIFY(third.value(QStringLiteral("last_updated")).toString().endsWith(QLatin1Char('Z')));

    const Response ids = get(fake.url(
        QStringLiteral("/api/v3/coins/markets?vs_currency=eur&ids=solana,bitcoin&order=id_asc&sparkline=true"
                       "&price_change_percentage=1h,7d")));
    QCOMPARE(ids.array().size(), 2);
    const QJsonObject first = ids.array().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("id")).toString(), QStringLiteral("bitcoin"));
    QCOMPARE(first.value(QStringLiteral("sparkline_in_7d"))
                 .toObject()
                 .value(QStringLiteral("price"))
                 .toArray()
                 .size(),
        168);
    QVERIFY(first.value(QStringLiteral("price_change_percentage_7d_in_currency")).isDouble());
    QCOMPARE(
        get(fake.url(QStringLiteral("/api/v3/coins/markets?vs_currency=usd&per_page=500"))).array().size(),
        fake.coinIds().size()); // per_page is capped at 250
}

void TestFakes::geckoSearchAndTrending()
{
    FakeCoinGecko fake;
    QVERIFY(fake.start());
    const QJsonObject s = get(fake.url(QStringLiteral("/api/v3/search?query=eth"))).object();
    for (const char* key : {"coins", "exchanges", "icos", "categories", "nfts"})
        QVERIFY2(s.value(QLatin1String(key)).isArray(), key);
    const QJsonObject eth = s.value(QStringLiteral("coins")).toArray().at(0).toObject();
    QCOMPARE(eth.value(QStringLiteral("id")).toString(), QStringLiteral("ethereum"));
    QCOMPARE(eth.value(QStringLiteral("symbol")).toString(), QStringLiteral("ETH"));
    QCOMPARE(eth.value(QStringLiteral("api_symbol")).toString(), QStringLiteral("ethereum"));
    QVERIFY(eth.value(QStringLiteral("market_cap_rank")).isDouble());

    const QJsonObject t = get(fake.url(QStringLiteral("/api/v3/search/trending"))).object();
    const QJsonArray coins = t.value(QStringLiteral("coins")).toArray();
    QVERIFY(!coins.isEmpty());
    const QJsonObject item = coins.at(0).toObject().value(QStringLiteral("item")).toObject(); // wrapped
    QCOMPARE(item.value(QStringLiteral("id")).toString(), QStringLiteral("solana"));
    QVERIFY(item.value(QStringLiteral("price_btc")).isDouble());
    const QJsonObject data = item.value(QStringLiteral("data")).toObject();
    QVERIFY(data.value(QStringLiteral("price")).isDouble());
    QVERIFY(data.value(QStringLiteral("price_btc")).isString());
    const QString cap = data.value(QStringLiteral("market_cap")).toString();
    QVERIFY2(cap.startsWith(QLatin1Char('$')) && cap.contains(QLatin1Char(',')), qPrintable(cap));
    QVERIFY(t.value(QStringLiteral("nfts")).isArray() && t.value(QStringLiteral("categories")).isArray());
}

void TestFakes::geckoDemoKeys()
{
    FakeCoinGecko fake;
    fake.setMode(FakeCoinGecko::Mode::Demo);
    fake.setApiKey(QStringLiteral("CG-demo-123"));
    QVERIFY(fake.start());
    const QUrl ping = fake.url(QStringLiteral("/api/v3/ping"));

    const Response none = get(ping);
    QCOMPARE(none.status, 401);
    const QJsonObject status = none.object().value(QStringLiteral("status")).toObject();
    QCOMPARE(status.value(QStringLiteral("error_code")).toInt(), 10002);
    QVERIFY(status.value(QStringLiteral("error_message"))
                .toString()
                .startsWith(QStringLiteral("API Key Missing.")));
    QVERIFY(status.value(QStringLiteral("timestamp")).isString());

    QCOMPARE(get(ping, {{"x-cg-demo-api-key", "wrong"}}).status, 401);
    const Response header = get(ping, {{"x-cg-demo-api-key", "CG-demo-123"}});
    QCOMPARE(header.status, 200);
    QCOMPARE(
        header.object().value(QStringLiteral("gecko_says")).toString(), QStringLiteral("(V3) To the Moon!"));
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ping?x_cg_demo_api_key=CG-demo-123"))).status, 200);

    const Response pro = get(ping, {{"x-cg-pro-api-key", "CG-demo-123"}});
    QCOMPARE(pro.status, 400);
    QCOMPARE(pro.object().value(QStringLiteral("error_code")).toInt(), 10010); // at the top level here
    QVERIFY(pro.object()
                .value(QStringLiteral("status"))
                .toObject()
                .value(QStringLiteral("error_message"))
                .toString()
                .startsWith(QStringLiteral("If you are using Pro API key")));
}

void TestFakes::geckoProKeys()
{
    FakeCoinGecko fake;
    fake.setMode(FakeCoinGecko::Mode::Pro);
    fake.setApiKey(QStringLiteral("CG-pro-456"));
    QVERIFY(fake.start());
    const QUrl ping = fake.url(QStringLiteral("/api/v3/ping"));
    const Response demo = get(ping, {{"x-cg-demo-api-key", "CG-pro-456"}});
    QCOMPARE(demo.status, 400);
    QCOMPARE(demo.object().value(QStringLiteral("error_code")).toInt(), 10011);
    QVERIFY(demo.object().value(QStringLiteral("timestamp")).isString());
    QCOMPARE(get(ping, {{"x-cg-pro-api-key", "CG-pro-456"}}).status, 200);
    QCOMPARE(get(fake.url(QStringLiteral("/api/v3/ping?x_cg_pro_api_key=CG-pro-456"))).status, 200);
    QCOMPARE(get(ping).status, 401);
}

void TestFakes::geckoRateLimit()
{
    FakeCoinGecko fake;
    fake.setClock([this] { return m_clock; });
    fake.setRateLimitPerMinute(2);
    QVERIFY(fake.start());
    const QUrl ping = fake.url(QStringLiteral("/api/v3/ping"));
    QCOMPARE(get(ping).status, 200);
    m_clock += 41000;
    QCOMPARE(get(ping).status, 200);
    const Response limited = get(ping);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("retry-after"), QByteArray("19"));
    const QJsonObject status = limited.object().value(QStringLiteral("status")).toObject();
    QCOMPARE(status.value(QStringLiteral("error_code")).toInt(), 429);
    QVERIFY(status.value(QStringLiteral("error_message"))
                .toString()
                .startsWith(QStringLiteral("You've exceeded the Rate Limit.")));

    fake.setHtmlRateLimit(true);
    const Response html = get(ping);
    QCOMPARE(html.status, 429);
    QVERIFY(html.header("content-type").startsWith("text/html"));
    QVERIFY(html.body.contains("You are being rate limited"));
    QVERIFY(html.json().isNull());

    m_clock += 19000; // next minute
    QCOMPARE(get(ping).status, 200);
}

void TestFakes::geckoScriptedFailures()
{
    FakeCoinGecko fake;
    QVERIFY(fake.start());
    const QUrl ping = fake.url(QStringLiteral("/api/v3/ping"));
    fake.failNext(FakeUpstream::Failure::RateLimited429, 1, 119);
    fake.failNext(FakeUpstream::Failure::HtmlRateLimit429);
    fake.failNext(FakeUpstream::Failure::WafBlocked403);
    Response r = get(ping);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.header("retry-after"), QByteArray("119"));
    QCOMPARE(
        r.object().value(QStringLiteral("status")).toObject().value(QStringLiteral("error_code")).toInt(),
        429);
    r = get(ping);
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("content-type").startsWith("text/html"));
    QVERIFY(!r.headers.contains("retry-after"));
    r = get(ping);
    QCOMPARE(r.status, 403);
    QVERIFY(r.body.contains("1020"));
    QCOMPARE(fake.requestCount(), 3);
}

// --- CoinRemitter ---------------------------------------------------------------------------

namespace
{

const Headers kTrc20 = {{"x-api-key", "trc20-key"}, {"x-api-password", "trc20-pass"}};
const Headers kErc20 = {{"x-api-key", "erc20-key"}, {"x-api-password", "erc20-pass"}};

void addWallets(FakeCoinRemitter& fake)
{
    fake.addWallet(QStringLiteral("USDTTRC20"), QStringLiteral("trc20-key"), QStringLiteral("trc20-pass"),
        QStringLiteral("84.73000000"));
    fake.addWallet(QStringLiteral("USDTERC20"), QStringLiteral("erc20-key"), QStringLiteral("erc20-pass"),
        QStringLiteral("12.50000000"));
    fake.setRate(QStringLiteral("USDTTRC20"), QStringLiteral("USD"), QStringLiteral("1.00010000"));
}

} // namespace

void TestFakes::remitterBalanceAndCredentials()
{
    FakeCoinRemitter fake;
    addWallets(fake);
    QVERIFY(fake.start());
    const QUrl balance = fake.url(QStringLiteral("/v1/wallet/balance"));

    const Response ok = postJson(balance, {}, kTrc20);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.object().value(QStringLiteral("success")).toBool(), true);
    const QJsonObject data = ok.object().value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("balance")).toString(), QStringLiteral("84.73000000"));
    QCOMPARE(data.value(QStringLiteral("coin_symbol")).toString(), QStringLiteral("USDTTRC20"));
    QCOMPARE(data.value(QStringLiteral("coin")).toString(), QStringLiteral("Tether USD TRC20"));
    for (const char* key : {"wallet_id", "wallet_name", "coin_logo", "blockchain_network_name",
             "contract_address", "explorer_url", "minimum_deposit_amount", "remaining_withdraw_limit_24h"})
        QVERIFY2(data.value(QLatin1String(key)).isString(), key);
    QCOMPARE(ok.header("x-ratelimit-limit"), QByteArray("100"));
    QCOMPARE(ok.header("x-ratelimit-remaining"), QByteArray("99"));
    QCOMPARE(fake.lastRequest().header("x-api-key"), QByteArray("trc20-key"));

    // The other wallet is another key.
    QCOMPARE(postJson(balance, {}, kErc20)
                 .object()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("balance"))
                 .toString(),
        QStringLiteral("12.50000000"));

    for (const Headers& bad : {Headers {{"x-api-key", "trc20-key"}, {"x-api-password", "wrong"}},
             Headers {{"x-api-key", "unknown"}, {"x-api-password", "trc20-pass"}}, Headers {}}) {
        const Response denied = postJson(balance, {}, bad);
        QCOMPARE(denied.status, 200); // CoinRemitter answers bad credentials with HTTP 200
        QCOMPARE(denied.object().value(QStringLiteral("success")).toBool(), false);
        QCOMPARE(denied.object().value(QStringLiteral("error_code")).toInt(), 1003);
        QVERIFY(denied.object().value(QStringLiteral("error")).isString());
        QVERIFY(denied.object().value(QStringLiteral("msg")).isString());
        QVERIFY(!denied.object().contains(QStringLiteral("data")));
    }

    const Response wrongMethod = get(balance, kTrc20);
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(get(fake.url(QStringLiteral("/v1/nothing"))).status, 404);
}

void TestFakes::remitterRateLimit()
{
    FakeCoinRemitter fake;
    fake.setClock([this] { return m_clock; });
    addWallets(fake);
    fake.setRateLimitPerMinute(2);
    QVERIFY(fake.start());
    const QUrl balance = fake.url(QStringLiteral("/v1/wallet/balance"));
    QCOMPARE(postJson(balance, {}, kTrc20).header("x-ratelimit-remaining"), QByteArray("1"));
    QCOMPARE(postJson(balance, {}, kTrc20).header("x-ratelimit-remaining"), QByteArray("0"));
    const Response limited = postJson(balance, {}, kTrc20);
    QCOMPARE(limited.status, 429);
    QCOMPARE(
        limited.object().value(QStringLiteral("message")).toString(), QStringLiteral("Too Many Attempts."));
    QCOMPARE(limited.header("x-ratelimit-limit"), QByteArray("2"));
    QCOMPARE(limited.header("x-ratelimit-remaining"), QByteArray("0"));
    QCOMPARE(limited.header("retry-after"), QByteArray("60"));
    m_clock += 60000;
    QCOMPARE(postJson(balance, {}, kTrc20).status, 200);
}

void TestFakes::remitterCreateInvoice()
{
    FakeCoinRemitter fake;
    fake.setClock([this] { return m_clock; });
    addWallets(fake);
    QVERIFY(fake.start());
    const Response r = postJson(fake.url(QStringLiteral("/v1/invoice/create")),
        QJsonObject {{QStringLiteral("amount"), QStringLiteral("10")},
            {QStringLiteral("fiat_currency"), QStringLiteral("USD")},
            {QStringLiteral("expiry_time_in_minutes"), 20},
            {QStringLiteral("notify_url"), QStringLiteral("http://127.0.0.1:9/hook")},
            {QStringLiteral("custom_data1"), QStringLiteral("order-42")}},
        kTrc20);
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains(
        "\"url\":\"https:\\/\\/coinremitter.com\\/invoice\\/view\\/")); // escaped like Laravel
    QCOMPARE(r.object().value(QStringLiteral("success")).toBool(), true);
    const QJsonObject inv = r.object().value(QStringLiteral("data")).toObject();
    const QString invoiceId = inv.value(QStringLiteral("invoice_id")).toString();
    QCOMPARE(invoiceId.size(), 7);
    QCOMPARE(inv.value(QStringLiteral("id")).toString().size(), 24);
    QCOMPARE(inv.value(QStringLiteral("amount")).toString(), QStringLiteral("9.99900010")); // 10 USD / 1.0001
    const QJsonObject total = inv.value(QStringLiteral("total_amount")).toObject();
    QCOMPARE(total.value(QStringLiteral("USDTTRC20")).toString(), QStringLiteral("9.99900010"));
    QCOMPARE(total.value(QStringLiteral("USD")).toString(), QStringLiteral("10.00"));
    QCOMPARE(
        inv.value(QStringLiteral("paid_amount")).toObject().value(QStringLiteral("USDTTRC20")).toString(),
        QStringLiteral("0"));
    QCOMPARE(inv.value(QStringLiteral("conversion_rate"))
                 .toObject()
                 .value(QStringLiteral("USDTTRC20_USD"))
                 .toString(),
        QStringLiteral("1.00010000"));
    QCOMPARE(inv.value(QStringLiteral("status")).toString(), QStringLiteral("Pending"));
    QVERIFY(inv.value(QStringLiteral("status_code")).isDouble());
    QCOMPARE(inv.value(QStringLiteral("status_code")).toInt(), 0);
    QCOMPARE(inv.value(QStringLiteral("fiat_currency")).toString(), QStringLiteral("USD"));
    QCOMPARE(inv.value(QStringLiteral("custom_data1")).toString(), QStringLiteral("order-42"));
    QCOMPARE(qint64(inv.value(QStringLiteral("invoice_timestamp")).toDouble()), kJan2026);
    QCOMPARE(qint64(inv.value(QStringLiteral("expire_on_timestamp")).toDouble()), kJan2026 + 20 * 60000);
    QCOMPARE(inv.value(QStringLiteral("expire_on")).toString(), QStringLiteral("2026-01-01 00:20:00"));
    QVERIFY(!inv.contains(QStringLiteral("address"))); // the documented invoice has none
    QCOMPARE(fake.invoiceIds(), QStringList {invoiceId});
    QCOMPARE(fake.invoice(invoiceId)->notifyUrl, QStringLiteral("http://127.0.0.1:9/hook"));

    // Form data works too; without fiat_currency the amount is in coin units, and no expiry
    // gives empty strings.
    const Response form = send("POST", fake.url(QStringLiteral("/v1/invoice/create")),
        "amount=25.5&expiry_time_in_minutes=0&description=Two+coffees",
        Headers {kErc20.at(0), kErc20.at(1), {"Content-Type", "application/x-www-form-urlencoded"}});
    const QJsonObject coinInvoice = form.object().value(QStringLiteral("data")).toObject();
    QCOMPARE(coinInvoice.value(QStringLiteral("amount")).toString(), QStringLiteral("25.50000000"));
    QCOMPARE(coinInvoice.value(QStringLiteral("coin_symbol")).toString(), QStringLiteral("USDTERC20"));
    QCOMPARE(coinInvoice.value(QStringLiteral("fiat_currency")).toString(), QString());
    QCOMPARE(coinInvoice.value(QStringLiteral("description")).toString(), QStringLiteral("Two coffees"));
    QCOMPARE(coinInvoice.value(QStringLiteral("expire_on_timestamp")).toString(), QString());
}

void TestFakes::remitterInvoiceValidation()
{
    FakeCoinRemitter fake;
    addWallets(fake);
    QVERIFY(fake.start());
    const QUrl create = fake.url(QStringLiteral("/v1/invoice/create"));
    const auto expect1001 = [&](const QJsonObject& body, const QString& message) {
        const Response r = postJson(create, body, kTrc20);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.object().value(QStringLiteral("success")).toBool(), false);
        QCOMPARE(r.object().value(QStringLiteral("error_code")).toInt(), 1001);
        QCOMPARE(r.object().value(QStringLiteral("msg")).toString(), message);
    };
    expect1001({}, QStringLiteral("The amount field is required."));
    expect1001(
        {{QStringLiteral("amount"), QStringLiteral("ten")}}, QStringLiteral("The amount must be a number."));
    expect1001({{QStringLiteral("amount"), QStringLiteral("0")}},
        QStringLiteral("The amount must be greater than 0."));
    expect1001({{QStringLiteral("amount"), QStringLiteral("10")},
                   {QStringLiteral("fiat_currency"), QStringLiteral("XXX")}},
        QStringLiteral("The selected fiat currency is invalid."));
    expect1001({{QStringLiteral("amount"), QStringLiteral("10")},
                   {QStringLiteral("custom_data1"), QString(31, QLatin1Char('x'))}},
        QStringLiteral("The custom data1 may not be greater than 30 characters."));
    expect1001({{QStringLiteral("amount"), QStringLiteral("10")},
                   {QStringLiteral("custom_data2"), QString(31, QLatin1Char('y'))}},
        QStringLiteral("The custom data2 may not be greater than 30 characters."));
    fake.setRejectNonPublicUrls(true);
    expect1001({{QStringLiteral("amount"), QStringLiteral("10")},
                   {QStringLiteral("notify_url"), QStringLiteral("http://127.0.0.1:8080/hook")}},
        QStringLiteral("The notify url must be a public URL."));
    QCOMPARE(postJson(create,
                 {{QStringLiteral("amount"), QStringLiteral("10")},
                     {QStringLiteral("custom_data1"), QString(30, QLatin1Char('x'))}},
                 kTrc20)
                 .status,
        200);
}

void TestFakes::remitterInvoiceStatusChanges()
{
    FakeCoinRemitter fake;
    fake.setClock([this] { return m_clock; });
    addWallets(fake);
    QVERIFY(fake.start());
    const QString id = postJson(fake.url(QStringLiteral("/v1/invoice/create")),
        {{QStringLiteral("amount"), QStringLiteral("10")},
            {QStringLiteral("fiat_currency"), QStringLiteral("USD")}},
        kTrc20)
                           .object()
                           .value(QStringLiteral("data"))
                           .toObject()
                           .value(QStringLiteral("invoice_id"))
                           .toString();
    const QUrl getUrl = fake.url(QStringLiteral("/v1/invoice/get"));

    const Response unknown =
        postJson(getUrl, {{QStringLiteral("invoice_id"), QStringLiteral("nope123")}}, kTrc20);
    QCOMPARE(unknown.object().value(QStringLiteral("success")).toBool(), false);
    QCOMPARE(unknown.object().value(QStringLiteral("error_code")).toInt(), 1005);
    // Another wallet's key does not see this invoice.
    QCOMPARE(postJson(getUrl, {{QStringLiteral("invoice_id"), id}}, kErc20)
                 .object()
                 .value(QStringLiteral("error_code"))
                 .toInt(),
        1005);

    QVERIFY(fake.setInvoiceStatus(id, FakeCoinRemitter::UnderPaid, QStringLiteral("4.00000000")));
    m_clock += 5000;
    QVERIFY(fake.setInvoiceStatus(id, FakeCoinRemitter::Paid));
    QVERIFY(!fake.setInvoiceStatus(QStringLiteral("nope123"), FakeCoinRemitter::Paid));

    const Response got = postJson(getUrl, {{QStringLiteral("invoice_id"), id}}, kTrc20);
    const QJsonObject inv = got.object().value(QStringLiteral("data")).toObject();
    QCOMPARE(inv.value(QStringLiteral("status")).toString(), QStringLiteral("Paid"));
    QCOMPARE(inv.value(QStringLiteral("status_code")).toInt(), 1);
    QCOMPARE(
        inv.value(QStringLiteral("paid_amount")).toObject().value(QStringLiteral("USDTTRC20")).toString(),
        QStringLiteral("9.99900010"));
    QCOMPARE(inv.value(QStringLiteral("paid_amount")).toObject().value(QStringLiteral("USD")).toString(),
        QStringLiteral("10.00"));
    const QJsonArray history = inv.value(QStringLiteral("payment_history")).toArray();
    QCOMPARE(history.size(), 2);
    QCOMPARE(
        history.at(0).toObject().value(QStringLiteral("amount")).toString(), QStringLiteral("4.00000000"));
    QCOMPARE(
        history.at(1).toObject().value(QStringLiteral("amount")).toString(), QStringLiteral("5.99900010"));
    QCOMPARE(history.at(1).toObject().value(QStringLiteral("txid")).toString().size(), 64);
    QVERIFY(history.at(1).toObject().value(QStringLiteral("confirmation")).isDouble());
    QCOMPARE(fake.balance(QStringLiteral("USDTTRC20")), QStringLiteral("94.72900010"));

    QVERIFY(fake.setInvoiceStatus(id, FakeCoinRemitter::Cancelled));
    QCOMPARE(fake.invoice(id)->statusCode, int(FakeCoinRemitter::Cancelled));
    QCOMPARE(fake.invoiceJson(id).value(QStringLiteral("status")).toString(), QStringLiteral("Cancelled"));
}

void TestFakes::remitterInvoiceExpires()
{
    FakeCoinRemitter fake;
    fake.setClock([this] { return m_clock; });
    addWallets(fake);
    QVERIFY(fake.start());
    const QString id = postJson(fake.url(QStringLiteral("/v1/invoice/create")),
        {{QStringLiteral("amount"), QStringLiteral("3")},
            {QStringLiteral("expiry_time_in_minutes"), QStringLiteral("15")}},
        kTrc20)
                           .object()
                           .value(QStringLiteral("data"))
                           .toObject()
                           .value(QStringLiteral("invoice_id"))
                           .toString();
    m_clock += 14 * 60000;
    QCOMPARE(fake.invoice(id)->statusCode, int(FakeCoinRemitter::Pending));
    m_clock += 60000;
    const QJsonObject inv =
        postJson(fake.url(QStringLiteral("/v1/invoice/get")), {{QStringLiteral("invoice_id"), id}}, kTrc20)
            .object()
            .value(QStringLiteral("data"))
            .toObject();
    QCOMPARE(inv.value(QStringLiteral("status")).toString(), QStringLiteral("Expired"));
    QCOMPARE(inv.value(QStringLiteral("status_code")).toInt(), 4);
}

void TestFakes::remitterRates()
{
    FakeCoinRemitter fake;
    addWallets(fake);
    QVERIFY(fake.start());
    // /rate/* needs no credentials and takes GET as well as POST.
    const Response viaGet =
        get(fake.url(QStringLiteral("/v1/rate/fiat-to-crypto?fiat=USD&fiat_amount=50&crypto=USDTTRC20")));
    QCOMPARE(viaGet.status, 200);
    const QJsonArray list = viaGet.object().value(QStringLiteral("data")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(
        list.at(0).toObject().value(QStringLiteral("short_name")).toString(), QStringLiteral("USDTTRC20"));
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("price")).toString(), QStringLiteral("49.99500050"));
    const Response viaPost = postJson(fake.url(QStringLiteral("/v1/rate/fiat-to-crypto")),
        {{QStringLiteral("fiat"), QStringLiteral("USD")}, {QStringLiteral("fiat_amount"), 50}});
    QVERIFY(viaPost.object().value(QStringLiteral("data")).toArray().size() > 3);

    const Response toFiat = postJson(fake.url(QStringLiteral("/v1/rate/crypto-to-fiat")),
        {{QStringLiteral("crypto"), QStringLiteral("USDTTRC20")},
            {QStringLiteral("crypto_amount"), QStringLiteral("100")},
            {QStringLiteral("fiat"), QStringLiteral("USD")}});
    const QJsonObject usd = toFiat.object().value(QStringLiteral("data")).toArray().at(0).toObject();
    QCOMPARE(usd.value(QStringLiteral("code")).toString(), QStringLiteral("USD"));
    QCOMPARE(usd.value(QStringLiteral("currency")).toString(), QStringLiteral("United States Dollar"));
    QCOMPARE(usd.value(QStringLiteral("amount")).toString(), QStringLiteral("100.01"));

    const Response missing =
        get(fake.url(QStringLiteral("/v1/rate/crypto-to-fiat?crypto=USDTTRC20&fiat=USD")));
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.object().value(QStringLiteral("error_code")).toInt(), 1001);

    const Response supported = get(fake.url(QStringLiteral("/v1/rate/supported-currency")));
    bool found = false;
    for (const auto& v : supported.object().value(QStringLiteral("data")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("coin_symbol")).toString() == QLatin1String("USDTERC20")) {
            found = true;
            QCOMPARE(c.value(QStringLiteral("minimum_deposit_amount")).toString(), QStringLiteral("3.1"));
            QVERIFY(c.value(QStringLiteral("fees")).toObject().contains(QStringLiteral("priority")));
        }
    }
    QVERIFY(found);
}

void TestFakes::remitterAddresses()
{
    FakeCoinRemitter fake;
    addWallets(fake);
    QVERIFY(fake.start());
    const Response created = postJson(fake.url(QStringLiteral("/v1/wallet/address/create")),
        {{QStringLiteral("label"), QStringLiteral("user_42")}}, kTrc20);
    const QJsonObject data = created.object().value(QStringLiteral("data")).toObject();
    const QString address = data.value(QStringLiteral("address")).toString();
    QCOMPARE(address.size(), 34);
    QVERIFY(address.startsWith(QLatin1Char('T')));
    QCOMPARE(data.value(QStringLiteral("label")).toString(), QStringLiteral("user_42"));
    QVERIFY(data.value(QStringLiteral("expire_on_timestamp")).isDouble());
    QVERIFY(data.value(QStringLiteral("remaining_address_limit")).isDouble());
    QCOMPARE(fake.addresses(QStringLiteral("USDTTRC20")), QStringList {address});

    const QUrl validate = fake.url(QStringLiteral("/v1/wallet/address/validate"));
    QCOMPARE(postJson(validate, {{QStringLiteral("address"), address}}, kTrc20)
                 .object()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("valid"))
                 .toBool(),
        true);
    QCOMPARE(postJson(validate, {{QStringLiteral("address"), address}}, kErc20)
                 .object()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("valid"))
                 .toBool(),
        false);
}

void TestFakes::remitterWebhooks()
{
    FakeCoinRemitter fake;
    addWallets(fake);
    QVERIFY(fake.start());

    struct Received
    {
        QByteArray contentType;
        QByteArray body;
    };
    QList<Received> received;
    QHttpServer receiver;
    receiver.route(QStringLiteral("/notify"), QHttpServerRequest::Method::Post,
        [&received](const QHttpServerRequest& request) {
            received.append({request.value("content-type"), request.body()});
            return QHttpServerResponse(QHttpServerResponder::StatusCode::Ok);
        });
    const quint16 port = receiver.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port != 0);
    QUrl target;
    target.setScheme(QStringLiteral("http"));
    target.setHost(QStringLiteral("127.0.0.1"));
    target.setPort(port);
    target.setPath(QStringLiteral("/notify"));

    const QString id = postJson(fake.url(QStringLiteral("/v1/invoice/create")),
        {{QStringLiteral("amount"), QStringLiteral("10")},
            {QStringLiteral("fiat_currency"), QStringLiteral("USD")}},
        kTrc20)
                           .object()
                           .value(QStringLiteral("data"))
                           .toObject()
                           .value(QStringLiteral("invoice_id"))
                           .toString();
    QVERIFY(fake.setInvoiceStatus(id, FakeCoinRemitter::Paid));

    int status = -1;
    fake.sendInvoiceWebhook(target, id, this, [&status](int httpStatus) { status = httpStatus; });
    QTRY_COMPARE(status, 200);
    QCOMPARE(received.size(), 1);
    QVERIFY(received.at(0).contentType.startsWith("multipart/form-data; boundary="));
    const FakeMultipart::Fields fields =
        FakeMultipart::parse(received.at(0).body, received.at(0).contentType);
    QCOMPARE(FakeMultipart::value(fields, QStringLiteral("invoice_id")), id);
    QCOMPARE(FakeMultipart::value(fields, QStringLiteral("status_code")), QStringLiteral("1"));
    QCOMPARE(FakeMultipart::value(fields, QStringLiteral("status")), QStringLiteral("Paid"));
    QCOMPARE(FakeMultipart::value(fields, QStringLiteral("coin_symbol")), QStringLiteral("USDTTRC20"));
    QCOMPARE(FakeMultipart::value(fields, QStringLiteral("total_amount[USD]")), QStringLiteral("10.00"));
    QCOMPARE(
        FakeMultipart::value(fields, QStringLiteral("paid_amount[USDTTRC20]")), QStringLiteral("9.99900010"));
    QVERIFY(!FakeMultipart::value(fields, QStringLiteral("payment_history[0][txid]")).isEmpty());
    QCOMPARE(fields, fake.webhookFields(id));
    QVERIFY(!received.at(0).body.contains("signature")); // CoinRemitter signs nothing

    // A forged notification carries whatever the sender wants.
    status = -1;
    fake.sendForgedWebhook(target,
        {{QStringLiteral("invoice_id"), QStringLiteral("FORGED1")},
            {QStringLiteral("status_code"), QStringLiteral("1")},
            {QStringLiteral("paid_amount[USDTTRC20]"), QStringLiteral("1000000")}},
        this, [&status](int httpStatus) { status = httpStatus; });
    QTRY_COMPARE(status, 200);
    QCOMPARE(received.size(), 2);
    const FakeMultipart::Fields forged =
        FakeMultipart::parse(received.at(1).body, received.at(1).contentType);
    QCOMPARE(FakeMultipart::value(forged, QStringLiteral("invoice_id")), QStringLiteral("FORGED1"));

    // Unknown invoice or unreachable target: done() still runs, with 0.
    status = -1;
    fake.sendInvoiceWebhook(
        target, QStringLiteral("nope123"), this, [&status](int httpStatus) { status = httpStatus; });
    QTRY_COMPARE(status, 0);
    QCOMPARE(received.size(), 2);
}

// --- executable -----------------------------------------------------------------------------

void TestFakes::executablePrintsUrlsAndStopsOnStdinEof()
{
    const QString binary = qEnvironmentVariable("FINAGENT_FAKES_BINARY");
    if (binary.isEmpty())
        QSKIP("FINAGENT_FAKES_BINARY is not set (run through ctest)");
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FAKE_COINREMITTER_TRC20_KEY"), QStringLiteral("env-trc20-key"));
    environment.insert(QStringLiteral("FAKE_COINREMITTER_TRC20_PASSWORD"), QStringLiteral("env-trc20-pass"));
    process.setProcessEnvironment(environment);
    process.start(binary, {});
    QTRY_VERIFY(process.state() == QProcess::Running);
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
    const QJsonObject urls = QJsonDocument::fromJson(process.readLine()).object();
    for (const char* key : {"binance", "coingecko", "coinremitter"})
        QVERIFY2(
            urls.value(QLatin1String(key)).toString().startsWith(QStringLiteral("http://127.0.0.1:")), key);

    const QUrl binance(urls.value(QStringLiteral("binance")).toString());
    const Response price =
        get(QUrl(binance.toString() + QStringLiteral("/api/v3/ticker/price?symbol=BTCUSDT")));
    QCOMPARE(price.status, 200);
    QVERIFY(price.object().value(QStringLiteral("price")).toString().startsWith(QStringLiteral("67")));
    const QUrl gecko(urls.value(QStringLiteral("coingecko_api")).toString() + QStringLiteral("/ping"));
    QCOMPARE(get(gecko).status, 200);
    const QUrl remitter(
        urls.value(QStringLiteral("coinremitter_api")).toString() + QStringLiteral("/wallet/balance"));
    const Response balance =
        postJson(remitter, {}, {{"x-api-key", "env-trc20-key"}, {"x-api-password", "env-trc20-pass"}});
    QCOMPARE(balance.object().value(QStringLiteral("success")).toBool(), true);
    QCOMPARE(balance.object()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("coin_symbol"))
                 .toString(),
        QStringLiteral("USDTTRC20"));

    process.closeWriteChannel();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

QTEST_MAIN(TestFakes)
#include "tst_fakes.moc"
