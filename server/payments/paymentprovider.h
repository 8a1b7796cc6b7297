#pragma once

#include "core/decimal.h"
#include "core/result.h"
#include "payments/networkcatalog.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

struct InvoiceRecord;

// What the service asks a provider to create. The amount is in `currency`: "USD" or the
// network's ticker.
struct ProviderInvoiceRequest
{
    QString invoiceId; // ours, "inv_..."
    PaymentNetwork network;
    QString currency;
    Decimal amount;
    QString description;
    int expiresInMinutes = 60;
    QString notifyUrl; // where the provider should call back, or empty
};

// An invoice as the provider sees it. Status is in FinAgent's words (InvoiceRecord::statuses()).
struct ProviderInvoice
{
    QString providerInvoiceId; // empty when the provider is FinAgent itself (sandbox)
    QString paymentUrl;
    QString address; // a raw deposit address, when the provider gives one
    std::optional<Decimal> amountUsd;
    Decimal amountCoin; // in the network's ticker
    QString status = QStringLiteral("pending");
    Decimal paidAmount; // in the network's ticker
    qint64 expiresAt = 0; // ms since the epoch; 0 when the provider does not say
    QJsonObject details; // recorded with status events: provider status code, payment count
};

// A wallet's balance on one network.
struct WalletBalance
{
    PaymentNetwork network;
    Decimal balance; // in the network's ticker
    std::optional<Decimal> usdValue; // when a rate was available
    QString source; // where the number comes from, for a person
    qint64 fetchedAt = 0; // ms since the epoch
};

// A payment provider: makes invoices, reports their status and wallet balances. Every call is
// asynchronous; `done` runs later on ctx's thread, and not at all if ctx is destroyed first.
class PaymentProvider : public QObject
{
    Q_OBJECT
public:
    template<typename T> using Done = std::function<void(Result<T>)>;

    using QObject::QObject;
    ~PaymentProvider() override;

    virtual QString name() const = 0; // "sandbox", "coinremitter": stored with each invoice
    virtual QString displayName() const = 0; // "Sandbox (simulated payments)", "CoinRemitter"
    virtual const NetworkCatalog& networks() const = 0;
    // False when invoices change only through FinAgent itself (the sandbox): then pending
    // invoices are only checked for expiry, never polled.
    virtual bool needsPolling() const = 0;

    // Creates the invoice at the provider. Never retried blindly: a failure whose outcome is
    // unknown says so.
    virtual void createInvoice(
        const ProviderInvoiceRequest& request, QObject* ctx, Done<ProviderInvoice> done) = 0;
    // The provider's current view of an invoice made earlier.
    virtual void getInvoice(const InvoiceRecord& invoice, QObject* ctx, Done<ProviderInvoice> done) = 0;
    virtual void balance(const PaymentNetwork& network, QObject* ctx, Done<WalletBalance> done) = 0;

    // Webhooks. verifyWebhook() reads the provider invoice id a callback is about from its body,
    // as a hint only; confirmWebhook() asks the provider itself for the invoice's state, which
    // is the only thing applied. The defaults refuse webhooks.
    virtual Result<QString> verifyWebhook(const QByteArray& contentType, const QByteArray& body) const;
    virtual void confirmWebhook(const InvoiceRecord& invoice, QObject* ctx, Done<ProviderInvoice> done);

    // For health and the Accounts page: per wallet coin, whether its credentials are there
    // ({"configured":[...], "missing":[...]}).
    virtual void walletStatus(QObject* ctx, std::function<void(QJsonObject)> done) = 0;
};
