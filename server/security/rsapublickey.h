#pragma once

#include "core/result.h"

#include <QByteArray>

#include <memory>

// An RSA public key (PEM, SubjectPublicKeyInfo: "-----BEGIN PUBLIC KEY-----") that checks
// RSASSA-PKCS1-v1_5 SHA-256 signatures (JWT "RS256"), with OpenSSL's libcrypto.
class RsaPublicKey
{
public:
    // Refuses anything but an RSA key of at least 2048 bits.
    static Result<RsaPublicKey> fromPem(const QByteArray& pem);

    RsaPublicKey();
    ~RsaPublicKey();
    RsaPublicKey(RsaPublicKey&&) noexcept;
    RsaPublicKey& operator=(RsaPublicKey&&) noexcept;
    RsaPublicKey(const RsaPublicKey&) = delete;
    RsaPublicKey& operator=(const RsaPublicKey&) = delete;

    bool isNull() const;
    int bits() const;
    bool verifySha256(const QByteArray& data, const QByteArray& signature) const;

private:
    struct Key;
    std::unique_ptr<Key> m_key;
};
