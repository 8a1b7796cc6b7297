#pragma once

#include "core/result.h"
#include "security/accesspolicy.h"
#include "security/ratelimiter.h"
#include "transport/httpexchange.h"
#include "transport/httplimits.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class GuardedTcpServer;

// The hardened HTTP endpoint FinAgent serves MCP on. It wraps Qt's QHttpServer so the internals
// can change with a later Qt, and owns every protection in one place: loopback bind by default,
// exact Host and Origin allowlists, credentials, body/header caps before buffering, a connection
// cap, idle and slow-request timeouts, 405 for wrong methods, and security headers on every
// response.
class HttpEndpoint : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 0; // 0: let the OS choose
        HttpLimits limits;
        AccessPolicy::Config access; // empty lists: AccessPolicy::defaultsFor(host, port)
        QString realm = QStringLiteral("FinAgent");
        QString resourceMetadataUrl; // for WWW-Authenticate when an OAuth server fronts us
        // Requests per minute for an authenticated principal that has no limit of its own
        // (Principal::kDefaultRateLimit); 0 turns the default off.
        int rateLimitPerMinute = 0;
    };

    struct RouteOptions
    {
        bool requiresAuth = true; // public routes (health probes, webhooks) set this false
    };

    using Handler = std::function<void(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange)>;

    explicit HttpEndpoint(Config config, QObject* parent = nullptr);
    ~HttpEndpoint() override;

    void setTokenVerifier(std::shared_ptr<TokenVerifier> verifier);
    // Points 401 answers at the OAuth protected resource metadata (RFC 9728); empty: no pointer.
    void setResourceMetadataUrl(const QString& url) { m_config.resourceMetadataUrl = url; }
    // Routes are paths that QHttpServer reads as regular expressions matched against the whole
    // path, so a route may be a pattern (the sandbox page's /sandbox/pay/inv_[a-z2-7]{16}); methods
    // are upper-case names ("GET", "POST", ...). Headers a handler passes replace the default
    // security header of the same name.
    void addRoute(
        const QString& path, const QList<QByteArray>& methods, Handler handler, RouteOptions options);
    void addRoute(const QString& path, const QList<QByteArray>& methods, Handler handler);
    bool hasRoute(const QString& path) const { return m_routes.contains(path); }

    Result<quint16> listen();
    void stopListening(); // graceful shutdown: no new connections, existing ones finish
    bool isListening() const;
    quint16 port() const { return m_port; }
    QString host() const { return m_config.host; }
    QUrl baseUrl() const;
    bool authRequired() const { return m_policy.credentialRequired(); }
    const AccessPolicy& policy() const { return m_policy; }
    int connectionCount() const;
    qint64 unsentBytes() const; // answers still waiting to leave (graceful shutdown waits for them)
    // Peers with recent authentication failures being remembered (for the throttle).
    int trackedAuthFailurePeers() const { return int(m_authFailures.size()); }
    qint64 uptimeMs() const { return m_started.isValid() ? m_started.elapsed() : 0; }

Q_SIGNALS:
    // Every request the endpoint answers, when its status is known (also for answers given later
    // than the handler returns). `route` is the route's path pattern (no ids from the request), or
    // empty when no route matched.
    void requestHandled(const QByteArray& method, const QString& route, int status);
    void authFailed(const QHostAddress& peer);
    // A principal went over its rate limit (answered 429).
    void rateLimited(const QString& principalName, int limitPerMinute);

private:
    struct Route
    {
        QList<QByteArray> methods;
        Handler handler;
        RouteOptions options;
    };
    void dispatch(const QString& path, const QHttpServerRequest& request, QHttpServerResponder&& responder);
    HeaderList corsHeaders(const QByteArray& origin) const;
    bool throttled(const QHostAddress& peer);
    // Answers 429 and returns false when the principal is over its limit.
    bool withinRateLimit(const Principal& principal, const std::shared_ptr<HttpExchange>& exchange);
    void pruneAuthFailures();

    Config m_config;
    AccessPolicy m_policy;
    std::shared_ptr<TokenVerifier> m_verifier;
    QHttpServer* m_server = nullptr;
    QPointer<GuardedTcpServer> m_tcp;
    QHash<QString, Route> m_routes;
    quint16 m_port = 0;
    QElapsedTimer m_started;
    QHash<QString, QList<qint64>> m_authFailures; // peer -> recent failure times (ms)
    QElapsedTimer m_clock;
    RateLimiter m_rateLimiter;
};
