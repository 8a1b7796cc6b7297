#include "security/accesspolicy.h"

#include "core/securerandom.h"

#include <QHostAddress>
#include <QUrl>

StaticTokenVerifier::StaticTokenVerifier(QByteArray token, QString name, int rateLimitPerMinute)
    : m_token(std::move(token))
    , m_name(std::move(name))
    , m_rateLimitPerMinute(rateLimitPerMinute)
{ }

std::optional<Principal> StaticTokenVerifier::verify(const QByteArray& presented) const
{
    if (m_token.isEmpty() || !ConstantTime::equals(presented, m_token))
        return std::nullopt;
    return Principal {m_name, QStringLiteral("token"), m_rateLimitPerMinute};
}

AccessPolicy::AccessPolicy(Config config, quint16 port)
    : m_config(std::move(config))
    , m_port(port)
{ }

AccessPolicy::Config AccessPolicy::defaultsFor(const QString& bindHost, quint16 port)
{
    Config c;
    const QHostAddress addr(bindHost);
    const bool anyAddress =
        addr == QHostAddress::Any || addr == QHostAddress::AnyIPv4 || addr == QHostAddress::AnyIPv6;
    if (anyAddress) {
        // A server on every interface sits behind a name we cannot guess; operators list theirs.
        c.allowedHosts << QStringLiteral("*");
    } else {
        c.allowedHosts << QStringLiteral("localhost") << QStringLiteral("127.0.0.1")
                       << QStringLiteral("[::1]");
        if (!addr.isNull() && !addr.isLoopback())
            c.allowedHosts << (addr.protocol() == QAbstractSocket::IPv6Protocol
                    ? QLatin1Char('[') + bindHost + QLatin1Char(']')
                    : bindHost);
        else if (addr.isNull() && bindHost != QLatin1String("localhost"))
            c.allowedHosts << bindHost;
    }
    const QString p = QString::number(port);
    c.allowedOrigins << QStringLiteral("http://localhost:") + p << QStringLiteral("http://127.0.0.1:") + p
                     << QStringLiteral("http://[::1]:") + p;
    return c;
}

namespace
{

// Splits "host:port", "[v6]:port" or "host" (port 0 when absent).
bool splitHostPort(const QByteArray& value, QString* host, int* port)
{
    const QString v = QString::fromLatin1(value).trimmed().toLower();
    if (v.isEmpty())
        return false;
    *port = 0;
    if (v.startsWith(QLatin1Char('['))) {
        const qsizetype close = v.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        *host = v.left(close + 1);
        const QString rest = v.mid(close + 1);
        if (rest.isEmpty())
            return true;
        if (!rest.startsWith(QLatin1Char(':')))
            return false;
        bool ok = false;
        *port = rest.mid(1).toInt(&ok);
        return ok;
    }
    const qsizetype colon = v.lastIndexOf(QLatin1Char(':'));
    if (colon < 0) {
        *host = v;
        return true;
    }
    *host = v.left(colon);
    bool ok = false;
    *port = v.mid(colon + 1).toInt(&ok);
    return ok && !host->isEmpty();
}

AccessDecision deny(int status, const QString& reason)
{
    AccessDecision d;
    d.allowed = false;
    d.status = status;
    d.reason = reason;
    return d;
}

} // namespace

AccessDecision AccessPolicy::checkHost(const QByteArray& hostHeader) const
{
    if (m_config.allowedHosts.contains(QLatin1String("*")))
        return {};
    QString host;
    int port = 0;
    if (!splitHostPort(hostHeader, &host, &port))
        return deny(403, QStringLiteral("missing or malformed Host header"));
    const int effectivePort = port == 0 ? 80 : port;
    for (const QString& entry : m_config.allowedHosts) {
        QString allowedHost;
        int allowedPort = 0;
        if (!splitHostPort(entry.toLatin1(), &allowedHost, &allowedPort))
            continue;
        if (allowedHost != host)
            continue;
        // A public name listed without a port is also what clients send through a reverse proxy
        // or an ingress: "mcp.example.com", no port. Loopback names keep needing our port.
        const bool loopbackName = allowedHost == QLatin1String("localhost")
            || allowedHost == QLatin1String("127.0.0.1") || allowedHost == QLatin1String("[::1]");
        if (allowedPort == 0 && port == 0 && !loopbackName)
            return {};
        const int wanted = allowedPort != 0 ? allowedPort : m_port;
        if (wanted == 0 || wanted == effectivePort)
            return {};
    }
    return deny(403,
        QStringLiteral("Host \"%1\" is not allowed; this server answers to %2")
            .arg(QString::fromLatin1(hostHeader.left(100)), m_config.allowedHosts.join(QLatin1String(", "))));
}

bool AccessPolicy::isOriginAllowed(const QByteArray& origin) const
{
    if (m_config.allowedOrigins.contains(QLatin1String("*")))
        return true;
    // Exact comparison of the serialized origin: "http://localhost.evil.example" is not localhost.
    const QString o = QString::fromLatin1(origin).trimmed().toLower();
    for (const QString& allowed : m_config.allowedOrigins) {
        if (allowed.toLower() == o)
            return true;
    }
    return false;
}

AccessDecision AccessPolicy::checkOrigin(const QByteArray& origin) const
{
    if (origin.isEmpty() || isOriginAllowed(origin))
        return {};
    return deny(403,
        QStringLiteral("Origin \"%1\" is not allowed; add it to the allowed origins setting if this "
                       "browser client should reach FinAgent")
            .arg(QString::fromLatin1(origin.left(100))));
}

AccessDecision AccessPolicy::authenticate(const QByteArray& authorization, const QByteArray& apiKey) const
{
    QByteArray presented;
    if (authorization.size() > 7 && authorization.left(7).toLower() == "bearer ")
        presented = authorization.mid(7).trimmed();
    else if (!apiKey.isEmpty())
        presented = apiKey.trimmed();

    if (!m_config.requireCredential) {
        AccessDecision d;
        d.principal = Principal {QStringLiteral("anonymous"), QStringLiteral("none"), 0};
        return d;
    }
    if (presented.isEmpty()) {
        AccessDecision d = deny(401,
            QStringLiteral("Authentication required: send the FinAgent token as "
                           "\"Authorization: Bearer <token>\""));
        return d;
    }
    if (m_verifier) {
        if (auto principal = m_verifier->verify(presented)) {
            AccessDecision d;
            d.principal = *principal;
            d.presentedCredential = true;
            return d;
        }
    }
    AccessDecision d = deny(401,
        QStringLiteral("The token was not accepted: check that it is the current FinAgent token "
                       "(it changes when regenerated)"));
    d.presentedCredential = true;
    return d;
}
