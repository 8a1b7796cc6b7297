#include "runtime/hostingroutes.h"

#include "runtime/metrics.h"
#include "runtime/readinesscheck.h"
#include "runtime/runtime.h"
#include "transport/httpendpoint.h"

#include <QPointer>

void registerHostingRoutes(Runtime& runtime, HttpEndpoint& endpoint, bool metricsPublic)
{
    HttpEndpoint::RouteOptions publicRoute;
    publicRoute.requiresAuth = false;

    endpoint.addRoute(
        QStringLiteral("/live"), {"GET", "HEAD"},
        [](const HttpRequest&, std::shared_ptr<HttpExchange> ex) {
            // Answered by the event loop itself: if this answers, the loop is turning.
            ex->respondJson(200, QJsonObject {{QStringLiteral("status"), QStringLiteral("alive")}},
                {{"Cache-Control", "no-store"}});
        },
        publicRoute);

    auto* readiness = new ReadinessCheck(runtime, &endpoint);
    endpoint.addRoute(
        QStringLiteral("/ready"), {"GET", "HEAD"},
        [readiness](const HttpRequest&, std::shared_ptr<HttpExchange> ex) {
            ex->setBusy(true);
            readiness->check(readiness, [ex](bool ready, const QJsonObject& body) {
                ex->respondJson(ready ? 200 : 503, body, {{"Cache-Control", "no-store"}});
            });
        },
        publicRoute);

    HttpEndpoint::RouteOptions metricsRoute;
    metricsRoute.requiresAuth = !metricsPublic;
    QPointer<Metrics> metrics(&runtime.metrics());
    endpoint.addRoute(
        QStringLiteral("/metrics"), {"GET", "HEAD"},
        [metrics](const HttpRequest&, std::shared_ptr<HttpExchange> ex) {
            if (!metrics) {
                ex->respondError(503, QStringLiteral("unavailable"), QStringLiteral("Shutting down."));
                return;
            }
            ex->respond(200, PrometheusText::contentType, metrics->render(), {{"Cache-Control", "no-store"}});
        },
        metricsRoute);

    // RFC 9728 5.3 derives the metadata URL of https://host/mcp by inserting the well-known path
    // before /mcp; clients that only know the host try the bare well-known path. Both answer with
    // the same document (the resource is /mcp either way).
    const Runtime* rt = &runtime;
    const auto metadata = [rt](const HttpRequest&, std::shared_ptr<HttpExchange> ex) {
        const ProtectedResource& resource = rt->protectedResource();
        if (!resource.isEnabled()) {
            ex->respondError(404, QStringLiteral("not_found"),
                QStringLiteral("This FinAgent does not take tokens from an authorization server."));
            return;
        }
        ex->respondJson(200, resource.document(), {{"Cache-Control", "max-age=300"}});
    };
    endpoint.addRoute(
        QStringLiteral("/.well-known/oauth-protected-resource"), {"GET", "HEAD"}, metadata, publicRoute);
    endpoint.addRoute(
        QStringLiteral("/.well-known/oauth-protected-resource/mcp"), {"GET", "HEAD"}, metadata, publicRoute);
}
