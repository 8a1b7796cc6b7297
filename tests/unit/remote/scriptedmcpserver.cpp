#include "scriptedmcpserver.h"

#include <QJsonDocument>

namespace
{

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 502:
        return "Bad Gateway";
    default:
        return "Status";
    }
}

} // namespace

ScriptedMcpServer::Responder::Responder(QTcpSocket* socket, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
{ }

bool ScriptedMcpServer::Responder::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void ScriptedMcpServer::Responder::respond(int status, const QByteArray& contentType, const QByteArray& body,
    const QList<QPair<QByteArray, QByteArray>>& headers)
{
    if (!m_socket)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    for (const auto& h : headers)
        head += h.first + ": " + h.second + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    m_socket->write(head + body);
}

void ScriptedMcpServer::Responder::respondJson(
    const QJsonObject& message, const QList<QPair<QByteArray, QByteArray>>& headers)
{
    respond(200, "application/json", QJsonDocument(message).toJson(QJsonDocument::Compact), headers);
}

void ScriptedMcpServer::Responder::beginStream(const QList<QPair<QByteArray, QByteArray>>& headers)
{
    if (!m_socket)
        return;
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                      "Transfer-Encoding: chunked\r\n";
    for (const auto& h : headers)
        head += h.first + ": " + h.second + "\r\n";
    m_socket->write(head + "\r\n");
    m_streaming = true;
}

void ScriptedMcpServer::Responder::writeRaw(const QByteArray& bytes)
{
    if (m_socket && m_streaming && !bytes.isEmpty())
        m_socket->write(QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n");
}

void ScriptedMcpServer::Responder::sendEvent(const QJsonObject& message, qint64 id)
{
    QByteArray event;
    if (id >= 0)
        event += "id: " + QByteArray::number(id) + "\n";
    event += "event: message\ndata: " + QJsonDocument(message).toJson(QJsonDocument::Compact) + "\n\n";
    writeRaw(event);
}

void ScriptedMcpServer::Responder::endStream()
{
    if (m_socket && m_streaming)
        m_socket->write("0\r\n\r\n");
    m_streaming = false;
}

ScriptedMcpServer::ScriptedMcpServer(QObject* parent)
    : QObject(parent)
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedMcpServer::onConnection);
}

ScriptedMcpServer::~ScriptedMcpServer()
{
    const auto sockets = m_buffers.keys();
    for (QTcpSocket* s : sockets) {
        s->disconnect(this);
        s->abort();
    }
}

QString ScriptedMcpServer::url() const
{
    return QStringLiteral("http://127.0.0.1:%1/mcp").arg(port());
}

void ScriptedMcpServer::stop()
{
    m_server.close();
    const auto sockets = m_buffers.keys();
    for (QTcpSocket* s : sockets)
        s->abort();
}

QList<ScriptedMcpServer::Request> ScriptedMcpServer::requestsFor(const QString& rpcMethod) const
{
    QList<Request> out;
    for (const Request& r : m_requests) {
        if (r.rpcMethod() == rpcMethod)
            out.append(r);
    }
    return out;
}

QJsonObject ScriptedMcpServer::result(const QJsonValue& id, const QJsonObject& result)
{
    return QJsonObject {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("id"), id},
        {QStringLiteral("result"), result}};
}

void ScriptedMcpServer::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { onData(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket]() {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void ScriptedMcpServer::onData(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        Request request;
        request.method = lines.first().split(' ').value(0).trimmed();
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            request.headers.insert(name, line.mid(colon + 1).trimmed());
            if (name == "content-length")
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        request.message = QJsonDocument::fromJson(request.body).object();
        dispatch(socket, request);
    }
}

void ScriptedMcpServer::dispatch(QTcpSocket* socket, Request request)
{
    m_requests.append(request);
    Q_EMIT requestReceived(request);
    auto* responder = new Responder(socket, socket);
    if (!m_token.isEmpty() && request.header("authorization") != "Bearer " + m_token) {
        responder->respond(401, "application/json", R"({"error":"unauthorized","message":"Invalid token"})",
            {{"WWW-Authenticate", "Bearer realm=\"test\""}});
        return;
    }
    const QJsonValue id = request.message.value(QStringLiteral("id"));
    if (request.method == "POST" && request.rpcMethod() == QLatin1String("initialize")
        && !m_handlers.contains(QStringLiteral("initialize"))) {
        const QByteArray session = "session-" + QByteArray::number(m_nextSession++);
        m_sessions.insert(session);
        const QJsonObject init {{QStringLiteral("protocolVersion"), m_version},
            {QStringLiteral("capabilities"),
                QJsonObject {{QStringLiteral("tools"), QJsonObject {{QStringLiteral("listChanged"), true}}},
                    {QStringLiteral("logging"), QJsonObject {}}}},
            {QStringLiteral("serverInfo"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("scripted")},
                    {QStringLiteral("version"), QStringLiteral("1.0")}}},
            {QStringLiteral("instructions"), QStringLiteral("Scripted server for tests")}};
        responder->respondJson(result(id, init), {{"Mcp-Session-Id", session}});
        return;
    }
    const QByteArray session = request.header("mcp-session-id");
    if (!m_sessions.contains(session) && request.rpcMethod() != QLatin1String("initialize")) {
        responder->respond(m_unknownSessionStatus, "application/json",
            R"({"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"Session not found"}})");
        return;
    }
    if (request.method == "GET") {
        if (m_getHandler)
            m_getHandler(request, responder);
        else
            responder->respond(405, QByteArray(), QByteArray(), {{"Allow", "POST"}});
        return;
    }
    if (request.method == "DELETE") {
        m_sessions.remove(session);
        responder->respond(200, QByteArray(), QByteArray());
        return;
    }
    if (!request.message.contains(QStringLiteral("id"))
        || !request.message.contains(QStringLiteral("method"))) {
        responder->respond(202, QByteArray(), QByteArray()); // notifications and responses
        return;
    }
    const auto handler = m_handlers.constFind(request.rpcMethod());
    if (handler != m_handlers.constEnd()) {
        handler.value()(request, responder);
        return;
    }
    responder->respondJson(
        QJsonObject {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("id"), id},
            {QStringLiteral("error"),
                QJsonObject {{QStringLiteral("code"), -32601},
                    {QStringLiteral("message"), QStringLiteral("Method not found")}}}});
}
