#pragma once

#include "core/result.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>

Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

// Where API keys and tokens live: the OS keychain on the desktop and in `finagent stdio`,
// environment variables (or *_FILE paths) in `finagent serve`. Every call is asynchronous: the
// callback runs later from the event loop of ctx's thread, never before the call returns, and
// is dropped if ctx is destroyed first (ctx may be null: the store itself is used then).
//
// Error codes: secret_not_found, keychain_unavailable, keychain_timeout, keychain_access_denied,
// keychain_error, read_only, invalid_secret_name, secret_empty, secret_too_large,
// secret_file_unreadable. Messages never contain a secret value.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<QString>)>;
    using VoidCallback = std::function<void(Result<void>)>;
    using ListCallback = std::function<void(Result<QStringList>)>;

    explicit SecretStore(QObject* parent = nullptr);
    ~SecretStore() override;

    // "Secret Service (org.freedesktop.secrets)", "Windows Credential Manager", "macOS Keychain",
    // "environment variables".
    virtual QString backendName() const = 0;
    virtual bool isWritable() const = 0;

    // Reads a secret. Missing: secret_not_found, with a sentence naming the secret and how to set
    // it. No keyring: keychain_unavailable, with a sentence naming the missing piece.
    virtual void read(const QString& name, QObject* ctx, Callback done) = 0;
    virtual void write(const QString& name, const QString& value, QObject* ctx, VoidCallback done) = 0;
    virtual void remove(const QString& name, QObject* ctx, VoidCallback done) = 0;
    // Names only, never values; sorted.
    virtual void list(QObject* ctx, ListCallback done) = 0;
    // Checks the backend works (for the Accounts page and health_check): ok, or the error saying why not.
    virtual void probe(QObject* ctx, VoidCallback done) = 0;

Q_SIGNALS:
    // After a successful write or remove through this object.
    void changed(const QString& name);

protected:
    // Remembers a caller's ctx across asynchronous work, so a callback for a ctx that has been
    // destroyed meanwhile is dropped rather than delivered to a dangling object.
    class CallerContext
    {
    public:
        explicit CallerContext(QObject* ctx)
            : m_ctx(ctx)
            , m_hadCtx(ctx != nullptr)
        { }
        bool gone() const { return m_hadCtx && m_ctx.isNull(); }
        QObject* get() const { return m_ctx.data(); }

    private:
        QPointer<QObject> m_ctx;
        bool m_hadCtx;
    };

    template<typename R> void deliver(const CallerContext& ctx, std::function<void(R)> done, R result)
    {
        if (!ctx.gone())
            deliver<R>(ctx.get(), std::move(done), std::move(result));
    }

    // Hands result to done from the event loop of ctx's thread (see the class comment).
    template<typename R> void deliver(QObject* ctx, std::function<void(R)> done, R result)
    {
        QObject* target = ctx ? ctx : this;
        QMetaObject::invokeMethod(
            target,
            [done = std::move(done), result = std::move(result)]() {
                if (done)
                    done(result);
            },
            Qt::QueuedConnection);
    }

    // invalid_secret_name with the reason and the valid forms, or a null Error if the name is valid.
    static Error checkName(const QString& name);
};
