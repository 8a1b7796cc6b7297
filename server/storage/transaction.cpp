#include "storage/transaction.h"

#include "storage/sqlerror.h"
#include "storage/sqlexec.h"
#include "storage/storagelog.h"

#include <QHash>
#include <QRandomGenerator>
#include <QThread>

namespace
{

constexpr int kMaxAttempts = 8;

// Nesting depth per connection. A connection is only used on the thread that opened it, so a
// thread-local table needs no lock.
QHash<QString, int>& depths()
{
    thread_local QHash<QString, int> table;
    return table;
}

class DepthGuard
{
public:
    explicit DepthGuard(const QString& connection)
        : m_connection(connection)
    {
        ++depths()[m_connection];
    }
    ~DepthGuard()
    {
        if (--depths()[m_connection] <= 0)
            depths().remove(m_connection);
    }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

private:
    QString m_connection;
};

void rollbackQuietly(QSqlDatabase& db)
{
    const Result<void> r =
        Storage::execute(db, QStringLiteral("ROLLBACK"), {}, QStringLiteral("Rolling back"));
    if (!r)
        qCWarning(lcStorage) << "rollback failed:" << r.error().message;
}

void pauseBeforeRetry(int attempt)
{
    // 20, 40, 80 ... ms capped at 640, plus jitter so competing writers do not retry in lockstep.
    const int base = 20 << qMin(attempt - 1, 5);
    const int jitter = static_cast<int>(QRandomGenerator::global()->bounded(base / 2 + 1));
    QThread::msleep(static_cast<unsigned long>(base + jitter));
}

} // namespace

namespace Storage
{

bool inTransactionNow(const QSqlDatabase& db)
{
    return depths().value(db.connectionName()) > 0;
}

Result<void> runInTransaction(QSqlDatabase& db, const std::function<Result<void>()>& body)
{
    if (inTransactionNow(db))
        return body();

    const QString begin = isPostgres(db) ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
    for (int attempt = 1;; ++attempt) {
        Error failure;
        const Result<void> begun = execute(db, begin, {}, QStringLiteral("Starting a transaction"));
        if (!begun) {
            failure = begun.error();
        } else {
            Result<void> result;
            {
                const DepthGuard guard(db.connectionName());
                result = body();
            }
            if (result) {
                const Result<void> committed =
                    execute(db, QStringLiteral("COMMIT"), {}, QStringLiteral("Committing a transaction"));
                if (committed)
                    return result;
                failure = committed.error();
            } else {
                failure = result.error();
            }
            rollbackQuietly(db);
        }
        if (!isRetryable(failure) || attempt >= kMaxAttempts)
            return failure;
        qCDebug(lcStorage) << "transaction attempt" << attempt << "hit a busy database; retrying";
        pauseBeforeRetry(attempt);
    }
}

} // namespace Storage
