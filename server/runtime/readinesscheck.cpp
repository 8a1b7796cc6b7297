#include "runtime/readinesscheck.h"

#include "runtime/runtime.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

#include <utility>

namespace
{

constexpr int kDatabaseTimeoutMs = 2000;

} // namespace

ReadinessCheck::ReadinessCheck(Runtime& runtime, QObject* parent)
    : QObject(parent)
    , m_runtime(runtime)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(kDatabaseTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this]() {
        finish(QStringLiteral("database: no answer to SELECT 1 within %1 ms").arg(m_timeout.interval()));
    });
}

void ReadinessCheck::check(QObject* ctx, Done done)
{
    m_waiters.append(Waiter {ctx, std::move(done)});
    if (m_waiters.size() > 1)
        return; // a check is running; its answer is shared
    const quint64 round = ++m_round;
    m_timeout.start();
    m_runtime.database().run<int>(
        this,
        [](QSqlDatabase& db) -> Result<int> {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT 1")) || !q.next())
                return Error(QStringLiteral("database_unavailable"), q.lastError().text().trimmed());
            return q.value(0).toInt();
        },
        [this, round](Result<int> r) {
            if (round != m_round || m_waiters.isEmpty())
                return; // answered by the timeout already
            finish(r.ok() ? QString() : QStringLiteral("database: %1").arg(r.error().message));
        });
}

void ReadinessCheck::finish(const QString& databaseProblem)
{
    m_timeout.stop();
    ++m_round; // a late database answer belongs to no one now
    QStringList reasons = m_runtime.startupPending();
    if (!databaseProblem.isEmpty() && !reasons.join(QLatin1Char('\n')).contains(QLatin1String("database:")))
        reasons.append(databaseProblem);
    const bool ready = reasons.isEmpty();

    QJsonObject body {
        {QStringLiteral("status"), ready ? QStringLiteral("ready") : QStringLiteral("not_ready")},
        {QStringLiteral("database"), databaseProblem.isEmpty() ? QStringLiteral("ok") : databaseProblem}};
    if (!ready)
        body.insert(QStringLiteral("reasons"), QJsonArray::fromStringList(reasons));
    // For information only (upstream providers' state).
    body.insert(QStringLiteral("details"), m_runtime.readinessDetails());

    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter& w : waiters) {
        if (w.ctx)
            w.done(ready, body);
    }
}
