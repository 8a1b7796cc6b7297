#pragma once

#include <QByteArray>
#include <QtGlobal>

// Follows the framing of the HTTP/1.1 requests on one connection as their bytes arrive (request
// line, header block, Content-Length body, then the next request) and says when a request breaks
// a limit or is framed in a way we do not accept. It keeps its own view of the byte stream, so it
// cannot be fooled by how the bytes are split across reads, and it frames exactly as Qt 6.4's
// QHttpServer does (leading blank lines skipped; the header block ends at "\n\r\n" or "\n\n"), so
// both always agree where a request ends.
class RequestFramer
{
public:
    enum class Phase
    {
        Idle, // between requests
        Head, // inside a request line or header block
        Body // inside a Content-Length body
    };

    struct Refusal
    {
        int status = 0; // 0: nothing refused
        QByteArray reason;
        explicit operator bool() const { return status != 0; }
    };

    RequestFramer(qint64 maxHeaderBytes, qint64 maxBodyBytes);

    // Takes bytes that arrived since the last call. Returns the first refusal (after which the
    // framer stops: nothing more of the connection is trusted).
    Refusal feed(const QByteArray& bytes);

    Phase phase() const { return m_phase; }
    // Requests whose last byte has arrived, since the framer was made.
    qint64 completedRequests() const { return m_completed; }
    // True once per request that sent "Expect: 100-continue" and whose body has not fully arrived,
    // as soon as its header block is complete.
    bool takeContinue();
    bool isRefused() const { return m_refused; }

private:
    Refusal headerComplete();
    Refusal refuse(int status, const QByteArray& reason);

    qint64 m_maxHeader;
    qint64 m_maxBody;
    Phase m_phase = Phase::Idle;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    qint64 m_completed = 0;
    bool m_continue = false;
    bool m_refused = false;
};
