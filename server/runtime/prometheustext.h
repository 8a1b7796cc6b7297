#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// Writes the Prometheus text exposition format, version 0.0.4: a "# HELP" and a "# TYPE" line per
// family, then its samples as `name{label="value",...} value`. Label values and help texts are
// escaped as the format requires.
class PrometheusText
{
public:
    using Labels = QList<QPair<QString, QString>>;

    static constexpr const char* contentType = "text/plain; version=0.0.4; charset=utf-8";

    // Starts a family; `type` is "counter", "gauge" or "histogram".
    void family(const QString& name, const char* type, const QString& help);
    void sample(const QString& name, const Labels& labels, double value);
    void sample(const QString& name, const Labels& labels, qint64 value);

    QByteArray text() const { return m_text; }

    // \ -> \\, " -> \", newline -> \n
    static QString escapeLabelValue(const QString& value);
    // \ -> \\, newline -> \n
    static QString escapeHelp(const QString& help);
    // Shortest exact form: "3", "0.25", "+Inf", "NaN".
    static QString formatValue(double value);

private:
    void write(const QString& name, const Labels& labels, const QString& value);
    QByteArray m_text;
};
