#pragma once

#include "coinremittertypes.h"
#include "fakemultipart.h"
#include "fakeupstream.h"

#include <QHash>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStringList>

#include <functional>

class QNetworkAccessManager;

// Fake CoinRemitter API v1 (/v1/...). Every call is a POST with a JSON, form or multipart body;
// /v1/rate/* also answers GET. Wallets authenticate with the x-api-key and x-api-password
// headers; bad credentials get HTTP 200 with success:false and error_code 1003, as CoinRemitter
// does. Every answer carries x-ratelimit-limit and x-ratelimit-remaining; over the limit it is
// HTTP 429 {"message":"Too Many Attempts."}.
//
// Endpoints: wallet/balance, wallet/address/create, wallet/address/validate, invoice/create,
// invoice/get, rate/fiat-to-crypto, rate/crypto-to-fiat, rate/supported-currency.
// Error envelope: {"success":false,"error":<type>,"error_code":<int>,"msg":<text>} with types
// validation_error (1001, HTTP 400), server_error (1002, HTTP 500), invalid_credentials
// (1003, HTTP 200) and not_found (1005, HTTP 404).
class FakeCoinRemitter : public FakeUpstream
{
    Q_OBJECT

public:
    using Wallet = FakeCoinRemitterData::Wallet;
    using Invoice = FakeCoinRemitterData::Invoice;
    using Payment = FakeCoinRemitterData::Payment;

    enum InvoiceStatus
    {
        Pending = 0,
        Paid = 1,
        UnderPaid = 2,
        OverPaid = 3,
        Expired = 4,
        Cancelled = 5,
    };
    static QString statusText(int statusCode); // "Pending", "Paid", "Under Paid", ...

    explicit FakeCoinRemitter(QObject* parent = nullptr);

    // --- wallets and rates ------------------------------------------------------------------
    // One wallet per coin, as on CoinRemitter. Adding a coin twice replaces the wallet.
    void addWallet(const QString& coinSymbol, const QString& apiKey, const QString& password,
        const QString& balance = QStringLiteral("0.00000000"));
    QStringList walletCoins() const;
    std::optional<Wallet> wallet(const QString& coinSymbol) const;
    void setBalance(const QString& coinSymbol, const QString& balance);
    QString balance(const QString& coinSymbol) const;
    // Price of one `coin` in `fiat` as an exact decimal string ("1.00010000"). Without it the
    // rate is the coin's catalogue USD price times the fiat's rate per dollar.
    void setRate(const QString& coin, const QString& fiat, const QString& rate);
    QString rate(const QString& coin, const QString& fiat) const; // empty when unknown
    QStringList addresses(const QString& coinSymbol) const; // made by wallet/address/create

    // --- limits and strictness --------------------------------------------------------------
    void setRateLimitPerMinute(int calls) { m_rateLimit = calls; } // default 100 (free plan)
    int rateLimitRemaining();
    // Refuse notify/success/fail URLs on localhost or private addresses (1001), as CoinRemitter
    // is reported to do. Off by default so tests can point notify_url at a local server.
    void setRejectNonPublicUrls(bool reject) { m_rejectPrivateUrls = reject; }

    // --- invoices ---------------------------------------------------------------------------
    // Moves an invoice to `statusCode` (see InvoiceStatus). `paidAmount` (coin units) becomes
    // the paid total; a rise adds a payment_history entry. Without it: Paid pays the total,
    // Over Paid the total plus 10%, Under Paid half of it, the others leave it as it is.
    bool setInvoiceStatus(const QString& invoiceId, int statusCode, const QString& paidAmount = QString());
    std::optional<Invoice> invoice(const QString& invoiceId);
    QStringList invoiceIds() const { return m_invoiceOrder; }
    // The invoice as /invoice/get returns it in "data".
    QJsonObject invoiceJson(const QString& invoiceId);

    // --- webhooks ---------------------------------------------------------------------------
    // POSTs the invoice as multipart/form-data to `target`, as CoinRemitter calls notify_url:
    // the fields of invoiceJson(), nested ones flattened PHP-style (total_amount[USDTTRC20],
    // payment_history[0][txid]). No signature. `done` gets the HTTP status (0 on a network error
    // or unknown invoice) unless `context` is gone by then.
    void sendInvoiceWebhook(const QUrl& target, const QString& invoiceId, QObject* context,
        std::function<void(int httpStatus)> done);
    // Same delivery with arbitrary fields, to test that the receiver trusts nothing in the body.
    void sendForgedWebhook(const QUrl& target, const FakeMultipart::Fields& fields, QObject* context,
        std::function<void(int httpStatus)> done);
    // The multipart fields sendInvoiceWebhook would send.
    FakeMultipart::Fields webhookFields(const QString& invoiceId);

protected:
    Reply handle(const RecordedRequest& request) override;
    Reply failureReply(Failure failure, int retryAfterSeconds, const RecordedRequest& request) override;
    void finishReply(Reply& reply, const RecordedRequest& request) override;

private:
    using Params = QHash<QString, QString>;

    static Reply success(const QJsonValue& data);
    static Reply failure(int code, const QString& message);
    static Reply laravelMessage(int status, const QString& message);
    bool parseParams(const RecordedRequest& request, Params& out) const;
    Wallet* authenticate(const RecordedRequest& request);
    void rollWindow();
    QString dateText(qint64 ms) const;
    QString randomHex(int length);
    QString randomAlnum(int length);
    QString newAddress(const QString& coinSymbol);
    void refreshExpiry(Invoice& invoice);
    std::optional<qint64> rateUnits(const QString& coin, const QString& fiat) const;
    QJsonObject walletJson(const Wallet& wallet) const;
    QString urlProblem(const QString& field, const QString& value) const;
    void postForm(const QUrl& target, const FakeMultipart::Fields& fields, QObject* context,
        std::function<void(int)> done);

    Reply walletBalance(const Wallet& wallet);
    Reply createAddress(const Wallet& wallet, const Params& params);
    Reply validateAddress(const Wallet& wallet, const Params& params);
    Reply createInvoice(const Wallet& wallet, const Params& params);
    Reply getInvoice(const Wallet& wallet, const Params& params);
    Reply fiatToCrypto(const Params& params);
    Reply cryptoToFiat(const Params& params, const RecordedRequest& request);
    Reply supportedCurrencies();

    QHash<QString, Wallet> m_wallets; // by coin symbol
    QHash<QString, QString> m_rates; // "COIN|FIAT" -> decimal string
    QHash<QString, QStringList> m_addresses;
    QHash<QString, Invoice> m_invoices; // by invoice_id
    QStringList m_invoiceOrder;
    QString m_merchantId;
    int m_rateLimit = 100;
    qint64 m_windowStart = -1;
    int m_windowCalls = 0;
    bool m_rejectPrivateUrls = false;
    QRandomGenerator m_random {20250101u};
    QNetworkAccessManager* m_network = nullptr;
};
