#include "backend/remotebackend.h"

#include "backend/mcpclientrequest.h"
#include "protocol/jsonrpc.h"
#include "protocol/loglevel.h"
#include "protocol/mcpcall.h"
#include "protocol/toolresult.h"
#include "security/secretnames.h"
#include "security/secretstore.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcRemote)

namespace
{

// The client capability a server->client request needs.
QString capabilityFor(const QString& method)
{
    if (method == QLatin1String("sampling/createMessage"))
        return QStringLiteral("sampling");
    if (method == QLatin1String("elicitation/create"))
        return QStringLiteral("elicitation");
    if (method == QLatin1String("roots/list"))
        return QStringLiteral("roots");
    return {};
}

bool isJsonRpcError(const Error& e)
{
    return e.code.startsWith(QLatin1String("rpc_")) && e.details.contains(QStringLiteral("code"));
}

} // namespace

RemoteBackend::RemoteBackend(
    QNetworkAccessManager& network, SecretStore* secrets, Options options, QObject* parent)
    : Backend(parent)
    , m_secrets(secrets)
    , m_options(std::move(options))
{
    if (m_options.tokenSecret.isEmpty())
        m_options.tokenSecret = SecretNames::remoteToken();
    McpHttpClient::Options o;
    o.url = m_options.url;
    o.headers = m_options.headers;
    o.clientCapabilities = m_options.clientCapabilities;
    o.connectTimeoutMs = m_options.connectTimeoutMs;
    o.requestTimeoutMs = m_options.requestTimeoutMs;
    o.reconnectMinMs = m_options.reconnectMinMs;
    o.reconnectMaxMs = m_options.reconnectMaxMs;
    o.credentialHint = m_options.credentialHint;
    m_client = new McpHttpClient(network, o, this);

    if (!m_options.token.isEmpty()) {
        m_client->setBearerToken(m_options.token);
    } else if (m_secrets) {
        // Read before every handshake, so a token updated in Accounts & keys is used at once.
        const QString name = m_options.tokenSecret;
        QPointer<SecretStore> store(m_secrets);
        m_client->setCredentialProvider(
            [store, name](QObject* ctx, std::function<void(const QByteArray&)> done) {
                if (!store) {
                    done({});
                    return;
                }
                store->read(name, ctx, [done, name](Result<QString> r) {
                    if (r.ok()) {
                        done(r.value().trimmed().toUtf8());
                        return;
                    }
                    if (r.error().code != QLatin1String("secret_not_found"))
                        qCWarning(lcRemote).noquote()
                            << "cannot read" << name << "for the remote:" << r.error().message;
                    done({});
                });
            });
        connect(m_secrets, &SecretStore::changed, this, [this](const QString& changed) {
            if (changed == m_options.tokenSecret && m_client->state() == McpHttpClient::State::Refused)
                m_client->connectToServer();
        });
    }

    connect(m_client, &McpHttpClient::stateChanged, this, &Backend::statusChanged);
    connect(m_client, &McpHttpClient::connected, this, &RemoteBackend::onConnected);
    connect(m_client, &McpHttpClient::notificationReceived, this, &RemoteBackend::onNotification);
    connect(m_client, &McpHttpClient::drained, this, &RemoteBackend::drained);
    connect(m_client, &McpHttpClient::serverRequestReceived, this, [this](const QJsonObject& request) {
        const QString method = request.value(QStringLiteral("method")).toString();
        m_client->respondError(request.value(QStringLiteral("id")), JsonRpc::MethodNotFound,
            QStringLiteral("FinAgent forwards %1 only while one of its requests is running").arg(method));
    });
}

RemoteBackend::~RemoteBackend()
{
    // Answer every call still waiting on the remote while this object is whole.
    m_client->close();
}

