#pragma once

#include "core/result.h"

#include <QObject>

#include <memory>

class AuditLogRepository;
class Database;
class HealthMonitor;
class HttpEndpoint;
class McpHttpService;
class McpRegistry;
class McpServer;
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
    enum class Mode {
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

    Settings& m_settings;
    Options m_options;
    QNetworkAccessManager* m_network = nullptr;
    SecretStore* m_secrets = nullptr;
    McpRegistry* m_registry = nullptr;
    McpServer* m_server = nullptr;
    HealthMonitor* m_health = nullptr;
    Database* m_database = nullptr;
    AuditLogRepository* m_audit = nullptr;
    bool m_databaseReady = false;
    QString m_databaseError;
    HttpEndpoint* m_http = nullptr;
    McpHttpService* m_httpService = nullptr;
};
