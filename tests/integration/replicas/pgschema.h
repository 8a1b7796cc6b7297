#pragma once

#include "storage/databaseconfig.h"

#include <QList>
#include <QString>
#include <QVariant>
#include <QVariantList>

// A fresh schema in the test PostgreSQL cluster (the `postgres` ctest fixture), dropped when this
// object goes: the replicas of one test share it, other tests never see it.
class PgSchema
{
public:
    PgSchema();
    ~PgSchema();
    PgSchema(const PgSchema&) = delete;
    PgSchema& operator=(const PgSchema&) = delete;

    // Reads FINAGENT_TEST_PG_URL_FILE and creates the schema; false with *why when it cannot.
    bool create(QString* why);

    // For Database objects in this process, and DATABASE_URL for child processes.
    DatabaseConfig config() const { return m_config; }
    QString url() const { return m_url; }

    // Statements on an admin connection with search_path set to the schema.
    QVariant scalar(const QString& sql, const QVariantList& binds = {});
    QList<QVariantList> rows(const QString& sql, const QVariantList& binds = {});

private:
    bool exec(const QString& sql, const QVariantList& binds, QList<QVariantList>* out);

    QString m_connection;
    QString m_schema;
    QString m_url;
    DatabaseConfig m_config;
};
