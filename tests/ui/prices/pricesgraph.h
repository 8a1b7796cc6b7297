#pragma once

#include "backend/localbackend.h"
#include "config/settings.h"
#include "fakebinance.h"
#include "fakecoingecko.h"
#include "market/marketdataservice.h"
#include "market/markettools.h"
#include "pricesdoubles.h"
#include "protocol/mcpregistry.h"
#include "testenv.h"
#include "uicontext.h"

#include <QNetworkAccessManager>

#include <memory>

// The window's market data path around fake upstreams: Settings pointing at FakeBinance and
// FakeCoinGecko, a MarketDataService on a clock the test moves, the market tools in a registry, a
// LocalBackend over it and the UiContext a page gets.
class PricesGraph
{
public:
    explicit PricesGraph(const QString& watchlist = QStringLiteral("BTCUSDT,ETHUSDT"))
    {
        binance.start();
        coingecko.start();
        binance.setClock([this]() { return clock; });
        coingecko.setClock([this]() { return clock; });
        settings = std::make_unique<Settings>(env.configDir());
        settings->setOverride(QStringLiteral("market.binance_url"), binance.baseUrl().toString());
        settings->setOverride(QStringLiteral("market.binance_futures_url"), binance.baseUrl().toString());
        settings->setOverride(QStringLiteral("market.coingecko_url"), coingecko.baseUrl().toString());
        settings->setOverride(QStringLiteral("market.timeout_ms"), 5000);
        settings->setValue(QStringLiteral("ui.watchlist"), watchlist);
        settings->setValue(QStringLiteral("ui.price_refresh_ms"), 60000);

        service = std::make_unique<MarketDataService>(nam, *settings, secrets);
        service->setClock([this]() { return clock; });
        service->setRetryPolicy(1, 10);
        registerMarketTools(registry, *service, *settings);
        backend = std::make_unique<LocalBackend>(registry);
        context = std::make_unique<UiContext>(*backend, *settings, secrets, endpoint);
    }

    ~PricesGraph()
    {
        context.reset();
        backend.reset();
        service.reset();
    }

    bool ready() const { return binance.isListening() && coingecko.isListening(); }
    void advance(qint64 ms) { clock += ms; }

    TestEnv env;
    qint64 clock = 1717243200000; // 2024-06-01T12:00:00Z
    FakeBinance binance;
    FakeCoinGecko coingecko;
    std::unique_ptr<Settings> settings;
    QNetworkAccessManager nam;
    PricesSecretStore secrets;
    PricesEndpoint endpoint;
    std::unique_ptr<MarketDataService> service;
    McpRegistry registry;
    std::unique_ptr<LocalBackend> backend;
    std::unique_ptr<UiContext> context;
};
