#pragma once

#include "security/accesspolicy.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

class Database;

// Checks named tokens from the api_tokens table. Verification must stay synchronous and cheap (it
// runs for every request on the event loop), so it looks in an in-memory snapshot keyed by the
// token hash; the snapshot is reloaded from the database every `refreshMs` on the database's own
// thread. A token created or revoked elsewhere (`finagent token`, another replica) is therefore
// seen within one refresh interval. When the database cannot be read, the last snapshot stays.
class StoredTokenVerifier : public QObject, public TokenVerifier
{
    Q_OBJECT
public:
    StoredTokenVerifier(Database& database, int refreshMs, QObject* parent = nullptr);

    // Loads the first snapshot now, then keeps it fresh.
    void start();
    std::optional<Principal> verify(const QByteArray& presented) const override;

    bool isLoaded() const { return m_loaded; } // the first snapshot has arrived
    int tokenCount() const { return int(m_byHash.size()); }
    QString lastError() const { return m_lastError; }
    // For tests: where "now" comes from (ms since the epoch).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

Q_SIGNALS:
    void refreshed(bool ok);

private:
    struct Entry
    {
        qint64 id = 0;
        QString name;
        std::optional<qint64> expiresAt;
        std::optional<int> rateLimitPerMinute;
    };
    void refresh();
    qint64 now() const;

    Database& m_database;
    QTimer m_timer;
    QHash<QByteArray, Entry> m_byHash;
    mutable QSet<qint64> m_used; // written back as last_used_at on the next refresh
    std::function<qint64()> m_clock;
    bool m_loaded = false;
    bool m_refreshing = false;
    QString m_lastError;
};
