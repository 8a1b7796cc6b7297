#include "security/rsapublickey.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

struct RsaPublicKey::Key
{
    EVP_PKEY* pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

RsaPublicKey::RsaPublicKey() = default;
RsaPublicKey::~RsaPublicKey() = default;
RsaPublicKey::RsaPublicKey(RsaPublicKey&&) noexcept = default;
RsaPublicKey& RsaPublicKey::operator=(RsaPublicKey&&) noexcept = default;

Result<RsaPublicKey> RsaPublicKey::fromPem(const QByteArray& pem)
{
    if (!pem.contains("-----BEGIN PUBLIC KEY-----"))
        return Error(QStringLiteral("bad_public_key"),
            QStringLiteral(
                "The RS256 public key must be a PEM file starting with \"-----BEGIN PUBLIC KEY-----\". "
                "Convert a PKCS#1 key with `openssl rsa -RSAPublicKey_in -in key.pem -pubout`, or "
                "extract it from a certificate with `openssl x509 -pubkey -noout -in cert.pem`."));
    BIO* bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    if (!bio)
        return Error(
            QStringLiteral("bad_public_key"), QStringLiteral("Out of memory reading the public key."));
    EVP_PKEY* pkey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!pkey)
        return Error(QStringLiteral("bad_public_key"),
            QStringLiteral("The RS256 public key could not be read: check that the PEM file is complete."));
    RsaPublicKey key;
    key.m_key = std::make_unique<Key>();
    key.m_key->pkey = pkey;
    if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA)
        return Error(QStringLiteral("bad_public_key"),
            QStringLiteral(
                "The RS256 public key is not an RSA key; RS256 needs an RSA key of 2048 bits or more."));
    if (key.bits() < 2048)
        return Error(QStringLiteral("bad_public_key"),
            QStringLiteral("The RS256 public key has %1 bits; use an RSA key of 2048 bits or more.")
                .arg(key.bits()));
    return key;
}

bool RsaPublicKey::isNull() const
{
    return !m_key || !m_key->pkey;
}

int RsaPublicKey::bits() const
{
    return isNull() ? 0 : EVP_PKEY_get_bits(m_key->pkey);
}

bool RsaPublicKey::verifySha256(const QByteArray& data, const QByteArray& signature) const
{
    if (isNull() || signature.isEmpty())
        return false;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    if (!ctx)
        return false;
    bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, m_key->pkey) == 1;
    if (ok) {
        // EVP_PKEY_RSA keys default to PKCS#1 v1.5 padding, which is what RS256 is.
        ok = EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.constData()),
                 size_t(signature.size()), reinterpret_cast<const unsigned char*>(data.constData()),
                 size_t(data.size()))
            == 1;
    }
    EVP_MD_CTX_free(ctx);
    return ok;
}
