#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

class QSqlDatabase;

// One numbered schema change, written once for each engine.
struct Migration
{
    int version = 0;
    QString name;
    QStringList sqlite; // statements, in order
    QStringList postgres; // statements, in order
};

// The schema history. Versions are 1, 2, 3 ... with no gaps; a released migration never changes.
namespace Migrations
{

const QList<Migration>& all();
int latestVersion();

// Brings the schema up to latestVersion(), one transaction per migration, recorded in
// schema_migrations(version, name, applied_at). Concurrent openers (processes, replicas) take
// turns: BEGIN IMMEDIATE on SQLite, pg_advisory_xact_lock on PostgreSQL; whoever comes second
// finds the work done. A database with a version this binary does not know is refused.
// Returns the schema version found before applying anything.
Result<int> apply(QSqlDatabase& db, qint64 nowMs);

// The highest version recorded, 0 for an empty database.
Result<int> currentVersion(QSqlDatabase& db);

} // namespace Migrations
