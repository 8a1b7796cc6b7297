#pragma once

#include "core/result.h"
#include "transport/sessionjobs.h"
#include "transport/sessionsigner.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class Database;

// Sessions that every process on one database accepts (`serve` replicas behind a load balancer).
// Ids are signed (SessionSigner) with a key the processes share: the operator's secret when one is
// given, else a random key created once in the database (kv_meta). The database also keeps, per
// session, when it was last used (for the idle timeout), whether it ended (DELETE, idle), and the
// shared state (log level, subscriptions); every process polls it for sessions ended or changed
// elsewhere, so what it holds in memory is at most pollIntervalMs out of date.
class SessionStore : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        int pollIntervalMs = 1000; // how stale a held session's "ended"/state may be
        int touchIntervalMs = 60000; // last use is written at most this often per session
        qint64 retentionMs = 10 * 60 * 1000; // ended or expired rows are kept this long
        int retryMs = 5000; // after a failed start (database down)
    };
    enum class State
    {
        Starting,
        Ready,
        Failed
    };

    SessionStore(Database& db, Config config, QObject* parent = nullptr);
    explicit SessionStore(Database& db, QObject* parent = nullptr);
    ~SessionStore() override;

    // Loads the key: from `secret` when it is not empty (never stored), else from the database.
    // Retries while the database cannot be reached.
    void start(const QByteArray& secret = {});
    // Refuses to share sessions for good (a key was configured but cannot be read): guessing
    // another key would split the replicas.
    void fail(const QString& why);
    State state() const { return m_state; }
    // Why the store is not ready, in the database's words (for logs and health), or empty.
    QString failure() const { return m_failure; }
    // Runs `done` once the store is ready (now, if it is) or has failed its latest attempt.
    void whenReady(QObject* ctx, std::function<void(Result<void>)> done);
    // "<pid>@<host>": names this process in responses and logs.
    const QString& instanceId() const { return m_instanceId; }

    // Only when ready.
    QString mint(const SessionClaims& claims) const;
    std::optional<SessionClaims> verify(const QString& id) const;

    // Records a new session; until this is done other processes do not accept its id.
    void open(const QString& id, qint64 issuedAt, QObject* ctx, std::function<void(Result<void>)> done);
    // A session this process does not hold: its record if it is live. Errors: session_not_found
    // (no record, ended, or idle for idleTimeoutMs), or a database error.
    void lookup(const QString& id, qint64 idleTimeoutMs, QObject* ctx,
        std::function<void(Result<SessionRecord>)> done);
    // Notes a use of the session (written at most every touchIntervalMs per session).
    void touch(const QString& id);
    // The same for a caller that holds SessionSigner::idHash(id) already: no hash per request.
    void touchHashed(const QString& idHash);
    // Ends the session for every process.
    void end(const QString& id, const QString& reason, QObject* ctx, std::function<void(Result<void>)> done);
    // Ends the session for every process if none used it for idleTimeoutMs.
    void expireIfIdle(const QString& id, qint64 idleTimeoutMs);
    void updateState(const QString& id, const SessionStateDelta& delta, QObject* ctx,
        std::function<void(Result<SessionRecord>)> done);
    // Tells the store the longest idle timeout in use, for purging old rows.
    void setIdleTimeoutMs(qint64 idleTimeoutMs) { m_idleTimeoutMs = idleTimeoutMs; }

Q_SIGNALS:
    void ready();
    // Sessions ended or whose shared state changed recently (by any process, this one included).
    void changed(const QList<SessionRecord>& records);

private:
    void loadKey();
    void settle(Result<void> result, bool retry = true);
    Error unavailable() const;
    void poll();
    void purge();

    Database& m_db;
    Config m_config;
    State m_state = State::Starting;
    QString m_failure;
    QByteArray m_secret;
    std::unique_ptr<SessionSigner> m_signer;
    QString m_instanceId;
    QList<std::pair<QPointer<QObject>, std::function<void(Result<void>)>>> m_waiting;
    QHash<QString, qint64> m_touched; // id hash -> when its last use was written
    QHash<QString, std::pair<int, bool>> m_seen; // id hash -> (state version, ended) last reported
    qint64 m_pollFrom = 0;
    QTimer m_pollTimer;
    QTimer m_purgeTimer;
    QTimer m_retryTimer;
    bool m_polling = false;
    bool m_pollFailing = false; // warned once until a poll works again
    bool m_retrying = true; // a failed start is tried again
    qint64 m_idleTimeoutMs = 60 * 60 * 1000;
};
