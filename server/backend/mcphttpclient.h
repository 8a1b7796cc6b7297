#pragma once

#include "backend/remoteendpoint.h"
#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>

class McpClientRequest;
class McpReplyReader;
class QNetworkAccessManager;
class QNetworkRequest;

// An MCP client over Streamable HTTP (the initialize-era revisions, 2024-11-05 to 2025-11-25), on
// QNetworkAccessManager and fully asynchronous. It performs the handshake (offering 2025-11-25 and
// accepting any revision we speak), keeps the Mcp-Session-Id and sends MCP-Protocol-Version,
// re-initializes transparently when the server lost the session (404) and replays the failed
// request once, reads JSON and SSE answers as they arrive, routes progress, log messages and
// server->client requests to the request they belong to, keeps a GET stream open for the server's
// own notifications (reconnecting with backoff), and turns every failure into a sentence.
class McpHttpClient : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle, // not connected yet (or closed)
        Connecting, // handshake running, no failure since the last success
        Ready,
        Unreachable, // network failure, or the remote answered with an error status
        Refused // the remote refused the credentials (401)
    };
    Q_ENUM(State)

    struct Options
    {
        QUrl url;
        HttpHeaderList headers; // sent with every request (Authorization included, if given)
        QJsonObject clientInfo; // default {"name":"finagent","version":...}
        QJsonObject clientCapabilities; // what we declare in initialize
        int connectTimeoutMs = 15000; // the whole handshake
        int requestTimeoutMs = 120000; // a request with no message from the remote for this long fails
        int reconnectMinMs = 1000; // GET stream / background reconnection backoff
        int reconnectMaxMs = 30000;
        // Where a person fixes a refused token, completing "... refused the token (HTTP 401): <hint>."
        QString credentialHint = QStringLiteral("update it in Accounts & keys");
    };

    // Supplies the bearer token before every handshake (e.g. read from the keychain); an empty
    // token sends none. `done` may be called later, from the event loop.
    using CredentialProvider =
        std::function<void(QObject* ctx, std::function<void(const QByteArray& token)> done)>;

    struct RequestOptions
    {
        int timeoutMs = -1; // -1: Options::requestTimeoutMs
        bool withProgress = false; // ask the remote for progress (adds our own progressToken)
    };

    McpHttpClient(QNetworkAccessManager& network, Options options, QObject* parent = nullptr);
    ~McpHttpClient() override;

    const Options& options() const { return m_options; }
    QUrl url() const { return m_options.url; }
    void setCredentialProvider(CredentialProvider provider) { m_credentials = std::move(provider); }
    // A fixed bearer token (instead of a provider); empty sends none.
    void setBearerToken(const QByteArray& token);

    // Starts the handshake unless one runs or the client is ready. Requests do this by themselves.
    void connectToServer();
    // Keep the GET stream open for server-initiated notifications, and reconnect in the background
    // while unreachable. Off by default.
    void setListening(bool listening);
    bool isListening() const { return m_listening; }
    // Ends the remote session (DELETE), stops the stream and fails every pending request; `done`
    // runs when the remote acknowledged the DELETE (or at once without a session). Destroying the
    // client instead drops pending requests without finished().
    void close(std::function<void()> done = {});

    State state() const { return m_state; }
    // When the current failure started (Unreachable, Refused); invalid otherwise.
    QDateTime since() const { return m_since; }
    // Why the client is Unreachable or Refused.
    const Error& lastError() const { return m_lastError; }
    // "ready", "connecting", "unreachable since 10:42 (connection refused)", "token refused (HTTP 401)".
    QString statusText() const;

    QString sessionId() const { return m_sessionId; }
    QString protocolVersion() const { return m_protocolVersion; }
    QJsonObject serverCapabilities() const { return m_serverCapabilities; }
    QJsonObject serverInfo() const { return m_serverInfo; }
    QString instructions() const { return m_instructions; }
    // Successful handshakes so far (a re-initialization makes it grow).
    int sessionGeneration() const { return m_generation; }
    int pendingCount() const { return int(m_queue.size() + m_inflight.size()); }
    // Whether the GET stream for server notifications is open, and whether this server offers one
    // at all (false once it answered the GET with 405 or another refusal, until the next session).
    bool isNotificationStreamOpen() const { return m_streamOpen; }
    bool offersNotificationStream() const { return !m_streamUnsupported; }

    // Sends a request (after connecting when needed). The request object is owned by the client and
    // deletes itself after finished().
    McpClientRequest* request(const QString& method, const QJsonObject& params, RequestOptions options);
    McpClientRequest* request(const QString& method, const QJsonObject& params = {});
    // Fire-and-forget messages (notifications, answers to server->client requests).
    void notify(const QString& method, const QJsonObject& params = {});
    void respond(const QJsonValue& id, const QJsonObject& result);
    void respondError(const QJsonValue& id, int code, const QString& message, const QJsonValue& data = {});

