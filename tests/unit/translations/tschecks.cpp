#include "tschecks.h"

#include <QRegularExpression>

#include <algorithm>

namespace
{

bool startsWithSpace(const QString& text)
{
    return !text.isEmpty() && text.front().isSpace();
}

bool endsWithSpace(const QString& text)
{
    return !text.isEmpty() && text.back().isSpace();
}

QString joined(const QStringList& list)
{
    return list.isEmpty() ? QStringLiteral("none") : list.join(QLatin1Char(' '));
}

} // namespace

namespace TsChecks
{

QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?(?:[1-9][0-9]?|n)"));
    QStringList found;
    QRegularExpressionMatchIterator it = pattern.globalMatch(text);
    while (it.hasNext())
        found << it.next().captured();
    found.sort();
    found.removeDuplicates();
    return found;
}

QStringList markup(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("<(/?[A-Za-z][A-Za-z0-9]*)[^<>]*>"));
    QStringList found;
    QRegularExpressionMatchIterator it = pattern.globalMatch(text);
    while (it.hasNext())
        found << it.next().captured(1).toLower();
    found.sort();
    return found;
}

int mnemonics(const QString& text)
{
    static const QRegularExpression entity(QStringLiteral("&(?:#x?[0-9A-Fa-f]+|[A-Za-z]+);"));
    QString plain = text;
    plain.remove(entity);
    plain.remove(QStringLiteral("&&"));
    int count = 0;
    for (qsizetype i = 0; i + 1 < plain.size(); ++i) {
        if (plain.at(i) == QLatin1Char('&') && !plain.at(i + 1).isSpace())
            ++count;
    }
    return count;
}

QString translationProblem(const TsMessage& message)
{
    if (!message.translationType.isEmpty())
        return QStringLiteral("is %1").arg(message.translationType);
    if (message.translations.isEmpty())
        return QStringLiteral("has no translation");
    const bool empty = std::any_of(message.translations.cbegin(), message.translations.cend(),
        [](const QString& t) { return t.trimmed().isEmpty(); });
    if (empty && !message.source.trimmed().isEmpty())
        return QStringLiteral("has an empty translation");
    return QString();
}

QString placeholderProblem(const TsMessage& message)
{
    const QStringList expected = placeholders(message.source);
    for (const QString& translation : message.translations) {
        const QStringList got = placeholders(translation);
        if (got != expected)
            return QStringLiteral("has placeholders %1 in \"%2\", the source has %3")
                .arg(joined(got), translation, joined(expected));
    }
    return QString();
}

QString markupProblem(const TsMessage& message)
{
    const QStringList tags = markup(message.source);
    const bool sourceMnemonic = mnemonics(message.source) > 0;
    for (const QString& translation : message.translations) {
        const QStringList got = markup(translation);
        if (got != tags)
            return QStringLiteral("has markup %1 in \"%2\", the source has %3")
                .arg(joined(got), translation, joined(tags));
        const int count = mnemonics(translation);
        if (count > 1 || (count == 1) != sourceMnemonic)
            return QStringLiteral("has %1 mnemonic(s) in \"%2\", the source has %3")
                .arg(count)
                .arg(translation)
                .arg(sourceMnemonic ? 1 : 0);
    }
    return QString();
}

QString punctuationProblem(const TsMessage& message)
{
    const QString& source = message.source;
    for (const QString& translation : message.translations) {
        if (startsWithSpace(source) != startsWithSpace(translation))
            return QStringLiteral("\"%1\" does not keep the source's leading space (or adds one)")
                .arg(translation);
        if (endsWithSpace(source) != endsWithSpace(translation))
            return QStringLiteral("\"%1\" does not keep the source's trailing space (or adds one)")
                .arg(translation);
        if (source.endsWith(QChar(0x2026)) && !translation.endsWith(QChar(0x2026)))
            return QStringLiteral("\"%1\" should end with an ellipsis (…) as its source does")
                .arg(translation);
        if (source.endsWith(QLatin1Char(':'))
            && !(translation.endsWith(QLatin1Char(':')) || translation.endsWith(QChar(0xFF1A))))
            return QStringLiteral("\"%1\" should end with a colon as its source does").arg(translation);
    }
    return QString();
}

} // namespace TsChecks
