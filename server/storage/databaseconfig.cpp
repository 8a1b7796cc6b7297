#include "storage/databaseconfig.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>

namespace
{

const QString kRedacted = QStringLiteral("[redacted]");

Error urlError(const QString& message)
{
    return Error(QStringLiteral("invalid_database_url"), message);
}

QString postgresExample()
{
    return QStringLiteral("postgresql://user:password@host:5432/database?sslmode=require");
}

bool isSecretOption(const QString& key)
{
    return key.contains(QLatin1String("password"));
}

// libpq's conninfo quoting: values with spaces, quotes or backslashes go in single quotes.
QString quoteConnValue(const QString& value)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_.,:/@%+=-]+$"));
    if (plain.match(value).hasMatch())
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

Result<DatabaseConfig> parseSqliteUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString usage = QStringLiteral("Write sqlite:///absolute/path/finagent.db or a plain file path.");
    if (!url.isValid())
        return urlError(QStringLiteral("DATABASE_URL is not a valid sqlite: URL. ") + usage);
    if (!url.host().isEmpty() && url.host() != QLatin1String("localhost"))
        return urlError(
            QStringLiteral("DATABASE_URL names the host \"%1\", but an SQLite database is a local "
                           "file; an absolute path needs three slashes. ")
                .arg(url.host())
            + usage);
    if (url.hasQuery() || url.hasFragment())
        return urlError(QStringLiteral("A sqlite: DATABASE_URL takes no options after the path. ") + usage);
    const QString path = url.path(QUrl::FullyDecoded);
    if (path.isEmpty() || !path.startsWith(QLatin1Char('/')))
        return urlError(QStringLiteral("DATABASE_URL has no absolute file path after sqlite:. ") + usage);
    QUrl file;
    file.setScheme(QStringLiteral("file"));
    file.setPath(path);
    return DatabaseConfig::sqlite(file.toLocalFile());
}

Result<DatabaseConfig> parsePostgresUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    // Never echo the URL or QUrl::errorString(): both can contain the password.
    if (!url.isValid())
        return urlError(QStringLiteral("DATABASE_URL is not a valid PostgreSQL URL. Expected %1; "
                                       "percent-encode special characters (@ : / ? #) in the user name and "
                                       "password.")
                            .arg(postgresExample()));
    if (url.hasFragment())
        return urlError(
            QStringLiteral("DATABASE_URL must not contain a # fragment. Expected %1 (percent-encode a # "
                           "in the password as %23).")
                .arg(postgresExample()));

    DatabaseConfig cfg;
    cfg.engine = DatabaseConfig::Postgres;
    cfg.postgresUrl = text;
    DatabaseConfig::PostgresParams& pg = cfg.postgres;
    pg.host = url.host(QUrl::FullyDecoded);
    pg.port = url.port(5432);
    pg.user = url.userName(QUrl::FullyDecoded);
    pg.password = url.password(QUrl::FullyDecoded);
    pg.database = url.path(QUrl::FullyDecoded);
    if (pg.database.startsWith(QLatin1Char('/')))
        pg.database.remove(0, 1);

    static const QRegularExpression keyPattern(QStringLiteral("^[a-z_]+$"));
    static const QSet<QString> sslModes {QStringLiteral("disable"), QStringLiteral("allow"),
        QStringLiteral("prefer"), QStringLiteral("require"), QStringLiteral("verify-ca"),
        QStringLiteral("verify-full")};
    const QList<QPair<QString, QString>> items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto& [key, value] : items) {
        if (!keyPattern.match(key).hasMatch())
            return urlError(QStringLiteral("DATABASE_URL has an unknown option \"%1\"; options are libpq "
                                           "keywords such as sslmode or connect_timeout.")
                                .arg(key));
        if (value.contains(QLatin1Char(';')))
            return urlError(QStringLiteral("The DATABASE_URL option \"%1\" contains a ';', which cannot be "
                                           "passed to PostgreSQL.")
                                .arg(key));
        if (key == QLatin1String("password")) {
            pg.password = value;
        } else if (key == QLatin1String("user")) {
            pg.user = value;
        } else if (key == QLatin1String("dbname")) {
            pg.database = value;
        } else if (key == QLatin1String("port")) {
            bool ok = false;
            const int port = value.toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return urlError(
                    QStringLiteral("The port \"%1\" in DATABASE_URL is not a number from 1 to 65535.")
                        .arg(value));
            pg.port = port;
        } else if (key == QLatin1String("connect_timeout")) {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 1 || seconds > 3600)
                return urlError(
                    QStringLiteral("connect_timeout in DATABASE_URL must be a whole number of seconds "
                                   "from 1 to 3600, not \"%1\".")
                        .arg(value));
            pg.connectTimeoutSeconds = seconds;
        } else {
            if (key == QLatin1String("sslmode") && !sslModes.contains(value))
                return urlError(QStringLiteral("sslmode=%1 in DATABASE_URL is not a PostgreSQL SSL mode; use "
                                               "disable, allow, prefer, require, verify-ca or verify-full.")
                                    .arg(value));
            pg.options.append({key, value});
        }
    }

    if (pg.database.isEmpty())
        return urlError(
            QStringLiteral("DATABASE_URL names no database. Expected %1.").arg(postgresExample()));
    return cfg;
}

} // namespace

