#pragma once

#include "payments/coinremitterclient.h"
#include "payments/paymentprovider.h"

#include <QHash>

class QNetworkAccessManager;
class SecretStore;
struct PaymentsConfig;

// CoinRemitter (API v1) as a payment provider. One wallet per coin, each with its own API key
// and password from the secret store (coinremitter/<COIN>/api_key and .../password); they are
// kept in memory for a while and forgotten when CoinRemitter rejects them or they change.
class CoinRemitterProvider : public PaymentProvider
{
    Q_OBJECT
public:
    CoinRemitterProvider(QNetworkAccessManager& nam, SecretStore& secrets, const PaymentsConfig& config,
        QObject* parent = nullptr);

    QString name() const override { return QStringLiteral("coinremitter"); }
    QString displayName() const override { return QStringLiteral("CoinRemitter"); }
    const NetworkCatalog& networks() const override { return m_networks; }
    bool needsPolling() const override { return true; }

    // POST /invoice/create: amount in USD (fiat_currency=USD) or in the coin, custom_data1 = our
    // invoice id, notify_url when a public URL is set. Never retried.
    void createInvoice(
        const ProviderInvoiceRequest& request, QObject* ctx, Done<ProviderInvoice> done) override;
    // POST /invoice/get with the wallet of the invoice's coin.
    void getInvoice(const InvoiceRecord& invoice, QObject* ctx, Done<ProviderInvoice> done) override;
    // POST /wallet/balance, and /rate/fiat-to-crypto for the value in US dollars.
    void balance(const PaymentNetwork& network, QObject* ctx, Done<WalletBalance> done) override;
    // The invoice_id field of CoinRemitter's multipart (or form) callback; nothing else is read.
    Result<QString> verifyWebhook(const QByteArray& contentType, const QByteArray& body) const override;
    void walletStatus(QObject* ctx, std::function<void(QJsonObject)> done) override;

    CoinRemitterClient& client() { return *m_client; }
    void forgetCredentials(const QString& coin = QString());

    // The invoice in CoinRemitter's answer, in FinAgent's words.
    static Result<ProviderInvoice> parseInvoice(const QJsonValue& data, const PaymentNetwork& network);
    // CoinRemitter status_code -> FinAgent status; empty when unknown.
    static QString statusFor(int statusCode);

private:
    using CredentialsDone = std::function<void(Result<CoinRemitterCredentials>)>;
    void credentials(const QString& coin, QObject* ctx, CredentialsDone done);
    // Reads the wallet's credentials, then posts; a 1003 answer forgets them.
    void walletCall(const QString& coin, const QString& path, const QJsonObject& body, bool safe,
        QObject* ctx, CoinRemitterClient::Done done);

    struct Cached
    {
        CoinRemitterCredentials credentials;
        qint64 readAt = 0;
    };

    SecretStore& m_secrets;
    NetworkCatalog m_networks;
    CoinRemitterClient* m_client = nullptr;
    QHash<QString, Cached> m_credentials; // by coin
};
