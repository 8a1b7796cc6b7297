#include "runtime/healthmonitor.h"

#include "core/buildinfo.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>

#include <memory>

QJsonObject SubsystemHealth::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name}, {QStringLiteral("status"), status}, {QStringLiteral("detail"), detail}};
    if (!data.isEmpty())
        o.insert(QStringLiteral("data"), data);
    return o;
}

HealthMonitor::HealthMonitor(QString mode, QObject* parent)
    : QObject(parent)
    , m_mode(std::move(mode))
{
    m_started.start();
}

void HealthMonitor::addProbe(const QString& name, Probe probe, const QString& statusOnTimeout)
{
    m_probes.append(Entry{name, std::move(probe), statusOnTimeout});
}

void HealthMonitor::addStatic(const QString& name, std::function<SubsystemHealth()> snapshot)
{
    addProbe(name, [snapshot](QObject*, std::function<void(SubsystemHealth)> done) { done(snapshot()); });
}

QJsonObject HealthMonitor::quick() const
{
    return QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                       {QStringLiteral("version"), QStringLiteral(FINAGENT_VERSION)},
                       {QStringLiteral("uptime_ms"), double(uptimeMs())},
                       {QStringLiteral("mode"), m_mode}};
}

namespace {

int severity(const QString& status)
{
    if (status == QLatin1String("down"))
        return 2;
    if (status == QLatin1String("degraded"))
        return 1;
    return 0;
}

} // namespace

void HealthMonitor::check(QObject* ctx, std::function<void(QJsonObject)> done)
{
    struct Pending
    {
        QList<SubsystemHealth> results;
        int remaining = 0;
        bool delivered = false;
    };
    auto pending = std::make_shared<Pending>();
    pending->remaining = int(m_probes.size());
    pending->results.resize(m_probes.size());
    // Owned by ctx so the whole check ends with the caller (a cancelled tool call).
    QPointer<QObject> guard = new QObject(ctx);
    QPointer<HealthMonitor> self(this);

    auto deliver = [pending, guard, self, done]() {
        if (pending->delivered || !self || !guard)
            return;
        pending->delivered = true;
        QJsonObject out = self->quick();
        QJsonArray subsystems;
        int worst = 0;
        for (const SubsystemHealth& h : pending->results) {
            subsystems.append(h.toJson());
            worst = qMax(worst, severity(h.status));
        }
        out.insert(QStringLiteral("status"),
                   worst == 2 ? QStringLiteral("down") : worst == 1 ? QStringLiteral("degraded") : QStringLiteral("ok"));
        out.insert(QStringLiteral("subsystems"), subsystems);
        guard->deleteLater();
        done(out);
    };

    for (int i = 0; i < m_probes.size(); ++i) {
        pending->results[i] = SubsystemHealth{m_probes[i].name,
                                              m_probes[i].statusOnTimeout,
                                              QStringLiteral("no answer within %1 ms").arg(m_timeoutMs),
                                              {}};
    }
    if (m_probes.isEmpty()) {
        deliver();
        return;
    }
    // A timer owned by the guard, not QTimer::singleShot: a single-shot functor is kept (with the
    // pending results) until its time is up even after the check has answered, so at a few thousand
    // checks a second every check of the last timeout period stayed in memory.
    auto* timeout = new QTimer(guard.data());
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, guard.data(), deliver);
    timeout->start(m_timeoutMs);
    for (int i = 0; i < m_probes.size(); ++i) {
        m_probes[i].probe(guard.data(), [pending, i, deliver, name = m_probes[i].name](SubsystemHealth h) {
            if (pending->delivered)
                return;
            h.name = name;
            pending->results[i] = h;
            if (--pending->remaining == 0)
                deliver();
        });
    }
}
