#include "storage/sqlerror.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace
{

enum class Kind
{
    Busy,
    Unavailable,
    Constraint,
    Other
};

QString driverMessage(const QSqlError& error)
{
    QString text = error.databaseText().simplified();
    if (text.isEmpty())
        text = error.driverText().simplified();
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text.isEmpty() ? QStringLiteral("no details from the driver") : text;
}

bool mentionsLostConnection(const QString& text)
{
    static const char* const needles[] = {
        "server closed the connection",
        "no connection to the server",
        "terminating connection",
        "could not receive data",
        "could not send data",
        "connection to server",
        "SSL SYSCALL error",
        "SSL connection has been closed",
    };
    for (const char* needle : needles) {
        if (text.contains(QLatin1String(needle), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

Kind classifySqlite(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    if (ok) {
        switch (code & 0xff) { // extended result codes keep the primary code in the low byte
        case 5: // SQLITE_BUSY
        case 6: // SQLITE_LOCKED
            return Kind::Busy;
        case 19: // SQLITE_CONSTRAINT
            return Kind::Constraint;
        default:
            break;
        }
    }
    if (error.databaseText().contains(QLatin1String("database is locked")))
        return Kind::Busy;
    return Kind::Other;
}

Kind classifyPostgres(const QSqlError& error)
{
    const QString state = error.nativeErrorCode();
    if (state == QLatin1String("40001") || state == QLatin1String("40P01") || state == QLatin1String("55P03"))
        return Kind::Busy; // serialization failure, deadlock, lock not available
    if (state.startsWith(QLatin1String("23")))
        return Kind::Constraint;
    if (state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P"))
        || state == QLatin1String("53300"))
        return Kind::Unavailable;
    if (error.type() == QSqlError::ConnectionError || mentionsLostConnection(error.databaseText())
        || mentionsLostConnection(error.driverText()))
        return Kind::Unavailable;
    return Kind::Other;
}

QString redact(QString text, const QString& secret)
{
    if (secret.size() >= 3)
        text.replace(secret, QStringLiteral("[redacted]"));
    return text;
}

} // namespace

namespace Storage
{

bool isPostgres(const QSqlDatabase& db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

bool hasCode(const Error& error, const char* code)
{
    return error.code == QLatin1String(code);
}

bool isRetryable(const Error& error)
{
    return hasCode(error, Code::Busy);
}

Error sqlError(const QSqlDatabase& db, const QSqlError& error, const QString& action)
{
    const bool pg = isPostgres(db);
    const Kind kind = pg ? classifyPostgres(error) : classifySqlite(error);
    const QString said = driverMessage(error);
    QJsonObject details {
        {QStringLiteral("engine"), pg ? QStringLiteral("postgres") : QStringLiteral("sqlite")}};
    if (!error.nativeErrorCode().isEmpty())
        details.insert(QStringLiteral("native_code"), error.nativeErrorCode());

    switch (kind) {
    case Kind::Busy:
        return Error(QLatin1String(Code::Busy),
            QStringLiteral("%1 failed because the database was busy with another writer (%2). Try again.")
                .arg(action, said),
            details);
    case Kind::Unavailable:
        return Error(QLatin1String(Code::Unavailable),
            QStringLiteral("%1 failed because the connection to the database was lost (%2). Check that "
                           "the database server is running; FinAgent reconnects on the next request.")
                .arg(action, said),
            details);
    case Kind::Constraint:
        return Error(QLatin1String(Code::Constraint),
            QStringLiteral("%1 failed because it would break a rule of the stored data (%2).")
                .arg(action, said),
            details);
    case Kind::Other:
        break;
    }
    return Error(QLatin1String(Code::Failed), QStringLiteral("%1 failed: %2.").arg(action, said), details);
}

Error connectError(const QSqlError& error, const DatabaseConfig& cfg)
{
    const QString said = redact(driverMessage(error), cfg.postgres.password);
    QJsonObject details;
    if (!error.nativeErrorCode().isEmpty())
        details.insert(QStringLiteral("native_code"), error.nativeErrorCode());

    if (cfg.engine == DatabaseConfig::Sqlite) {
        return Error(QLatin1String(Code::Unavailable),
            QStringLiteral("Could not open the SQLite database %1: %2. Check that the folder exists and "
                           "that this user may write to it.")
                .arg(cfg.sqlitePath, said),
            details);
    }

    const QString where = QStringLiteral("PostgreSQL at ") + cfg.postgresEndpoint();
    const auto has = [&said](const char* needle) {
        return said.contains(QLatin1String(needle), Qt::CaseInsensitive);
    };
    QString message;
    if (has("Connection refused"))
        message =
            where + QStringLiteral(" refused the connection: is the server running? Check DATABASE_URL.");
    else if (has("password authentication failed") || has("no password supplied"))
        message = where
            + QStringLiteral(" rejected the password for user \"%1\". Check the user name and password in "
                             "DATABASE_URL.")
                  .arg(cfg.postgres.user);
    else if (has("database \"") && has("does not exist"))
        message = where
            + QStringLiteral(" has no database named \"%1\". Create it (createdb %1) or fix the database "
                             "name in DATABASE_URL.")
                  .arg(cfg.postgres.database);
    else if (has("role \"") && has("does not exist"))
        message = where
            + QStringLiteral(
                " has no user named \"%1\". Create the role or fix the user name in DATABASE_URL.")
                  .arg(cfg.postgres.user);
    else if (has("timeout expired"))
        message = where
            + QStringLiteral(" did not answer within %1 seconds. Check the host and port in DATABASE_URL and "
                             "any firewall in between.")
                  .arg(cfg.postgres.connectTimeoutSeconds);
    else if (has("could not translate host name"))
        message =
            QStringLiteral("The host name \"%1\" in DATABASE_URL could not be resolved. Check the spelling "
                           "and your DNS.")
                .arg(cfg.postgres.host);
    else if (has("no pg_hba.conf entry"))
        message = where
            + QStringLiteral(" does not accept connections from this machine for user \"%1\" (pg_hba.conf). "
                             "Ask the database administrator to allow it, or check sslmode.")
                  .arg(cfg.postgres.user);
    else if (has("server does not support SSL"))
        message = where
            + QStringLiteral(
                " does not support SSL, but DATABASE_URL asks for it (sslmode). Enable SSL on the "
                "server or change sslmode.");
    else if (has("too many connections") || has("remaining connection slots"))
        message = where
            + QStringLiteral(" has no free connection slots. Try again later or raise max_connections.");
    else if (has("starting up") || has("shutting down"))
        message = where + QStringLiteral(" is starting up or shutting down. Try again in a moment.");
    else
        message =
            QStringLiteral("Could not connect to %1: %2. Check DATABASE_URL and that the server is running.")
                .arg(where, said);

    details.insert(QStringLiteral("driver_message"), said);
    return Error(QLatin1String(Code::Unavailable), message, details);
}

} // namespace Storage
