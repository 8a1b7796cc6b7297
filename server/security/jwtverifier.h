#pragma once

#include "core/result.h"
#include "security/accesspolicy.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <memory>

class RsaPublicKey;

// Accepts JSON Web Tokens (RFC 7519) issued by an OAuth 2.1 authorization server in front of
// FinAgent: HS256 with a shared secret and/or RS256 with the server's public key. The algorithm is
// taken from an allowlist bound to the key type, so "none" and algorithm confusion (an HS256 token
// signed with the RSA public key as its secret) never validate. iss and aud must match, exp is
// required, nbf is honoured, both with a small leeway. The principal is the "sub" claim. "kid" is
// ignored: one key per algorithm.
class JwtVerifier : public TokenVerifier
{
public:
    struct Config
    {
        QByteArray hs256Secret; // empty: HS256 off. At least 32 bytes.
        QByteArray rs256PublicKeyPem; // empty: RS256 off
        QString issuer; // required
        QString audience; // required
        int leewaySeconds = 60;
    };

    static Result<std::shared_ptr<JwtVerifier>> create(const Config& config);
    ~JwtVerifier() override;

    std::optional<Principal> verify(const QByteArray& presented) const override;
    // The claims of a valid token, or why it is not valid (never echoing the token).
    Result<QJsonObject> validate(const QByteArray& token) const;

    QStringList algorithms() const; // "HS256", "RS256"
    // For tests: seconds since the epoch.
    void setClock(std::function<qint64()> secondsClock) { m_clock = std::move(secondsClock); }

private:
    JwtVerifier() = default;
    bool checkSignature(
        const QString& alg, const QByteArray& signingInput, const QByteArray& signature) const;
    qint64 now() const;

    Config m_config;
    std::shared_ptr<RsaPublicKey> m_rsa;
    std::function<qint64()> m_clock;
};