BackendStatus RemoteBackend::status() const
{
    BackendStatus s;
    switch (m_client->state()) {
    case McpHttpClient::State::Ready:
        s.state = BackendStatus::State::Ready;
        break;
    case McpHttpClient::State::Idle:
    case McpHttpClient::State::Connecting:
        s.state = BackendStatus::State::Connecting;
        break;
    case McpHttpClient::State::Unreachable:
        s.state = BackendStatus::State::Unreachable;
        break;
    case McpHttpClient::State::Refused:
        s.state = BackendStatus::State::Refused;
        break;
    }
    s.since = m_client->since();
    const Error& e = m_client->lastError();
    if (s.state == BackendStatus::State::Unreachable || s.state == BackendStatus::State::Refused)
        s.description = e.message;
    else
        s.description = QStringLiteral("remote %1").arg(m_client->statusText());
    return s;
}

QJsonObject RemoteBackend::capabilities() const
{
    const QJsonObject remote = m_client->serverCapabilities();
    if (remote.isEmpty() && m_client->sessionGeneration() == 0) {
        // Not connected yet: what a FinAgent offers, so a local client that initializes first
        // still sees the features; the real list arrives with tools/list.
        return QJsonObject {{QStringLiteral("tools"), QJsonObject {{QStringLiteral("listChanged"), true}}},
            {QStringLiteral("resources"),
                QJsonObject {{QStringLiteral("subscribe"), true}, {QStringLiteral("listChanged"), true}}},
            {QStringLiteral("prompts"), QJsonObject {{QStringLiteral("listChanged"), true}}},
            {QStringLiteral("completions"), QJsonObject {}}};
    }
    // Only the features this process forwards; logging is the local server's own.
    QJsonObject out;
    for (const QString& key : {QStringLiteral("tools"), QStringLiteral("resources"),
             QStringLiteral("prompts"), QStringLiteral("completions")}) {
        if (remote.contains(key))
            out.insert(key, remote.value(key));
    }
    return out;
}

QString RemoteBackend::instructions() const
{
    return m_client->instructions();
}

void RemoteBackend::handle(McpCall* call)
{
    const QString method = call->method();
    QJsonObject params = call->params();

    // Several local sessions may watch one resource: unsubscribe upstream only with the last one.
    if (method == QLatin1String("resources/unsubscribe")) {
        const QString uri = params.value(QStringLiteral("uri")).toString();
        auto it = m_subscriptions.find(uri);
        if (it != m_subscriptions.end() && it.value() > 1) {
            --it.value();
            call->reply(QJsonObject {});
            return;
        }
    }

    // The local client's progress token stays here; upstream the client uses its own.
    const QJsonValue localToken = call->progressToken();
    const bool wantsProgress = localToken.isString() || localToken.isDouble();
    if (params.contains(QStringLiteral("_meta"))) {
        QJsonObject meta = params.value(QStringLiteral("_meta")).toObject();
        meta.remove(QStringLiteral("progressToken"));
        if (meta.isEmpty())
            params.remove(QStringLiteral("_meta"));
        else
            params.insert(QStringLiteral("_meta"), meta);
    }

    McpHttpClient::RequestOptions options;
    options.withProgress = wantsProgress;
    McpClientRequest* request = m_client->request(method, params, options);

    // The call ends first (cancelled, or its caller went away): the remote hears of it.
    connect(call, &McpCall::cancelled, request,
        [request]() { request->cancel(QStringLiteral("cancelled by the client")); });
    connect(call, &QObject::destroyed, request, [request, call]() {
        // Nothing may reach the call any more: it is being destroyed.
        QObject::disconnect(request, nullptr, call, nullptr);
        request->cancel(QStringLiteral("the request ended"));
    });
    connect(request, &McpClientRequest::notification, call,
        [this, call](const QJsonObject& m) { forwardNotification(call, m); });
    connect(request, &McpClientRequest::serverRequest, call,
        [this, call](const QJsonObject& m) { forwardServerRequest(call, m); });
    connect(request, &McpClientRequest::finished, call,
        [this, call, request]() { answer(call, request->result()); });
}

