#pragma once

#include "backend/ssedecoder.h"

#include <QJsonObject>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>

// Reads one HTTP answer of an MCP server as it arrives: a JSON body (one message, delivered when
// complete) or a text/event-stream (each event's message delivered as soon as its bytes arrive).
// Takes ownership of the reply.
class McpReplyReader : public QObject
{
    Q_OBJECT
public:
    explicit McpReplyReader(QNetworkReply* reply, QObject* parent = nullptr);
    ~McpReplyReader() override;

    int httpStatus() const;
    QString reasonPhrase() const;
    QByteArray header(const QByteArray& name) const;
    bool isEventStream() const { return m_eventStream; }
    bool isFinished() const { return m_finished; }
    // The transport failure, if any (NoError for HTTP error statuses that arrived intact).
    QNetworkReply::NetworkError networkError() const { return m_networkError; }
    QString networkErrorString() const { return m_networkErrorString; }
    // The body of a non-stream answer (error bodies included), capped.
    const QByteArray& body() const { return m_body; }
    // A short message from an error body: {"message": ...} or a JSON-RPC error's message.
    QString serverMessage() const;
    QByteArray lastEventId() const { return m_sse.lastEventId(); }
    int reconnectDelayMs() const { return m_sse.reconnectDelayMs(); }
    bool abortedByUs() const { return m_aborted; }

    // Stops reading; finished() follows with networkError() OperationCanceledError.
    void abort();

Q_SIGNALS:
    void headersReceived();
    void messageReceived(const QJsonObject& message);
    // A body or event that is not one JSON-RPC message object.
    void malformed(const QString& why);
    void finished();

private:
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void handleEventData(const QByteArray& data);

    QPointer<QNetworkReply> m_reply;
    SseDecoder m_sse;
    QByteArray m_body;
    bool m_headers = false;
    bool m_eventStream = false;
    bool m_finished = false;
    bool m_aborted = false;
    bool m_tooLarge = false;
    int m_status = 0;
    QString m_reason;
    QNetworkReply::NetworkError m_networkError = QNetworkReply::NoError;
    QString m_networkErrorString;
};
