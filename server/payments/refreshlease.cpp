#include "payments/refreshlease.h"

#include "storage/sqlexec.h"
#include "storage/transaction.h"

#include <QSqlQuery>

namespace RefreshLease
{

Result<bool> acquireJob(
    QSqlDatabase& db, const QString& name, const QString& holder, qint64 nowMs, qint64 ttlMs)
{
    return Storage::inTransaction<bool>(db, [&]() -> Result<bool> {
        const QString action = QStringLiteral("Taking the %1 lease").arg(name);
        // One statement for both engines: insert, or take over a lease that is ours or has run out.
        const Result<void> upserted = Storage::execute(db,
            QStringLiteral(
                "INSERT INTO payment_leases (name, holder, expires_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
                " WHERE payment_leases.holder = excluded.holder OR payment_leases.expires_at <= ?"),
            {name, holder, nowMs + ttlMs, nowMs}, action);
        if (!upserted)
            return upserted.error();
        Result<QVariant> current = Storage::scalar(
            db, QStringLiteral("SELECT holder FROM payment_leases WHERE name = ?"), {name}, action);
        if (!current)
            return current.error();
        return current.value().toString() == holder;
    });
}

Result<void> releaseJob(QSqlDatabase& db, const QString& name, const QString& holder)
{
    return Storage::inTransaction<void>(db, [&]() -> Result<void> {
        return Storage::execute(db,
            QStringLiteral("DELETE FROM payment_leases WHERE name = ? AND holder = ?"), {name, holder},
            QStringLiteral("Releasing the %1 lease").arg(name));
    });
}

Result<Holder> currentJob(QSqlDatabase& db, const QString& name)
{
    Result<QSqlQuery> q =
        Storage::exec(db, QStringLiteral("SELECT holder, expires_at FROM payment_leases WHERE name = ?"),
            {name}, QStringLiteral("Reading the %1 lease").arg(name));
    if (!q)
        return q.error();
    Holder h;
    if (q.value().next()) {
        h.holder = q.value().value(0).toString();
        h.expiresAt = q.value().value(1).toLongLong();
    }
    return h;
}

} // namespace RefreshLease
