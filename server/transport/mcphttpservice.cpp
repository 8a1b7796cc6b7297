#include "transport/mcphttpservice.h"

#include "core/securerandom.h"
#include "protocol/jsonrpc.h"
#include "protocol/loglevel.h"
#include "protocol/mcpcall.h"
#include "protocol/mcpserver.h"
#include "protocol/mcpsession.h"
#include "protocol/protocolversion.h"
#include "protocol/replychannel.h"
#include "transport/httpendpoint.h"
#include "transport/sessionsigner.h"
#include "transport/sessionstore.h"
#include "transport/sse.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMcpHttp, "finagent.transport.mcp")

namespace
{

constexpr int kSessionNotFound = -32001;
constexpr int kBadRequest = -32000;

// Whether the Accept header admits `type` ("text/event-stream"): exactly, as "text/*" or "*/*",
// and not with q=0.
bool accepts(const HttpRequest& request, const char* type)
{
    const QByteArray wanted(type);
    const QByteArray wildcard = wanted.left(wanted.indexOf('/') + 1) + '*';
    for (const QByteArray& item : request.header("accept").toLower().split(',')) {
        const QList<QByteArray> parts = item.split(';');
        const QByteArray range = parts.first().trimmed();
        if (range != wanted && range != wildcard && range != "*/*")
            continue;
        bool refused = false;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray param = parts.at(i).trimmed();
            if (param.startsWith("q=")) {
                bool ok = false;
                const double q = param.mid(2).toDouble(&ok);
                refused = ok && q <= 0.0;
            }
        }
        if (!refused)
            return true;
    }
    return false;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// What replicas share of a session, as it is now.
SessionSharedState sharedState(const McpSession& session)
{
    SessionSharedState s;
    s.logLevel = LogLevels::name(session.logLevel());
    s.subscriptions = session.subscriptions().values();
    std::sort(s.subscriptions.begin(), s.subscriptions.end());
    return s;
}

// Answers one POSTed request: plain JSON, or an SSE stream once a related message (progress,
// log, a request to the client) must go out before the response.
class HttpPostReplyChannel : public ReplyChannel
{
public:
    HttpPostReplyChannel(
        std::shared_ptr<HttpExchange> exchange, bool acceptsSse, HeaderList headers, bool priming)
        : m_exchange(std::move(exchange))
        , m_acceptsSse(acceptsSse)
        , m_headers(std::move(headers))
        , m_priming(priming)
    {
        m_exchange->setBusy(true);
    }

    void setInitialize(bool initialize) { m_initialize = initialize; }

    void sendRelated(const QJsonObject& message) override
    {
        if (!m_exchange->isStreaming()) {
            if (!m_acceptsSse || m_exchange->isAnswered())
                return; // a JSON-only client cannot receive it
            startStream();
        }
        m_exchange->writeChunk(Sse::event(message, m_nextId++));
    }

    void sendResponse(const QJsonObject& message) override
    {
        // A failed initialize created no session: do not hand out its id.
        if (m_initialize && message.contains(QStringLiteral("error")))
            m_headers.clear();
        if (m_exchange->isStreaming()) {
            m_exchange->writeChunk(Sse::event(message, m_nextId++));
            m_exchange->endStream();
        } else {
            m_exchange->respondJson(200, message, m_headers);
        }
    }

    void abandon() override
    {
        if (!m_exchange->isStreaming() && !m_exchange->isAnswered()) {
            if (!m_acceptsSse) {
                m_exchange->respondEmpty(204, m_headers);
                return;
            }
            startStream();
        }
        m_exchange->endStream();
    }

private:
    void startStream()
    {
        m_exchange->beginStream(200, "text/event-stream", m_headers);
        if (m_priming)
            m_exchange->writeChunk(Sse::priming(m_nextId++));
    }

    std::shared_ptr<HttpExchange> m_exchange;
    bool m_acceptsSse;
    HeaderList m_headers;
    bool m_priming;
    bool m_initialize = false;
    qint64 m_nextId = 0;
};

} // namespace

