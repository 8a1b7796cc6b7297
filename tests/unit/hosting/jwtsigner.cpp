#include "jwtsigner.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace
{

QByteArray drain(BIO* bio)
{
    QByteArray out(qsizetype(BIO_ctrl_pending(bio)), '\0');
    const int n = BIO_read(bio, out.data(), int(out.size()));
    out.resize(qMax(0, n));
    return out;
}

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

namespace JwtSigner
{

RsaKeyPair generateRsa(int bits)
{
    RsaKeyPair pair;
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits));
    if (!key)
        return pair;
    BIO* priv = BIO_new(BIO_s_mem());
    BIO* pub = BIO_new(BIO_s_mem());
    if (PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr) == 1)
        pair.privatePem = drain(priv);
    if (PEM_write_bio_PUBKEY(pub, key) == 1)
        pair.publicPem = drain(pub);
    BIO_free(priv);
    BIO_free(pub);
    EVP_PKEY_free(key);
    return pair;
}

QByteArray base64Url(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray hs256(const QJsonObject& header, const QJsonObject& claims, const QByteArray& secret)
{
    const QByteArray input = base64Url(json(header)) + '.' + base64Url(json(claims));
    return input + '.'
        + base64Url(QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256));
}

QByteArray hs256(const QJsonObject& claims, const QByteArray& secret)
{
    return hs256(QJsonObject {{QStringLiteral("alg"), QStringLiteral("HS256")},
                     {QStringLiteral("typ"), QStringLiteral("JWT")}},
        claims, secret);
}

QByteArray rs256(const QJsonObject& claims, const QByteArray& privatePem)
{
    const QByteArray input = base64Url(json(QJsonObject {{QStringLiteral("alg"), QStringLiteral("RS256")},
                                 {QStringLiteral("typ"), QStringLiteral("JWT")},
                                 {QStringLiteral("kid"), QStringLiteral("test-key")}}))
        + '.' + base64Url(json(claims));
    BIO* bio = BIO_new_mem_buf(privatePem.constData(), int(privatePem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    QByteArray signature;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t length = 0;
    if (key && ctx && EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1
        && EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(input.constData()),
               size_t(input.size()))
            == 1) {
        signature.resize(qsizetype(length));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                reinterpret_cast<const unsigned char*>(input.constData()), size_t(input.size()))
            != 1)
            signature.clear();
        else
            signature.resize(qsizetype(length));
    }
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    return input + '.' + base64Url(signature);
}

QByteArray unsignedToken(const QJsonObject& claims)
{
    return base64Url(json(QJsonObject {{QStringLiteral("alg"), QStringLiteral("none")}})) + '.'
        + base64Url(json(claims)) + '.';
}

QJsonObject claims(const QString& issuer, const QString& audience, const QString& subject, qint64 nowSeconds,
    qint64 expiresIn)
{
    return QJsonObject {{QStringLiteral("iss"), issuer}, {QStringLiteral("aud"), audience},
        {QStringLiteral("sub"), subject}, {QStringLiteral("iat"), nowSeconds},
        {QStringLiteral("exp"), nowSeconds + expiresIn}};
}

} // namespace JwtSigner
