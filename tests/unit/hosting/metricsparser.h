#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

// A strict reader of the Prometheus text format (0.0.4) for the tests: every line is a comment
// ("# HELP name text", "# TYPE name type") or a sample `name{label="value",...} value`.
struct MetricSample
{
    QString name;
    QMap<QString, QString> labels;
    double value = 0;
};

struct ParsedMetrics
{
    QList<MetricSample> samples;
    QMap<QString, QString> types; // family name -> counter | gauge | histogram
    QString error; // the first line that does not parse, and why; empty when all do

    // The value of the sample with this name whose labels include `labels`; -1 when none.
    double value(const QString& name, const QMap<QString, QString>& labels = {}) const;
    int count(const QString& name) const;
};

ParsedMetrics parseMetrics(const QByteArray& text);
