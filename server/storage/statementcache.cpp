#include "storage/statementcache.h"

#include "storage/sqlerror.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlResult>
#include <QThread>

namespace
{

// Whether the query still holds a statement: the driver finalizes its statements when the
// connection is closed, and Qt finalizes one whose reset or binding failed.
bool isLive(const QSqlQuery& query)
{
    const QSqlResult* result = query.result();
    if (!result)
        return false;
    const QVariant handle = result->handle();
    return handle.isValid() && *static_cast<void* const*>(handle.constData()) != nullptr;
}

} // namespace

StatementCache::StatementCache(QObject* driver)
    : QObject(driver)
{ }

StatementCache* StatementCache::of(const QSqlDatabase& db, bool create)
{
    QSqlDriver* driver = db.driver();
    if (!driver || !db.isOpen() || driver->thread() != QThread::currentThread())
        return nullptr;
    auto* cache = driver->findChild<StatementCache*>(QString(), Qt::FindDirectChildrenOnly);
    if (!cache && create)
        cache = new StatementCache(driver);
    return cache;
}

QSqlQuery* StatementCache::prepared(const QSqlDatabase& db, const QString& sql, qsizetype valueCount)
{
    if (Storage::isPostgres(db))
        return nullptr;
    StatementCache* cache = of(db, true);
    if (!cache)
        return nullptr;
    const auto found = cache->m_statements.find(sql);
    if (found != cache->m_statements.end()) {
        if (found->second.valueCount != valueCount)
            return nullptr;
        if (isLive(*found->second.query))
            return found->second.query.get();
        cache->m_statements.erase(found);
    }
    auto query = std::make_unique<QSqlQuery>(db);
    query->setForwardOnly(true);
    if (!query->prepare(sql))
        return nullptr;
    QSqlQuery* out = query.get();
    cache->m_statements.emplace(sql, Entry {std::move(query), valueCount});
    return out;
}

void StatementCache::forget(const QSqlDatabase& db, const QString& sql)
{
    if (StatementCache* cache = of(db, false))
        cache->m_statements.erase(sql);
}

void StatementCache::release(const QSqlDatabase& db)
{
    QSqlDriver* driver = db.driver();
    if (!driver || driver->thread() != QThread::currentThread())
        return;
    delete driver->findChild<StatementCache*>(QString(), Qt::FindDirectChildrenOnly);
}
