#include "servetesting.h"

#include "core/securerandom.h"
#include "storage/databaseconfig.h"
#include "testenv.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

// Named tokens are shared state: two `serve` replicas on one PostgreSQL accept a token made with
// the CLI against that database, and both refuse it once revoked.
class TestServePostgres : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void replicasShareNamedTokens();

private:
    QProcessEnvironment environment() const;

    TestEnv m_env;
    QString m_url; // the fixture's URL with search_path set to this test's own schema
    QString m_schema;
    QString m_adminName = QStringLiteral("hosting-pg-admin");
};

QProcessEnvironment TestServePostgres::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DATABASE_URL"), m_url);
    return env;
}

void TestServePostgres::initTestCase()
{
    const QString file = qEnvironmentVariable("FINAGENT_TEST_PG_URL_FILE");
    if (file.isEmpty())
        QFAIL(
            "FINAGENT_TEST_PG_URL_FILE is not set. Run this test through ctest, which starts PostgreSQL with "
            "the postgres_start fixture (tests/support/pg-cluster.sh).");
    const QString base = QString::fromUtf8(readWholeFile(file)).trimmed();
    if (base.isEmpty())
        QFAIL(qPrintable(
            QStringLiteral("No PostgreSQL URL in %1: the postgres_start fixture did not run.").arg(file)));
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(base, QString());
    QVERIFY2(cfg.ok(), qPrintable(cfg.error().message));

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_adminName);
    db.setHostName(cfg->postgres.host);
    db.setPort(cfg->postgres.port);
    db.setUserName(cfg->postgres.user);
    db.setPassword(cfg->postgres.password);
    db.setDatabaseName(cfg->postgres.database);
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    m_schema = QStringLiteral("hosting_") + SecureRandom::hex(6);
    QSqlQuery q(db);
    QVERIFY2(q.exec(QStringLiteral("CREATE SCHEMA ") + m_schema), qPrintable(q.lastError().text()));

    QUrl url(base);
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("options"), QStringLiteral("-csearch_path%3D") + m_schema);
    url.setQuery(query);
    m_url = url.toString(QUrl::FullyEncoded);
}

void TestServePostgres::cleanupTestCase()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_adminName, false);
        if (db.isOpen() && !m_schema.isEmpty()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("DROP SCHEMA ") + m_schema + QStringLiteral(" CASCADE"));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(m_adminName);
}

void TestServePostgres::replicasShareNamedTokens()
{
    QString tokenFile;
    writeOperatorToken(m_env.root(), &tokenFile);
    const QStringList args {QStringLiteral("--token-file"), tokenFile, QStringLiteral("--set"),
        QStringLiteral("http.token_refresh_ms=200")};
    ServeProcess a;
    ServeProcess b;
    a.setEnvironment(environment());
    b.setEnvironment(environment());
    QVERIFY(a.start(args));
    QVERIFY(b.start(args));
    QVERIFY(a.waitReady());
    QVERIFY(b.waitReady());

    const CliResult made = runFinagent(
        {QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("team")}, environment());
    QVERIFY2(made.exitCode == 0, made.err.constData());
    const QByteArray token = made.out.trimmed();
    QVERIFY(token.startsWith("fa_"));
    for (ServeProcess* replica : {&a, &b})
        QVERIFY(QTest::qWaitFor(
            [replica]() { return replica->output().contains("named access tokens in use: 1"); }, 10000));
    QCOMPARE(mcpInitialize(a.port(), bearer(token)).status, 200);
    QCOMPARE(mcpInitialize(b.port(), apiKey(token)).status, 200);

    const CliResult list = runFinagent({QStringLiteral("token"), QStringLiteral("list")}, environment());
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains("team"));
    QVERIFY(!list.out.contains(token));

    QCOMPARE(runFinagent(
                 {QStringLiteral("token"), QStringLiteral("revoke"), QStringLiteral("team")}, environment())
                 .exitCode,
        0);
    QTRY_COMPARE_WITH_TIMEOUT(mcpInitialize(a.port(), bearer(token)).status, 401, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(mcpInitialize(b.port(), bearer(token)).status, 401, 10000);
    QVERIFY(!a.output().contains(token) && !b.output().contains(token));
}

QTEST_GUILESS_MAIN(TestServePostgres)
#include "tst_servepostgres.moc"
