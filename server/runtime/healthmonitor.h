#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>

// What each subsystem reports about itself, for the health_check tool and GET /health.
struct SubsystemHealth
{
    QString name;
    QString status; // "ok", "degraded", "down" or "disabled"
    QString detail; // a sentence for a person
    QJsonObject data;

    QJsonObject toJson() const;
};

class HealthMonitor : public QObject
{
    Q_OBJECT
public:
    using Probe = std::function<void(QObject* ctx, std::function<void(SubsystemHealth)> done)>;

    explicit HealthMonitor(QString mode, QObject* parent = nullptr);

    // A probe answers asynchronously; one that does not answer within the timeout is reported with
    // `statusOnTimeout` ("down" unless the subsystem is optional).
    void addProbe(const QString& name, Probe probe, const QString& statusOnTimeout = QStringLiteral("down"));
    void addStatic(const QString& name, std::function<SubsystemHealth()> snapshot);

    qint64 uptimeMs() const { return m_started.elapsed(); }
    QString mode() const { return m_mode; }
    void setProbeTimeoutMs(int ms) { m_timeoutMs = ms; }

    // {"status","version","uptime_ms","mode","subsystems":[...]}; status is the worst of them.
    void check(QObject* ctx, std::function<void(QJsonObject)> done);
    // The cheap part only (no probes): for GET /health, which load balancers call often.
    QJsonObject quick() const;

private:
    struct Entry
    {
        QString name;
        Probe probe;
        QString statusOnTimeout;
    };
    QString m_mode;
    QElapsedTimer m_started;
    QList<Entry> m_probes;
    int m_timeoutMs = 3000;
};
