#include "storage/databaseconfig.h"

#include <QDir>
#include <QTest>

class StorageConfigTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyUsesDefaultSqlitePath();
    void emptyWithoutDefaultIsAnError();
    void sqliteUrls();
    void sqliteUrlErrors();
    void plainPaths();
    void postgresUrl();
    void postgresDefaultsAndEncoding();
    void postgresOptions();
    void postgresErrorsNeverLeakThePassword_data();
    void postgresErrorsNeverLeakThePassword();
    void unsupportedScheme();
};

void StorageConfigTest::emptyUsesDefaultSqlitePath()
{
    const Result<DatabaseConfig> cfg =
        DatabaseConfig::fromUrl(QString(), QStringLiteral("/data/finagent.db"));
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->engine, DatabaseConfig::Sqlite);
    QCOMPARE(cfg->sqlitePath, QStringLiteral("/data/finagent.db"));
    QCOMPARE(cfg->busyTimeoutMs, 5000);
    QCOMPARE(cfg->describe(),
        QStringLiteral("SQLite ") + QDir::toNativeSeparators(QStringLiteral("/data/finagent.db")));
    QCOMPARE(DatabaseConfig::fromUrl(QStringLiteral("   "), QStringLiteral("/d/x.db"))->sqlitePath,
        QStringLiteral("/d/x.db"));
}

void StorageConfigTest::emptyWithoutDefaultIsAnError()
{
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(QString(), QString());
    QVERIFY(!cfg.ok());
    QCOMPARE(cfg.error().code, QStringLiteral("invalid_database_url"));
    QVERIFY(cfg.error().message.contains(QLatin1String("DATABASE_URL")));
}

void StorageConfigTest::sqliteUrls()
{
    Result<DatabaseConfig> cfg =
        DatabaseConfig::fromUrl(QStringLiteral("sqlite:///var/lib/finagent/app.db"), QString());
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->engine, DatabaseConfig::Sqlite);
    QCOMPARE(cfg->sqlitePath, QStringLiteral("/var/lib/finagent/app.db"));

    cfg = DatabaseConfig::fromUrl(QStringLiteral("SQLITE:///tmp/with%20space.db"), QString());
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->sqlitePath, QStringLiteral("/tmp/with space.db"));

    cfg = DatabaseConfig::fromUrl(QStringLiteral("sqlite://localhost/tmp/a.db"), QString());
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->sqlitePath, QStringLiteral("/tmp/a.db"));
}

void StorageConfigTest::sqliteUrlErrors()
{
    Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(QStringLiteral("sqlite://data/app.db"), QString());
    QVERIFY(!cfg.ok());
    QVERIFY2(cfg.error().message.contains(QLatin1String("three slashes")), qPrintable(cfg.error().message));

    cfg = DatabaseConfig::fromUrl(QStringLiteral("sqlite:"), QString());
    QVERIFY(!cfg.ok());
    QVERIFY(cfg.error().message.contains(QLatin1String("sqlite:///")));

    cfg = DatabaseConfig::fromUrl(QStringLiteral("sqlite:///tmp/a.db?mode=ro"), QString());
    QVERIFY(!cfg.ok());
}

void StorageConfigTest::plainPaths()
{
    Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(QStringLiteral("/srv/finagent/data.db"), QString());
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->engine, DatabaseConfig::Sqlite);
    QCOMPARE(cfg->sqlitePath, QStringLiteral("/srv/finagent/data.db"));

    cfg = DatabaseConfig::fromUrl(QStringLiteral("relative/data.db"), QString());
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->sqlitePath, QDir::current().absoluteFilePath(QStringLiteral("relative/data.db")));

    cfg = DatabaseConfig::fromUrl(QStringLiteral("C:\\Users\\me\\finagent.db"), QString());
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->engine, DatabaseConfig::Sqlite);
}

void StorageConfigTest::postgresUrl()
{
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(
        QStringLiteral("postgresql://app:s3cret-pw@127.0.0.1:5433/finagent?sslmode=require"),
        QStringLiteral("/unused.db"));
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->engine, DatabaseConfig::Postgres);
    QCOMPARE(cfg->postgres.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(cfg->postgres.port, 5433);
    QCOMPARE(cfg->postgres.user, QStringLiteral("app"));
    QCOMPARE(cfg->postgres.password, QStringLiteral("s3cret-pw"));
    QCOMPARE(cfg->postgres.database, QStringLiteral("finagent"));
    QCOMPARE(cfg->postgres.options.size(), 1);
    QCOMPARE(cfg->postgres.options.constFirst().first, QStringLiteral("sslmode"));
    QCOMPARE(cfg->postgres.options.constFirst().second, QStringLiteral("require"));
    QCOMPARE(cfg->describe(),
        QStringLiteral("postgresql://app:[redacted]@127.0.0.1:5433/finagent?sslmode=require"));
    QVERIFY(!cfg->describe().contains(QLatin1String("s3cret")));
    QCOMPARE(cfg->postgresEndpoint(), QStringLiteral("127.0.0.1:5433"));
    QCOMPARE(cfg->postgresConnectOptions(), QStringLiteral("connect_timeout=10;sslmode=require"));
}

