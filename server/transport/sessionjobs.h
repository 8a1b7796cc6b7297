#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QSqlDatabase;

// What replicas share about a session beyond its signed id: the log level the client asked for
// and its resource subscriptions.
struct SessionSharedState
{
    QString logLevel; // empty: the default
    QStringList subscriptions; // sorted

    bool operator==(const SessionSharedState& o) const
    {
        return logLevel == o.logLevel && subscriptions == o.subscriptions;
    }
    bool operator!=(const SessionSharedState& o) const { return !(*this == o); }
};

// A change to that state: applied to the stored state, so replicas changing it at once both count.
struct SessionStateDelta
{
    std::optional<QString> logLevel;
    QStringList subscribed;
    QStringList unsubscribed;
    bool isEmpty() const { return !logLevel && subscribed.isEmpty() && unsubscribed.isEmpty(); }
};

// One row of mcp_sessions. The session id itself is never stored, only its SHA-256.
struct SessionRecord
{
    QString idHash;
    qint64 issuedAt = 0;
    qint64 lastUsedAt = 0;
    std::optional<qint64> endedAt;
    QString endReason;
    SessionSharedState state;
    int stateVersion = 0;
};

// The statements behind SessionStore; each runs on the database thread.
namespace SessionJobs
{

// The session key shared by every process on this database: `candidate` (base64) is stored if no
// key is there yet, and whatever is stored afterwards is returned, so concurrent first starts agree.
Result<QString> loadOrCreateKey(QSqlDatabase& db, const QString& candidate);

Result<void> insert(QSqlDatabase& db, const QString& idHash, qint64 issuedAt, qint64 nowMs);
// The row, or nullopt when there is none (never opened, or purged long after it ended).
Result<std::optional<SessionRecord>> find(QSqlDatabase& db, const QString& idHash);
Result<void> touch(QSqlDatabase& db, const QString& idHash, qint64 nowMs);
// Marks the session ended; false if it had already ended or does not exist.
Result<bool> end(QSqlDatabase& db, const QString& idHash, qint64 nowMs, const QString& reason);
// Ends the session if nobody used it since nowMs - idleMs; true if it ended now.
Result<bool> endIfIdle(QSqlDatabase& db, const QString& idHash, qint64 nowMs, qint64 idleMs);
// Applies `delta` to a live session's state in one transaction; the new row, or session_ended.
Result<SessionRecord> applyDelta(
    QSqlDatabase& db, const QString& idHash, const SessionStateDelta& delta, qint64 nowMs);
// Rows ended or whose state changed at or after sinceMs.
Result<QList<SessionRecord>> changedSince(QSqlDatabase& db, qint64 sinceMs);
// Deletes rows ended before nowMs - retentionMs, or unused since nowMs - idleMs - retentionMs.
Result<int> purge(QSqlDatabase& db, qint64 nowMs, qint64 idleMs, qint64 retentionMs);

} // namespace SessionJobs
