#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// Who a request authenticated as: a named token, a JWT subject, or nobody (auth off).
struct Principal
{
    QString name; // token name, JWT "sub", or "anonymous"
    QString method; // "token", "jwt", "none"
    // Requests per minute this principal may make: kDefaultRateLimit means the server's default,
    // 0 means no limit.
    int rateLimitPerMinute = kDefaultRateLimit;

    static constexpr int kDefaultRateLimit = -1;
};

// Checks a presented credential. The desktop uses one token from the keychain; `serve` may use
// several named, hashed tokens or JWTs.
class TokenVerifier
{
public:
    virtual ~TokenVerifier() = default;
    virtual std::optional<Principal> verify(const QByteArray& presented) const = 0;
};

// One fixed token: the desktop's keychain token, or the operator token of `serve` (--token-file,
// FINAGENT_HTTP_TOKEN). It is not rate limited unless a limit is given: it belongs to whoever runs
// the server.
class StaticTokenVerifier : public TokenVerifier
{
public:
    explicit StaticTokenVerifier(
        QByteArray token, QString name = QStringLiteral("default"), int rateLimitPerMinute = 0);
    std::optional<Principal> verify(const QByteArray& presented) const override;

private:
    QByteArray m_token;
    QString m_name;
    int m_rateLimitPerMinute = 0;
};

struct AccessDecision
{
    bool allowed = true;
    int status = 200; // 403 (Host/Origin) or 401 (credentials)
    QString reason; // for the response body and the log (never contains a credential)
    Principal principal;
    bool presentedCredential = false;
};

// Host and Origin allowlists (DNS rebinding) and the credential check, in one place.
class AccessPolicy
{
public:
    struct Config
    {
        // "localhost", "127.0.0.1:8765", "mcp.example.com"; "*" allows any. An entry without a port
        // matches our port; a public name without a port also matches a Host without one (proxies).
        QStringList allowedHosts;
        QStringList allowedOrigins; // exact origins such as "http://localhost:8765"; "*" allows any
        bool requireCredential = true;
    };

    AccessPolicy() = default;
    AccessPolicy(Config config, quint16 port);

    // The defaults for a server bound to `bindHost`: loopback names (and the bind address) with
    // our port; same-origin browser origins only.
    static Config defaultsFor(const QString& bindHost, quint16 port);

    void setPort(quint16 port) { m_port = port; }
    void setTokenVerifier(std::shared_ptr<TokenVerifier> verifier) { m_verifier = std::move(verifier); }
    const Config& config() const { return m_config; }
    bool credentialRequired() const { return m_config.requireCredential; }

    AccessDecision checkHost(const QByteArray& hostHeader) const;
    // An absent Origin (non-browser clients) is allowed.
    AccessDecision checkOrigin(const QByteArray& origin) const;
    bool isOriginAllowed(const QByteArray& origin) const;
    // `authorization` is the Authorization header, `apiKey` the X-API-Key header.
    AccessDecision authenticate(const QByteArray& authorization, const QByteArray& apiKey) const;

private:
    Config m_config;
    quint16 m_port = 0;
    std::shared_ptr<TokenVerifier> m_verifier;
};
