#pragma once

#include "backend/localbackend.h"
#include "config/settings.h"
#include "fakecoingecko.h"
#include "fakecoinremitter.h"
#include "fakesecretstore.h"
#include "localendpoint.h"
#include "runtime/runtime.h"
#include "testenv.h"
#include "uicontext.h"

#include <QTest>

#include <memory>

// The desktop object graph of the Accounts and Balances pages around the fake upstreams: a Runtime
// in desktop mode whose payments provider and wallets are the given ones, CoinRemitter and
// CoinGecko at FakeCoinRemitter and FakeCoinGecko, a LocalBackend, an endpoint that is not
// started, and the UiContext. The secret store is an in-memory one unless a real one is given.
class WalletGraph
{
public:
    WalletGraph(const QString& provider, const QString& wallets, SecretStore* store = nullptr)
    {
        env.unset("DATABASE_URL");
        coinremitter.start();
        coingecko.start();
        settings = std::make_unique<Settings>(env.configDir());
        settings->setValue(QStringLiteral("payments.provider"), provider);
        settings->setValue(QStringLiteral("payments.wallets"), wallets);
        settings->setValue(QStringLiteral("http.port"), 0);
        settings->setOverride(QStringLiteral("payments.coinremitter_url"),
            QString(coinremitter.baseUrl().toString() + QStringLiteral("/v1")));
        settings->setOverride(QStringLiteral("market.coingecko_url"), coingecko.baseUrl().toString());
        // Nothing here may reach the real Binance.
        settings->setOverride(QStringLiteral("market.binance_url"), QStringLiteral("http://127.0.0.1:9"));
        settings->setOverride(
            QStringLiteral("market.binance_futures_url"), QStringLiteral("http://127.0.0.1:9"));
        settings->setOverride(QStringLiteral("market.timeout_ms"), 5000);
        secrets = store ? store : &memory;
        runtime =
            std::make_unique<Runtime>(*settings, Runtime::Options {Runtime::Mode::Desktop, false, secrets});
        backend = std::make_unique<LocalBackend>(runtime->registry());
        endpoint = std::make_unique<LocalEndpoint>(*runtime, *secrets);
        context = std::make_unique<UiContext>(*backend, *settings, *secrets, *endpoint);
    }

    ~WalletGraph()
    {
        context.reset();
        endpoint.reset();
        backend.reset();
        runtime.reset();
    }

    // The fakes listen and the database is open.
    bool ready() const
    {
        return coinremitter.isListening() && coingecko.isListening()
            && QTest::qWaitFor([this]() { return runtime->databaseReady(); }, 15000);
    }

    TestEnv env;
    FakeCoinRemitter coinremitter;
    FakeCoinGecko coingecko;
    std::unique_ptr<Settings> settings;
    FakeSecretStore memory;
    SecretStore* secrets = nullptr;
    std::unique_ptr<Runtime> runtime;
    std::unique_ptr<LocalBackend> backend;
    std::unique_ptr<LocalEndpoint> endpoint;
    std::unique_ptr<UiContext> context;
};
