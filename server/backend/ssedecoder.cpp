#include "backend/ssedecoder.h"

SseDecoder::SseDecoder(qsizetype maxEventBytes)
    : m_max(maxEventBytes)
{ }

QList<SseEvent> SseDecoder::feed(const QByteArray& bytes)
{
    QList<SseEvent> out;
    qsizetype start = 0;
    if (m_skipLeadingLf && !bytes.isEmpty()) {
        m_skipLeadingLf = false;
        if (bytes.at(0) == '\n')
            start = 1;
    }
    m_buffer.append(bytes.constData() + start, bytes.size() - start);
    if (!m_sawBom && m_buffer.size() >= 3) {
        m_sawBom = true;
        if (m_buffer.startsWith("\xEF\xBB\xBF"))
            m_buffer.remove(0, 3);
    }

    qsizetype from = 0;
    for (qsizetype i = 0; i < m_buffer.size(); ++i) {
        const char c = m_buffer.at(i);
        if (c != '\n' && c != '\r')
            continue;
        takeLine(m_buffer.mid(from, i - from), out);
        if (c == '\r') {
            if (i + 1 < m_buffer.size()) {
                if (m_buffer.at(i + 1) == '\n')
                    ++i;
            } else {
                m_skipLeadingLf = true; // a CRLF split across two chunks
            }
        }
        from = i + 1;
    }
    m_buffer.remove(0, from);
    if (m_buffer.size() + m_data.size() > m_max) {
        m_overflowed = true;
        m_buffer.clear();
        m_data.clear();
        m_hasData = false;
    }
    return out;
}

void SseDecoder::takeLine(const QByteArray& line, QList<SseEvent>& out)
{
    if (line.isEmpty()) {
        // Dispatch; a block without data lines is not an event.
        if (m_hasData) {
            SseEvent e;
            if (!m_type.isEmpty())
                e.type = m_type;
            e.data = m_data;
            e.id = m_lastId;
            out.append(e);
        }
        m_type.clear();
        m_data.clear();
        m_hasData = false;
        return;
    }
    if (line.startsWith(':'))
        return; // a comment
    const qsizetype colon = line.indexOf(':');
    QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value);
        m_hasData = true;
        if (m_data.size() > m_max) {
            m_overflowed = true;
            m_data.clear();
            m_hasData = false;
        }
    } else if (field == "event") {
        m_type = value;
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastId = value;
    } else if (field == "retry") {
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (ok && ms >= 0)
            m_retry = ms;
    }
}
