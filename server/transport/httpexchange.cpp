#include "transport/httpexchange.h"

#include "transport/guardedtcpserver.h"
#include "transport/securityheaders.h"

#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QTcpSocket>

QByteArray HttpRequest::header(const QByteArray& name) const
{
    for (const auto& [k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

HttpExchange::HttpExchange(QHttpServerResponder&& responder, GuardedTcpServer* guard, HeaderList commonHeaders)
    : m_responder(std::make_unique<QHttpServerResponder>(std::move(responder)))
    , m_guard(guard)
    , m_common(std::move(commonHeaders))
{
    m_socket = m_responder->socket();
}

HttpExchange::~HttpExchange()
{
    if (m_streaming)
        endStream();
    if (!m_answered && isOpen())
        respondError(500, QStringLiteral("internal_error"), QStringLiteral("The request ended without an answer"));
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

void HttpExchange::writeHead(int status, const HeaderList& headers)
{
    m_status = status;
    m_responder->writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    for (const auto& [k, v] : SecurityHeaders::list())
        m_responder->writeHeader(k, v);
    for (const auto& [k, v] : m_common)
        m_responder->writeHeader(k, v);
    for (const auto& [k, v] : headers)
        m_responder->writeHeader(k, v);
}

void HttpExchange::respond(int status, const QByteArray& contentType, const QByteArray& body, const HeaderList& extra)
{
    if (m_answered)
        return;
    m_answered = true;
    setBusy(false);
    if (!isOpen())
        return;
    HeaderList headers = extra;
    if (!contentType.isEmpty())
        headers.append(qMakePair(QByteArray("Content-Type"), contentType));
    headers.append(qMakePair(QByteArray("Content-Length"), QByteArray::number(body.size())));
    writeHead(status, headers);
    m_responder->writeBody(body);
}

void HttpExchange::respondJson(int status, const QJsonObject& body, const HeaderList& extra)
{
    respond(status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), extra);
}

void HttpExchange::respondEmpty(int status, const HeaderList& extra)
{
    respond(status, QByteArray(), QByteArray(), extra);
}

void HttpExchange::respondError(int status, const QString& code, const QString& message, const HeaderList& extra)
{
    respondJson(status, QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}}, extra);
}

void HttpExchange::beginStream(int status, const QByteArray& contentType, const HeaderList& extra)
{
    if (m_answered)
        return;
    m_answered = true;
    m_streaming = true;
    setBusy(true);
    if (!isOpen())
        return;
    HeaderList headers = extra;
    headers.append(qMakePair(QByteArray("Content-Type"), contentType));
    headers.append(qMakePair(QByteArray("Transfer-Encoding"), QByteArray("chunked")));
    headers.append(qMakePair(QByteArray("X-Accel-Buffering"), QByteArray("no")));
    writeHead(status, headers);
    m_responder->writeBody(QByteArray()); // ends the header block
}

void HttpExchange::writeChunk(const QByteArray& data)
{
    if (!m_streaming || data.isEmpty() || !isOpen())
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpExchange::endStream()
{
    if (!m_streaming)
        return;
    m_streaming = false;
    if (isOpen())
        m_socket->write("0\r\n\r\n");
    setBusy(false);
}
