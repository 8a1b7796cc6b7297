#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// One named access token of `serve`, as stored: never the token itself, only its hash.
struct ApiToken
{
    qint64 id = 0;
    QString name;
    QString prefix; // the token's first characters, to tell tokens apart in lists and logs
    QByteArray hash; // lower-case hex SHA-256 of the token; loaded only for verification
    qint64 createdAt = 0; // ms since the epoch
    std::optional<qint64> lastUsedAt;
    std::optional<qint64> expiresAt;
    std::optional<qint64> revokedAt;
    std::optional<int> rateLimitPerMinute; // empty: the server's default

    // "active", "expired" or "revoked" at `nowMs`.
    QString status(qint64 nowMs) const;
    bool isUsable(qint64 nowMs) const { return status(nowMs) == QLatin1String("active"); }
    // For `finagent token list --json`: everything but the hash.
    QJsonObject toJson(qint64 nowMs) const;

    // A new token: "fa_" and 43 characters of URL-safe base64 (256 random bits).
    static QByteArray generate();
    // Lower-case hex SHA-256 of a presented token.
    static QByteArray hashOf(const QByteArray& token);
    // The part of a token shown in lists ("fa_AbC1234").
    static QString prefixOf(const QByteArray& token);
    // Names are 1 to 64 characters of A-Z a-z 0-9 . _ -; *why gets a sentence otherwise.
    static bool isValidName(const QString& name, QString* why = nullptr);
};
