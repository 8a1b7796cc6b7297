#pragma once

#include "security/secretstore.h"

#include <QMap>

// A SecretStore in memory that answers asynchronously like the real ones.
class MemoryStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    QString backendName() const override { return QStringLiteral("test memory"); }
    bool isWritable() const override { return true; }
    void read(const QString& name, QObject* ctx, Callback done) override
    {
        if (m_values.contains(name))
            deliver<Result<QString>>(ctx, std::move(done), m_values.value(name));
        else
            deliver<Result<QString>>(ctx, std::move(done),
                Error(QStringLiteral("secret_not_found"), QStringLiteral("No secret %1.").arg(name)));
    }
    void write(const QString& name, const QString& value, QObject* ctx, VoidCallback done) override
    {
        m_values.insert(name, value);
        deliver<Result<void>>(ctx, std::move(done), Result<void>());
    }
    void remove(const QString& name, QObject* ctx, VoidCallback done) override
    {
        m_values.remove(name);
        deliver<Result<void>>(ctx, std::move(done), Result<void>());
    }
    void list(QObject* ctx, ListCallback done) override
    {
        deliver<Result<QStringList>>(ctx, std::move(done), m_values.keys());
    }
    void probe(QObject* ctx, VoidCallback done) override
    {
        deliver<Result<void>>(ctx, std::move(done), Result<void>());
    }

private:
    QMap<QString, QString> m_values;
};