Q_SIGNALS:
    void stateChanged(McpHttpClient::State state);
    // After every successful handshake; sessionGeneration() tells a first one from a re-initialization.
    void connected();
    // A notification not tied to a request: resources/updated, */list_changed, messages, ...
    void notificationReceived(const QJsonObject& message);
    // A server->client request not tied to one of ours (other than ping, which is answered here).
    void serverRequestReceived(const QJsonObject& message);
    // No request waits or runs any more.
    void drained();

private:
    friend class McpClientRequest;

    QNetworkRequest makeRequest(bool withSession, bool eventStream) const;
    McpReplyReader* post(const QJsonObject& message, bool withSession);

    void startHandshake();
    void onInitializeAnswer(McpReplyReader* reader, const QJsonValue& id, const QJsonObject& message);
    void onInitializeFinished(McpReplyReader* reader);
    void sendInitialized();
    void completeHandshake();
    void failHandshake(const Error& error, State state);
    void resetHandshake();

    void dispatch(McpClientRequest* request);
    void send(McpClientRequest* request);
    void onRequestMessage(McpClientRequest* request, const QJsonObject& message);
    void onRequestFinished(McpClientRequest* request, McpReplyReader* reader);
    void onRequestTimeout(McpClientRequest* request);
    void cancelRequest(McpClientRequest* request, const QString& reason);
    void finishRequest(McpClientRequest* request, Result<QJsonObject> result);
    void sessionLost(McpClientRequest* request);
    void failAll(const Error& error);
    void checkDrained();

    void openStream();
    void onStreamFinished(McpReplyReader* reader);
    void scheduleReconnect(int hintMs = -1);
    void onReconnectTimer();
    void stopStream();

    void handleGlobalMessage(const QJsonObject& message);
    bool answerPing(const QJsonObject& message);
    bool routeProgress(const QJsonObject& message);

    // Classifies a finished answer that carried no JSON-RPC response.
    Error failureOf(McpReplyReader* reader, const QString& method) const;
    void setReady();
    void setFailure(State state, const Error& error);
    void setState(State state);
    bool isSessionLost(McpReplyReader* reader, bool hadSession) const;
    bool hasCredential() const;
    QDateTime failureSince(State state) const;

    QNetworkAccessManager& m_network;
    Options m_options;
    CredentialProvider m_credentials;
    QByteArray m_token;
    bool m_hasFixedToken = false;

    State m_state = State::Idle;
    QDateTime m_since;
    Error m_lastError;

    // Handshake.
    bool m_handshaking = false;
    QPointer<McpReplyReader> m_handshakeReader;
    QTimer m_handshakeTimer;
    QJsonValue m_initializeId;
    bool m_initializeAnswered = false;
    int m_handshakeSerial = 0;

    // Session.
    QString m_sessionId;
    QString m_protocolVersion;
    QJsonObject m_serverCapabilities;
    QJsonObject m_serverInfo;
    QString m_instructions;
    int m_generation = 0;

    // Requests.
    qint64 m_nextId = 1;
    qint64 m_nextProgress = 1;
    QList<QPointer<McpClientRequest>> m_queue; // waiting for a session
    QHash<QString, QPointer<McpClientRequest>> m_inflight; // JsonRpc::idKey -> request
    QHash<QString, QPointer<McpClientRequest>> m_progress; // our progress token -> request

    // GET stream.
    bool m_listening = false;
    bool m_streamUnsupported = false;
    QPointer<McpReplyReader> m_stream;
    bool m_streamOpen = false;
    QByteArray m_streamLastEventId;
    QTimer m_reconnectTimer;
    int m_backoffMs = 0;
    bool m_closing = false;
};
