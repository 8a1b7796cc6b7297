#pragma once

#include "core/result.h"
#include "storage/invoicefilter.h"
#include "storage/invoicerecord.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

class Database;
class QObject;
class QSqlDatabase;

// Invoices and their status history. Each asynchronous method runs its static *Job counterpart on
// the database thread and hands the result to `done` on ctx's thread (if ctx still exists). The
// jobs take the connection, so other jobs and tests can compose them; writes run in one
// transaction each (and join the caller's transaction when there is one).
//
// Errors: not_found, conflict (stale version), idempotency_key_reused, invalid_argument,
// invalid_cursor, and the database_* codes of Storage::Code.
class InvoiceRepository
{
public:
    explicit InvoiceRepository(Database& db);

    template<typename T> using Done = std::function<void(Result<T>)>;

    // Inserts the invoice and its "create" event together. When invoice.idempotencyKey is already
    // stored, nothing is inserted and the original invoice comes back with created == false;
    // if that original was made from a different request (requestHash differs) the result is the
    // error idempotency_key_reused. The stored version is always 1.
    void create(const InvoiceRecord& invoice, QObject* ctx, Done<CreateInvoiceResult> done);
    void get(const QString& id, QObject* ctx, Done<InvoiceRecord> done);
    void getByProviderId(
        const QString& provider, const QString& providerInvoiceId, QObject* ctx, Done<InvoiceRecord> done);
    // Newest first (created_at DESC, id DESC), keyset-paginated with an opaque cursor.
    void list(const InvoiceFilter& filter, QObject* ctx, Done<InvoicePage> done);
    // Changes status and paid amount if the stored version is still expectedVersion, and records
    // the event in the same transaction. Sets paid_at the first time the invoice becomes paid or
    // overpaid; a final status also clears next_check_at. Returns the updated invoice, or the
    // error "conflict" when another writer got there first.
    void updateStatus(const QString& id, int expectedVersion, const QString& newStatus,
        const QString& paidAmount, const QString& source, const QString& detailsJson, qint64 nowMs,
        QObject* ctx, Done<InvoiceRecord> done);
    // Open invoices (pending, underpaid) whose next_check_at has come, earliest first.
    void dueForRefresh(qint64 nowMs, int limit, QObject* ctx, Done<QList<InvoiceRecord>> done);
    // Sets when to ask the provider next (nullopt: never) and the count of failed checks so far.
    // Does not change the version: it is bookkeeping, not a change of the invoice.
    void scheduleNextCheck(
        const QString& id, std::optional<qint64> nextCheckAt, int failures, QObject* ctx, Done<void> done);
    // The invoice's history, oldest first.
    void events(const QString& id, QObject* ctx, Done<QList<InvoiceEvent>> done);
    // Invoices with updated_at > updatedAfterMs, oldest change first, for UIs that poll for changes
    // made by other processes. Clocks of different processes and commit order can disagree by a
    // little, so pollers should ask again from a few seconds before their last seen updated_at
    // and keep the highest version per id.
    void changedSince(qint64 updatedAfterMs, int limit, QObject* ctx, Done<QList<InvoiceRecord>> done);

    static Result<CreateInvoiceResult> createJob(QSqlDatabase& db, const InvoiceRecord& invoice);
    static Result<InvoiceRecord> getJob(QSqlDatabase& db, const QString& id);
    static Result<InvoiceRecord> getByProviderIdJob(
        QSqlDatabase& db, const QString& provider, const QString& providerInvoiceId);
    static Result<InvoicePage> listJob(QSqlDatabase& db, const InvoiceFilter& filter);
    static Result<InvoiceRecord> updateStatusJob(QSqlDatabase& db, const QString& id, int expectedVersion,
        const QString& newStatus, const QString& paidAmount, const QString& source,
        const QString& detailsJson, qint64 nowMs);
    static Result<QList<InvoiceRecord>> dueForRefreshJob(QSqlDatabase& db, qint64 nowMs, int limit);
    static Result<void> scheduleNextCheckJob(
        QSqlDatabase& db, const QString& id, std::optional<qint64> nextCheckAt, int failures);
    static Result<QList<InvoiceEvent>> eventsJob(QSqlDatabase& db, const QString& id);
    static Result<QList<InvoiceRecord>> changedSinceJob(QSqlDatabase& db, qint64 updatedAfterMs, int limit);

    // The opaque list cursor: base64url of the last row's sort key.
    static QString encodeCursor(qint64 createdAt, const QString& id);

private:
    Database& m_db;
};
