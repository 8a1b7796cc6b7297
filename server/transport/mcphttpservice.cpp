#include "transport/mcphttpservice.h"

#include "core/securerandom.h"
#include "protocol/jsonrpc.h"
#include "protocol/mcpserver.h"
#include "protocol/mcpsession.h"
#include "protocol/protocolversion.h"
#include "protocol/replychannel.h"
#include "transport/httpendpoint.h"
#include "transport/sse.h"

#include <QLoggingCategory>
#include <QTcpSocket>

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

void jsonRpcError(const std::shared_ptr<HttpExchange>& ex, int status, int code, const QString& message,
    const QJsonValue& id = QJsonValue::Undefined)
{
    ex->respondJson(status, JsonRpc::makeError(id, code, message));
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
        for (auto& entry : m_sessions) {
            if (entry.stream)
                entry.stream->writeChunk(Sse::comment("keep-alive"));
        }
    });
    m_keepAliveTimer.start(m_config.keepAliveMs);
}

McpHttpService::~McpHttpService()
{
    const QStringList ids = m_sessions.keys();
    for (const QString& id : ids)
        endSession(id, QStringLiteral("server stopping"));
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

McpSession* McpHttpService::createSession()
{
    if (m_sessions.size() >= m_config.maxSessions) {
        // Make room by ending the session idle the longest.
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
    const QString id = SecureRandom::token(32);
    auto* session = new McpSession(id, QStringLiteral("http"), this);
    SessionEntry entry;
    entry.session = session;
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
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        const auto& e = it.value();
        if (!e.session
            || (!e.stream && e.session->activeCalls().isEmpty()
                && e.session->idleMs() > m_config.sessionIdleTimeoutMs))
            expired << it.key();
        else if (!e.session->isInitialized() && e.session->ageMs() > 60000)
            expired << it.key();
    }
    for (const QString& id : expired)
        endSession(id, QStringLiteral("idle timeout"));
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
    jsonRpcError(exchange, 400, kBadRequest,
        QStringLiteral("Bad Request: unsupported MCP-Protocol-Version \"%1\" (supported: %2)")
            .arg(QString::fromLatin1(v.left(40)), ProtocolVersion::supported().join(QLatin1String(", "))),
        id);
    return false;
}

McpSession* McpHttpService::sessionFor(
    const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange, const QJsonValue& id)
{
    const QString sessionId = QString::fromLatin1(request.header("mcp-session-id"));
    if (sessionId.isEmpty()) {
        jsonRpcError(exchange, 400, kBadRequest,
            QStringLiteral("Bad Request: the Mcp-Session-Id header is required; send initialize first to "
                           "get one"),
            id);
        return nullptr;
    }
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end() || !it->session || it->session->isClosed()) {
        jsonRpcError(exchange, 404, kSessionNotFound,
            QStringLiteral("Session not found: it ended or never existed; send initialize to start a new "
                           "session"),
            id);
        return nullptr;
    }
    return it->session.data();
}

void McpHttpService::onPost(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange)
{
    if (!request.header("content-type").toLower().contains("application/json")) {
        jsonRpcError(exchange, 415, kBadRequest,
            QStringLiteral("Unsupported Media Type: send Content-Type: application/json"));
        return;
    }
    if (!accepts(request, "application/json") || !accepts(request, "text/event-stream")) {
        jsonRpcError(exchange, 406, kBadRequest,
            QStringLiteral("Not Acceptable: the Accept header must list both application/json and "
                           "text/event-stream"));
        return;
    }
    const JsonRpc::Parsed parsed = JsonRpc::parse(request.body);
    if (!parsed.ok) {
        exchange->respondJson(400, parsed.errorResponse);
        return;
    }
    const JsonRpc::Message& message = parsed.message;
    const bool isInitialize = message.isRequest() && message.method == QLatin1String("initialize");
    const QJsonValue id = message.isRequest() ? message.id : QJsonValue(QJsonValue::Undefined);

    McpSession* session = nullptr;
    if (isInitialize) {
        session = createSession();
        if (!session) {
            jsonRpcError(
                exchange, 503, kBadRequest, QStringLiteral("Too many open sessions; try again later"), id);
            return;
        }
    } else {
        if (!checkProtocolVersionHeader(request, exchange, id))
            return;
        session = sessionFor(request, exchange, id);
        if (!session)
            return;
    }

    if (!message.isRequest()) {
        m_server.handle(session, message, nullptr);
        exchange->respondEmpty(202);
        return;
    }

    const HeaderList headers {{"Mcp-Session-Id", session->id().toLatin1()}};
    const bool priming = !isInitialize && session->protocolVersion() >= ProtocolVersion::v2025_11_25;
    auto channel = std::make_shared<HttpPostReplyChannel>(
        exchange, accepts(request, "text/event-stream"), headers, priming);
    channel->setInitialize(isInitialize);
    m_server.handle(session, message, channel);

    if (isInitialize) {
        if (session->isInitialized()) {
            Q_EMIT sessionOpened(session);
        } else {
            endSession(session->id(), QStringLiteral("initialize failed"));
        }
    }
}

void McpHttpService::onGet(const HttpRequest& request, std::shared_ptr<HttpExchange> exchange)
{
    if (!accepts(request, "text/event-stream")) {
        jsonRpcError(exchange, 406, kBadRequest,
            QStringLiteral("Not Acceptable: GET needs Accept: text/event-stream"));
        return;
    }
    if (!checkProtocolVersionHeader(request, exchange))
        return;
    McpSession* session = sessionFor(request, exchange);
    if (!session)
        return;
    SessionEntry& entry = m_sessions[session->id()];
    if (entry.stream && entry.stream->isOpen()) {
        jsonRpcError(exchange, 409, kBadRequest,
            QStringLiteral("Conflict: this session already has an open GET stream"));
        return;
    }
    session->touch();
    exchange->beginStream(200, "text/event-stream", {{"Mcp-Session-Id", session->id().toLatin1()}});
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
    McpSession* session = sessionFor(request, exchange);
    if (!session)
        return;
    endSession(session->id(), QStringLiteral("ended by the client"));
    exchange->respondEmpty(200);
}
