#include "servetesting.h"

#include "security/tokenstore.h"
#include "storage/database.h"
#include "storage/databaseconfig.h"
#include "testenv.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// Named tokens end to end: made with the real `finagent token` CLI, checked by a real
// `finagent serve` on the same database, refused once revoked or expired.
class TestServeTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void createdTokenWorksAsBearerAndApiKey();
    void listShowsNoSecret();
    void wrongTokensAreRefused();
    void revokedTokenIsRefusedWithinTheRefreshInterval();
    void expiredTokensAreRefused();
    void perTokenRateLimit();
    void cliRefusesBadInput();

private:
    QByteArray createToken(const QString& name, const QStringList& extra = {});
    // Until the server logs that it holds `count` named tokens, after output position `mark`: a
    // wait that sends no wrong credentials (which the endpoint would count as failed logins).
    bool waitForTokenCount(qsizetype mark, int count);
    Result<TokenStore::Created> storeToken(const QString& name, qint64 expiresAt);

    TestEnv m_env;
    QByteArray m_operatorToken;
    QByteArray m_alice;
    std::unique_ptr<ServeProcess> m_serve;
};

QByteArray TestServeTokens::createToken(const QString& name, const QStringList& extra)
{
    const CliResult r =
        runFinagent(QStringList {QStringLiteral("token"), QStringLiteral("create"), name} + extra);
    if (r.exitCode != 0) {
        qWarning("token create failed: %s", r.err.constData());
        return {};
    }
    const QByteArray token = r.out.trimmed();
    // Only the token on stdout, one line; never on stderr.
    if (r.out.count('\n') != 1 || r.err.contains(token) || !r.err.contains(name.toUtf8()))
        return {};
    return token;
}

bool TestServeTokens::waitForTokenCount(qsizetype mark, int count)
{
    const QByteArray line = "named access tokens in use: " + QByteArray::number(count);
    return QTest::qWaitFor(
        [this, mark, &line]() { return m_serve->output().mid(mark).contains(line); }, 10000);
}

Result<TokenStore::Created> TestServeTokens::storeToken(const QString& name, qint64 expiresAt)
{
    Database db(DatabaseConfig::sqlite(QDir(m_env.dataDir()).filePath(QStringLiteral("finagent.db"))));
    const Result<void> opened = db.openBlocking();
    if (!opened)
        return opened.error();
    const TokenStore::NewToken request {name, expiresAt, {}};
    return db.runBlocking<TokenStore::Created>([request](QSqlDatabase& c) {
        return TokenStore::createJob(c, request, QDateTime::currentMSecsSinceEpoch());
    });
}

void TestServeTokens::initTestCase()
{
    QString tokenFile;
    m_operatorToken = writeOperatorToken(m_env.root(), &tokenFile);
    // Made before the server starts: the first snapshot must include it.
    m_alice = createToken(QStringLiteral("alice"));
    QVERIFY(m_alice.startsWith("fa_"));
    m_serve = std::make_unique<ServeProcess>();
    QVERIFY(m_serve->start({QStringLiteral("--token-file"), tokenFile, QStringLiteral("--set"),
        QStringLiteral("http.token_refresh_ms=200")}));
    QVERIFY(m_serve->waitReady());
    QVERIFY(waitForTokenCount(0, 1));
}

void TestServeTokens::cleanupTestCase()
{
    if (m_serve) {
        const QByteArray log = m_serve->output();
        QVERIFY(!log.contains(m_alice));
        QVERIFY(!log.contains(m_operatorToken));
    }
    m_serve.reset();
}

void TestServeTokens::createdTokenWorksAsBearerAndApiKey()
{
    const quint16 port = m_serve->port();
    QCOMPARE(mcpInitialize(port, bearer(m_alice)).status, 200);
    QCOMPARE(mcpInitialize(port, apiKey(m_alice)).status, 200);
    // The operator token works alongside, both ways too.
    QCOMPARE(mcpInitialize(port, bearer(m_operatorToken)).status, 200);
    QCOMPARE(mcpInitialize(port, apiKey(m_operatorToken)).status, 200);

    // A token made while the server runs is accepted within the refresh interval.
    const qsizetype mark = m_serve->output().size();
    const QByteArray later = createToken(QStringLiteral("made-later"));
    QVERIFY(!later.isEmpty());
    QVERIFY(waitForTokenCount(mark, 2));
    QCOMPARE(mcpInitialize(port, bearer(later)).status, 200);
}

