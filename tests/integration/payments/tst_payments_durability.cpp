#include "stdiochild.h"
#include "testenv.h"

#include "core/securerandom.h"
#include "storage/databaseconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// A child `finagent stdio` creates invoices with idempotency keys and is killed with SIGKILL at
// random moments (seeded, several rounds). After every restart each invoice whose creation was
// acknowledged exists exactly once (through the tools and straight in the database), and
// retrying with its key returns it. FINAGENT_DURABILITY_ENGINE=postgres runs it on PostgreSQL.
class PaymentsDurabilityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void acknowledgedInvoicesSurviveSigkill();

private:
    QProcessEnvironment childEnvironment() const;
    // Rows per idempotency key, read straight from the database.
    QHash<QString, QStringList> rowsByKey();
    void verify(const QHash<QString, QString>& acknowledged, const QString& when);

    TestEnv m_env;
    bool m_postgres = false;
    QString m_databaseUrl; // for the child (PostgreSQL only)
    DatabaseConfig m_pg;
    QString m_schema;
    const QString m_connection = QStringLiteral("durability-check");
};

void PaymentsDurabilityTest::initTestCase()
{
    QVERIFY2(!finagentBinary().isEmpty(), "FINAGENT_BINARY is not set; run through ctest");
    m_postgres = qEnvironmentVariable("FINAGENT_DURABILITY_ENGINE") == QLatin1String("postgres");
    if (!m_postgres) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(m_env.dataDir() + QStringLiteral("/finagent.db"));
        return;
    }
    const QString file = qEnvironmentVariable("FINAGENT_TEST_PG_URL_FILE");
    QVERIFY2(!file.isEmpty(), "FINAGENT_TEST_PG_URL_FILE is not set; run through ctest (postgres fixture)");
    const QString url = QString::fromUtf8(readWholeFile(file)).trimmed();
    QVERIFY2(!url.isEmpty(), qPrintable(QStringLiteral("No PostgreSQL URL in %1").arg(file)));
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(url, QString());
    QVERIFY(cfg.ok());
    m_pg = cfg.value();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
    db.setHostName(m_pg.postgres.host);
    db.setPort(m_pg.postgres.port);
    db.setUserName(m_pg.postgres.user);
    db.setPassword(m_pg.postgres.password);
    db.setDatabaseName(m_pg.postgres.database);
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    m_schema = QStringLiteral("dur_") + SecureRandom::hex(6);
    QSqlQuery q(db);
    QVERIFY2(q.exec(QStringLiteral("CREATE SCHEMA ") + m_schema), qPrintable(q.lastError().text()));
    m_databaseUrl = url + (url.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?"))
        + QStringLiteral("options=-csearch_path%3D") + m_schema;
}

void PaymentsDurabilityTest::cleanupTestCase()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (m_postgres && db.isOpen() && !m_schema.isEmpty()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("DROP SCHEMA ") + m_schema + QStringLiteral(" CASCADE"));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QProcessEnvironment PaymentsDurabilityTest::childEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FINAGENT_DATA_DIR"), m_env.dataDir());
    env.insert(QStringLiteral("FINAGENT_CONFIG_DIR"), m_env.configDir());
    env.insert(QStringLiteral("FINAGENT_PAYMENT_PROVIDER"), QStringLiteral("sandbox"));
    if (m_postgres)
        env.insert(QStringLiteral("DATABASE_URL"), m_databaseUrl);
    else
        env.remove(QStringLiteral("DATABASE_URL"));
    return env;
}

QHash<QString, QStringList> PaymentsDurabilityTest::rowsByKey()
{
    QHash<QString, QStringList> out;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isOpen() && !db.open()) {
        qWarning("cannot open the database: %s", qPrintable(db.lastError().text()));
        return out;
    }
    QSqlQuery q(db);
    const QString table = m_postgres ? m_schema + QStringLiteral(".invoices") : QStringLiteral("invoices");
    if (!q.exec(QStringLiteral("SELECT idempotency_key, id FROM ") + table
            + QStringLiteral(" WHERE idempotency_key IS NOT NULL"))) {
        qWarning("cannot read invoices: %s", qPrintable(q.lastError().text()));
        return out;
    }
    while (q.next())
        out[q.value(0).toString()].append(q.value(1).toString());
    q.finish();
    if (!m_postgres)
        db.close(); // never hold the file between rounds
    return out;
}

void PaymentsDurabilityTest::verify(const QHash<QString, QString>& acknowledged, const QString& when)
{
    const QHash<QString, QStringList> rows = rowsByKey();
    for (auto it = acknowledged.constBegin(); it != acknowledged.constEnd(); ++it) {
        const QStringList ids = rows.value(it.key());
        QVERIFY2(ids.size() == 1,
            qPrintable(QStringLiteral("%1: key %2 has %3 rows").arg(when, it.key()).arg(ids.size())));
        QVERIFY2(ids.first() == it.value(),
            qPrintable(QStringLiteral("%1: key %2 is %3, acknowledged as %4")
                           .arg(when, it.key(), ids.first(), it.value())));
    }
    for (auto it = rows.constBegin(); it != rows.constEnd(); ++it)
        QVERIFY2(it.value().size() == 1,
            qPrintable(QStringLiteral("%1: key %2 stored twice").arg(when, it.key())));
}

