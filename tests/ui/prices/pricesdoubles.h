#pragma once

#include "security/secretstore.h"
#include "uicontext.h"

#include <QMap>
#include <QStringList>
#include <QUrl>

// A SecretStore in memory that answers asynchronously like the real ones.
class PricesSecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    QString backendName() const override { return QStringLiteral("test memory"); }
    bool isWritable() const override { return true; }
    void read(const QString& name, QObject* ctx, Callback done) override
    {
        Result<QString> r = values.contains(name) ? Result<QString>(values.value(name))
                                                  : Result<QString>(Error(QStringLiteral("secret_not_found"),
                                                      QStringLiteral("No secret %1.").arg(name)));
        deliver<Result<QString>>(CallerContext(ctx), std::move(done), r);
    }
    void write(const QString& name, const QString& value, QObject* ctx, VoidCallback done) override
    {
        values.insert(name, value);
        deliver<Result<void>>(CallerContext(ctx), std::move(done), Result<void>());
    }
    void remove(const QString& name, QObject* ctx, VoidCallback done) override
    {
        values.remove(name);
        deliver<Result<void>>(CallerContext(ctx), std::move(done), Result<void>());
    }
    void list(QObject* ctx, ListCallback done) override
    {
        deliver<Result<QStringList>>(CallerContext(ctx), std::move(done), Result<QStringList>(values.keys()));
    }
    void probe(QObject* ctx, VoidCallback done) override
    {
        deliver<Result<void>>(CallerContext(ctx), std::move(done), Result<void>());
    }

    QMap<QString, QString> values;
};

// The local endpoint as the Prices page sees it: not used, but part of every UiContext.
class PricesEndpoint : public LocalEndpointInfo
{
    Q_OBJECT
public:
    using LocalEndpointInfo::LocalEndpointInfo;

    bool isServing() const override { return true; }
    QUrl mcpUrl() const override { return QUrl(QStringLiteral("http://127.0.0.1:8765/mcp")); }
    QString lastError() const override { return QString(); }
    QString token() const override { return QStringLiteral("prices-test-token"); }
    QStringList sessionClients() const override { return {}; }
    void start() override { }
    void stop() override { }
    void regenerateToken() override { }
};
