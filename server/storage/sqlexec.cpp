#include "storage/sqlexec.h"

#include "storage/sqlerror.h"
#include "storage/statementcache.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>

namespace Storage
{

namespace
{

// The drivers bind a null QString as SQL NULL; a QString() here means "no text", so it binds as ''.
// QVariant() is the way to ask for NULL.
QVariant normalised(const QVariant& value)
{
    if (value.metaType().id() == QMetaType::QString && value.toString().isNull())
        return QVariant(QStringLiteral(""));
    return value;
}

// QPSQL runs a bound statement as PREPARE + EXECUTE (with the values spelled as literals by
// the driver) + DEALLOCATE: three round trips, and the DEALLOCATE fails noisily inside an aborted
// transaction. Spelling the values with the same driver function and sending one statement is
// just as safe and a third of the cost.
QString inlineValues(const QSqlDatabase& db, const QString& sql, const QVariantList& binds, bool* ok)
{
    QString out;
    out.reserve(sql.size() + binds.size() * 16);
    bool quoted = false;
    int next = 0;
    for (const QChar c : sql) {
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        if (c != QLatin1Char('?') || quoted) {
            out += c;
            continue;
        }
        if (next >= binds.size()) {
            *ok = false;
            return {};
        }
        const QVariant value = normalised(binds.at(next++));
        QSqlField field(QString(), value.metaType());
        field.setValue(value);
        out += db.driver()->formatValue(field);
    }
    *ok = next == binds.size();
    return out;
}

} // namespace

Result<QSqlQuery> exec(QSqlDatabase& db, const QString& sql, const QVariantList& binds, const QString& action)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (binds.isEmpty() || isPostgres(db)) {
        QString text = sql;
        if (!binds.isEmpty()) {
            bool ok = false;
            text = inlineValues(db, sql, binds, &ok);
            if (!ok)
                return Error(QLatin1String(Code::Failed),
                    QStringLiteral("%1 failed: the statement and its values do not match.").arg(action));
        }
        if (!query.exec(text))
            return sqlError(db, query.lastError(), action);
        return query;
    }
    if (!query.prepare(sql))
        return sqlError(db, query.lastError(), action);
    for (const QVariant& value : binds)
        query.addBindValue(normalised(value));
    if (!query.exec())
        return sqlError(db, query.lastError(), action);
    return query;
}

Result<void> execute(QSqlDatabase& db, const QString& sql, const QVariantList& binds, const QString& action)
{
    Result<QSqlQuery> query = exec(db, sql, binds, action);
    if (!query)
        return query.error();
    return {};
}

Result<QVariant> scalar(
    QSqlDatabase& db, const QString& sql, const QVariantList& binds, const QString& action)
{
    Result<QSqlQuery> query = exec(db, sql, binds, action);
    if (!query)
        return query.error();
    if (!query.value().next())
        return QVariant();
    return query.value().value(0);
}

Result<qint64> insertReturningId(QSqlDatabase& db, const QString& sql, const QVariantList& binds,
    const QString& idColumn, const QString& action)
{
    if (isPostgres(db)) {
        Result<QVariant> id = scalar(db, sql + QStringLiteral(" RETURNING ") + idColumn, binds, action);
        if (!id)
            return id.error();
        return id.value().toLongLong();
    }
    Result<QSqlQuery> query = exec(db, sql, binds, action);
    if (!query)
        return query.error();
    return query.value().lastInsertId().toLongLong();
}

Result<qint64> insertReturningIdKeptPrepared(QSqlDatabase& db, const QString& sql, const QVariantList& binds,
    const QString& idColumn, const QString& action)
{
    QSqlQuery* query = StatementCache::prepared(db, sql, binds.size());
    if (!query)
        return insertReturningId(db, sql, binds, idColumn, action);
    for (qsizetype i = 0; i < binds.size(); ++i)
        query->bindValue(int(i), normalised(binds.at(i)));
    if (!query->exec()) {
        const QSqlError error = query->lastError();
        StatementCache::forget(db, sql);
        return sqlError(db, error, action);
    }
    const qint64 id = query->lastInsertId().toLongLong();
    // Leaves the statement reset, holding nothing open between uses.
    query->finish();
    return id;
}

QVariant nullable(const std::optional<QString>& value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant nullable(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant();
}

std::optional<QString> optionalString(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toString();
}

std::optional<qint64> optionalInt64(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

} // namespace Storage
