#include "invoiceload.h"
#include "mcptestclient.h"
#include "nginxproxy.h"
#include "pgschema.h"
#include "servereplica.h"
#include "testenv.h"

#include "core/securerandom.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTest>

#include <array>
#include <memory>

namespace
{

constexpr int kReplicas = 3;
const QByteArray kLeaderLine = "this process now refreshes pending invoices";

qint64 pidOfInstance(const QByteArray& instance)
{
    return instance.left(instance.indexOf('@')).toLongLong();
}

qint64 pidOfLeaseHolder(const QString& holder)
{
    return holder.left(holder.indexOf(QLatin1Char('-'))).toLongLong();
}

} // namespace

// Three `finagent serve` replicas on one PostgreSQL behind nginx (round-robin, 127.0.0.1 only),
// driven by one MCP client through nginx.
class TestReplicas : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void callsLandOnSeveralReplicasAndTheSessionHolds();
    void invoiceCreatedOnOneReplicaIsListedOnAnother();
    void refreshRunsOnceAcrossReplicas();
    void killingAReplicaUnderLoadLosesNoAcknowledgedInvoice();

private:
    QString leaseHolder();
    qint64 leaseExpiry();
    int replicaWithPid(qint64 pid) const;
    int replicasSayingTheyLead();

    std::unique_ptr<TestEnv> m_env;
    std::unique_ptr<PgSchema> m_pg;
    QByteArray m_token;
    QString m_tokenFile;
    std::array<std::unique_ptr<ServeReplica>, kReplicas> m_replicas;
    NginxProxy m_nginx;
};

void TestReplicas::initTestCase()
{
    if (NginxProxy::binary().isEmpty())
        QFAIL("nginx is not installed: this test runs replicas behind the distribution's nginx (apt-get "
              "install "
              "nginx-light)");
    m_env = std::make_unique<TestEnv>();
    m_pg = std::make_unique<PgSchema>();
    QString why;
    if (!m_pg->create(&why))
        QFAIL(qPrintable(why));

    m_token = SecureRandom::token(32).toLatin1();
    m_tokenFile = QDir(m_env->root()).filePath(QStringLiteral("token"));
    QFile token(m_tokenFile);
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write(m_token + '\n');
    token.close();
    token.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    // Clients reach the replicas as 127.0.0.1:<nginx port>: the name an operator lists in
    // http.allowed_hosts.
    const quint16 proxyPort = NginxProxy::freePort();
    QVERIFY(proxyPort != 0);
    QList<quint16> ports;
    for (int i = 0; i < kReplicas; ++i) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DATABASE_URL"), m_pg->url());
        env.insert(QStringLiteral("FINAGENT_DATA_DIR"),
            QDir(m_env->root()).filePath(QStringLiteral("data%1").arg(i)));
        env.insert(QStringLiteral("FINAGENT_CONFIG_DIR"),
            QDir(m_env->root()).filePath(QStringLiteral("config%1").arg(i)));
        env.insert(QStringLiteral("FINAGENT_ALLOWED_HOSTS"), QStringLiteral("127.0.0.1:%1").arg(proxyPort));
        env.insert(QStringLiteral("FINAGENT_PAYMENT_PROVIDER"), QStringLiteral("sandbox"));
        env.insert(QStringLiteral("FINAGENT_REFRESH_INTERVAL_MS"), QStringLiteral("300"));
        env.remove(QStringLiteral("FINAGENT_HTTP_SESSION_KEY")); // the key comes from the database
        m_replicas[size_t(i)] = std::make_unique<ServeReplica>();
        if (!m_replicas[size_t(i)]->start(m_tokenFile, env, &why))
            QFAIL(qPrintable(why));
        ports.append(m_replicas[size_t(i)]->port());
    }
    if (!m_nginx.start(QDir(m_env->root()).filePath(QStringLiteral("nginx")), proxyPort, ports, &why))
        QFAIL(qPrintable(why));
}

void TestReplicas::cleanupTestCase()
{
    m_nginx.stop();
    for (auto& r : m_replicas) {
        if (r)
            r->kill();
    }
    m_pg.reset();
    m_env.reset();
}

QString TestReplicas::leaseHolder()
{
    return m_pg->scalar(QStringLiteral("SELECT holder FROM payment_leases WHERE name = 'invoice_refresh'"))
        .toString();
}

qint64 TestReplicas::leaseExpiry()
{
    return m_pg->scalar(
                   QStringLiteral("SELECT expires_at FROM payment_leases WHERE name = 'invoice_refresh'"))
        .toLongLong();
}

