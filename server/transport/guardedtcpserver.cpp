#include "transport/guardedtcpserver.h"

#include "transport/securityheaders.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

Q_LOGGING_CATEGORY(lcGuard, "finagent.transport.http")

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

// Header value from a raw header block, case-insensitive; empty if absent.
QByteArray headerValue(const QByteArray& block, const QByteArray& nameLower)
{
    qsizetype pos = block.indexOf("\r\n");
    while (pos >= 0 && pos < block.size()) {
        const qsizetype next = block.indexOf("\r\n", pos + 2);
        const QByteArray line = block.mid(pos + 2, (next < 0 ? block.size() : next) - pos - 2);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == nameLower)
            return line.mid(colon + 1).trimmed();
        if (next < 0)
            break;
        pos = next;
    }
    return {};
}

qint64 nowMs()
{
    static QElapsedTimer t = []() {
        QElapsedTimer e;
        e.start();
        return e;
    }();
    return t.elapsed();
}

} // namespace

GuardedTcpServer::GuardedTcpServer(HttpLimits limits, QObject* parent)
    : QTcpServer(parent)
    , m_limits(limits)
{
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    if (m_limits.loopbackPeersOnly && !peer.isLoopback()) {
        qCWarning(lcGuard) << "refused a connection from" << peer.toString() << "(only loopback clients are allowed)";
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (m_sockets.size() >= m_limits.maxConnections) {
        qCWarning(lcGuard) << "connection cap of" << m_limits.maxConnections << "reached; refusing a connection";
        Q_EMIT rejected(503, QStringLiteral("too many connections"));
        socket->write(QByteArray("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n")
                      + SecurityHeaders::raw() + "Content-Length: 0\r\n\r\n");
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }

    State state;
    state.timer = new QTimer(socket);
    state.timer->setSingleShot(true);
    connect(state.timer, &QTimer::timeout, this, [this, socket]() { onTimer(socket); });
    m_sockets.insert(socket, state);

    // Connected before QHttpServer gets the socket, so this runs before its parser.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { onReadyRead(socket); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket]() { armIdle(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket]() { m_sockets.remove(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket]() { m_sockets.remove(socket); });
    armIdle(socket);
    addPendingConnection(socket);
}

void GuardedTcpServer::setBusy(QTcpSocket* socket, bool busy)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end())
        return;
    it->busy = busy;
    armIdle(socket);
}

void GuardedTcpServer::armIdle(QTcpSocket* socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end())
        return;
    if (it->busy) {
        it->timer->stop();
        return;
    }
    int ms = m_limits.idleTimeoutMs;
    if (it->requestStartedMs >= 0) {
        const qint64 deadline = it->requestStartedMs + m_limits.headerTimeoutMs
                                + (it->headerComplete ? m_limits.bodyTimeoutMs : 0);
        ms = int(qBound(qint64(1), deadline - nowMs(), qint64(m_limits.idleTimeoutMs)));
    }
    it->timer->start(ms);
}

void GuardedTcpServer::onTimer(QTcpSocket* socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end() || it->busy)
        return;
    if (it->requestStartedMs >= 0 && socket->bytesAvailable() > 0) {
        refuse(socket, 408, "the request did not arrive in time");
        return;
    }
    qCDebug(lcGuard) << "closing an idle connection";
    socket->disconnectFromHost();
}

void GuardedTcpServer::onReadyRead(QTcpSocket* socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end())
        return;
    if (it->refusing) {
        socket->readAll();
        return;
    }
    // QHttpServer leaves an incomplete request in the socket buffer, so what we peek starts at the
    // current request.
    const qint64 available = socket->bytesAvailable();
    if (available == 0) {
        it->requestStartedMs = -1;
        armIdle(socket);
        return;
    }
    if (it->requestStartedMs < 0) {
        it->requestStartedMs = nowMs();
        it->continueSent = false;
        it->headerComplete = false;
    }
    const QByteArray head = socket->peek(qMin<qint64>(available, m_limits.maxHeaderBytes + 4));
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() > m_limits.maxHeaderBytes) {
            refuse(socket, 431, "the request headers are larger than " + QByteArray::number(m_limits.maxHeaderBytes) + " bytes");
            return;
        }
        if (nowMs() - it->requestStartedMs > m_limits.headerTimeoutMs) {
            refuse(socket, 408, "the request headers did not arrive in time");
            return;
        }
        armIdle(socket);
        return;
    }
    it->headerComplete = true;
    const QByteArray block = head.left(end);
    if (!headerValue(block, "transfer-encoding").isEmpty()) {
        refuse(socket, 411, "chunked request bodies are not accepted; send Content-Length");
        return;
    }
    const QByteArray lengthText = headerValue(block, "content-length");
    qint64 length = 0;
    if (!lengthText.isEmpty()) {
        bool ok = false;
        length = lengthText.toLongLong(&ok);
        if (!ok || length < 0) {
            refuse(socket, 400, "invalid Content-Length");
            return;
        }
    }
    if (length > m_limits.maxBodyBytes) {
        refuse(socket,
               413,
               "the request body is " + QByteArray::number(length) + " bytes; the limit is "
                   + QByteArray::number(m_limits.maxBodyBytes));
        return;
    }
    const qint64 total = end + 4 + length;
    if (available < total) {
        // Qt 6.4 never answers "Expect: 100-continue"; do it so clients don't stall.
        if (!it->continueSent && headerValue(block, "expect").toLower() == "100-continue") {
            it->continueSent = true;
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        armIdle(socket);
        return;
    }
    // The request is complete; QHttpServer handles it next. A pipelined follow-up is checked on the
    // next readyRead, which QHttpServer triggers when bytes remain.
    it->requestStartedMs = -1;
    armIdle(socket);
}

void GuardedTcpServer::refuse(QTcpSocket* socket, int status, const QByteArray& reason)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end())
        return;
    it->refusing = true;
    it->timer->stop();
    qCWarning(lcGuard).noquote() << "refused a request with" << status << ":" << QString::fromLatin1(reason);
    Q_EMIT rejected(status, QString::fromLatin1(reason));
    socket->readAll(); // nothing of this request may reach QHttpServer
    const QByteArray body = "{\"error\":\"" + reasonPhrase(status).toLower().replace(' ', '_') + "\",\"message\":\""
                            + reason + "\"}";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n"
                  + SecurityHeaders::raw() + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
}
