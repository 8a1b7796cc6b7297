#include "security/storedtokenverifier.h"
#include "security/tokenstore.h"
#include "storage/database.h"
#include "storage/databaseconfig.h"
#include "storage/sqlerror.h"
#include "testenv.h"

#include <QDateTime>
#include <QDir>
#include <QSignalSpy>
#include <QTest>

// Named tokens: what is stored (a hash, never the token), the CLI's jobs, and the verifier's
// snapshot (revocation and expiry).
class TestTokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tokenShape();
    void createStoresOnlyAHash();
    void namesAreUniqueAmongActiveTokens();
    void invalidNamesAreRefused();
    void listShowsStatusAndNoHash();
    void revokeUnknownIsNotFound();
    void verifierAcceptsAndForgetsRevokedTokens();
    void verifierChecksExpiryAtUse();
    void verifierRecordsLastUse();
    void verifierIgnoresOtherShapes();

private:
    Result<TokenStore::Created> create(
        const QString& name, std::optional<qint64> expiresAt = {}, std::optional<int> limit = {});

    std::unique_ptr<TestEnv> m_env;
    std::unique_ptr<Database> m_db;
    QString m_path;
};

void TestTokenStore::init()
{
    m_env = std::make_unique<TestEnv>();
    m_path = QDir(m_env->dataDir()).filePath(QStringLiteral("tokens.db"));
    m_db = std::make_unique<Database>(DatabaseConfig::sqlite(m_path));
    const Result<void> opened = m_db->openBlocking();
    QVERIFY2(opened.ok(), qPrintable(opened.error().message));
}

void TestTokenStore::cleanup()
{
    m_db.reset();
    m_env.reset();
}

Result<TokenStore::Created> TestTokenStore::create(
    const QString& name, std::optional<qint64> expiresAt, std::optional<int> limit)
{
    TokenStore::NewToken request {name, expiresAt, limit};
    return m_db->runBlocking<TokenStore::Created>(
        [request](QSqlDatabase& db) { return TokenStore::createJob(db, request, 1'800'000'000'000); });
}

void TestTokenStore::tokenShape()
{
    const QByteArray a = ApiToken::generate();
    const QByteArray b = ApiToken::generate();
    QVERIFY(a.startsWith("fa_"));
    QCOMPARE(a.size(), 46); // "fa_" + 43 characters of base64url = 256 bits
    QVERIFY(a != b);
    QCOMPARE(ApiToken::hashOf(a).size(), 64);
    QCOMPARE(ApiToken::hashOf(a), ApiToken::hashOf(a));
    QCOMPARE(ApiToken::prefixOf(a).size(), 10);
    QVERIFY(a.startsWith(ApiToken::prefixOf(a).toLatin1()));
}

void TestTokenStore::createStoresOnlyAHash()
{
    const auto created = create(QStringLiteral("ci-bot"), {}, 30);
    QVERIFY2(created.ok(), qPrintable(created.error().message));
    const QByteArray token = created.value().token;
    QCOMPARE(created.value().record.hash, ApiToken::hashOf(token));
    QCOMPARE(created.value().record.rateLimitPerMinute, std::optional<int>(30));
    m_db.reset(); // flush everything to the file
    const QByteArray file = readWholeFile(m_path) + readWholeFile(m_path + QStringLiteral("-wal"));
    QVERIFY(!file.isEmpty());
    QVERIFY(!file.contains(token));
    QVERIFY(!file.contains(token.mid(10))); // not even the part after the shown prefix
    QVERIFY(file.contains(ApiToken::hashOf(token)));
}

void TestTokenStore::namesAreUniqueAmongActiveTokens()
{
    QVERIFY(create(QStringLiteral("alice")).ok());
    const auto again = create(QStringLiteral("alice"));
    QVERIFY(!again.ok());
    QVERIFY(Storage::hasCode(again.error(), Storage::Code::Conflict));
    QVERIFY(again.error().message.contains(QStringLiteral("finagent token revoke alice")));

    const auto revoked = m_db->runBlocking<ApiToken>([](QSqlDatabase& db) {
        return TokenStore::revokeJob(db, QStringLiteral("alice"), 1'800'000'000'500);
    });
    QVERIFY(revoked.ok());
    QCOMPARE(revoked.value().revokedAt, std::optional<qint64>(1'800'000'000'500));
    QVERIFY(create(QStringLiteral("alice")).ok()); // the name is free again
}

void TestTokenStore::invalidNamesAreRefused()
{
    for (const QString& name : {QString(), QStringLiteral("has space"), QStringLiteral("semi;colon"),
             QString(65, QLatin1Char('x'))}) {
        const auto r = create(name);
        QVERIFY(!r.ok());
        QVERIFY(Storage::hasCode(r.error(), Storage::Code::InvalidArgument));
    }
}

