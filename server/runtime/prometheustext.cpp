#include "runtime/prometheustext.h"

#include <QLocale>

#include <cmath>

void PrometheusText::family(const QString& name, const char* type, const QString& help)
{
    m_text += "# HELP " + name.toUtf8() + ' ' + escapeHelp(help).toUtf8() + '\n';
    m_text += "# TYPE " + name.toUtf8() + ' ' + type + '\n';
}

void PrometheusText::sample(const QString& name, const Labels& labels, double value)
{
    write(name, labels, formatValue(value));
}

void PrometheusText::sample(const QString& name, const Labels& labels, qint64 value)
{
    write(name, labels, QString::number(value));
}

void PrometheusText::write(const QString& name, const Labels& labels, const QString& value)
{
    QString line = name;
    if (!labels.isEmpty()) {
        line += QLatin1Char('{');
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (i > 0)
                line += QLatin1Char(',');
            line += labels.at(i).first + QStringLiteral("=\"") + escapeLabelValue(labels.at(i).second)
                + QLatin1Char('"');
        }
        line += QLatin1Char('}');
    }
    line += QLatin1Char(' ') + value;
    m_text += line.toUtf8() + '\n';
}

QString PrometheusText::escapeLabelValue(const QString& value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('"'))
            out += QStringLiteral("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else
            out += c;
    }
    return out;
}

QString PrometheusText::escapeHelp(const QString& help)
{
    QString out = help;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    out.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return out;
}

QString PrometheusText::formatValue(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}