McpHttpService::McpHttpService(McpServer& server, HttpEndpoint& endpoint, QObject* parent)
    : McpHttpService(server, endpoint, Config(), parent)
{ }

McpHttpService::McpHttpService(McpServer& server, HttpEndpoint& endpoint, Config config, QObject* parent)
    : QObject(parent)
    , m_server(server)
    , m_endpoint(endpoint)
    , m_config(std::move(config))
{
    endpoint.addRoute(m_config.path, {"POST", "GET", "DELETE"},
        [this](const HttpRequest& r, std::shared_ptr<HttpExchange> ex) {
            if (r.method == "POST")
                onPost(r, std::move(ex));
            else if (r.method == "GET")
                onGet(r, std::move(ex));
            else
                onDelete(r, std::move(ex));
        });
    connect(&m_sweepTimer, &QTimer::timeout, this, &McpHttpService::sweep);
    m_sweepTimer.start(qBound(1000, m_config.sessionIdleTimeoutMs / 4, 60000));
    connect(&m_keepAliveTimer, &QTimer::timeout, this, [this]() {
        for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
            if (!it->stream)
                continue;
            it->stream->writeChunk(Sse::comment("keep-alive"));
            // A client that only listens is still using its session.
            if (m_store)
                m_store->touchHashed(it->idHash);
        }
    });
    m_keepAliveTimer.start(m_config.keepAliveMs);
}

McpHttpService::~McpHttpService()
{
    // Only this process lets go: with a store, other processes keep serving these sessions.
    const QStringList ids = m_sessions.keys();
    for (const QString& id : ids)
        endSession(id, QStringLiteral("server stopping"));
}

void McpHttpService::setSessionStore(SessionStore* store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    m_baseHeaders.clear();
    if (!store)
        return;
    // Requests pass the hash kept here to touchHashed (no SHA-256 per request).
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        if (it->idHash.isEmpty())
            it->idHash = SessionSigner::idHash(it.key());
    }
    store->setIdleTimeoutMs(m_config.sessionIdleTimeoutMs);
    m_baseHeaders.append(qMakePair(QByteArray("X-FinAgent-Instance"), store->instanceId().toUtf8()));
    connect(store, &SessionStore::changed, this, &McpHttpService::onStoreChanged);
    // Subscriptions change when their call finishes (after the server's own handler for it).
    connect(&m_server, &McpServer::callStarted, this, [this](McpCall* call) {
        if (!m_store || !call->method().startsWith(QLatin1String("resources/")))
            return;
        const QString id = call->origin().sessionId;
        connect(call, &McpCall::finished, this, [this, id]() { syncState(id); });
    });
}

SessionStore* McpHttpService::sessionStore() const
{
    return m_store.data();
}

QList<McpSession*> McpHttpService::sessions() const
{
    QList<McpSession*> out;
    for (const auto& e : m_sessions) {
        if (e.session)
            out.append(e.session.data());
    }
    return out;
}

void McpHttpService::respondError(const std::shared_ptr<HttpExchange>& exchange, int status, int code,
    const QString& message, const QJsonValue& id)
{
    exchange->respondJson(status, JsonRpc::makeError(id, code, message), m_baseHeaders);
}

void McpHttpService::respondUnavailable(
    const std::shared_ptr<HttpExchange>& exchange, const QString& message, const QJsonValue& id)
{
    HeaderList headers = m_baseHeaders;
    headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
    exchange->respondJson(503, JsonRpc::makeError(id, kBadRequest, message), headers);
}

