#include "testsecretstore.h"

void TestSecretStore::read(const QString& name, QObject* ctx, Callback done)
{
    ++reads;
    Result<QString> r = values.contains(name)
        ? Result<QString>(values.value(name))
        : Result<QString>(Error(QStringLiteral("secret_not_found"), QStringLiteral("No secret.")));
    deliver<Result<QString>>(CallerContext(ctx), std::move(done), r);
}

void TestSecretStore::write(const QString& name, const QString& value, QObject* ctx, VoidCallback done)
{
    values.insert(name, value);
    deliver<Result<void>>(CallerContext(ctx), std::move(done), Result<void>());
    Q_EMIT changed(name);
}

void TestSecretStore::remove(const QString& name, QObject* ctx, VoidCallback done)
{
    values.remove(name);
    deliver<Result<void>>(CallerContext(ctx), std::move(done), Result<void>());
    Q_EMIT changed(name);
}

void TestSecretStore::list(QObject* ctx, ListCallback done)
{
    deliver<Result<QStringList>>(CallerContext(ctx), std::move(done), Result<QStringList>(values.keys()));
}

void TestSecretStore::probe(QObject* ctx, VoidCallback done)
{
    deliver<Result<void>>(CallerContext(ctx), std::move(done), Result<void>());
}
