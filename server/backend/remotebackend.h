#pragma once

#include "backend/backend.h"
#include "backend/mcphttpclient.h"

#include <QHash>
#include <QPointer>

class QNetworkAccessManager;
class SecretStore;

// Forwards every MCP request to a remote MCP server (a hosted FinAgent, or any Streamable HTTP
// server) through McpHttpClient: the remote's capabilities and tools, progress and log messages
// passed back to the local caller, server->client requests (sampling, elicitation) asked of the
// local client, cancellation sent upstream, and remote notifications re-emitted as McpHandler
// signals. The bearer token comes from the secret store ("remote/token") unless one is given.
class RemoteBackend : public Backend
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl url;
        HttpHeaderList headers; // extra headers (an Authorization header here wins over the token)
        QByteArray token; // explicit bearer token; empty: read `tokenSecret` from the store
        QString tokenSecret; // default SecretNames::remoteToken()
        int connectTimeoutMs = 15000;
        int requestTimeoutMs = 120000;
        int reconnectMinMs = 1000;
        int reconnectMaxMs = 30000;
        QString credentialHint = QStringLiteral("update it in Accounts & keys");
        // What we declare to the remote; requests it sends are asked of the local client, which
        // may still lack the capability (the remote then gets an error).
        QJsonObject clientCapabilities {
            {QStringLiteral("sampling"), QJsonObject {}}, {QStringLiteral("elicitation"), QJsonObject {}}};
    };

    // `secrets` may be null (then only Options::token or headers authenticate).
    RemoteBackend(
        QNetworkAccessManager& network, SecretStore* secrets, Options options, QObject* parent = nullptr);
    ~RemoteBackend() override;

    QString kind() const override { return QStringLiteral("remote"); }
    BackendStatus status() const override;
    QJsonObject capabilities() const override;
    QString instructions() const override;
    void handle(McpCall* call) override;

    QUrl url() const { return m_client->url(); }
    McpHttpClient& client() { return *m_client; }
    const McpHttpClient& client() const { return *m_client; }
    QJsonObject serverInfo() const { return m_client->serverInfo(); }
    bool isConnected() const { return m_client->state() == McpHttpClient::State::Ready; }

    // Connects now rather than on the first request.
    void connectToRemote() { m_client->connectToServer(); }
    // Keep the remote's notification stream open (and reconnect in the background); on while this
    // backend is the active one.
    void setListening(bool listening) { m_client->setListening(listening); }
    // Requests waiting or running; drained() says when it falls to zero.
    int inFlightCount() const { return m_client->pendingCount(); }
    // Ends the remote session; every request still running fails with a sentence.
    void close(std::function<void()> done = {}) { m_client->close(std::move(done)); }

Q_SIGNALS:
    // A handshake completed (the first, or a new session after the remote lost ours).
    void connected();
    void drained();

private:
    void answer(McpCall* call, const Result<QJsonObject>& result);
    void forwardNotification(McpCall* call, const QJsonObject& message);
    void forwardServerRequest(McpCall* call, const QJsonObject& message);
    void onNotification(const QJsonObject& message);
    void onConnected();

    SecretStore* m_secrets;
    Options m_options;
    McpHttpClient* m_client = nullptr;
    QHash<QString, int> m_subscriptions; // uri -> local subscribers
    int m_lastGeneration = 0;
};
