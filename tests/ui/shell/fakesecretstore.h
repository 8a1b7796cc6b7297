#pragma once

#include "security/secretstore.h"

#include <QMap>

// A SecretStore in memory that answers like the real ones (asynchronously, same error codes), with
// failures to inject: a keychain that cannot be read, or one that cannot be written.
class FakeSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit FakeSecretStore(QObject* parent = nullptr);

    QString backendName() const override { return QStringLiteral("test memory"); }
    bool isWritable() const override { return true; }

    void read(const QString& name, QObject* ctx, Callback done) override;
    void write(const QString& name, const QString& value, QObject* ctx, VoidCallback done) override;
    void remove(const QString& name, QObject* ctx, VoidCallback done) override;
    void list(QObject* ctx, ListCallback done) override;
    void probe(QObject* ctx, VoidCallback done) override;

    // Every later read / write fails with this error (a null Error: they work again).
    Error readFailure;
    Error writeFailure;

    QMap<QString, QString> values;
    int writes = 0;
};