int TestReplicas::replicaWithPid(qint64 pid) const
{
    for (int i = 0; i < kReplicas; ++i) {
        if (m_replicas[size_t(i)]->pid() == pid)
            return i;
    }
    return -1;
}

int TestReplicas::replicasSayingTheyLead()
{
    int n = 0;
    for (auto& r : m_replicas) {
        if (r->output().contains(kLeaderLine))
            ++n;
    }
    return n;
}

void TestReplicas::callsLandOnSeveralReplicasAndTheSessionHolds()
{
    McpTestClient client(m_nginx.url(), m_token);
    const McpReply init = client.initialize();
    QVERIFY2(init.status == 200, qPrintable(init.describe() + QString::fromUtf8(m_nginx.errorLog())));
    const QByteArray session = client.session();
    QVERIFY(!session.isEmpty());

    QSet<qint64> pids {pidOfInstance(init.instance)};
    const QStringList methods {QStringLiteral("tools/list"), QStringLiteral("list_invoices"),
        QStringLiteral("ping"), QStringLiteral("check_balance")};
    for (int i = 0; i < 16; ++i) {
        const QString& m = methods.at(i % methods.size());
        const McpReply r = m.contains(QLatin1Char('/')) || m == QLatin1String("ping") ? client.request(m)
                                                                                      : client.callTool(m);
        QVERIFY2(r.status == 200, qPrintable(m + QStringLiteral(": ") + r.describe()));
        QVERIFY2(!r.message.contains(QStringLiteral("error")), qPrintable(r.describe()));
        QVERIFY2(!r.isToolError(), qPrintable(r.describe()));
        QCOMPARE(r.sessionId, session);
        const qint64 pid = pidOfInstance(r.instance);
        QVERIFY2(replicaWithPid(pid) >= 0, r.instance.constData());
        pids.insert(pid);
    }
    // Round-robin: every replica answered this one session.
    QVERIFY2(pids.size() == kReplicas,
        qPrintable(QStringLiteral("%1 of %2 replicas answered; nginx access log:\n%3\nerror log:\n%4")
                       .arg(pids.size())
                       .arg(kReplicas)
                       .arg(QString::fromUtf8(m_nginx.accessLog()), QString::fromUtf8(m_nginx.errorLog()))));

    // The database agrees: the tool calls of this session were recorded by several processes.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_pg->scalar(QStringLiteral("SELECT COUNT(DISTINCT process_id) FROM audit_log WHERE session_id = ?"),
                {QString::fromLatin1(session)})
                .toInt()
            >= 2,
        10000);
    for (const QVariantList& row :
        m_pg->rows(QStringLiteral("SELECT DISTINCT process_id FROM audit_log WHERE session_id = ?"),
            {QString::fromLatin1(session)}))
        QVERIFY(replicaWithPid(row.first().toLongLong()) >= 0);
}

void TestReplicas::invoiceCreatedOnOneReplicaIsListedOnAnother()
{
    McpTestClient client(m_nginx.url(), m_token);
    QCOMPARE(client.initialize().status, 200);
    const McpReply created = client.callTool(QStringLiteral("create_payment"),
        QJsonObject {{QStringLiteral("amount"), QStringLiteral("12.34")},
            {QStringLiteral("network"), QStringLiteral("TRC20")},
            {QStringLiteral("idempotency_key"), QString(QStringLiteral("cross-") + SecureRandom::hex(8))}});
    QVERIFY2(created.status == 200 && !created.isToolError(), qPrintable(created.describe()));
    const QString id = created.structured().value(QStringLiteral("invoice_id")).toString();
    QVERIFY(!id.isEmpty());
    const QByteArray creator = created.instance;

    bool gotElsewhere = false;
    for (int i = 0; i < 2 * kReplicas && !gotElsewhere; ++i) {
        const McpReply r =
            client.callTool(QStringLiteral("get_invoice"), QJsonObject {{QStringLiteral("invoice_id"), id}});
        QVERIFY2(r.status == 200 && !r.isToolError(), qPrintable(r.describe()));
        QVERIFY2(r.body.contains(id.toUtf8()), qPrintable(r.describe()));
        gotElsewhere = r.instance != creator;
    }
    QVERIFY(gotElsewhere);

    bool listedElsewhere = false;
    for (int i = 0; i < 2 * kReplicas && !listedElsewhere; ++i) {
        const McpReply r = client.callTool(QStringLiteral("list_invoices"));
        QVERIFY2(r.status == 200 && !r.isToolError(), qPrintable(r.describe()));
        QStringList ids;
        for (const QJsonValue& v : r.structured().value(QStringLiteral("invoices")).toArray())
            ids << v.toObject().value(QStringLiteral("invoice_id")).toString();
        QVERIFY2(ids.contains(id), qPrintable(ids.join(QLatin1Char(' '))));
        listedElsewhere = r.instance != creator;
    }
    QVERIFY(listedElsewhere);
}

