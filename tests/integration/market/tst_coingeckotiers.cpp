// CoinGecko plans: the key goes in the right header for the configured tier, wrong-tier and bad-key
// answers become sentences naming the setting to change, the key is re-read when it changes, and
// rate limits (JSON or Cloudflare's HTML page) are honoured.
#include "marketfixture.h"

#include "market/coingeckoclient.h"
#include "security/secretnames.h"

#include <QJsonArray>
#include <QTest>

namespace
{

const QString kKey = QStringLiteral("CG-test-key-0123456789");

QJsonObject priceArgs(const QString& id)
{
    return QJsonObject {{QStringLiteral("ids"), QJsonArray {id}}};
}

QMap<QString, QVariant> tier(const char* name)
{
    return {{QStringLiteral("market.coingecko_tier"), QString::fromLatin1(name)}};
}

} // namespace

class TestCoinGeckoTiers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultHostsPerTier();
    void keylessSendsNoKey();
    void demoKeyInDemoHeader();
    void proKeyInProHeader();
    void demoKeyOnProHostNamesTheTierSetting();
    void proKeyOnPublicHostNamesTheTierSetting();
    void badKeyNamesTheSecret();
    void changedKeyIsReadAgain();
    void htmlRateLimitIsHonoured();
    void budgetFollowsThePlan();
};

void TestCoinGeckoTiers::defaultHostsPerTier()
{
    QCOMPARE(CoinGeckoClient::defaultBaseUrl(CoinGeckoClient::Tier::Keyless).toString(),
        QStringLiteral("https://api.coingecko.com/api/v3"));
    QCOMPARE(CoinGeckoClient::defaultBaseUrl(CoinGeckoClient::Tier::Demo).toString(),
        QStringLiteral("https://api.coingecko.com/api/v3"));
    QCOMPARE(CoinGeckoClient::defaultBaseUrl(CoinGeckoClient::Tier::Pro).toString(),
        QStringLiteral("https://pro-api.coingecko.com/api/v3"));

    TestEnv env;
    Settings settings(env.configDir());
    settings.setOverride(QStringLiteral("market.coingecko_url"), QString());
    settings.setOverride(QStringLiteral("market.coingecko_tier"), QStringLiteral("pro"));
    CoinGeckoClient client(settings);
    // No key stored: the public host, no header.
    QCOMPARE(client.simplePrice({QStringLiteral("bitcoin")}, {QStringLiteral("usd")}, false, false, true)
                 .url.host(),
        QStringLiteral("api.coingecko.com"));
    client.setApiKey(kKey);
    UpstreamRequest r =
        client.simplePrice({QStringLiteral("bitcoin")}, {QStringLiteral("usd")}, false, false, true);
    QCOMPARE(r.url.host(), QStringLiteral("pro-api.coingecko.com"));
    QCOMPARE(r.url.path(), QStringLiteral("/api/v3/simple/price"));
    QCOMPARE(r.headers.size(), 1);
    QCOMPARE(r.headers.first().first, QByteArrayLiteral("x-cg-pro-api-key"));
    QVERIFY(!r.url.toString().contains(kKey));
    QVERIFY(!r.cacheKey.contains(kKey));

    settings.setOverride(QStringLiteral("market.coingecko_tier"), QStringLiteral("demo"));
    r = client.trending();
    QCOMPARE(r.url.toString(), QStringLiteral("https://api.coingecko.com/api/v3/search/trending"));
    QCOMPARE(r.headers.first().first, QByteArrayLiteral("x-cg-demo-api-key"));

    // A base URL setting overrides the host; a bare host gets /api/v3.
    settings.setOverride(QStringLiteral("market.coingecko_url"), QStringLiteral("http://127.0.0.1:9/"));
    QCOMPARE(client.trending().url.toString(), QStringLiteral("http://127.0.0.1:9/api/v3/search/trending"));
    settings.setOverride(
        QStringLiteral("market.coingecko_url"), QStringLiteral("https://proxy.example/cg/api/v3"));
    QCOMPARE(
        client.trending().url.toString(), QStringLiteral("https://proxy.example/cg/api/v3/search/trending"));
}

