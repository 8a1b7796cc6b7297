#include "storage/invoicerecord.h"

#include <tuple>

namespace
{

auto fields(const InvoiceRecord& r)
{
    return std::tie(r.id, r.provider, r.providerInvoiceId, r.network, r.coin, r.amountUsd, r.amountCoin,
        r.amountCurrency, r.paidAmount, r.status, r.description, r.paymentUrl, r.address, r.idempotencyKey,
        r.requestHash, r.client, r.createdAt, r.updatedAt, r.expiresAt, r.paidAt, r.nextCheckAt,
        r.checkFailures, r.version);
}

} // namespace

bool InvoiceRecord::operator==(const InvoiceRecord& other) const
{
    return fields(*this) == fields(other);
}

const QStringList& InvoiceRecord::statuses()
{
    static const QStringList list {QStringLiteral("pending"), QStringLiteral("paid"),
        QStringLiteral("underpaid"), QStringLiteral("overpaid"), QStringLiteral("expired"),
        QStringLiteral("cancelled")};
    return list;
}

const QStringList& InvoiceRecord::openStatuses()
{
    static const QStringList list {QStringLiteral("pending"), QStringLiteral("underpaid")};
    return list;
}

const QStringList& InvoiceRecord::eventSources()
{
    static const QStringList list {QStringLiteral("create"), QStringLiteral("refresh"),
        QStringLiteral("webhook"), QStringLiteral("simulate"), QStringLiteral("expiry"),
        QStringLiteral("cancel")};
    return list;
}
