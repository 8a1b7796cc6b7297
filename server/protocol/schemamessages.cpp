#include "protocol/schemamessages.h"

#include "protocol/schemasuggestions.h"
#include "protocol/schematypes.h"
#include "protocol/schemavalidator.h"
#include "protocol/schemavocabulary.h"

#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace Schema
{

namespace
{

constexpr qsizetype kMaxEnumListed = 25;
constexpr qsizetype kDescribeLimit = 5;

bool isPlainEnumString(const QString& s)
{
    if (s.isEmpty() || s.front().isSpace() || s.back().isSpace())
        return false;
    return !s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char(';'));
}

} // namespace

QString formatNumber(double d)
{
    if (isIntegral(d) && std::fabs(d) < 1e15)
        return QString::number(static_cast<qint64>(d));
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

QString truncated(const QString& s, qsizetype maxChars)
{
    qsizetype i = 0;
    qsizetype points = 0;
    while (i < s.size() && points < maxChars) {
        i += (s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) ? 2 : 1;
        ++points;
    }
    if (i >= s.size())
        return s;
    return s.left(i) % QChar(0x2026);
}

QString quoted(const QString& s, qsizetype maxChars)
{
    const QString cut = truncated(s, maxChars);
    QString out;
    out.reserve(cut.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : cut) {
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QLatin1String("\\u")
                    % QString::number(c.unicode(), 16).rightJustified(4, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString render(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return formatNumber(v.toDouble());
    case QJsonValue::String:
        return quoted(v.toString());
    case QJsonValue::Array:
        return truncated(
            QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)), kMaxRenderedChars);
    case QJsonValue::Object:
        return truncated(
            QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)), kMaxRenderedChars);
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString plural(qint64 n, const char* singular, const char* pluralForm)
{
    return QString::number(n) % QLatin1Char(' ')
        % (n == 1 ? QLatin1String(singular) : QLatin1String(pluralForm));
}

QString joinWith(const QStringList& parts, const QString& lastSeparator)
{
    if (parts.size() <= 1)
        return parts.value(0);
    return parts.mid(0, parts.size() - 1).join(QLatin1String(", ")) % lastSeparator % parts.constLast();
}

QString enumList(const QJsonArray& values)
{
    bool plain = true;
    for (const QJsonValue& v : values) {
        if (!v.isString() || !isPlainEnumString(v.toString())) {
            plain = false;
            break;
        }
    }
    QStringList parts;
    const qsizetype shown = std::min(values.size(), kMaxEnumListed);
    for (qsizetype i = 0; i < shown; ++i) {
        const QJsonValue v = values.at(i);
        parts << (plain ? v.toString() : render(v));
    }
    QString list = parts.join(QLatin1String(", "));
    if (values.size() > shown)
        list +=
            QLatin1String(", \u2026 (") % QString::number(values.size() - shown) % QLatin1String(" more)");
    return list;
}

QString countPhrase(bool hasMin, qint64 min, bool hasMax, qint64 max, const char* unit, const char* units)
{
    if (hasMin && hasMax && min == max)
        return QLatin1String("exactly ") % plural(min, unit, units);
    if (hasMin && hasMax)
        return QString::number(min) % QLatin1String(" to ") % plural(max, unit, units);
    if (hasMin)
        return QLatin1String("at least ") % plural(min, unit, units);
    return QLatin1String("at most ") % plural(max, unit, units);
}

QString rangePhrase(const QJsonObject& s)
{
    const QJsonValue min = s.value(kw::minimum);
    const QJsonValue max = s.value(kw::maximum);
    const QJsonValue xmin = s.value(kw::exclusiveMinimum);
    const QJsonValue xmax = s.value(kw::exclusiveMaximum);
    if (min.isDouble() && max.isDouble() && !xmin.isDouble() && !xmax.isDouble())
        return QLatin1String("between ") % formatNumber(min.toDouble()) % QLatin1String(" and ")
            % formatNumber(max.toDouble());
    QStringList parts;
    if (min.isDouble())
        parts << QLatin1String("at least ") % formatNumber(min.toDouble());
    if (xmin.isDouble())
        parts << QLatin1String("greater than ") % formatNumber(xmin.toDouble());
    if (max.isDouble())
        parts << QLatin1String("at most ") % formatNumber(max.toDouble());
    if (xmax.isDouble())
        parts << QLatin1String("less than ") % formatNumber(xmax.toDouble());
    return parts.join(QLatin1String(" and "));
}

QString lengthPhrase(const QJsonObject& s)
{
    qint64 min = 0;
    qint64 max = 0;
    const bool hasMin = readCount(s.value(kw::minLength), &min);
    const bool hasMax = readCount(s.value(kw::maxLength), &max);
    if (!hasMin && !hasMax)
        return {};
    return countPhrase(hasMin, min, hasMax, max, "character", "characters");
}

QString itemCountPhrase(const QJsonObject& s)
{
    qint64 min = 0;
    qint64 max = 0;
    const bool hasMin = readCount(s.value(kw::minItems), &min);
    const bool hasMax = readCount(s.value(kw::maxItems), &max);
    if (!hasMin && !hasMax)
        return {};
    return countPhrase(hasMin, min, hasMax, max, "item", "items");
}

QString examplePhrase(const QJsonObject& s)
{
    const QJsonArray examples = s.value(kw::examples).toArray();
    if (examples.isEmpty())
        return {};
    return QLatin1String(" (for example ") % render(examples.first()) % QLatin1Char(')');
}

QString enumMessage(const QJsonArray& values, const QJsonValue& instance)
{
    QString text =
        QLatin1String("must be one of ") % enumList(values) % QLatin1String("; got ") % render(instance);
    if (instance.isString()) {
        QStringList candidates;
        for (const QJsonValue& v : values) {
            if (v.isString())
                candidates << v.toString();
        }
        const QString suggestion = closestMatch(instance.toString(), candidates);
        if (!suggestion.isEmpty())
            text += QLatin1String(" (did you mean ") % quoted(suggestion) % QLatin1String("?)");
    }
    return text;
}

QString describeViolations(const QList<SchemaViolation>& violations)
{
    if (violations.isEmpty())
        return {};
    const qsizetype shown = std::min(violations.size(), kDescribeLimit);
    QStringList parts;
    parts.reserve(shown);
    for (qsizetype i = 0; i < shown; ++i)
        parts << violations.at(i).message;
    QString text = parts.join(QLatin1String("; "));
    const qsizetype rest = violations.size() - shown;
    if (rest > 0)
        text += QLatin1String("; and ") % plural(rest, "more problem", "more problems");
    return text;
}

} // namespace Schema
