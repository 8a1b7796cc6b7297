#include "protocol/uritemplate.h"

#include <QUrl>

UriTemplate::UriTemplate(const QString& pattern)
    : m_pattern(pattern)
{
    QString rx = QStringLiteral("^");
    qsizetype pos = 0;
    while (pos < pattern.size()) {
        const qsizetype open = pattern.indexOf(QLatin1Char('{'), pos);
        if (open < 0) {
            rx += QRegularExpression::escape(pattern.mid(pos));
            break;
        }
        const qsizetype close = pattern.indexOf(QLatin1Char('}'), open);
        if (close < 0) {
            m_regex = QRegularExpression(QStringLiteral("("));
            return;
        }
        rx += QRegularExpression::escape(pattern.mid(pos, open - pos));
        m_variables.append(pattern.mid(open + 1, close - open - 1));
        rx += QStringLiteral("([^/?#]+)");
        pos = close + 1;
    }
    rx += QLatin1Char('$');
    m_regex = QRegularExpression(rx);
}

std::optional<QHash<QString, QString>> UriTemplate::match(const QString& uri) const
{
    const auto m = m_regex.match(uri);
    if (!m.hasMatch())
        return std::nullopt;
    QHash<QString, QString> values;
    for (int i = 0; i < m_variables.size(); ++i)
        values.insert(m_variables.at(i), QUrl::fromPercentEncoding(m.captured(i + 1).toUtf8()));
    return values;
}

QString UriTemplate::expand(const QHash<QString, QString>& values) const
{
    QString out = m_pattern;
    for (const QString& var : m_variables) {
        out.replace(QLatin1Char('{') + var + QLatin1Char('}'),
            QString::fromUtf8(QUrl::toPercentEncoding(values.value(var))));
    }
    return out;
}