void PaymentsDurabilityTest::acknowledgedInvoicesSurviveSigkill()
{
    bool seeded = false;
    quint32 seed = qEnvironmentVariable("FINAGENT_TEST_SEED").toUInt(&seeded);
    if (!seeded)
        seed = 20251121u;
    qInfo("seed %u (set FINAGENT_TEST_SEED to repeat another run)", seed);
    QRandomGenerator rng(seed);

    QHash<QString, QString> acknowledged; // key -> invoice id
    QHash<QString, QJsonObject> arguments; // key -> the arguments it was created with
    const int rounds = 6;
    for (int round = 0; round < rounds; ++round) {
        StdioChild child(childEnvironment());
        QVERIFY(child.start());
        QVERIFY2(child.initialize(), child.standardError().constData());
        const int count = int(rng.bounded(6, 24));
        QList<QPair<int, QString>> sent;
        for (int i = 0; i < count; ++i) {
            QString key = QStringLiteral("r%1-k%2").arg(round).arg(i);
            if (!arguments.isEmpty() && rng.bounded(4) == 0)
                key = arguments.keys().at(int(rng.bounded(quint32(arguments.size())))); // a retry
            if (!arguments.contains(key)) {
                arguments.insert(key,
                    QJsonObject {{QStringLiteral("amount"),
                                     QStringLiteral("%1.%2")
                                         .arg(rng.bounded(1, 5000))
                                         .arg(rng.bounded(100), 2, 10, QLatin1Char('0'))},
                        {QStringLiteral("network"),
                            rng.bounded(2) ? QStringLiteral("TRC20") : QStringLiteral("ERC20")},
                        {QStringLiteral("description"), QStringLiteral("durability %1").arg(key)},
                        {QStringLiteral("idempotency_key"), key}});
            }
            sent.append({child.sendToolCall(QStringLiteral("create_payment"), arguments.value(key)), key});
        }
        // Kill after a random number of answers: the rest are somewhere between the pipe, the
        // database thread and the answer.
        const int answersBeforeKill = int(rng.bounded(0, count));
        QTRY_VERIFY_WITH_TIMEOUT(child.responseCount() >= 1 + answersBeforeKill, 20000);
        child.kill();
        QCOMPARE(child.process().exitStatus(), QProcess::CrashExit);

        int acked = 0;
        for (const auto& [id, key] : sent) {
            const QJsonObject response = child.responses().value(id);
            if (response.isEmpty())
                continue;
            const QJsonObject result = response.value(QStringLiteral("result")).toObject();
            QVERIFY2(!result.value(QStringLiteral("isError")).toBool(),
                QJsonDocument(result).toJson().constData());
            const QString invoiceId = result.value(QStringLiteral("structuredContent"))
                                          .toObject()
                                          .value(QStringLiteral("invoice_id"))
                                          .toString();
            QVERIFY(!invoiceId.isEmpty());
            if (acknowledged.contains(key))
                QCOMPARE(invoiceId, acknowledged.value(key));
            acknowledged.insert(key, invoiceId);
            ++acked;
        }
        qInfo("round %d: %d requests, killed after %d answers, %d acknowledged so far", round, count, acked,
            int(acknowledged.size()));
        verify(acknowledged, QStringLiteral("after round %1").arg(round));
        if (QTest::currentTestFailed())
            return;
    }

    // A new process sees every acknowledged invoice exactly once, and retries return them.
    StdioChild child(childEnvironment());
    QVERIFY(child.start());
    QVERIFY(child.initialize());
    QHash<QString, int> listed;
    QString cursor;
    do {
        QJsonObject a {{QStringLiteral("limit"), 200}};
        if (!cursor.isEmpty())
            a.insert(QStringLiteral("cursor"), cursor);
        const QJsonObject page = child.callTool(QStringLiteral("list_invoices"), a)
                                     .value(QStringLiteral("structuredContent"))
                                     .toObject();
        for (const QJsonValue& v : page.value(QStringLiteral("invoices")).toArray())
            ++listed[v.toObject().value(QStringLiteral("invoice_id")).toString()];
        cursor = page.value(QStringLiteral("next_cursor")).toString();
    } while (!cursor.isEmpty());
    for (auto it = acknowledged.constBegin(); it != acknowledged.constEnd(); ++it) {
        QCOMPARE(listed.value(it.value()), 1);
        const QJsonObject got =
            child.callTool(QStringLiteral("get_invoice"), {{QStringLiteral("invoice_id"), it.value()}})
                .value(QStringLiteral("structuredContent"))
                .toObject();
        QCOMPARE(got.value(QStringLiteral("idempotency_key")).toString(), it.key());
        const QJsonObject again = child.callTool(QStringLiteral("create_payment"), arguments.value(it.key()))
                                      .value(QStringLiteral("structuredContent"))
                                      .toObject();
        QCOMPARE(again.value(QStringLiteral("invoice_id")).toString(), it.value());
        QCOMPARE(again.value(QStringLiteral("created")).toBool(), false);
    }
    for (auto it = listed.constBegin(); it != listed.constEnd(); ++it)
        QCOMPARE(it.value(), 1);
    QVERIFY(child.finish());
    verify(acknowledged, QStringLiteral("at the end"));
    QVERIFY(acknowledged.size() > 10);
}

QTEST_GUILESS_MAIN(PaymentsDurabilityTest)
#include "tst_payments_durability.moc"
