#pragma once

#include "security/secretstore.h"

#include <QMap>

// An in-memory SecretStore for the payment tests: wallet keys without a keychain. Answers
// asynchronously, like the real stores, and counts reads.
class WalletSecrets : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    QString backendName() const override { return QStringLiteral("test memory"); }
    bool isWritable() const override { return true; }
    void read(const QString& name, QObject* ctx, Callback done) override;
    void write(const QString& name, const QString& value, QObject* ctx, VoidCallback done) override;
    void remove(const QString& name, QObject* ctx, VoidCallback done) override;
    void list(QObject* ctx, ListCallback done) override;
    void probe(QObject* ctx, VoidCallback done) override;

    // Stores a wallet's key and password (coinremitter/<COIN>/api_key and .../password).
    void setWallet(const QString& coin, const QString& apiKey, const QString& password);

    QMap<QString, QString> values;
    int reads = 0;
};
