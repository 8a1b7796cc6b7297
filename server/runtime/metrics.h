#pragma once

#include "runtime/prometheustext.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <QVector>

#include <functional>

// The counters behind GET /metrics (Prometheus text format 0.0.4). Label values are bounded:
// routes are path patterns (never ids), tools come from the registry, providers and endpoints are
// fixed names in the market code. Values kept elsewhere (cache statistics, open sessions) are read
// at scrape time by collectors.
class Metrics : public QObject
{
    Q_OBJECT
public:
    using Collector = std::function<void(PrometheusText& out)>;

    explicit Metrics(QString version, QObject* parent = nullptr);

    // `route` is the endpoint's route pattern, or empty for a path no route matched ("other").
    void countHttpRequest(const QByteArray& method, const QString& route, int status);
    // outcome: ok | error | invalid | cancelled
    void countToolCall(const QString& tool, const QString& outcome, qint64 durationMs);
    // status 0: no HTTP answer (timeout or network error)
    void countUpstreamRequest(const QString& provider, const QString& endpoint, int status);
    void addCollector(Collector collector);

    QByteArray render() const;

    // Upper bounds of the tool call duration histogram, in seconds (5 ms .. 10 s).
    static const QVector<double>& durationBuckets();

private:
    struct Histogram
    {
        QVector<qint64> counts; // per bucket, not cumulative; rendered cumulatively
        double sumSeconds = 0;
        qint64 count = 0;
    };

    QString m_version;
    QMap<QStringList, qint64> m_http; // method, path, status
    QMap<QStringList, qint64> m_toolCalls; // tool, outcome
    QMap<QString, Histogram> m_durations; // tool
    QMap<QStringList, qint64> m_upstream; // provider, endpoint, status
    QList<Collector> m_collectors;
};
