#pragma once

#include "core/result.h"
#include "storage/databaseconfig.h"

#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QThread;
class DatabaseWorker;

namespace StorageDetail
{
// A job as the worker thread sees it: `db` is null when there is no usable connection (then
// `unavailable` says why). Returns the job's error, if any, so the worker can notice a lost connection.
using Work = std::function<const Error*(QSqlDatabase* db, const Error& unavailable)>;
} // namespace StorageDetail

// The one way to reach the database. Owns a worker thread that owns the connection (Qt SQL
// connections must stay on the thread that made them); every statement runs there, so the
// caller's event loop never blocks. Jobs run one at a time, in the order they were queued.
//
//   db.run<InvoiceRecord>(this,
//       [id](QSqlDatabase& c) { return InvoiceRepository::getJob(c, id); },
//       [this](Result<InvoiceRecord> r) { ... });   // on this object's thread, if it still exists
class Database : public QObject
{
    Q_OBJECT

public:
    explicit Database(DatabaseConfig cfg, QObject* parent = nullptr);
    // Runs every job already queued, closes the connection and stops the worker thread.
    ~Database() override;

    // Connects, applies the connection settings (WAL, foreign keys, busy timeout, synchronous=FULL
    // on SQLite), and brings the schema up to date. Jobs queued before open() fail with
    // database_not_open; jobs queued after it wait for it.
    void open(QObject* ctx, std::function<void(Result<void>)> done);

    // Runs `job` on the database thread; `done` then runs on ctx's thread, only if ctx still exists.
    // With ctx == nullptr the result is dropped. T may be void.
    template<typename T>
    void run(QObject* ctx, std::function<Result<T>(QSqlDatabase&)> job, std::function<void(Result<T>)> done);

    // Synchronous forms, ONLY for CLI verbs and tests that have no event loop yet: they block the
    // calling thread until the job has run.
    Result<void> openBlocking();
    template<typename T> Result<T> runBlocking(std::function<Result<T>(QSqlDatabase&)> job);

    DatabaseConfig::Engine engine() const { return m_config.engine; }
    // "SQLite /path/finagent.db" or the PostgreSQL URL with the password redacted.
    QString describe() const { return m_config.describe(); }
    const DatabaseConfig& config() const { return m_config; }

private:
    // `task` runs on the worker thread; then `deliver` runs on ctx's thread if ctx still exists.
    void enqueue(QObject* ctx, std::function<void()> task, std::function<void()> deliver);
    void enqueueBlocking(const std::function<void()>& task);
    void post(QObject* ctx, StorageDetail::Work work, std::function<void()> deliver);
    void postBlocking(const StorageDetail::Work& work);

    template<typename T>
    static StorageDetail::Work wrap(
        std::function<Result<T>(QSqlDatabase&)> job, std::shared_ptr<std::optional<Result<T>>> slot)
    {
        return [job = std::move(job), slot](QSqlDatabase* db, const Error& unavailable) -> const Error* {
            if (!db) {
                slot->emplace(unavailable);
                return nullptr;
            }
            slot->emplace(job(*db));
            return (*slot)->ok() ? nullptr : &(*slot)->error();
        };
    }

    DatabaseConfig m_config;
    QThread* m_thread = nullptr;
    DatabaseWorker* m_worker = nullptr; // lives on m_thread
};

template<typename T>
void Database::run(
    QObject* ctx, std::function<Result<T>(QSqlDatabase&)> job, std::function<void(Result<T>)> done)
{
    auto slot = std::make_shared<std::optional<Result<T>>>();
    std::function<void()> deliver;
    if (done)
        deliver = [done = std::move(done), slot]() {
            done(std::move(**slot));
        };
    post(ctx, wrap<T>(std::move(job), slot), std::move(deliver));
}

template<typename T> Result<T> Database::runBlocking(std::function<Result<T>(QSqlDatabase&)> job)
{
    auto slot = std::make_shared<std::optional<Result<T>>>();
    postBlocking(wrap<T>(std::move(job), slot));
    return std::move(**slot);
}
