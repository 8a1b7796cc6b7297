#pragma once

#include "core/result.h"

#include <QList>
#include <QPair>
#include <QString>

// Where the data lives: one SQLite file (desktop app, `stdio`, shared by several processes) or a
// PostgreSQL database shared by `serve` replicas. Usually built from DATABASE_URL with fromUrl().
struct DatabaseConfig
{
    enum Engine
    {
        Sqlite,
        Postgres
    };

    // The parts of a postgres:// URL, decoded.
    struct PostgresParams
    {
        QString host; // empty: libpq's default (the local socket)
        int port = 5432;
        QString user;
        QString password; // secret: never logged; describe() prints [redacted]
        QString database;
        int connectTimeoutSeconds = 10;
        QList<QPair<QString, QString>> options; // further libpq keywords from the query (sslmode, ...)
    };

    Engine engine = Sqlite;
    QString sqlitePath; // absolute path of the SQLite file
    QString postgresUrl; // as given, password included: log describe() instead
    PostgresParams postgres;
    int busyTimeoutMs = 5000; // how long SQLite waits for another process's write lock

    // Empty -> SQLite at defaultSqlitePath; "sqlite:///abs/path.db" or a plain path -> SQLite;
    // "postgres://" or "postgresql://user:pass@host:port/db?sslmode=..." -> PostgreSQL.
    static Result<DatabaseConfig> fromUrl(const QString& databaseUrl, const QString& defaultSqlitePath);
    static DatabaseConfig sqlite(const QString& path);

    // "SQLite /path/finagent.db" or "postgresql://app:[redacted]@127.0.0.1:5432/finagent": safe to log.
    QString describe() const;
    // "127.0.0.1:5432", for messages about the server.
    QString postgresEndpoint() const;
    // libpq keyword=value pairs for QSqlDatabase::setConnectOptions() (QPSQL), ';'-separated.
    QString postgresConnectOptions() const;
};
