#include "jwtsigner.h"

#include "security/jwtverifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// JWT validation: what an authorization server's tokens must satisfy, and the forgeries that must
// never pass (alg "none", algorithm confusion, tampering, wrong issuer or audience, time claims).
class TestJwtVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void validHs256NamesTheSubject();
    void audienceMayBeAList();
    void refusals_data();
    void refusals();
    void leewayAcceptsSmallClockSkew();
    void validRs256();
    void rs256RefusesTamperingAndOtherKeys();
    void algorithmConfusionNeverValidates();
    void noneIsRefusedWhateverIsConfigured();
    void otherCredentialsAreLeftAlone();
    void configurationErrors();

private:
    std::shared_ptr<JwtVerifier> hsVerifier() const;
    std::shared_ptr<JwtVerifier> rsVerifier() const;

    const qint64 m_now = 1900000000;
    const QByteArray m_secret = "0123456789abcdef0123456789abcdef-hs256-test-secret";
    const QString m_issuer = QStringLiteral("https://auth.example.com/");
    const QString m_audience = QStringLiteral("https://mcp.example.com/mcp");
    JwtSigner::RsaKeyPair m_rsa;
    JwtSigner::RsaKeyPair m_otherRsa;
};

std::shared_ptr<JwtVerifier> TestJwtVerifier::hsVerifier() const
{
    JwtVerifier::Config c;
    c.hs256Secret = m_secret;
    c.issuer = m_issuer;
    c.audience = m_audience;
    c.leewaySeconds = 30;
    auto v = JwtVerifier::create(c);
    if (!v)
        qWarning("%s", qPrintable(v.error().message));
    const qint64 now = m_now;
    v.value()->setClock([now]() { return now; });
    return v.value();
}

std::shared_ptr<JwtVerifier> TestJwtVerifier::rsVerifier() const
{
    JwtVerifier::Config c;
    c.rs256PublicKeyPem = m_rsa.publicPem;
    c.issuer = m_issuer;
    c.audience = m_audience;
    auto v = JwtVerifier::create(c);
    if (!v)
        qWarning("%s", qPrintable(v.error().message));
    const qint64 now = m_now;
    v.value()->setClock([now]() { return now; });
    return v.value();
}