McpSession* McpHttpService::createSession(const QString& id)
{
    if (m_sessions.size() >= m_config.maxSessions) {
        // Make room by ending the session idle the longest (with a store, only here: another
        // process, or this one later, can take it over again).
        QString oldest;
        qint64 idle = -1;
        for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
            if (it->session && !it->stream && it->session->activeCalls().isEmpty()
                && it->session->idleMs() > idle) {
                idle = it->session->idleMs();
                oldest = it.key();
            }
        }
        if (oldest.isEmpty())
            return nullptr;
        endSession(oldest, QStringLiteral("session limit reached"));
    }
    auto* session = new McpSession(id, QStringLiteral("http"), this);
    SessionEntry entry;
    entry.session = session;
    if (m_store) {
        entry.idHash = SessionSigner::idHash(id);
        entry.synced = sharedState(*session);
    }
    m_sessions.insert(id, entry);
    connect(session, &McpSession::outbound, this, [this, id](const QJsonObject& m) { deliver(id, m); });
    return session;
}

void McpHttpService::endSession(const QString& id, const QString& reason)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return;
    SessionEntry entry = it.value();
    m_sessions.erase(it);
    if (entry.stream)
        entry.stream->endStream();
    if (entry.session) {
        entry.session->close(reason);
        entry.session->deleteLater();
    }
    qCDebug(lcMcpHttp) << "session ended:" << reason;
    Q_EMIT sessionClosed(id);
}

void McpHttpService::sweep()
{
    QStringList expired;
    QStringList idle;
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        const auto& e = it.value();
        if (!e.session)
            expired << it.key();
        else if (!e.stream && e.session->activeCalls().isEmpty()
            && e.session->idleMs() > m_config.sessionIdleTimeoutMs)
            idle << it.key();
        else if (!e.session->isInitialized() && e.session->ageMs() > 60000)
            expired << it.key();
    }
    for (const QString& id : expired)
        endSession(id, QStringLiteral("idle timeout"));
    for (const QString& id : idle) {
        endSession(id, QStringLiteral("idle timeout"));
        // Ends it everywhere unless another process used it meanwhile.
        if (m_store)
            m_store->expireIfIdle(id, m_config.sessionIdleTimeoutMs);
    }
}

void McpHttpService::deliver(const QString& sessionId, const QJsonObject& message)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return;
    if (it->stream && it->stream->isOpen()) {
        it->stream->writeChunk(Sse::event(message, it->nextEventId++));
        return;
    }
    it->stream.reset();
    if (it->queued.size() >= m_config.maxQueuedNotifications)
        it->queued.removeFirst();
    it->queued.append(message);
}

bool McpHttpService::checkProtocolVersionHeader(
    const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange, const QJsonValue& id)
{
    const QByteArray v = request.header("mcp-protocol-version");
    if (v.isEmpty() || ProtocolVersion::isSupported(QString::fromLatin1(v)))
        return true;
    respondError(exchange, 400, kBadRequest,
        QStringLiteral("Bad Request: unsupported MCP-Protocol-Version \"%1\" (supported: %2)")
            .arg(QString::fromLatin1(v.left(40)), ProtocolVersion::supported().join(QLatin1String(", "))),
        id);
    return false;
}

