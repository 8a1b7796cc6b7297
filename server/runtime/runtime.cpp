#include "runtime/runtime.h"

#include "config/settings.h"
#include "core/buildinfo.h"
#include "protocol/mcpregistry.h"
#include "protocol/mcpserver.h"
#include "protocol/mcpsession.h"
#include "runtime/conformancefixtures.h"
#include "runtime/healthmonitor.h"
#include "runtime/healthtool.h"
#include "runtime/hostingroutes.h"
#include "runtime/metrics.h"
#include "runtime/wiring.h"
#include "security/envsecretstore.h"
#include "security/keychainsecretstore.h"
#include "storage/auditlogrepository.h"
#include "storage/database.h"
#include "storage/databaseconfig.h"
#include "transport/httpendpoint.h"
#include "transport/mcphttpservice.h"

#include <QSqlError>
#include <QSqlQuery>

#include <limits>
#include <utility>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QHostAddress>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTimer>

Q_LOGGING_CATEGORY(lcRuntime, "finagent.runtime")

namespace
{

const char* kInstructions =
    "FinAgent gives you crypto market data (Binance spot prices, 24h tickers, candles, funding rates; "
    "CoinGecko "
    "prices, coin data, search and trending coins), technical analysis, and USDT payment invoices with "
    "wallet "
    "balances. Prices are exact decimal strings. Market tools only read; create_payment creates an invoice: "
    "pass an "
    "idempotency_key so a retry never creates a second one. When a tool fails, call health_check.";

} // namespace

QString Runtime::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Desktop:
        return QStringLiteral("desktop");
    case Mode::Stdio:
        return QStringLiteral("stdio");
    case Mode::Serve:
        return QStringLiteral("serve");
    }
    return {};
}

