#include "fakesecretstore.h"

FakeSecretStore::FakeSecretStore(QObject* parent)
    : SecretStore(parent)
{ }

void FakeSecretStore::read(const QString& name, QObject* ctx, Callback done)
{
    Error error = readFailure.isNull() ? checkName(name) : readFailure;
    if (error.isNull() && !values.contains(name))
        error = Error(QStringLiteral("secret_not_found"), QStringLiteral("No secret named %1.").arg(name));
    if (!error.isNull())
        deliver<Result<QString>>(ctx, std::move(done), error);
    else
        deliver<Result<QString>>(ctx, std::move(done), values.value(name));
}

void FakeSecretStore::write(const QString& name, const QString& value, QObject* ctx, VoidCallback done)
{
    const Error error = writeFailure.isNull() ? checkName(name) : writeFailure;
    if (!error.isNull()) {
        deliver<Result<void>>(ctx, std::move(done), error);
        return;
    }
    ++writes;
    values.insert(name, value);
    Q_EMIT changed(name);
    deliver<Result<void>>(ctx, std::move(done), Result<void>());
}

void FakeSecretStore::remove(const QString& name, QObject* ctx, VoidCallback done)
{
    values.remove(name);
    Q_EMIT changed(name);
    deliver<Result<void>>(ctx, std::move(done), Result<void>());
}

void FakeSecretStore::list(QObject* ctx, ListCallback done)
{
    deliver<Result<QStringList>>(ctx, std::move(done), values.keys());
}

void FakeSecretStore::probe(QObject* ctx, VoidCallback done)
{
    deliver<Result<void>>(
        ctx, std::move(done), readFailure.isNull() ? Result<void>() : Result<void>(readFailure));
}
