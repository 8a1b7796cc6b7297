#include "transport/responsequeue.h"

int ResponseQueue::open()
{
    Slot s;
    s.id = m_next++;
    m_slots.append(s);
    return s.id;
}

bool ResponseQueue::contains(int slot) const
{
    for (const Slot& s : m_slots) {
        if (s.id == slot)
            return true;
    }
    return false;
}

QByteArray ResponseQueue::write(int slot, const QByteArray& bytes)
{
    for (qsizetype i = 0; i < m_slots.size(); ++i) {
        Slot& s = m_slots[i];
        if (s.id != slot)
            continue;
        if (s.done)
            return {}; // nothing may follow the end of a response
        if (i == 0)
            return bytes;
        s.pending += bytes;
        return {};
    }
    return {};
}

QByteArray ResponseQueue::finish(int slot, bool closeConnection, bool* closeAfter)
{
    *closeAfter = false;
    for (Slot& s : m_slots) {
        if (s.id == slot && !s.done) {
            s.done = true;
            s.close = closeConnection;
            break;
        }
    }
    return drain(closeAfter);
}

QByteArray ResponseQueue::drain(bool* closeAfter)
{
    QByteArray out;
    while (!m_slots.isEmpty()) {
        Slot& front = m_slots.first();
        out += front.pending;
        front.pending.clear();
        if (!front.done)
            break;
        const bool close = front.close;
        m_slots.removeFirst();
        if (close) {
            m_slots.clear();
            *closeAfter = true;
            break;
        }
    }
    return out;
}
