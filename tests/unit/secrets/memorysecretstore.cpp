#include "memorysecretstore.h"

MemorySecretStore::MemorySecretStore(QObject* parent)
    : SecretStore(parent)
{ }

void MemorySecretStore::read(const QString& name, QObject* ctx, Callback done)
{
    Error error = m_failure.isNull() ? checkName(name) : m_failure;
    if (error.isNull() && !values.contains(name))
        error = Error(QStringLiteral("secret_not_found"), QStringLiteral("No secret named %1.").arg(name));
    if (!error.isNull())
        deliver<Result<QString>>(ctx, std::move(done), error);
    else
        deliver<Result<QString>>(ctx, std::move(done), values.value(name));
}

void MemorySecretStore::write(const QString& name, const QString& value, QObject* ctx, VoidCallback done)
{
    const Error error = m_failure.isNull() ? checkName(name) : m_failure;
    if (!error.isNull()) {
        deliver<Result<void>>(ctx, std::move(done), error);
        return;
    }
    ++writes;
    values.insert(name, value);
    Q_EMIT changed(name);
    deliver<Result<void>>(ctx, std::move(done), Result<void>());
}

void MemorySecretStore::remove(const QString& name, QObject* ctx, VoidCallback done)
{
    const Error error = m_failure.isNull() ? checkName(name) : m_failure;
    if (!error.isNull()) {
        deliver<Result<void>>(ctx, std::move(done), error);
        return;
    }
    values.remove(name);
    Q_EMIT changed(name);
    deliver<Result<void>>(ctx, std::move(done), Result<void>());
}

void MemorySecretStore::list(QObject* ctx, ListCallback done)
{
    if (!m_failure.isNull())
        deliver<Result<QStringList>>(ctx, std::move(done), m_failure);
    else
        deliver<Result<QStringList>>(ctx, std::move(done), values.keys());
}

void MemorySecretStore::probe(QObject* ctx, VoidCallback done)
{
    deliver<Result<void>>(
        ctx, std::move(done), m_failure.isNull() ? Result<void>() : Result<void>(m_failure));
}
