#include "security/tokenstore.h"

#include "storage/sqlerror.h"
#include "storage/sqlexec.h"
#include "storage/transaction.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace
{

const char kColumns[] =
    "id, name, prefix, created_at, last_used_at, expires_at, revoked_at, rate_limit_per_minute";

ApiToken fromRow(const QSqlQuery& q, bool withHash)
{
    ApiToken t;
    t.id = q.value(0).toLongLong();
    t.name = q.value(1).toString();
    t.prefix = q.value(2).toString();
    t.createdAt = q.value(3).toLongLong();
    t.lastUsedAt = Storage::optionalInt64(q.value(4));
    t.expiresAt = Storage::optionalInt64(q.value(5));
    t.revokedAt = Storage::optionalInt64(q.value(6));
    if (const auto limit = Storage::optionalInt64(q.value(7)))
        t.rateLimitPerMinute = int(*limit);
    if (withHash)
        t.hash = q.value(8).toString().toLatin1();
    return t;
}

Result<QList<ApiToken>> select(
    QSqlDatabase& db, const QString& where, const QVariantList& binds, bool withHash, const QString& action)
{
    const QString sql =
        QStringLiteral("SELECT %1%2 FROM api_tokens %3 ORDER BY created_at, id")
            .arg(QLatin1String(kColumns), withHash ? QStringLiteral(", token_hash") : QString(), where);
    Result<QSqlQuery> q = Storage::exec(db, sql, binds, action);
    if (!q)
        return q.error();
    QList<ApiToken> out;
    while (q.value().next())
        out.append(fromRow(q.value(), withHash));
    return out;
}

Error noSuchToken(const QString& name)
{
    return Error(QLatin1String(Storage::Code::NotFound),
        QStringLiteral("There is no active token named \"%1\". `finagent token list` shows the tokens.")
            .arg(name));
}

} // namespace

namespace TokenStore
{

Result<Created> createJob(QSqlDatabase& db, const NewToken& request, qint64 nowMs)
{
    QString why;
    if (!ApiToken::isValidName(request.name, &why))
        return Error(QLatin1String(Storage::Code::InvalidArgument), why);
    return Storage::inTransaction<Created>(db, [&]() -> Result<Created> {
        const Result<QVariant> taken = Storage::scalar(db,
            QStringLiteral("SELECT COUNT(*) FROM api_tokens WHERE name = ? AND revoked_at IS NULL"),
            {request.name}, QStringLiteral("Checking the token name"));
        if (!taken)
            return taken.error();
        if (taken.value().toLongLong() > 0)
            return Error(QLatin1String(Storage::Code::Conflict),
                QStringLiteral(
                    "A token named \"%1\" already exists. Revoke it first with `finagent token revoke %1`, "
                    "or choose another name.")
                    .arg(request.name));
        Created created;
        created.token = ApiToken::generate();
        ApiToken& r = created.record;
        r.name = request.name;
        r.prefix = ApiToken::prefixOf(created.token);
        r.hash = ApiToken::hashOf(created.token);
        r.createdAt = nowMs;
        r.expiresAt = request.expiresAt;
        r.rateLimitPerMinute = request.rateLimitPerMinute;
        const Result<qint64> id = Storage::insertReturningId(db,
            QStringLiteral("INSERT INTO api_tokens (name, prefix, token_hash, created_at, expires_at,"
                           " rate_limit_per_minute) VALUES (?, ?, ?, ?, ?, ?)"),
            {r.name, r.prefix, QString::fromLatin1(r.hash), r.createdAt, Storage::nullable(r.expiresAt),
                r.rateLimitPerMinute ? QVariant(*r.rateLimitPerMinute) : QVariant()},
            QStringLiteral("id"), QStringLiteral("Storing the new token"));
        if (!id)
            return id.error();
        r.id = id.value();
        return created;
    });
}

Result<QList<ApiToken>> listJob(QSqlDatabase& db)
{
    return select(db, QString(), {}, false, QStringLiteral("Listing the tokens"));
}

Result<ApiToken> revokeJob(QSqlDatabase& db, const QString& name, qint64 nowMs)
{
    return Storage::inTransaction<ApiToken>(db, [&]() -> Result<ApiToken> {
        Result<QList<ApiToken>> found = select(db, QStringLiteral("WHERE name = ? AND revoked_at IS NULL"),
            {name}, false, QStringLiteral("Finding the token"));
        if (!found)
            return found.error();
        if (found.value().isEmpty())
            return noSuchToken(name);
        ApiToken token = found.value().constFirst();
        const Result<void> done =
            Storage::execute(db, QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE id = ?"),
                {nowMs, token.id}, QStringLiteral("Revoking the token"));
        if (!done)
            return done.error();
        token.revokedAt = nowMs;
        return token;
    });
}

Result<QList<ApiToken>> usableJob(QSqlDatabase& db, qint64 nowMs)
{
    return select(db, QStringLiteral("WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)"),
        {nowMs}, true, QStringLiteral("Loading the access tokens"));
}

Result<void> touchJob(QSqlDatabase& db, const QSet<qint64>& ids, qint64 atMs)
{
    if (ids.isEmpty())
        return {};
    QStringList marks;
    QVariantList binds {atMs};
    for (const qint64 id : ids) {
        marks.append(QStringLiteral("?"));
        binds.append(id);
    }
    binds.append(atMs);
    return Storage::execute(db,
        QStringLiteral("UPDATE api_tokens SET last_used_at = ? WHERE id IN (%1)"
                       " AND (last_used_at IS NULL OR last_used_at < ?)")
            .arg(marks.join(QLatin1String(", "))),
        binds, QStringLiteral("Recording when tokens were used"));
}

} // namespace TokenStore
