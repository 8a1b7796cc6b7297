#include "transport/sse.h"

#include <QJsonDocument>

namespace Sse
{

QByteArray event(const QJsonObject& message, qint64 id)
{
    QByteArray out;
    if (id >= 0)
        out += "id: " + QByteArray::number(id) + '\n';
    out += "event: message\ndata: ";
    out += QJsonDocument(message).toJson(QJsonDocument::Compact); // compact JSON has no newline
    out += "\n\n";
    return out;
}

QByteArray priming(qint64 id, int retryMs)
{
    QByteArray out = "id: " + QByteArray::number(id) + '\n';
    if (retryMs > 0)
        out += "retry: " + QByteArray::number(retryMs) + '\n';
    out += "data: \n\n";
    return out;
}

QByteArray comment(const QByteArray& text)
{
    return ": " + text + "\n\n";
}

} // namespace Sse
