#include "storage/migrations.h"

#include "storage/sqlerror.h"
#include "storage/sqlexec.h"
#include "storage/storagelog.h"
#include "storage/transaction.h"

#include <QSqlDatabase>

namespace
{

// pg_advisory_xact_lock key for schema changes: "FinAgent" in ASCII, fits a signed 64-bit integer.
constexpr qint64 kMigrationLockKey = 0x46696E4167656E74LL;

QString invoicesTable()
{
    return QStringLiteral("CREATE TABLE invoices ("
                          " id TEXT PRIMARY KEY,"
                          " provider TEXT NOT NULL,"
                          " provider_invoice_id TEXT NULL,"
                          " network TEXT NOT NULL,"
                          " coin TEXT NOT NULL,"
                          " amount_usd TEXT NULL,"
                          " amount_coin TEXT NULL,"
                          " amount_currency TEXT NOT NULL,"
                          " paid_amount TEXT NOT NULL DEFAULT '0',"
                          " status TEXT NOT NULL CHECK (status IN"
                          "  ('pending', 'paid', 'underpaid', 'overpaid', 'expired', 'cancelled')),"
                          " description TEXT NOT NULL DEFAULT '',"
                          " payment_url TEXT NOT NULL DEFAULT '',"
                          " address TEXT NOT NULL DEFAULT '',"
                          " idempotency_key TEXT NULL UNIQUE,"
                          " request_hash TEXT NULL,"
                          " client TEXT NOT NULL DEFAULT '',"
                          " created_at BIGINT NOT NULL,"
                          " updated_at BIGINT NOT NULL,"
                          " expires_at BIGINT NOT NULL,"
                          " paid_at BIGINT NULL,"
                          " next_check_at BIGINT NULL,"
                          " check_failures INTEGER NOT NULL DEFAULT 0,"
                          " version INTEGER NOT NULL DEFAULT 1)");
}

QStringList invoiceIndexes()
{
    return {
        QStringLiteral("CREATE INDEX invoices_created_idx ON invoices (created_at DESC, id DESC)"),
        QStringLiteral("CREATE INDEX invoices_status_idx ON invoices (status, created_at DESC)"),
        QStringLiteral("CREATE INDEX invoices_network_idx ON invoices (network, created_at DESC)"),
        QStringLiteral("CREATE INDEX invoices_updated_idx ON invoices (updated_at)"),
        QStringLiteral("CREATE INDEX invoices_next_check_idx ON invoices (next_check_at)"),
        // NULL provider ids (not yet known) never collide: NULLs are distinct in both engines.
        QStringLiteral(
            "CREATE UNIQUE INDEX invoices_provider_ref_idx ON invoices (provider, provider_invoice_id)"),
    };
}

// The auto-numbered id column: the only spelling that differs between the engines here.
QString eventsTable(const QString& idColumn)
{
    return QStringLiteral("CREATE TABLE invoice_events ("
                          " id %1,"
                          " invoice_id TEXT NOT NULL REFERENCES invoices(id),"
                          " at BIGINT NOT NULL,"
                          " from_status TEXT NULL,"
                          " to_status TEXT NOT NULL,"
                          " source TEXT NOT NULL,"
                          " details TEXT NOT NULL DEFAULT '{}')")
        .arg(idColumn);
}

// Arguments and results never go here: they could hold secrets.
QString auditTable(const QString& idColumn)
{
    return QStringLiteral(
        "CREATE TABLE audit_log ("
        " id %1,"
        " at BIGINT NOT NULL,"
        " tool TEXT NOT NULL,"
        " client TEXT NOT NULL DEFAULT '',"
        " session_id TEXT NULL,"
        " transport TEXT NOT NULL CHECK (transport IN ('stdio', 'http', 'desktop', 'remote')),"
        " process_id BIGINT NOT NULL,"
        " duration_ms INTEGER NOT NULL,"
        " outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error', 'invalid', 'cancelled')),"
        " error_code TEXT NULL)")
        .arg(idColumn);
}

QStringList migration1(const QString& idColumn)
{
    QStringList sql {invoicesTable()};
    sql << invoiceIndexes();
    sql << eventsTable(idColumn)
        << QStringLiteral("CREATE INDEX invoice_events_invoice_idx ON invoice_events (invoice_id, id)");
    sql << auditTable(idColumn) << QStringLiteral("CREATE INDEX audit_log_at_idx ON audit_log (at)");
    sql << QStringLiteral("CREATE TABLE kv_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    return sql;
}

// Payments: a time-limited lease so one process (of the desktop app, `stdio` processes and
// `serve` replicas sharing the database) refreshes pending invoices at a time, and the simulated
// payments of the sandbox provider (its wallet balances are their sums).
QStringList migration2(const QString& idColumn)
{
    return {
        QStringLiteral("CREATE TABLE payment_leases ("
                       " name TEXT PRIMARY KEY,"
                       " holder TEXT NOT NULL,"
                       " expires_at BIGINT NOT NULL)"),
        QStringLiteral("CREATE TABLE sandbox_payments ("
                       " id %1,"
                       " invoice_id TEXT NOT NULL REFERENCES invoices(id),"
                       " network TEXT NOT NULL,"
                       " amount TEXT NOT NULL,"
                       " at BIGINT NOT NULL)")
            .arg(idColumn),
        QStringLiteral("CREATE INDEX sandbox_payments_network_idx ON sandbox_payments (network)"),
        QStringLiteral("CREATE INDEX sandbox_payments_invoice_idx ON sandbox_payments (invoice_id)"),
    };
}

// Named access tokens of `serve`: only a SHA-256 of each token is kept. A name is unique among
// the tokens not revoked, so a revoked name can be given to a new token.
QStringList migration3(const QString& idColumn)
{
    return {
        QStringLiteral("CREATE TABLE api_tokens ("
                       " id %1,"
                       " name TEXT NOT NULL,"
                       " prefix TEXT NOT NULL,"
                       " token_hash TEXT NOT NULL UNIQUE,"
                       " created_at BIGINT NOT NULL,"
                       " last_used_at BIGINT NULL,"
                       " expires_at BIGINT NULL,"
                       " revoked_at BIGINT NULL,"
                       " rate_limit_per_minute INTEGER NULL)")
            .arg(idColumn),
        QStringLiteral("CREATE UNIQUE INDEX api_tokens_active_name_idx ON api_tokens (name)"
                       " WHERE revoked_at IS NULL"),
    };
}

// MCP sessions shared by `serve` replicas: ids are signed, so a row holds only what changes after
// the handshake (last use for the idle timeout, the end, the log level and subscriptions), keyed by
// a SHA-256 of the id (the id itself is a credential of the session and is not stored).
QStringList migration4()
{
    return {
        QStringLiteral("CREATE TABLE mcp_sessions ("
                       " id_hash TEXT PRIMARY KEY,"
                       " issued_at BIGINT NOT NULL,"
                       " last_used_at BIGINT NOT NULL,"
                       " ended_at BIGINT NULL,"
                       " end_reason TEXT NULL,"
                       " log_level TEXT NULL,"
                       " subscriptions TEXT NOT NULL DEFAULT '[]',"
                       " state_version INTEGER NOT NULL DEFAULT 0,"
                       " changed_at BIGINT NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE INDEX mcp_sessions_changed_idx ON mcp_sessions (changed_at)"),
        QStringLiteral("CREATE INDEX mcp_sessions_last_used_idx ON mcp_sessions (last_used_at)"),
    };
}

QList<Migration> buildMigrations()
{
    QList<Migration> list;
    list.append(Migration {1, QStringLiteral("invoices, invoice events, audit log, kv_meta"),
        migration1(QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")),
        migration1(QStringLiteral("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"))});
    list.append(Migration {2, QStringLiteral("payment leases, sandbox payments"),
        migration2(QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")),
        migration2(QStringLiteral("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"))});
    list.append(Migration {3, QStringLiteral("api tokens"),
        migration3(QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")),
        migration3(QStringLiteral("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"))});
    list.append(Migration {4, QStringLiteral("shared MCP sessions"), migration4(), migration4()});
    return list;
}

Result<bool> hasMigrationsTable(QSqlDatabase& db)
{
    // On PostgreSQL a real scan of pg_class, not to_regclass(): after waiting for the migration
    // lock, the catalog cache of this session may still hold "no such table" from before the
    // other instance committed, while a scan sees everything committed before the statement.
    const QString sql = Storage::isPostgres(db)
        ? QStringLiteral("SELECT COUNT(*) > 0 FROM pg_catalog.pg_class c"
                         " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                         " WHERE c.relname = 'schema_migrations' AND n.nspname = current_schema()")
        : QStringLiteral("SELECT COUNT(*) > 0 FROM sqlite_master"
                         " WHERE type = 'table' AND name = 'schema_migrations'");
    Result<QVariant> found = Storage::scalar(db, sql, {}, QStringLiteral("Reading the schema version"));
    if (!found)
        return found.error();
    return found.value().toBool();
}

Result<int> readVersion(QSqlDatabase& db)
{
    Result<bool> exists = hasMigrationsTable(db);
    if (!exists)
        return exists.error();
    if (!exists.value())
        return 0;
    Result<QVariant> version =
        Storage::scalar(db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"), {},
            QStringLiteral("Reading the schema version"));
    if (!version)
        return version.error();
    return version.value().toInt();
}

Error tooNew(int version)
{
    return Error(QLatin1String(Storage::Code::SchemaTooNew),
        QStringLiteral("The database was created by a newer FinAgent (schema %1); upgrade FinAgent "
                       "(this version knows schema %2 at most).")
            .arg(version)
            .arg(Migrations::latestVersion()),
        QJsonObject {{QStringLiteral("schema_version"), version},
            {QStringLiteral("supported_version"), Migrations::latestVersion()}});
}

} // namespace

namespace Migrations
{

const QList<Migration>& all()
{
    static const QList<Migration> list = buildMigrations();
    return list;
}

int latestVersion()
{
    return all().isEmpty() ? 0 : all().constLast().version;
}

Result<int> currentVersion(QSqlDatabase& db)
{
    return readVersion(db);
}

Result<int> apply(QSqlDatabase& db, qint64 nowMs)
{
    const bool pg = Storage::isPostgres(db);
    const int latest = latestVersion();

    // Fast path: most opens find the schema current and need no write lock at all.
    Result<int> before = readVersion(db);
    if (!before)
        return before.error();
    if (before.value() > latest)
        return tooNew(before.value());
    if (before.value() == latest)
        return before.value();

    for (;;) {
        int found = 0;
        bool finished = false;
        const Result<void> step = Storage::inTransaction<void>(db, [&]() -> Result<void> {
            if (pg) {
                const Result<void> locked = Storage::execute(db,
                    QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockKey), {},
                    QStringLiteral("Waiting for other FinAgent instances to finish migrating"));
                if (!locked)
                    return locked.error();
            }
            Result<bool> exists = hasMigrationsTable(db);
            if (!exists)
                return exists.error();
            if (!exists.value()) {
                const Result<void> created = Storage::execute(db,
                    QStringLiteral("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                                   " name TEXT NOT NULL, applied_at BIGINT NOT NULL)"),
                    {}, QStringLiteral("Creating the schema_migrations table"));
                if (!created)
                    return created.error();
            }
            Result<int> current = readVersion(db);
            if (!current)
                return current.error();
            found = current.value();
            if (found > latest)
                return tooNew(found);
            if (found == latest) {
                finished = true;
                return {};
            }
            const Migration& next = all().at(found); // versions are 1..N without gaps
            const QString action =
                QStringLiteral("Applying schema migration %1 (%2)").arg(next.version).arg(next.name);
            for (const QString& statement : pg ? next.postgres : next.sqlite) {
                const Result<void> r = Storage::execute(db, statement, {}, action);
                if (!r)
                    return r.error();
            }
            return Storage::execute(db,
                QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at)"
                               " VALUES (?, ?, ?)"),
                {next.version, next.name, nowMs}, action);
        });
        if (!step)
            return step.error();
        if (finished)
            return before.value();
        qCInfo(lcStorage) << "applied schema migration" << found + 1;
    }
}

} // namespace Migrations
