#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

struct InvoiceItem;

// Invoices as CSV (RFC 4180): a header row of stable column names, one row per invoice, CRLF line
// ends, UTF-8. Amounts are the exact decimal strings (never reformatted), times ISO-8601 in UTC.
// Free text that a spreadsheet would run as a formula (a description starting with =, +, -, @) gets
// a leading apostrophe, as spreadsheet programs expect.
namespace InvoiceCsv
{

// The column names of the header row.
QStringList columns();
// One field, quoted when it holds a comma, a quote, CR or LF (quotes doubled).
QString field(const QString& value);
// The whole file.
QByteArray document(const QList<InvoiceItem>& items);
// Writes the file atomically (a failed write leaves an existing file as it was).
Result<void> write(const QString& path, const QList<InvoiceItem>& items);

} // namespace InvoiceCsv