void StorageConfigTest::postgresDefaultsAndEncoding()
{
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(
        QStringLiteral("postgres://app%40corp:p%40ss%3Aw%2Fd@db.internal/fin%20agent"), QString());
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->postgres.port, 5432);
    QCOMPARE(cfg->postgres.user, QStringLiteral("app@corp"));
    QCOMPARE(cfg->postgres.password, QStringLiteral("p@ss:w/d"));
    QCOMPARE(cfg->postgres.database, QStringLiteral("fin agent"));
    QCOMPARE(cfg->postgres.host, QStringLiteral("db.internal"));
    QCOMPARE(
        cfg->describe(), QStringLiteral("postgresql://app%40corp:[redacted]@db.internal:5432/fin%20agent"));

    const Result<DatabaseConfig> noPassword =
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://app@127.0.0.1/finagent"), QString());
    QVERIFY(noPassword.ok());
    QCOMPARE(noPassword->describe(), QStringLiteral("postgresql://app@127.0.0.1:5432/finagent"));

    const Result<DatabaseConfig> v6 =
        DatabaseConfig::fromUrl(QStringLiteral("postgresql://u:p@[::1]:6000/db"), QString());
    QVERIFY(v6.ok());
    QCOMPARE(v6->postgresEndpoint(), QStringLiteral("[::1]:6000"));
}

void StorageConfigTest::postgresOptions()
{
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(
        QStringLiteral("postgresql://u@h/db?connect_timeout=3&application_name=fin%20agent&sslpassword=xyz"
                       "&options=-csearch_path%3Dtenant1"),
        QString());
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->postgres.connectTimeoutSeconds, 3);
    QCOMPARE(cfg->postgresConnectOptions(),
        QStringLiteral("connect_timeout=3;application_name='fin agent';sslpassword=xyz;"
                       "options=-csearch_path=tenant1"));
    QVERIFY(cfg->describe().contains(QLatin1String("sslpassword=[redacted]")));
    QVERIFY(!cfg->describe().contains(QLatin1String("xyz")));

    const Result<DatabaseConfig> viaQuery = DatabaseConfig::fromUrl(
        QStringLiteral("postgresql://h/db?user=app&password=hunter22&port=6543"), QString());
    QVERIFY(viaQuery.ok());
    QCOMPARE(viaQuery->postgres.user, QStringLiteral("app"));
    QCOMPARE(viaQuery->postgres.password, QStringLiteral("hunter22"));
    QCOMPARE(viaQuery->postgres.port, 6543);
    QVERIFY(!viaQuery->describe().contains(QLatin1String("hunter22")));
}

void StorageConfigTest::postgresErrorsNeverLeakThePassword_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("no database") << QStringLiteral("postgresql://app:TopSecret9@127.0.0.1:5432/")
                                 << "names no database";
    QTest::newRow("bad port") << QStringLiteral("postgresql://app:TopSecret9@127.0.0.1:99999/db")
                              << "not a valid";
    QTest::newRow("bad sslmode") << QStringLiteral("postgresql://app:TopSecret9@h/db?sslmode=always")
                                 << "sslmode";
    QTest::newRow("bad timeout") << QStringLiteral("postgresql://app:TopSecret9@h/db?connect_timeout=soon")
                                 << "connect_timeout";
    QTest::newRow("bad option") << QStringLiteral("postgresql://app:TopSecret9@h/db?Bad-Key=1")
                                << "unknown option";
    QTest::newRow("semicolon") << QStringLiteral("postgresql://app:TopSecret9@h/db?application_name=a%3Bb")
                               << "';'";
    QTest::newRow("fragment") << QStringLiteral("postgresql://app:TopSecret9@h/db#x") << "fragment";
    QTest::newRow("query port") << QStringLiteral("postgresql://app:TopSecret9@h/db?port=0") << "port";
}

void StorageConfigTest::postgresErrorsNeverLeakThePassword()
{
    QFETCH(QString, url);
    QFETCH(QString, fragment);
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(url, QString());
    QVERIFY(!cfg.ok());
    QCOMPARE(cfg.error().code, QStringLiteral("invalid_database_url"));
    QVERIFY2(cfg.error().message.contains(fragment), qPrintable(cfg.error().message));
    QVERIFY(!cfg.error().message.contains(QLatin1String("TopSecret9")));
}

void StorageConfigTest::unsupportedScheme()
{
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(QStringLiteral("mysql://u:p@h/db"), QString());
    QVERIFY(!cfg.ok());
    QVERIFY(cfg.error().message.contains(QLatin1String("\"mysql:\"")));
    QVERIFY(!cfg.error().message.contains(QLatin1String("u:p")));
}

QTEST_GUILESS_MAIN(StorageConfigTest)
#include "tst_storage_config.moc"
