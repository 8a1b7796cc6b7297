#include "httptesting.h"
#include "mcptestclient.h"
#include "pgschema.h"
#include "testenv.h"

#include "protocol/mcpsession.h"
#include "storage/database.h"
#include "storage/sqlexec.h"
#include "transport/sessionsigner.h"
#include "transport/sessionstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace
{

// One `serve` process as far as sessions go: its own MCP server and HTTP endpoint, its own
// database connection and session store, on the database the others use.
class Replica
{
public:
    Replica(const DatabaseConfig& database, const QByteArray& secret, const McpHttpService::Config& config)
    {
        m_db = std::make_unique<Database>(database);
        m_db->open(&m_context, [](Result<void> r) {
            if (!r)
                qWarning("replica database: %s", qPrintable(r.error().message));
        });
        SessionStore::Config storeConfig;
        storeConfig.pollIntervalMs = 50;
        m_store = std::make_unique<SessionStore>(*m_db, storeConfig);
        HttpLimits limits = TestServer::smallLimits();
        limits.idleTimeoutMs = 10000;
        limits.maxConnections = 32;
        m_server = std::make_unique<TestServer>(limits, config);
        m_server->service().setSessionStore(m_store.get());
        m_store->start(secret);
    }
    ~Replica()
    {
        m_server.reset(); // the service lets go of its sessions first
        m_store.reset();
        m_db.reset();
    }

    TestServer& server() { return *m_server; }
    McpHttpService& service() { return m_server->service(); }
    SessionStore& store() { return *m_store; }
    Database& db() { return *m_db; }
    QUrl url() const { return m_server->mcpUrl(); }
    McpSession* held(const QByteArray& id)
    {
        for (McpSession* s : service().sessions()) {
            if (s->id() == QString::fromLatin1(id))
                return s;
        }
        return nullptr;
    }

private:
    QObject m_context;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SessionStore> m_store;
    std::unique_ptr<TestServer> m_server;
};

QByteArray withCharFlipped(QByteArray id, qsizetype at)
{
    id[at] = id.at(at) == 'A' ? 'B' : 'A';
    return id;
}

} // namespace

// Sessions shared by several McpHttpService instances on one database (SQLite file or
// PostgreSQL, from FINAGENT_REPLICAS_ENGINE): what replicas behind a load balancer rely on.
class TestSessionReplicas : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void firstStartsAgreeOnOneKey();
    void sessionOpenedOnOneIsAcceptedByTheOther();
    void deleteOnOneEndsItEverywhere();
    void tamperedIdsAre404();
    void idFromAnotherKeyIs404();
    void logLevelAndSubscriptionsAreShared();
    void idleSessionEndsEverywhere();
    void sessionUsedElsewhereOutlivesLocalIdle();
    void databaseKeepsOnlyHashes();

private:
    std::unique_ptr<Replica> replica(const QByteArray& secret = {}, int idleMs = 60000);
    QVariant scalar(Database& db, const QString& sql, const QVariantList& binds = {});

    bool m_postgres = false;
    std::unique_ptr<TestEnv> m_env;
    std::unique_ptr<PgSchema> m_schema;
    DatabaseConfig m_database;
    std::unique_ptr<Replica> m_a;
    std::unique_ptr<Replica> m_b;
};

void TestSessionReplicas::initTestCase()
{
    const QString engine = qEnvironmentVariable("FINAGENT_REPLICAS_ENGINE", QStringLiteral("sqlite"));
    QVERIFY2(engine == QLatin1String("sqlite") || engine == QLatin1String("postgres"), qPrintable(engine));
    m_postgres = engine == QLatin1String("postgres");
}

