#include "backend/mcphttpclient.h"

#include "backend/mcpclientrequest.h"
#include "backend/mcpreplyreader.h"
#include "backend/remotefailure.h"
#include "core/buildinfo.h"
#include "protocol/jsonrpc.h"
#include "protocol/protocolversion.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

Q_LOGGING_CATEGORY(lcRemote, "finagent.remote")

namespace
{

const QString kProgress = QStringLiteral("notifications/progress");

// Failures of the connection itself, as opposed to an answer that arrived.
bool isConnectFailure(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

bool isVisibleAscii(const QByteArray& s)
{
    if (s.isEmpty() || s.size() > 1024)
        return false;
    for (const char c : s) {
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}

QString idText(const QJsonValue& id)
{
    return id.isString() ? id.toString() : QString::number(id.toInteger());
}

} // namespace

McpHttpClient::McpHttpClient(QNetworkAccessManager& network, Options options, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_options(std::move(options))
{
    if (m_options.clientInfo.isEmpty()) {
        m_options.clientInfo = QJsonObject {{QStringLiteral("name"), QStringLiteral("finagent")},
            {QStringLiteral("title"), QStringLiteral("FinAgent")},
            {QStringLiteral("version"), QStringLiteral(FINAGENT_VERSION)}};
    }
    m_options.reconnectMinMs = qMax(10, m_options.reconnectMinMs);
    m_options.reconnectMaxMs = qMax(m_options.reconnectMinMs, m_options.reconnectMaxMs);
    m_handshakeTimer.setSingleShot(true);
    connect(&m_handshakeTimer, &QTimer::timeout, this, [this]() {
        if (!m_handshaking)
            return;
        const QString reason =
            QStringLiteral("no answer within %1 s").arg((m_options.connectTimeoutMs + 999) / 1000);
        failHandshake(RemoteFailure::unreachable(m_options.url, failureSince(State::Unreachable), reason),
            State::Unreachable);
    });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &McpHttpClient::onReconnectTimer);
}

McpHttpClient::~McpHttpClient()
{
    // Children (readers, requests) are deleted after this body: cut every callback first so none
    // reaches a half-destroyed client or a caller that relies on it.
    m_closing = true;
    m_handshakeTimer.stop();
    m_reconnectTimer.stop();
    const auto readers = findChildren<McpReplyReader*>(QString(), Qt::FindDirectChildrenOnly);
    for (McpReplyReader* reader : readers)
        reader->disconnect();
    const auto requests = findChildren<McpClientRequest*>(QString(), Qt::FindDirectChildrenOnly);
    for (McpClientRequest* request : requests) {
        request->m_timer.stop();
        request->disconnect();
    }
}

void McpHttpClient::setBearerToken(const QByteArray& token)
{
    m_token = token;
    m_hasFixedToken = true;
}

bool McpHttpClient::hasCredential() const
{
    if (!m_token.isEmpty())
        return true;
    for (const auto& h : m_options.headers) {
        const QByteArray name = h.first.toLower();
        if (name == "authorization" || name == "x-api-key")
            return true;
    }
    return false;
}

// ---- HTTP ------------------------------------------------------------------------------------

QNetworkRequest McpHttpClient::makeRequest(bool withSession, bool eventStream) const
{
    QNetworkRequest request(m_options.url);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // A redirect would turn a POST into a GET; say where the endpoint moved instead.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", eventStream ? "text/event-stream" : "application/json, text/event-stream");
    // Compression would make streams arrive in bursts; MCP messages are small.
    request.setRawHeader("Accept-Encoding", "identity");
    request.setRawHeader("User-Agent", QByteArrayLiteral("FinAgent/") + QByteArrayLiteral(FINAGENT_VERSION));
    bool hasAuthorization = false;
    for (const auto& h : m_options.headers) {
        request.setRawHeader(h.first, h.second);
        if (h.first.compare("authorization", Qt::CaseInsensitive) == 0)
            hasAuthorization = true;
    }
    if (!hasAuthorization && !m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    if (withSession) {
        if (!m_sessionId.isEmpty())
            request.setRawHeader("Mcp-Session-Id", m_sessionId.toLatin1());
        if (!m_protocolVersion.isEmpty())
            request.setRawHeader("MCP-Protocol-Version", m_protocolVersion.toLatin1());
    }
    return request;
}

McpReplyReader* McpHttpClient::post(const QJsonObject& message, bool withSession)
{
    QNetworkRequest request = makeRequest(withSession, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    auto* reader = new McpReplyReader(m_network.post(request, JsonRpc::serialize(message)), this);
    connect(reader, &McpReplyReader::finished, reader, &QObject::deleteLater);
    connect(reader, &McpReplyReader::malformed, this, [this](const QString& why) {
        qCWarning(lcRemote).noquote()
            << RemoteEndpoint::display(m_options.url) << "sent something unreadable:" << why;
    });
    return reader;
}

Error McpHttpClient::failureOf(McpReplyReader* reader, const QString& method) const
{
    if (reader->networkError() != QNetworkReply::NoError) {
        if (reader->abortedByUs())
            return RemoteFailure::closed();
        const QString reason =
            RemoteFailure::networkReason(reader->networkError(), reader->networkErrorString());
        if (!isConnectFailure(reader->networkError()))
            return RemoteFailure::connectionLost(method, reason);
        return RemoteFailure::unreachable(m_options.url, failureSince(State::Unreachable), reason);
    }
    const int status = reader->httpStatus();
    if (status == 401)
        return RemoteFailure::unauthorized(hasCredential(), m_options.credentialHint);
    if (status >= 300 && status < 400) {
        const QUrl target = m_options.url.resolved(QUrl(QString::fromUtf8(reader->header("Location"))));
        return RemoteFailure::redirected(status, m_options.url, target);
    }
    if (status >= 200 && status < 300) {
        return RemoteFailure::protocol(QStringLiteral(
            "The remote ended its answer to %1 without a result; it may have restarted, try again.")
                                           .arg(method));
    }
    Error e = RemoteFailure::httpStatus(status, reader->reasonPhrase(), method, m_options.url,
        reader->serverMessage(), reader->header("Retry-After"));
    QString reason = reader->reasonPhrase().trimmed();
    if (reason.isEmpty())
        reason = RemoteFailure::standardReason(status);
    e.details.insert(QStringLiteral("reason"),
        QStringLiteral("the remote answered %1 %2").arg(status).arg(reason).trimmed());
    return e;
}

bool McpHttpClient::isSessionLost(McpReplyReader* reader, bool hadSession) const
{
    if (!hadSession || reader->networkError() != QNetworkReply::NoError)
        return false;
    if (reader->httpStatus() == 404)
        return true;
    // Some servers answer an unknown session with 400 instead of 404.
    return reader->httpStatus() == 400
        && reader->serverMessage().contains(QLatin1String("session"), Qt::CaseInsensitive);
}

// ---- State -----------------------------------------------------------------------------------

QDateTime McpHttpClient::failureSince(State state) const
{
    if (m_state == state && m_since.isValid())
        return m_since;
    return QDateTime::currentDateTime();
}

void McpHttpClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void McpHttpClient::setReady()
{
    m_since = QDateTime();
    m_lastError = Error();
    setState(State::Ready);
}

void McpHttpClient::setFailure(State state, const Error& error)
{
    const QDateTime since = failureSince(state);
    const bool changed = m_state != state || m_lastError.message != error.message;
    m_since = since;
    m_lastError = error;
    if (m_state != state) {
        qCWarning(lcRemote).noquote() << error.message;
        setState(state);
    } else if (changed) {
        Q_EMIT stateChanged(state);
    }
}

QString McpHttpClient::statusText() const
{
    switch (m_state) {
    case State::Idle:
        return QStringLiteral("not connected");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Ready:
        return QStringLiteral("ready");
    case State::Refused:
        return m_lastError.code == QLatin1String("remote_needs_token")
            ? QStringLiteral("needs a token (HTTP 401)")
            : QStringLiteral("token refused (HTTP 401)");
    case State::Unreachable: {
        QString reason = m_lastError.details.value(QStringLiteral("reason")).toString();
        if (reason.isEmpty())
            reason = m_lastError.message;
        return QStringLiteral("unreachable since %1 (%2)").arg(RemoteFailure::timeText(m_since), reason);
    }
    }
    return {};
}

// ---- Handshake -------------------------------------------------------------------------------

void McpHttpClient::connectToServer()
{
    if (m_closing || m_handshaking || m_state == State::Ready)
        return;
    startHandshake();
}

void McpHttpClient::startHandshake()
{
    if (m_handshaking || m_closing)
        return;
    m_handshaking = true;
    const int serial = ++m_handshakeSerial;
    stopStream();
    m_sessionId.clear();
    m_protocolVersion.clear();
    if (m_state == State::Idle || m_state == State::Ready)
        setState(State::Connecting);
    m_handshakeTimer.start(m_options.connectTimeoutMs);

    auto withToken = [this, serial](const QByteArray& token) {
        if (serial != m_handshakeSerial || !m_handshaking)
            return;
        m_token = token;
        m_initializeId = QJsonValue(double(m_nextId++));
        m_initializeAnswered = false;
        const QJsonObject params {{QStringLiteral("protocolVersion"), ProtocolVersion::latest()},
            {QStringLiteral("capabilities"), m_options.clientCapabilities},
            {QStringLiteral("clientInfo"), m_options.clientInfo}};
        McpReplyReader* reader =
            post(JsonRpc::makeRequest(m_initializeId, QStringLiteral("initialize"), params), false);
        m_handshakeReader = reader;
        connect(reader, &McpReplyReader::messageReceived, this,
            [this, reader](const QJsonObject& m) { onInitializeAnswer(reader, m_initializeId, m); });
        connect(reader, &McpReplyReader::finished, this, [this, reader]() { onInitializeFinished(reader); });
    };
    if (m_credentials && !m_hasFixedToken)
        m_credentials(this, withToken);
    else
        withToken(m_token);
}

void McpHttpClient::onInitializeAnswer(
    McpReplyReader* reader, const QJsonValue& id, const QJsonObject& message)
{
    if (reader != m_handshakeReader || m_initializeAnswered)
        return;
    const JsonRpc::Parsed parsed = JsonRpc::fromJson(message);
    if (!parsed.ok)
        return;
    const JsonRpc::Message& m = parsed.message;
    if (!m.isResponse()) {
        if (!answerPing(message) && m.isNotification())
            qCDebug(lcRemote) << "notification during the handshake:" << m.method;
        return;
    }
    if (JsonRpc::idKey(m.id) != JsonRpc::idKey(id))
        return;
    m_initializeAnswered = true;
    if (m.kind == JsonRpc::Message::Kind::ErrorResponse) {
        failHandshake(RemoteFailure::protocol(QStringLiteral("The remote refused to start an MCP session: %1")
                                                  .arg(m.error.value(QStringLiteral("message")).toString())),
            State::Unreachable);
        return;
    }
    const QJsonObject result = m.result.toObject();
    const QString version = result.value(QStringLiteral("protocolVersion")).toString();
    if (!ProtocolVersion::isSupported(version)) {
        failHandshake(RemoteFailure::protocol(
                          QStringLiteral("The remote speaks MCP revision \"%1\", which this FinAgent "
                                         "does not support (it speaks %2); update one of them.")
                              .arg(version, ProtocolVersion::supported().join(QLatin1String(", ")))),
            State::Unreachable);
        return;
    }
    const QByteArray session = reader->header("Mcp-Session-Id");
    if (!session.isEmpty() && !isVisibleAscii(session)) {
        failHandshake(RemoteFailure::protocol(QStringLiteral("The remote sent an invalid Mcp-Session-Id.")),
            State::Unreachable);
        return;
    }
    m_sessionId = QString::fromLatin1(session);
    m_protocolVersion = version;
    m_serverCapabilities = result.value(QStringLiteral("capabilities")).toObject();
    m_serverInfo = result.value(QStringLiteral("serverInfo")).toObject();
    m_instructions = result.value(QStringLiteral("instructions")).toString();
    sendInitialized();
}

void McpHttpClient::onInitializeFinished(McpReplyReader* reader)
{
    if (reader != m_handshakeReader || m_initializeAnswered || !m_handshaking)
        return;
    m_handshakeReader = nullptr;
    const Error e = failureOf(reader, QStringLiteral("initialize"));
    failHandshake(e, reader->httpStatus() == 401 ? State::Refused : State::Unreachable);
}

void McpHttpClient::sendInitialized()
{
    McpReplyReader* reader =
        post(JsonRpc::makeNotification(QStringLiteral("notifications/initialized")), true);
    m_handshakeReader = reader;
    connect(reader, &McpReplyReader::finished, this, [this, reader]() {
        if (reader != m_handshakeReader || !m_handshaking)
            return;
        m_handshakeReader = nullptr;
        const int status = reader->httpStatus();
        if (reader->networkError() != QNetworkReply::NoError || status < 200 || status >= 300) {
            const Error e = failureOf(reader, QStringLiteral("notifications/initialized"));
            failHandshake(e, status == 401 ? State::Refused : State::Unreachable);
            return;
        }
        completeHandshake();
    });
}

void McpHttpClient::completeHandshake()
{
    m_handshakeTimer.stop();
    m_handshaking = false;
    ++m_generation;
    m_streamUnsupported = false;
    m_streamLastEventId.clear();
    m_backoffMs = 0;
    qCInfo(lcRemote).noquote() << QStringLiteral("connected to %1 (%2, MCP %3)%4")
                                      .arg(RemoteEndpoint::display(m_options.url),
                                          m_serverInfo.value(QStringLiteral("name")).toString(),
                                          m_protocolVersion,
                                          m_generation > 1 ? QStringLiteral(" with a new session")
                                                           : QString());
    setReady();
    const auto queued = std::move(m_queue);
    m_queue.clear();
    for (const QPointer<McpClientRequest>& r : queued) {
        if (r && !r->isFinished())
            send(r);
    }
    Q_EMIT connected();
    openStream();
}

void McpHttpClient::resetHandshake()
{
    m_handshakeTimer.stop();
    m_handshaking = false;
    ++m_handshakeSerial;
    if (McpReplyReader* reader = m_handshakeReader) {
        m_handshakeReader = nullptr;
        reader->abort();
    }
}

void McpHttpClient::failHandshake(const Error& error, State state)
{
    resetHandshake();
    m_sessionId.clear();
    setFailure(state, error);
    const auto queued = std::move(m_queue);
    m_queue.clear();
    for (const QPointer<McpClientRequest>& r : queued) {
        if (r)
            finishRequest(r, error);
    }
    if (state == State::Unreachable)
        scheduleReconnect();
}

// ---- Requests --------------------------------------------------------------------------------

McpClientRequest* McpHttpClient::request(const QString& method, const QJsonObject& params)
{
    return request(method, params, RequestOptions());
}

McpClientRequest* McpHttpClient::request(
    const QString& method, const QJsonObject& params, RequestOptions options)
{
    const int timeout = options.timeoutMs > 0 ? options.timeoutMs : m_options.requestTimeoutMs;
    auto* r = new McpClientRequest(this, method, params, timeout, options.withProgress);
    connect(&r->m_timer, &QTimer::timeout, r, [this, r]() { onRequestTimeout(r); });
    r->m_timer.start(timeout);
    // Queued, so the caller can connect to the request's signals before anything happens.
    QMetaObject::invokeMethod(
        r, [this, r]() { dispatch(r); }, Qt::QueuedConnection);
    return r;
}

void McpHttpClient::dispatch(McpClientRequest* r)
{
    if (r->isFinished())
        return;
    if (m_state == State::Ready) {
        send(r);
        return;
    }
    m_queue.append(r);
    connectToServer();
}

void McpHttpClient::send(McpClientRequest* r)
{
    r->m_id = QJsonValue(double(m_nextId++));
    QJsonObject params = r->m_params;
    if (r->m_withProgress) {
        if (r->m_progressToken.isEmpty())
            r->m_progressToken = QStringLiteral("finagent-%1").arg(m_nextProgress++);
        QJsonObject meta = params.value(QStringLiteral("_meta")).toObject();
        meta.insert(QStringLiteral("progressToken"), r->m_progressToken);
        params.insert(QStringLiteral("_meta"), meta);
        m_progress.insert(r->m_progressToken, r);
    }
    r->m_generation = m_generation;
    r->m_sentWithSession = !m_sessionId.isEmpty();
    r->m_answered = false;
    m_inflight.insert(JsonRpc::idKey(r->m_id), r);
    McpReplyReader* reader = post(JsonRpc::makeRequest(r->m_id, r->m_method, params), true);
    r->m_reader = reader;
    connect(reader, &McpReplyReader::messageReceived, r,
        [this, r](const QJsonObject& m) { onRequestMessage(r, m); });
    connect(reader, &McpReplyReader::finished, r, [this, r, reader]() { onRequestFinished(r, reader); });
}

void McpHttpClient::onRequestMessage(McpClientRequest* r, const QJsonObject& message)
{
    if (r->isFinished())
        return;
    const JsonRpc::Parsed parsed = JsonRpc::fromJson(message);
    if (!parsed.ok)
        return;
    const JsonRpc::Message& m = parsed.message;
    if (m.isResponse()) {
        if (JsonRpc::idKey(m.id) != JsonRpc::idKey(r->m_id)) {
            handleGlobalMessage(message); // another request's answer on this stream
            return;
        }
        r->m_answered = true;
        // A server should end the stream after the response; do not keep a connection for one that does not.
        if (McpReplyReader* reader = r->m_reader) {
            QTimer::singleShot(5000, reader, [reader]() { reader->abort(); });
        }
        if (m.kind == JsonRpc::Message::Kind::ErrorResponse) {
            finishRequest(r,
                Error(QStringLiteral("rpc_%1").arg(m.error.value(QStringLiteral("code")).toInt()),
                    m.error.value(QStringLiteral("message")).toString(), m.error));
        } else {
            finishRequest(r, m.result.toObject());
        }
        return;
    }
    r->m_timer.start(); // the remote is working on it
    if (m.isNotification()) {
        if (routeProgress(message))
            return;
        if (m.method == QLatin1String("notifications/message")) {
            Q_EMIT r->notification(message);
            return;
        }
        handleGlobalMessage(message);
        return;
    }
    if (m.isRequest() && !answerPing(message))
        Q_EMIT r->serverRequest(message);
}

void McpHttpClient::onRequestFinished(McpClientRequest* r, McpReplyReader* reader)
{
    if (r->isFinished() || r->m_reader != reader)
        return;
    r->m_reader = nullptr;
    if (r->m_answered || reader->abortedByUs())
        return;
    m_inflight.remove(JsonRpc::idKey(r->m_id));
    if (isSessionLost(reader, r->m_sentWithSession)) {
        sessionLost(r);
        return;
    }
    const Error e = failureOf(reader, r->m_method);
    const int status = reader->httpStatus();
    if (reader->networkError() != QNetworkReply::NoError && isConnectFailure(reader->networkError())) {
        setFailure(State::Unreachable, e);
        scheduleReconnect();
    } else if (status == 401) {
        setFailure(State::Refused, e);
        stopStream();
    } else if (status >= 500) {
        setFailure(State::Unreachable, e);
        scheduleReconnect();
    }
    finishRequest(r, e);
}

void McpHttpClient::sessionLost(McpClientRequest* r)
{
    if (r->m_replayed) {
        finishRequest(r,
            Error(QStringLiteral("remote_session_lost"),
                QStringLiteral("The remote lost the session again right after a new one was started; try "
                               "again.")));
        return;
    }
    r->m_replayed = true;
    if (m_state == State::Ready && r->m_generation != m_generation) {
        send(r); // a new session is already there
        return;
    }
    m_queue.prepend(r);
    if (!m_handshaking) {
        qCInfo(lcRemote).noquote()
            << "the remote no longer knows our session (it may have restarted): starting a new one";
        startHandshake();
    }
}

void McpHttpClient::onRequestTimeout(McpClientRequest* r)
{
    if (r->isFinished())
        return;
    if (r->m_reader) {
        notify(QStringLiteral("notifications/cancelled"),
            QJsonObject {{QStringLiteral("requestId"), r->m_id},
                {QStringLiteral("reason"), QStringLiteral("timed out")}});
        r->m_reader->abort();
    }
    finishRequest(r, RemoteFailure::timeout(r->m_method, r->m_timeoutMs));
}

void McpHttpClient::cancelRequest(McpClientRequest* r, const QString& reason)
{
    if (r->isFinished())
        return;
    if (r->m_reader && !r->m_answered) {
        QJsonObject params {{QStringLiteral("requestId"), r->m_id}};
        if (!reason.isEmpty())
            params.insert(QStringLiteral("reason"), reason);
        notify(QStringLiteral("notifications/cancelled"), params);
        r->m_reader->abort();
    }
    finishRequest(r, RemoteFailure::cancelled(reason));
}

void McpHttpClient::finishRequest(McpClientRequest* r, Result<QJsonObject> result)
{
    if (r->isFinished())
        return;
    m_queue.removeAll(r);
    if (!r->m_id.isNull()) {
        auto it = m_inflight.find(JsonRpc::idKey(r->m_id));
        if (it != m_inflight.end() && it.value() == r)
            m_inflight.erase(it);
    }
    if (!r->m_progressToken.isEmpty())
        m_progress.remove(r->m_progressToken);
    if (McpReplyReader* reader = r->m_reader) {
        r->m_reader = nullptr;
        disconnect(reader, nullptr, r, nullptr);
    }
    r->finish(std::move(result));
    checkDrained();
}

void McpHttpClient::failAll(const Error& error)
{
    QList<QPointer<McpClientRequest>> all = m_queue;
    for (const auto& r : std::as_const(m_inflight))
        all.append(r);
    for (const QPointer<McpClientRequest>& r : all) {
        if (!r)
            continue;
        if (McpReplyReader* reader = r->m_reader) {
            disconnect(reader, nullptr, r, nullptr);
            reader->abort();
        }
        finishRequest(r, error);
    }
}

void McpHttpClient::checkDrained()
{
    m_queue.removeAll(nullptr);
    if (m_queue.isEmpty() && m_inflight.isEmpty())
        Q_EMIT drained();
}

void McpHttpClient::notify(const QString& method, const QJsonObject& params)
{
    if (m_state != State::Ready && m_sessionId.isEmpty())
        return; // no session to address it to
    McpReplyReader* reader = post(JsonRpc::makeNotification(method, params), true);
    connect(reader, &McpReplyReader::finished, this, [reader, method]() {
        if (reader->networkError() != QNetworkReply::NoError || reader->httpStatus() >= 300)
            qCDebug(lcRemote).noquote()
                << method << "was not accepted:" << reader->httpStatus() << reader->networkErrorString();
    });
}

void McpHttpClient::respond(const QJsonValue& id, const QJsonObject& result)
{
    McpReplyReader* reader = post(JsonRpc::makeResult(id, result), true);
    connect(reader, &McpReplyReader::finished, this, [reader, id]() {
        if (reader->networkError() != QNetworkReply::NoError || reader->httpStatus() >= 300)
            qCWarning(lcRemote).noquote() << "the remote did not take our answer to its request" << idText(id)
                                          << ":" << reader->httpStatus() << reader->networkErrorString();
    });
}

void McpHttpClient::respondError(
    const QJsonValue& id, int code, const QString& message, const QJsonValue& data)
{
    McpReplyReader* reader = post(JsonRpc::makeError(id, code, message, data), true);
    connect(reader, &McpReplyReader::finished, this, [reader, id]() {
        if (reader->networkError() != QNetworkReply::NoError || reader->httpStatus() >= 300)
            qCDebug(lcRemote).noquote() << "the remote did not take our error answer to" << idText(id);
    });
}

bool McpHttpClient::answerPing(const QJsonObject& message)
{
    if (message.value(QStringLiteral("method")).toString() != QLatin1String("ping")
        || !message.contains(QStringLiteral("id")))
        return false;
    respond(message.value(QStringLiteral("id")), QJsonObject {});
    return true;
}

bool McpHttpClient::routeProgress(const QJsonObject& message)
{
    if (message.value(QStringLiteral("method")).toString() != kProgress)
        return false;
    const QJsonValue token =
        message.value(QStringLiteral("params")).toObject().value(QStringLiteral("progressToken"));
    const QPointer<McpClientRequest> r = m_progress.value(token.isString() ? token.toString() : QString());
    if (r && !r->isFinished()) {
        r->m_timer.start();
        Q_EMIT r->notification(message);
    }
    return true;
}

void McpHttpClient::handleGlobalMessage(const QJsonObject& message)
{
    const JsonRpc::Parsed parsed = JsonRpc::fromJson(message);
    if (!parsed.ok)
        return;
    const JsonRpc::Message& m = parsed.message;
    if (m.isResponse()) {
        if (const QPointer<McpClientRequest> r = m_inflight.value(JsonRpc::idKey(m.id)))
            onRequestMessage(r, message);
        return;
    }
    if (m.isRequest()) {
        if (!answerPing(message))
            Q_EMIT serverRequestReceived(message);
        return;
    }
    if (!routeProgress(message))
        Q_EMIT notificationReceived(message);
}

// ---- GET stream ------------------------------------------------------------------------------

void McpHttpClient::setListening(bool listening)
{
    if (m_listening == listening)
        return;
    m_listening = listening;
    if (listening) {
        openStream();
    } else {
        m_reconnectTimer.stop();
        stopStream();
    }
}

void McpHttpClient::openStream()
{
    if (!m_listening || m_stream || m_closing || m_handshaking || m_streamUnsupported || m_generation == 0
        || m_sessionId.isEmpty() || (m_state != State::Ready && m_state != State::Unreachable))
        return;
    QNetworkRequest request = makeRequest(true, true);
    if (!m_streamLastEventId.isEmpty())
        request.setRawHeader("Last-Event-ID", m_streamLastEventId);
    auto* reader = new McpReplyReader(m_network.get(request), this);
    m_stream = reader;
    connect(reader, &McpReplyReader::headersReceived, this, [this, reader]() {
        if (reader != m_stream || reader->httpStatus() != 200 || !reader->isEventStream())
            return;
        m_backoffMs = 0;
        m_streamOpen = true;
        if (m_state == State::Unreachable)
            setReady(); // the session survived the outage
    });
    connect(reader, &McpReplyReader::messageReceived, this, &McpHttpClient::handleGlobalMessage);
    connect(reader, &McpReplyReader::finished, this, [this, reader]() { onStreamFinished(reader); });
}

void McpHttpClient::stopStream()
{
    m_streamOpen = false;
    if (McpReplyReader* reader = m_stream) {
        m_stream = nullptr;
        reader->disconnect(this);
        reader->abort();
        reader->deleteLater();
    }
}

void McpHttpClient::onStreamFinished(McpReplyReader* reader)
{
    reader->deleteLater();
    if (reader != m_stream)
        return;
    m_stream = nullptr;
    m_streamOpen = false;
    if (!reader->lastEventId().isEmpty())
        m_streamLastEventId = reader->lastEventId();
    if (m_closing || !m_listening || reader->abortedByUs())
        return;
    const QNetworkReply::NetworkError error = reader->networkError();
    if (error != QNetworkReply::NoError) {
        if (isConnectFailure(error)) {
            setFailure(State::Unreachable, failureOf(reader, QStringLiteral("GET")));
            scheduleReconnect();
        } else {
            scheduleReconnect(m_options.reconnectMinMs); // the stream broke; the server may be restarting
        }
        return;
    }
    const int status = reader->httpStatus();
    if (isSessionLost(reader, true)) {
        qCInfo(lcRemote).noquote()
            << "the remote no longer knows our session (it may have restarted): starting a new one";
        if (!m_handshaking)
            startHandshake();
        return;
    }
    if (status == 200) {
        scheduleReconnect(reader->reconnectDelayMs());
        return;
    }
    if (status == 401) {
        setFailure(State::Refused, failureOf(reader, QStringLiteral("GET")));
        return;
    }
    if (status >= 500) {
        setFailure(State::Unreachable, failureOf(reader, QStringLiteral("GET")));
        scheduleReconnect();
        return;
    }
    // 405 and other refusals: this server offers no stream of its own.
    qCDebug(lcRemote) << "the remote offers no notification stream (HTTP" << status << ")";
    m_streamUnsupported = true;
}

void McpHttpClient::scheduleReconnect(int hintMs)
{
    if (!m_listening || m_closing || m_reconnectTimer.isActive())
        return;
    int delay = m_backoffMs > 0 ? m_backoffMs : m_options.reconnectMinMs;
    if (hintMs > 0)
        delay = qBound(m_options.reconnectMinMs, hintMs, m_options.reconnectMaxMs);
    m_backoffMs = qMin(delay * 2, m_options.reconnectMaxMs);
    m_reconnectTimer.start(delay);
}

void McpHttpClient::onReconnectTimer()
{
    if (!m_listening || m_closing || m_handshaking || m_state == State::Refused)
        return;
    if (m_generation > 0 && !m_sessionId.isEmpty() && !m_streamUnsupported) {
        openStream();
        return;
    }
    if (m_state != State::Ready)
        startHandshake();
}

// ---- Closing ---------------------------------------------------------------------------------

void McpHttpClient::close(std::function<void()> done)
{
    m_closing = true;
    m_reconnectTimer.stop();
    stopStream();
    if (m_handshaking)
        resetHandshake();
    failAll(RemoteFailure::closed());
    McpReplyReader* deletion = nullptr;
    if (!m_sessionId.isEmpty()) {
        deletion = new McpReplyReader(m_network.deleteResource(makeRequest(true, false)), this);
        connect(deletion, &McpReplyReader::finished, deletion, &QObject::deleteLater);
    }
    m_sessionId.clear();
    m_protocolVersion.clear();
    m_since = QDateTime();
    m_lastError = Error();
    setState(State::Idle);
    m_closing = false;
    if (done) {
        if (deletion)
            connect(deletion, &McpReplyReader::finished, this, [done]() { done(); });
        else
            QMetaObject::invokeMethod(
                this, [done]() { done(); }, Qt::QueuedConnection);
    }
}
