#pragma once

#include "core/result.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>
#include <utility>

namespace Storage
{

// Runs `body` in one transaction on `db` and commits it; rolls back when the body fails.
// A transaction that fails because another writer holds the database (SQLITE_BUSY, PostgreSQL
// serialization failure or deadlock) is rolled back and the body run again, a bounded number of
// times with a growing pause, so the body must only touch the database. SQLite transactions start
// with BEGIN IMMEDIATE, so writers in different processes queue up instead of failing on upgrade.
// Called inside another inTransaction on the same connection, the body simply joins the outer
// transaction; that is what lets repository jobs be composed.
Result<void> runInTransaction(QSqlDatabase& db, const std::function<Result<void>()>& body);

template<typename T> Result<T> inTransaction(QSqlDatabase& db, std::function<Result<T>()> body)
{
    std::optional<Result<T>> out;
    const Result<void> done = runInTransaction(db, [&out, &body]() -> Result<void> {
        out.emplace(body());
        if (!out->ok())
            return out->error();
        return {};
    });
    if (!done)
        return done.error();
    return std::move(*out);
}

template<> inline Result<void> inTransaction<void>(QSqlDatabase& db, std::function<Result<void>()> body)
{
    return runInTransaction(db, body);
}

// Whether a transaction started by inTransaction is open on this connection (on this thread).
bool inTransactionNow(const QSqlDatabase& db);

} // namespace Storage
