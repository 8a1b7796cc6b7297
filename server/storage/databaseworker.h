#pragma once

#include "core/result.h"
#include "storage/database.h"
#include "storage/databaseconfig.h"

#include <QObject>
#include <QSqlDatabase>

// Lives on Database's worker thread and owns the connection; everything here runs on that thread.
class DatabaseWorker : public QObject
{
public:
    explicit DatabaseWorker(DatabaseConfig cfg);
    ~DatabaseWorker() override;

    // Connect, configure, migrate.
    Result<void> open();
    // Runs one job; reconnects first when the previous job lost a PostgreSQL connection.
    void execute(const StorageDetail::Work& work);
    void close();

private:
    Result<void> connectAndMigrate();
    Result<void> connect();
    Result<void> connectSqlite();
    Result<void> connectPostgres();
    Result<void> configureSqlite();
    void dropConnection();

    DatabaseConfig m_config;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_opened = false; // open() succeeded
    bool m_reconnect = false; // the connection was lost; make a new one before the next job
    Error m_openError;
};
