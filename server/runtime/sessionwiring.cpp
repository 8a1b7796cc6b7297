#include "runtime/wiring.h"

#include "runtime/runtime.h"
#include "security/secretstore.h"
#include "transport/httpendpoint.h"
#include "transport/mcphttpservice.h"
#include "transport/sessionstore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSessionWiring, "finagent.sessions.wiring")

// `serve` shares its MCP sessions with every process on its database, so replicas behind a load
// balancer accept each other's sessions. The signing key is the secret http/session_key
// (FINAGENT_HTTP_SESSION_KEY or FINAGENT_HTTP_SESSION_KEY_FILE) when it is set, else a random key
// the first replica stores in the database. The desktop app and `stdio` keep sessions in-process.
void wireSessions(Runtime& runtime)
{
    if (runtime.mode() != Runtime::Mode::Serve)
        return;
    auto* store = new SessionStore(runtime.database(), &runtime);
    store->setObjectName(QStringLiteral("sessions"));
    runtime.secrets().read(QStringLiteral("http/session_key"), store, [store](Result<QString> secret) {
        if (secret.ok()) {
            store->start(secret.value().toUtf8());
        } else if (secret.error().code == QLatin1String("secret_not_found")) {
            store->start();
        } else {
            qCCritical(lcSessionWiring).noquote() << secret.error().message;
            store->fail(secret.error().message);
        }
    });
    QObject::connect(&runtime, &Runtime::httpStarted, store, [&runtime, store](HttpEndpoint*) {
        if (McpHttpService* service = runtime.httpService())
            service->setSessionStore(store);
    });
}
