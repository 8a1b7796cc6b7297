#pragma once

#include "core/result.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <optional>

class QSqlDatabase;

// Small helpers for jobs that run on the database thread. Statements use positional '?'
// placeholders, which both QSQLITE and QPSQL accept. A returned QSqlQuery must not outlive the job.
namespace Storage
{

// Executes one statement (prepared when there are bindings); the query is positioned before the
// first row. A null QString binds as '' (QVariant() binds SQL NULL). `action` names what was being done, for
// the error message ("Reading the invoice").
Result<QSqlQuery> exec(
    QSqlDatabase& db, const QString& sql, const QVariantList& binds, const QString& action);

// Executes a statement whose rows, if any, are not needed.
Result<void> execute(QSqlDatabase& db, const QString& sql, const QVariantList& binds, const QString& action);

// The first column of the first row, or an invalid QVariant when there is no row.
Result<QVariant> scalar(
    QSqlDatabase& db, const QString& sql, const QVariantList& binds, const QString& action);

// Runs an INSERT and returns the generated integer id of column `idColumn` (RETURNING on
// PostgreSQL, last_insert_rowid() on SQLite).
Result<qint64> insertReturningId(QSqlDatabase& db, const QString& sql, const QVariantList& binds,
    const QString& idColumn, const QString& action);

// The same for an INSERT run many times on one connection (the audit record of every tool call):
// on SQLite the statement is prepared once per connection and kept (StatementCache); results and
// errors are those of insertReturningId.
Result<qint64> insertReturningIdKeptPrepared(QSqlDatabase& db, const QString& sql, const QVariantList& binds,
    const QString& idColumn, const QString& action);

QVariant nullable(const std::optional<QString>& value);
QVariant nullable(const std::optional<qint64>& value);
std::optional<QString> optionalString(const QVariant& value);
std::optional<qint64> optionalInt64(const QVariant& value);

} // namespace Storage
