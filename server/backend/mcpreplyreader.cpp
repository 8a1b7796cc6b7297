#include "backend/mcpreplyreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace
{
constexpr qsizetype kMaxBodyBytes = 64 * 1024 * 1024;
}

McpReplyReader::McpReplyReader(QNetworkReply* reply, QObject* parent)
    : QObject(parent)
    , m_reply(reply)
{
    reply->setParent(this);
    connect(reply, &QNetworkReply::metaDataChanged, this, &McpReplyReader::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &McpReplyReader::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &McpReplyReader::onFinished);
}

McpReplyReader::~McpReplyReader()
{
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
    }
}

int McpReplyReader::httpStatus() const
{
    return m_status;
}

QString McpReplyReader::reasonPhrase() const
{
    return m_reason;
}

QByteArray McpReplyReader::header(const QByteArray& name) const
{
    return m_reply ? m_reply->rawHeader(name) : QByteArray();
}

QString McpReplyReader::serverMessage() const
{
    QJsonParseError err {};
    const QJsonDocument doc = QJsonDocument::fromJson(m_body, &err);
    QString message;
    if (err.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonValue e = o.value(QStringLiteral("error"));
        if (e.isObject())
            message = e.toObject().value(QStringLiteral("message")).toString();
        if (message.isEmpty())
            message = o.value(QStringLiteral("message")).toString();
    } else if (!m_eventStream && !m_body.trimmed().startsWith('<')) {
        message = QString::fromUtf8(m_body.left(300)).simplified(); // plain text, not an HTML error page
    }
    if (message.size() > 300)
        message = message.left(297) + QStringLiteral("...");
    return message;
}

void McpReplyReader::abort()
{
    m_aborted = true;
    if (m_reply && m_reply->isRunning())
        m_reply->abort();
}

void McpReplyReader::onMetaData()
{
    if (m_headers || !m_reply)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    // Informational answers (100 Continue) come before the real head.
    if (status.toInt() < 200)
        return;
    m_headers = true;
    m_status = status.toInt();
    m_reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QByteArray type = m_reply->rawHeader("Content-Type").toLower();
    m_eventStream = type.startsWith("text/event-stream");
    Q_EMIT headersReceived();
}

void McpReplyReader::onReadyRead()
{
    if (!m_reply)
        return;
    if (!m_headers)
        onMetaData();
    if (!m_reply)
        return;
    const QByteArray bytes = m_reply->readAll();
    if (m_eventStream && m_status >= 200 && m_status < 300) {
        QPointer<McpReplyReader> self(this);
        const QList<SseEvent> events = m_sse.feed(bytes);
        if (m_sse.overflowed()) {
            Q_EMIT malformed(QStringLiteral("an event of the stream is larger than the limit"));
            if (self)
                abort();
            return;
        }
        for (const SseEvent& e : events) {
            if (e.type != "message" || e.data.trimmed().isEmpty())
                continue; // priming events and foreign event types
            handleEventData(e.data);
            if (!self || m_aborted)
                return;
        }
        return;
    }
    if (m_body.size() + bytes.size() > kMaxBodyBytes) {
        m_tooLarge = true;
        abort();
        return;
    }
    m_body.append(bytes);
}

void McpReplyReader::handleEventData(const QByteArray& data)
{
    QJsonParseError err {};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        Q_EMIT malformed(QStringLiteral("an event of the stream is not a JSON-RPC message"));
        return;
    }
    Q_EMIT messageReceived(doc.object());
}

void McpReplyReader::onFinished()
{
    if (m_finished || !m_reply)
        return;
    if (!m_headers)
        onMetaData();
    if (m_reply->bytesAvailable() > 0)
        onReadyRead();
    if (!m_reply)
        return;
    m_finished = true;
    m_networkError = m_reply->error();
    m_networkErrorString = m_reply->errorString();
    // An HTTP error status arrives intact: Qt reports it as an error too, but it is an answer.
    const bool contentError = m_networkError >= QNetworkReply::ContentAccessDenied
        && m_networkError <= QNetworkReply::UnknownContentError;
    const bool serverError = m_networkError >= QNetworkReply::InternalServerError
        && m_networkError <= QNetworkReply::UnknownServerError;
    const bool badRequest =
        m_networkError == QNetworkReply::ProtocolInvalidOperationError; // Qt's name for 400
    if (m_status >= 400 && (contentError || serverError || badRequest))
        m_networkError = QNetworkReply::NoError;
    if (m_tooLarge) {
        m_networkError = QNetworkReply::UnknownContentError;
        m_networkErrorString = QStringLiteral("the answer is larger than the limit");
    }
    QPointer<McpReplyReader> self(this);
    if (m_networkError == QNetworkReply::NoError && !m_eventStream && m_status >= 200 && m_status < 300
        && !m_body.trimmed().isEmpty()) {
        QJsonParseError err {};
        const QJsonDocument doc = QJsonDocument::fromJson(m_body, &err);
        if (err.error == QJsonParseError::NoError && doc.isObject())
            Q_EMIT messageReceived(doc.object());
        else
            Q_EMIT malformed(QStringLiteral("the answer is not a JSON-RPC message"));
    }
    if (self)
        Q_EMIT finished();
}
