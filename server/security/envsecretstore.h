#pragma once

#include "security/secretstore.h"

#include <QProcessEnvironment>
#include <QSet>

// Secrets from the environment, for `finagent serve` in containers and services: a secret named
// "coingecko/api_key" is FINAGENT_COINGECKO_API_KEY, or the content of the file named by
// FINAGENT_COINGECKO_API_KEY_FILE (container secrets). When both are set the variable wins.
// An empty variable counts as unset. Read-only.
class EnvSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit EnvSecretStore(
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment(), QObject* parent = nullptr);

    QString backendName() const override;
    bool isWritable() const override { return false; }

    void read(const QString& name, QObject* ctx, Callback done) override;
    void write(const QString& name, const QString& value, QObject* ctx, VoidCallback done) override;
    void remove(const QString& name, QObject* ctx, VoidCallback done) override;
    void list(QObject* ctx, ListCallback done) override;
    void probe(QObject* ctx, VoidCallback done) override;

    // What read() delivers, computed now (reading a small local file at most).
    Result<QString> value(const QString& name);

    // Largest *_FILE content accepted, in bytes.
    static constexpr qint64 maxFileSize = 64 * 1024;

private:
    Error readOnlyError(const QString& name) const;
    Result<QString> readFile(const QString& variable, const QString& path) const;

    QProcessEnvironment m_env;
    QSet<QString> m_warnedBothSet;
};
