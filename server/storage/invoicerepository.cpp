#include "storage/invoicerepository.h"

#include "storage/database.h"
#include "storage/sqlerror.h"
#include "storage/sqlexec.h"
#include "storage/storagelog.h"
#include "storage/transaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>

using Storage::nullable;
using Storage::optionalInt64;
using Storage::optionalString;

namespace
{

const QString kColumns = QStringLiteral(
    "id, provider, provider_invoice_id, network, coin, amount_usd, amount_coin, amount_currency, paid_amount,"
    " status, description, payment_url, address, idempotency_key, request_hash, client, created_at, "
    "updated_at,"
    " expires_at, paid_at, next_check_at, check_failures, version");

constexpr int kMaxIdLength = 128;

InvoiceRecord readInvoice(const QSqlQuery& q)
{
    InvoiceRecord r;
    r.id = q.value(0).toString();
    r.provider = q.value(1).toString();
    r.providerInvoiceId = optionalString(q.value(2));
    r.network = q.value(3).toString();
    r.coin = q.value(4).toString();
    r.amountUsd = optionalString(q.value(5));
    r.amountCoin = optionalString(q.value(6));
    r.amountCurrency = q.value(7).toString();
    r.paidAmount = q.value(8).toString();
    r.status = q.value(9).toString();
    r.description = q.value(10).toString();
    r.paymentUrl = q.value(11).toString();
    r.address = q.value(12).toString();
    r.idempotencyKey = optionalString(q.value(13));
    r.requestHash = optionalString(q.value(14));
    r.client = q.value(15).toString();
    r.createdAt = q.value(16).toLongLong();
    r.updatedAt = q.value(17).toLongLong();
    r.expiresAt = q.value(18).toLongLong();
    r.paidAt = optionalInt64(q.value(19));
    r.nextCheckAt = optionalInt64(q.value(20));
    r.checkFailures = q.value(21).toInt();
    r.version = q.value(22).toInt();
    return r;
}

Result<QList<InvoiceRecord>> readInvoices(
    QSqlDatabase& db, const QString& sql, const QVariantList& binds, const QString& action)
{
    Result<QSqlQuery> q = Storage::exec(db, sql, binds, action);
    if (!q)
        return q.error();
    QList<InvoiceRecord> out;
    while (q.value().next())
        out.append(readInvoice(q.value()));
    return out;
}

Result<std::optional<InvoiceRecord>> findOne(
    QSqlDatabase& db, const QString& where, const QVariantList& binds, const QString& action)
{
    Result<QList<InvoiceRecord>> rows = readInvoices(db,
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM invoices WHERE ") + where, binds,
        action);
    if (!rows)
        return rows.error();
    if (rows.value().isEmpty())
        return std::optional<InvoiceRecord>();
    return std::optional<InvoiceRecord>(rows.value().constFirst());
}

Error invalid(const QString& message)
{
    return Error(QLatin1String(Storage::Code::InvalidArgument), message);
}

Error notFound(const QString& id)
{
    return Error(QLatin1String(Storage::Code::NotFound),
        QStringLiteral("No invoice with id \"%1\" exists. Check the id, or list invoices to find it.")
            .arg(id),
        QJsonObject {{QStringLiteral("invoice_id"), id}});
}

bool isDecimal(const QString& value)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9]{1,30}(\\.[0-9]{1,30})?$"));
    return pattern.match(value).hasMatch();
}

Result<void> checkDecimal(const char* field, const std::optional<QString>& value)
{
    if (value && !isDecimal(*value))
        return invalid(
            QStringLiteral("%1 \"%2\" is not a decimal amount such as 12.50 (digits, at most one dot, "
                           "no sign or exponent).")
                .arg(QLatin1String(field), *value));
    return {};
}

Result<void> checkStatus(const QString& status)
{
    if (!InvoiceRecord::statuses().contains(status))
        return invalid(QStringLiteral("\"%1\" is not an invoice status; use one of %2.")
                           .arg(status, InvoiceRecord::statuses().join(QStringLiteral(", "))));
    return {};
}

