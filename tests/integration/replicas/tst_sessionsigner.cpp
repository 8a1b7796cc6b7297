#include "core/securerandom.h"
#include "protocol/protocolversion.h"
#include "transport/sessionsigner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

// Signed session ids: what one replica mints, another with the same key accepts; nothing else passes.
class TestSessionSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void idsAreVisibleAsciiAndDistinct();
    void anyChangedCharacterIsRefused();
    void otherKeyIsRefused();
    void operatorSecretGivesOneKey();
    void largeCapabilitiesAreCompacted();
    void claimsFollowTheHandshake();
};

namespace
{

SessionClaims sampleClaims()
{
    return SessionClaims::fromInitialize(
        QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
            {QStringLiteral("clientInfo"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("claude-code")},
                    {QStringLiteral("version"), QStringLiteral("2.1.0")},
                    {QStringLiteral("icons"), QJsonArray {QStringLiteral("big")}}}},
            {QStringLiteral("capabilities"),
                QJsonObject {
                    {QStringLiteral("elicitation"), QJsonObject {{QStringLiteral("form"), QJsonObject {}}}},
                    {QStringLiteral("roots"), QJsonObject {{QStringLiteral("listChanged"), true}}}}}},
        1763700000123);
}

} // namespace

void TestSessionSigner::roundTrip()
{
    const SessionSigner signer(SecureRandom::bytes(SessionSigner::keyBytes));
    const SessionClaims claims = sampleClaims();
    const QString id = signer.mint(claims);
    const auto back = signer.verify(id);
    QVERIFY(back);
    QCOMPARE(back->protocolVersion, QStringLiteral("2025-11-25"));
    QCOMPARE(back->clientInfo.value(QStringLiteral("name")).toString(), QStringLiteral("claude-code"));
    QCOMPARE(back->clientInfo.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
    QVERIFY(!back->clientInfo.contains(QStringLiteral("icons"))); // only what a session needs
    QCOMPARE(back->capabilities, claims.capabilities);
    QCOMPARE(back->issuedAtMs, qint64(1763700000123));
    QCOMPARE(back->nonce, claims.nonce);
    QCOMPARE(back->nonce.size(), 16);
}

void TestSessionSigner::idsAreVisibleAsciiAndDistinct()
{
    const SessionSigner signer(SecureRandom::bytes(SessionSigner::keyBytes));
    QSet<QString> ids;
    for (int i = 0; i < 50; ++i) {
        const QString id = signer.mint(sampleClaims()); // same client, same instant: the nonce differs
        QVERIFY(id.size() < 600);
        QCOMPARE(id.count(QLatin1Char('.')), 1);
        for (QChar c : id)
            QVERIFY(c.unicode() >= 0x21 && c.unicode() <= 0x7e);
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 50);
}

void TestSessionSigner::anyChangedCharacterIsRefused()
{
    const SessionSigner signer(SecureRandom::bytes(SessionSigner::keyBytes));
    const QString id = signer.mint(sampleClaims());
    for (qsizetype i = 0; i < id.size(); ++i) {
        if (id.at(i) == QLatin1Char('.'))
            continue;
        for (QChar replacement : {QLatin1Char('A'), QLatin1Char('z'), QLatin1Char('-')}) {
            if (id.at(i) == replacement)
                continue;
            QString changed = id;
            changed[i] = replacement;
            QVERIFY2(!signer.verify(changed), qPrintable(QStringLiteral("position %1").arg(i)));
        }
    }
    QVERIFY(!signer.verify(QString()));
    QVERIFY(!signer.verify(QStringLiteral(".")));
    QVERIFY(!signer.verify(id + QStringLiteral("A")));
    QVERIFY(!signer.verify(id.left(id.size() - 1)));
    QVERIFY(!signer.verify(id + QStringLiteral(".")));
    QVERIFY(!signer.verify(QStringLiteral(" ") + id));
    QVERIFY(!signer.verify(SecureRandom::token(32)));
    QVERIFY(signer.verify(id));
}

void TestSessionSigner::otherKeyIsRefused()
{
    const SessionSigner a(SecureRandom::bytes(SessionSigner::keyBytes));
    const SessionSigner b(SecureRandom::bytes(SessionSigner::keyBytes));
    QVERIFY(!b.verify(a.mint(sampleClaims())));
    QVERIFY(!a.verify(b.mint(sampleClaims())));
}

void TestSessionSigner::operatorSecretGivesOneKey()
{
    const QByteArray key = SessionSigner::keyFromSecret("correct horse battery staple");
    QCOMPARE(key.size(), SessionSigner::keyBytes);
    QCOMPARE(SessionSigner::keyFromSecret("correct horse battery staple"), key);
    QVERIFY(SessionSigner::keyFromSecret("correct horse battery staplf") != key);
    // Two processes given the same secret accept each other's ids.
    const SessionSigner a(key);
    const SessionSigner b(SessionSigner::keyFromSecret("correct horse battery staple"));
    QVERIFY(b.verify(a.mint(sampleClaims())));
    // A short key is stretched, not used as it is.
    const SessionSigner shortKey(QByteArrayLiteral("abc"));
    QVERIFY(shortKey.verify(shortKey.mint(sampleClaims())));
    QVERIFY(!a.verify(shortKey.mint(sampleClaims())));
}

void TestSessionSigner::largeCapabilitiesAreCompacted()
{
    QJsonObject big;
    for (int i = 0; i < 40; ++i) {
        QJsonObject nested;
        for (int j = 0; j < 20; ++j)
            nested.insert(QStringLiteral("flag%1").arg(j),
                QJsonObject {{QStringLiteral("deep"), QString(50, QLatin1Char('x'))}});
        big.insert(QStringLiteral("capability%1").arg(i), nested);
    }
    big.insert(QStringLiteral("sampling"), QJsonObject {});
    const SessionClaims claims = SessionClaims::fromInitialize(
        QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-06-18")},
            {QStringLiteral("capabilities"), big}},
        1);
    QVERIFY(QJsonDocument(claims.capabilities).toJson(QJsonDocument::Compact).size() <= 2048);
    QVERIFY(claims.capabilities.contains(QStringLiteral("sampling")));
    QVERIFY(claims.capabilities.contains(QStringLiteral("capability39")));
    const SessionSigner signer(SecureRandom::bytes(SessionSigner::keyBytes));
    const QString id = signer.mint(claims);
    QVERIFY(id.size() <= SessionSigner::maxIdLength);
    QVERIFY(signer.verify(id));
}

void TestSessionSigner::claimsFollowTheHandshake()
{
    // The server answers an unknown version with its latest: the claims carry what was negotiated.
    const SessionClaims claims = SessionClaims::fromInitialize(
        QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("1999-01-01")}}, 5);
    QCOMPARE(claims.protocolVersion, ProtocolVersion::latest());
    QVERIFY(claims.clientInfo.isEmpty());
    QCOMPARE(claims.issuedAtMs, qint64(5));
}

QTEST_GUILESS_MAIN(TestSessionSigner)
#include "tst_sessionsigner.moc"
