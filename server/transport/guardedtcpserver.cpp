#include "transport/guardedtcpserver.h"

#include "transport/httpstatus.h"
#include "transport/securityheaders.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

#include <limits>

Q_LOGGING_CATEGORY(lcGuard, "finagent.transport.http")

namespace
{

// After we decided to close a connection, how long the peer gets to read our last answer.
constexpr int kLingerMs = 5000;
// Bytes we keep reading (and dropping) after a refusal before we stop being polite.
constexpr qint64 kMaxDiscard = 1024 * 1024;

qint64 nowMs()
{
    static QElapsedTimer t = []() {
        QElapsedTimer e;
        e.start();
        return e;
    }();
    return t.elapsed();
}

QByteArray errorResponse(int status, const QByteArray& reason, const QByteArray& extraHeaders = {})
{
    const QByteArray body = "{\"error\":\"" + HttpStatus::reason(status).toLower().replace(' ', '_')
        + "\",\"message\":\"" + reason + "\"}";
    return HttpStatus::statusLine(status) + SecurityHeaders::raw() + extraHeaders
        + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

GuardedTcpServer::GuardedTcpServer(HttpLimits limits, QObject* parent)
    : QTcpServer(parent)
    , m_limits(limits)
{ }

bool GuardedTcpServer::acceptsPeer(const QHostAddress& peer, const HttpLimits& limits)
{
    if (!limits.loopbackPeersOnly)
        return true;
    if (peer.isLoopback())
        return true;
    // An IPv4 client of a dual-stack socket shows up as ::ffff:a.b.c.d.
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    return isV4 && QHostAddress(v4).isLoopback();
}

qint64 GuardedTcpServer::unsentBytes() const
{
    qint64 n = 0;
    for (const auto& [socket, state] : m_sockets) {
        if (state->connected && socket->state() == QAbstractSocket::ConnectedState)
            n += socket->bytesToWrite();
    }
    return n;
}

int GuardedTcpServer::connectionCount() const
{
    int n = 0;
    for (const auto& [socket, state] : m_sockets) {
        if (state->connected)
            ++n;
    }
    return n;
}

GuardedTcpServer::State* GuardedTcpServer::stateOf(QTcpSocket* socket)
{
    const auto it = m_sockets.find(socket);
    return it == m_sockets.end() ? nullptr : it->second.get();
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    if (!acceptsPeer(peer, m_limits)) {
        qCWarning(lcGuard) << "refused a connection from" << peer.toString()
                           << "(only loopback clients are allowed)";
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (connectionCount() >= m_limits.maxConnections) {
        qCWarning(lcGuard) << "connection cap of" << m_limits.maxConnections
                           << "reached; refusing a connection";
        Q_EMIT rejected(503, QStringLiteral("too many connections"));
        // Never handed to QHttpServer: this socket is ours to close and delete.
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(kLingerMs, socket, [socket]() { socket->abort(); });
        socket->write(errorResponse(503, "too many connections; try again shortly", "Retry-After: 1\r\n"));
        socket->disconnectFromHost();
        return;
    }

    auto state = std::make_unique<State>(m_limits);
    state->timer = new QTimer(socket);
    state->timer->setSingleShot(true);
    connect(state->timer, &QTimer::timeout, this, [this, socket]() { onTimer(socket); });
    m_sockets[socket] = std::move(state);

    // Connected before QHttpServer gets the socket, so this runs before its parser.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { onReadyRead(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket]() {
        if (State* st = stateOf(socket)) {
            st->connected = false;
            st->timer->stop();
        }
    });
    connect(socket, &QObject::destroyed, this, [this, socket]() { m_sockets.erase(socket); });
    armTimer(socket);
    // QHttpServer takes the socket (and connects its own readyRead handler) inside this call.
    addPendingConnection(socket);
    if (hasPendingConnections()) {
        // Whoever takes it later connects after the handler below, and the count of bytes left
        // unread would be taken before they read: the caps would no longer hold.
        qCWarning(lcGuard)
            << "the HTTP server did not take the connection at once; request limits may be wrong";
    }
    // So this one runs after QHttpServer's parser: it learns how much QHttpServer left unread.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { afterHttpServerRead(socket); });
}

void GuardedTcpServer::setBusy(QTcpSocket* socket, bool busy)
{
    if (State* st = stateOf(socket)) {
        st->busy = busy;
        armTimer(socket);
    }
}

int GuardedTcpServer::openResponse(QTcpSocket* socket)
{
    State* st = stateOf(socket);
    if (!st)
        return -1;
    const int slot = st->responses.open();
    armTimer(socket);
    return slot;
}

void GuardedTcpServer::writeResponse(QTcpSocket* socket, int slot, const QByteArray& bytes)
{
    State* st = stateOf(socket);
    if (!st)
        return;
    const QByteArray now = st->responses.write(slot, bytes);
    if (!now.isEmpty() && st->connected)
        socket->write(now);
}

void GuardedTcpServer::finishResponse(QTcpSocket* socket, int slot, bool closeConnection)
{
    State* st = stateOf(socket);
    if (!st)
        return;
    bool closeAfter = false;
    const QByteArray now = st->responses.finish(slot, closeConnection, &closeAfter);
    send(socket, now, closeAfter);
    armTimer(socket);
}

void GuardedTcpServer::send(QTcpSocket* socket, const QByteArray& bytes, bool closeAfter)
{
    State* st = stateOf(socket);
    if (!st)
        return;
    if (!bytes.isEmpty() && st->connected)
        socket->write(bytes);
    if (!closeAfter || !st->connected)
        return;
    // Nothing more is read from this connection; the peer gets a moment to read our answer.
    st->refusing = true;
    st->timer->start(kLingerMs);
    socket->disconnectFromHost(); // may emit disconnected() right here; `st` stays valid
}

void GuardedTcpServer::armTimer(QTcpSocket* socket)
{
    State* st = stateOf(socket);
    if (!st || !st->connected || st->refusing)
        return;
    const bool busy = st->busy || !st->responses.isEmpty();
    qint64 ms = m_limits.idleTimeoutMs;
    switch (st->framer.phase()) {
    case RequestFramer::Phase::Head:
        ms = st->requestStartedMs + m_limits.headerTimeoutMs - nowMs();
        break;
    case RequestFramer::Phase::Body:
        ms = st->headerDoneMs + m_limits.bodyTimeoutMs - nowMs();
        break;
    case RequestFramer::Phase::Idle:
        if (busy) {
            st->timer->stop();
            return;
        }
        break;
    }
    st->timer->start(int(qBound(qint64(1), ms, qint64(std::numeric_limits<int>::max()))));
}

void GuardedTcpServer::onTimer(QTcpSocket* socket)
{
    State* st = stateOf(socket);
    if (!st || !st->connected)
        return;
    if (st->refusing) {
        socket->abort(); // the peer did not read our last answer in time
        return;
    }
    switch (st->framer.phase()) {
    case RequestFramer::Phase::Head:
        refuse(socket, 408, "the request headers did not arrive in time");
        return;
    case RequestFramer::Phase::Body:
        refuse(socket, 408, "the request body did not arrive in time");
        return;
    case RequestFramer::Phase::Idle:
        if (st->busy || !st->responses.isEmpty())
            return;
        qCDebug(lcGuard) << "closing an idle connection";
        send(socket, QByteArray(), true);
        return;
    }
}

void GuardedTcpServer::onReadyRead(QTcpSocket* socket)
{
    State* st = stateOf(socket);
    if (!st)
        return;
    if (st->refusing) {
        // Nothing of this connection may reach QHttpServer any more. Its read transaction keeps
        // what it read buffered until committed, so commit it before dropping the bytes.
        if (socket->isTransactionStarted())
            socket->commitTransaction();
        st->discarded += socket->readAll().size();
        if (st->discarded > kMaxDiscard)
            socket->abort();
        return;
    }
    // QHttpServer reads inside a transaction, and peek() starts where it stopped; what it left
    // unread last time is known, so the bytes new since then are the tail of what we peek.
    const qint64 available = socket->bytesAvailable();
    const qint64 fresh = available - st->unconsumed;
    if (fresh <= 0)
        return;
    const QByteArray bytes = socket->peek(available).mid(available - fresh);

    const RequestFramer::Phase before = st->framer.phase();
    const qint64 completedBefore = st->framer.completedRequests();
    const RequestFramer::Refusal refusal = st->framer.feed(bytes);
    if (refusal) {
        refuse(socket, refusal.status, refusal.reason);
        return;
    }
    const RequestFramer::Phase after = st->framer.phase();
    const bool newRequest =
        st->framer.completedRequests() != completedBefore || before == RequestFramer::Phase::Idle;
    if (after == RequestFramer::Phase::Idle) {
        st->requestStartedMs = -1;
        st->headerDoneMs = -1;
    } else {
        if (newRequest)
            st->requestStartedMs = nowMs();
        if (after == RequestFramer::Phase::Body && (newRequest || before != RequestFramer::Phase::Body))
            st->headerDoneMs = nowMs();
    }
    // Qt 6.4 never answers "Expect: 100-continue"; do it so clients don't stall. Only when no
    // earlier response is still owed, or the interim answer would jump the queue.
    if (st->framer.takeContinue() && st->responses.isEmpty())
        socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    armTimer(socket);
}

void GuardedTcpServer::afterHttpServerRead(QTcpSocket* socket)
{
    if (State* st = stateOf(socket))
        st->unconsumed = st->refusing ? 0 : socket->bytesAvailable();
}

void GuardedTcpServer::refuse(QTcpSocket* socket, int status, const QByteArray& reason)
{
    State* st = stateOf(socket);
    if (!st || st->refusing)
        return;
    st->refusing = true;
    st->timer->stop();
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->readAll(); // nothing of this request may reach QHttpServer
    st->unconsumed = 0;
    qCWarning(lcGuard).noquote() << "refused a request with" << status << ":" << QString::fromLatin1(reason);
    // The refusal is the last answer on this connection, after any the client is still owed.
    const int slot = st->responses.open();
    const QByteArray now = st->responses.write(slot, errorResponse(status, reason));
    if (!now.isEmpty() && st->connected)
        socket->write(now);
    bool closeAfter = false;
    const QByteArray rest = st->responses.finish(slot, true, &closeAfter);
    if (!rest.isEmpty() && st->connected)
        socket->write(rest);
    if (closeAfter && st->connected) {
        st->timer->start(kLingerMs);
        socket->disconnectFromHost();
    }
    Q_EMIT rejected(status, QString::fromLatin1(reason));
}
