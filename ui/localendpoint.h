#pragma once

#include "uicontext.h"

#include <QLoggingCategory>
#include <QPointer>

class McpHttpService;
class Runtime;
class SecretStore;

Q_DECLARE_LOGGING_CATEGORY(lcEndpoint)

// The desktop app's own MCP endpoint (http://127.0.0.1:<port>/mcp) over the Runtime: its bearer
// token, kept in the OS keychain (created on first run), and starting, stopping and restarting it.
// When the keychain cannot be used the token lives in memory for this session only and
// tokenNotice() says why; it is never written to a file.
class LocalEndpoint : public LocalEndpointInfo
{
    Q_OBJECT
public:
    enum class State
    {
        Loading, // reading the token from the keychain
        Serving,
        Stopped,
        Failed // startHttp failed: lastError() says why
    };

    LocalEndpoint(Runtime& runtime, SecretStore& secrets, QObject* parent = nullptr);
    ~LocalEndpoint() override;

    // Reads (or creates) the token, then starts serving if `serve` is true.
    void initialize(bool serve);

    State state() const { return m_state; }
    bool isServing() const override { return m_state == State::Serving; }
    QUrl mcpUrl() const override;
    QString lastError() const override { return m_lastError; }
    QString token() const override { return m_token; }
    QStringList sessionClients() const override;
    // The port being served on, or the configured one while stopped (0: a free port at each start).
    quint16 port() const;

    // False while the token exists only in memory; tokenNotice() then says why and what it means.
    bool isTokenPersistent() const { return m_tokenPersistent; }
    QString tokenNotice() const { return m_tokenNotice; }

    void start() override;
    void stop() override;
    // Applies changed settings (port, allowed origins): stops and starts again if serving.
    void restart();
    void regenerateToken() override;

Q_SIGNALS:
    void tokenChanged();

private:
    void tokenLoaded(const QString& token, bool persistent, const QString& notice);
    void setState(State state, const QString& error = QString());
    void watchSessions();

    Runtime& m_runtime;
    SecretStore& m_secrets;
    State m_state = State::Loading;
    bool m_startWhenLoaded = false;
    QString m_token;
    bool m_tokenPersistent = false;
    QString m_tokenNotice;
    QString m_lastError;
    QPointer<McpHttpService> m_service;
};
