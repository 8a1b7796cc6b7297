#pragma once

#include "security/accesspolicy.h"

#include <memory>
#include <vector>

// Several ways in at once (`serve`: the operator token, named tokens from the database, JWTs):
// the first verifier that accepts the credential names the principal.
class CompositeVerifier : public TokenVerifier
{
public:
    CompositeVerifier() = default;
    explicit CompositeVerifier(std::vector<std::shared_ptr<TokenVerifier>> verifiers);

    void add(std::shared_ptr<TokenVerifier> verifier);
    bool isEmpty() const { return m_verifiers.empty(); }
    std::optional<Principal> verify(const QByteArray& presented) const override;

private:
    std::vector<std::shared_ptr<TokenVerifier>> m_verifiers;
};
