#include "paymentstestbase.h"
#include "testenv.h"

#include "core/securerandom.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// The payment service cases on PostgreSQL: each case in its own schema of the fixture's database.
class PostgresPaymentsTest : public PaymentsTestBase
{
    Q_OBJECT

protected:
    void prepareEngine() override;
    DatabaseConfig newDatabase() override;
    void dropDatabase(const DatabaseConfig& cfg) override;

private Q_SLOTS:
    void cleanupTestCase();

private:
    bool admin(const QString& sql);
    static QString schemaOf(const DatabaseConfig& cfg);

    DatabaseConfig m_base;
    const QString m_adminName = QStringLiteral("payments-pg-admin");
};

void PostgresPaymentsTest::prepareEngine()
{
    const QString file = qEnvironmentVariable("FINAGENT_TEST_PG_URL_FILE");
    if (file.isEmpty())
        QFAIL("FINAGENT_TEST_PG_URL_FILE is not set. Run this test through ctest, which starts PostgreSQL "
              "with the "
              "postgres_start fixture (tests/support/pg-cluster.sh).");
    const QString url = QString::fromUtf8(readWholeFile(file)).trimmed();
    if (url.isEmpty())
        QFAIL(qPrintable(
            QStringLiteral("No PostgreSQL URL in %1: the postgres_start fixture did not run or failed.")
                .arg(file)));
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(url, QString());
    QVERIFY2(cfg.ok(), qPrintable(cfg.error().message));
    QCOMPARE(cfg->engine, DatabaseConfig::Postgres);
    m_base = cfg.value();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_adminName);
    db.setHostName(m_base.postgres.host);
    db.setPort(m_base.postgres.port);
    db.setUserName(m_base.postgres.user);
    db.setPassword(m_base.postgres.password);
    db.setDatabaseName(m_base.postgres.database);
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    QVERIFY(admin(QStringLiteral("SET client_min_messages TO warning")));
}

void PostgresPaymentsTest::cleanupTestCase()
{
    QSqlDatabase::database(m_adminName, false).close();
    QSqlDatabase::removeDatabase(m_adminName);
}

bool PostgresPaymentsTest::admin(const QString& sql)
{
    QSqlQuery q(QSqlDatabase::database(m_adminName, false));
    if (!q.exec(sql)) {
        qWarning("admin statement failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

DatabaseConfig PostgresPaymentsTest::newDatabase()
{
    const QString schema = QStringLiteral("p_") + SecureRandom::hex(6);
    if (!admin(QStringLiteral("CREATE SCHEMA ") + schema))
        return m_base;
    DatabaseConfig cfg = m_base;
    cfg.postgres.options.append({QStringLiteral("options"), QStringLiteral("-csearch_path=") + schema});
    return cfg;
}

QString PostgresPaymentsTest::schemaOf(const DatabaseConfig& cfg)
{
    for (const auto& [key, value] : cfg.postgres.options) {
        if (key == QLatin1String("options") && value.startsWith(QLatin1String("-csearch_path=")))
            return value.mid(int(qstrlen("-csearch_path=")));
    }
    return {};
}

void PostgresPaymentsTest::dropDatabase(const DatabaseConfig& cfg)
{
    const QString schema = schemaOf(cfg);
    if (!schema.isEmpty())
        admin(QStringLiteral("DROP SCHEMA ") + schema + QStringLiteral(" CASCADE"));
}

QTEST_GUILESS_MAIN(PostgresPaymentsTest)
#include "tst_payments_postgres.moc"
