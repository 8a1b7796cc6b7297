#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// Headers sent on every HTTP response, whatever path produced it.
namespace SecurityHeaders
{
const QList<QPair<QByteArray, QByteArray>>& list();
// "Name: value\r\n" lines, for responses written directly to a socket.
const QByteArray& raw();
} // namespace SecurityHeaders
