#include "transport/httpendpoint.h"

#include "transport/guardedtcpserver.h"
#include "transport/securityheaders.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHttp, "finagent.transport.http")

namespace
{

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

constexpr int kAuthFailureWindowMs = 60000;
constexpr int kAuthFailureLimit = 20;

} // namespace

HttpEndpoint::HttpEndpoint(Config config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    m_clock.start();
    m_server = new QHttpServer(this);
    // Qt's router sends methods it does not know (and paths without a route) here; a known path
    // with such a method must still get its 405.
    m_server->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        dispatch(request.url().path(), request, std::move(responder));
    });
}

HttpEndpoint::~HttpEndpoint() = default;

void HttpEndpoint::setTokenVerifier(std::shared_ptr<TokenVerifier> verifier)
{
    m_verifier = std::move(verifier);
    m_policy.setTokenVerifier(m_verifier);
}

void HttpEndpoint::addRoute(const QString& path, const QList<QByteArray>& methods, Handler handler)
{
    addRoute(path, methods, std::move(handler), RouteOptions());
}

void HttpEndpoint::addRoute(
    const QString& path, const QList<QByteArray>& methods, Handler handler, RouteOptions options)
{
    const bool isNew = !m_routes.contains(path);
    m_routes.insert(path, Route {methods, std::move(handler), options});
    if (isNew) {
        m_server->route(
            path, [this, path](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                dispatch(path, request, std::move(responder));
            });
    }
}

Result<quint16> HttpEndpoint::listen()
{
    QHostAddress address;
    if (m_config.host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(m_config.host))
        return Error(QStringLiteral("bad_host"),
            QStringLiteral("\"%1\" is not an IP address to listen on; use 127.0.0.1 (this machine only) or "
                           "0.0.0.0 (every interface)")
                .arg(m_config.host));
    HttpLimits limits = m_config.limits;
    if (!address.isLoopback())
        limits.loopbackPeersOnly = false;
    auto* tcp = new GuardedTcpServer(limits, this);
    if (!tcp->listen(address, m_config.port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return Error(QStringLiteral("listen_failed"),
            QStringLiteral("Cannot listen on %1:%2: %3. Choose another port with --port or "
                           "FINAGENT_PORT, or stop the program using it")
                .arg(m_config.host)
                .arg(m_config.port)
                .arg(why));
    }
    m_tcp = tcp;
    m_port = tcp->serverPort();
    m_server->bind(tcp);

    AccessPolicy::Config access = m_config.access;
    const AccessPolicy::Config defaults = AccessPolicy::defaultsFor(m_config.host, m_port);
    if (access.allowedHosts.isEmpty())
        access.allowedHosts = defaults.allowedHosts;
    access.allowedOrigins += defaults.allowedOrigins;
    m_policy = AccessPolicy(access, m_port);
    m_policy.setTokenVerifier(m_verifier);
    m_started.start();
    qCInfo(lcHttp).noquote() << "listening on" << baseUrl().toString();
    return m_port;
}

void HttpEndpoint::stopListening()
{
    if (m_tcp)
        m_tcp->close();
}

bool HttpEndpoint::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

QUrl HttpEndpoint::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_config.host == QLatin1String("0.0.0.0") ? QStringLiteral("127.0.0.1") : m_config.host);
    url.setPort(m_port);
    return url;
}

qint64 HttpEndpoint::unsentBytes() const
{
    return m_tcp ? m_tcp->unsentBytes() : 0;
}

int HttpEndpoint::connectionCount() const
{
    return m_tcp ? m_tcp->connectionCount() : 0;
}

HeaderList HttpEndpoint::corsHeaders(const QByteArray& origin) const
{
    if (origin.isEmpty() || !m_policy.isOriginAllowed(origin))
        return {};
    // The origin itself, never "*": browsers then send no cookies of ours anyway, and a listed
    // origin is all that may read the answer.
    return {{"Access-Control-Allow-Origin", origin}, {"Vary", "Origin"},
        {"Access-Control-Expose-Headers",
            "Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate, Retry-After"}};
}

bool HttpEndpoint::throttled(const QHostAddress& peer)
{
    // Looked up, not inserted: peers that never failed leave no trace.
    auto it = m_authFailures.find(peer.toString());
    if (it == m_authFailures.end())
        return false;
    const qint64 now = m_clock.elapsed();
    while (!it->isEmpty() && now - it->first() > kAuthFailureWindowMs)
        it->removeFirst();
    if (it->isEmpty()) {
        m_authFailures.erase(it);
        return false;
    }
    return it->size() >= kAuthFailureLimit;
}

void HttpEndpoint::pruneAuthFailures()
{
    // On a public address every client is a new key; forget the ones whose window has passed.
    if (m_authFailures.size() < 1024)
        return;
    const qint64 now = m_clock.elapsed();
    for (auto it = m_authFailures.begin(); it != m_authFailures.end();) {
        if (it->isEmpty() || now - it->last() > kAuthFailureWindowMs)
            it = m_authFailures.erase(it);
        else
            ++it;
    }
}

