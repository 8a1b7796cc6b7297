#pragma once

#include <QObject>
#include <QSqlQuery>
#include <QString>

#include <map>
#include <memory>

class QSqlDatabase;

// Prepared statements kept for the life of one SQLite connection, for statements run once per
// tool call (the audit record): parsing and planning the INSERT cost more than running it.
// The cache is a child of the connection's driver, so it goes when the connection goes and a new
// connection under the same name starts empty. Use it only on the connection's own thread.
class StatementCache : public QObject
{
    Q_OBJECT

public:
    // The statement for `sql` on `db`, prepared on first use, or null when it cannot be kept (not
    // SQLite, another thread than the connection's, a different number of values than the first
    // use, or the statement does not prepare): then run it the ordinary way, which also reports
    // any error as before.
    static QSqlQuery* prepared(const QSqlDatabase& db, const QString& sql, qsizetype valueCount);
    // Drops the statement for `sql` (after it failed, so that the next use prepares it afresh).
    static void forget(const QSqlDatabase& db, const QString& sql);
    // Drops every kept statement of `db`; called before the connection is closed.
    static void release(const QSqlDatabase& db);

private:
    explicit StatementCache(QObject* driver);
    static StatementCache* of(const QSqlDatabase& db, bool create);

    struct Entry
    {
        std::unique_ptr<QSqlQuery> query;
        qsizetype valueCount = 0;
    };
    std::map<QString, Entry> m_statements;
};
