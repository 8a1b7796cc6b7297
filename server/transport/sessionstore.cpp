#include "transport/sessionstore.h"

#include "core/securerandom.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSysInfo>

Q_LOGGING_CATEGORY(lcSessions, "finagent.sessions")

namespace
{

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Changes are read again for this long after they were written: it covers transactions that
// commit late and clocks of other hosts that run a little behind.
constexpr qint64 kPollOverlapMs = 10000;

Error notFound()
{
    return Error(QStringLiteral("session_not_found"),
        QStringLiteral(
            "Session not found: it ended or never existed; send initialize to start a new session"));
}

} // namespace

SessionStore::SessionStore(Database& db, QObject* parent)
    : SessionStore(db, Config(), parent)
{ }

SessionStore::SessionStore(Database& db, Config config, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_config(config)
    , m_instanceId(
          QStringLiteral("%1@%2").arg(QCoreApplication::applicationPid()).arg(QSysInfo::machineHostName()))
{
    m_pollTimer.setInterval(qMax(10, m_config.pollIntervalMs));
    connect(&m_pollTimer, &QTimer::timeout, this, &SessionStore::poll);
    m_purgeTimer.setInterval(5 * 60 * 1000);
    connect(&m_purgeTimer, &QTimer::timeout, this, &SessionStore::purge);
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setInterval(qMax(10, m_config.retryMs));
    connect(&m_retryTimer, &QTimer::timeout, this, &SessionStore::loadKey);
}

SessionStore::~SessionStore() = default;

void SessionStore::start(const QByteArray& secret)
{
    m_secret = secret;
    m_state = State::Starting;
    loadKey();
}

void SessionStore::fail(const QString& why)
{
    m_retryTimer.stop();
    m_secret.clear();
    settle(Error(QStringLiteral("session_key_unreadable"), why), false);
}

void SessionStore::loadKey()
{
    if (!m_secret.isEmpty()) {
        m_signer = std::make_unique<SessionSigner>(SessionSigner::keyFromSecret(m_secret));
        qCInfo(lcSessions).noquote() << "session ids are signed with the key from FINAGENT_HTTP_SESSION_KEY";
        settle({});
        return;
    }
    const QString candidate = QString::fromLatin1(SecureRandom::bytes(SessionSigner::keyBytes).toBase64());
    m_db.run<QString>(
        this, [candidate](QSqlDatabase& db) { return SessionJobs::loadOrCreateKey(db, candidate); },
        [this](Result<QString> key) {
            if (!key) {
                settle(key.error());
                return;
            }
            const QByteArray bytes = QByteArray::fromBase64(key.value().toLatin1());
            if (bytes.size() != SessionSigner::keyBytes) {
                settle(Error(QStringLiteral("session_key_invalid"),
                    QStringLiteral(
                        "The session key kept in the database (kv_meta mcp.session_key) is not %1 "
                        "bytes of base64; delete that row to have a new one made (open sessions end).")
                        .arg(SessionSigner::keyBytes)));
                return;
            }
            m_signer = std::make_unique<SessionSigner>(bytes);
            settle({});
        });
}

void SessionStore::settle(Result<void> result, bool retry)
{
    if (result.ok()) {
        m_state = State::Ready;
        m_failure.clear();
        m_pollFrom = nowMs() - kPollOverlapMs;
        m_pollTimer.start();
        m_purgeTimer.start();
        purge();
        Q_EMIT ready();
    } else {
        m_state = State::Failed;
        m_failure = retry ? QStringLiteral("Sessions cannot be shared with other processes yet: %1 Retrying.")
                                .arg(result.error().message)
                          : QStringLiteral("Sessions cannot be shared with other processes: %1")
                                .arg(result.error().message);
        qCWarning(lcSessions).noquote() << m_failure;
        if (retry)
            m_retryTimer.start();
    }
    m_retrying = retry;
    auto waiting = std::move(m_waiting);
    m_waiting.clear();
    for (auto& [ctx, done] : waiting) {
        if (ctx)
            done(result.ok() ? Result<void>() : Result<void>(unavailable()));
    }
}

Error SessionStore::unavailable() const
{
    // Clients get a sentence without the database's own words; the log has those.
    return Error(QStringLiteral("session_store_unavailable"),
        m_retrying
            ? QStringLiteral("Sessions cannot be opened or checked right now: the database that holds them "
                             "does not answer. Try again shortly.")
            : QStringLiteral("Sessions are unavailable on this server: its session key is configured but "
                             "cannot be read. The operator must fix FINAGENT_HTTP_SESSION_KEY_FILE."));
}

void SessionStore::whenReady(QObject* ctx, std::function<void(Result<void>)> done)
{
    switch (m_state) {
    case State::Ready:
        done({});
        return;
    case State::Failed:
        done(unavailable());
        return;
    case State::Starting:
        m_waiting.append({QPointer<QObject>(ctx), std::move(done)});
        return;
    }
}

QString SessionStore::mint(const SessionClaims& claims) const
{
    return m_signer ? m_signer->mint(claims) : QString();
}

std::optional<SessionClaims> SessionStore::verify(const QString& id) const
{
    if (!m_signer)
        return std::nullopt;
    return m_signer->verify(id);
}

void SessionStore::open(
    const QString& id, qint64 issuedAt, QObject* ctx, std::function<void(Result<void>)> done)
{
    const QString hash = SessionSigner::idHash(id);
    const qint64 t = nowMs();
    m_touched.insert(hash, t);
    m_db.run<void>(
        ctx, [hash, issuedAt, t](QSqlDatabase& db) { return SessionJobs::insert(db, hash, issuedAt, t); },
        std::move(done));
}

void SessionStore::lookup(
    const QString& id, qint64 idleTimeoutMs, QObject* ctx, std::function<void(Result<SessionRecord>)> done)
{
    const QString hash = SessionSigner::idHash(id);
    const qint64 t = nowMs();
    m_db.run<SessionRecord>(
        ctx,
        [hash, t, idleTimeoutMs](QSqlDatabase& db) -> Result<SessionRecord> {
            Result<std::optional<SessionRecord>> row = SessionJobs::find(db, hash);
            if (!row)
                return row.error();
            if (!row.value() || row.value()->endedAt)
                return notFound();
            if (row.value()->lastUsedAt < t - idleTimeoutMs) {
                const Result<bool> ended = SessionJobs::endIfIdle(db, hash, t, idleTimeoutMs);
                if (!ended)
                    return ended.error();
                return notFound();
            }
            const Result<void> touched = SessionJobs::touch(db, hash, t);
            if (!touched)
                return touched.error();
            return *row.value();
        },
        [this, hash, t, done = std::move(done)](Result<SessionRecord> r) {
            if (r.ok())
                m_touched.insert(hash, t);
            done(std::move(r));
        });
}

void SessionStore::touch(const QString& id)
{
    touchHashed(SessionSigner::idHash(id));
}

void SessionStore::touchHashed(const QString& hash)
{
    const qint64 t = nowMs();
    // A write well inside the idle timeout, however short that is.
    if (t - m_touched.value(hash, 0) < qMin<qint64>(m_config.touchIntervalMs, m_idleTimeoutMs / 4))
        return;
    m_touched.insert(hash, t);
    m_db.run<void>(
        this, [hash, t](QSqlDatabase& db) { return SessionJobs::touch(db, hash, t); },
        [](Result<void> r) {
            if (!r)
                qCWarning(lcSessions).noquote()
                    << "could not record a session's last use:" << r.error().message;
        });
}

void SessionStore::end(
    const QString& id, const QString& reason, QObject* ctx, std::function<void(Result<void>)> done)
{
    const QString hash = SessionSigner::idHash(id);
    m_touched.remove(hash);
    const qint64 t = nowMs();
    m_db.run<void>(
        ctx,
        [hash, t, reason](QSqlDatabase& db) -> Result<void> {
            const Result<bool> ended = SessionJobs::end(db, hash, t, reason);
            if (!ended)
                return ended.error();
            return {};
        },
        std::move(done));
}

void SessionStore::expireIfIdle(const QString& id, qint64 idleTimeoutMs)
{
    const QString hash = SessionSigner::idHash(id);
    m_touched.remove(hash);
    const qint64 t = nowMs();
    m_db.run<bool>(
        this,
        [hash, t, idleTimeoutMs](
            QSqlDatabase& db) { return SessionJobs::endIfIdle(db, hash, t, idleTimeoutMs); },
        [](Result<bool> r) {
            if (!r)
                qCWarning(lcSessions).noquote() << "could not end an idle session:" << r.error().message;
        });
}

void SessionStore::updateState(const QString& id, const SessionStateDelta& delta, QObject* ctx,
    std::function<void(Result<SessionRecord>)> done)
{
    const QString hash = SessionSigner::idHash(id);
    const qint64 t = nowMs();
    m_db.run<SessionRecord>(
        ctx, [hash, delta, t](QSqlDatabase& db) { return SessionJobs::applyDelta(db, hash, delta, t); },
        std::move(done));
}

void SessionStore::poll()
{
    if (m_polling)
        return;
    m_polling = true;
    const qint64 started = nowMs();
    const qint64 since = m_pollFrom;
    m_db.run<QList<SessionRecord>>(
        this, [since](QSqlDatabase& db) { return SessionJobs::changedSince(db, since); },
        [this, started](Result<QList<SessionRecord>> rows) {
            m_polling = false;
            if (!rows) {
                if (!m_pollFailing)
                    qCWarning(lcSessions).noquote()
                        << "could not read session changes:" << rows.error().message;
                m_pollFailing = true;
                return;
            }
            m_pollFailing = false;
            m_pollFrom = started - kPollOverlapMs;
            // Rows stay in the window for a while: report each version once.
            QHash<QString, std::pair<int, bool>> seen;
            QList<SessionRecord> fresh;
            for (const SessionRecord& r : rows.value()) {
                const std::pair<int, bool> key {r.stateVersion, r.endedAt.has_value()};
                seen.insert(r.idHash, key);
                if (m_seen.value(r.idHash, {-1, false}) != key)
                    fresh.append(r);
            }
            m_seen = std::move(seen);
            if (!fresh.isEmpty())
                Q_EMIT changed(fresh);
        });
}

void SessionStore::purge()
{
    const qint64 t = nowMs();
    for (auto it = m_touched.begin(); it != m_touched.end();) {
        if (t - it.value() > qMax<qint64>(m_config.touchIntervalMs, m_idleTimeoutMs))
            it = m_touched.erase(it);
        else
            ++it;
    }
    const qint64 idle = m_idleTimeoutMs;
    const qint64 retention = m_config.retentionMs;
    m_db.run<int>(
        this, [t, idle, retention](QSqlDatabase& db) { return SessionJobs::purge(db, t, idle, retention); },
        [](Result<int> r) {
            if (!r)
                qCWarning(lcSessions).noquote() << "could not remove old sessions:" << r.error().message;
        });
}
