#pragma once

#include "core/result.h"
#include "storage/auditentry.h"

#include <QList>

#include <functional>

class Database;
class QObject;
class QSqlDatabase;

// The record of tool calls shown in the window's activity page. Same pattern as
// InvoiceRepository: asynchronous methods over static jobs.
class AuditLogRepository
{
public:
    static constexpr int kMaxRecent = 1000;

    explicit AuditLogRepository(Database& db);

    template<typename T> using Done = std::function<void(Result<T>)>;

    // Stores the entry; returns its id.
    void append(const AuditEntry& entry, QObject* ctx, Done<qint64> done);
    // Stores the entries in one transaction (one commit); returns how many. All or none.
    void appendMany(const QList<AuditEntry>& entries, QObject* ctx, Done<int> done);
    // Newest first. afterId == 0: the newest `limit` entries. afterId > 0: the `limit` entries that
    // follow afterId (for live tailing: call again with the highest id seen; nothing is skipped).
    void recent(int limit, qint64 afterId, QObject* ctx, Done<QList<AuditEntry>> done);
    // Deletes entries older than olderThanMs; returns how many.
    void prune(qint64 olderThanMs, QObject* ctx, Done<int> done);

    static Result<qint64> appendJob(QSqlDatabase& db, const AuditEntry& entry);
    static Result<int> appendManyJob(QSqlDatabase& db, const QList<AuditEntry>& entries);
    static Result<QList<AuditEntry>> recentJob(QSqlDatabase& db, int limit, qint64 afterId);
    static Result<int> pruneJob(QSqlDatabase& db, qint64 olderThanMs);

private:
    Database& m_db;
};
