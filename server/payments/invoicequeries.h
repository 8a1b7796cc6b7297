#pragma once

#include "core/result.h"
#include "storage/invoicerecord.h"

#include <optional>

class QSqlDatabase;

// Reads of the invoices table that the payments area needs beyond InvoiceRepository. They run
// on the database thread (Database::run / runBlocking).
namespace InvoiceQueries
{

// The invoice stored with this idempotency key, if any.
Result<std::optional<InvoiceRecord>> findByIdempotencyKeyJob(QSqlDatabase& db, const QString& key);

} // namespace InvoiceQueries
