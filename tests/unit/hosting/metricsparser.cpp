#include "metricsparser.h"

#include <QRegularExpression>

namespace
{

bool parseValue(const QString& text, double* out)
{
    if (text == QLatin1String("+Inf")) {
        *out = qInf();
        return true;
    }
    if (text == QLatin1String("-Inf")) {
        *out = -qInf();
        return true;
    }
    if (text == QLatin1String("NaN")) {
        *out = qQNaN();
        return true;
    }
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok;
}

// Reads `key="value"` pairs with \\, \" and \n escapes; false on anything else.
bool parseLabels(const QString& text, QMap<QString, QString>* out)
{
    static const QRegularExpression key(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*"));
    qsizetype i = 0;
    while (i < text.size()) {
        const QRegularExpressionMatch m = key.match(text.mid(i));
        if (!m.hasMatch())
            return false;
        const QString name = m.captured(0);
        i += name.size();
        if (text.mid(i, 2) != QLatin1String("=\""))
            return false;
        i += 2;
        QString value;
        bool closed = false;
        while (i < text.size()) {
            const QChar c = text.at(i++);
            if (c == QLatin1Char('"')) {
                closed = true;
                break;
            }
            if (c == QLatin1Char('\\')) {
                if (i >= text.size())
                    return false;
                const QChar e = text.at(i++);
                if (e == QLatin1Char('n'))
                    value += QLatin1Char('\n');
                else if (e == QLatin1Char('\\') || e == QLatin1Char('"'))
                    value += e;
                else
                    return false;
                continue;
            }
            if (c == QLatin1Char('\n'))
                return false;
            value += c;
        }
        if (!closed)
            return false;
        out->insert(name, value);
        if (i < text.size()) {
            if (text.at(i) != QLatin1Char(','))
                return false;
            ++i;
        }
    }
    return true;
}

} // namespace

double ParsedMetrics::value(const QString& name, const QMap<QString, QString>& labels) const
{
    for (const MetricSample& s : samples) {
        if (s.name != name)
            continue;
        bool all = true;
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            all = all && s.labels.value(it.key()) == it.value() && s.labels.contains(it.key());
        if (all)
            return s.value;
    }
    return -1;
}

int ParsedMetrics::count(const QString& name) const
{
    int n = 0;
    for (const MetricSample& s : samples)
        n += s.name == name ? 1 : 0;
    return n;
}

ParsedMetrics parseMetrics(const QByteArray& text)
{
    static const QRegularExpression help(QStringLiteral("^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*$"));
    static const QRegularExpression type(
        QStringLiteral("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$"));
    static const QRegularExpression sample(
        QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? ([^ ]+)$"));
    ParsedMetrics out;
    if (!text.isEmpty() && !text.endsWith('\n'))
        out.error = QStringLiteral("the text does not end with a newline");
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype n = 0; n < lines.size() && out.error.isEmpty(); ++n) {
        const QString line = QString::fromUtf8(lines.at(n));
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1Char('#'))) {
            const QRegularExpressionMatch t = type.match(line);
            if (t.hasMatch())
                out.types.insert(t.captured(1), t.captured(2));
            else if (!help.match(line).hasMatch())
                out.error = QStringLiteral("line %1 is a comment that is neither HELP nor TYPE: %2")
                                .arg(n + 1)
                                .arg(line);
            continue;
        }
        const QRegularExpressionMatch m = sample.match(line);
        MetricSample s;
        if (!m.hasMatch() || !parseValue(m.captured(3), &s.value) || !parseLabels(m.captured(2), &s.labels)) {
            out.error = QStringLiteral("line %1 is not `name{labels} value`: %2").arg(n + 1).arg(line);
            continue;
        }
        s.name = m.captured(1);
        out.samples.append(s);
    }
    return out;
}
