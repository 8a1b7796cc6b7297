#include "storage/databaseworker.h"

#include "storage/migrations.h"
#include "storage/sqlerror.h"
#include "storage/sqlexec.h"
#include "storage/statementcache.h"
#include "storage/storagelog.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QThread>

#include <atomic>

namespace
{

QString nextConnectionName()
{
    static std::atomic<int> counter {0};
    return QStringLiteral("finagent-storage-%1").arg(++counter);
}

constexpr QFile::Permissions kPrivateDir = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
constexpr QFile::Permissions kPrivateFile = QFile::ReadOwner | QFile::WriteOwner;

// Creates the missing folders of `path`, each readable by this user only.
bool makePrivatePath(const QString& path)
{
    // Walk up by path text: QDir::cdUp() refuses to leave a folder that does not exist yet.
    QStringList missing;
    QString existing = QDir::cleanPath(QDir(path).absolutePath());
    while (!QFileInfo::exists(existing)) {
        const QFileInfo info(existing);
        missing.prepend(info.fileName());
        const QString parent = info.path();
        if (parent == existing)
            return false;
        existing = parent;
    }
    QDir dir(existing);
    for (const QString& name : missing) {
        if (!dir.mkdir(name, kPrivateDir) && !dir.exists(name))
            return false;
        if (!dir.cd(name))
            return false;
    }
    return true;
}

Error notOpen(const Error& why)
{
    if (why.isNull())
        return Error(QLatin1String(Storage::Code::NotOpen),
            QStringLiteral("The database is not open yet. Call Database::open() before running jobs."));
    return Error(QLatin1String(Storage::Code::NotOpen),
        QStringLiteral("The database could not be opened: %1").arg(why.message), why.details);
}

} // namespace

DatabaseWorker::DatabaseWorker(DatabaseConfig cfg)
    : m_config(std::move(cfg))
    , m_connectionName(nextConnectionName())
{ }

DatabaseWorker::~DatabaseWorker()
{
    close();
}

Result<void> DatabaseWorker::connectAndMigrate()
{
    const Result<void> connected = connect();
    if (!connected)
        return connected;
    const Result<int> before = Migrations::apply(m_db, QDateTime::currentMSecsSinceEpoch());
    if (!before)
        return before.error();
    return {};
}

Result<void> DatabaseWorker::open()
{
    m_opened = false;
    m_openError = Error();
    // Switching a new file to WAL, or reading it while another process recovers its WAL, can
    // report SQLITE_BUSY at once instead of waiting in the busy handler; so can two processes
    // creating the same file. Such an open is simply tried again for up to the busy timeout.
    QElapsedTimer clock;
    clock.start();
    Result<void> result;
    for (int attempt = 1;; ++attempt) {
        result = connectAndMigrate();
        if (result || !Storage::isRetryable(result.error()) || clock.elapsed() > m_config.busyTimeoutMs)
            break;
        dropConnection();
        QThread::msleep(static_cast<unsigned long>(qMin(20 * attempt, 200)));
    }
    if (!result) {
        m_openError = result.error();
        dropConnection();
        qCWarning(lcStorage).noquote()
            << "could not open" << m_config.describe() << ":" << result.error().message;
        return result;
    }
    m_opened = true;
    m_reconnect = false;
    qCInfo(lcStorage).noquote() << "opened" << m_config.describe();
    return {};
}

void DatabaseWorker::execute(const StorageDetail::Work& work)
{
    if (!m_opened) {
        work(nullptr, notOpen(m_openError));
        return;
    }
    if (m_reconnect) {
        const Result<void> again = connect();
        if (!again) {
            dropConnection();
            work(nullptr, again.error());
            return;
        }
        m_reconnect = false;
        qCInfo(lcStorage).noquote() << "reconnected to" << m_config.describe();
    }
    const Error* failure = work(&m_db, Error());
    if (failure && m_config.engine == DatabaseConfig::Postgres
        && Storage::hasCode(*failure, Storage::Code::Unavailable)) {
        qCWarning(lcStorage).noquote() << "lost the connection to" << m_config.describe();
        dropConnection();
        m_reconnect = true;
    }
}

void DatabaseWorker::close()
{
    dropConnection();
    m_opened = false;
}

