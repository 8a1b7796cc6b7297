#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

// One row of the invoices table. Amounts are decimal strings ("12.50"), never floating point;
// times are milliseconds since the Unix epoch (UTC).
struct InvoiceRecord
{
    QString id; // ours: "inv_" + 16 base32 characters, made by the invoice service
    QString provider; // "sandbox", "coinremitter", ...
    std::optional<QString> providerInvoiceId;
    QString network; // "TRC20", "ERC20", ...
    QString coin; // "USDTTRC20", ...
    std::optional<QString> amountUsd;
    std::optional<QString> amountCoin;
    QString amountCurrency; // "USD" or the coin: which amount the caller specified
    QString paidAmount = QStringLiteral("0");
    QString status = QStringLiteral("pending"); // see statuses()
    QString description;
    QString paymentUrl;
    QString address;
    std::optional<QString> idempotencyKey;
    std::optional<QString> requestHash; // hash of the creating request, to spot a reused key
    QString client; // MCP client name, or "desktop"
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 expiresAt = 0;
    std::optional<qint64> paidAt;
    std::optional<qint64> nextCheckAt; // when the provider should next be asked; null: never
    int checkFailures = 0;
    int version = 1; // bumped by every status update (optimistic concurrency)

    bool operator==(const InvoiceRecord& other) const;
    bool operator!=(const InvoiceRecord& other) const { return !(*this == other); }

    // pending, paid, underpaid, overpaid, expired, cancelled
    static const QStringList& statuses();
    // Statuses that can still change when the provider is asked again: pending, underpaid.
    static const QStringList& openStatuses();
    // Where a status change came from: create, refresh, webhook, simulate, expiry, cancel.
    static const QStringList& eventSources();
};

// One row of invoice_events: the history of an invoice's status.
struct InvoiceEvent
{
    qint64 id = 0;
    QString invoiceId;
    qint64 at = 0;
    std::optional<QString> fromStatus; // null for the "create" event
    QString toStatus;
    QString source;
    QString details; // JSON object as text
};

struct CreateInvoiceResult
{
    InvoiceRecord invoice;
    bool created = false; // false: the idempotency key was known and this is the original invoice
};
