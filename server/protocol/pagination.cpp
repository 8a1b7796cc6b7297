#include "protocol/pagination.h"

#include <QByteArray>

namespace Pagination
{

QString encode(int offset)
{
    const QByteArray raw = QByteArray("o:") + QByteArray::number(offset);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<int> decode(const QString& cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !decoded.decoded.startsWith("o:"))
        return std::nullopt;
    bool ok = false;
    const int offset = decoded.decoded.mid(2).toInt(&ok);
    if (!ok || offset < 0)
        return std::nullopt;
    return offset;
}

} // namespace Pagination
