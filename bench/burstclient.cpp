#include "burstclient.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace
{

// A header's value from a raw header block (case-insensitive name), or empty.
QByteArray headerValue(const QByteArray& headers, const QByteArray& name)
{
    const QByteArray wanted = name.toLower() + ':';
    for (const QByteArray& line : headers.split('\n')) {
        if (line.toLower().startsWith(wanted))
            return line.mid(wanted.size()).trimmed();
    }
    return {};
}

} // namespace

BurstClient::BurstClient(int index, Config config, QObject* parent)
    : QObject(parent)
    , m_index(index)
    , m_config(std::move(config))
{
    m_latenciesMs.reserve(size_t(qMax(0, m_config.calls)));
    connect(&m_socket, &QTcpSocket::readyRead, this, &BurstClient::onReadyRead);
    connect(&m_socket, &QTcpSocket::connected, this, [this]() {
        if (!m_config.openSession) {
            m_stage = Stage::Idle;
            reportOpened();
            return;
        }
        m_stage = Stage::Initialize;
        const QByteArray init =
            QByteArrayLiteral(R"({"jsonrpc":"2.0","id":"init","method":"initialize","params":)")
            + R"({"protocolVersion":")" + m_config.protocolVersion
            + R"(","capabilities":{},"clientInfo":{"name":"finagent-bench-burst","version":"1.0.0"}}})";
        send(init, false);
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_stage != Stage::Done)
            fail(QStringLiteral("client %1: connection error: %2").arg(m_index).arg(m_socket.errorString()));
    });
}

void BurstClient::open()
{
    m_socket.connectToHost(m_config.host, m_config.port);
}

void BurstClient::run()
{
    if (m_stage != Stage::Idle) {
        Q_EMIT finished();
        return;
    }
    m_stage = Stage::Calling;
    sendNextCall();
}

void BurstClient::send(const QByteArray& body, bool withSession)
{
    QByteArray request = "POST " + m_config.path + " HTTP/1.1\r\nHost: " + m_config.host.toLatin1() + ':'
        + QByteArray::number(m_config.port)
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n";
    if (!m_config.token.isEmpty())
        request += "Authorization: Bearer " + m_config.token + "\r\n";
    if (withSession && m_config.openSession)
        request += "Mcp-Session-Id: " + m_sessionId + "\r\nMCP-Protocol-Version: " + m_config.protocolVersion
            + "\r\n";
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    m_socket.write(request);
}

void BurstClient::onReadyRead()
{
    m_buffer += m_socket.readAll();
    for (;;) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray headers = m_buffer.left(end);
        const QByteArray statusLine = headers.left(headers.indexOf("\r\n"));
        const QList<QByteArray> parts = statusLine.split(' ');
        const int status = parts.size() >= 2 ? parts.at(1).toInt() : 0;
        const QByteArray lengthText = headerValue(headers, "content-length");
        if (lengthText.isEmpty()) {
            fail(QStringLiteral("client %1: answer without Content-Length (status %2, Content-Type %3)")
                     .arg(m_index)
                     .arg(status)
                     .arg(QString::fromLatin1(headerValue(headers, "content-type"))));
            return;
        }
        const qsizetype length = lengthText.toLongLong();
        if (m_buffer.size() < end + 4 + length)
            return;
        const QByteArray body = m_buffer.mid(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        onAnswer(status, headers, body);
        if (m_stage == Stage::Done)
            return;
    }
}

void BurstClient::onAnswer(int status, const QByteArray& headers, const QByteArray& body)
{
    switch (m_stage) {
    case Stage::Initialize:
        m_sessionId = headerValue(headers, "mcp-session-id");
        if (status != 200 || m_sessionId.isEmpty()) {
            fail(QStringLiteral("client %1: initialize answered %2 without a session: %3")
                     .arg(m_index)
                     .arg(status)
                     .arg(QString::fromUtf8(body.left(300))));
            return;
        }
        m_stage = Stage::Initialized;
        send(QByteArrayLiteral(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"), true);
        return;
    case Stage::Initialized:
        if (status != 202) {
            fail(QStringLiteral("client %1: notifications/initialized answered %2").arg(m_index).arg(status));
            return;
        }
        m_stage = Stage::Idle;
        reportOpened();
        return;
    case Stage::Calling: {
        m_latenciesMs.push_back(double(m_callTimer.nsecsElapsed()) / 1.0e6);
        const QJsonObject answer = QJsonDocument::fromJson(body).object();
        const QJsonObject result = answer.value(QStringLiteral("result")).toObject();
        if (status == 200 && !result.isEmpty() && !result.value(QStringLiteral("isError")).toBool()) {
            ++m_ok;
        } else {
            ++m_failed;
            if (m_firstFailure.isEmpty())
                m_firstFailure = QStringLiteral("client %1: status %2: %3")
                                     .arg(m_index)
                                     .arg(status)
                                     .arg(QString::fromUtf8(body.left(300)));
        }
        sendNextCall();
        return;
    }
    case Stage::Connecting:
    case Stage::Idle:
    case Stage::Done:
        fail(QStringLiteral("client %1: unexpected answer (status %2)").arg(m_index).arg(status));
        return;
    }
}

void BurstClient::sendNextCall()
{
    if (m_sent >= m_config.calls) {
        m_stage = Stage::Done;
        m_socket.disconnectFromHost();
        Q_EMIT finished();
        return;
    }
    const QByteArray id = QByteArray::number(m_index * 1000000 + m_sent);
    ++m_sent;
    QByteArray body = m_config.callBody;
    body.replace("@ID@", id);
    m_callTimer.start();
    send(body, true);
}

void BurstClient::fail(const QString& why)
{
    const Stage was = m_stage;
    m_stage = Stage::Done;
    if (m_firstFailure.isEmpty())
        m_firstFailure = why;
    m_failed += qMax(0, m_config.calls - m_sent + (was == Stage::Calling ? 1 : 0));
    m_socket.abort();
    if (was == Stage::Calling)
        Q_EMIT finished();
    else
        reportOpened(); // the driver counts it as ready and sees the failure in its totals
}

void BurstClient::reportOpened()
{
    if (m_openReported)
        return;
    m_openReported = true;
    Q_EMIT opened();
}
