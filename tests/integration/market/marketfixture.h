#pragma once

#include "config/settings.h"
#include "fakebinance.h"
#include "fakecoingecko.h"
#include "inprocessclient.h"
#include "market/marketdataservice.h"
#include "market/upstreamfetcher.h"
#include "protocol/mcpregistry.h"
#include "protocol/mcpserver.h"
#include "testenv.h"
#include "testsecretstore.h"

#include <QJsonObject>
#include <QNetworkAccessManager>

#include <memory>

// The market object graph of the app, around fake upstreams: Settings pointing at FakeBinance and
// FakeCoinGecko, a MarketDataService with a hand-driven clock, the market tools in a registry
// with strict output checking, an McpServer and an in-process client.
class MarketFixture
{
public:
    // Builds everything; secrets are set before the service reads them.
    explicit MarketFixture(
        const QMap<QString, QString>& secrets = {}, const QMap<QString, QVariant>& settings = {});
    ~MarketFixture();

    TestEnv env;
    std::unique_ptr<Settings> settings;
    FakeBinance binance;
    FakeCoinGecko coingecko;
    QNetworkAccessManager nam;
    TestSecretStore secrets;
    std::unique_ptr<MarketDataService> service;
    McpRegistry registry;
    std::unique_ptr<McpServer> server;
    std::unique_ptr<InProcessClient> client;

    qint64 clock = 1717243200000; // 2024-06-01T12:00:00Z; tests move it with advance()
    void advance(qint64 ms) { clock += ms; }

    QJsonObject call(const QString& tool, const QJsonObject& arguments = {});
    // Upstream requests the fake saw for a path.
    int binanceRequests(const QString& path) const { return binance.requestCount(path); }
    QJsonObject stats() const { return service->stats(); }
    qint64 stat(const QString& provider, const QString& counter) const;
};

// structuredContent of a tool result (empty for errors).
QJsonObject structured(const QJsonObject& result);
bool isError(const QJsonObject& result);
// The error code of an isError result ("invalid_symbol").
QString errorCode(const QJsonObject& result);
// The error sentence (first text block without the code).
QString errorMessage(const QJsonObject& result);
QJsonObject errorDetails(const QJsonObject& result);
