#include "transport/sessionsigner.h"

#include "core/securerandom.h"
#include "protocol/protocolversion.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace
{

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr int kNonceBytes = 16;
// Ids travel in a header on every request; larger capability objects are reduced to their names.
constexpr qsizetype kMaxCapabilitiesJson = 1024;
constexpr int kMaxInfoText = 128;

QByteArray compactJson(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject trimmedClientInfo(const QJsonObject& info)
{
    QJsonObject out;
    for (const char* key : {"name", "version", "title"}) {
        const QString name = QString::fromLatin1(key);
        const QJsonValue v = info.value(name);
        if (v.isString())
            out.insert(name, v.toString().left(kMaxInfoText));
    }
    return out;
}

// The same object with everything below `depth` levels replaced by {} (a capability's presence
// is what matters most; its flags one level down come next).
QJsonObject truncated(const QJsonObject& o, int depth)
{
    QJsonObject out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key().size() > kMaxInfoText)
            continue;
        if (it->isObject())
            out.insert(it.key(), depth > 1 ? truncated(it->toObject(), depth - 1) : QJsonObject {});
        else if (depth > 1 && (it->isBool() || it->isDouble()))
            out.insert(it.key(), *it);
        else
            out.insert(it.key(), QJsonObject {});
    }
    return out;
}

QJsonObject compactCapabilities(const QJsonObject& caps)
{
    if (compactJson(caps).size() <= kMaxCapabilitiesJson)
        return caps;
    for (int depth = 3; depth >= 1; --depth) {
        const QJsonObject t = truncated(caps, depth);
        if (compactJson(t).size() <= kMaxCapabilitiesJson || depth == 1)
            return t;
    }
    return {};
}

bool isBase64Url(QStringView s)
{
    for (QChar c : s) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9')
            || u == u'-' || u == u'_';
        if (!ok)
            return false;
    }
    return !s.isEmpty();
}

} // namespace

SessionClaims SessionClaims::fromInitialize(const QJsonObject& params, qint64 nowMs)
{
    SessionClaims c;
    c.protocolVersion =
        ProtocolVersion::negotiate(params.value(QStringLiteral("protocolVersion")).toString());
    c.clientInfo = trimmedClientInfo(params.value(QStringLiteral("clientInfo")).toObject());
    c.capabilities = compactCapabilities(params.value(QStringLiteral("capabilities")).toObject());
    c.issuedAtMs = nowMs;
    c.nonce = SecureRandom::bytes(kNonceBytes);
    return c;
}

SessionSigner::SessionSigner(QByteArray key)
    : m_key(key.size() == keyBytes ? std::move(key) : keyFromSecret(key))
{ }

QByteArray SessionSigner::keyFromSecret(const QByteArray& secret)
{
    // Domain-separated, so the same secret used elsewhere never yields this key.
    return QMessageAuthenticationCode::hash(
        secret, QByteArrayLiteral("finagent mcp session key v1"), QCryptographicHash::Sha256);
}

QString SessionSigner::idHash(const QString& id)
{
    return QString::fromLatin1(QCryptographicHash::hash(id.toLatin1(), QCryptographicHash::Sha256).toHex());
}

QByteArray SessionSigner::mac(const QByteArray& payload) const
{
    return QMessageAuthenticationCode::hash(payload, m_key, QCryptographicHash::Sha256);
}

QString SessionSigner::mint(const SessionClaims& claims) const
{
    const QJsonObject payload {{QStringLiteral("v"), claims.protocolVersion},
        {QStringLiteral("i"), claims.clientInfo}, {QStringLiteral("c"), claims.capabilities},
        {QStringLiteral("t"), double(claims.issuedAtMs)},
        {QStringLiteral("n"), QString::fromLatin1(claims.nonce.toBase64(kBase64Url))}};
    const QByteArray body = compactJson(payload).toBase64(kBase64Url);
    return QString::fromLatin1(body + '.' + mac(body).toBase64(kBase64Url));
}

std::optional<SessionClaims> SessionSigner::verify(const QString& id) const
{
    if (id.size() > maxIdLength)
        return std::nullopt;
    const qsizetype dot = id.indexOf(QLatin1Char('.'));
    if (dot <= 0 || id.indexOf(QLatin1Char('.'), dot + 1) >= 0)
        return std::nullopt;
    const QStringView body = QStringView(id).left(dot);
    const QStringView signature = QStringView(id).mid(dot + 1);
    if (!isBase64Url(body) || !isBase64Url(signature))
        return std::nullopt;
    const QByteArray bodyBytes = body.toLatin1();
    // Compared as text: base64 leaves spare bits in the last character, and an id that differs
    // only there must not pass as the same id.
    if (!ConstantTime::equals(signature.toLatin1(), mac(bodyBytes).toBase64(kBase64Url)))
        return std::nullopt;

    // Signed by us, so well formed; checked anyway, as a changed key format must not crash.
    const auto json = QByteArray::fromBase64Encoding(
        bodyBytes, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!json)
        return std::nullopt;
    const QJsonObject payload = QJsonDocument::fromJson(*json).object();
    SessionClaims c;
    c.protocolVersion = payload.value(QStringLiteral("v")).toString();
    if (!ProtocolVersion::isSupported(c.protocolVersion))
        return std::nullopt;
    c.clientInfo = payload.value(QStringLiteral("i")).toObject();
    c.capabilities = payload.value(QStringLiteral("c")).toObject();
    c.issuedAtMs = qint64(payload.value(QStringLiteral("t")).toDouble());
    const auto nonce =
        QByteArray::fromBase64Encoding(payload.value(QStringLiteral("n")).toString().toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!nonce || c.issuedAtMs <= 0)
        return std::nullopt;
    c.nonce = *nonce;
    return c;
}