void TestJwtVerifier::initTestCase()
{
    m_rsa = JwtSigner::generateRsa(2048);
    m_otherRsa = JwtSigner::generateRsa(2048);
    QVERIFY(m_rsa.publicPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    QVERIFY(!m_rsa.privatePem.isEmpty());
    QVERIFY(!m_otherRsa.publicPem.isEmpty());
}

void TestJwtVerifier::validHs256NamesTheSubject()
{
    const auto v = hsVerifier();
    const QByteArray token =
        JwtSigner::hs256(JwtSigner::claims(m_issuer, m_audience, QStringLiteral("alice"), m_now), m_secret);
    const auto principal = v->verify(token);
    QVERIFY(principal);
    QCOMPARE(principal->name, QStringLiteral("alice"));
    QCOMPARE(principal->method, QStringLiteral("jwt"));
    QCOMPARE(principal->rateLimitPerMinute, Principal::kDefaultRateLimit);
    QCOMPARE(v->algorithms(), QStringList {QStringLiteral("HS256")});
}

void TestJwtVerifier::audienceMayBeAList()
{
    QJsonObject claims = JwtSigner::claims(m_issuer, m_audience, QStringLiteral("bob"), m_now);
    claims.insert(
        QStringLiteral("aud"), QJsonArray {QStringLiteral("https://other.example.com"), m_audience});
    QVERIFY(hsVerifier()->verify(JwtSigner::hs256(claims, m_secret)));
    claims.insert(QStringLiteral("aud"), QJsonArray {QStringLiteral("https://other.example.com")});
    QVERIFY(!hsVerifier()->verify(JwtSigner::hs256(claims, m_secret)));
}

void TestJwtVerifier::refusals_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("code");
    const QJsonObject good = JwtSigner::claims(m_issuer, m_audience, QStringLiteral("alice"), m_now);
    const auto with = [&good](const QString& key, const QJsonValue& value) {
        QJsonObject c = good;
        if (value.isUndefined())
            c.remove(key);
        else
            c.insert(key, value);
        return c;
    };
    QTest::newRow("bad signature") << JwtSigner::hs256(good, "another-secret-that-is-32-bytes-long!!")
                                   << QStringLiteral("jwt_bad_signature");
    QTest::newRow("wrong audience") << JwtSigner::hs256(
        with(QStringLiteral("aud"), QStringLiteral("https://evil.example.com")), m_secret)
                                    << QStringLiteral("jwt_wrong_audience");
    QTest::newRow("no audience") << JwtSigner::hs256(with(QStringLiteral("aud"), QJsonValue::Undefined),
        m_secret) << QStringLiteral("jwt_wrong_audience");
    QTest::newRow("wrong issuer") << JwtSigner::hs256(
        with(QStringLiteral("iss"), QStringLiteral("https://evil.example.com/")), m_secret)
                                  << QStringLiteral("jwt_wrong_issuer");
    QTest::newRow("expired") << JwtSigner::hs256(with(QStringLiteral("exp"), m_now - 31), m_secret)
                             << QStringLiteral("jwt_expired");
    QTest::newRow("no exp") << JwtSigner::hs256(with(QStringLiteral("exp"), QJsonValue::Undefined), m_secret)
                            << QStringLiteral("jwt_no_exp");
    QTest::newRow("exp as text") << JwtSigner::hs256(
        with(QStringLiteral("exp"), QString::number(m_now + 300)), m_secret)
                                 << QStringLiteral("jwt_no_exp");
    QTest::newRow("nbf in the future") << JwtSigner::hs256(with(QStringLiteral("nbf"), m_now + 120), m_secret)
                                       << QStringLiteral("jwt_not_yet_valid");
    QTest::newRow("no sub") << JwtSigner::hs256(with(QStringLiteral("sub"), QJsonValue::Undefined), m_secret)
                            << QStringLiteral("jwt_no_subject");
    QTest::newRow("alg none") << JwtSigner::unsignedToken(good) << QStringLiteral("jwt_malformed");
    QTest::newRow("alg none with a signature")
        << JwtSigner::hs256(QJsonObject {{QStringLiteral("alg"), QStringLiteral("none")}}, good, m_secret)
        << QStringLiteral("jwt_alg_not_allowed");
    QTest::newRow("alg HS512") << JwtSigner::hs256(
        QJsonObject {{QStringLiteral("alg"), QStringLiteral("HS512")}}, good, m_secret)
                               << QStringLiteral("jwt_alg_not_allowed");
    QTest::newRow("crit header") << JwtSigner::hs256(
        QJsonObject {{QStringLiteral("alg"), QStringLiteral("HS256")},
            {QStringLiteral("crit"), QJsonArray {QStringLiteral("exp")}}},
        good, m_secret) << QStringLiteral("jwt_crit");
    const QByteArray valid = JwtSigner::hs256(good, m_secret);
    QTest::newRow("padded base64") << QByteArray(valid + "=") << QStringLiteral("jwt_malformed");
    QTest::newRow("two parts") << valid.left(valid.lastIndexOf('.')) << QStringLiteral("jwt_malformed");
    const QList<QByteArray> parts = valid.split('.');
    const QByteArray otherPayload = JwtSigner::base64Url(
        QJsonDocument(with(QStringLiteral("sub"), QStringLiteral("mallory"))).toJson(QJsonDocument::Compact));
    QTest::newRow("payload swapped") << QByteArray(parts.at(0) + '.' + otherPayload + '.' + parts.at(2))
                                     << QStringLiteral("jwt_bad_signature");
    QTest::newRow("huge") << QByteArray(9000, 'a') << QStringLiteral("jwt_too_large");
}

void TestJwtVerifier::refusals()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, code);
    const auto v = hsVerifier();
    const Result<QJsonObject> r = v->validate(token);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QVERIFY(!r.error().message.contains(QString::fromLatin1(token.left(20))));
    QVERIFY(!v->verify(token));
}

void TestJwtVerifier::leewayAcceptsSmallClockSkew()
{
    QJsonObject c = JwtSigner::claims(m_issuer, m_audience, QStringLiteral("alice"), m_now);
    c.insert(QStringLiteral("exp"), m_now - 29); // expired 29 s ago, leeway 30 s
    c.insert(QStringLiteral("nbf"), m_now + 29); // valid in 29 s
    QVERIFY(hsVerifier()->verify(JwtSigner::hs256(c, m_secret)));
}

void TestJwtVerifier::validRs256()
{
    const auto v = rsVerifier();
    const QByteArray token = JwtSigner::rs256(
        JwtSigner::claims(m_issuer, m_audience, QStringLiteral("svc-1"), m_now), m_rsa.privatePem);
    const Result<QJsonObject> r = v->validate(token);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    const auto principal = v->verify(token);
    QVERIFY(principal);
    QCOMPARE(principal->name, QStringLiteral("svc-1"));
    QCOMPARE(v->algorithms(), QStringList {QStringLiteral("RS256")});
}

void TestJwtVerifier::rs256RefusesTamperingAndOtherKeys()
{
    const auto v = rsVerifier();
    const QJsonObject c = JwtSigner::claims(m_issuer, m_audience, QStringLiteral("svc-1"), m_now);
    QCOMPARE(v->validate(JwtSigner::rs256(c, m_otherRsa.privatePem)).error().code,
        QStringLiteral("jwt_bad_signature"));
    QByteArray token = JwtSigner::rs256(c, m_rsa.privatePem);
    token[token.size() - 5] = token.at(token.size() - 5) == 'A' ? 'B' : 'A';
    QCOMPARE(v->validate(token).error().code, QStringLiteral("jwt_bad_signature"));
    QJsonObject late = c;
    late.insert(QStringLiteral("exp"), m_now - 3600);
    QCOMPARE(
        v->validate(JwtSigner::rs256(late, m_rsa.privatePem)).error().code, QStringLiteral("jwt_expired"));
}

