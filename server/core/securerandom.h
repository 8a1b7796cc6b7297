#pragma once

#include <QByteArray>
#include <QString>

namespace SecureRandom {

// Bytes from the operating system's CSPRNG (QRandomGenerator::system()).
QByteArray bytes(int count);

// URL-safe base64 without padding of `byteCount` random bytes: session ids, tokens.
QString token(int byteCount = 32);

// Lower-case hex of `byteCount` random bytes.
QString hex(int byteCount);

} // namespace SecureRandom

namespace ConstantTime {

// Compares two byte strings in time that depends only on their lengths.
bool equals(const QByteArray& a, const QByteArray& b);

} // namespace ConstantTime
