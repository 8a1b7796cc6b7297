#pragma once

#include "core/result.h"
#include "security/protectedresource.h"
#include "storage/auditentry.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPair>
#include <QStringList>

#include <functional>
#include <memory>

class AuditLogRepository;
class Database;
class HealthMonitor;
class HttpEndpoint;
class McpHttpService;
class McpRegistry;
class McpServer;
class Metrics;
class QNetworkAccessManager;
class SecretStore;
class Settings;
class TokenVerifier;

// The composition root: builds FinAgent's object graph for one way of running (desktop, stdio,
// serve) from the settings. main() and the tests build the same graph; nothing here is global.
class Runtime : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        Desktop,
        Stdio,
        Serve
    };
    struct Options
    {
        Mode mode = Mode::Stdio;
        bool conformanceFixtures = false; // registers the official conformance suite's fixtures
        // Tests may supply their own secret store; otherwise the keychain (desktop, stdio) or the
        // environment (serve) is used.
        SecretStore* secrets = nullptr;
    };

    Runtime(Settings& settings, Options options, QObject* parent = nullptr);
    ~Runtime() override;

    Settings& settings() { return m_settings; }
    McpRegistry& registry() { return *m_registry; }
    McpServer& server() { return *m_server; }
    HealthMonitor& health() { return *m_health; }
    // Counters for GET /metrics; areas add theirs (see marketwiring.cpp).
    Metrics& metrics() { return *m_metrics; }
    QNetworkAccessManager& network() { return *m_network; }
    SecretStore& secrets() { return *m_secrets; }
    Mode mode() const { return m_options.mode; }
    static QString modeName(Mode mode);

    // The database (SQLite in the data folder, or DATABASE_URL). It opens asynchronously; jobs
    // queued meanwhile wait for it. Tool calls are recorded in its audit log.
    Database& database() { return *m_database; }
    AuditLogRepository& auditLog() { return *m_audit; }
    // The result of opening the database, once known (for health and the window).
    bool databaseReady() const { return m_databaseReady; }
    QString databaseError() const { return m_databaseError; }

    // Why this runtime should not take traffic yet (GET /ready answers 503): the database is not
    // open, or a readiness condition is not met. Empty when it has finished starting.
    QStringList startupPending() const;
    // A condition for readiness: returns why it is not met yet, or an empty string.
    void addReadinessCondition(std::function<QString()> pendingReason);
    // Information GET /ready shows without it deciding readiness (the state of upstream providers).
    void addReadinessDetail(const QString& name, std::function<QJsonValue()> detail);
    QJsonObject readinessDetails() const;

    // Serve the OAuth protected resource metadata (RFC 9728) and point 401 answers at it: for
    // `serve` behind an authorization server. The public URL is http.public_url, else the
    // endpoint's own address. Call before startHttp().
    void enableProtectedResource(const QStringList& authorizationServers);
    // The metadata as served (empty before startHttp() or when not enabled).
    const ProtectedResource& protectedResource() const { return m_protectedResource; }

    // Serves MCP over Streamable HTTP on http.host:http.port with the settings' protections.
    // `verifier` checks bearer tokens; it may be null only when http.auth is "off".
    Result<quint16> startHttp(std::shared_ptr<TokenVerifier> verifier);
    void stopHttp();
    HttpEndpoint* http() const { return m_http; }
    McpHttpService* httpService() const { return m_httpService; }

Q_SIGNALS:
    void databaseOpened(bool ok);
    // The HTTP endpoint is listening; areas add their routes (webhooks, metrics) here.
    void httpStarted(HttpEndpoint* endpoint);

private:
    void registerInfoRoutes();
    void openDatabase();
    void tryOpenDatabase();
    void flushAuditLog();

    Settings& m_settings;
    Options m_options;
    QNetworkAccessManager* m_network = nullptr;
    SecretStore* m_secrets = nullptr;
    McpRegistry* m_registry = nullptr;
    McpServer* m_server = nullptr;
    HealthMonitor* m_health = nullptr;
    Database* m_database = nullptr;
    AuditLogRepository* m_audit = nullptr;
    // Tool calls that finished while the previous audit write was running: written together in
    // one transaction when it ends, so the log costs one commit per write, not one per call.
    QList<AuditEntry> m_auditPending;
    bool m_auditWriting = false;
    bool m_databaseReady = false;
    QString m_databaseError;
    QString m_databaseUrlError; // DATABASE_URL could not be used: never ready
    int m_openRetryMs = 1000;
    Metrics* m_metrics = nullptr;
    QList<std::function<QString()>> m_readiness;
    QList<QPair<QString, std::function<QJsonValue()>>> m_readinessDetails;
    bool m_protectedResourceWanted = false;
    ProtectedResource m_protectedResource;
    HttpEndpoint* m_http = nullptr;
    McpHttpService* m_httpService = nullptr;
};