void TestJwtVerifier::algorithmConfusionNeverValidates()
{
    // The classic attack: take the server's RSA public key (it is public) and use it as an HMAC
    // secret, with alg HS256. A verifier that picks the key by the token's alg would accept it.
    const QJsonObject c = JwtSigner::claims(m_issuer, m_audience, QStringLiteral("mallory"), m_now);
    const QByteArray forged = JwtSigner::hs256(c, m_rsa.publicPem);
    QCOMPARE(rsVerifier()->validate(forged).error().code, QStringLiteral("jwt_alg_not_allowed"));
    QCOMPARE(rsVerifier()->validate(JwtSigner::hs256(c, m_rsa.publicPem.trimmed())).error().code,
        QStringLiteral("jwt_alg_not_allowed"));

    // Both algorithms on: HS256 is still checked with the HS256 secret only.
    JwtVerifier::Config both;
    both.hs256Secret = m_secret;
    both.rs256PublicKeyPem = m_rsa.publicPem;
    both.issuer = m_issuer;
    both.audience = m_audience;
    auto v = JwtVerifier::create(both);
    QVERIFY(v.ok());
    const qint64 now = m_now;
    v.value()->setClock([now]() { return now; });
    QCOMPARE(v.value()->validate(forged).error().code, QStringLiteral("jwt_bad_signature"));
    QVERIFY(v.value()->verify(JwtSigner::hs256(c, m_secret)));
    QVERIFY(v.value()->verify(JwtSigner::rs256(c, m_rsa.privatePem)));
    // An RS256 header on an HMAC signature does not validate either.
    const QByteArray rsHeaderHmac =
        JwtSigner::hs256(QJsonObject {{QStringLiteral("alg"), QStringLiteral("RS256")}}, c, m_rsa.publicPem);
    QCOMPARE(v.value()->validate(rsHeaderHmac).error().code, QStringLiteral("jwt_bad_signature"));
}

void TestJwtVerifier::noneIsRefusedWhateverIsConfigured()
{
    const QJsonObject c = JwtSigner::claims(m_issuer, m_audience, QStringLiteral("mallory"), m_now);
    QByteArray none = JwtSigner::unsignedToken(c);
    QVERIFY(!hsVerifier()->verify(none));
    QVERIFY(!rsVerifier()->verify(none));
    none += "AAAA"; // a "signature" to get past the empty-part check
    QCOMPARE(hsVerifier()->validate(none).error().code, QStringLiteral("jwt_alg_not_allowed"));
    QCOMPARE(rsVerifier()->validate(none).error().code, QStringLiteral("jwt_alg_not_allowed"));
}

void TestJwtVerifier::otherCredentialsAreLeftAlone()
{
    QVERIFY(!hsVerifier()->verify("fa_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));
    QVERIFY(!hsVerifier()->verify("plain-operator-token-0123456789"));
    QVERIFY(!hsVerifier()->verify(QByteArray()));
}

void TestJwtVerifier::configurationErrors()
{
    JwtVerifier::Config c;
    c.issuer = m_issuer;
    c.audience = m_audience;
    QCOMPARE(JwtVerifier::create(c).error().code, QStringLiteral("jwt_no_key"));
    c.hs256Secret = "short";
    QCOMPARE(JwtVerifier::create(c).error().code, QStringLiteral("jwt_secret_too_short"));
    c.hs256Secret = m_secret;
    c.audience.clear();
    QCOMPARE(JwtVerifier::create(c).error().code, QStringLiteral("jwt_incomplete"));
    c.audience = m_audience;
    c.issuer.clear();
    QCOMPARE(JwtVerifier::create(c).error().code, QStringLiteral("jwt_incomplete"));

    JwtVerifier::Config rs;
    rs.issuer = m_issuer;
    rs.audience = m_audience;
    rs.rs256PublicKeyPem = m_rsa.privatePem; // a private key file given by mistake
    QCOMPARE(JwtVerifier::create(rs).error().code, QStringLiteral("bad_public_key"));
    rs.rs256PublicKeyPem = "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n";
    QCOMPARE(JwtVerifier::create(rs).error().code, QStringLiteral("bad_public_key"));
    rs.rs256PublicKeyPem = JwtSigner::generateRsa(1024).publicPem;
    const auto weak = JwtVerifier::create(rs);
    QCOMPARE(weak.error().code, QStringLiteral("bad_public_key"));
    QVERIFY(weak.error().message.contains(QStringLiteral("1024")));
}

QTEST_GUILESS_MAIN(TestJwtVerifier)
#include "tst_jwtverifier.moc"
