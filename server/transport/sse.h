#pragma once

#include <QByteArray>
#include <QJsonObject>

// Server-Sent Events framing.
namespace Sse
{
QByteArray event(const QJsonObject& message, qint64 id = -1);
// An event with an id and empty data: primes a 2025-11-25 client for reconnection.
QByteArray priming(qint64 id, int retryMs = 0);
QByteArray comment(const QByteArray& text); // ": text\n\n", a keep-alive
} // namespace Sse