void TestCoinGeckoTiers::keylessSendsNoKey()
{
    MarketFixture f({{SecretNames::coingeckoKey(), kKey}}, tier("keyless"));
    const QJsonObject r = f.call(QStringLiteral("get_price"), priceArgs(QStringLiteral("bitcoin")));
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QVERIFY(f.coingecko.lastRequest().header("x-cg-demo-api-key").isEmpty());
    QVERIFY(f.coingecko.lastRequest().header("x-cg-pro-api-key").isEmpty());
}

void TestCoinGeckoTiers::demoKeyInDemoHeader()
{
    MarketFixture f({{SecretNames::coingeckoKey(), kKey}}, tier("demo"));
    f.coingecko.setMode(FakeCoinGecko::Mode::Demo);
    f.coingecko.setApiKey(kKey);
    const QJsonObject r = f.call(QStringLiteral("get_price"), priceArgs(QStringLiteral("bitcoin")));
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QCOMPARE(f.coingecko.lastRequest().header("x-cg-demo-api-key"), kKey.toUtf8());
    QVERIFY(f.coingecko.lastRequest().header("x-cg-pro-api-key").isEmpty());
    QVERIFY(!f.coingecko.lastRequest().hasQuery(QStringLiteral("x_cg_demo_api_key")));
}

void TestCoinGeckoTiers::proKeyInProHeader()
{
    MarketFixture f({{SecretNames::coingeckoKey(), kKey}}, tier("pro"));
    f.coingecko.setMode(FakeCoinGecko::Mode::Pro);
    f.coingecko.setApiKey(kKey);
    const QJsonObject r =
        f.call(QStringLiteral("get_coin_data"), {{QStringLiteral("id"), QStringLiteral("ethereum")}});
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QCOMPARE(f.coingecko.lastRequest().header("x-cg-pro-api-key"), kKey.toUtf8());
    QVERIFY(f.coingecko.lastRequest().header("x-cg-demo-api-key").isEmpty());
}

void TestCoinGeckoTiers::demoKeyOnProHostNamesTheTierSetting()
{
    // The host is Pro (the fake says so with 10011) but the tier setting says demo.
    MarketFixture f({{SecretNames::coingeckoKey(), kKey}}, tier("demo"));
    f.coingecko.setMode(FakeCoinGecko::Mode::Pro);
    f.coingecko.setApiKey(kKey);
    const QJsonObject r = f.call(QStringLiteral("get_price"), priceArgs(QStringLiteral("bitcoin")));
    QCOMPARE(errorCode(r), QStringLiteral("coingecko_wrong_tier"));
    QVERIFY2(errorMessage(r).contains(QStringLiteral("market.coingecko_tier (FINAGENT_COINGECKO_TIER)")),
        qPrintable(errorMessage(r)));
    QVERIFY(errorMessage(r).contains(QStringLiteral("Demo key")));
    QCOMPARE(errorDetails(r).value(QStringLiteral("upstream_code")).toInt(), 10011);
    QVERIFY(!errorMessage(r).contains(kKey));
    QCOMPARE(f.coingecko.requestCount(), 1); // a 400 is not retried
}

void TestCoinGeckoTiers::proKeyOnPublicHostNamesTheTierSetting()
{
    MarketFixture f({{SecretNames::coingeckoKey(), kKey}}, tier("pro"));
    f.coingecko.setMode(FakeCoinGecko::Mode::Demo);
    f.coingecko.setApiKey(kKey);
    const QJsonObject r =
        f.call(QStringLiteral("search_coins"), {{QStringLiteral("query"), QStringLiteral("sol")}});
    QCOMPARE(errorCode(r), QStringLiteral("coingecko_wrong_tier"));
    QVERIFY(errorMessage(r).contains(QStringLiteral("market.coingecko_tier")));
    QVERIFY(errorMessage(r).contains(QStringLiteral("Pro key")));
}

void TestCoinGeckoTiers::badKeyNamesTheSecret()
{
    MarketFixture f({{SecretNames::coingeckoKey(), QStringLiteral("CG-wrong")}}, tier("demo"));
    f.coingecko.setMode(FakeCoinGecko::Mode::Demo);
    f.coingecko.setApiKey(kKey);
    const QJsonObject r = f.call(QStringLiteral("get_trending"));
    QCOMPARE(errorCode(r), QStringLiteral("coingecko_key_invalid"));
    QVERIFY(errorMessage(r).contains(QStringLiteral("finagent secrets set coingecko/api_key")));
    QVERIFY(!errorMessage(r).contains(QStringLiteral("CG-wrong")));
}

