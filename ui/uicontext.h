#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

class Backend;
class SecretStore;
class Settings;

// What the desktop process knows about its own local MCP endpoint, for the Overview page, the
// tray and the Connect page. Implemented by the desktop app over the Runtime.
class LocalEndpointInfo : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual bool isServing() const = 0;
    virtual QUrl mcpUrl() const = 0;             // http://127.0.0.1:<port>/mcp
    virtual QString lastError() const = 0;       // why serving failed, empty if fine
    virtual QString token() const = 0;           // the bearer token (shown on request, copied)
    virtual QStringList sessionClients() const = 0; // client names of open HTTP sessions
    virtual void start() = 0;
    virtual void stop() = 0;
    virtual void regenerateToken() = 0;
Q_SIGNALS:
    void stateChanged();
    void sessionsChanged();
};

// Everything a page may use. Owned by the desktop app; outlives every page.
class UiContext
{
public:
    UiContext(Backend& backend, Settings& settings, SecretStore& secrets, LocalEndpointInfo& endpoint)
        : m_backend(backend)
        , m_settings(settings)
        , m_secrets(secrets)
        , m_endpoint(endpoint)
    {
    }
    Backend& backend() { return m_backend; }
    Settings& settings() { return m_settings; }
    SecretStore& secrets() { return m_secrets; }
    LocalEndpointInfo& endpoint() { return m_endpoint; }

private:
    Backend& m_backend;
    Settings& m_settings;
    SecretStore& m_secrets;
    LocalEndpointInfo& m_endpoint;
};