void McpHttpService::resolveSession(const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange,
    const QJsonValue& id, Found found)
{
    const QString sessionId = QString::fromLatin1(request.header("mcp-session-id"));
    if (sessionId.isEmpty()) {
        respondError(exchange, 400, kBadRequest,
            QStringLiteral("Bad Request: the Mcp-Session-Id header is required; send initialize first to "
                           "get one"),
            id);
        return;
    }
    const QString notFound = QStringLiteral(
        "Session not found: it ended or never existed; send initialize to start a new session");
    auto it = m_sessions.find(sessionId);
    if (it != m_sessions.end() && it->session && !it->session->isClosed()) {
        if (m_store)
            m_store->touchHashed(it->idHash);
        found(it->session.data());
        return;
    }
    if (!m_store) {
        respondError(exchange, 404, kSessionNotFound, notFound, id);
        return;
    }
    m_store->whenReady(this, [this, sessionId, exchange, id, found, notFound](Result<void> ready) {
        if (!ready) {
            respondUnavailable(exchange, ready.error().message, id);
            return;
        }
        // A bad signature never reaches the database.
        const std::optional<SessionClaims> claims = m_store->verify(sessionId);
        if (!claims) {
            respondError(exchange, 404, kSessionNotFound, notFound, id);
            return;
        }
        QList<Waiter>& waiters = m_lookups[sessionId];
        waiters.append(Waiter {exchange, id, found});
        if (waiters.size() > 1)
            return; // one lookup answers every request that came meanwhile, in their order
        m_store->lookup(sessionId, m_config.sessionIdleTimeoutMs, this,
            [this, sessionId, claims = *claims, notFound](Result<SessionRecord> record) {
                const QList<Waiter> waiting = m_lookups.take(sessionId);
                QPointer<McpSession> session;
                if (record)
                    session = takeOver(sessionId, claims, record.value());
                else if (record.error().code != QLatin1String("session_not_found"))
                    qCWarning(lcMcpHttp).noquote()
                        << "could not look a session up:" << record.error().message;
                for (const Waiter& w : waiting) {
                    if (session && !session->isClosed())
                        w.found(session.data());
                    else if (record)
                        respondUnavailable(w.exchange,
                            QStringLiteral("Too many open sessions; try again later"), w.requestId);
                    else if (record.error().code == QLatin1String("session_not_found"))
                        respondError(w.exchange, 404, kSessionNotFound, notFound, w.requestId);
                    else
                        respondUnavailable(w.exchange,
                            QStringLiteral("The session could not be checked (the database did not answer); "
                                           "try again shortly"),
                            w.requestId);
                }
            });
    });
}

McpSession* McpHttpService::takeOver(
    const QString& id, const SessionClaims& claims, const SessionRecord& record)
{
    auto it = m_sessions.find(id);
    if (it != m_sessions.end() && it->session && !it->session->isClosed())
        return it->session.data();
    McpSession* session = createSession(id);
    if (!session)
        return nullptr;
    session->setInitialized(claims.protocolVersion, claims.clientInfo, claims.capabilities);
    session->setClientReady();
    m_server.attach(session);
    applyRecord(m_sessions[id], record);
    qCInfo(lcMcpHttp).noquote() << "took over a session of"
                                << claims.clientInfo.value(QStringLiteral("name")).toString()
                                << "opened by another process";
    Q_EMIT sessionOpened(session);
    return session;
}

void McpHttpService::applyRecord(SessionEntry& entry, const SessionRecord& record)
{
    entry.stateVersion = record.stateVersion;
    McpSession* session = entry.session.data();
    if (!session)
        return;
    if (const auto level = LogLevels::parse(record.state.logLevel))
        session->setLogLevel(*level);
    const QSet<QString> wanted(record.state.subscriptions.cbegin(), record.state.subscriptions.cend());
    const QSet<QString> current = session->subscriptions();
    for (const QString& uri : current) {
        if (!wanted.contains(uri))
            session->unsubscribe(uri);
    }
    for (const QString& uri : wanted)
        session->subscribe(uri);
    entry.synced = sharedState(*session);
}

void McpHttpService::syncState(const QString& id)
{
    if (!m_store)
        return;
    auto it = m_sessions.find(id);
    if (it == m_sessions.end() || !it->session || it->session->isClosed())
        return;
    const SessionSharedState now = sharedState(*it->session);
    if (now == it->synced)
        return;
    SessionStateDelta delta;
    if (now.logLevel != it->synced.logLevel)
        delta.logLevel = now.logLevel;
    for (const QString& uri : now.subscriptions) {
        if (!it->synced.subscriptions.contains(uri))
            delta.subscribed.append(uri);
    }
    for (const QString& uri : std::as_const(it->synced.subscriptions)) {
        if (!now.subscriptions.contains(uri))
            delta.unsubscribed.append(uri);
    }
    it->synced = now;
    m_store->updateState(id, delta, this, [this, id](Result<SessionRecord> r) {
        if (!r) {
            qCWarning(lcMcpHttp).noquote()
                << "could not share a session's log level and subscriptions:" << r.error().message;
            return;
        }
        auto found = m_sessions.find(id);
        if (found != m_sessions.end() && r.value().stateVersion > found->stateVersion)
            applyRecord(*found, r.value());
    });
}

