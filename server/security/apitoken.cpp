#include "security/apitoken.h"

#include "core/securerandom.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRegularExpression>

namespace
{

constexpr int kPrefixLength = 10;

QJsonValue isoTime(const std::optional<qint64>& ms)
{
    if (!ms)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

QString ApiToken::status(qint64 nowMs) const
{
    if (revokedAt)
        return QStringLiteral("revoked");
    if (expiresAt && *expiresAt <= nowMs)
        return QStringLiteral("expired");
    return QStringLiteral("active");
}

QJsonObject ApiToken::toJson(qint64 nowMs) const
{
    return QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("prefix"), prefix},
        {QStringLiteral("status"), status(nowMs)}, {QStringLiteral("created_at"), isoTime(createdAt)},
        {QStringLiteral("last_used_at"), isoTime(lastUsedAt)},
        {QStringLiteral("expires_at"), isoTime(expiresAt)},
        {QStringLiteral("revoked_at"), isoTime(revokedAt)},
        {QStringLiteral("rate_limit_per_minute"),
            rateLimitPerMinute ? QJsonValue(*rateLimitPerMinute) : QJsonValue(QJsonValue::Null)}};
}

QByteArray ApiToken::generate()
{
    return "fa_" + SecureRandom::token(32).toLatin1();
}

QByteArray ApiToken::hashOf(const QByteArray& token)
{
    // A plain SHA-256 is the right hash here: the token is 256 random bits, so there is no
    // dictionary to try and no brute force that a slow password hash (bcrypt, Argon2) would slow
    // down further; a fast hash keeps every request's check cheap while a leaked table still
    // reveals no usable token.
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}

QString ApiToken::prefixOf(const QByteArray& token)
{
    return QString::fromLatin1(token.left(kPrefixLength));
}

bool ApiToken::isValidName(const QString& name, QString* why)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    if (pattern.match(name).hasMatch())
        return true;
    if (why)
        *why = QStringLiteral("A token name is 1 to 64 letters, digits, dots, dashes or underscores (like "
                              "\"ci-bot\" or \"alice.laptop\"); \"%1\" is not.")
                   .arg(name.left(80));
    return false;
}
