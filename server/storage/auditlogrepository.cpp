#include "storage/auditlogrepository.h"

#include "storage/database.h"
#include "storage/sqlerror.h"
#include "storage/sqlexec.h"
#include "storage/transaction.h"

#include <QSqlQuery>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace
{

Error invalid(const QString& message)
{
    return Error(QLatin1String(Storage::Code::InvalidArgument), message);
}

} // namespace

AuditLogRepository::AuditLogRepository(Database& db)
    : m_db(db)
{ }

namespace
{

std::optional<Error> checkEntry(const AuditEntry& entry)
{
    static const QStringList transports {
        QStringLiteral("stdio"), QStringLiteral("http"), QStringLiteral("desktop"), QStringLiteral("remote")};
    static const QStringList outcomes {QStringLiteral("ok"), QStringLiteral("error"),
        QStringLiteral("invalid"), QStringLiteral("cancelled")};
    if (entry.tool.isEmpty())
        return invalid(QStringLiteral("An audit entry needs the tool name."));
    if (!transports.contains(entry.transport))
        return invalid(QStringLiteral("\"%1\" is not a transport; use one of %2.")
                           .arg(entry.transport, transports.join(QStringLiteral(", "))));
    if (!outcomes.contains(entry.outcome))
        return invalid(QStringLiteral("\"%1\" is not an outcome; use one of %2.")
                           .arg(entry.outcome, outcomes.join(QStringLiteral(", "))));
    return std::nullopt;
}

Result<qint64> insertEntry(QSqlDatabase& db, const AuditEntry& entry)
{
    return Storage::insertReturningIdKeptPrepared(db,
        QStringLiteral(
            "INSERT INTO audit_log (at, tool, client, session_id, transport, process_id, duration_ms,"
            " outcome, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {entry.at, entry.tool, entry.client, Storage::nullable(entry.sessionId), entry.transport,
            entry.processId, entry.durationMs, entry.outcome, Storage::nullable(entry.errorCode)},
        QStringLiteral("id"), QStringLiteral("Recording the call of %1 in the audit log").arg(entry.tool));
}

} // namespace

Result<qint64> AuditLogRepository::appendJob(QSqlDatabase& db, const AuditEntry& entry)
{
    if (const auto problem = checkEntry(entry))
        return *problem;
    return Storage::inTransaction<qint64>(db, [&]() -> Result<qint64> { return insertEntry(db, entry); });
}

Result<int> AuditLogRepository::appendManyJob(QSqlDatabase& db, const QList<AuditEntry>& entries)
{
    for (const AuditEntry& entry : entries) {
        if (const auto problem = checkEntry(entry))
            return *problem;
    }
    return Storage::inTransaction<int>(db, [&]() -> Result<int> {
        for (const AuditEntry& entry : entries) {
            const Result<qint64> id = insertEntry(db, entry);
            if (!id)
                return id.error();
        }
        return int(entries.size());
    });
}

Result<QList<AuditEntry>> AuditLogRepository::recentJob(QSqlDatabase& db, int limit, qint64 afterId)
{
    const int count = limit <= 0 ? 100 : qMin(limit, kMaxRecent);
    const QString columns = QStringLiteral("id, at, tool, client, session_id, transport, process_id, "
                                           "duration_ms, outcome, error_code FROM audit_log");
    const QString sql = afterId > 0
        ? QStringLiteral("SELECT ") + columns + QStringLiteral(" WHERE id > ? ORDER BY id LIMIT ?")
        : QStringLiteral("SELECT ") + columns + QStringLiteral(" ORDER BY id DESC LIMIT ?");
    const QVariantList binds = afterId > 0 ? QVariantList {afterId, count} : QVariantList {count};
    Result<QSqlQuery> q = Storage::exec(db, sql, binds, QStringLiteral("Reading the audit log"));
    if (!q)
        return q.error();
    QList<AuditEntry> out;
    while (q.value().next()) {
        const QSqlQuery& row = q.value();
        AuditEntry e;
        e.id = row.value(0).toLongLong();
        e.at = row.value(1).toLongLong();
        e.tool = row.value(2).toString();
        e.client = row.value(3).toString();
        e.sessionId = Storage::optionalString(row.value(4));
        e.transport = row.value(5).toString();
        e.processId = row.value(6).toLongLong();
        e.durationMs = row.value(7).toInt();
        e.outcome = row.value(8).toString();
        e.errorCode = Storage::optionalString(row.value(9));
        out.append(e);
    }
    if (afterId > 0)
        std::reverse(out.begin(), out.end());
    return out;
}

Result<int> AuditLogRepository::pruneJob(QSqlDatabase& db, qint64 olderThanMs)
{
    return Storage::inTransaction<int>(db, [&]() -> Result<int> {
        Result<QSqlQuery> q = Storage::exec(db, QStringLiteral("DELETE FROM audit_log WHERE at < ?"),
            {olderThanMs}, QStringLiteral("Pruning the audit log"));
        if (!q)
            return q.error();
        return q.value().numRowsAffected();
    });
}

void AuditLogRepository::append(const AuditEntry& entry, QObject* ctx, Done<qint64> done)
{
    m_db.run<qint64>(
        ctx, [entry](QSqlDatabase& db) { return appendJob(db, entry); }, std::move(done));
}

void AuditLogRepository::appendMany(const QList<AuditEntry>& entries, QObject* ctx, Done<int> done)
{
    m_db.run<int>(
        ctx, [entries](QSqlDatabase& db) { return appendManyJob(db, entries); }, std::move(done));
}

void AuditLogRepository::recent(int limit, qint64 afterId, QObject* ctx, Done<QList<AuditEntry>> done)
{
    m_db.run<QList<AuditEntry>>(
        ctx, [limit, afterId](QSqlDatabase& db) { return recentJob(db, limit, afterId); }, std::move(done));
}

void AuditLogRepository::prune(qint64 olderThanMs, QObject* ctx, Done<int> done)
{
    m_db.run<int>(
        ctx, [olderThanMs](QSqlDatabase& db) { return pruneJob(db, olderThanMs); }, std::move(done));
}
