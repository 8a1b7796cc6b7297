#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// What a replica needs to rebuild an MCP session it has never seen: the outcome of the initialize
// handshake, carried inside the signed session id.
struct SessionClaims
{
    QString protocolVersion; // negotiated
    QJsonObject clientInfo; // name, version, title (trimmed)
    QJsonObject capabilities; // the client's capabilities (compacted when large)
    qint64 issuedAtMs = 0;
    QByteArray nonce; // random: two sessions of one client never share an id

    // The claims of a session initialized with these initialize params at `nowMs`, with the version
    // the server negotiates and a fresh nonce.
    static SessionClaims fromInitialize(const QJsonObject& params, qint64 nowMs);
};

// Signed stateless session ids: base64url(payload) "." base64url(HMAC-SHA256(key, base64url(payload))).
// The payload is compact JSON of SessionClaims. Ids are visible ASCII ([A-Za-z0-9_-] and one '.'),
// at most maxIdLength characters, and unguessable (the nonce and the MAC). Any replica holding the
// same key accepts an id another replica minted; a changed key or a changed byte gives nullopt.
class SessionSigner
{
public:
    static constexpr int keyBytes = 32;
    static constexpr int maxIdLength = 4096;

    // `key` should be keyBytes random bytes; other lengths are hashed to that size first.
    explicit SessionSigner(QByteArray key);

    QString mint(const SessionClaims& claims) const;
    std::optional<SessionClaims> verify(const QString& id) const;

    // A key from an operator-supplied secret (any text), for replicas that share it through the
    // environment instead of the database.
    static QByteArray keyFromSecret(const QByteArray& secret);
    // Lower-case hex SHA-256 of an id: what the database keeps instead of the id.
    static QString idHash(const QString& id);

private:
    QByteArray mac(const QByteArray& payload) const;

    QByteArray m_key;
};
