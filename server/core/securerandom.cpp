#include "core/securerandom.h"

#include <QRandomGenerator>

namespace SecureRandom {

QByteArray bytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    auto* gen = QRandomGenerator::system();
    int i = 0;
    while (i + 4 <= count) {
        const quint32 v = gen->generate();
        memcpy(out.data() + i, &v, 4);
        i += 4;
    }
    if (i < count) {
        const quint32 v = gen->generate();
        memcpy(out.data() + i, &v, size_t(count - i));
    }
    return out;
}

QString token(int byteCount)
{
    return QString::fromLatin1(
        bytes(byteCount).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString hex(int byteCount)
{
    return QString::fromLatin1(bytes(byteCount).toHex());
}

} // namespace SecureRandom

namespace ConstantTime {

bool equals(const QByteArray& a, const QByteArray& b)
{
    // Length is not secret (tokens have a fixed format), but the content is.
    const qsizetype n = qMax(a.size(), b.size());
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= static_cast<unsigned char>(x ^ y);
    }
    return diff == 0;
}

} // namespace ConstantTime
