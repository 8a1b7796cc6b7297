#pragma once

#include <QByteArray>
#include <QList>

// The responses of one HTTP/1.1 connection, kept in the order of their requests. A later request
// may be answered first (a fast ping behind a slow tool call); its bytes wait here until every
// earlier response is complete, so a pipelining client never reads the wrong answer.
class ResponseQueue
{
public:
    // Reserves the place of the next request's response.
    int open();
    // Bytes of response `slot`; returns what may be sent now (empty while earlier ones are open).
    QByteArray write(int slot, const QByteArray& bytes);
    // Marks `slot` complete. Returns what may be sent now; `closeAfter` says the connection is to
    // close once that is sent (a response that ends the connection drops everything after it).
    QByteArray finish(int slot, bool closeConnection, bool* closeAfter);

    bool isEmpty() const { return m_slots.isEmpty(); }
    bool contains(int slot) const;
    int size() const { return int(m_slots.size()); }

private:
    struct Slot
    {
        int id = 0;
        QByteArray pending;
        bool done = false;
        bool close = false;
    };
    QByteArray drain(bool* closeAfter);

    QList<Slot> m_slots;
    int m_next = 1;
};