bool HttpEndpoint::withinRateLimit(const Principal& principal, const std::shared_ptr<HttpExchange>& exchange)
{
    const int limit = principal.rateLimitPerMinute == Principal::kDefaultRateLimit
        ? m_config.rateLimitPerMinute
        : principal.rateLimitPerMinute;
    if (limit <= 0)
        return true;
    // A token and a JWT subject may share a name; they are different principals.
    const RateLimiter::Verdict verdict =
        m_rateLimiter.take(principal.method + QLatin1Char(':') + principal.name, limit, m_clock.elapsed());
    if (verdict.allowed)
        return true;
    Q_EMIT rateLimited(principal.name, limit);
    exchange->respondJson(429,
        QJsonObject {{QStringLiteral("error"), QStringLiteral("rate_limited")},
            {QStringLiteral("message"),
                QStringLiteral("Too many requests for \"%1\": the limit is %2 per minute. Retry after %3 s.")
                    .arg(principal.name.left(100))
                    .arg(limit)
                    .arg(verdict.retryAfterSeconds)},
            {QStringLiteral("limit_per_minute"), limit},
            {QStringLiteral("retry_after_seconds"), verdict.retryAfterSeconds}},
        {{"Retry-After", QByteArray::number(verdict.retryAfterSeconds)}});
    return false;
}

void HttpEndpoint::dispatch(
    const QString& path, const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    HttpRequest req;
    req.method = methodName(request.method());
    req.path = request.url().path();
    req.query = request.query();
    for (const auto& h : request.headers())
        req.headers.append({h.first, h.second});
    req.body = request.body();
    req.peer = request.remoteAddress();

    const QByteArray origin = req.header("origin");
    auto exchange = std::make_shared<HttpExchange>(std::move(responder), m_tcp.data(), corsHeaders(origin));
    exchange->setHeadRequest(req.method == "HEAD");
    // Qt 6.4 ignores "Connection: close"; honour it so such clients see the connection end.
    for (const QByteArray& token : req.header("connection").split(',')) {
        if (token.trimmed().compare("close", Qt::CaseInsensitive) == 0)
            exchange->setCloseConnection(true);
    }
    // Counted when the status is known, which for MCP calls can be long after this function.
    const QString routeLabel = m_routes.contains(path) ? path : QString();
    exchange->setAnsweredCallback(
        [self = QPointer<HttpEndpoint>(this), method = req.method, routeLabel](int status) {
            if (self)
                Q_EMIT self->requestHandled(method, routeLabel, status);
        });

    // DNS rebinding: the Host and Origin checks come before anything else, for every path.
    const AccessDecision host = m_policy.checkHost(req.header("host"));
    if (!host.allowed) {
        qCWarning(lcHttp).noquote() << "403:" << host.reason;
        exchange->respondError(403, QStringLiteral("forbidden_host"), host.reason);
        return;
    }
    const AccessDecision originCheck = m_policy.checkOrigin(origin);
    if (!originCheck.allowed) {
        qCWarning(lcHttp).noquote() << "403:" << originCheck.reason;
        exchange->respondError(403, QStringLiteral("forbidden_origin"), originCheck.reason);
        return;
    }

    auto it = m_routes.constFind(path);
    if (path.isEmpty() || it == m_routes.constEnd()) {
        exchange->respondError(404, QStringLiteral("not_found"),
            QStringLiteral("No such path: %1. MCP is served at /mcp").arg(req.path));
        return;
    }
    const Route& route = it.value();
    QByteArray allow;
    for (const QByteArray& m : route.methods)
        allow += (allow.isEmpty() ? "" : ", ") + m;

    if (req.method == "OPTIONS") {
        // CORS preflight: only for allowed origins; never permissive.
        if (origin.isEmpty()) {
            exchange->respondEmpty(204, {{"Allow", allow + ", OPTIONS"}});
        } else {
            exchange->respondEmpty(204,
                {{"Access-Control-Allow-Methods", allow},
                    {"Access-Control-Allow-Headers",
                        "Content-Type, Authorization, X-API-Key, Mcp-Session-Id, MCP-Protocol-Version, "
                        "Mcp-Method, Mcp-Name, Last-Event-ID, Accept"},
                    {"Access-Control-Max-Age", "600"}});
        }
        return;
    }
    if (!route.methods.contains(req.method)) {
        exchange->respondError(405, QStringLiteral("method_not_allowed"),
            QStringLiteral("%1 is not allowed on %2; use %3")
                .arg(QString::fromLatin1(req.method), req.path, QString::fromLatin1(allow)),
            {{"Allow", allow}});
        return;
    }

    if (route.options.requiresAuth) {
        const AccessDecision auth =
            m_policy.authenticate(req.header("authorization"), req.header("x-api-key"));
        // A peer that keeps sending wrong tokens is slowed down; the right token still gets in (on
        // loopback every local program shares one address, and the owner must not be locked out).
        if (!auth.allowed && throttled(req.peer)) {
            exchange->respondError(429, QStringLiteral("too_many_failed_logins"),
                QStringLiteral("Too many requests with a wrong token; wait a minute"),
                {{"Retry-After", "60"}});
            return;
        }
        if (!auth.allowed) {
            if (auth.presentedCredential) {
                pruneAuthFailures();
                m_authFailures[req.peer.toString()].append(m_clock.elapsed());
                Q_EMIT authFailed(req.peer);
            }
            QByteArray challenge = "Bearer realm=\"" + m_config.realm.toUtf8() + "\"";
            if (auth.presentedCredential)
                challenge += ", error=\"invalid_token\"";
            if (!m_config.resourceMetadataUrl.isEmpty())
                challenge += ", resource_metadata=\"" + m_config.resourceMetadataUrl.toUtf8() + "\"";
            exchange->respondError(
                401, QStringLiteral("unauthorized"), auth.reason, {{"WWW-Authenticate", challenge}});
            return;
        }
        req.principal = auth.principal;
        if (!withinRateLimit(req.principal, exchange))
            return;
    }

    route.handler(req, exchange);
}
