#include "transport/httpexchange.h"

#include "transport/guardedtcpserver.h"
#include "transport/httpstatus.h"
#include "transport/securityheaders.h"

#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QTcpSocket>

#include <utility>

QByteArray HttpRequest::header(const QByteArray& name) const
{
    for (const auto& [k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

HttpExchange::HttpExchange(
    QHttpServerResponder&& responder, GuardedTcpServer* guard, HeaderList commonHeaders)
    : m_responder(std::make_unique<QHttpServerResponder>(std::move(responder)))
    , m_socket(m_responder->socket())
    , m_guard(guard)
    , m_common(std::move(commonHeaders))
{
    if (m_guard && m_socket)
        m_slot = m_guard->openResponse(m_socket);
}

HttpExchange::HttpExchange(QTcpSocket* socket, GuardedTcpServer* guard, HeaderList commonHeaders)
    : m_socket(socket)
    , m_guard(guard)
    , m_common(std::move(commonHeaders))
{
    if (m_guard && m_socket)
        m_slot = m_guard->openResponse(m_socket);
}

HttpExchange::~HttpExchange()
{
    if (m_streaming)
        endStream();
    if (!m_answered)
        respondError(
            500, QStringLiteral("internal_error"), QStringLiteral("The request ended without an answer"));
    finish(); // also frees the connection's response order when nothing was written
    setBusy(false);
}

bool HttpExchange::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

QTcpSocket* HttpExchange::socket() const
{
    return m_socket.data();
}

void HttpExchange::setBusy(bool busy)
{
    if (m_guard && m_socket)
        m_guard->setBusy(m_socket, busy);
}

void HttpExchange::write(const QByteArray& bytes)
{
    if (!m_socket || m_finished)
        return;
    if (m_guard && m_slot >= 0)
        m_guard->writeResponse(m_socket, m_slot, bytes);
    else if (isOpen())
        m_socket->write(bytes);
}

void HttpExchange::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (!m_socket)
        return;
    if (m_guard && m_slot >= 0)
        m_guard->finishResponse(m_socket, m_slot, m_close);
    else if (m_close && isOpen())
        m_socket->disconnectFromHost();
}

void HttpExchange::answered(int status)
{
    m_answered = true;
    m_status = status;
    if (auto callback = std::exchange(m_onAnswered, {}))
        callback(status);
}

QByteArray HttpExchange::head(int status, const HeaderList& headers) const
{
    QByteArray out = HttpStatus::statusLine(status);
    // A route may replace a default security header (the sandbox payment page sets its own
    // Content-Security-Policy): two CSP headers would both be enforced, so the default goes.
    const auto overridden = [&](const QByteArray& name) {
        for (const auto& [k, v] : headers) {
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        for (const auto& [k, v] : m_common) {
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    };
    bool anyOverridden = false;
    for (const auto& [name, value] : SecurityHeaders::list())
        anyOverridden = anyOverridden || overridden(name);
    if (!anyOverridden) {
        out += SecurityHeaders::raw();
    } else {
        for (const auto& [name, value] : SecurityHeaders::list()) {
            if (!overridden(name))
                out += name + ": " + value + "\r\n";
        }
    }
    for (const auto& [k, v] : m_common)
        out += k + ": " + v + "\r\n";
    for (const auto& [k, v] : headers)
        out += k + ": " + v + "\r\n";
    if (m_close)
        out += "Connection: close\r\n";
    return out + "\r\n";
}

void HttpExchange::respond(
    int status, const QByteArray& contentType, const QByteArray& body, const HeaderList& extra)
{
    if (m_answered)
        return;
    answered(status);
    HeaderList headers = extra;
    if (!contentType.isEmpty())
        headers.append(qMakePair(QByteArray("Content-Type"), contentType));
    headers.append(qMakePair(QByteArray("Content-Length"), QByteArray::number(body.size())));
    write(head(status, headers) + (m_head ? QByteArray() : body));
    finish();
    setBusy(false);
}

void HttpExchange::respondJson(int status, const QJsonObject& body, const HeaderList& extra)
{
    respond(status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), extra);
}

void HttpExchange::respondEmpty(int status, const HeaderList& extra)
{
    respond(status, QByteArray(), QByteArray(), extra);
}

void HttpExchange::respondError(
    int status, const QString& code, const QString& message, const HeaderList& extra)
{
    respondJson(
        status, QJsonObject {{QStringLiteral("error"), code}, {QStringLiteral("message"), message}}, extra);
}

void HttpExchange::beginStream(int status, const QByteArray& contentType, const HeaderList& extra)
{
    if (m_answered)
        return;
    answered(status);
    m_streaming = true;
    setBusy(true);
    HeaderList headers = extra;
    headers.append(qMakePair(QByteArray("Content-Type"), contentType));
    headers.append(qMakePair(QByteArray("Transfer-Encoding"), QByteArray("chunked")));
    headers.append(qMakePair(QByteArray("X-Accel-Buffering"), QByteArray("no")));
    write(head(status, headers));
}

void HttpExchange::writeChunk(const QByteArray& data)
{
    if (!m_streaming || data.isEmpty() || m_head)
        return;
    write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpExchange::endStream()
{
    if (!m_streaming)
        return;
    m_streaming = false;
    if (!m_head)
        write("0\r\n\r\n");
    finish();
    setBusy(false);
}
