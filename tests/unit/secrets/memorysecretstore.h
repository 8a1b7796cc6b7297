#pragma once

#include "security/secretstore.h"

#include <QMap>

// A SecretStore in memory, for tests of code that uses a store. Answers like the real ones:
// asynchronously, with the same error codes.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject* parent = nullptr);

    QString backendName() const override { return QStringLiteral("test memory"); }
    bool isWritable() const override { return true; }

    void read(const QString& name, QObject* ctx, Callback done) override;
    void write(const QString& name, const QString& value, QObject* ctx, VoidCallback done) override;
    void remove(const QString& name, QObject* ctx, VoidCallback done) override;
    void list(QObject* ctx, ListCallback done) override;
    void probe(QObject* ctx, VoidCallback done) override;

    // Every later call fails with this error (a null Error: calls work again).
    void setFailure(const Error& error) { m_failure = error; }

    QMap<QString, QString> values;
    int writes = 0;

private:
    Error m_failure;
};
