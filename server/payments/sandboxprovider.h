#pragma once

#include "payments/paymentprovider.h"

#include <functional>

class Database;

// The embedded default provider: real invoices in the local database, each with its own
// sandbox address and a payment page on FinAgent's HTTP endpoint, paid by simulation
// (simulate_payment, `finagent sandbox pay`, the window). USD amounts convert 1:1 into USD
// stablecoins (USDT, USDC); other coins take amounts in their own unit only.
class SandboxProvider : public PaymentProvider
{
    Q_OBJECT
public:
    SandboxProvider(Database& db, NetworkCatalog networks, QString pageBaseUrl, QObject* parent = nullptr);

    QString name() const override { return QStringLiteral("sandbox"); }
    QString displayName() const override { return QStringLiteral("Sandbox (simulated payments)"); }
    const NetworkCatalog& networks() const override { return m_networks; }
    bool needsPolling() const override { return false; }

    void createInvoice(
        const ProviderInvoiceRequest& request, QObject* ctx, Done<ProviderInvoice> done) override;
    void getInvoice(const InvoiceRecord& invoice, QObject* ctx, Done<ProviderInvoice> done) override;
    // The sum of the simulated payments on the network.
    void balance(const PaymentNetwork& network, QObject* ctx, Done<WalletBalance> done) override;
    void walletStatus(QObject* ctx, std::function<void(QJsonObject)> done) override;

    // Where payment pages are served: <base>/sandbox/pay/<invoice id>.
    void setPageBaseUrl(const QString& base) { m_pageBase = base; }
    QString pageBaseUrl() const { return m_pageBase; }
    static QString pagePath() { return QStringLiteral("/sandbox/pay/"); }

    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    // The sandbox's conversion: 1 USD is 1 unit of a USD stablecoin.
    static bool isUsdStablecoin(const QString& ticker);

private:
    Database& m_db;
    NetworkCatalog m_networks;
    QString m_pageBase;
    std::function<qint64()> m_clock;
};