void TestServeTokens::listShowsNoSecret()
{
    const CliResult table = runFinagent({QStringLiteral("token"), QStringLiteral("list")});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains("alice"));
    QVERIFY(table.out.contains(m_alice.left(10))); // the prefix
    QVERIFY(!table.out.contains(m_alice));
    QVERIFY(!table.out.contains(ApiToken::hashOf(m_alice)));
    QVERIFY(!table.err.contains(m_alice));

    const CliResult json =
        runFinagent({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray items = QJsonDocument::fromJson(json.out).array();
    QVERIFY(!items.isEmpty());
    bool found = false;
    for (const QJsonValue& v : items) {
        const QJsonObject o = v.toObject();
        QVERIFY(!o.contains(QStringLiteral("hash")) && !o.contains(QStringLiteral("token")));
        if (o.value(QStringLiteral("name")).toString() == QLatin1String("alice")) {
            found = true;
            QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
            QCOMPARE(o.value(QStringLiteral("prefix")).toString(), QString::fromLatin1(m_alice.left(10)));
        }
    }
    QVERIFY(found);
    QVERIFY(!json.out.contains(m_alice));
    QVERIFY(!json.out.contains(ApiToken::hashOf(m_alice)));
}

void TestServeTokens::wrongTokensAreRefused()
{
    const quint16 port = m_serve->port();
    const HttpResponse none = mcpInitialize(port, {});
    QCOMPARE(none.status, 401);
    QVERIFY(none.header("WWW-Authenticate").startsWith("Bearer realm="));
    QVERIFY(!none.header("WWW-Authenticate").contains("error="));
    // No JWT configured: no resource metadata to point at.
    QVERIFY(!none.header("WWW-Authenticate").contains("resource_metadata"));

    QByteArray wrong = m_alice;
    wrong[20] = wrong.at(20) == 'x' ? 'y' : 'x';
    for (const QByteArray& bad : {wrong, QByteArray(QByteArray("fa_") + QByteArray(43, 'A')),
             ApiToken::hashOf(m_alice), m_alice.left(10), QByteArray("not-a-token-at-all-0123456789")}) {
        const HttpResponse r = mcpInitialize(port, bearer(bad));
        QCOMPARE(r.status, 401);
        QVERIFY(r.header("WWW-Authenticate").contains("error=\"invalid_token\""));
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(), QStringLiteral("unauthorized"));
        QCOMPARE(mcpInitialize(port, apiKey(bad)).status, 401);
    }
    // The right token still gets in after all those failures.
    QCOMPARE(mcpInitialize(port, bearer(m_alice)).status, 200);
}