void DatabaseWorker::dropConnection()
{
    if (m_db.isValid()) {
        StatementCache::release(m_db);
        m_db.close();
        m_db = QSqlDatabase();
    }
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

Result<void> DatabaseWorker::connect()
{
    dropConnection();
    return m_config.engine == DatabaseConfig::Sqlite ? connectSqlite() : connectPostgres();
}

Result<void> DatabaseWorker::connectSqlite()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return Error(QLatin1String(Storage::Code::Unavailable),
            QStringLiteral(
                "The SQLite driver for Qt (QSQLITE, package libqt6sql6-sqlite) is not installed."));

    const QString path = m_config.sqlitePath;
    const QFileInfo info(path);
    if (!makePrivatePath(info.absolutePath()))
        return Error(QLatin1String(Storage::Code::Unavailable),
            QStringLiteral("Could not create the folder %1 for the database. Check that this user may "
                           "write there, or set DATABASE_URL to another path.")
                .arg(QDir::toNativeSeparators(info.absolutePath())));
    if (!info.exists()) {
        // Create it ourselves so it is private from the first byte; SQLite gives its -wal and
        // -shm files the same mode. Another process may win the race: then the file exists.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kPrivateFile) && !QFileInfo::exists(path))
            return Error(QLatin1String(Storage::Code::Unavailable),
                QStringLiteral("Could not create the database file %1: %2. Check that this user may write "
                               "to the folder.")
                    .arg(QDir::toNativeSeparators(path), file.errorString()));
    }

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_config.busyTimeoutMs));
    if (!m_db.open())
        return Storage::connectError(m_db.lastError(), m_config);
    return configureSqlite();
}

Result<void> DatabaseWorker::configureSqlite()
{
    const QString where = QDir::toNativeSeparators(m_config.sqlitePath);
    const QString action = QStringLiteral("Setting up the SQLite database %1").arg(where);

    const Result<void> timeout = Storage::execute(
        m_db, QStringLiteral("PRAGMA busy_timeout = %1").arg(m_config.busyTimeoutMs), {}, action);
    if (!timeout)
        return timeout.error();

    // Several processes share this file: WAL lets readers and one writer work at the same time.
    const Result<QVariant> mode =
        Storage::scalar(m_db, QStringLiteral("PRAGMA journal_mode = WAL"), {}, action);
    if (!mode) {
        if (mode.error().details.value(QStringLiteral("native_code")).toString() == QLatin1String("26"))
            return Error(QLatin1String(Storage::Code::Unavailable),
                QStringLiteral("%1 is not a FinAgent database, or it is damaged. Move it away or set "
                               "DATABASE_URL to another file.")
                    .arg(where));
        return mode.error();
    }
    if (mode.value().toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Error(QLatin1String(Storage::Code::Unavailable),
            QStringLiteral("SQLite could not switch %1 to write-ahead logging (journal mode is \"%2\"). "
                           "Keep the database on a local disk, not a network share.")
                .arg(where, mode.value().toString()));

    for (const char* pragma : {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"}) {
        const Result<void> r = Storage::execute(m_db, QLatin1String(pragma), {}, action);
        if (!r)
            return r.error();
    }
    const Result<QVariant> fk = Storage::scalar(m_db, QStringLiteral("PRAGMA foreign_keys"), {}, action);
    if (!fk)
        return fk.error();
    if (fk.value().toInt() != 1)
        return Error(QLatin1String(Storage::Code::Unavailable),
            QStringLiteral("This SQLite library cannot enforce foreign keys; FinAgent needs a build with "
                           "foreign key support."));
    return {};
}

Result<void> DatabaseWorker::connectPostgres()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error(QLatin1String(Storage::Code::Unavailable),
            QStringLiteral("The PostgreSQL driver for Qt (QPSQL, package libqt6sql6-psql) is not installed, "
                           "so DATABASE_URL cannot point at PostgreSQL."));

    const DatabaseConfig::PostgresParams& pg = m_config.postgres;
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    m_db.setHostName(pg.host);
    m_db.setPort(pg.port);
    m_db.setUserName(pg.user);
    m_db.setPassword(pg.password);
    m_db.setDatabaseName(pg.database);
    m_db.setConnectOptions(m_config.postgresConnectOptions());
    if (!m_db.open())
        return Storage::connectError(m_db.lastError(), m_config);
    // Keeps NOTICE chatter ("relation ... already exists") out of stderr, which stdio hosts show.
    return Storage::execute(m_db, QStringLiteral("SET client_min_messages TO warning"), {},
        QStringLiteral("Setting up the PostgreSQL session"));
}
