#include "httptesting.h"

#include "protocol/mcpcall.h"
#include "protocol/toolresult.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimer>

QByteArray HttpResponse::header(const QByteArray& name) const
{
    for (const auto& [k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

int HttpResponse::headerCount(const QByteArray& name) const
{
    int n = 0;
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            ++n;
    }
    return n;
}

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

qsizetype parseHttpResponse(const QByteArray& data, HttpResponse* out)
{
    *out = HttpResponse();
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    const QList<QByteArray> lines = data.left(headEnd).split('\n');
    const QList<QByteArray> statusParts = lines.first().trimmed().split(' ');
    if (statusParts.size() < 2)
        return 0;
    out->status = statusParts.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            out->headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    qsizetype pos = headEnd + 4;
    if (out->status >= 100 && out->status < 200) {
        out->complete = true;
        return pos;
    }
    if (out->header("transfer-encoding").toLower() == "chunked") {
        out->chunked = true;
        for (;;) {
            const qsizetype lineEnd = data.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return 0;
            bool ok = false;
            const qsizetype size = data.mid(pos, lineEnd - pos).trimmed().toLongLong(&ok, 16);
            if (!ok)
                return 0;
            if (size == 0) {
                if (data.size() < lineEnd + 4)
                    return 0;
                out->complete = true;
                return lineEnd + 4;
            }
            if (data.size() < lineEnd + 2 + size + 2) {
                // Part of a chunk: show what came so far.
                out->body += data.mid(lineEnd + 2, size);
                return 0;
            }
            out->body += data.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
    }
    const qsizetype length = out->header("content-length").toLongLong();
    if (data.size() < pos + length) {
        out->body = data.mid(pos);
        return 0;
    }
    out->body = data.mid(pos, length);
    out->complete = true;
    return pos + length;
}

QJsonObject SseEvent::json() const
{
    return QJsonDocument::fromJson(data).object();
}

QList<SseEvent> parseSse(const QByteArray& body)
{
    QList<SseEvent> out;
    const QList<QByteArray> blocks = body.split('\n');
    SseEvent current;
    bool any = false;
    for (const QByteArray& line : blocks) {
        if (line.isEmpty()) {
            if (any)
                out << current;
            current = SseEvent();
            any = false;
            continue;
        }
        any = true;
        if (line.startsWith(':')) {
            current.comment = line.mid(1).trimmed();
        } else if (line.startsWith("id:")) {
            current.id = line.mid(3).trimmed();
            current.hasId = true;
        } else if (line.startsWith("event:")) {
            current.event = line.mid(6).trimmed();
        } else if (line.startsWith("data:")) {
            if (!current.data.isEmpty())
                current.data += '\n';
            current.data += line.mid(5).trimmed();
        }
    }
    return out;
}

RawClient::RawClient(quint16 port)
    : m_port(port)
{ }

bool RawClient::connectToServer(int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, m_port);
    return QTest::qWaitFor(
        [this]() { return m_socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs);
}

void RawClient::send(const QByteArray& bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

void RawClient::pull()
{
    m_buffer += m_socket.readAll();
}

bool RawClient::waitForResponse(HttpResponse* out, int timeoutMs)
{
    return QTest::qWaitFor(
        [&]() {
            pull();
            const qsizetype used = parseHttpResponse(m_buffer, out);
            if (used == 0)
                return false;
            m_buffer.remove(0, used);
            return true;
        },
        timeoutMs);
}

bool RawClient::waitForPartial(
    HttpResponse* out, const std::function<bool(const HttpResponse&)>& done, int timeoutMs)
{
    return QTest::qWaitFor(
        [&]() {
            pull();
            parseHttpResponse(m_buffer, out);
            return out->status != 0 && done(*out);
        },
        timeoutMs);
}

bool RawClient::waitForRaw(const std::function<bool(const QByteArray&)>& done, int timeoutMs)
{
    return QTest::qWaitFor(
        [&]() {
            pull();
            return done(m_buffer);
        },
        timeoutMs);
}

bool RawClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor(
        [this]() {
            pull();
            return m_socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
}

bool RawClient::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

QByteArray rawRequest(const QByteArray& method, const QByteArray& path, quint16 port,
    const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& body)
{
    QByteArray out =
        method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    for (const auto& [k, v] : headers)
        out += k + ": " + v + "\r\n";
    if (!body.isEmpty())
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

HttpLimits TestServer::smallLimits()
{
    HttpLimits l;
    l.maxHeaderBytes = 16 * 1024;
    l.maxBodyBytes = 64 * 1024;
    l.maxConnections = 8;
    l.headerTimeoutMs = 400;
    l.bodyTimeoutMs = 400;
    l.idleTimeoutMs = 600;
    return l;
}

TestServer::TestServer(HttpLimits limits, McpHttpService::Config service, AccessPolicy::Config access)
{
    m_registry = new McpRegistry;
    m_server = new McpServer(ServerIdentity {}, m_registry);

    ToolDefinition echo;
    echo.name = QStringLiteral("echo");
    echo.inputSchema = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}};
    echo.handler = [](McpCall* call, const QJsonObject& arguments) {
        call->replyTool(ToolResult::structured(QJsonObject {{QStringLiteral("echo"), arguments}}));
    };
    m_registry->tools().add(echo);

    ToolDefinition slow;
    slow.name = QStringLiteral("slow");
    slow.inputSchema = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}};
    slow.handler = [this](McpCall* call, const QJsonObject&) {
        slowCalls << QPointer<McpCall>(call);
        lastSlowContext = new QObject(call);
    };
    m_registry->tools().add(slow);

    ToolDefinition progress;
    progress.name = QStringLiteral("progress");
    progress.inputSchema = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}};
    progress.handler = [](McpCall* call, const QJsonObject&) {
        call->sendProgress(1, 2, QStringLiteral("half way"));
        call->sendLog(LogLevel::Info, QStringLiteral("test"), QStringLiteral("working"));
        QTimer::singleShot(0, call, [call]() {
            call->sendProgress(2, 2);
            call->replyTool(ToolResult::structured(QJsonObject {{QStringLiteral("done"), true}}));
        });
    };
    m_registry->tools().add(progress);

    ToolDefinition ask;
    ask.name = QStringLiteral("ask");
    ask.inputSchema = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}};
    ask.handler = [](McpCall* call, const QJsonObject&) {
        call->sendRequest(
            QStringLiteral("sampling/createMessage"), QJsonObject {{QStringLiteral("maxTokens"), 3}},
            [call](Result<QJsonObject> r) {
                if (!r)
                    call->replyTool(ToolResult::failure(r.error()));
                else
                    call->replyTool(ToolResult::structured(r.value()));
            },
            QStringLiteral("sampling"));
    };
    m_registry->tools().add(ask);

    ResourceDefinition watched;
    watched.uri = QStringLiteral("test://watched");
    watched.name = QStringLiteral("watched");
    watched.reader = [](McpCall* call, const QString& uri) {
        call->reply(ResourceRegistry::textContents(uri, QStringLiteral("text/plain"), QStringLiteral("v1")));
    };
    m_registry->resources().addResource(watched);

    HttpEndpoint::Config config;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.limits = limits;
    config.access = access;
    m_endpoint = new HttpEndpoint(config);
    m_endpoint->setTokenVerifier(std::make_shared<StaticTokenVerifier>(token()));
    m_service = new McpHttpService(*m_server, *m_endpoint, service);
    HttpEndpoint::RouteOptions publicRoute;
    publicRoute.requiresAuth = false;
    m_endpoint->addRoute(
        QStringLiteral("/public"), {"GET"},
        [](const HttpRequest&, std::shared_ptr<HttpExchange> ex) {
            ex->respondJson(200, QJsonObject {{QStringLiteral("ok"), true}});
        },
        publicRoute);
    const Result<quint16> port = m_endpoint->listen();
    m_port = port ? port.value() : 0;
}

TestServer::~TestServer()
{
    delete m_service;
    delete m_endpoint;
    delete m_server;
    delete m_registry;
}

QByteArray TestServer::host() const
{
    return "127.0.0.1:" + QByteArray::number(m_port);
}

QByteArray TestServer::origin() const
{
    return "http://127.0.0.1:" + QByteArray::number(m_port);
}

QUrl TestServer::mcpUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(m_port));
}

bool hasSecurityHeaders(const HttpResponse& r, QByteArray* missing)
{
    const QList<QPair<QByteArray, QByteArray>> expected {
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
        {"Referrer-Policy", "no-referrer"},
        {"Cache-Control", "no-store"},
    };
    for (const auto& [name, value] : expected) {
        if (r.header(name) != value || r.headerCount(name) != 1) {
            if (missing)
                *missing = name;
            return false;
        }
    }
    return true;
}
