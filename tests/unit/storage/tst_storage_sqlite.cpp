#include "repositorytestbase.h"
#include "testenv.h"

#include "storage/invoicerepository.h"
#include "storage/sqlexec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QTest>

// The shared storage cases on SQLite, plus what only SQLite has: WAL, pragmas, file modes.
class SqliteStorageTest : public RepositoryTestBase
{
    Q_OBJECT

protected:
    DatabaseConfig newDatabase() override
    {
        // A folder that does not exist yet, so every case also exercises its creation.
        return DatabaseConfig::sqlite(m_env.dataDir() + QStringLiteral("/db%1/finagent.db").arg(++m_counter));
    }

private Q_SLOTS:
    void walAndPragmas();
    void filesArePrivate();
    void notADatabaseIsRefused();
    void missingFoldersAreCreated();
    void describeNamesTheFile();

private:
    QVariant pragma(const char* name)
    {
        const QString sql = QStringLiteral("PRAGMA ") + QLatin1String(name);
        const Result<QVariant> v = m_db->runBlocking<QVariant>([sql](QSqlDatabase& c) {
            return Storage::scalar(c, sql, {}, QStringLiteral("Reading a pragma"));
        });
        return v ? v.value() : QVariant();
    }

    TestEnv m_env;
    int m_counter = 0;
};

void SqliteStorageTest::walAndPragmas()
{
    QCOMPARE(m_db->engine(), DatabaseConfig::Sqlite);
    QCOMPARE(pragma("journal_mode").toString(), QStringLiteral("wal"));
    QCOMPARE(pragma("foreign_keys").toInt(), 1);
    QCOMPARE(pragma("synchronous").toInt(), 2); // FULL
    QCOMPARE(pragma("busy_timeout").toInt(), 5000);
}

void SqliteStorageTest::filesArePrivate()
{
    QVERIFY(m_db->runBlocking<CreateInvoiceResult>(
                    [](QSqlDatabase& c) { return InvoiceRepository::createJob(c, sampleInvoice(1)); })
                .ok());
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
        | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    const QFileInfo file(m_config.sqlitePath);
    QVERIFY(file.exists());
    QCOMPARE(file.permissions() & others, QFile::Permissions());
    QVERIFY(file.permissions() & QFile::ReadOwner);
    QVERIFY(file.permissions() & QFile::WriteOwner);
    const QFileInfo wal(m_config.sqlitePath + QStringLiteral("-wal"));
    QVERIFY(wal.exists());
    QCOMPARE(wal.permissions() & others, QFile::Permissions());
    const QFileInfo folder(file.absolutePath());
    QCOMPARE(folder.permissions() & others, QFile::Permissions());
    QVERIFY(folder.permissions() & QFile::ExeOwner);
}

void SqliteStorageTest::missingFoldersAreCreated()
{
    // Several levels missing, as on a first run where even the XDG data folder is not there yet.
    const QString folder = m_env.dataDir() + QStringLiteral("/first/run/finagent");
    QVERIFY(!QFileInfo::exists(m_env.dataDir() + QStringLiteral("/first")));
    Database db(DatabaseConfig::sqlite(folder + QStringLiteral("/finagent.db")));
    const Result<void> opened = db.openBlocking();
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/finagent.db")));
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
        | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    for (const QString& level :
        {QStringLiteral("/first"), QStringLiteral("/first/run"), QStringLiteral("/first/run/finagent")})
        QCOMPARE(QFileInfo(m_env.dataDir() + level).permissions() & others, QFile::Permissions());
}

void SqliteStorageTest::notADatabaseIsRefused()
{
    const QString path = m_env.dataDir() + QStringLiteral("/garbage.db");
    QFile junk(path);
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'x'));
    junk.close();

    Database db(DatabaseConfig::sqlite(path));
    const Result<void> opened = db.openBlocking();
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().message.contains(QLatin1String("not a FinAgent database")),
        qPrintable(opened.error().message));
    QVERIFY(opened.error().message.contains(QDir::toNativeSeparators(path)));
}

void SqliteStorageTest::describeNamesTheFile()
{
    QCOMPARE(m_db->describe(), QStringLiteral("SQLite ") + QDir::toNativeSeparators(m_config.sqlitePath));
}

QTEST_GUILESS_MAIN(SqliteStorageTest)
#include "tst_storage_sqlite.moc"