Result<QString> normaliseDetails(const QString& detailsJson)
{
    if (detailsJson.trimmed().isEmpty())
        return QStringLiteral("{}");
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(detailsJson.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(QStringLiteral("The event details must be a JSON object."));
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

Result<void> validateNew(const InvoiceRecord& r)
{
    const auto required = [](const char* field, const QString& value) -> Result<void> {
        if (value.trimmed().isEmpty())
            return invalid(QStringLiteral("The invoice has no %1.").arg(QLatin1String(field)));
        return {};
    };
    for (const auto& [field, value] : {std::pair<const char*, QString> {"id", r.id}, {"provider", r.provider},
             {"network", r.network}, {"coin", r.coin}, {"amount_currency", r.amountCurrency}}) {
        const Result<void> ok = required(field, value);
        if (!ok)
            return ok;
    }
    if (r.id.size() > kMaxIdLength)
        return invalid(QStringLiteral("The invoice id is longer than %1 characters.").arg(kMaxIdLength));
    if (!r.amountUsd && !r.amountCoin)
        return invalid(
            QStringLiteral("The invoice has neither amount_usd nor amount_coin; give at least one."));
    for (const Result<void>& ok :
        {checkDecimal("amount_usd", r.amountUsd), checkDecimal("amount_coin", r.amountCoin),
            checkDecimal("paid_amount", r.paidAmount), checkStatus(r.status)}) {
        if (!ok)
            return ok;
    }
    if (r.idempotencyKey && (r.idempotencyKey->isEmpty() || r.idempotencyKey->size() > 255))
        return invalid(QStringLiteral("The idempotency key must be 1 to 255 characters long."));
    if (r.createdAt <= 0 || r.updatedAt <= 0 || r.expiresAt <= 0)
        return invalid(
            QStringLiteral("The invoice needs created_at, updated_at and expires_at (ms since epoch)."));
    return {};
}

Result<void> insertEvent(QSqlDatabase& db, const QString& invoiceId, qint64 at,
    const std::optional<QString>& from, const QString& to, const QString& source, const QString& details)
{
    return Storage::execute(db,
        QStringLiteral("INSERT INTO invoice_events (invoice_id, at, from_status, to_status, source,"
                       " details) VALUES (?, ?, ?, ?, ?, ?)"),
        {invoiceId, at, nullable(from), to, source, details},
        QStringLiteral("Recording the history of invoice %1").arg(invoiceId));
}

// The original invoice for a known idempotency key, or the error for a reused key.
Result<CreateInvoiceResult> replay(const InvoiceRecord& existing, const InvoiceRecord& request)
{
    if (existing.requestHash != request.requestHash)
        return Error(QStringLiteral("idempotency_key_reused"),
            QStringLiteral("The idempotency key \"%1\" was already used for a different payment request "
                           "(invoice %2). Use a new key for a new invoice, or repeat the original request "
                           "unchanged to get the original invoice back.")
                .arg(*request.idempotencyKey, existing.id),
            QJsonObject {{QStringLiteral("invoice_id"), existing.id}});
    return CreateInvoiceResult {existing, false};
}

int clampLimit(int limit, int fallback, int max)
{
    if (limit <= 0)
        return fallback;
    return qMin(limit, max);
}

Result<std::pair<qint64, QString>> decodeCursor(const QString& cursor)
{
    const Error bad(QStringLiteral("invalid_cursor"),
        QStringLiteral("The cursor is not valid. Pass next_cursor from the previous page unchanged, or "
                       "leave it out to start from the newest invoice."));
    const QByteArray raw = QByteArray::fromBase64(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const QString text = QString::fromUtf8(raw);
    const int colon = text.indexOf(QLatin1Char(':'));
    if (raw.isEmpty() || colon <= 0 || colon == text.size() - 1)
        return bad;
    bool ok = false;
    const qint64 createdAt = text.left(colon).toLongLong(&ok);
    if (!ok)
        return bad;
    return std::make_pair(createdAt, text.mid(colon + 1));
}

} // namespace

InvoiceRepository::InvoiceRepository(Database& db)
    : m_db(db)
{ }

QString InvoiceRepository::encodeCursor(qint64 createdAt, const QString& id)
{
    const QByteArray raw = QByteArray::number(createdAt) + ':' + id.toUtf8();
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// --- jobs ------------------------------------------------------------------------------------

Result<CreateInvoiceResult> InvoiceRepository::createJob(QSqlDatabase& db, const InvoiceRecord& invoice)
{
    const Result<void> valid = validateNew(invoice);
    if (!valid)
        return valid.error();

    return Storage::inTransaction<CreateInvoiceResult>(db, [&db, &invoice]() -> Result<CreateInvoiceResult> {
        const QString action = QStringLiteral("Saving invoice %1").arg(invoice.id);
        if (invoice.idempotencyKey) {
            Result<std::optional<InvoiceRecord>> known =
                findOne(db, QStringLiteral("idempotency_key = ?"), {*invoice.idempotencyKey}, action);
            if (!known)
                return known.error();
            if (known.value())
                return replay(*known.value(), invoice);
        }

        // ON CONFLICT covers a concurrent writer on PostgreSQL (READ COMMITTED) that committed the
        // same key after our lookup; SQLite writers are already serialised by BEGIN IMMEDIATE.
        Result<QSqlQuery> inserted = Storage::exec(db,
            QStringLiteral("INSERT INTO invoices (") + kColumns
                + QStringLiteral(
                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
                    " ON CONFLICT (idempotency_key) DO NOTHING"),
            {invoice.id, invoice.provider, nullable(invoice.providerInvoiceId), invoice.network, invoice.coin,
                nullable(invoice.amountUsd), nullable(invoice.amountCoin), invoice.amountCurrency,
                invoice.paidAmount, invoice.status, invoice.description, invoice.paymentUrl, invoice.address,
                nullable(invoice.idempotencyKey), nullable(invoice.requestHash), invoice.client,
                invoice.createdAt, invoice.updatedAt, invoice.expiresAt, nullable(invoice.paidAt),
                nullable(invoice.nextCheckAt), invoice.checkFailures},
            action);
        if (!inserted)
            return inserted.error();
        if (inserted.value().numRowsAffected() == 0) {
            qCDebug(lcStorage) << "idempotency key of" << invoice.id
                               << "was stored by another writer meanwhile";
            Result<std::optional<InvoiceRecord>> known =
                findOne(db, QStringLiteral("idempotency_key = ?"), {*invoice.idempotencyKey}, action);
            if (!known)
                return known.error();
            if (!known.value())
                return Error(QLatin1String(Storage::Code::Failed),
                    QStringLiteral("%1 failed: the database reported a duplicate idempotency key but has no "
                                   "invoice with it. Try again.")
                        .arg(action));
            return replay(*known.value(), invoice);
        }

        const QString details = QString::fromUtf8(QJsonDocument(
            QJsonObject {{QStringLiteral("client"), invoice.client},
                {QStringLiteral("amount_currency"),
                    invoice.amountCurrency}}).toJson(QJsonDocument::Compact));
        const Result<void> event = insertEvent(db, invoice.id, invoice.createdAt, std::nullopt,
            invoice.status, QStringLiteral("create"), details);
        if (!event)
            return event.error();

        Result<InvoiceRecord> stored = getJob(db, invoice.id);
        if (!stored)
            return stored.error();
        return CreateInvoiceResult {stored.takeValue(), true};
    });
}

Result<InvoiceRecord> InvoiceRepository::getJob(QSqlDatabase& db, const QString& id)
{
    Result<std::optional<InvoiceRecord>> found =
        findOne(db, QStringLiteral("id = ?"), {id}, QStringLiteral("Reading invoice %1").arg(id));
    if (!found)
        return found.error();
    if (!found.value())
        return notFound(id);
    return *found.value();
}

Result<InvoiceRecord> InvoiceRepository::getByProviderIdJob(
    QSqlDatabase& db, const QString& provider, const QString& providerInvoiceId)
{
    Result<std::optional<InvoiceRecord>> found =
        findOne(db, QStringLiteral("provider = ? AND provider_invoice_id = ?"), {provider, providerInvoiceId},
            QStringLiteral("Looking up %1 invoice %2").arg(provider, providerInvoiceId));
    if (!found)
        return found.error();
    if (!found.value())
        return Error(QLatin1String(Storage::Code::NotFound),
            QStringLiteral("No invoice from %1 has the provider id \"%2\".").arg(provider, providerInvoiceId),
            QJsonObject {{QStringLiteral("provider"), provider},
                {QStringLiteral("provider_invoice_id"), providerInvoiceId}});
    return *found.value();
}

Result<InvoicePage> InvoiceRepository::listJob(QSqlDatabase& db, const InvoiceFilter& filter)
{
    QStringList where;
    QVariantList binds;
    if (!filter.statuses.isEmpty()) {
        QStringList marks;
        for (const QString& status : filter.statuses) {
            const Result<void> ok = checkStatus(status);
            if (!ok)
                return ok.error();
            marks << QStringLiteral("?");
            binds << status;
        }
        where << QStringLiteral("status IN (") + marks.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    if (!filter.network.isEmpty()) {
        where << QStringLiteral("network = ?");
        binds << filter.network;
    }
    if (filter.createdFrom) {
        where << QStringLiteral("created_at >= ?");
        binds << *filter.createdFrom;
    }
    if (filter.createdTo) {
        where << QStringLiteral("created_at < ?");
        binds << *filter.createdTo;
    }
    const QString action = QStringLiteral("Listing invoices");
    const QString whereSql =
        where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));

    InvoicePage page;
    Result<QVariant> total =
        Storage::scalar(db, QStringLiteral("SELECT COUNT(*) FROM invoices") + whereSql, binds, action);
    if (!total)
        return total.error();
    page.total = total.value().toInt();

    if (!filter.cursor.isEmpty()) {
        Result<std::pair<qint64, QString>> after = decodeCursor(filter.cursor);
        if (!after)
            return after.error();
        where << QStringLiteral("(created_at < ? OR (created_at = ? AND id < ?))");
        binds << after.value().first << after.value().first << after.value().second;
    }
    const int limit = clampLimit(filter.limit, InvoiceFilter::kDefaultLimit, InvoiceFilter::kMaxLimit);
    binds << limit + 1; // one extra row tells whether there is a next page
    Result<QList<InvoiceRecord>> rows = readInvoices(db,
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM invoices")
            + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
            + QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ?"),
        binds, action);
    if (!rows)
        return rows.error();
    page.items = rows.takeValue();
    if (page.items.size() > limit) {
        page.items.resize(limit);
        const InvoiceRecord& last = page.items.constLast();
        page.nextCursor = encodeCursor(last.createdAt, last.id);
    }
    return page;
}

Result<InvoiceRecord> InvoiceRepository::updateStatusJob(QSqlDatabase& db, const QString& id,
    int expectedVersion, const QString& newStatus, const QString& paidAmount, const QString& source,
    const QString& detailsJson, qint64 nowMs)
{
    for (const Result<void>& ok : {checkStatus(newStatus), checkDecimal("paid_amount", paidAmount)}) {
        if (!ok)
            return ok.error();
    }
    if (!InvoiceRecord::eventSources().contains(source))
        return invalid(QStringLiteral("\"%1\" is not an event source; use one of %2.")
                           .arg(source, InvoiceRecord::eventSources().join(QStringLiteral(", "))));
    Result<QString> details = normaliseDetails(detailsJson);
    if (!details)
        return details.error();

    return Storage::inTransaction<InvoiceRecord>(db, [&]() -> Result<InvoiceRecord> {
        Result<InvoiceRecord> current = getJob(db, id);
        if (!current)
            return current.error();
        const Error conflict(QLatin1String(Storage::Code::Conflict),
            QStringLiteral("Invoice %1 was changed by another writer (it is at version %2, not %3). "
                           "Read it again and decide on the new status from there.")
                .arg(id)
                .arg(current.value().version)
                .arg(expectedVersion),
            QJsonObject {{QStringLiteral("invoice_id"), id},
                {QStringLiteral("current_version"), current.value().version},
                {QStringLiteral("expected_version"), expectedVersion}});
        if (current.value().version != expectedVersion)
            return conflict;

        const bool paid = newStatus == QLatin1String("paid") || newStatus == QLatin1String("overpaid");
        const bool final = !InvoiceRecord::openStatuses().contains(newStatus);
        Result<QSqlQuery> updated = Storage::exec(db,
            QStringLiteral("UPDATE invoices SET status = ?, paid_amount = ?, updated_at = ?,"
                           " paid_at = COALESCE(paid_at, ?), version = version + 1")
                + (final ? QStringLiteral(", next_check_at = NULL") : QString())
                + QStringLiteral(" WHERE id = ? AND version = ?"),
            {newStatus, paidAmount, nowMs, paid ? QVariant(nowMs) : QVariant(), id, expectedVersion},
            QStringLiteral("Updating invoice %1").arg(id));
        if (!updated)
            return updated.error();
        if (updated.value().numRowsAffected() != 1)
            return conflict;

        const Result<void> event =
            insertEvent(db, id, nowMs, current.value().status, newStatus, source, details.value());
        if (!event)
            return event.error();
        return getJob(db, id);
    });
}

Result<QList<InvoiceRecord>> InvoiceRepository::dueForRefreshJob(QSqlDatabase& db, qint64 nowMs, int limit)
{
    return readInvoices(db,
        QStringLiteral("SELECT ") + kColumns
            + QStringLiteral(" FROM invoices WHERE status IN ('pending', 'underpaid')"
                             " AND next_check_at IS NOT NULL AND next_check_at <= ?"
                             " ORDER BY next_check_at, id LIMIT ?"),
        {nowMs, clampLimit(limit, InvoiceFilter::kDefaultLimit, InvoiceFilter::kMaxLimit)},
        QStringLiteral("Finding invoices to refresh"));
}

Result<void> InvoiceRepository::scheduleNextCheckJob(
    QSqlDatabase& db, const QString& id, std::optional<qint64> nextCheckAt, int failures)
{
    if (failures < 0)
        return invalid(QStringLiteral("The count of failed checks cannot be negative."));
    return Storage::inTransaction<void>(db, [&]() -> Result<void> {
        Result<QSqlQuery> updated = Storage::exec(db,
            QStringLiteral("UPDATE invoices SET next_check_at = ?, check_failures = ? WHERE id = ?"),
            {nullable(nextCheckAt), failures, id},
            QStringLiteral("Scheduling the next check of invoice %1").arg(id));
        if (!updated)
            return updated.error();
        if (updated.value().numRowsAffected() != 1)
            return notFound(id);
        return {};
    });
}

Result<QList<InvoiceEvent>> InvoiceRepository::eventsJob(QSqlDatabase& db, const QString& id)
{
    Result<QSqlQuery> q = Storage::exec(db,
        QStringLiteral("SELECT id, invoice_id, at, from_status, to_status, source,"
                       " details FROM invoice_events WHERE invoice_id = ? ORDER BY id"),
        {id}, QStringLiteral("Reading the history of invoice %1").arg(id));
    if (!q)
        return q.error();
    QList<InvoiceEvent> out;
    while (q.value().next()) {
        const QSqlQuery& row = q.value();
        InvoiceEvent e;
        e.id = row.value(0).toLongLong();
        e.invoiceId = row.value(1).toString();
        e.at = row.value(2).toLongLong();
        e.fromStatus = optionalString(row.value(3));
        e.toStatus = row.value(4).toString();
        e.source = row.value(5).toString();
        e.details = row.value(6).toString();
        out.append(e);
    }
    return out;
}

Result<QList<InvoiceRecord>> InvoiceRepository::changedSinceJob(
    QSqlDatabase& db, qint64 updatedAfterMs, int limit)
{
    return readInvoices(db,
        QStringLiteral("SELECT ") + kColumns
            + QStringLiteral(" FROM invoices WHERE updated_at > ? ORDER BY updated_at, id LIMIT ?"),
        {updatedAfterMs, clampLimit(limit, InvoiceFilter::kMaxLimit, 1000)},
        QStringLiteral("Reading changed invoices"));
}

// --- asynchronous API ----------------------------------------------------------------------------

void InvoiceRepository::create(const InvoiceRecord& invoice, QObject* ctx, Done<CreateInvoiceResult> done)
{
    m_db.run<CreateInvoiceResult>(
        ctx, [invoice](QSqlDatabase& db) { return createJob(db, invoice); }, std::move(done));
}

void InvoiceRepository::get(const QString& id, QObject* ctx, Done<InvoiceRecord> done)
{
    m_db.run<InvoiceRecord>(
        ctx, [id](QSqlDatabase& db) { return getJob(db, id); }, std::move(done));
}

void InvoiceRepository::getByProviderId(
    const QString& provider, const QString& providerInvoiceId, QObject* ctx, Done<InvoiceRecord> done)
{
    m_db.run<InvoiceRecord>(
        ctx,
        [provider, providerInvoiceId](
            QSqlDatabase& db) { return getByProviderIdJob(db, provider, providerInvoiceId); },
        std::move(done));
}

void InvoiceRepository::list(const InvoiceFilter& filter, QObject* ctx, Done<InvoicePage> done)
{
    m_db.run<InvoicePage>(
        ctx, [filter](QSqlDatabase& db) { return listJob(db, filter); }, std::move(done));
}

void InvoiceRepository::updateStatus(const QString& id, int expectedVersion, const QString& newStatus,
    const QString& paidAmount, const QString& source, const QString& detailsJson, qint64 nowMs, QObject* ctx,
    Done<InvoiceRecord> done)
{
    m_db.run<InvoiceRecord>(
        ctx,
        [=](QSqlDatabase& db) {
            return updateStatusJob(
                db, id, expectedVersion, newStatus, paidAmount, source, detailsJson, nowMs);
        },
        std::move(done));
}

void InvoiceRepository::dueForRefresh(qint64 nowMs, int limit, QObject* ctx, Done<QList<InvoiceRecord>> done)
{
    m_db.run<QList<InvoiceRecord>>(
        ctx, [nowMs, limit](QSqlDatabase& db) { return dueForRefreshJob(db, nowMs, limit); },
        std::move(done));
}

void InvoiceRepository::scheduleNextCheck(
    const QString& id, std::optional<qint64> nextCheckAt, int failures, QObject* ctx, Done<void> done)
{
    m_db.run<void>(
        ctx,
        [id, nextCheckAt, failures](
            QSqlDatabase& db) { return scheduleNextCheckJob(db, id, nextCheckAt, failures); },
        std::move(done));
}

void InvoiceRepository::events(const QString& id, QObject* ctx, Done<QList<InvoiceEvent>> done)
{
    m_db.run<QList<InvoiceEvent>>(
        ctx, [id](QSqlDatabase& db) { return eventsJob(db, id); }, std::move(done));
}

void InvoiceRepository::changedSince(
    qint64 updatedAfterMs, int limit, QObject* ctx, Done<QList<InvoiceRecord>> done)
{
    m_db.run<QList<InvoiceRecord>>(
        ctx, [updatedAfterMs, limit](QSqlDatabase& db) { return changedSinceJob(db, updatedAfterMs, limit); },
        std::move(done));
}
