#include "transport/sessionjobs.h"

#include "storage/sqlexec.h"
#include "storage/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace
{

const QString kColumns = QStringLiteral(
    "id_hash, issued_at, last_used_at, ended_at, end_reason, log_level, subscriptions, state_version");

QString subscriptionsJson(const QStringList& uris)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(uris)).toJson(QJsonDocument::Compact));
}

QStringList subscriptionsFrom(const QString& json)
{
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        if (v.isString())
            out.append(v.toString());
    }
    std::sort(out.begin(), out.end());
    return out;
}

SessionRecord recordFrom(const QSqlQuery& q)
{
    SessionRecord r;
    r.idHash = q.value(0).toString();
    r.issuedAt = q.value(1).toLongLong();
    r.lastUsedAt = q.value(2).toLongLong();
    r.endedAt = Storage::optionalInt64(q.value(3));
    r.endReason = q.value(4).toString();
    r.state.logLevel = q.value(5).toString();
    r.state.subscriptions = subscriptionsFrom(q.value(6).toString());
    r.stateVersion = q.value(7).toInt();
    return r;
}

} // namespace

namespace SessionJobs
{

Result<QString> loadOrCreateKey(QSqlDatabase& db, const QString& candidate)
{
    const QString name = QStringLiteral("mcp.session_key");
    const QString action = QStringLiteral("Reading the session key");
    return Storage::inTransaction<QString>(db, [&]() -> Result<QString> {
        const Result<void> inserted = Storage::execute(db,
            QStringLiteral("INSERT INTO kv_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING"),
            {name, candidate}, action);
        if (!inserted)
            return inserted.error();
        Result<QVariant> stored =
            Storage::scalar(db, QStringLiteral("SELECT value FROM kv_meta WHERE key = ?"), {name}, action);
        if (!stored)
            return stored.error();
        return stored.value().toString();
    });
}

Result<void> insert(QSqlDatabase& db, const QString& idHash, qint64 issuedAt, qint64 nowMs)
{
    return Storage::execute(db,
        QStringLiteral("INSERT INTO mcp_sessions (id_hash, issued_at, last_used_at, changed_at)"
                       " VALUES (?, ?, ?, 0)"),
        {idHash, issuedAt, nowMs}, QStringLiteral("Recording the new session"));
}

Result<std::optional<SessionRecord>> find(QSqlDatabase& db, const QString& idHash)
{
    Result<QSqlQuery> q =
        Storage::exec(db, QStringLiteral("SELECT %1 FROM mcp_sessions WHERE id_hash = ?").arg(kColumns),
            {idHash}, QStringLiteral("Reading the session"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(recordFrom(q.value()));
}

Result<void> touch(QSqlDatabase& db, const QString& idHash, qint64 nowMs)
{
    return Storage::execute(db,
        QStringLiteral("UPDATE mcp_sessions SET last_used_at = ?"
                       " WHERE id_hash = ? AND last_used_at < ? AND ended_at IS NULL"),
        {nowMs, idHash, nowMs}, QStringLiteral("Recording the session's last use"));
}

Result<bool> end(QSqlDatabase& db, const QString& idHash, qint64 nowMs, const QString& reason)
{
    Result<QSqlQuery> q = Storage::exec(db,
        QStringLiteral("UPDATE mcp_sessions SET ended_at = ?, end_reason = ?, changed_at = ?"
                       " WHERE id_hash = ? AND ended_at IS NULL"),
        {nowMs, reason.left(200), nowMs, idHash}, QStringLiteral("Ending the session"));
    if (!q)
        return q.error();
    return q.value().numRowsAffected() > 0;
}

Result<bool> endIfIdle(QSqlDatabase& db, const QString& idHash, qint64 nowMs, qint64 idleMs)
{
    Result<QSqlQuery> q = Storage::exec(db,
        QStringLiteral("UPDATE mcp_sessions SET ended_at = ?, end_reason = 'idle timeout', changed_at = ?"
                       " WHERE id_hash = ? AND ended_at IS NULL AND last_used_at < ?"),
        {nowMs, nowMs, idHash, nowMs - idleMs}, QStringLiteral("Ending the idle session"));
    if (!q)
        return q.error();
    return q.value().numRowsAffected() > 0;
}

Result<SessionRecord> applyDelta(
    QSqlDatabase& db, const QString& idHash, const SessionStateDelta& delta, qint64 nowMs)
{
    const QString action = QStringLiteral("Saving the session's log level and subscriptions");
    return Storage::inTransaction<SessionRecord>(db, [&]() -> Result<SessionRecord> {
        // The version bump comes first: it locks the row (PostgreSQL) before it is read.
        Result<QSqlQuery> bumped = Storage::exec(db,
            QStringLiteral("UPDATE mcp_sessions SET state_version = state_version + 1, changed_at = ?"
                           " WHERE id_hash = ? AND ended_at IS NULL"),
            {nowMs, idHash}, action);
        if (!bumped)
            return bumped.error();
        if (bumped.value().numRowsAffected() <= 0)
            return Error(QStringLiteral("session_ended"), QStringLiteral("The session has ended."));
        Result<std::optional<SessionRecord>> row = find(db, idHash);
        if (!row)
            return row.error();
        if (!row.value())
            return Error(QStringLiteral("session_ended"), QStringLiteral("The session has ended."));
        SessionRecord r = *row.value();
        if (delta.logLevel)
            r.state.logLevel = *delta.logLevel;
        for (const QString& uri : delta.subscribed) {
            if (!r.state.subscriptions.contains(uri))
                r.state.subscriptions.append(uri);
        }
        for (const QString& uri : delta.unsubscribed)
            r.state.subscriptions.removeAll(uri);
        std::sort(r.state.subscriptions.begin(), r.state.subscriptions.end());
        const Result<void> saved = Storage::execute(db,
            QStringLiteral("UPDATE mcp_sessions SET log_level = ?, subscriptions = ? WHERE id_hash = ?"),
            {r.state.logLevel.isEmpty() ? QVariant() : QVariant(r.state.logLevel),
                subscriptionsJson(r.state.subscriptions), idHash},
            action);
        if (!saved)
            return saved.error();
        return r;
    });
}

Result<QList<SessionRecord>> changedSince(QSqlDatabase& db, qint64 sinceMs)
{
    Result<QSqlQuery> q =
        Storage::exec(db, QStringLiteral("SELECT %1 FROM mcp_sessions WHERE changed_at >= ?").arg(kColumns),
            {sinceMs}, QStringLiteral("Reading sessions changed by other processes"));
    if (!q)
        return q.error();
    QList<SessionRecord> out;
    while (q.value().next())
        out.append(recordFrom(q.value()));
    return out;
}

Result<int> purge(QSqlDatabase& db, qint64 nowMs, qint64 idleMs, qint64 retentionMs)
{
    Result<QSqlQuery> q = Storage::exec(db,
        QStringLiteral("DELETE FROM mcp_sessions"
                       " WHERE (ended_at IS NOT NULL AND ended_at < ?) OR last_used_at < ?"),
        {nowMs - retentionMs, nowMs - idleMs - retentionMs}, QStringLiteral("Removing old sessions"));
    if (!q)
        return q.error();
    return q.value().numRowsAffected();
}

} // namespace SessionJobs
