#pragma once

#include "security/secretstore.h"

#include <QMap>

// Secrets in memory for the market tests; answers asynchronously like the real stores.
class TestSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit TestSecretStore(QObject* parent = nullptr)
        : SecretStore(parent)
    { }

    QString backendName() const override { return QStringLiteral("test memory"); }
    bool isWritable() const override { return true; }
    void read(const QString& name, QObject* ctx, Callback done) override;
    void write(const QString& name, const QString& value, QObject* ctx, VoidCallback done) override;
    void remove(const QString& name, QObject* ctx, VoidCallback done) override;
    void list(QObject* ctx, ListCallback done) override;
    void probe(QObject* ctx, VoidCallback done) override;

    QMap<QString, QString> values;
    int reads = 0;
};
