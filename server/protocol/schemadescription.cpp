#include "protocol/schemadescription.h"

#include "protocol/schemamessages.h"
#include "protocol/schemarefs.h"
#include "protocol/schematypes.h"
#include "protocol/schemavocabulary.h"

#include <QStringList>

namespace Schema
{

namespace
{

// Branch descriptions (anyOf/oneOf) are cut to this many characters.
constexpr qsizetype kMaxBranchDescription = 80;

QString typeNounPlural(unsigned bit)
{
    switch (bit) {
    case KString:
        return QStringLiteral("strings");
    case KInteger:
        return QStringLiteral("integers");
    case KNumber:
        return QStringLiteral("numbers");
    case KBoolean:
        return QStringLiteral("booleans");
    case KObject:
        return QStringLiteral("objects");
    case KArray:
        return QStringLiteral("arrays");
    case KNull:
        return QStringLiteral("nulls");
    default:
        return {};
    }
}

QString describeType(unsigned bit, const QJsonObject& s)
{
    switch (bit) {
    case KString: {
        QString d = QStringLiteral("a string");
        const QString length = lengthPhrase(s);
        if (!length.isEmpty())
            d += QLatin1String(" of ") % length;
        const QJsonValue p = s.value(kw::pattern);
        if (p.isString())
            d += QLatin1String(" matching ") % p.toString();
        return d;
    }
    case KInteger:
    case KNumber: {
        QString d = bit == KInteger ? QStringLiteral("an integer") : QStringLiteral("a number");
        const QString range = rangePhrase(s);
        if (!range.isEmpty())
            d +=
                (range.startsWith(QLatin1String("at ")) ? QLatin1String(" of ") : QLatin1String(" ")) % range;
        return d;
    }
    case KBoolean:
        return QStringLiteral("a boolean (true or false)");
    case KNull:
        return QStringLiteral("null");
    case KArray: {
        QString d = QStringLiteral("an array");
        const QJsonValue itemSchema = s.value(kw::items);
        if (itemSchema.isObject()) {
            const unsigned itemMask = typeMaskOf(itemSchema.toObject().value(kw::type));
            const QString noun = typeNounPlural(itemMask);
            if (!noun.isEmpty())
                d += QLatin1String(" of ") % noun;
        }
        const QString count = itemCountPhrase(s);
        if (!count.isEmpty())
            d += QLatin1String(" with ") % count;
        return d;
    }
    case KObject: {
        QString d = QStringLiteral("an object");
        const QJsonArray required = s.value(kw::required).toArray();
        QStringList names;
        for (const QJsonValue& r : required)
            names << quoted(r.toString());
        if (!names.isEmpty())
            d += QLatin1String(" with ") % joinWith(names, QStringLiteral(" and "));
        return d;
    }
    default:
        return {};
    }
}

} // namespace

QString describeMask(unsigned mask, const QJsonObject& s)
{
    static const unsigned order[] = {KString, KNumber, KInteger, KBoolean, KObject, KArray, KNull};
    QStringList parts;
    for (const unsigned bit : order) {
        if ((mask & bit) != bit)
            continue;
        parts << describeType(bit, s);
        mask &= ~bit;
    }
    return joinWith(parts, QStringLiteral(" or "));
}

QString branchDescription(const QJsonValue& branch, const QJsonObject& root, int depth)
{
    if (branch.isObject()) {
        const QJsonObject b = branch.toObject();
        QString text = b.value(kw::description).toString().trimmed();
        if (text.isEmpty())
            text = b.value(kw::title).toString().trimmed();
        if (!text.isEmpty()) {
            if (text.endsWith(QLatin1Char('.')))
                text.chop(1);
            return truncated(text, kMaxBranchDescription);
        }
    }
    return describeSchema(branch, root, depth + 1);
}

QString describeBranches(const QJsonArray& branches, const QJsonObject& root, int depth)
{
    QStringList parts;
    for (const QJsonValue& b : branches)
        parts << branchDescription(b, root, depth);
    return joinWith(parts, QStringLiteral(", or "));
}

QString describeSchema(const QJsonValue& schema, const QJsonObject& root, int depth)
{
    if (schema.isBool())
        return schema.toBool() ? QStringLiteral("any value") : QStringLiteral("no value at all");
    if (!schema.isObject() || depth > 4)
        return QStringLiteral("any value");
    const QJsonObject s = schema.toObject();
    const QJsonValue constant = s.value(kw::constant);
    if (!constant.isUndefined())
        return QLatin1String("exactly ") % render(constant);
    const QJsonValue values = s.value(kw::enumeration);
    if (values.isArray())
        return QLatin1String("one of ") % enumList(values.toArray());
    const unsigned mask = typeMaskOf(s.value(kw::type));
    if (mask != 0)
        return describeMask(mask, s);
    const QJsonValue ref = s.value(kw::ref);
    if (ref.isString()) {
        QString error;
        const QJsonValue target = resolveRef(ref.toString(), root, &error);
        if (error.isEmpty())
            return describeSchema(target, root, depth + 1);
    }
    const QJsonValue any = s.value(kw::anyOf);
    if (any.isArray())
        return describeBranches(any.toArray(), root, depth);
    const QJsonValue one = s.value(kw::oneOf);
    if (one.isArray())
        return describeBranches(one.toArray(), root, depth);
    return QStringLiteral("any value");
}

} // namespace Schema