void RemoteBackend::answer(McpCall* call, const Result<QJsonObject>& result)
{
    if (call->isFinished())
        return;
    const QString method = call->method();
    if (result.ok()) {
        const QString uri = call->params().value(QStringLiteral("uri")).toString();
        if (method == QLatin1String("resources/subscribe"))
            ++m_subscriptions[uri];
        else if (method == QLatin1String("resources/unsubscribe"))
            m_subscriptions.remove(uri);
        call->reply(result.value());
        return;
    }
    const Error& e = result.error();
    if (isJsonRpcError(e)) {
        call->replyError(e.details.value(QStringLiteral("code")).toInt(), e.message,
            e.details.value(QStringLiteral("data")));
        return;
    }
    // The remote could not be used: for a tool this is a failure of the world the assistant can act
    // on; for the other methods a JSON-RPC error with the same sentence.
    if (method == QLatin1String("tools/call")) {
        call->replyTool(ToolResult::failure(e));
        return;
    }
    call->replyError(JsonRpc::InternalError, e.message, QJsonObject {{QStringLiteral("code"), e.code}});
}

void RemoteBackend::forwardNotification(McpCall* call, const QJsonObject& message)
{
    const QString method = message.value(QStringLiteral("method")).toString();
    const QJsonObject params = message.value(QStringLiteral("params")).toObject();
    if (method == QLatin1String("notifications/progress")) {
        std::optional<double> total;
        if (params.value(QStringLiteral("total")).isDouble())
            total = params.value(QStringLiteral("total")).toDouble();
        call->sendProgress(params.value(QStringLiteral("progress")).toDouble(), total,
            params.value(QStringLiteral("message")).toString());
    } else if (method == QLatin1String("notifications/message")) {
        const auto level = LogLevels::parse(params.value(QStringLiteral("level")).toString());
        call->sendLog(level.value_or(LogLevel::Info), params.value(QStringLiteral("logger")).toString(),
            params.value(QStringLiteral("data")));
    }
}

void RemoteBackend::forwardServerRequest(McpCall* call, const QJsonObject& message)
{
    const QString method = message.value(QStringLiteral("method")).toString();
    const QJsonValue id = message.value(QStringLiteral("id"));
    QPointer<McpHttpClient> client(m_client);
    call->sendRequest(
        method, message.value(QStringLiteral("params")).toObject(),
        [client, id](Result<QJsonObject> r) {
            if (!client)
                return;
            if (r.ok()) {
                client->respond(id, r.value());
                return;
            }
            const Error& e = r.error();
            const int code = e.details.contains(QStringLiteral("code"))
                ? e.details.value(QStringLiteral("code")).toInt()
                : int(JsonRpc::InternalError);
            client->respondError(id, code, e.message, e.details.value(QStringLiteral("data")));
        },
        capabilityFor(method));
}

void RemoteBackend::onNotification(const QJsonObject& message)
{
    const QString method = message.value(QStringLiteral("method")).toString();
    const QJsonObject params = message.value(QStringLiteral("params")).toObject();
    if (method == QLatin1String("notifications/resources/updated")) {
        Q_EMIT resourceUpdated(params.value(QStringLiteral("uri")).toString());
    } else if (method.startsWith(QLatin1String("notifications/"))
        && method.endsWith(QLatin1String("/list_changed"))) {
        const QString kind = method.mid(14, method.size() - 14 - 13);
        if (kind == QLatin1String("tools") || kind == QLatin1String("resources")
            || kind == QLatin1String("prompts"))
            Q_EMIT listChanged(kind);
    } else if (method == QLatin1String("notifications/message")) {
        qCInfo(lcRemote).noquote() << "remote says:"
                                   << params.value(QStringLiteral("data")).toVariant().toString().left(500);
    }
}

void RemoteBackend::onConnected()
{
    const int generation = m_client->sessionGeneration();
    const bool newSession = m_lastGeneration > 0 && generation != m_lastGeneration;
    m_lastGeneration = generation;
    if (newSession) {
        // A new session knows nothing of ours: restore the subscriptions, and let local clients
        // refresh what they listed (the remote may have been upgraded while it restarted).
        for (auto it = m_subscriptions.cbegin(); it != m_subscriptions.cend(); ++it)
            m_client->request(
                QStringLiteral("resources/subscribe"), QJsonObject {{QStringLiteral("uri"), it.key()}});
        for (const QString& kind :
            {QStringLiteral("tools"), QStringLiteral("resources"), QStringLiteral("prompts")}) {
            if (m_client->serverCapabilities().contains(kind))
                Q_EMIT listChanged(kind);
        }
    }
    Q_EMIT connected();
}
