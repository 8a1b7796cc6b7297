#include "marketfixture.h"

#include "market/markettools.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

MarketFixture::MarketFixture(
    const QMap<QString, QString>& secretValues, const QMap<QString, QVariant>& overrides)
{
    QVERIFY2(binance.start(), "fake Binance could not listen");
    QVERIFY2(coingecko.start(), "fake CoinGecko could not listen");
    binance.setClock([this]() { return clock; });
    coingecko.setClock([this]() { return clock; });
    settings = std::make_unique<Settings>(env.configDir());
    settings->setOverride(QStringLiteral("market.binance_url"), binance.baseUrl().toString());
    settings->setOverride(QStringLiteral("market.binance_futures_url"), binance.baseUrl().toString());
    settings->setOverride(QStringLiteral("market.coingecko_url"), coingecko.baseUrl().toString());
    settings->setOverride(QStringLiteral("market.coingecko_tier"), QStringLiteral("keyless"));
    settings->setOverride(QStringLiteral("market.timeout_ms"), 5000);
    for (auto it = overrides.constBegin(); it != overrides.constEnd(); ++it)
        settings->setOverride(it.key(), it.value());
    for (auto it = secretValues.constBegin(); it != secretValues.constEnd(); ++it)
        secrets.values.insert(it.key(), it.value());

    service = std::make_unique<MarketDataService>(nam, *settings, secrets);
    service->setClock([this]() { return clock; });
    service->setRetryPolicy(2, 10);
    // The suites make more CoinGecko calls per minute than a keyless plan allows.
    service->setRateLimit(QStringLiteral("coingecko"), 1000);

    registry.tools().setStrictOutput(true);
    registerMarketTools(registry, *service, *settings);
    server = std::make_unique<McpServer>(ServerIdentity {QStringLiteral("finagent"),
                                             QStringLiteral("FinAgent"), QStringLiteral("test"), QString()},
        &registry);
    client = std::make_unique<InProcessClient>(*server);
    client->initialize();
}

MarketFixture::~MarketFixture()
{
    client.reset();
    server.reset();
    service.reset();
}

QJsonObject MarketFixture::call(const QString& tool, const QJsonObject& arguments)
{
    return client->callTool(tool, arguments, 20000);
}

qint64 MarketFixture::stat(const QString& provider, const QString& counter) const
{
    return qint64(service->stats()
                      .value(QStringLiteral("providers"))
                      .toObject()
                      .value(provider)
                      .toObject()
                      .value(counter)
                      .toDouble());
}

QJsonObject structured(const QJsonObject& result)
{
    return result.value(QStringLiteral("structuredContent")).toObject();
}

bool isError(const QJsonObject& result)
{
    return result.value(QStringLiteral("isError")).toBool();
}

QJsonObject errorJson(const QJsonObject& result)
{
    const QJsonArray content = result.value(QStringLiteral("content")).toArray();
    if (content.size() < 2)
        return {};
    return QJsonDocument::fromJson(content.at(1).toObject().value(QStringLiteral("text")).toString().toUtf8())
        .object();
}

QString errorCode(const QJsonObject& result)
{
    const QString text = result.value(QStringLiteral("content"))
                             .toArray()
                             .at(0)
                             .toObject()
                             .value(QStringLiteral("text"))
                             .toString();
    const qsizetype open = text.lastIndexOf(QLatin1Char('['));
    if (open < 0 || !text.endsWith(QLatin1Char(']')))
        return {};
    return text.mid(open + 1, text.size() - open - 2);
}

QString errorMessage(const QJsonObject& result)
{
    return result.value(QStringLiteral("content"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}

QJsonObject errorDetails(const QJsonObject& result)
{
    return errorJson(result).value(QStringLiteral("details")).toObject();
}
