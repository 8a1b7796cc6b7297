#include "transport/requestframer.h"

#include <QList>

namespace
{

bool isLeadingSpace(char c)
{
    // What QHttpServer skips before a request line (leftovers of a previous request).
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isDigits(const QByteArray& s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// Where the header block ends (one past its last byte), searching from `from`; -1 if not yet.
qsizetype headerEnd(const QByteArray& head, qsizetype from)
{
    for (qsizetype i = qMax<qsizetype>(from, 1); i < head.size(); ++i) {
        if (head.at(i) != '\n')
            continue;
        // The block ends with "\n\n" or "\n\r\n" (a request line alone is also a full block).
        if (head.at(i - 1) == '\n')
            return i + 1;
        if (i >= 2 && head.at(i - 1) == '\r' && head.at(i - 2) == '\n')
            return i + 1;
    }
    return -1;
}

} // namespace

RequestFramer::RequestFramer(qint64 maxHeaderBytes, qint64 maxBodyBytes)
    : m_maxHeader(maxHeaderBytes)
    , m_maxBody(maxBodyBytes)
{ }

bool RequestFramer::takeContinue()
{
    const bool c = m_continue;
    m_continue = false;
    return c;
}

RequestFramer::Refusal RequestFramer::refuse(int status, const QByteArray& reason)
{
    m_refused = true;
    m_continue = false;
    return Refusal {status, reason};
}

RequestFramer::Refusal RequestFramer::feed(const QByteArray& bytes)
{
    if (m_refused)
        return {};
    qsizetype pos = 0;
    const qsizetype n = bytes.size();
    while (pos < n) {
        switch (m_phase) {
        case Phase::Idle:
            while (pos < n && isLeadingSpace(bytes.at(pos)))
                ++pos;
            if (pos < n) {
                m_phase = Phase::Head;
                m_head.clear();
            }
            break;
        case Phase::Head: {
            const qsizetype searchFrom = qMax<qsizetype>(0, m_head.size() - 2);
            // Never hold more than the cap (plus the few bytes that may complete the terminator).
            const qsizetype room = qMax<qint64>(0, m_maxHeader + 3 - m_head.size());
            const qsizetype take = qMin(n - pos, room);
            m_head.append(bytes.constData() + pos, take);
            const qsizetype end = headerEnd(m_head, searchFrom);
            if (end < 0) {
                if (m_head.size() > m_maxHeader)
                    return refuse(431,
                        "the request line and headers are larger than " + QByteArray::number(m_maxHeader)
                            + " bytes");
                pos += take;
                break;
            }
            if (end > m_maxHeader)
                return refuse(431,
                    "the request line and headers are larger than " + QByteArray::number(m_maxHeader)
                        + " bytes");
            // Bytes after the terminator belong to the body or the next request.
            pos += take - (m_head.size() - end);
            m_head.truncate(end);
            if (const Refusal r = headerComplete())
                return r;
            break;
        }
        case Phase::Body: {
            const qint64 take = qMin<qint64>(m_bodyLeft, n - pos);
            m_bodyLeft -= take;
            pos += take;
            if (m_bodyLeft == 0) {
                m_phase = Phase::Idle;
                m_continue = false; // the body is here; nobody waits for 100 Continue
                ++m_completed;
            }
            break;
        }
        }
    }
    return {};
}

RequestFramer::Refusal RequestFramer::headerComplete()
{
    const QList<QByteArray> lines = m_head.split('\n');
    // Request line: METHOD SP target SP HTTP/x.y (QHttpServer drops the connection silently
    // otherwise; a 400 tells the client why).
    QList<QByteArray> parts;
    for (const QByteArray& p : lines.first().trimmed().split(' ')) {
        if (!p.isEmpty())
            parts << p;
    }
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/") || parts.at(2).size() != 8)
        return refuse(400, "malformed request line");

    QByteArray contentLength;
    bool hasLength = false;
    bool expectContinue = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if (line.startsWith(' ') || line.startsWith('\t'))
            return refuse(400, "folded header lines are not accepted");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return refuse(400, "malformed header line");
        const QByteArray name = line.left(colon).toLower();
        for (char c : name) {
            if (!isTokenChar(c))
                return refuse(400, "malformed header name");
        }
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "transfer-encoding")
            return refuse(411, "chunked request bodies are not accepted; send Content-Length");
        if (name == "content-length") {
            if (!isDigits(value))
                return refuse(400, "invalid Content-Length");
            if (hasLength && value != contentLength)
                return refuse(400, "conflicting Content-Length headers");
            hasLength = true;
            contentLength = value;
        } else if (name == "expect") {
            expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        }
    }

    qint64 length = 0;
    if (hasLength) {
        // More than 18 digits cannot be a body we accept (and would overflow).
        bool ok = contentLength.size() <= 18;
        length = ok ? contentLength.toLongLong(&ok) : 0;
        if (!ok || length > m_maxBody)
            return refuse(413,
                "the request body is " + contentLength + " bytes; the limit is "
                    + QByteArray::number(m_maxBody));
    }
    m_head.clear();
    if (length == 0) {
        m_phase = Phase::Idle;
        ++m_completed;
        return {};
    }
    m_phase = Phase::Body;
    m_bodyLeft = length;
    m_continue = expectContinue;
    return {};
}
