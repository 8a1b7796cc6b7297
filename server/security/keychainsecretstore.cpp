#include "security/keychainsecretstore.h"

#include "security/secretnames.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <algorithm>

namespace
{

QString listSubject()
{
    return QStringLiteral("the list of stored names");
}

QStringList parseIndex(const QString& json)
{
    QStringList names;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isArray()) {
        qCWarning(lcSecrets)
            << "The keychain's list of stored names is not a JSON array; starting a new one.";
        return names;
    }
    const QJsonArray array = doc.array();
    for (const QJsonValue& v : array) {
        const QString name = v.toString();
        if (SecretNames::isValid(name) && !names.contains(name))
            names.append(name);
    }
    return names;
}

QString serialiseIndex(const QStringList& names)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(names)).toJson(QJsonDocument::Compact));
}

#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
// The socket path of a plain "unix:path=..." session bus address, or empty for other forms.
QString busSocketPath(const QString& address)
{
    const QString prefix = QStringLiteral("unix:path=");
    if (!address.startsWith(prefix) || address.contains(QLatin1Char(';')))
        return {};
    return address.mid(prefix.size()).section(QLatin1Char(','), 0, 0);
}
#endif

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject* parent)
    : SecretStore(parent)
    , m_service(std::move(service))
{ }

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::backendName() const
{
#if defined(Q_OS_WIN)
    return QStringLiteral("Windows Credential Manager");
#elif defined(Q_OS_MACOS)
    return QStringLiteral("macOS Keychain");
#else
    return QStringLiteral("Secret Service (org.freedesktop.secrets)");
#endif
}

QString KeychainSecretStore::indexKey()
{
    return QStringLiteral("finagent/index");
}

int KeychainSecretStore::maxValueBytes()
{
#if defined(Q_OS_WIN)
    return 2560;
#else
    return 64 * 1024;
#endif
}

void KeychainSecretStore::read(const QString& name, QObject* ctx, Callback done)
{
    const Error bad = checkName(name);
    if (!bad.isNull()) {
        deliver<Result<QString>>(ctx, std::move(done), bad);
        return;
    }
    const CallerContext caller(ctx);
    runJob(JobKind::Read, name, {}, false, [this, name, caller, done](const JobOutcome& outcome) {
        qCDebug(lcSecrets) << "read" << name << (outcome.status == Status::Ok ? "ok" : "failed");
        if (outcome.status == Status::Ok)
            deliver<Result<QString>>(caller, done, outcome.data);
        else
            deliver<Result<QString>>(caller, done, errorFor(outcome, name));
    });
}

void KeychainSecretStore::write(const QString& name, const QString& value, QObject* ctx, VoidCallback done)
{
    Error bad = checkName(name);
    if (bad.isNull() && value.isEmpty()) {
        bad = Error(QStringLiteral("secret_empty"),
            QStringLiteral("The value for %1 is empty; nothing was stored. To remove the secret, delete "
                           "it instead.")
                .arg(name));
    }
    if (bad.isNull() && value.toUtf8().size() > maxValueBytes()) {
        bad = Error(QStringLiteral("secret_too_large"),
            QStringLiteral("The value for %1 is larger than the %2 bytes the %3 can hold; nothing was "
                           "stored.")
                .arg(name)
                .arg(maxValueBytes())
                .arg(backendName()));
    }
    if (!bad.isNull()) {
        deliver<Result<void>>(ctx, std::move(done), bad);
        return;
    }
    const CallerContext caller(ctx);
    runJob(JobKind::Write, name, value, false, [this, name, caller, done](const JobOutcome& outcome) {
        qCDebug(lcSecrets) << "write" << name << (outcome.status == Status::Ok ? "ok" : "failed");
        if (outcome.status != Status::Ok) {
            deliver<Result<void>>(caller, done, errorFor(outcome, name));
            return;
        }
        enqueueIndex({IndexOp::Kind::Add, name, [this, name, caller, done](const Result<QStringList>& index) {
                          // The secret itself is stored and readable; only `list` misses it.
                          if (!index.ok()) {
                              qCWarning(lcSecrets).noquote()
                                  << "Stored" << name << "but could not add it to the list of stored names:"
                                  << index.error().message;
                          }
                          Q_EMIT changed(name);
                          deliver<Result<void>>(caller, done, Result<void>());
                      }});
    });
}

