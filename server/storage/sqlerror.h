#pragma once

#include "core/result.h"
#include "storage/databaseconfig.h"

class QSqlDatabase;
class QSqlError;

namespace Storage
{

// Error codes produced by the storage layer.
namespace Code
{
constexpr const char Busy[] = "database_busy"; // locked / serialization failure: retry
constexpr const char Unavailable[] = "database_unavailable"; // cannot reach the server, or lost it
constexpr const char Constraint[] = "database_constraint"; // unique / foreign key / check violated
constexpr const char Failed[] = "database_error"; // anything else the database reported
constexpr const char NotOpen[] = "database_not_open";
constexpr const char SchemaTooNew[] = "database_schema_too_new";
constexpr const char NotFound[] = "not_found";
constexpr const char Conflict[] = "conflict";
constexpr const char InvalidArgument[] = "invalid_argument";
} // namespace Code

bool isPostgres(const QSqlDatabase& db);

// Turns a failed statement into an Error: "<action> failed: <what the database said>." with a code
// from Storage::Code. Driver texts carry no password (libpq never echoes it).
Error sqlError(const QSqlDatabase& db, const QSqlError& error, const QString& action);

// Turns a failed connection attempt into a sentence a person can act on. The password, if it
// somehow appears in the driver's text, is replaced by [redacted].
Error connectError(const QSqlError& error, const DatabaseConfig& cfg);

// Whether a transaction that failed with this error may simply be run again.
bool isRetryable(const Error& error);

bool hasCode(const Error& error, const char* code);

} // namespace Storage