void TestServeTokens::revokedTokenIsRefusedWithinTheRefreshInterval()
{
    const qsizetype mark = m_serve->output().size();
    const QByteArray bob = createToken(QStringLiteral("bob"));
    QVERIFY(!bob.isEmpty());
    const quint16 port = m_serve->port();
    QVERIFY(waitForTokenCount(mark, 3));
    QCOMPARE(mcpInitialize(port, bearer(bob)).status, 200);

    const CliResult revoked =
        runFinagent({QStringLiteral("token"), QStringLiteral("revoke"), QStringLiteral("bob")});
    QCOMPARE(revoked.exitCode, 0);
    QVERIFY(revoked.out.contains("bob"));
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(mcpInitialize(port, bearer(bob)).status, 401, 10000);
    // 200 ms refresh interval: well within a few intervals (the CLI's own exit is in the measure).
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    const HttpResponse r = mcpInitialize(port, apiKey(bob));
    QCOMPARE(r.status, 401);
    QVERIFY(r.header("WWW-Authenticate").contains("error=\"invalid_token\""));
    QCOMPARE(mcpInitialize(port, bearer(m_alice)).status, 200);

    const CliResult list =
        runFinagent({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--json")});
    bool sawRevoked = false;
    for (const QJsonValue& v : QJsonDocument::fromJson(list.out).array()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("bob"))
            sawRevoked = v.toObject().value(QStringLiteral("status")).toString() == QLatin1String("revoked");
    }
    QVERIFY(sawRevoked);
    const CliResult twice =
        runFinagent({QStringLiteral("token"), QStringLiteral("revoke"), QStringLiteral("bob")});
    QCOMPARE(twice.exitCode, 1);
    QVERIFY(twice.err.contains("no active token named \"bob\""));
}

void TestServeTokens::expiredTokensAreRefused()
{
    const quint16 port = m_serve->port();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto past = storeToken(QStringLiteral("expired-yesterday"), now - 24 * 3600 * 1000);
    QVERIFY2(past.ok(), qPrintable(past.error().message));
    // Expiring in a few seconds: accepted first, refused once the time has passed even though the
    // server's snapshot still holds it.
    const qsizetype mark = m_serve->output().size();
    const auto soon = storeToken(QStringLiteral("expires-soon"), now + 4000);
    QVERIFY2(soon.ok(), qPrintable(soon.error().message));
    QVERIFY(waitForTokenCount(mark, 3)); // alice, made-later and this one
    QCOMPARE(mcpInitialize(port, bearer(soon.value().token)).status, 200);
    QCOMPARE(mcpInitialize(port, bearer(past.value().token)).status, 401);
    QTRY_COMPARE_WITH_TIMEOUT(mcpInitialize(port, bearer(soon.value().token)).status, 401, 10000);
    QVERIFY(QDateTime::currentMSecsSinceEpoch() >= now + 4000);
    QVERIFY(
        mcpInitialize(port, bearer(soon.value().token)).header("WWW-Authenticate").contains("invalid_token"));
}

void TestServeTokens::perTokenRateLimit()
{
    const qsizetype mark = m_serve->output().size();
    const QByteArray limited =
        createToken(QStringLiteral("limited"), {QStringLiteral("--rate-limit"), QStringLiteral("3")});
    QVERIFY(!limited.isEmpty());
    const quint16 port = m_serve->port();
    QVERIFY(waitForTokenCount(mark, 3)); // alice, made-later, limited
    QCOMPARE(httpRequest(port, "GET", "/metrics", bearer(limited)).status, 200); // 1
    QCOMPARE(httpRequest(port, "GET", "/metrics", bearer(limited)).status, 200); // 2
    QCOMPARE(httpRequest(port, "GET", "/metrics", apiKey(limited)).status, 200); // 3
    const HttpResponse refused = httpRequest(port, "GET", "/metrics", bearer(limited));
    QCOMPARE(refused.status, 429);
    bool numeric = false;
    const int retryAfter = refused.header("Retry-After").toInt(&numeric);
    QVERIFY(numeric);
    QVERIFY(retryAfter >= 1 && retryAfter <= 20); // one request every 20 s at 3 per minute
    const QJsonObject body = refused.json();
    QCOMPARE(body.value(QStringLiteral("error")).toString(), QStringLiteral("rate_limited"));
    QCOMPARE(body.value(QStringLiteral("limit_per_minute")).toInt(), 3);
    QVERIFY(body.value(QStringLiteral("message")).toString().contains(QStringLiteral("3 per minute")));
    QCOMPARE(mcpInitialize(port, bearer(limited)).status, 429);
    // Others are not affected; the operator token has no limit.
    QCOMPARE(httpRequest(port, "GET", "/metrics", bearer(m_alice)).status, 200);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(httpRequest(port, "GET", "/metrics", bearer(m_operatorToken)).status, 200);
}

void TestServeTokens::cliRefusesBadInput()
{
    const CliResult badName =
        runFinagent({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("bad name")});
    QCOMPARE(badName.exitCode, 1);
    QVERIFY(badName.out.isEmpty());
    QVERIFY(badName.err.contains("token name"));
    const CliResult dup =
        runFinagent({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("alice")});
    QCOMPARE(dup.exitCode, 1);
    QVERIFY(dup.out.isEmpty());
    QVERIFY(dup.err.contains("already exists"));
    QCOMPARE(runFinagent({QStringLiteral("token"), QStringLiteral("create")}).exitCode, 2);
    QCOMPARE(runFinagent({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("x"),
                             QStringLiteral("--rate-limit"), QStringLiteral("0")})
                 .exitCode,
        2);
    QCOMPARE(runFinagent({QStringLiteral("token"), QStringLiteral("frobnicate")}).exitCode, 2);
    QCOMPARE(runFinagent({QStringLiteral("token"), QStringLiteral("list"),
                             QStringLiteral("--expires-in-days"), QStringLiteral("3")})
                 .exitCode,
        2);
    const CliResult help = runFinagent({QStringLiteral("token"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("finagent token"));
}

QTEST_GUILESS_MAIN(TestServeTokens)
#include "tst_servetokens.moc"
