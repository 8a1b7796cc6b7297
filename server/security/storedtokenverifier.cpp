#include "security/storedtokenverifier.h"

#include "security/tokenstore.h"
#include "storage/database.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <utility>

Q_LOGGING_CATEGORY(lcTokens, "finagent.security.tokens")

namespace
{

struct Snapshot
{
    QList<ApiToken> tokens;
};

} // namespace

StoredTokenVerifier::StoredTokenVerifier(Database& database, int refreshMs, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
    m_timer.setInterval(qMax(50, refreshMs));
    connect(&m_timer, &QTimer::timeout, this, &StoredTokenVerifier::refresh);
}

void StoredTokenVerifier::start()
{
    m_timer.start();
    refresh();
}

qint64 StoredTokenVerifier::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

std::optional<Principal> StoredTokenVerifier::verify(const QByteArray& presented) const
{
    // Only FinAgent's own token shape is looked up; anything else (a JWT, the operator token) is
    // left to the other verifiers without hashing it.
    if (!presented.startsWith("fa_") || presented.size() > 128)
        return std::nullopt;
    // The lookup is by hash: timing can reveal at most something about a hash, never the token.
    const auto it = m_byHash.constFind(ApiToken::hashOf(presented));
    if (it == m_byHash.constEnd())
        return std::nullopt;
    if (it->expiresAt && *it->expiresAt <= now())
        return std::nullopt;
    m_used.insert(it->id);
    return Principal {it->name, QStringLiteral("token"),
        it->rateLimitPerMinute ? *it->rateLimitPerMinute : Principal::kDefaultRateLimit};
}

void StoredTokenVerifier::refresh()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    const QSet<qint64> used = std::exchange(m_used, {});
    const qint64 at = now();
    m_database.run<Snapshot>(
        this,
        [used, at](QSqlDatabase& db) -> Result<Snapshot> {
            // last_used_at is only a hint for `token list`: a failed write must not keep the
            // snapshot from loading.
            const Result<void> touched = TokenStore::touchJob(db, used, at);
            if (!touched)
                qCWarning(lcTokens).noquote() << "could not record token use:" << touched.error().message;
            Result<QList<ApiToken>> tokens = TokenStore::usableJob(db, at);
            if (!tokens)
                return tokens.error();
            return Snapshot {tokens.value()};
        },
        [this, used](Result<Snapshot> r) {
            m_refreshing = false;
            if (!r) {
                m_used.unite(used);
                if (m_lastError != r.error().message)
                    qCWarning(lcTokens).noquote()
                        << "could not load the access tokens (the last known ones stay valid):"
                        << r.error().message;
                m_lastError = r.error().message;
                Q_EMIT refreshed(false);
                return;
            }
            QHash<QByteArray, Entry> next;
            for (const ApiToken& t : r.value().tokens)
                next.insert(t.hash, Entry {t.id, t.name, t.expiresAt, t.rateLimitPerMinute});
            bool changed = !m_loaded || next.size() != m_byHash.size();
            for (auto it = next.cbegin(); !changed && it != next.cend(); ++it)
                changed = !m_byHash.contains(it.key());
            // Logged when the set changes, not only its size: one token expiring as another is
            // created is a change too.
            if (changed)
                qCInfo(lcTokens) << "named access tokens in use:" << next.size();
            m_byHash = std::move(next);
            m_loaded = true;
            m_lastError.clear();
            Q_EMIT refreshed(true);
        });
}
