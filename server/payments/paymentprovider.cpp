#include "payments/paymentprovider.h"

#include "storage/invoicerecord.h"

PaymentProvider::~PaymentProvider() = default;

Result<QString> PaymentProvider::verifyWebhook(const QByteArray&, const QByteArray&) const
{
    return Error(QStringLiteral("webhooks_not_supported"),
        QStringLiteral("The %1 provider does not take webhooks.").arg(displayName()));
}

void PaymentProvider::confirmWebhook(const InvoiceRecord& invoice, QObject* ctx, Done<ProviderInvoice> done)
{
    getInvoice(invoice, ctx, std::move(done));
}
