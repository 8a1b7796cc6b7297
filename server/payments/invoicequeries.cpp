#include "payments/invoicequeries.h"

#include "storage/invoicerepository.h"
#include "storage/sqlexec.h"

namespace InvoiceQueries
{

Result<std::optional<InvoiceRecord>> findByIdempotencyKeyJob(QSqlDatabase& db, const QString& key)
{
    Result<QVariant> id =
        Storage::scalar(db, QStringLiteral("SELECT id FROM invoices WHERE idempotency_key = ?"), {key},
            QStringLiteral("Looking up an idempotency key"));
    if (!id)
        return id.error();
    if (!id.value().isValid() || id.value().isNull())
        return std::optional<InvoiceRecord>();
    Result<InvoiceRecord> found = InvoiceRepository::getJob(db, id.value().toString());
    if (!found)
        return found.error();
    return std::optional<InvoiceRecord>(found.takeValue());
}

} // namespace InvoiceQueries
