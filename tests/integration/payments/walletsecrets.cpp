#include "walletsecrets.h"

#include "security/secretnames.h"

void WalletSecrets::read(const QString& name, QObject* ctx, Callback done)
{
    ++reads;
    if (values.contains(name))
        deliver<Result<QString>>(CallerContext(ctx), std::move(done), values.value(name));
    else
        deliver<Result<QString>>(CallerContext(ctx), std::move(done),
            Error(QStringLiteral("secret_not_found"), QStringLiteral("No secret named %1.").arg(name)));
}

void WalletSecrets::write(const QString& name, const QString& value, QObject* ctx, VoidCallback done)
{
    values.insert(name, value);
    Q_EMIT changed(name);
    deliver<Result<void>>(CallerContext(ctx), std::move(done), Result<void>());
}

void WalletSecrets::remove(const QString& name, QObject* ctx, VoidCallback done)
{
    values.remove(name);
    Q_EMIT changed(name);
    deliver<Result<void>>(CallerContext(ctx), std::move(done), Result<void>());
}

void WalletSecrets::list(QObject* ctx, ListCallback done)
{
    deliver<Result<QStringList>>(CallerContext(ctx), std::move(done), values.keys());
}

void WalletSecrets::probe(QObject* ctx, VoidCallback done)
{
    deliver<Result<void>>(CallerContext(ctx), std::move(done), Result<void>());
}

void WalletSecrets::setWallet(const QString& coin, const QString& apiKey, const QString& password)
{
    values.insert(SecretNames::coinremitterKey(coin), apiKey);
    values.insert(SecretNames::coinremitterPassword(coin), password);
    Q_EMIT changed(SecretNames::coinremitterKey(coin));
}