DatabaseConfig DatabaseConfig::sqlite(const QString& path)
{
    DatabaseConfig cfg;
    cfg.engine = Sqlite;
    cfg.sqlitePath = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return cfg;
}

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString& databaseUrl, const QString& defaultSqlitePath)
{
    const QString text = databaseUrl.trimmed();
    if (text.isEmpty()) {
        if (defaultSqlitePath.isEmpty())
            return urlError(QStringLiteral("No database is configured: set DATABASE_URL to a file path or a "
                                           "postgresql:// URL."));
        return sqlite(defaultSqlitePath);
    }

    static const QRegularExpression schemePattern(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*):"));
    static const QRegularExpression windowsDrive(QStringLiteral("^[A-Za-z]:[\\\\/]"));
    const QRegularExpressionMatch m = schemePattern.match(text);
    const QString scheme =
        m.hasMatch() && !windowsDrive.match(text).hasMatch() ? m.captured(1).toLower() : QString();
    if (scheme == QLatin1String("sqlite"))
        return parseSqliteUrl(text);
    if (scheme == QLatin1String("postgres") || scheme == QLatin1String("postgresql"))
        return parsePostgresUrl(text);
    if (!scheme.isEmpty() && text.mid(scheme.size() + 1).startsWith(QLatin1String("//")))
        return urlError(
            QStringLiteral("DATABASE_URL uses the scheme \"%1:\", which FinAgent does not support. "
                           "Use a file path, sqlite:///path/finagent.db, or %2.")
                .arg(scheme, postgresExample()));
    // Anything else is a file path.
    return sqlite(QDir::fromNativeSeparators(text));
}

QString DatabaseConfig::describe() const
{
    if (engine == Sqlite)
        return QStringLiteral("SQLite ") + QDir::toNativeSeparators(sqlitePath);

    QString out = QStringLiteral("postgresql://");
    if (!postgres.user.isEmpty()) {
        out += QString::fromUtf8(QUrl::toPercentEncoding(postgres.user));
        if (!postgres.password.isEmpty())
            out += QLatin1Char(':') + kRedacted;
        out += QLatin1Char('@');
    }
    out += postgres.host.contains(QLatin1Char(':')) ? QLatin1Char('[') + postgres.host + QLatin1Char(']')
                                                    : postgres.host;
    out += QLatin1Char(':') + QString::number(postgres.port) + QLatin1Char('/')
        + QString::fromUtf8(QUrl::toPercentEncoding(postgres.database));
    QStringList query;
    for (const auto& [key, value] : postgres.options)
        query << key + QLatin1Char('=')
                + (isSecretOption(key) ? kRedacted : QString::fromUtf8(QUrl::toPercentEncoding(value)));
    if (!query.isEmpty())
        out += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return out;
}

QString DatabaseConfig::postgresEndpoint() const
{
    const QString host = postgres.host.isEmpty() ? QStringLiteral("localhost") : postgres.host;
    return (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host)
        + QLatin1Char(':') + QString::number(postgres.port);
}

QString DatabaseConfig::postgresConnectOptions() const
{
    QStringList parts;
    parts << QStringLiteral("connect_timeout=") + QString::number(postgres.connectTimeoutSeconds);
    for (const auto& [key, value] : postgres.options)
        parts << key + QLatin1Char('=') + quoteConnValue(value);
    return parts.join(QLatin1Char(';'));
}