void McpHttpService::onStoreChanged(const QList<SessionRecord>& records)
{
    if (m_sessions.isEmpty())
        return;
    QHash<QString, QString> byHash;
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it)
        byHash.insert(it->idHash, it.key());
    for (const SessionRecord& r : records) {
        const QString id = byHash.value(r.idHash);
        auto it = m_sessions.find(id);
        if (id.isEmpty() || it == m_sessions.end())
            continue;
        if (r.endedAt)
            endSession(id, QStringLiteral("ended elsewhere (%1)").arg(r.endReason));
        else if (r.stateVersion > it->stateVersion)
            applyRecord(*it, r);
    }
}

void McpHttpService::onPost(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange)
{
    if (!request.header("content-type").toLower().contains("application/json")) {
        respondError(exchange, 415, kBadRequest,
            QStringLiteral("Unsupported Media Type: send Content-Type: application/json"));
        return;
    }
    const bool acceptsSse = accepts(request, "text/event-stream");
    if (!accepts(request, "application/json") || !acceptsSse) {
        respondError(exchange, 406, kBadRequest,
            QStringLiteral("Not Acceptable: the Accept header must list both application/json and "
                           "text/event-stream"));
        return;
    }
    const JsonRpc::Parsed parsed = JsonRpc::parse(request.body);
    if (!parsed.ok) {
        exchange->respondJson(400, parsed.errorResponse, m_baseHeaders);
        return;
    }
    const JsonRpc::Message& message = parsed.message;
    const bool isInitialize = message.isRequest() && message.method == QLatin1String("initialize");
    const QJsonValue id = message.isRequest() ? message.id : QJsonValue(QJsonValue::Undefined);

    if (isInitialize) {
        // An initialize the server will refuse gets no shared session.
        if (m_store && message.params.value(QStringLiteral("protocolVersion")).isString()) {
            initializeShared(message, acceptsSse, exchange);
            return;
        }
        McpSession* session = createSession(SecureRandom::token(32));
        if (!session) {
            respondUnavailable(exchange, QStringLiteral("Too many open sessions; try again later"), id);
            return;
        }
        dispatchPost(session, message, acceptsSse, exchange, true);
        return;
    }
    if (!checkProtocolVersionHeader(request, exchange, id))
        return;
    resolveSession(request, exchange, id, [this, message, acceptsSse, exchange](McpSession* session) {
        dispatchPost(session, message, acceptsSse, exchange, false);
    });
}

void McpHttpService::initializeShared(
    const JsonRpc::Message& message, bool acceptsSse, const std::shared_ptr<HttpExchange>& exchange)
{
    m_store->whenReady(this, [this, message, acceptsSse, exchange](Result<void> ready) {
        if (!ready) {
            respondUnavailable(exchange, ready.error().message, message.id);
            return;
        }
        const SessionClaims claims = SessionClaims::fromInitialize(message.params, nowMs());
        const QString sessionId = m_store->mint(claims);
        m_store->open(sessionId, claims.issuedAtMs, this,
            [this, sessionId, message, acceptsSse, exchange](Result<void> opened) {
                if (!opened) {
                    qCWarning(lcMcpHttp).noquote()
                        << "could not record a new session:" << opened.error().message;
                    respondUnavailable(exchange,
                        QStringLiteral("The session could not be recorded (the database did not answer); try "
                                       "again shortly"),
                        message.id);
                    return;
                }
                McpSession* session = createSession(sessionId);
                if (!session) {
                    m_store->end(sessionId, QStringLiteral("session limit reached"), nullptr, nullptr);
                    respondUnavailable(
                        exchange, QStringLiteral("Too many open sessions; try again later"), message.id);
                    return;
                }
                dispatchPost(session, message, acceptsSse, exchange, true);
            });
    });
}