void TestSessionReplicas::init()
{
    m_env = std::make_unique<TestEnv>();
    if (m_postgres) {
        m_schema = std::make_unique<PgSchema>();
        QString why;
        if (!m_schema->create(&why))
            QFAIL(qPrintable(why));
        m_database = m_schema->config();
    } else {
        m_database = DatabaseConfig::sqlite(QDir(m_env->root()).filePath(QStringLiteral("shared.db")));
    }
    const int idleMs = QByteArray(QTest::currentTestFunction()).startsWith("idle")
            || QByteArray(QTest::currentTestFunction()).startsWith("sessionUsedElsewhere")
        ? 1500
        : 60000;
    // Both start at once on an empty database: they must agree on one key.
    m_a = replica({}, idleMs);
    m_b = replica({}, idleMs);
    QTRY_COMPARE_WITH_TIMEOUT(int(m_a->store().state()), int(SessionStore::State::Ready), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(int(m_b->store().state()), int(SessionStore::State::Ready), 15000);
}

void TestSessionReplicas::cleanup()
{
    m_a.reset();
    m_b.reset();
    m_schema.reset();
    m_env.reset();
}

std::unique_ptr<Replica> TestSessionReplicas::replica(const QByteArray& secret, int idleMs)
{
    McpHttpService::Config config;
    config.keepAliveMs = 200;
    config.sessionIdleTimeoutMs = idleMs;
    return std::make_unique<Replica>(m_database, secret, config);
}

QVariant TestSessionReplicas::scalar(Database& db, const QString& sql, const QVariantList& binds)
{
    const Result<QVariant> r = db.runBlocking<QVariant>(
        [&](QSqlDatabase& c) { return Storage::scalar(c, sql, binds, QStringLiteral("test query")); });
    return r ? r.value() : QVariant();
}

void TestSessionReplicas::firstStartsAgreeOnOneKey()
{
    QCOMPARE(scalar(m_a->db(), QStringLiteral("SELECT COUNT(*) FROM kv_meta WHERE key = 'mcp.session_key'"))
                 .toInt(),
        1);
    // A third one, later, reads the same key.
    auto c = replica();
    QTRY_COMPARE(int(c->store().state()), int(SessionStore::State::Ready));
    SessionClaims claims = SessionClaims::fromInitialize(
        QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-06-18")}}, 1000);
    for (Replica* minter : {m_a.get(), m_b.get(), c.get()}) {
        const QString id = minter->store().mint(claims);
        QVERIFY(!id.isEmpty());
        for (Replica* checker : {m_a.get(), m_b.get(), c.get()}) {
            const auto verified = checker->store().verify(id);
            QVERIFY(verified);
            QCOMPARE(verified->protocolVersion, QStringLiteral("2025-06-18"));
        }
    }
}

void TestSessionReplicas::sessionOpenedOnOneIsAcceptedByTheOther()
{
    McpTestClient client(m_a->url(), TestServer::token());
    const McpReply init = client.initialize(QStringLiteral("2025-06-18"),
        QJsonObject {{QStringLiteral("roots"), QJsonObject {{QStringLiteral("listChanged"), true}}}});
    QCOMPARE(init.status, 200);
    const QByteArray id = client.session();
    QVERIFY(!id.isEmpty());
    QVERIFY(id.contains('.'));
    for (char ch : id)
        QVERIFY2(ch >= 0x21 && ch <= 0x7e, id.constData());
    QCOMPARE(init.instance, m_a->store().instanceId().toUtf8());
    QCOMPARE(m_a->service().sessionCount(), 1);
    QCOMPARE(m_b->service().sessionCount(), 0);

    QSignalSpy openedOnB(&m_b->service(), &McpHttpService::sessionOpened);
    client.setUrl(m_b->url());
    const McpReply echo = client.callTool(QStringLiteral("echo"), QJsonObject {{QStringLiteral("n"), 7}});
    QCOMPARE(echo.status, 200);
    QCOMPARE(echo.sessionId, id);
    QCOMPARE(
        echo.structured().value(QStringLiteral("echo")).toObject().value(QStringLiteral("n")).toInt(), 7);
    QCOMPARE(openedOnB.count(), 1);
    McpSession* onB = m_b->held(id);
    QVERIFY(onB);
    QCOMPARE(onB->protocolVersion(), QStringLiteral("2025-06-18"));
    QCOMPARE(onB->clientInfo().value(QStringLiteral("name")).toString(), QStringLiteral("replica-test"));
    QVERIFY(onB->clientHasCapability(QStringLiteral("roots")));

    // Back and forth: both keep answering the same session.
    for (int i = 0; i < 6; ++i) {
        client.setUrl(i % 2 ? m_a->url() : m_b->url());
        const McpReply r = client.request(QStringLiteral("tools/list"));
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY(!r.result().value(QStringLiteral("tools")).toArray().isEmpty());
    }
    QCOMPARE(openedOnB.count(), 1);
    QCOMPARE(m_a->service().sessionCount(), 1);
}

void TestSessionReplicas::deleteOnOneEndsItEverywhere()
{
    McpTestClient client(m_a->url(), TestServer::token());
    QCOMPARE(client.initialize().status, 200);
    const QByteArray id = client.session();
    client.setUrl(m_b->url());
    QCOMPARE(client.request(QStringLiteral("ping")).status, 200);
    QVERIFY(m_b->held(id));

    QSignalSpy closedOnA(&m_a->service(), &McpHttpService::sessionClosed);
    const McpReply ended = client.end();
    QCOMPARE(ended.status, 200);
    QCOMPARE(client.request(QStringLiteral("ping")).status, 404);
    // A drops it at its next poll, without being asked.
    QTRY_COMPARE_WITH_TIMEOUT(closedOnA.count(), 1, 5000);
    QCOMPARE(closedOnA.first().first().toString(), QString::fromLatin1(id));
    client.setUrl(m_a->url());
    const McpReply onA = client.request(QStringLiteral("ping"));
    QCOMPARE(onA.status, 404);
    QCOMPARE(
        onA.message.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32001);
    QCOMPARE(client.end().status, 404);

    // A replica that never saw it refuses it too.
    auto c = replica();
    QTRY_COMPARE(int(c->store().state()), int(SessionStore::State::Ready));
    client.setUrl(c->url());
    QCOMPARE(client.request(QStringLiteral("ping")).status, 404);
    QCOMPARE(c->service().sessionCount(), 0);
}

void TestSessionReplicas::tamperedIdsAre404()
{
    McpTestClient client(m_a->url(), TestServer::token());
    QCOMPARE(client.initialize().status, 200);
    const QByteArray id = client.session();
    McpTestClient other(m_a->url(), TestServer::token());
    QCOMPARE(other.initialize().status, 200);
    const QByteArray otherId = other.session();
    const qsizetype dot = id.indexOf('.');
    QVERIFY(dot > 0);

    const QList<QByteArray> forged {
        withCharFlipped(id, 3), // the claims
        withCharFlipped(id, dot + 5), // the signature
        withCharFlipped(id, id.size() - 1), // spare bits of the signature's last character
        id.left(dot), // no signature
        id + ".x",
        id.left(dot) + otherId.mid(otherId.indexOf('.')), // another session's signature
        id.left(dot + 1),
        QByteArray(43, 'A'), // the shape of a single-process id
        id.left(dot) + '.' + QByteArray(43, '_'),
        QByteArray(5000, 'a') + '.' + id.mid(dot + 1),
        id.left(dot) + "!." + id.mid(dot + 1),
    };
    for (Replica* r : {m_b.get(), m_a.get()}) {
        client.setUrl(r->url());
        for (const QByteArray& bad : forged) {
            client.setSession(bad);
            const McpReply reply = client.request(QStringLiteral("ping"));
            QVERIFY2(reply.status == 404 || (bad.size() > 4096 && reply.status == 431),
                qPrintable(QString::fromLatin1(bad.left(80)) + QStringLiteral(": ") + reply.describe()));
        }
    }
    QCOMPARE(m_b->service().sessionCount(), 0);
    client.setSession(id);
    client.setUrl(m_b->url());
    QCOMPARE(client.request(QStringLiteral("ping")).status, 200);
}

void TestSessionReplicas::idFromAnotherKeyIs404()
{
    // Same database, but an operator key: a deployment that changed its key, or another one.
    auto keyed = replica("another deployment's session key");
    auto keyedToo = replica("another deployment's session key");
    QTRY_COMPARE(int(keyed->store().state()), int(SessionStore::State::Ready));
    QTRY_COMPARE(int(keyedToo->store().state()), int(SessionStore::State::Ready));

    McpTestClient client(keyed->url(), TestServer::token());
    QCOMPARE(client.initialize().status, 200);
    const QByteArray keyedId = client.session();
    client.setUrl(m_a->url());
    QCOMPARE(client.request(QStringLiteral("ping")).status, 404);
    client.setUrl(keyedToo->url());
    QCOMPARE(client.request(QStringLiteral("ping")).status, 200);

    McpTestClient plain(m_a->url(), TestServer::token());
    QCOMPARE(plain.initialize().status, 200);
    plain.setUrl(keyed->url());
    QCOMPARE(plain.request(QStringLiteral("ping")).status, 404);
    plain.setUrl(m_b->url());
    QCOMPARE(plain.request(QStringLiteral("ping")).status, 200);
}

void TestSessionReplicas::logLevelAndSubscriptionsAreShared()
{
    const QString uri = QStringLiteral("test://watched");
    McpTestClient client(m_a->url(), TestServer::token());
    QCOMPARE(client.initialize().status, 200);
    const QByteArray id = client.session();
    QCOMPARE(client
                 .request(QStringLiteral("logging/setLevel"),
                     QJsonObject {{QStringLiteral("level"), QStringLiteral("error")}})
                 .status,
        200);
    QCOMPARE(client.request(QStringLiteral("resources/subscribe"), QJsonObject {{QStringLiteral("uri"), uri}})
                 .status,
        200);

    // The GET stream opens on B; B learns the subscription and the level from the database.
    RawClient stream(m_b->server().port());
    QVERIFY(stream.connectToServer());
    stream.send(rawRequest("GET", "/mcp", m_b->server().port(),
        {{"Authorization", "Bearer " + TestServer::token()}, {"Accept", "text/event-stream"},
            {"Mcp-Session-Id", id}, {"MCP-Protocol-Version", "2025-11-25"}}));
    HttpResponse r;
    QVERIFY(stream.waitForPartial(&r, [](const HttpResponse&) { return true; }));
    QCOMPARE(r.status, 200);
    QVERIFY(m_b->held(id));
    QTRY_VERIFY(m_b->held(id)->subscriptions().contains(uri));
    QCOMPARE(m_b->held(id)->logLevel(), LogLevel::Error);

    m_b->server().registry().notifyResourceUpdated(uri);
    QVERIFY(stream.waitForPartial(&r, [](const HttpResponse& resp) {
        return resp.body.contains("notifications/resources/updated") && resp.body.contains("test://watched");
    }));

    // The info-level log of the progress tool stays out: the level set on A holds on B.
    client.setUrl(m_b->url());
    const McpReply progress = client.callTool(QStringLiteral("progress"));
    QCOMPARE(progress.status, 200);
    for (const QJsonObject& m : progress.related)
        QVERIFY2(m.value(QStringLiteral("method")).toString() != QLatin1String("notifications/message"),
            QJsonDocument(m).toJson().constData());

    // Unsubscribing on B reaches A.
    QCOMPARE(
        client.request(QStringLiteral("resources/unsubscribe"), QJsonObject {{QStringLiteral("uri"), uri}})
            .status,
        200);
    QTRY_VERIFY(!m_a->held(id)->subscriptions().contains(uri));
    QCOMPARE(m_a->held(id)->logLevel(), LogLevel::Error);
}

void TestSessionReplicas::idleSessionEndsEverywhere()
{
    McpTestClient client(m_a->url(), TestServer::token());
    QCOMPARE(client.initialize().status, 200);
    QSignalSpy closedOnA(&m_a->service(), &McpHttpService::sessionClosed);
    QTRY_COMPARE_WITH_TIMEOUT(closedOnA.count(), 1, 8000);
    client.setUrl(m_b->url());
    QCOMPARE(client.request(QStringLiteral("ping")).status, 404);
    client.setUrl(m_a->url());
    QCOMPARE(client.request(QStringLiteral("ping")).status, 404);
}

void TestSessionReplicas::sessionUsedElsewhereOutlivesLocalIdle()
{
    McpTestClient client(m_a->url(), TestServer::token());
    QCOMPARE(client.initialize().status, 200);
    QSignalSpy closedOnA(&m_a->service(), &McpHttpService::sessionClosed);
    // The client works on B only; A's copy goes idle and A lets go of it, but the session lives on.
    client.setUrl(m_b->url());
    QElapsedTimer clock;
    clock.start();
    while (closedOnA.count() == 0 && clock.elapsed() < 10000) {
        const McpReply r = client.request(QStringLiteral("ping"));
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
    }
    QCOMPARE(closedOnA.count(), 1);
    // Still going on B after A's sweep had its say, then A takes it back.
    const qint64 sweptAt = clock.elapsed();
    while (clock.elapsed() < sweptAt + 1000) {
        QCOMPARE(client.request(QStringLiteral("ping")).status, 200);
    }
    client.setUrl(m_a->url());
    QCOMPARE(client.request(QStringLiteral("ping")).status, 200);
}

void TestSessionReplicas::databaseKeepsOnlyHashes()
{
    McpTestClient client(m_a->url(), TestServer::token());
    QCOMPARE(client.initialize().status, 200);
    const QString id = QString::fromLatin1(client.session());
    QCOMPARE(scalar(m_a->db(), QStringLiteral("SELECT COUNT(*) FROM mcp_sessions")).toInt(), 1);
    QCOMPARE(scalar(m_a->db(), QStringLiteral("SELECT id_hash FROM mcp_sessions")).toString(),
        SessionSigner::idHash(id));
    QCOMPARE(scalar(m_a->db(), QStringLiteral("SELECT COUNT(*) FROM mcp_sessions WHERE id_hash = ?"), {id})
                 .toInt(),
        0);
}

QTEST_GUILESS_MAIN(TestSessionReplicas)
#include "tst_sessionreplicas.moc"