Runtime::Runtime(Settings& settings, Options options, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_options(options)
{
    m_network = new QNetworkAccessManager(this);
    if (options.secrets)
        m_secrets = options.secrets;
    else if (options.mode == Mode::Serve)
        m_secrets = new EnvSecretStore(QProcessEnvironment::systemEnvironment(), this);
    else
        m_secrets = new KeychainSecretStore(QStringLiteral("FinAgent"), this);

    m_metrics = new Metrics(QStringLiteral(FINAGENT_VERSION), this);
    m_metrics->addCollector([this](PrometheusText& out) {
        out.family(QStringLiteral("finagent_sessions_open"), "gauge",
            QStringLiteral("Open MCP sessions over HTTP."));
        out.sample(QStringLiteral("finagent_sessions_open"), {},
            qint64(m_httpService ? m_httpService->sessionCount() : 0));
    });

    m_registry = new McpRegistry(this);
    m_registry->setInstructions(QString::fromUtf8(kInstructions));
    ServerIdentity identity;
    identity.version = QStringLiteral(FINAGENT_VERSION);
    m_server = new McpServer(identity, m_registry, this);

    m_health = new HealthMonitor(modeName(options.mode), this);
    m_health->addStatic(QStringLiteral("mcp"), [this]() {
        const int sessions = int(m_server->sessions().size());
        return SubsystemHealth {QString(), QStringLiteral("ok"),
            QStringLiteral("%1 tools, %2 open session(s), %3 request(s) in flight")
                .arg(m_registry->tools().size())
                .arg(sessions)
                .arg(m_server->activeCallCount()),
            QJsonObject {{QStringLiteral("tools"), m_registry->tools().size()},
                {QStringLiteral("sessions"), sessions}}};
    });
    m_health->addProbe(
        QStringLiteral("keychain"),
        [this](QObject* ctx, std::function<void(SubsystemHealth)> done) {
            const QString backend = m_secrets->backendName();
            m_secrets->probe(ctx, [done, backend](Result<void> r) {
                if (r.ok())
                    done(SubsystemHealth {
                        QString(), QStringLiteral("ok"), QStringLiteral("secrets in %1").arg(backend), {}});
                else
                    done(SubsystemHealth {QString(), QStringLiteral("degraded"), r.error().message, {}});
            });
        },
        QStringLiteral("degraded"));
    registerHealthTool(*m_registry, *m_health);
    connect(&m_registry->tools(), &ToolRegistry::toolCallFinished, m_metrics,
        [this](const ToolCallRecord& record) {
            m_metrics->countToolCall(record.tool, record.outcome, record.durationMs);
        });

    openDatabase();
    wireMarket(*this);
    wirePayments(*this);
    wireSessions(*this);

    if (options.conformanceFixtures) {
        qCWarning(lcRuntime)
            << "conformance fixtures are registered: this instance is for protocol testing only";
        registerConformanceFixtures(*m_registry);
    }
}

Runtime::~Runtime()
{
    stopHttp();
}

void Runtime::openDatabase()
{
    const QString defaultPath = QDir(m_settings.dataDir()).filePath(QStringLiteral("finagent.db"));
    Result<DatabaseConfig> config =
        DatabaseConfig::fromUrl(m_settings.string(QStringLiteral("storage.database_url")), defaultPath);
    if (!config) {
        qCCritical(lcRuntime).noquote() << config.error().message;
        m_databaseError = config.error().message;
        m_databaseUrlError = config.error().message;
        config = DatabaseConfig::sqlite(defaultPath);
    }
    m_database = new Database(config.value(), this);
    m_audit = new AuditLogRepository(*m_database);
    tryOpenDatabase();

    m_health->addProbe(
        QStringLiteral("database"), [this](QObject* ctx, std::function<void(SubsystemHealth)> done) {
            const QString what = m_database->describe();
            m_database->run<int>(
                ctx,
                [](QSqlDatabase& db) -> Result<int> {
                    QSqlQuery q(db);
                    if (!q.exec(QStringLiteral("SELECT 1")))
                        return Error(QStringLiteral("database_unavailable"), q.lastError().text());
                    return 1;
                },
                [done, what](Result<int> r) {
                    if (r.ok())
                        done(SubsystemHealth {QString(), QStringLiteral("ok"), what, {}});
                    else
                        done(SubsystemHealth {QString(), QStringLiteral("down"),
                            what + QStringLiteral(": ") + r.error().message, {}});
                });
        });

    // Every tool call, from every transport, goes to the audit log (never arguments or results).
    const qint64 pid = QCoreApplication::applicationPid();
    connect(&m_registry->tools(), &ToolRegistry::toolCallFinished, this,
        [this, pid](const ToolCallRecord& record) {
            // The window polls read-only tools every few seconds; recording that would bury the calls of AI
            // clients. What the window changes (an invoice) is recorded.
            if (record.origin.transport == QLatin1String("desktop")) {
                const ToolDefinition* tool = m_registry->tools().find(record.tool);
                if (tool && tool->annotations.readOnly.value_or(false))
                    return;
            }
            AuditEntry entry;
            entry.at = record.startedAtMs;
            entry.tool = record.tool;
            entry.client = record.origin.clientName.isEmpty() ? QStringLiteral("unknown")
                                                              : record.origin.clientName.left(200);
            if (!record.origin.sessionId.isEmpty() && record.origin.transport == QLatin1String("http"))
                entry.sessionId = record.origin.sessionId;
            entry.transport = record.origin.transport;
            if (entry.transport != QLatin1String("stdio") && entry.transport != QLatin1String("http")
                && entry.transport != QLatin1String("desktop") && entry.transport != QLatin1String("remote"))
                entry.transport = QStringLiteral("desktop");
            entry.processId = pid;
            entry.durationMs = int(qMin<qint64>(record.durationMs, std::numeric_limits<int>::max()));
            entry.outcome = record.outcome;
            if (!record.errorCode.isEmpty())
                entry.errorCode = record.errorCode.left(100);
            m_auditPending.append(entry);
            flushAuditLog();
        });
}

void Runtime::flushAuditLog()
{
    if (m_auditWriting || m_auditPending.isEmpty())
        return;
    m_auditWriting = true;
    const QList<AuditEntry> batch = std::exchange(m_auditPending, {});
    m_audit->appendMany(batch, this, [this](Result<int> r) {
        if (!r.ok())
            qCWarning(lcRuntime).noquote()
                << "could not record tool calls in the audit log:" << r.error().message;
        m_auditWriting = false;
        flushAuditLog();
    });
}

void Runtime::tryOpenDatabase()
{
    m_database->open(this, [this](Result<void> r) {
        m_databaseReady = r.ok();
        if (r.ok()) {
            if (m_databaseUrlError.isEmpty())
                m_databaseError.clear();
            Q_EMIT databaseOpened(true);
            return;
        }
        m_databaseError = r.error().message;
        qCCritical(lcRuntime).noquote() << "database:" << r.error().message;
        Q_EMIT databaseOpened(false);
        // A hosted instance often starts before its PostgreSQL; it keeps trying (and stays unready)
        // instead of needing a restart.
        if (m_options.mode == Mode::Serve) {
            qCInfo(lcRuntime) << "trying the database again in" << m_openRetryMs << "ms";
            QTimer::singleShot(m_openRetryMs, this, &Runtime::tryOpenDatabase);
            m_openRetryMs = qMin(m_openRetryMs * 2, 30000);
        }
    });
}

QStringList Runtime::startupPending() const
{
    QStringList pending;
    if (!m_databaseUrlError.isEmpty())
        pending << QStringLiteral("database: %1").arg(m_databaseUrlError);
    else if (!m_databaseReady)
        pending << (m_databaseError.isEmpty() ? QStringLiteral("database: still opening")
                                              : QStringLiteral("database: %1").arg(m_databaseError));
    for (const auto& condition : m_readiness) {
        const QString why = condition();
        if (!why.isEmpty())
            pending << why;
    }
    return pending;
}

void Runtime::addReadinessCondition(std::function<QString()> pendingReason)
{
    m_readiness.append(std::move(pendingReason));
}

void Runtime::addReadinessDetail(const QString& name, std::function<QJsonValue()> detail)
{
    m_readinessDetails.append({name, std::move(detail)});
}

QJsonObject Runtime::readinessDetails() const
{
    QJsonObject out;
    for (const auto& [name, detail] : m_readinessDetails)
        out.insert(name, detail());
    return out;
}

void Runtime::enableProtectedResource(const QStringList& authorizationServers)
{
    m_protectedResourceWanted = true;
    m_protectedResource.authorizationServers = authorizationServers;
}

Result<quint16> Runtime::startHttp(std::shared_ptr<TokenVerifier> verifier)
{
    if (m_http)
        return m_http->port();
    HttpEndpoint::Config config;
    config.host = m_settings.string(QStringLiteral("http.host"));
    config.port = quint16(m_settings.integer(QStringLiteral("http.port")));
    config.limits.maxBodyBytes = m_settings.integer(QStringLiteral("http.max_body_bytes"));
    config.limits.maxConnections = m_settings.integer(QStringLiteral("http.max_connections"));
    config.limits.idleTimeoutMs = m_settings.integer(QStringLiteral("http.idle_timeout_ms"));
    config.access.allowedHosts = m_settings.list(QStringLiteral("http.allowed_hosts"));
    config.access.allowedOrigins = m_settings.list(QStringLiteral("http.allowed_origins"));
    const QString auth = m_settings.string(QStringLiteral("http.auth")).toLower();
    config.access.requireCredential = auth != QLatin1String("off");

    if (!config.access.requireCredential) {
        const QHostAddress addr(config.host);
        if (!(config.host == QLatin1String("localhost") || addr.isLoopback()))
            return Error(QStringLiteral("auth_required"),
                QStringLiteral("Authentication can be turned off only on a loopback address; %1 is reachable "
                               "from other machines. Remove http.auth=off or listen on 127.0.0.1")
                    .arg(config.host));
        qCWarning(lcRuntime) << "HTTP authentication is OFF: any program on this machine can call the tools";
    } else if (!verifier) {
        return Error(QStringLiteral("no_token"),
            QStringLiteral("No access token is configured for the HTTP endpoint"));
    }
    if (!config.access.allowedHosts.isEmpty()) {
        // Listed names come on top of the loopback names (never on top of a wildcard: an operator who
        // lists names wants exactly those).
        config.access.allowedHosts << QStringLiteral("localhost") << QStringLiteral("127.0.0.1")
                                   << QStringLiteral("[::1]");
    }

    // Per-principal limits protect a shared instance; the desktop's own endpoint has one user.
    if (m_options.mode == Mode::Serve)
        config.rateLimitPerMinute = qMax(0, m_settings.integer(QStringLiteral("http.rate_limit_per_minute")));

    m_http = new HttpEndpoint(config, this);
    m_http->setTokenVerifier(std::move(verifier));
    connect(m_http, &HttpEndpoint::requestHandled, m_metrics, &Metrics::countHttpRequest);
    m_httpService = new McpHttpService(*m_server, *m_http, this);
    registerInfoRoutes();
    registerHostingRoutes(*this, *m_http, m_settings.boolean(QStringLiteral("http.metrics_public")));
    const Result<quint16> port = m_http->listen();
    if (!port) {
        delete m_httpService;
        m_httpService = nullptr;
        delete m_http;
        m_http = nullptr;
        return port.error();
    }
    if (m_protectedResourceWanted) {
        const QString configured = m_settings.string(QStringLiteral("http.public_url"));
        QString why;
        m_protectedResource.publicUrl = configured.isEmpty()
            ? ProtectedResource::normalizePublicUrl(m_http->baseUrl().toString(), &why)
            : ProtectedResource::normalizePublicUrl(configured, &why);
        if (m_protectedResource.publicUrl.isEmpty())
            qCWarning(lcRuntime).noquote() << why;
        else if (configured.isEmpty())
            qCWarning(lcRuntime).noquote()
                << "http.public_url is not set: OAuth clients are told the resource is"
                << m_protectedResource.resource() << "(set it to the address clients use)";
        m_http->setResourceMetadataUrl(
            m_protectedResource.isEnabled() ? m_protectedResource.metadataUrl() : QString());
    }
    Q_EMIT httpStarted(m_http);
    return port;
}

void Runtime::stopHttp()
{
    delete m_httpService;
    m_httpService = nullptr;
    delete m_http;
    m_http = nullptr;
}

void Runtime::registerInfoRoutes()
{
    HttpEndpoint::RouteOptions publicRoute;
    publicRoute.requiresAuth = false;
    m_http->addRoute(
        QStringLiteral("/"), {"GET"},
        [this](const HttpRequest&, std::shared_ptr<HttpExchange> ex) {
            ex->respondJson(200,
                QJsonObject {{QStringLiteral("name"), QStringLiteral("FinAgent")},
                    {QStringLiteral("version"), QStringLiteral(FINAGENT_VERSION)},
                    {QStringLiteral("description"), QStringLiteral(FINAGENT_DESCRIPTION)},
                    {QStringLiteral("mcp_endpoint"), QStringLiteral("/mcp")},
                    {QStringLiteral("transport"), QStringLiteral("streamable-http")},
                    {QStringLiteral("protocol_versions"),
                        QJsonArray::fromStringList(
                            QStringList {QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
                                QStringLiteral("2025-03-26"), QStringLiteral("2024-11-05")})},
                    {QStringLiteral("auth"),
                        m_http->authRequired() ? QStringLiteral("bearer") : QStringLiteral("none")}});
        },
        publicRoute);
    m_http->addRoute(
        QStringLiteral("/health"), {"GET"},
        [this](const HttpRequest&, std::shared_ptr<HttpExchange> ex) {
            QJsonObject body = m_health->quick();
            body.insert(QStringLiteral("transport"), QStringLiteral("streamable-http"));
            body.insert(QStringLiteral("mode"), modeName(m_options.mode));
            body.insert(QStringLiteral("auth"), m_http->authRequired());
            body.insert(QStringLiteral("sessions"), m_httpService ? m_httpService->sessionCount() : 0);
            ex->respondJson(200, body);
        },
        publicRoute);
}
