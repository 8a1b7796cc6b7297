#pragma once

#include "core/result.h"

#include <QString>

class QSqlDatabase;

// A named, time-limited lease in the payment_leases table: at most one holder at a time across
// every process and replica sharing the database. A holder renews it by acquiring it again
// before it runs out; a holder that dies simply lets it run out.
namespace RefreshLease
{

inline constexpr const char kInvoiceRefresh[] = "invoice_refresh";

// Takes or renews the lease for `holder` until nowMs + ttlMs. True when `holder` has it now;
// false when another holder's lease is still running.
Result<bool> acquireJob(
    QSqlDatabase& db, const QString& name, const QString& holder, qint64 nowMs, qint64 ttlMs);
// Gives the lease up, if `holder` has it.
Result<void> releaseJob(QSqlDatabase& db, const QString& name, const QString& holder);
// The current holder and when its lease ends; empty holder when nobody ever took it.
struct Holder
{
    QString holder;
    qint64 expiresAt = 0;
};
Result<Holder> currentJob(QSqlDatabase& db, const QString& name);

} // namespace RefreshLease
