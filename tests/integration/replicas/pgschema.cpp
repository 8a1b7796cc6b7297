#include "pgschema.h"

#include "core/securerandom.h"
#include "testenv.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

PgSchema::PgSchema()
    : m_connection(QStringLiteral("pg-schema-") + SecureRandom::hex(4))
    , m_schema(QStringLiteral("r_") + SecureRandom::hex(6))
{ }

PgSchema::~PgSchema()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen()) {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(m_schema)))
                qWarning("could not drop the test schema %s: %s", qPrintable(m_schema),
                    qPrintable(q.lastError().text()));
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool PgSchema::create(QString* why)
{
    const QString file = qEnvironmentVariable("FINAGENT_TEST_PG_URL_FILE");
    if (file.isEmpty()) {
        *why =
            QStringLiteral("FINAGENT_TEST_PG_URL_FILE is not set: run this test through ctest, which starts "
                           "PostgreSQL with the postgres_start fixture (tests/support/pg-cluster.sh).");
        return false;
    }
    const QString base = QString::fromUtf8(readWholeFile(file)).trimmed();
    if (base.isEmpty()) {
        *why = QStringLiteral("No PostgreSQL URL in %1: the postgres_start fixture did not run or failed.")
                   .arg(file);
        return false;
    }
    // libpq's "options" carries the search path; '=' is percent-encoded inside the query value.
    m_url = base + (base.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?"))
        + QStringLiteral("options=-csearch_path%3D") + m_schema;
    const Result<DatabaseConfig> cfg = DatabaseConfig::fromUrl(m_url, QString());
    if (!cfg) {
        *why = cfg.error().message;
        return false;
    }
    m_config = cfg.value();

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
    db.setHostName(m_config.postgres.host);
    db.setPort(m_config.postgres.port);
    db.setUserName(m_config.postgres.user);
    db.setPassword(m_config.postgres.password);
    db.setDatabaseName(m_config.postgres.database);
    if (!db.open()) {
        *why = QStringLiteral("cannot reach the test PostgreSQL at %1: %2")
                   .arg(m_config.describe(), db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE SCHEMA %1").arg(m_schema))
        || !q.exec(QStringLiteral("SET search_path TO %1").arg(m_schema))) {
        *why = q.lastError().text();
        return false;
    }
    return true;
}

bool PgSchema::exec(const QString& sql, const QVariantList& binds, QList<QVariantList>* out)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    bool ok = q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    ok = ok && q.exec();
    if (!ok) {
        qWarning("test query failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }
    while (q.next()) {
        QVariantList row;
        for (int i = 0; i < q.record().count(); ++i)
            row.append(q.value(i));
        out->append(row);
    }
    return true;
}

QVariant PgSchema::scalar(const QString& sql, const QVariantList& binds)
{
    QList<QVariantList> out;
    if (!exec(sql, binds, &out) || out.isEmpty() || out.first().isEmpty())
        return {};
    return out.first().first();
}

QList<QVariantList> PgSchema::rows(const QString& sql, const QVariantList& binds)
{
    QList<QVariantList> out;
    exec(sql, binds, &out);
    return out;
}
