#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class Runtime;

// GET /ready: whether this instance should get traffic. Ready when the runtime has finished
// starting (Runtime::startupPending() is empty) and the database answers SELECT 1 in time.
// Providers' state is reported but never makes an instance unready: an upstream outage is not
// fixed by sending traffic elsewhere. Checks that arrive while one is running share its answer, so
// probes cannot pile up jobs on a stuck database.
class ReadinessCheck : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(bool ready, const QJsonObject& body)>;

    explicit ReadinessCheck(Runtime& runtime, QObject* parent = nullptr);

    void check(QObject* ctx, Done done);
    void setTimeoutMs(int ms) { m_timeout.setInterval(ms); }

private:
    struct Waiter
    {
        QPointer<QObject> ctx;
        Done done;
    };
    void finish(const QString& databaseProblem);

    Runtime& m_runtime;
    QList<Waiter> m_waiters;
    QTimer m_timeout;
    quint64 m_round = 0;
};