void TestReplicas::refreshRunsOnceAcrossReplicas()
{
    QTRY_VERIFY_WITH_TIMEOUT(!leaseHolder().isEmpty(), 15000);
    const QString holder = leaseHolder();
    const int leader = replicaWithPid(pidOfLeaseHolder(holder));
    QVERIFY2(leader >= 0, qPrintable(holder));
    // Rounds keep running (the lease is renewed) in the same process, while the others, which try
    // every 300 ms too, never take it.
    for (int renewal = 0; renewal < 3; ++renewal) {
        const qint64 expiry = leaseExpiry();
        QTRY_VERIFY_WITH_TIMEOUT(leaseExpiry() > expiry, 10000);
        QCOMPARE(leaseHolder(), holder);
    }
    QCOMPARE(replicasSayingTheyLead(), 1);
    QVERIFY(m_replicas[size_t(leader)]->output().contains(kLeaderLine));
}

void TestReplicas::killingAReplicaUnderLoadLosesNoAcknowledgedInvoice()
{
    McpTestClient client(m_nginx.url(), m_token);
    QCOMPARE(client.initialize().status, 200);
    // The replica to kill is the one refreshing invoices: its lease must move to one survivor.
    const int victim = replicaWithPid(pidOfLeaseHolder(leaseHolder()));
    QVERIFY(victim >= 0);
    const qint64 victimPid = m_replicas[size_t(victim)]->pid();

    const QString prefix = QStringLiteral("load-") + SecureRandom::hex(6) + QLatin1Char('-');
    const int total = 90;
    InvoiceLoad load(client, prefix, total, 4);
    load.start();
    QTRY_VERIFY_WITH_TIMEOUT(load.acknowledgedCount() >= 20, 30000);
    m_replicas[size_t(victim)]->kill(); // SIGKILL by PID, four creates in flight
    load.markPhase();
    QTRY_VERIFY2_WITH_TIMEOUT(load.isDone(), qPrintable(load.failures().join(QLatin1Char('\n'))), 120000);

    QCOMPARE(load.sessionLost(), 0); // the session held on the survivors
    QVERIFY(load.acknowledgedSinceMark() > 0);
    QSet<qint64> answeredBy;
    for (const QByteArray& instance : load.instances())
        answeredBy.insert(pidOfInstance(instance));
    QVERIFY2(answeredBy.contains(victimPid), "the killed replica had acknowledged creates before it died");

    // Every acknowledged invoice exists, exactly once, with the id the client was given.
    const QHash<QString, QString>& acked = load.acknowledged();
    QCOMPARE(int(acked.size()), total);
    for (auto it = acked.cbegin(); it != acked.cend(); ++it) {
        const QList<QVariantList> rows =
            m_pg->rows(QStringLiteral("SELECT id FROM invoices WHERE idempotency_key = ?"), {it.key()});
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().first().toString(), it.value());
    }
    QCOMPARE(m_pg->scalar(QStringLiteral("SELECT COUNT(*) FROM invoices WHERE idempotency_key LIKE ?"),
                     {QString(prefix + QLatin1Char('%'))})
                 .toInt(),
        total);

    // The client carries on; nginx answers from the survivors.
    for (int i = 0; i < 2 * kReplicas; ++i) {
        const McpReply r =
            client.callTool(QStringLiteral("list_invoices"), QJsonObject {{QStringLiteral("limit"), 5}});
        QVERIFY2(r.status == 200 && !r.isToolError(), qPrintable(r.describe()));
        QVERIFY(pidOfInstance(r.instance) != victimPid);
    }

    // Background refresh moves to exactly one survivor once the dead replica's lease runs out.
    QTRY_VERIFY_WITH_TIMEOUT(pidOfLeaseHolder(leaseHolder()) != victimPid, 45000);
    const int successor = replicaWithPid(pidOfLeaseHolder(leaseHolder()));
    QVERIFY(successor >= 0 && successor != victim);
    QVERIFY(m_replicas[size_t(successor)]->isRunning());
    // The successor's log line arrives through its stderr pipe after the lease row changed.
    const auto survivorsLeading = [this, victim]() {
        int n = 0;
        for (int i = 0; i < kReplicas; ++i) {
            if (i != victim && m_replicas[size_t(i)]->output().contains(kLeaderLine))
                ++n;
        }
        return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(survivorsLeading(), 1, 10000);
}

QTEST_GUILESS_MAIN(TestReplicas)
#include "tst_replicas.moc"