void TestCoinGeckoTiers::changedKeyIsReadAgain()
{
    MarketFixture f({{SecretNames::coingeckoKey(), QStringLiteral("CG-old")}}, tier("demo"));
    f.coingecko.setMode(FakeCoinGecko::Mode::Demo);
    f.coingecko.setApiKey(kKey);
    QCOMPARE(errorCode(f.call(QStringLiteral("get_price"), priceArgs(QStringLiteral("bitcoin")))),
        QStringLiteral("coingecko_key_invalid"));

    const int readsBefore = f.secrets.reads;
    bool written = false;
    f.secrets.write(SecretNames::coingeckoKey(), kKey, nullptr, [&written](Result<void>) { written = true; });
    QTRY_VERIFY(written);
    QTRY_VERIFY(f.secrets.reads > readsBefore);
    QTRY_VERIFY(f.service->health()
                    .value(QStringLiteral("coingecko"))
                    .toObject()
                    .value(QStringLiteral("api_key_stored"))
                    .toBool());
    const QJsonObject r = f.call(QStringLiteral("get_price"), priceArgs(QStringLiteral("bitcoin")));
    QVERIFY2(!isError(r), qPrintable(errorMessage(r)));
    QCOMPARE(f.coingecko.lastRequest().header("x-cg-demo-api-key"), kKey.toUtf8());
}

void TestCoinGeckoTiers::htmlRateLimitIsHonoured()
{
    MarketFixture f;
    f.coingecko.failNext(FakeUpstream::Failure::HtmlRateLimit429, 1, 30);
    QJsonObject r = f.call(QStringLiteral("get_trending"));
    QCOMPARE(errorCode(r), QStringLiteral("upstream_rate_limited"));
    QVERIFY2(errorMessage(r).contains(QStringLiteral("Cloudflare")), qPrintable(errorMessage(r)));
    QVERIFY(errorMessage(r).contains(QStringLiteral("market.coingecko_tier")));
    QCOMPARE(errorDetails(r).value(QStringLiteral("retry_after")).toInt(), 30);

    f.advance(10000);
    r = f.call(QStringLiteral("get_price"), priceArgs(QStringLiteral("bitcoin")));
    QCOMPARE(errorCode(r), QStringLiteral("upstream_rate_limited"));
    QCOMPARE(f.coingecko.requestCount(), 1);

    f.advance(21000);
    QVERIFY(!isError(f.call(QStringLiteral("get_price"), priceArgs(QStringLiteral("bitcoin")))));
    QCOMPARE(f.coingecko.requestCount(), 2);
}

void TestCoinGeckoTiers::budgetFollowsThePlan()
{
    // Keyless: 10 calls a minute, FinAgent spends 8.
    MarketFixture f;
    f.service->setRateLimit(
        QStringLiteral("coingecko"), CoinGeckoClient::callsPerMinute(CoinGeckoClient::Tier::Keyless));
    int ok = 0;
    QJsonObject refused;
    const QStringList ids = f.coingecko.coinIds();
    for (const QString& id : ids) {
        const QJsonObject r = f.call(QStringLiteral("get_price"), priceArgs(id));
        if (isError(r)) {
            refused = r;
            break;
        }
        ++ok;
    }
    QCOMPARE(ok, 8);
    QCOMPARE(errorCode(refused), QStringLiteral("rate_budget_exhausted"));
    QVERIFY(errorMessage(refused).contains(QStringLiteral("CoinGecko")));
    QCOMPARE(f.coingecko.requestCount(), 8);
    const QJsonObject budget = f.stats()
                                   .value(QStringLiteral("providers"))
                                   .toObject()
                                   .value(QStringLiteral("coingecko"))
                                   .toObject()
                                   .value(QStringLiteral("budget"))
                                   .toObject();
    QCOMPARE(budget.value(QStringLiteral("limit_per_minute")).toInt(), 10);
    QCOMPARE(budget.value(QStringLiteral("allowance_per_minute")).toInt(), 8);
    // The sliding window frees slots a minute after they were used.
    f.advance(60001);
    QVERIFY(!isError(f.call(QStringLiteral("get_price"), priceArgs(ids.last()))));
}

QTEST_GUILESS_MAIN(TestCoinGeckoTiers)
#include "tst_coingeckotiers.moc"
