#include "security/jwtverifier.h"

#include "core/securerandom.h"
#include "security/rsapublickey.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>

Q_LOGGING_CATEGORY(lcJwt, "finagent.security.jwt")

namespace
{

constexpr int kMaxTokenBytes = 8192;
constexpr int kMinSecretBytes = 32; // RFC 7518 3.2: a key at least as long as the hash output

Error invalid(const char* code, const QString& message)
{
    return Error(QString::fromLatin1(code), message);
}

// base64url without padding, as JWS uses it; anything else is refused.
bool decodePart(const QByteArray& part, QByteArray* out)
{
    if (part.contains('='))
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(
        part, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    *out = decoded.decoded;
    return true;
}

bool decodeObject(const QByteArray& part, QJsonObject* out)
{
    QByteArray raw;
    if (!decodePart(part, &raw))
        return false;
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    *out = doc.object();
    return true;
}

bool audienceMatches(const QJsonValue& aud, const QString& wanted)
{
    if (aud.isString())
        return aud.toString() == wanted;
    if (aud.isArray()) {
        const QJsonArray list = aud.toArray();
        for (const QJsonValue& v : list) {
            if (v.isString() && v.toString() == wanted)
                return true;
        }
    }
    return false;
}

} // namespace

JwtVerifier::~JwtVerifier() = default;

Result<std::shared_ptr<JwtVerifier>> JwtVerifier::create(const Config& config)
{
    if (config.hs256Secret.isEmpty() && config.rs256PublicKeyPem.isEmpty())
        return Error(QStringLiteral("jwt_no_key"),
            QStringLiteral("JWT validation needs an HS256 secret file or an RS256 public key file."));
    if (config.issuer.isEmpty() || config.audience.isEmpty())
        return Error(QStringLiteral("jwt_incomplete"),
            QStringLiteral("JWT validation needs both --jwt-issuer and --jwt-audience (the values the "
                           "authorization server puts in \"iss\" and \"aud\")."));
    if (!config.hs256Secret.isEmpty() && config.hs256Secret.size() < kMinSecretBytes)
        return Error(QStringLiteral("jwt_secret_too_short"),
            QStringLiteral("The HS256 secret has %1 bytes; use at least %2 random bytes, e.g. "
                           "`head -c 32 /dev/urandom | base64`.")
                .arg(config.hs256Secret.size())
                .arg(kMinSecretBytes));
    std::shared_ptr<JwtVerifier> verifier(new JwtVerifier());
    verifier->m_config = config;
    verifier->m_config.leewaySeconds = qBound(0, config.leewaySeconds, 600);
    if (!config.rs256PublicKeyPem.isEmpty()) {
        Result<RsaPublicKey> key = RsaPublicKey::fromPem(config.rs256PublicKeyPem);
        if (!key)
            return key.error();
        verifier->m_rsa = std::make_shared<RsaPublicKey>(key.takeValue());
    }
    return verifier;
}

QStringList JwtVerifier::algorithms() const
{
    QStringList algs;
    if (!m_config.hs256Secret.isEmpty())
        algs << QStringLiteral("HS256");
    if (m_rsa)
        algs << QStringLiteral("RS256");
    return algs;
}

qint64 JwtVerifier::now() const
{
    return m_clock ? m_clock() : QDateTime::currentSecsSinceEpoch();
}

bool JwtVerifier::checkSignature(
    const QString& alg, const QByteArray& signingInput, const QByteArray& signature) const
{
    // Each algorithm is checked only with its own kind of key.
    if (alg == QLatin1String("HS256") && !m_config.hs256Secret.isEmpty()) {
        const QByteArray expected =
            QMessageAuthenticationCode::hash(signingInput, m_config.hs256Secret, QCryptographicHash::Sha256);
        return ConstantTime::equals(expected, signature);
    }
    if (alg == QLatin1String("RS256") && m_rsa)
        return m_rsa->verifySha256(signingInput, signature);
    return false;
}

Result<QJsonObject> JwtVerifier::validate(const QByteArray& token) const
{
    if (token.size() > kMaxTokenBytes)
        return invalid(
            "jwt_too_large", QStringLiteral("The token is larger than %1 bytes.").arg(kMaxTokenBytes));
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty() || parts.at(2).isEmpty())
        return invalid(
            "jwt_malformed", QStringLiteral("The token is not a signed JWT (header.payload.signature)."));

    QJsonObject header;
    if (!decodeObject(parts.at(0), &header))
        return invalid("jwt_malformed", QStringLiteral("The JWT header is not base64url-encoded JSON."));
    const QString alg = header.value(QStringLiteral("alg")).toString();
    if (!algorithms().contains(alg))
        return invalid("jwt_alg_not_allowed",
            QStringLiteral("The JWT algorithm \"%1\" is not accepted; this server accepts %2.")
                .arg(alg.left(20), algorithms().join(QLatin1String(", "))));
    if (header.contains(QStringLiteral("crit")))
        return invalid(
            "jwt_crit", QStringLiteral("The JWT has critical header parameters this server does not know."));

    QByteArray signature;
    if (!decodePart(parts.at(2), &signature))
        return invalid("jwt_malformed", QStringLiteral("The JWT signature is not base64url-encoded."));
    const QByteArray signingInput = parts.at(0) + '.' + parts.at(1);
    if (!checkSignature(alg, signingInput, signature))
        return invalid("jwt_bad_signature", QStringLiteral("The JWT signature does not verify."));

    QJsonObject claims;
    if (!decodeObject(parts.at(1), &claims))
        return invalid("jwt_malformed", QStringLiteral("The JWT payload is not base64url-encoded JSON."));

    const qint64 t = now();
    const qint64 leeway = m_config.leewaySeconds;
    const QJsonValue exp = claims.value(QStringLiteral("exp"));
    if (!exp.isDouble())
        return invalid("jwt_no_exp", QStringLiteral("The JWT has no \"exp\" claim; tokens must expire."));
    if (t > qint64(exp.toDouble()) + leeway)
        return invalid("jwt_expired", QStringLiteral("The JWT has expired; get a new one."));
    const QJsonValue nbf = claims.value(QStringLiteral("nbf"));
    if (!nbf.isUndefined() && (!nbf.isDouble() || t + leeway < qint64(nbf.toDouble())))
        return invalid(
            "jwt_not_yet_valid", QStringLiteral("The JWT is not valid yet (\"nbf\" is in the future)."));
    if (claims.value(QStringLiteral("iss")).toString() != m_config.issuer)
        return invalid("jwt_wrong_issuer", QStringLiteral("The JWT was issued by another issuer."));
    if (!audienceMatches(claims.value(QStringLiteral("aud")), m_config.audience))
        return invalid("jwt_wrong_audience", QStringLiteral("The JWT is meant for another audience."));
    const QString sub = claims.value(QStringLiteral("sub")).toString();
    if (sub.isEmpty() || sub.size() > 256)
        return invalid("jwt_no_subject", QStringLiteral("The JWT has no usable \"sub\" claim."));
    return claims;
}

std::optional<Principal> JwtVerifier::verify(const QByteArray& presented) const
{
    // Only something shaped like a JWS is examined; named tokens go to their own verifier.
    if (presented.count('.') != 2)
        return std::nullopt;
    const Result<QJsonObject> claims = validate(presented);
    if (!claims) {
        qCDebug(lcJwt).noquote() << "JWT refused:" << claims.error().message;
        return std::nullopt;
    }
    return Principal {claims.value().value(QStringLiteral("sub")).toString(), QStringLiteral("jwt"),
        Principal::kDefaultRateLimit};
}