void TestTokenStore::listShowsStatusAndNoHash()
{
    QVERIFY(create(QStringLiteral("a")).ok());
    QVERIFY(create(QStringLiteral("b"), 1'800'000'000'100).ok());
    QVERIFY(create(QStringLiteral("c")).ok());
    QVERIFY(m_db->runBlocking<ApiToken>([](QSqlDatabase& db) {
                    return TokenStore::revokeJob(db, QStringLiteral("c"), 1'800'000'000'000);
                })
                .ok());
    const auto list =
        m_db->runBlocking<QList<ApiToken>>([](QSqlDatabase& db) { return TokenStore::listJob(db); });
    QVERIFY(list.ok());
    QCOMPARE(list.value().size(), 3);
    const qint64 later = 1'800'000'001'000;
    QCOMPARE(list.value().at(0).status(later), QStringLiteral("active"));
    QCOMPARE(list.value().at(1).status(later), QStringLiteral("expired"));
    QCOMPARE(list.value().at(2).status(later), QStringLiteral("revoked"));
    for (const ApiToken& t : list.value()) {
        QVERIFY(t.hash.isEmpty());
        const QJsonObject json = t.toJson(later);
        QVERIFY(!json.contains(QStringLiteral("hash")));
        QVERIFY(!json.contains(QStringLiteral("token_hash")));
        QVERIFY(json.value(QStringLiteral("prefix")).toString().startsWith(QStringLiteral("fa_")));
    }
    const auto usable = m_db->runBlocking<QList<ApiToken>>(
        [later](QSqlDatabase& db) { return TokenStore::usableJob(db, later); });
    QVERIFY(usable.ok());
    QCOMPARE(usable.value().size(), 1);
    QCOMPARE(usable.value().first().name, QStringLiteral("a"));
    QCOMPARE(usable.value().first().hash.size(), 64);
}

void TestTokenStore::revokeUnknownIsNotFound()
{
    const auto r = m_db->runBlocking<ApiToken>(
        [](QSqlDatabase& db) { return TokenStore::revokeJob(db, QStringLiteral("nobody"), 1); });
    QVERIFY(!r.ok());
    QVERIFY(Storage::hasCode(r.error(), Storage::Code::NotFound));
}

void TestTokenStore::verifierAcceptsAndForgetsRevokedTokens()
{
    const auto a = create(QStringLiteral("alice"), {}, 42);
    const auto b = create(QStringLiteral("bob"));
    QVERIFY(a.ok() && b.ok());
    StoredTokenVerifier verifier(*m_db, 100);
    QSignalSpy refreshed(&verifier, &StoredTokenVerifier::refreshed);
    QVERIFY(!verifier.verify(a.value().token)); // nothing loaded yet
    verifier.start();
    QTRY_VERIFY(verifier.isLoaded());
    QCOMPARE(verifier.tokenCount(), 2);
    const auto alice = verifier.verify(a.value().token);
    QVERIFY(alice);
    QCOMPARE(alice->name, QStringLiteral("alice"));
    QCOMPARE(alice->method, QStringLiteral("token"));
    QCOMPARE(alice->rateLimitPerMinute, 42);
    QCOMPARE(verifier.verify(b.value().token)->rateLimitPerMinute, Principal::kDefaultRateLimit);

    QVERIFY(m_db->runBlocking<ApiToken>([](QSqlDatabase& db) {
                    return TokenStore::revokeJob(
                        db, QStringLiteral("alice"), QDateTime::currentMSecsSinceEpoch());
                })
                .ok());
    QTRY_VERIFY(!verifier.verify(a.value().token));
    QVERIFY(verifier.verify(b.value().token));
    QVERIFY(refreshed.count() >= 2);
}

void TestTokenStore::verifierChecksExpiryAtUse()
{
    qint64 now = 1'800'000'000'000;
    const auto t = create(QStringLiteral("short-lived"), now + 1000);
    QVERIFY(t.ok());
    StoredTokenVerifier verifier(*m_db, 60000); // no refresh during the test
    verifier.setClock([&now]() { return now; });
    verifier.start();
    QTRY_VERIFY(verifier.isLoaded());
    QVERIFY(verifier.verify(t.value().token));
    now += 1000; // expired, still in the snapshot
    QVERIFY(!verifier.verify(t.value().token));
}

void TestTokenStore::verifierRecordsLastUse()
{
    const auto t = create(QStringLiteral("used"));
    const auto idle = create(QStringLiteral("idle"));
    QVERIFY(t.ok() && idle.ok());
    StoredTokenVerifier verifier(*m_db, 100);
    verifier.start();
    QTRY_VERIFY(verifier.isLoaded());
    QVERIFY(verifier.verify(t.value().token));
    QTRY_VERIFY(m_db->runBlocking<QList<ApiToken>>([](QSqlDatabase& db) { return TokenStore::listJob(db); })
                    .value()
                    .first()
                    .lastUsedAt.has_value());
    const auto list =
        m_db->runBlocking<QList<ApiToken>>([](QSqlDatabase& db) { return TokenStore::listJob(db); });
    QVERIFY(!list.value().at(1).lastUsedAt.has_value());
}

void TestTokenStore::verifierIgnoresOtherShapes()
{
    const auto t = create(QStringLiteral("x"));
    QVERIFY(t.ok());
    StoredTokenVerifier verifier(*m_db, 100);
    verifier.start();
    QTRY_VERIFY(verifier.isLoaded());
    QVERIFY(!verifier.verify(t.value().token.mid(3))); // without the prefix
    QVERIFY(!verifier.verify(ApiToken::hashOf(t.value().token))); // the stored hash is not a credential
    QVERIFY(!verifier.verify("fa_" + QByteArray(200, 'a')));
    QVERIFY(!verifier.verify(t.value().token + "x"));
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
