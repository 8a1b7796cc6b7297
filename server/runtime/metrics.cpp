#include "runtime/metrics.h"

namespace
{

using Labels = PrometheusText::Labels;

Labels labels(const QStringList& names, const QStringList& values)
{
    Labels out;
    for (qsizetype i = 0; i < names.size() && i < values.size(); ++i)
        out.append({names.at(i), values.at(i)});
    return out;
}

void counterFamily(PrometheusText& out, const QString& name, const QString& help,
    const QStringList& labelNames, const QMap<QStringList, qint64>& values)
{
    out.family(name, "counter", help);
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        out.sample(name, labels(labelNames, it.key()), it.value());
}

} // namespace

Metrics::Metrics(QString version, QObject* parent)
    : QObject(parent)
    , m_version(std::move(version))
{ }

const QVector<double>& Metrics::durationBuckets()
{
    static const QVector<double> buckets {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    return buckets;
}

void Metrics::countHttpRequest(const QByteArray& method, const QString& route, int status)
{
    ++m_http[QStringList {QString::fromLatin1(method), route.isEmpty() ? QStringLiteral("other") : route,
        QString::number(status)}];
}

void Metrics::countToolCall(const QString& tool, const QString& outcome, qint64 durationMs)
{
    ++m_toolCalls[QStringList {tool, outcome}];
    Histogram& h = m_durations[tool];
    const QVector<double>& bounds = durationBuckets();
    if (h.counts.isEmpty())
        h.counts.fill(0, bounds.size());
    const double seconds = double(qMax<qint64>(0, durationMs)) / 1000.0;
    for (qsizetype i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds.at(i)) {
            ++h.counts[i];
            break;
        }
    }
    h.sumSeconds += seconds;
    ++h.count;
}

void Metrics::countUpstreamRequest(const QString& provider, const QString& endpoint, int status)
{
    ++m_upstream[QStringList {provider, endpoint, QString::number(status)}];
}

void Metrics::addCollector(Collector collector)
{
    m_collectors.append(std::move(collector));
}

QByteArray Metrics::render() const
{
    PrometheusText out;
    out.family(QStringLiteral("finagent_build_info"), "gauge", QStringLiteral("FinAgent version; always 1."));
    out.sample(QStringLiteral("finagent_build_info"), {{QStringLiteral("version"), m_version}}, qint64(1));

    counterFamily(out, QStringLiteral("finagent_http_requests_total"),
        QStringLiteral("HTTP requests answered, by method, route and status."),
        {QStringLiteral("method"), QStringLiteral("path"), QStringLiteral("status")}, m_http);
    counterFamily(out, QStringLiteral("finagent_tool_calls_total"),
        QStringLiteral("MCP tool calls finished, by tool and outcome (ok, error, invalid, cancelled)."),
        {QStringLiteral("tool"), QStringLiteral("outcome")}, m_toolCalls);

    const QString histogram = QStringLiteral("finagent_tool_call_duration_seconds");
    out.family(histogram, "histogram", QStringLiteral("Duration of MCP tool calls, by tool."));
    const QVector<double>& bounds = durationBuckets();
    for (auto it = m_durations.cbegin(); it != m_durations.cend(); ++it) {
        qint64 cumulative = 0;
        for (qsizetype i = 0; i < bounds.size(); ++i) {
            cumulative += it->counts.value(i);
            out.sample(histogram + QStringLiteral("_bucket"),
                {{QStringLiteral("tool"), it.key()},
                    {QStringLiteral("le"), PrometheusText::formatValue(bounds.at(i))}},
                cumulative);
        }
        out.sample(histogram + QStringLiteral("_bucket"),
            {{QStringLiteral("tool"), it.key()}, {QStringLiteral("le"), QStringLiteral("+Inf")}}, it->count);
        out.sample(histogram + QStringLiteral("_sum"), {{QStringLiteral("tool"), it.key()}}, it->sumSeconds);
        out.sample(histogram + QStringLiteral("_count"), {{QStringLiteral("tool"), it.key()}}, it->count);
    }

    counterFamily(out, QStringLiteral("finagent_upstream_requests_total"),
        QStringLiteral(
            "Requests to market data providers, by provider, endpoint and HTTP status (0: no answer)."),
        {QStringLiteral("provider"), QStringLiteral("endpoint"), QStringLiteral("status")}, m_upstream);

    for (const Collector& collect : m_collectors)
        collect(out);
    return out.text();
}
