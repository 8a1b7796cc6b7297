#include "jwtsigner.h"
#include "servetesting.h"

#include "testenv.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

// `finagent serve` behind an OAuth 2.1 authorization server: JWTs (HS256 and RS256) checked for
// signature, issuer, audience and time; the RFC 9728 metadata and the 401's pointer to it.
class TestServeJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void validTokensAreAccepted();
    void forgedAndMisdirectedTokensAreRefused_data();
    void forgedAndMisdirectedTokensAreRefused();
    void protectedResourceMetadata();
    void unauthorizedPointsToTheMetadata();
    void otherCredentialsStillWork();
    void incompleteJwtOptionsAreRefused();

private:
    QJsonObject claims(const QString& subject, qint64 expiresIn = 300) const;

    TestEnv m_env;
    QByteArray m_secret;
    JwtSigner::RsaKeyPair m_rsa;
    QByteArray m_operatorToken;
    QString m_tokenFile;
    QString m_secretFile;
    QString m_keyFile;
    std::unique_ptr<ServeProcess> m_serve;
    const QString m_issuer = QStringLiteral("https://auth.example.com");
    const QString m_audience = QStringLiteral("https://mcp.example.com/mcp");
    const QString m_publicUrl = QStringLiteral("https://mcp.example.com");
};

QJsonObject TestServeJwt::claims(const QString& subject, qint64 expiresIn) const
{
    return JwtSigner::claims(m_issuer, m_audience, subject, QDateTime::currentSecsSinceEpoch(), expiresIn);
}

void TestServeJwt::initTestCase()
{
    m_operatorToken = writeOperatorToken(m_env.root(), &m_tokenFile);
    m_secret = "hs256-shared-secret-" + QByteArray(24, 'k') + "-0123456789";
    m_secretFile = writeFile(m_env.root(), QStringLiteral("jwt-secret"), m_secret + '\n');
    // The key pair is made here, like an authorization server would make its own.
    m_rsa = JwtSigner::generateRsa(2048);
    QVERIFY(!m_rsa.publicPem.isEmpty());
    m_keyFile = writeFile(m_env.root(), QStringLiteral("jwt-public.pem"), m_rsa.publicPem);
    m_serve = std::make_unique<ServeProcess>();
    QVERIFY(m_serve->start({QStringLiteral("--token-file"), m_tokenFile,
        QStringLiteral("--jwt-hs256-secret-file"), m_secretFile, QStringLiteral("--jwt-rs256-public-key"),
        m_keyFile, QStringLiteral("--jwt-issuer"), m_issuer, QStringLiteral("--jwt-audience"), m_audience,
        QStringLiteral("--jwt-authorization-server"), m_issuer, QStringLiteral("--jwt-authorization-server"),
        QStringLiteral("https://backup-auth.example.com"), QStringLiteral("--public-url"),
        m_publicUrl + QStringLiteral("/"), QStringLiteral("--set"),
        QStringLiteral("http.token_refresh_ms=200")}));
    QVERIFY(m_serve->waitReady());
    QVERIFY(m_serve->output().contains("accepting JWTs (HS256, RS256)"));
}

void TestServeJwt::cleanupTestCase()
{
    if (m_serve)
        QVERIFY(!m_serve->output().contains(m_secret));
    m_serve.reset();
}

void TestServeJwt::validTokensAreAccepted()
{
    const quint16 port = m_serve->port();
    const QByteArray hs = JwtSigner::hs256(claims(QStringLiteral("alice@example.com")), m_secret);
    QCOMPARE(mcpInitialize(port, bearer(hs)).status, 200);
    QCOMPARE(mcpInitialize(port, apiKey(hs)).status, 200);
    const QByteArray rs = JwtSigner::rs256(claims(QStringLiteral("service-7")), m_rsa.privatePem);
    QCOMPARE(mcpInitialize(port, bearer(rs)).status, 200);
    // A tool call goes through with a JWT.
    const HttpResponse call = mcpCallTool(port, bearer(rs), QStringLiteral("health_check"));
    QCOMPARE(call.status, 200);
    QVERIFY(rpcMessage(call).contains(QStringLiteral("result")));
}

