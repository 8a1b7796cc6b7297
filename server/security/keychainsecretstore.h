#pragma once

#include "security/secretstore.h"

#include <QList>

#include <chrono>

// Secrets in the OS keychain through QtKeychain: the Secret Service (gnome-keyring, KWallet) on
// Linux, the Credential Manager on Windows, the Keychain on macOS. Entries sit under the service
// name ("FinAgent") with the secret's name as key. Never falls back to plain-text storage.
//
// QtKeychain 0.13 cannot enumerate entries, so the names (never the values) are kept as a JSON
// array in the entry "finagent/index"; index updates are serialised so concurrent writes keep
// every name. A keychain that is not reachable at first use is retried once after a delay (the
// keyring may start a little after login); every job has a timeout, so a keyring waiting at an
// unlock prompt cannot hang the application.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("FinAgent"), QObject* parent = nullptr);
    ~KeychainSecretStore() override;

    QString backendName() const override;
    bool isWritable() const override { return true; }

    void read(const QString& name, QObject* ctx, Callback done) override;
    void write(const QString& name, const QString& value, QObject* ctx, VoidCallback done) override;
    void remove(const QString& name, QObject* ctx, VoidCallback done) override;
    void list(QObject* ctx, ListCallback done) override;
    // Reads and rewrites the index entry: proves the keychain is reachable, unlocked and writable.
    void probe(QObject* ctx, VoidCallback done) override;

    QString service() const { return m_service; }

    // Wait before the one retry when the keychain is unreachable at first use. Default 10 s.
    void setRetryDelay(std::chrono::milliseconds delay) { m_retryDelay = delay; }
    std::chrono::milliseconds retryDelay() const { return m_retryDelay; }
    // Longest wait for one keychain job. Default 15 s.
    void setJobTimeout(std::chrono::milliseconds timeout) { m_jobTimeout = timeout; }
    std::chrono::milliseconds jobTimeout() const { return m_jobTimeout; }

    // Key of the entry holding the names of the stored secrets.
    static QString indexKey();
    // Largest value accepted, in UTF-8 bytes (the Windows Credential Manager caps a blob at 2560).
    static int maxValueBytes();

private:
    enum class JobKind
    {
        Read,
        Write,
        Delete
    };
    enum class Status
    {
        Ok,
        NotFound,
        Unavailable,
        Denied,
        Failed,
        TimedOut
    };
    struct JobOutcome
    {
        Status status = Status::Ok;
        bool retryable = false;
        QString backendMessage;
        QString data;
    };
    using JobCallback = std::function<void(const JobOutcome&)>;

    struct IndexOp
    {
        enum class Kind
        {
            Add,
            Remove,
            List,
            Probe
        };
        Kind kind;
        QString name;
        ListCallback done;
    };

    void runJob(
        JobKind kind, const QString& key, const QString& value, bool isRetry, const JobCallback& done);
    void jobFinished(JobKind kind, const QString& key, const QString& value, bool isRetry,
        const JobOutcome& outcome, const JobCallback& done);

    void enqueueIndex(IndexOp op);
    void pumpIndex();
    void finishIndexBatch(const QList<IndexOp>& batch, const Result<QStringList>& result);

    Error errorFor(const JobOutcome& outcome, const QString& name) const;
    Error unavailableError(const QString& backendMessage) const;
    QString durationText(std::chrono::milliseconds d) const;

    QString m_service;
    std::chrono::milliseconds m_retryDelay {10000};
    std::chrono::milliseconds m_jobTimeout {15000};
    bool m_firstUseSettled = false;
    bool m_reportedUnavailable = false;
    QList<IndexOp> m_indexQueue;
    bool m_indexBusy = false;
};