void KeychainSecretStore::remove(const QString& name, QObject* ctx, VoidCallback done)
{
    const Error bad = checkName(name);
    if (!bad.isNull()) {
        deliver<Result<void>>(ctx, std::move(done), bad);
        return;
    }
    const CallerContext caller(ctx);
    runJob(JobKind::Delete, name, {}, false, [this, name, caller, done](const JobOutcome& outcome) {
        qCDebug(lcSecrets) << "remove" << name << (outcome.status == Status::Ok ? "ok" : "failed");
        // Removing what is not there leaves the keychain as asked.
        if (outcome.status != Status::Ok && outcome.status != Status::NotFound) {
            deliver<Result<void>>(caller, done, errorFor(outcome, name));
            return;
        }
        enqueueIndex(
            {IndexOp::Kind::Remove, name, [this, name, caller, done](const Result<QStringList>& index) {
                 if (!index.ok()) {
                     qCWarning(lcSecrets).noquote()
                         << "Removed" << name
                         << "but could not drop it from the list of stored names:" << index.error().message;
                 }
                 Q_EMIT changed(name);
                 deliver<Result<void>>(caller, done, Result<void>());
             }});
    });
}

void KeychainSecretStore::list(QObject* ctx, ListCallback done)
{
    const CallerContext caller(ctx);
    enqueueIndex({IndexOp::Kind::List, {}, [this, caller, done](const Result<QStringList>& index) {
                      deliver<Result<QStringList>>(caller, done, index);
                  }});
}

void KeychainSecretStore::probe(QObject* ctx, VoidCallback done)
{
    const CallerContext caller(ctx);
    enqueueIndex({IndexOp::Kind::Probe, {}, [this, caller, done](const Result<QStringList>& index) {
                      deliver<Result<void>>(
                          caller, done, index.ok() ? Result<void>() : Result<void>(index.error()));
                  }});
}

