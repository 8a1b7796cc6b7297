#include "repositorytestbase.h"
#include "testenv.h"

#include "core/securerandom.h"
#include "storage/invoicerepository.h"
#include "storage/sqlerror.h"
#include "storage/sqlexec.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

// The shared storage cases on PostgreSQL (each case in its own schema of the fixture's
// database), plus connection errors and reconnection.
class PostgresStorageTest : public RepositoryTestBase
{
    Q_OBJECT

protected:
    void prepareEngine() override;
    DatabaseConfig newDatabase() override;
    void dropDatabase(const DatabaseConfig& cfg) override;

private Q_SLOTS:
    void cleanupTestCase();
    void describeIsRedacted();
    void refusedConnectionIsExplained();
    void wrongPasswordIsExplained();
    void unknownDatabaseIsExplained();
    void reconnectsAfterConnectionLoss();

private:
    bool admin(const QString& sql, const QVariantList& binds = {});
    static QString schemaOf(const DatabaseConfig& cfg);

    DatabaseConfig m_base;
    QString m_adminName = QStringLiteral("pg-test-admin");
};

void PostgresStorageTest::prepareEngine()
{
    const QString file = qEnvironmentVariable("FINAGENT_TEST_PG_URL_FILE");
    if (file.isEmpty())
        QFAIL("FINAGENT_TEST_PG_URL_FILE is not set. Run this test through ctest, which starts PostgreSQL "
              "with the "
              "postgres_start fixture (tests/support/pg-cluster.sh).");
    const QString url = QString::fromUtf8(readWholeFile(file)).trimmed();
    if (url.isEmpty())
        QFAIL(qPrintable(
            QStringLiteral("No PostgreSQL URL in %1: the postgres_start fixture did not run or failed. "
                           "Run `tests/support/pg-cluster.sh start <dir>` or ctest without -FS.")
                .arg(file)));
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(url, QString());
    QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
    QCOMPARE(cfg->engine, DatabaseConfig::Postgres);
    m_base = cfg.value();

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_adminName);
    db.setHostName(m_base.postgres.host);
    db.setPort(m_base.postgres.port);
    db.setUserName(m_base.postgres.user);
    db.setPassword(m_base.postgres.password);
    db.setDatabaseName(m_base.postgres.database);
    QVERIFY2(db.open(),
        qPrintable(QStringLiteral("cannot reach the test PostgreSQL at %1: %2")
                       .arg(m_base.describe(), db.lastError().text())));
    QVERIFY(admin(QStringLiteral("SET client_min_messages TO warning")));
}

void PostgresStorageTest::cleanupTestCase()
{
    QSqlDatabase::database(m_adminName, false).close();
    QSqlDatabase::removeDatabase(m_adminName);
}

bool PostgresStorageTest::admin(const QString& sql, const QVariantList& binds)
{
    QSqlDatabase db = QSqlDatabase::database(m_adminName, false);
    QSqlQuery q(db);
    bool ok = false;
    if (binds.isEmpty()) {
        ok = q.exec(sql);
    } else {
        ok = q.prepare(sql);
        for (const QVariant& v : binds)
            q.addBindValue(v);
        ok = ok && q.exec();
    }
    if (!ok)
        qWarning("admin statement failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return ok;
}

DatabaseConfig PostgresStorageTest::newDatabase()
{
    const QString schema = QStringLiteral("t_") + SecureRandom::hex(6);
    if (!admin(QStringLiteral("CREATE SCHEMA ") + schema))
        return m_base;
    DatabaseConfig cfg = m_base;
    cfg.postgres.options.append({QStringLiteral("options"), QStringLiteral("-csearch_path=") + schema});
    return cfg;
}

QString PostgresStorageTest::schemaOf(const DatabaseConfig& cfg)
{
    for (const auto& [key, value] : cfg.postgres.options) {
        if (key == QLatin1String("options") && value.startsWith(QLatin1String("-csearch_path=")))
            return value.mid(int(qstrlen("-csearch_path=")));
    }
    return {};
}

void PostgresStorageTest::dropDatabase(const DatabaseConfig& cfg)
{
    const QString schema = schemaOf(cfg);
    if (!schema.isEmpty())
        admin(QStringLiteral("DROP SCHEMA ") + schema + QStringLiteral(" CASCADE"));
}

void PostgresStorageTest::describeIsRedacted()
{
    QCOMPARE(m_db->engine(), DatabaseConfig::Postgres);
    QVERIFY(m_db->describe().startsWith(QLatin1String("postgresql://")));
    QVERIFY(m_db->describe().contains(QLatin1String(":[redacted]@")));
    QVERIFY(!m_db->describe().contains(m_config.postgres.password));
}

void PostgresStorageTest::refusedConnectionIsExplained()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now

    DatabaseConfig cfg = m_base;
    cfg.postgres.port = port;
    Database db(cfg);
    const Result<void> opened = db.openBlocking();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, QLatin1String(Storage::Code::Unavailable));
    QVERIFY2(opened.error().message.contains(QStringLiteral(
                 "PostgreSQL at 127.0.0.1:%1 refused the connection: is the server running? Check "
                 "DATABASE_URL")
                                                 .arg(port)),
        qPrintable(opened.error().message));
}

void PostgresStorageTest::wrongPasswordIsExplained()
{
    DatabaseConfig cfg = m_base;
    cfg.postgres.password = QStringLiteral("WrongPassword123");
    Database db(cfg);
    const Result<void> opened = db.openBlocking();
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().message.contains(QLatin1String("rejected the password for user")),
        qPrintable(opened.error().message));
    QVERIFY(!opened.error().message.contains(QLatin1String("WrongPassword123")));
    QVERIFY(!QJsonDocument(opened.error().toJson()).toJson().contains("WrongPassword123"));
}

void PostgresStorageTest::unknownDatabaseIsExplained()
{
    DatabaseConfig cfg = m_base;
    cfg.postgres.database = QStringLiteral("no_such_database");
    Database db(cfg);
    const Result<void> opened = db.openBlocking();
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().message.contains(QLatin1String("has no database named \"no_such_database\"")),
        qPrintable(opened.error().message));
}

void PostgresStorageTest::reconnectsAfterConnectionLoss()
{
    const auto backendPid = [this]() {
        return m_db->runBlocking<QVariant>([](QSqlDatabase& c) {
            return Storage::scalar(
                c, QStringLiteral("SELECT pg_backend_pid()"), {}, QStringLiteral("Reading the pid"));
        });
    };
    const Result<QVariant> before = backendPid();
    QVERIFY(before.ok());
    // The second argument makes PostgreSQL wait until that backend is gone.
    QVERIFY(admin(QStringLiteral("SELECT pg_terminate_backend(?, 10000)"), {before.value().toLongLong()}));

    const Result<QVariant> lost = backendPid();
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().code, QLatin1String(Storage::Code::Unavailable));

    const Result<QVariant> after = backendPid();
    QVERIFY2(after.ok(), qPrintable(after.ok() ? QString() : after.error().message));
    QVERIFY(after.value().toLongLong() != before.value().toLongLong());
    QVERIFY(m_db->runBlocking<CreateInvoiceResult>(
                    [](QSqlDatabase& c) { return InvoiceRepository::createJob(c, sampleInvoice(1)); })
                .ok());
}

QTEST_GUILESS_MAIN(PostgresStorageTest)
#include "tst_storage_postgres.moc"
