#pragma once

#include "core/result.h"
#include "security/apitoken.h"

#include <QList>
#include <QSet>

#include <optional>

class QSqlDatabase;

// The api_tokens table (schema migration 3): jobs for Database::run / runBlocking. The table is in
// the shared database, so every `serve` replica on one PostgreSQL sees the same tokens.
namespace TokenStore
{

struct NewToken
{
    QString name;
    std::optional<qint64> expiresAt; // ms since the epoch
    std::optional<int> rateLimitPerMinute;
};

// A token made by create(): the only moment the token itself exists outside the client.
struct Created
{
    ApiToken record;
    QByteArray token;
};

// Makes a random token, stores its hash and returns both. A name already used by a token that is
// not revoked is refused (Storage::Code::Conflict).
Result<Created> createJob(QSqlDatabase& db, const NewToken& request, qint64 nowMs);
// Every token, revoked and expired ones included, oldest first. Hashes are left out.
Result<QList<ApiToken>> listJob(QSqlDatabase& db);
// Revokes the token of that name that is not revoked yet (Storage::Code::NotFound if none).
Result<ApiToken> revokeJob(QSqlDatabase& db, const QString& name, qint64 nowMs);
// Tokens that can be used now, with their hashes, for the verifier's snapshot.
Result<QList<ApiToken>> usableJob(QSqlDatabase& db, qint64 nowMs);
// Records that these tokens were used at `atMs` (never moves last_used_at back).
Result<void> touchJob(QSqlDatabase& db, const QSet<qint64>& ids, qint64 atMs);

} // namespace TokenStore