void KeychainSecretStore::runJob(
    JobKind kind, const QString& key, const QString& value, bool isRetry, const JobCallback& done)
{
    QKeychain::Job* job = nullptr;
    switch (kind) {
    case JobKind::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case JobKind::Write: {
        auto* writeJob = new QKeychain::WritePasswordJob(m_service);
        writeJob->setTextData(value);
        job = writeJob;
        break;
    }
    case JobKind::Delete:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    // The libsecret backend keeps a raw pointer to the job until it answers, so a job is deleted
    // only after it has finished, never on timeout; it has no parent for the same reason.
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    job->setKey(key);

    // Whichever comes first, the job's answer or the timeout, is reported; the other is ignored.
    // A timer that has fired is inactive, which marks the job as answered.
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setInterval(m_jobTimeout);
    const QPointer<QTimer> timeout(timer);
    const QPointer<KeychainSecretStore> self(this);
    connect(job, &QKeychain::Job::finished, job,
        [self, timeout, kind, key, value, isRetry, done](QKeychain::Job* finished) {
            finished->deleteLater();
            if (!self || !timeout || !timeout->isActive())
                return;
            delete timeout.data();
            JobOutcome outcome;
            outcome.backendMessage = finished->errorString();
            switch (finished->error()) {
            case QKeychain::NoError:
                outcome.status = Status::Ok;
                outcome.backendMessage.clear();
                if (kind == JobKind::Read)
                    outcome.data = static_cast<QKeychain::ReadPasswordJob*>(finished)->textData();
                break;
            case QKeychain::EntryNotFound:
                outcome.status = Status::NotFound;
                break;
            case QKeychain::AccessDenied:
            case QKeychain::AccessDeniedByUser:
                outcome.status = Status::Denied;
                break;
            case QKeychain::NoBackendAvailable:
            case QKeychain::OtherError:
                outcome.status = Status::Unavailable;
                outcome.retryable = true;
                break;
            case QKeychain::NotImplemented:
                outcome.status = Status::Unavailable;
                break;
            case QKeychain::CouldNotDeleteEntry:
                outcome.status = Status::Failed;
                break;
            }
            self->jobFinished(kind, key, value, isRetry, outcome, done);
        });
    connect(timer, &QTimer::timeout, this, [timer, done]() {
        timer->deleteLater();
        JobOutcome outcome;
        outcome.status = Status::TimedOut;
        done(outcome);
    });
    timer->start();
    job->start();
}

void KeychainSecretStore::jobFinished(JobKind kind, const QString& key, const QString& value, bool isRetry,
    const JobOutcome& outcome, const JobCallback& done)
{
    if (outcome.status == Status::Unavailable && outcome.retryable && !isRetry && !m_firstUseSettled) {
        const QString note = QStringLiteral("The keychain is not reachable yet (%1); trying once more in %2.")
                                 .arg(outcome.backendMessage, durationText(m_retryDelay));
        qCInfo(lcSecrets).noquote() << note;
        QTimer::singleShot(
            m_retryDelay, this, [this, kind, key, value, done]() { runJob(kind, key, value, true, done); });
        return;
    }
    m_firstUseSettled = true;
    // Once per outage, not once per call.
    if (outcome.status == Status::Unavailable && !m_reportedUnavailable)
        qCWarning(lcSecrets).noquote() << "The keychain is not available:" << outcome.backendMessage;
    m_reportedUnavailable = outcome.status == Status::Unavailable;
    done(outcome);
}

void KeychainSecretStore::enqueueIndex(IndexOp op)
{
    m_indexQueue.append(std::move(op));
    pumpIndex();
}

// One batch at a time: read the index, apply every queued change, write it back once. Reading
// afresh for each batch picks up names another FinAgent process (the CLI, the app) added.
void KeychainSecretStore::pumpIndex()
{
    if (m_indexBusy || m_indexQueue.isEmpty())
        return;
    m_indexBusy = true;
    const QList<IndexOp> batch = std::exchange(m_indexQueue, {});

    runJob(JobKind::Read, indexKey(), {}, false, [this, batch](const JobOutcome& readOutcome) {
        if (readOutcome.status != Status::Ok && readOutcome.status != Status::NotFound) {
            finishIndexBatch(batch, errorFor(readOutcome, listSubject()));
            return;
        }
        QStringList names = readOutcome.status == Status::Ok ? parseIndex(readOutcome.data) : QStringList();
        const QStringList before = names;
        bool forceWrite = false;
        for (const IndexOp& op : batch) {
            switch (op.kind) {
            case IndexOp::Kind::Add:
                if (!names.contains(op.name))
                    names.append(op.name);
                break;
            case IndexOp::Kind::Remove:
                names.removeAll(op.name);
                break;
            case IndexOp::Kind::Probe:
                forceWrite = true;
                break;
            case IndexOp::Kind::List:
                break;
            }
        }
        std::sort(names.begin(), names.end());
        if (names == before && !forceWrite) {
            finishIndexBatch(batch, names);
            return;
        }
        runJob(JobKind::Write, indexKey(), serialiseIndex(names), false,
            [this, batch, names](const JobOutcome& writeOutcome) {
                if (writeOutcome.status == Status::Ok)
                    finishIndexBatch(batch, names);
                else
                    finishIndexBatch(batch, errorFor(writeOutcome, listSubject()));
            });
    });
}

void KeychainSecretStore::finishIndexBatch(const QList<IndexOp>& batch, const Result<QStringList>& result)
{
    m_indexBusy = false;
    for (const IndexOp& op : batch) {
        if (op.done)
            op.done(result);
    }
    pumpIndex();
}

QString KeychainSecretStore::durationText(std::chrono::milliseconds d) const
{
    if (d.count() < 1000)
        return QStringLiteral("%1 ms").arg(d.count());
    if (d.count() % 1000 == 0)
        return QStringLiteral("%1 s").arg(d.count() / 1000);
    return QStringLiteral("%1 s").arg(QString::number(static_cast<double>(d.count()) / 1000.0, 'f', 1));
}

Error KeychainSecretStore::errorFor(const JobOutcome& outcome, const QString& name) const
{
    const QString said = outcome.backendMessage.isEmpty()
        ? QString()
        : QStringLiteral(" (The keychain said: %1)").arg(outcome.backendMessage);
    const QJsonObject details {{QStringLiteral("backend"), backendName()},
        {QStringLiteral("backend_message"), outcome.backendMessage}};
    switch (outcome.status) {
    case Status::Ok:
        return {};
    case Status::NotFound:
        return Error(QStringLiteral("secret_not_found"),
            QStringLiteral("No secret named %1 is stored in the %2: set it in Accounts & keys or with "
                           "`finagent secrets set %1`.")
                .arg(name, backendName()),
            QJsonObject {{QStringLiteral("name"), name}});
    case Status::Unavailable:
        return unavailableError(outcome.backendMessage);
    case Status::Denied:
        return Error(QStringLiteral("keychain_access_denied"),
            QStringLiteral("The %1 refused access to %2: it is locked, or access was declined. Unlock "
                           "your keyring and try again.")
                    .arg(backendName(), name)
                + said,
            details);
    case Status::TimedOut:
        return Error(QStringLiteral("keychain_timeout"),
            QStringLiteral("The keychain did not answer within %1; it may be waiting for you to unlock "
                           "it. Unlock it (or answer its prompt) and try again.")
                .arg(durationText(m_jobTimeout)),
            QJsonObject {{QStringLiteral("backend"), backendName()}});
    case Status::Failed:
        break;
    }
    return Error(QStringLiteral("keychain_error"),
        QStringLiteral("The %1 could not complete the operation on %2.").arg(backendName(), name) + said,
        details);
}

Error KeychainSecretStore::unavailableError(const QString& backendMessage) const
{
    QString hint;
#if defined(Q_OS_WIN)
    hint =
        QStringLiteral("The Windows Credential Manager could not be used to keep FinAgent's secrets: check "
                       "that the Credential Manager service is running.");
#elif defined(Q_OS_MACOS)
    hint = QStringLiteral("The macOS Keychain could not be used to keep FinAgent's secrets: check that your "
                          "login keychain exists and is unlocked (Keychain Access).");
#else
    const QString reach =
        QStringLiteral(", so the Secret Service (org.freedesktop.secrets) cannot be reached: "
                       "run FinAgent inside a desktop session, or start a session bus with "
                       "dbus-run-session and a keyring with gnome-keyring-daemon --unlock.");
    const QString address = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
    const QString socket = busSocketPath(address);
    if (address.isEmpty() && qEnvironmentVariableIsEmpty("DISPLAY")) {
        hint =
            QStringLiteral("There is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set and there is "
                           "no display to start one)")
            + reach;
    } else if (!socket.isEmpty() && !QFileInfo::exists(socket)) {
        hint = QStringLiteral("There is no D-Bus session bus at %1 (DBUS_SESSION_BUS_ADDRESS)").arg(socket)
            + reach;
    } else if (backendMessage.contains(QLatin1String("collection"), Qt::CaseInsensitive)) {
        hint = QStringLiteral(
            "The Secret Service (org.freedesktop.secrets) has no default keyring to keep secrets "
            "in: create or unlock the login keyring in your keyring manager (Passwords and "
            "Keys, or KWallet).");
    } else {
        hint = QStringLiteral(
            "No Secret Service is running on the session D-Bus: install and start gnome-keyring "
            "or KWallet (org.freedesktop.secrets), then try again.");
    }
#endif
    if (!backendMessage.isEmpty())
        hint += QStringLiteral(" (The keychain said: %1)").arg(backendMessage);
    return Error(QStringLiteral("keychain_unavailable"), hint,
        QJsonObject {
            {QStringLiteral("backend"), backendName()}, {QStringLiteral("backend_message"), backendMessage}});
}
