#include "security/compositeverifier.h"

CompositeVerifier::CompositeVerifier(std::vector<std::shared_ptr<TokenVerifier>> verifiers)
    : m_verifiers(std::move(verifiers))
{ }

void CompositeVerifier::add(std::shared_ptr<TokenVerifier> verifier)
{
    if (verifier)
        m_verifiers.push_back(std::move(verifier));
}

std::optional<Principal> CompositeVerifier::verify(const QByteArray& presented) const
{
    for (const auto& verifier : m_verifiers) {
        if (auto principal = verifier->verify(presented))
            return principal;
    }
    return std::nullopt;
}
