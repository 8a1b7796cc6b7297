#include "security/secretstore.h"

#include "security/secretnames.h"

Q_LOGGING_CATEGORY(lcSecrets, "finagent.secrets")

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
{ }

SecretStore::~SecretStore() = default;

Error SecretStore::checkName(const QString& name)
{
    QString why;
    if (SecretNames::isValid(name, &why))
        return {};
    return Error(QStringLiteral("invalid_secret_name"),
        why + QStringLiteral(" Valid names: ") + SecretNames::validForms().join(QStringLiteral(", "))
            + QLatin1Char('.'));
}
