#pragma once

#include <QByteArray>
#include <QList>

// One Server-Sent Event as the WHATWG event-stream rules define it.
struct SseEvent
{
    QByteArray type = QByteArrayLiteral("message"); // the "event:" field
    QByteArray data; // "data:" lines joined with '\n'
    QByteArray id; // the last "id:" seen so far on the stream
};

// Decodes a text/event-stream incrementally: feed whatever bytes arrived (any split, even inside a
// line or a CRLF) and take the complete events. Comments (keep-alives) yield nothing.
class SseDecoder
{
public:
    explicit SseDecoder(qsizetype maxEventBytes = 16 * 1024 * 1024);

    // Appends bytes and returns the events they completed. Sets overflowed() and drops the
    // pending event when one grows past the cap.
    QList<SseEvent> feed(const QByteArray& bytes);

    bool overflowed() const { return m_overflowed; }
    const QByteArray& lastEventId() const { return m_lastId; }
    // The reconnection delay the server asked for with "retry:", or -1.
    int reconnectDelayMs() const { return m_retry; }

private:
    void takeLine(const QByteArray& line, QList<SseEvent>& out);

    qsizetype m_max;
    QByteArray m_buffer;
    bool m_skipLeadingLf = false; // the previous chunk ended with '\r'
    bool m_sawBom = false;
    bool m_overflowed = false;
    QByteArray m_type;
    QByteArray m_data;
    bool m_hasData = false;
    int m_retry = -1;
    QByteArray m_lastId;
};