void McpHttpService::dispatchPost(McpSession* session, const JsonRpc::Message& message, bool acceptsSse,
    const std::shared_ptr<HttpExchange>& exchange, bool isInitialize)
{
    const QString sessionId = session->id();
    if (!message.isRequest()) {
        m_server.handle(session, message, nullptr);
        exchange->respondEmpty(202, m_baseHeaders);
        syncState(sessionId);
        return;
    }

    HeaderList headers = m_baseHeaders;
    headers.append(qMakePair(QByteArray("Mcp-Session-Id"), sessionId.toLatin1()));
    const bool priming = !isInitialize && session->protocolVersion() >= ProtocolVersion::v2025_11_25;
    auto channel = std::make_shared<HttpPostReplyChannel>(exchange, acceptsSse, headers, priming);
    channel->setInitialize(isInitialize);
    m_server.handle(session, message, channel);

    if (!isInitialize) {
        syncState(sessionId);
    } else if (session->isInitialized()) {
        Q_EMIT sessionOpened(session);
    } else {
        endSession(sessionId, QStringLiteral("initialize failed"));
        if (m_store)
            m_store->end(sessionId, QStringLiteral("initialize failed"), nullptr, nullptr);
    }
}

void McpHttpService::onGet(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange)
{
    if (!accepts(request, "text/event-stream")) {
        respondError(exchange, 406, kBadRequest,
            QStringLiteral("Not Acceptable: GET needs Accept: text/event-stream"));
        return;
    }
    if (!checkProtocolVersionHeader(request, exchange))
        return;
    resolveSession(request, exchange, QJsonValue::Undefined,
        [this, exchange](McpSession* session) { openStream(session, exchange); });
}

void McpHttpService::openStream(McpSession* session, const std::shared_ptr<HttpExchange>& exchange)
{
    SessionEntry& entry = m_sessions[session->id()];
    if (entry.stream && entry.stream->isOpen()) {
        respondError(exchange, 409, kBadRequest,
            QStringLiteral("Conflict: this session already has an open GET stream"));
        return;
    }
    session->touch();
    HeaderList headers = m_baseHeaders;
    headers.append(qMakePair(QByteArray("Mcp-Session-Id"), session->id().toLatin1()));
    exchange->beginStream(200, "text/event-stream", headers);
    entry.stream = exchange;
    const auto queued = std::move(entry.queued);
    entry.queued.clear();
    for (const QJsonObject& m : queued)
        exchange->writeChunk(Sse::event(m, entry.nextEventId++));
    if (QTcpSocket* socket = exchange->socket()) {
        const QString id = session->id();
        connect(socket, &QAbstractSocket::disconnected, this,
            [this, id, weak = std::weak_ptr<HttpExchange>(exchange)]() {
                auto it = m_sessions.find(id);
                if (it != m_sessions.end() && it->stream == weak.lock())
                    it->stream.reset();
            });
    }
}

void McpHttpService::onDelete(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange)
{
    resolveSession(request, exchange, QJsonValue::Undefined, [this, exchange](McpSession* session) {
        const QString id = session->id();
        const QString reason = QStringLiteral("ended by the client");
        if (!m_store) {
            endSession(id, reason);
            exchange->respondEmpty(200, m_baseHeaders);
            return;
        }
        // Answered once every process will refuse the session (at their next poll).
        m_store->end(id, reason, this, [this, id, reason, exchange](Result<void> r) {
            if (!r) {
                qCWarning(lcMcpHttp).noquote()
                    << "could not end a session for every process:" << r.error().message;
                respondUnavailable(exchange,
                    QStringLiteral(
                        "The session could not be ended (the database did not answer); try again shortly"),
                    QJsonValue::Undefined);
                return;
            }
            endSession(id, reason);
            exchange->respondEmpty(200, m_baseHeaders);
        });
    });
}
