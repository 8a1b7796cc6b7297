#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Makes JWTs for the tests, the way an authorization server would (and the ways an attacker
// would try): HS256, RS256, "none", and keys generated with libcrypto.
namespace JwtSigner
{

struct RsaKeyPair
{
    QByteArray privatePem;
    QByteArray publicPem; // SubjectPublicKeyInfo ("BEGIN PUBLIC KEY")
};

RsaKeyPair generateRsa(int bits = 2048);

QByteArray base64Url(const QByteArray& data);
// header.payload.signature with the given header (its "alg" is not checked against the key).
QByteArray hs256(const QJsonObject& header, const QJsonObject& claims, const QByteArray& secret);
QByteArray hs256(const QJsonObject& claims, const QByteArray& secret);
QByteArray rs256(const QJsonObject& claims, const QByteArray& privatePem);
// {"alg":"none"} and an empty signature.
QByteArray unsignedToken(const QJsonObject& claims);

// iss, aud, sub, exp = now + expiresIn, iat = now.
QJsonObject claims(const QString& issuer, const QString& audience, const QString& subject, qint64 nowSeconds,
    qint64 expiresIn = 300);

} // namespace JwtSigner
