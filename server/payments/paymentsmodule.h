#pragma once

#include "payments/paymentsconfig.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

class CoinRemitterProvider;
class CoinRemitterWebhook;
class Database;
class HttpEndpoint;
class InvoiceService;
class McpRegistry;
class PaymentProvider;
class QNetworkAccessManager;
class RecentInvoiceIds;
class SandboxPage;
class SandboxProvider;
class SecretStore;
struct SubsystemHealth;

// The payments area's object graph: the configured provider, the invoice service and what serves
// them (tools, HTTP routes, health). The runtime and the tests build it the same way.
class PaymentsModule : public QObject
{
    Q_OBJECT
public:
    PaymentsModule(Database& db, QNetworkAccessManager& network, SecretStore& secrets, PaymentsConfig config,
        QObject* parent = nullptr);

    InvoiceService& service() { return *m_service; }
    PaymentProvider& provider() { return *m_provider; }
    SandboxProvider* sandbox() const { return m_sandbox; } // null unless the provider is the sandbox
    CoinRemitterProvider* coinremitter() const { return m_coinremitter; } // null unless CoinRemitter
    const PaymentsConfig& config() const { return m_config; }

    void registerTools(McpRegistry& registry);
    // The sandbox payment page (GET, public) and, with `webhook`, POST /webhooks/coinremitter.
    void addRoutes(HttpEndpoint& endpoint, bool webhook);
    // For HealthMonitor::addProbe("payments", ...): provider, wallets configured/missing, last refresh.
    void probe(QObject* ctx, std::function<void(SubsystemHealth)> done);

private:
    PaymentsConfig m_config;
    PaymentProvider* m_provider = nullptr;
    SandboxProvider* m_sandbox = nullptr;
    CoinRemitterProvider* m_coinremitter = nullptr;
    InvoiceService* m_service = nullptr;
    RecentInvoiceIds* m_ids = nullptr;
    SandboxPage* m_page = nullptr;
    CoinRemitterWebhook* m_webhook = nullptr;
};