void TestServeJwt::forgedAndMisdirectedTokensAreRefused_data()
{
    QTest::addColumn<QByteArray>("token");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const auto with = [this](const QString& key, const QJsonValue& value) {
        QJsonObject c = claims(QStringLiteral("mallory"));
        c.insert(key, value);
        return c;
    };
    const JwtSigner::RsaKeyPair other = JwtSigner::generateRsa(2048);
    QTest::newRow("bad signature") << JwtSigner::hs256(
        claims(QStringLiteral("mallory")), "a-different-secret-of-enough-length-0123");
    QTest::newRow("RS256 by another key")
        << JwtSigner::rs256(claims(QStringLiteral("mallory")), other.privatePem);
    QTest::newRow("wrong audience") << JwtSigner::hs256(
        with(QStringLiteral("aud"), QStringLiteral("https://other.example.com/mcp")), m_secret);
    QTest::newRow("wrong issuer") << JwtSigner::hs256(
        with(QStringLiteral("iss"), QStringLiteral("https://evil.example.com")), m_secret);
    QTest::newRow("expired") << JwtSigner::hs256(with(QStringLiteral("exp"), now - 3600), m_secret);
    QTest::newRow("nbf in the future") << JwtSigner::hs256(with(QStringLiteral("nbf"), now + 3600), m_secret);
    QTest::newRow("alg none") << JwtSigner::unsignedToken(claims(QStringLiteral("mallory")));
    QTest::newRow("alg none, signature kept")
        << QByteArray(JwtSigner::unsignedToken(claims(QStringLiteral("mallory"))) + "c2lnbmF0dXJl");
    // Algorithm confusion: the RSA public key (public knowledge) used as the HMAC secret.
    QTest::newRow("HS256 signed with the RSA public key")
        << JwtSigner::hs256(claims(QStringLiteral("mallory")), m_rsa.publicPem);
    QTest::newRow("RS256 header on an HMAC with the public key")
        << JwtSigner::hs256(QJsonObject {{QStringLiteral("alg"), QStringLiteral("RS256")}},
               claims(QStringLiteral("mallory")), m_rsa.publicPem);
}

void TestServeJwt::forgedAndMisdirectedTokensAreRefused()
{
    QFETCH(QByteArray, token);
    const HttpResponse r = mcpInitialize(m_serve->port(), bearer(token));
    QCOMPARE(r.status, 401);
    const QByteArray challenge = r.header("WWW-Authenticate");
    QVERIFY(challenge.contains("error=\"invalid_token\""));
    QVERIFY(challenge.contains("resource_metadata="));
    QVERIFY(!r.body.contains(token.left(30)));
}

void TestServeJwt::protectedResourceMetadata()
{
    const quint16 port = m_serve->port();
    for (const QByteArray& path : {QByteArray("/.well-known/oauth-protected-resource/mcp"),
             QByteArray("/.well-known/oauth-protected-resource")}) {
        const HttpResponse r = httpRequest(port, "GET", path); // public: no credentials
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        const QJsonObject doc = r.json();
        QCOMPARE(doc.value(QStringLiteral("resource")).toString(), m_publicUrl + QStringLiteral("/mcp"));
        QCOMPARE(doc.value(QStringLiteral("authorization_servers")).toArray(),
            QJsonArray({m_issuer, QStringLiteral("https://backup-auth.example.com")}));
        QCOMPARE(doc.value(QStringLiteral("bearer_methods_supported")).toArray(),
            QJsonArray {QStringLiteral("header")});
    }
    QCOMPARE(httpRequest(port, "POST", "/.well-known/oauth-protected-resource").status, 405);
}

void TestServeJwt::unauthorizedPointsToTheMetadata()
{
    const HttpResponse r = mcpInitialize(m_serve->port(), {});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.header("WWW-Authenticate"),
        QByteArray("Bearer realm=\"FinAgent\", resource_metadata=\"https://mcp.example.com/.well-known/"
                   "oauth-protected-resource/mcp\""));
}

void TestServeJwt::otherCredentialsStillWork()
{
    const quint16 port = m_serve->port();
    QCOMPARE(mcpInitialize(port, bearer(m_operatorToken)).status, 200);
    const CliResult made =
        runFinagent({QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("beside-jwt")});
    QCOMPARE(made.exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(mcpInitialize(port, bearer(made.out.trimmed())).status, 200, 15000);
}

void TestServeJwt::incompleteJwtOptionsAreRefused()
{
    ServeProcess noAudience;
    QVERIFY(!noAudience.start({QStringLiteral("--token-file"), m_tokenFile,
        QStringLiteral("--jwt-hs256-secret-file"), m_secretFile, QStringLiteral("--jwt-issuer"), m_issuer}));
    QTRY_VERIFY(!noAudience.isRunning());
    QCOMPARE(noAudience.exitCode(), 2);
    QVERIFY(noAudience.output().contains("--jwt-audience"));

    const QString shortSecret = writeFile(m_env.root(), QStringLiteral("short"), "too-short\n");
    ServeProcess weak;
    QVERIFY(!weak.start(
        {QStringLiteral("--token-file"), m_tokenFile, QStringLiteral("--jwt-hs256-secret-file"), shortSecret,
            QStringLiteral("--jwt-issuer"), m_issuer, QStringLiteral("--jwt-audience"), m_audience}));
    QTRY_VERIFY(!weak.isRunning());
    QCOMPARE(weak.exitCode(), 2);
    QVERIFY(weak.output().contains("at least 32"));

    ServeProcess badUrl;
    QVERIFY(!badUrl.start({QStringLiteral("--token-file"), m_tokenFile, QStringLiteral("--public-url"),
        QStringLiteral("mcp.example.com")}));
    QTRY_VERIFY(!badUrl.isRunning());
    QCOMPARE(badUrl.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TestServeJwt)
#include "tst_servejwt.moc"
