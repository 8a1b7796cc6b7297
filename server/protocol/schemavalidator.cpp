#include "protocol/schemavalidator.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMutex>
#include <QRegularExpression>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <utility>

namespace
{

// Guards against $ref loops that consume no input and against absurdly deep instances.
constexpr int kMaxDepth = 128;
// Received strings and containers are cut to this many code points in messages.
constexpr qsizetype kMaxRenderedChars = 40;
// Branch descriptions (anyOf/oneOf) are cut to this many characters.
constexpr qsizetype kMaxBranchDescription = 80;
constexpr qsizetype kMaxEnumListed = 25;
constexpr qsizetype kDescribeLimit = 5;
constexpr qsizetype kRegexCacheLimit = 256;
constexpr size_t kSchemaCacheLimit = 64;

namespace kw
{
constexpr QLatin1String type("type");
constexpr QLatin1String properties("properties");
constexpr QLatin1String required("required");
constexpr QLatin1String additionalProperties("additionalProperties");
constexpr QLatin1String enumeration("enum");
constexpr QLatin1String constant("const");
constexpr QLatin1String minimum("minimum");
constexpr QLatin1String maximum("maximum");
constexpr QLatin1String exclusiveMinimum("exclusiveMinimum");
constexpr QLatin1String exclusiveMaximum("exclusiveMaximum");
constexpr QLatin1String minLength("minLength");
constexpr QLatin1String maxLength("maxLength");
constexpr QLatin1String pattern("pattern");
constexpr QLatin1String items("items");
constexpr QLatin1String minItems("minItems");
constexpr QLatin1String maxItems("maxItems");
constexpr QLatin1String uniqueItems("uniqueItems");
constexpr QLatin1String defaultValue("default");
constexpr QLatin1String anyOf("anyOf");
constexpr QLatin1String oneOf("oneOf");
constexpr QLatin1String allOf("allOf");
constexpr QLatin1String notKeyword("not");
constexpr QLatin1String description("description");
constexpr QLatin1String title("title");
constexpr QLatin1String examples("examples");
constexpr QLatin1String schema("$schema");
constexpr QLatin1String id("$id");
constexpr QLatin1String comment("$comment");
constexpr QLatin1String format("format");
constexpr QLatin1String ref("$ref");
constexpr QLatin1String defs("$defs");
} // namespace kw

const QLatin1String kAllKeywords[] = {
    kw::type,
    kw::properties,
    kw::required,
    kw::additionalProperties,
    kw::enumeration,
    kw::constant,
    kw::minimum,
    kw::maximum,
    kw::exclusiveMinimum,
    kw::exclusiveMaximum,
    kw::minLength,
    kw::maxLength,
    kw::pattern,
    kw::items,
    kw::minItems,
    kw::maxItems,
    kw::uniqueItems,
    kw::defaultValue,
    kw::anyOf,
    kw::oneOf,
    kw::allOf,
    kw::notKeyword,
    kw::description,
    kw::title,
    kw::examples,
    kw::schema,
    kw::id,
    kw::comment,
    kw::format,
    kw::ref,
    kw::defs,
};

// Indexes into kAllKeywords.
enum class Keyword : int
{
    Type,
    Properties,
    Required,
    AdditionalProperties,
    Enum,
    Const,
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
    MinLength,
    MaxLength,
    Pattern,
    Items,
    MinItems,
    MaxItems,
    UniqueItems,
    Default,
    AnyOf,
    OneOf,
    AllOf,
    Not,
    Description,
    Title,
    Examples,
    Schema,
    Id,
    Comment,
    Format,
    Ref,
    Defs,
    Count,
};
static_assert(sizeof(kAllKeywords) / sizeof(kAllKeywords[0]) == static_cast<size_t>(Keyword::Count),
    "Keyword must list kAllKeywords in order");

int keywordIndex(const QString& key)
{
    for (int i = 0; i < static_cast<int>(Keyword::Count); ++i) {
        if (key.size() == kAllKeywords[i].size() && key == kAllKeywords[i])
            return i;
    }
    return -1;
}

// ---------------------------------------------------------------------------------------------
// Types

enum Kind : unsigned
{
    KNull = 1u,
    KBoolean = 2u,
    KInteger = 4u,
    KFraction = 8u, // a number with a fractional part
    KString = 16u,
    KArray = 32u,
    KObject = 64u,
    KNumber = KInteger | KFraction,
};

bool isIntegral(double d)
{
    return std::isfinite(d) && std::trunc(d) == d;
}

unsigned kindOf(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return KNull;
    case QJsonValue::Bool:
        return KBoolean;
    case QJsonValue::Double:
        return isIntegral(v.toDouble()) ? KInteger : KFraction;
    case QJsonValue::String:
        return KString;
    case QJsonValue::Array:
        return KArray;
    case QJsonValue::Object:
        return KObject;
    case QJsonValue::Undefined:
        break;
    }
    return 0;
}

unsigned typeBit(const QString& name)
{
    if (name == QLatin1String("string"))
        return KString;
    if (name == QLatin1String("integer"))
        return KInteger;
    if (name == QLatin1String("number"))
        return KNumber;
    if (name == QLatin1String("object"))
        return KObject;
    if (name == QLatin1String("array"))
        return KArray;
    if (name == QLatin1String("boolean"))
        return KBoolean;
    if (name == QLatin1String("null"))
        return KNull;
    return 0;
}

// 0 when the keyword is absent or malformed (then it constrains nothing; checkSchema reports it).
unsigned typeMaskOf(const QJsonValue& t)
{
    if (t.isString())
        return typeBit(t.toString());
    if (t.isArray()) {
        unsigned mask = 0;
        const QJsonArray names = t.toArray();
        for (const QJsonValue& n : names)
            mask |= typeBit(n.toString());
        return mask;
    }
    return 0;
}

// JSON equality as JSON Schema defines it: numbers compare by value, objects ignore key order.
bool jsonEquals(const QJsonValue& a, const QJsonValue& b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QJsonValue::Double:
        return a.toDouble() == b.toDouble();
    case QJsonValue::Array: {
        const QJsonArray x = a.toArray();
        const QJsonArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!jsonEquals(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.constBegin(); it != x.constEnd(); ++it) {
            const auto other = y.constFind(it.key());
            if (other == y.constEnd() || !jsonEquals(it.value(), other.value()))
                return false;
        }
        return true;
    }
    default:
        return a == b;
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering values and phrases for messages

QString formatNumber(double d)
{
    // Integral values print as integers ("1000000", not "1e+06").
    if (isIntegral(d) && std::fabs(d) < 1e15)
        return QString::number(static_cast<qint64>(d));
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

qsizetype codePointCount(const QString& s)
{
    qsizetype n = s.size();
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (s.at(i).isHighSurrogate() && s.at(i + 1).isLowSurrogate()) {
            --n;
            ++i;
        }
    }
    return n;
}

// Cuts `s` to `maxChars` code points (never splitting a surrogate pair) and adds an ellipsis.
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

QString quoted(const QString& s, qsizetype maxChars = kMaxRenderedChars)
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

// A compact rendering of a received value: strings quoted, containers as cut-down JSON.
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

// "a, b or c" style joins.
QString joinWith(const QStringList& parts, const QString& lastSeparator)
{
    if (parts.size() <= 1)
        return parts.value(0);
    return parts.mid(0, parts.size() - 1).join(QLatin1String(", ")) % lastSeparator % parts.constLast();
}

bool isPlainEnumString(const QString& s)
{
    if (s.isEmpty() || s.front().isSpace() || s.back().isSpace())
        return false;
    return !s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char(';'));
}

// "1m, 5m, 1h, 1d" for plain strings; values rendered as JSON when types are mixed.
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

bool readCount(const QJsonValue& v, qint64* out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!isIntegral(d) || d < 0)
        return false;
    *out = static_cast<qint64>(std::min(d, 9.0e18));
    return true;
}

// "at least 1 character", "1 to 20 characters", "exactly 3 characters", "at most 5 items".
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

// "between 1 and 1000", "greater than 0", "at least 0 and less than 1"; empty without bounds.
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

// ---------------------------------------------------------------------------------------------
// Suggestions for typos

int editDistance(const QString& a, const QString& b)
{
    // Optimal string alignment distance, case-insensitive: a swap of two letters costs 1.
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    QVarLengthArray<int, 64> prev2(m + 1);
    QVarLengthArray<int, 64> prev(m + 1);
    QVarLengthArray<int, 64> cur(m + 1);
    for (qsizetype j = 0; j <= m; ++j)
        prev[j] = static_cast<int>(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = static_cast<int>(i);
        const QChar ca = a.at(i - 1).toLower();
        for (qsizetype j = 1; j <= m; ++j) {
            const QChar cb = b.at(j - 1).toLower();
            const int cost = ca == cb ? 0 : 1;
            int best = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && ca == b.at(j - 2).toLower() && a.at(i - 2).toLower() == cb)
                best = std::min(best, prev2[j - 2] + 1);
            cur[j] = best;
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

// The closest candidate to a misspelt `name`, or empty when nothing is close enough.
QString closestMatch(const QString& name, const QStringList& candidates)
{
    const int allowed = name.size() <= 4 ? 1 : (name.size() <= 8 ? 2 : 3);
    QString best;
    int bestDistance = allowed + 1;
    for (const QString& c : candidates) {
        if (c == name)
            continue;
        const int d = editDistance(name, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

// ---------------------------------------------------------------------------------------------
// Local $ref resolution

QString unescapePointerToken(QString token)
{
    if (token.contains(QLatin1Char('%')))
        token = QString::fromUtf8(QByteArray::fromPercentEncoding(token.toUtf8()));
    token.replace(QLatin1String("~1"), QLatin1String("/"));
    token.replace(QLatin1String("~0"), QLatin1String("~"));
    return token;
}

// Resolves "#", "#/$defs/name" or any other pointer into the root schema. On failure returns
// Undefined and sets `error` to a sentence.
QJsonValue resolveRef(const QString& ref, const QJsonObject& root, QString* error)
{
    if (!ref.startsWith(QLatin1Char('#'))) {
        *error = QLatin1String("schema error: $ref ") % quoted(ref, 80)
            % QLatin1String(" is not a local reference; only references inside the same schema, such as "
                            "\"#/$defs/name\", are supported (nothing is fetched)");
        return QJsonValue(QJsonValue::Undefined);
    }
    QJsonValue current = root;
    if (ref.size() > 1) {
        if (ref.at(1) != QLatin1Char('/')) {
            *error = QLatin1String("schema error: $ref ") % quoted(ref, 80)
                % QLatin1String(" is not a JSON pointer; write it as \"#/$defs/name\"");
            return QJsonValue(QJsonValue::Undefined);
        }
        const QStringList tokens = ref.mid(2).split(QLatin1Char('/'));
        for (const QString& raw : tokens) {
            const QString token = unescapePointerToken(raw);
            if (current.isObject()) {
                current = current.toObject().value(token);
            } else if (current.isArray()) {
                bool ok = false;
                const qsizetype index = token.toLongLong(&ok);
                const QJsonArray array = current.toArray();
                current = ok && index >= 0 && index < array.size() ? array.at(index)
                                                                   : QJsonValue(QJsonValue::Undefined);
            } else {
                current = QJsonValue(QJsonValue::Undefined);
            }
            if (current.isUndefined())
                break;
        }
    }
    if (!current.isObject() && !current.isBool()) {
        *error = QLatin1String("schema error: $ref ") % quoted(ref, 80)
            % QLatin1String(" does not point to a schema in this document; define it under \"$defs\"");
        return QJsonValue(QJsonValue::Undefined);
    }
    return current;
}

// ---------------------------------------------------------------------------------------------
// Regular expressions

bool isHexDigit(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
        || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

// JSON Schema patterns are ECMA-262 regular expressions; QRegularExpression is PCRE2. Where
// the two differ in ways that matter for validation, rewrite: an ECMA "$" matches only at the
// very end (PCRE's also matches before a final newline, which would let "BTC\n" pass
// "^[A-Z]+$"), and "\uXXXX" is PCRE's "\x{XXXX}".
QString toPcre(const QString& pattern)
{
    QString out;
    out.reserve(pattern.size() + 8);
    bool inClass = false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('\\') && i + 1 < pattern.size()) {
            const QChar next = pattern.at(i + 1);
            if (next == QLatin1Char('u') && i + 5 < pattern.size() && isHexDigit(pattern.at(i + 2))
                && isHexDigit(pattern.at(i + 3)) && isHexDigit(pattern.at(i + 4))
                && isHexDigit(pattern.at(i + 5))) {
                out += QLatin1String("\\x{") % pattern.mid(i + 2, 4) % QLatin1Char('}');
                i += 5;
            } else {
                out += c;
                out += next;
                ++i;
            }
        } else if (inClass) {
            inClass = c != QLatin1Char(']');
            out += c;
        } else if (c == QLatin1Char('[')) {
            inClass = true;
            out += c;
        } else if (c == QLatin1Char('$')) {
            out += QLatin1String("\\z");
        } else {
            out += c;
        }
    }
    return out;
}

// Compiled patterns shared by every thread; a compiled QRegularExpression is safe to match
// concurrently once optimize() has compiled it.
QRegularExpression cachedRegex(const QString& pattern)
{
    static QMutex mutex;
    static QHash<QString, QRegularExpression> cache;
    QMutexLocker lock(&mutex);
    const auto it = cache.constFind(pattern);
    if (it != cache.constEnd())
        return it.value();
    QRegularExpression re(toPcre(pattern));
    re.optimize();
    if (cache.size() >= kRegexCacheLimit)
        cache.clear();
    cache.insert(pattern, re);
    return re;
}

// ---------------------------------------------------------------------------------------------
// Describing a schema in a few words ("an integer between 1 and 1000", "one of 1m, 5m")

QString describeSchema(const QJsonValue& schema, const QJsonObject& root, int depth);

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

// ---------------------------------------------------------------------------------------------
// Compiled schemas
//
// A schema is turned once into a graph of nodes that hold its keywords in ready-to-use form
// (type masks, bounds as doubles, compiled patterns, property tables). Validation then never
// looks keywords up by name or copies schema strings, which keeps it cheap enough to run on
// every tools/call. Nodes keep their source object for building messages.

struct Node;

struct PropertyRule
{
    QString name;
    const Node* schema = nullptr;
    bool required = false;
};

struct Node
{
    QJsonValue source; // the schema as written: an object or a boolean
    QJsonObject object; // the schema object (empty for boolean schemas)
    bool rejectsAll = false;

    unsigned typeMask = 0; // 0: no "type" constraint
    bool hasConst = false;
    QJsonValue constValue;
    bool hasEnum = false;
    QJsonArray enumValues;
    QStringList enumStrings; // the string members of "enum", compared without copying each time

    bool checksNumbers = false;
    bool hasMinimum = false;
    bool hasMaximum = false;
    bool hasExclusiveMinimum = false;
    bool hasExclusiveMaximum = false;
    double minimum = 0;
    double maximum = 0;
    double exclusiveMinimum = 0;
    double exclusiveMaximum = 0;

    bool checksStrings = false;
    bool hasMinLength = false;
    bool hasMaxLength = false;
    qint64 minLength = 0;
    qint64 maxLength = 0;
    bool hasPattern = false;
    QString patternText;
    QRegularExpression pattern;

    bool checksArrays = false;
    const Node* items = nullptr;
    bool hasMinItems = false;
    bool hasMaxItems = false;
    qint64 minItems = 0;
    qint64 maxItems = 0;
    bool uniqueItems = false;

    enum class Additional
    {
        Allowed,
        Forbidden,
        Schema
    };
    bool checksObjects = false;
    std::vector<PropertyRule> properties; // in the order QJsonObject keeps them
    QHash<QString, qsizetype> propertyIndex;
    QStringList requiredUndeclared; // required names that "properties" does not declare
    Additional additional = Additional::Allowed;
    const Node* additionalSchema = nullptr;

    bool hasRef = false;
    const Node* ref = nullptr; // null with hasRef: see refError
    QString refError;

    bool hasCombinators = false;
    std::vector<const Node*> allOf;
    std::vector<const Node*> anyOf;
    std::vector<const Node*> oneOf;
    const Node* notSchema = nullptr;

    bool hasDefault = false;
    QJsonValue defaultValue;

    bool tooDeep = false;
};

class CompiledSchema
{
public:
    explicit CompiledSchema(const QJsonObject& root)
        : m_root(root)
    {
        m_top = compile(m_root, 0);
    }
    CompiledSchema(const CompiledSchema&) = delete;
    CompiledSchema& operator=(const CompiledSchema&) = delete;

    const QJsonObject& root() const { return m_root; }
    const Node* top() const { return m_top; }

    // Compiles `schema`, a part of root(); $refs inside it resolve against root().
    const Node* compile(const QJsonValue& schema, int depth)
    {
        Node* node = &m_nodes.emplace_back();
        fill(*node, schema, depth);
        return node;
    }

private:
    void fill(Node& n, const QJsonValue& schema, int depth);
    void compileList(const QJsonValue& list, std::vector<const Node*>* out, int depth);
    const Node* compileRef(const QString& ref, QString* error, int depth);

    QJsonObject m_root;
    std::deque<Node> m_nodes; // a deque keeps node addresses stable as it grows
    QHash<QString, const Node*> m_refs;
    const Node* m_top = nullptr;
};

void CompiledSchema::compileList(const QJsonValue& list, std::vector<const Node*>* out, int depth)
{
    const QJsonArray branches = list.toArray();
    out->reserve(static_cast<size_t>(branches.size()));
    for (const QJsonValue& b : branches)
        out->push_back(compile(b, depth + 1));
}

const Node* CompiledSchema::compileRef(const QString& ref, QString* error, int depth)
{
    const auto known = m_refs.constFind(ref);
    if (known != m_refs.constEnd())
        return known.value();
    const QJsonValue target = resolveRef(ref, m_root, error);
    if (!error->isEmpty())
        return nullptr;
    // Registered before it is filled, so recursive schemas point back at it.
    Node* node = &m_nodes.emplace_back();
    m_refs.insert(ref, node);
    fill(*node, target, depth + 1);
    return node;
}

void CompiledSchema::fill(Node& n, const QJsonValue& schema, int depth)
{
    n.source = schema;
    if (schema.isBool()) {
        n.rejectsAll = !schema.toBool();
        return;
    }
    if (!schema.isObject())
        return; // malformed: constrains nothing here, checkSchema() reports it
    if (depth > kMaxDepth) {
        n.tooDeep = true;
        return;
    }
    n.object = schema.toObject();
    QJsonArray required;
    for (auto it = n.object.constBegin(); it != n.object.constEnd(); ++it) {
        const int k = keywordIndex(it.key());
        if (k < 0)
            continue;
        const QJsonValue v = it.value();
        switch (static_cast<Keyword>(k)) {
        case Keyword::Type:
            n.typeMask = typeMaskOf(v);
            break;
        case Keyword::Const:
            n.hasConst = true;
            n.constValue = v;
            break;
        case Keyword::Enum:
            if (v.isArray()) {
                n.hasEnum = true;
                n.enumValues = v.toArray();
                for (const QJsonValue& member : std::as_const(n.enumValues)) {
                    if (member.isString())
                        n.enumStrings << member.toString();
                }
            }
            break;
        case Keyword::Minimum:
            n.hasMinimum = v.isDouble();
            n.minimum = v.toDouble();
            break;
        case Keyword::Maximum:
            n.hasMaximum = v.isDouble();
            n.maximum = v.toDouble();
            break;
        case Keyword::ExclusiveMinimum:
            n.hasExclusiveMinimum = v.isDouble();
            n.exclusiveMinimum = v.toDouble();
            break;
        case Keyword::ExclusiveMaximum:
            n.hasExclusiveMaximum = v.isDouble();
            n.exclusiveMaximum = v.toDouble();
            break;
        case Keyword::MinLength:
            n.hasMinLength = readCount(v, &n.minLength);
            break;
        case Keyword::MaxLength:
            n.hasMaxLength = readCount(v, &n.maxLength);
            break;
        case Keyword::Pattern:
            if (v.isString()) {
                n.hasPattern = true;
                n.patternText = v.toString();
                n.pattern = cachedRegex(n.patternText);
            }
            break;
        case Keyword::Items:
            if (v.isObject() || v.isBool())
                n.items = compile(v, depth + 1);
            break;
        case Keyword::MinItems:
            n.hasMinItems = readCount(v, &n.minItems);
            break;
        case Keyword::MaxItems:
            n.hasMaxItems = readCount(v, &n.maxItems);
            break;
        case Keyword::UniqueItems:
            n.uniqueItems = v.toBool(false);
            break;
        case Keyword::Properties: {
            const QJsonObject props = v.toObject();
            n.properties.reserve(static_cast<size_t>(props.size()));
            for (auto p = props.constBegin(); p != props.constEnd(); ++p) {
                n.propertyIndex.insert(p.key(), static_cast<qsizetype>(n.properties.size()));
                n.properties.push_back(PropertyRule {p.key(), compile(p.value(), depth + 1), false});
            }
            break;
        }
        case Keyword::Required:
            required = v.toArray();
            break;
        case Keyword::AdditionalProperties:
            if (v.isBool() && !v.toBool()) {
                n.additional = Node::Additional::Forbidden;
            } else if (v.isObject()) {
                n.additional = Node::Additional::Schema;
                n.additionalSchema = compile(v, depth + 1);
            }
            break;
        case Keyword::AllOf:
            compileList(v, &n.allOf, depth);
            break;
        case Keyword::AnyOf:
            compileList(v, &n.anyOf, depth);
            break;
        case Keyword::OneOf:
            compileList(v, &n.oneOf, depth);
            break;
        case Keyword::Not:
            if (v.isObject() || v.isBool())
                n.notSchema = compile(v, depth + 1);
            break;
        case Keyword::Ref:
            if (v.isString()) {
                n.hasRef = true;
                n.ref = compileRef(v.toString(), &n.refError, depth);
            }
            break;
        case Keyword::Default:
            n.hasDefault = true;
            n.defaultValue = v;
            break;
        default:
            break;
        }
    }
    for (const QJsonValue& r : std::as_const(required)) {
        if (!r.isString())
            continue;
        const QString name = r.toString();
        const auto index = n.propertyIndex.constFind(name);
        if (index != n.propertyIndex.constEnd())
            n.properties[static_cast<size_t>(index.value())].required = true;
        else if (!n.requiredUndeclared.contains(name))
            n.requiredUndeclared << name;
    }
    n.checksNumbers = n.hasMinimum || n.hasMaximum || n.hasExclusiveMinimum || n.hasExclusiveMaximum;
    n.checksStrings = n.hasMinLength || n.hasMaxLength || n.hasPattern;
    n.checksArrays = n.items || n.hasMinItems || n.hasMaxItems || n.uniqueItems;
    n.checksObjects =
        !n.properties.empty() || !n.requiredUndeclared.isEmpty() || n.additional != Node::Additional::Allowed;
    n.hasCombinators = !n.allOf.empty() || !n.anyOf.empty() || !n.oneOf.empty() || n.notSchema;
}

// Compiled schemas for the schemas seen most recently. Lookup compares QJsonObjects, which is a
// pointer comparison when the caller passes the same (implicitly shared) schema each time and a
// content comparison otherwise, so a hit always has the same content.
std::shared_ptr<const CompiledSchema> compiledSchema(const QJsonObject& schema)
{
    static QMutex mutex;
    static std::vector<std::shared_ptr<const CompiledSchema>> cache; // most recently used last
    {
        QMutexLocker lock(&mutex);
        for (auto it = cache.rbegin(); it != cache.rend(); ++it) {
            if ((*it)->root() == schema) {
                std::shared_ptr<const CompiledSchema> found = *it;
                std::rotate(it.base() - 1, it.base(), cache.end());
                return found;
            }
        }
    }
    std::shared_ptr<const CompiledSchema> compiled = std::make_shared<const CompiledSchema>(schema);
    QMutexLocker lock(&mutex);
    if (cache.size() >= kSchemaCacheLimit)
        cache.erase(cache.begin());
    cache.push_back(compiled);
    return compiled;
}

// ---------------------------------------------------------------------------------------------
// Validation

struct Segment
{
    const QString* key = nullptr; // owned by whoever pushed it, which outlives the segment
    qsizetype index = -1; // >= 0: an array index
};

struct Context
{
    explicit Context(const QJsonObject& r)
        : root(r)
    { }

    const QJsonObject& root;
    QList<SchemaViolation>* out = nullptr; // null: only find out whether the instance is valid
    QVarLengthArray<Segment, 16> path;
    int depth = 0;
};

class PathGuard
{
public:
    PathGuard(Context& ctx, const QString& key)
        : m_ctx(ctx)
    {
        m_ctx.path.append(Segment {&key, -1});
    }
    PathGuard(Context& ctx, qsizetype index)
        : m_ctx(ctx)
    {
        m_ctx.path.append(Segment {nullptr, index});
    }
    ~PathGuard() { m_ctx.path.removeLast(); }
    PathGuard(const PathGuard&) = delete;
    PathGuard& operator=(const PathGuard&) = delete;

private:
    Context& m_ctx;
};

class DepthGuard
{
public:
    explicit DepthGuard(Context& ctx)
        : m_ctx(ctx)
    {
        ++m_ctx.depth;
    }
    ~DepthGuard() { --m_ctx.depth; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

private:
    Context& m_ctx;
};

QString pointerOf(const Context& ctx)
{
    QString p;
    for (const Segment& s : ctx.path) {
        p += QLatin1Char('/');
        if (s.index >= 0) {
            p += QString::number(s.index);
        } else {
            QString key = *s.key;
            key.replace(QLatin1Char('~'), QLatin1String("~0"));
            key.replace(QLatin1Char('/'), QLatin1String("~1"));
            p += key;
        }
    }
    return p;
}

bool isPlainName(const QString& key)
{
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')
                || c == QLatin1Char('$')))
            return false;
    }
    return true;
}

// "items[2].amount"; "value" for the root.
QString fieldOf(const Context& ctx)
{
    if (ctx.path.isEmpty())
        return QStringLiteral("value");
    // A path that starts at an array index reads "value[2]".
    QString f = ctx.path.first().index >= 0 ? QStringLiteral("value") : QString();
    for (const Segment& s : ctx.path) {
        if (s.index >= 0) {
            f += QLatin1Char('[') % QString::number(s.index) % QLatin1Char(']');
        } else if (isPlainName(*s.key)) {
            if (!f.isEmpty())
                f += QLatin1Char('.');
            f += *s.key;
        } else {
            f += QLatin1Char('[') % quoted(*s.key, 1000) % QLatin1Char(']');
        }
    }
    return f;
}

void report(Context& ctx, const QString& message)
{
    ctx.out->append(SchemaViolation {pointerOf(ctx), message});
}

// Reports "<field>: <text>".
void reportField(Context& ctx, const QString& text)
{
    report(ctx, fieldOf(ctx) % QLatin1String(": ") % text);
}

bool validateNode(const QJsonValue& instance, const Node& n, Context& ctx);

// Whether `instance` matches `n`, without collecting messages.
bool matches(const QJsonValue& instance, const Node& n, Context& ctx)
{
    QList<SchemaViolation>* saved = ctx.out;
    ctx.out = nullptr;
    const bool ok = validateNode(instance, n, ctx);
    ctx.out = saved;
    return ok;
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

bool validateString(const QString& str, const Node& n, Context& ctx)
{
    bool ok = true;
    if (n.hasMinLength || n.hasMaxLength) {
        const qsizetype count = codePointCount(str);
        if ((n.hasMinLength && count < n.minLength) || (n.hasMaxLength && count > n.maxLength)) {
            if (!ctx.out)
                return false;
            ok = false;
            QString got = quoted(str);
            if (count > 0)
                got += QLatin1String(" (") % plural(count, "character", "characters") % QLatin1Char(')');
            reportField(ctx,
                QLatin1String("expected a string of ")
                    % countPhrase(
                        n.hasMinLength, n.minLength, n.hasMaxLength, n.maxLength, "character", "characters")
                    % QLatin1String(", got ") % got);
        }
    }
    if (n.hasPattern) {
        if (!n.pattern.isValid()) {
            if (!ctx.out)
                return false;
            ok = false;
            reportField(ctx,
                QLatin1String("schema error: pattern ") % quoted(n.patternText, 80)
                    % QLatin1String(" is not a valid regular expression (") % n.pattern.errorString()
                    % QLatin1Char(')'));
        } else if (!n.pattern.match(str).hasMatch()) {
            if (!ctx.out)
                return false;
            ok = false;
            reportField(ctx,
                QLatin1String("must match the pattern ") % n.patternText % examplePhrase(n.object)
                    % QLatin1String(", got ") % quoted(str));
        }
    }
    return ok;
}

bool validateNumber(const QJsonValue& instance, const Node& n, Context& ctx)
{
    const double d = instance.toDouble();
    const bool bad = (n.hasMinimum && d < n.minimum) || (n.hasMaximum && d > n.maximum)
        || (n.hasExclusiveMinimum && d <= n.exclusiveMinimum)
        || (n.hasExclusiveMaximum && d >= n.exclusiveMaximum);
    if (!bad)
        return true;
    if (ctx.out)
        reportField(ctx,
            QLatin1String("must be ") % rangePhrase(n.object) % QLatin1String(", got ") % render(instance));
    return false;
}

bool validateArray(const QJsonArray& array, const Node& n, Context& ctx)
{
    bool ok = true;
    const qsizetype size = array.size();
    if ((n.hasMinItems && size < n.minItems) || (n.hasMaxItems && size > n.maxItems)) {
        if (!ctx.out)
            return false;
        ok = false;
        reportField(ctx,
            QLatin1String("expected an array with ")
                % countPhrase(n.hasMinItems, n.minItems, n.hasMaxItems, n.maxItems, "item", "items")
                % QLatin1String(", got ") % plural(size, "item", "items"));
    }
    if (n.uniqueItems) {
        bool found = false;
        for (qsizetype i = 0; i < size && !found; ++i) {
            const QJsonValue a = array.at(i);
            for (qsizetype j = i + 1; j < size; ++j) {
                if (!jsonEquals(a, array.at(j)))
                    continue;
                if (!ctx.out)
                    return false;
                ok = false;
                found = true;
                const QString field = fieldOf(ctx);
                reportField(ctx,
                    QLatin1String("items must be unique, but ") % field % QLatin1Char('[')
                        % QString::number(i) % QLatin1String("] and ") % field % QLatin1Char('[')
                        % QString::number(j) % QLatin1String("] are both ") % render(a));
                break;
            }
        }
    }
    if (n.items) {
        for (qsizetype i = 0; i < size; ++i) {
            PathGuard guard(ctx, i);
            if (!validateNode(array.at(i), *n.items, ctx)) {
                if (!ctx.out)
                    return false;
                ok = false;
            }
        }
    }
    return ok;
}

void reportMissing(Context& ctx, const QString& name, const Node* propertySchema)
{
    PathGuard guard(ctx, name);
    QString text = QLatin1String("missing required property ") % quoted(fieldOf(ctx), 1000);
    if (propertySchema) {
        const QString expected = describeSchema(propertySchema->source, ctx.root, 0);
        if (expected != QLatin1String("any value"))
            text += QLatin1String(" (expected ") % expected % QLatin1Char(')');
    }
    report(ctx, text);
}

void reportUnexpected(
    Context& ctx, const QString& key, const Node& n, const QVarLengthArray<qsizetype, 32>& positions)
{
    PathGuard guard(ctx, key);
    QString text = QLatin1String("unexpected property ") % quoted(fieldOf(ctx), 1000);
    if (n.properties.empty()) {
        text += QLatin1String(" (this object takes no properties)");
    } else {
        QStringList allowed;
        QStringList absent;
        for (size_t i = 0; i < n.properties.size(); ++i) {
            allowed << n.properties[i].name;
            if (positions[static_cast<qsizetype>(i)] < 0)
                absent << n.properties[i].name;
        }
        text += QLatin1String(" (allowed: ") % allowed.join(QLatin1String(", ")) % QLatin1Char(')');
        const QString suggestion = closestMatch(key, absent);
        if (!suggestion.isEmpty())
            text += QLatin1String("; did you mean ") % quoted(suggestion) % QLatin1String("?");
    }
    report(ctx, text);
}

bool validateObject(const QJsonObject& object, const Node& n, Context& ctx)
{
    bool ok = true;
    // One pass over the instance: where each declared property is, and which properties are extra.
    const qsizetype declared = static_cast<qsizetype>(n.properties.size());
    QVarLengthArray<qsizetype, 32> positions(declared);
    std::fill(positions.begin(), positions.end(), qsizetype(-1));
    QVarLengthArray<qsizetype, 8> extras;
    if (declared > 0 || n.additional != Node::Additional::Allowed) {
        qsizetype position = 0;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it, ++position) {
            const auto index = n.propertyIndex.constFind(it.key());
            if (index != n.propertyIndex.constEnd())
                positions[index.value()] = position;
            else
                extras.append(position);
        }
    }

    for (qsizetype i = 0; i < declared; ++i) {
        const PropertyRule& rule = n.properties[static_cast<size_t>(i)];
        if (positions[i] >= 0) {
            PathGuard guard(ctx, rule.name);
            if (!validateNode((object.constBegin() + positions[i]).value(), *rule.schema, ctx)) {
                if (!ctx.out)
                    return false;
                ok = false;
            }
        } else if (rule.required) {
            if (!ctx.out)
                return false;
            ok = false;
            reportMissing(ctx, rule.name, rule.schema);
        }
    }
    for (const QString& name : n.requiredUndeclared) {
        if (object.contains(name))
            continue;
        if (!ctx.out)
            return false;
        ok = false;
        reportMissing(ctx, name, nullptr);
    }

    if (n.additional == Node::Additional::Allowed)
        return ok;
    for (const qsizetype position : extras) {
        const auto it = object.constBegin() + position;
        const QString key = it.key();
        if (n.additional == Node::Additional::Schema) {
            PathGuard guard(ctx, key);
            if (validateNode(it.value(), *n.additionalSchema, ctx))
                continue;
        } else if (ctx.out) {
            reportUnexpected(ctx, key, n, positions);
        }
        if (!ctx.out)
            return false;
        ok = false;
    }
    return ok;
}

// The one branch whose "type" admits the instance, if exactly one does; -1 otherwise.
qsizetype onlyCompatibleBranch(const std::vector<const Node*>& branches, unsigned kind)
{
    qsizetype found = -1;
    for (size_t i = 0; i < branches.size(); ++i) {
        const unsigned mask = branches[i]->typeMask;
        if (mask == 0)
            return -1;
        if ((mask & kind) != 0) {
            if (found >= 0)
                return -1;
            found = static_cast<qsizetype>(i);
        }
    }
    return found;
}

// When only one alternative could apply to this kind of value, what was wrong with it.
QString closestFailure(const QJsonValue& instance, const std::vector<const Node*>& branches, Context& ctx)
{
    const qsizetype index = onlyCompatibleBranch(branches, kindOf(instance));
    if (index < 0)
        return {};
    QList<SchemaViolation> inner;
    QList<SchemaViolation>* saved = ctx.out;
    ctx.out = &inner;
    validateNode(instance, *branches[static_cast<size_t>(index)], ctx);
    ctx.out = saved;
    if (inner.isEmpty())
        return {};
    // The inner message names the same field; say it once.
    QString detail = inner.first().message;
    const QString prefix = fieldOf(ctx) % QLatin1String(": ");
    if (inner.first().path == pointerOf(ctx) && detail.startsWith(prefix))
        detail.remove(0, prefix.size());
    return QLatin1String("; closest form failed with: ") % detail;
}

bool validateCombinators(const QJsonValue& instance, const Node& n, Context& ctx)
{
    bool ok = true;
    for (const Node* branch : n.allOf) {
        if (!validateNode(instance, *branch, ctx)) {
            if (!ctx.out)
                return false;
            ok = false;
        }
    }
    if (!n.anyOf.empty()) {
        const bool matched = std::any_of(n.anyOf.begin(), n.anyOf.end(),
            [&](const Node* branch) { return matches(instance, *branch, ctx); });
        if (!matched) {
            if (!ctx.out)
                return false;
            ok = false;
            reportField(ctx,
                QLatin1String("must match one of the allowed forms: ")
                    % describeBranches(n.object.value(kw::anyOf).toArray(), ctx.root, 0)
                    % QLatin1String("; got ") % render(instance) % closestFailure(instance, n.anyOf, ctx));
        }
    }
    if (!n.oneOf.empty()) {
        QVarLengthArray<size_t, 2> matched;
        for (size_t i = 0; i < n.oneOf.size() && matched.size() < 2; ++i) {
            if (matches(instance, *n.oneOf[i], ctx))
                matched.append(i);
        }
        if (matched.size() != 1) {
            if (!ctx.out)
                return false;
            ok = false;
            if (matched.isEmpty()) {
                reportField(ctx,
                    QLatin1String("must match exactly one of the allowed forms: ")
                        % describeBranches(n.object.value(kw::oneOf).toArray(), ctx.root, 0)
                        % QLatin1String("; got ") % render(instance)
                        % closestFailure(instance, n.oneOf, ctx));
            } else {
                reportField(ctx,
                    QLatin1String("matches more than one of the allowed forms (")
                        % branchDescription(n.oneOf[matched.at(0)]->source, ctx.root, 0)
                        % QLatin1String("; and ")
                        % branchDescription(n.oneOf[matched.at(1)]->source, ctx.root, 0)
                        % QLatin1String(") but must match exactly one; got ") % render(instance));
            }
        }
    }
    if (n.notSchema && matches(instance, *n.notSchema, ctx)) {
        if (!ctx.out)
            return false;
        ok = false;
        reportField(ctx,
            QLatin1String("must not be ") % branchDescription(n.notSchema->source, ctx.root, 0)
                % QLatin1String(", got ") % render(instance));
    }
    return ok;
}

bool isEnumMember(const QJsonValue& instance, unsigned kind, const Node& n)
{
    if (kind == KString)
        return n.enumStrings.contains(instance.toString());
    return std::any_of(n.enumValues.begin(), n.enumValues.end(),
        [&instance](const QJsonValue& v) { return jsonEquals(instance, v); });
}

bool validateNode(const QJsonValue& instance, const Node& n, Context& ctx)
{
    if (n.rejectsAll) {
        if (ctx.out)
            reportField(ctx, QLatin1String("no value is allowed here, got ") % render(instance));
        return false;
    }
    if (n.tooDeep || ctx.depth >= kMaxDepth) {
        if (ctx.out) {
            reportField(ctx,
                QLatin1String("nested too deeply to validate (more than ") % QString::number(kMaxDepth)
                    % QLatin1String(" levels, or a $ref that refers to itself)"));
        }
        return false;
    }
    DepthGuard depthGuard(ctx);

    const unsigned kind = kindOf(instance);
    if (n.typeMask != 0 && (n.typeMask & kind) == 0) {
        if (ctx.out) {
            // With an enum or const, the list of accepted values says more than the type does.
            if (n.hasConst) {
                reportField(ctx,
                    QLatin1String("must be exactly ") % render(n.constValue) % QLatin1String("; got ")
                        % render(instance));
            } else if (n.hasEnum) {
                reportField(ctx, enumMessage(n.enumValues, instance));
            } else {
                reportField(ctx,
                    QLatin1String("expected ") % describeMask(n.typeMask, n.object) % QLatin1String(", got ")
                        % render(instance));
            }
        }
        return false;
    }
    if (n.hasConst && !jsonEquals(instance, n.constValue)) {
        if (ctx.out) {
            reportField(ctx,
                QLatin1String("must be exactly ") % render(n.constValue) % QLatin1String("; got ")
                    % render(instance));
        }
        return false;
    }
    if (n.hasEnum && !isEnumMember(instance, kind, n)) {
        if (ctx.out)
            reportField(ctx, enumMessage(n.enumValues, instance));
        return false;
    }

    bool ok = true;
    switch (kind) {
    case KString:
        if (n.checksStrings)
            ok = validateString(instance.toString(), n, ctx);
        break;
    case KInteger:
    case KFraction:
        if (n.checksNumbers)
            ok = validateNumber(instance, n, ctx);
        break;
    case KArray:
        if (n.checksArrays)
            ok = validateArray(instance.toArray(), n, ctx);
        break;
    case KObject:
        if (n.checksObjects)
            ok = validateObject(instance.toObject(), n, ctx);
        break;
    default:
        break;
    }
    if (!ok && !ctx.out)
        return false;

    if (n.hasRef) {
        if (!n.ref) {
            if (!ctx.out)
                return false;
            ok = false;
            reportField(ctx, n.refError);
        } else if (!validateNode(instance, *n.ref, ctx)) {
            if (!ctx.out)
                return false;
            ok = false;
        }
    }
    if (!n.hasCombinators)
        return ok;
    return validateCombinators(instance, n, ctx) && ok;
}

// ---------------------------------------------------------------------------------------------
// Defaults

const QJsonValue* defaultOf(const Node* n)
{
    for (int hops = 0; hops < 8 && n; ++hops) {
        if (n->hasDefault)
            return &n->defaultValue;
        n = n->ref;
    }
    return nullptr;
}

bool fillDefaults(QJsonValue& value, const Node& n, int depth)
{
    if (!value.isObject() || depth > kMaxDepth)
        return false;
    bool changed = false;
    if (n.ref)
        changed |= fillDefaults(value, *n.ref, depth + 1);
    for (const Node* branch : n.allOf)
        changed |= fillDefaults(value, *branch, depth + 1);
    if (n.properties.empty())
        return changed;

    QJsonObject object = value.toObject();
    bool changedHere = false;
    for (const PropertyRule& rule : n.properties) {
        const auto found = object.constFind(rule.name);
        if (found == object.constEnd()) {
            const QJsonValue* fallback = defaultOf(rule.schema);
            if (!fallback)
                continue;
            QJsonValue fill = *fallback;
            fillDefaults(fill, *rule.schema, depth + 1);
            object.insert(rule.name, fill);
            changedHere = true;
        } else {
            QJsonValue child = found.value();
            if (fillDefaults(child, *rule.schema, depth + 1)) {
                object.insert(rule.name, child);
                changedHere = true;
            }
        }
    }
    if (changedHere)
        value = object;
    return changed || changedHere;
}

// ---------------------------------------------------------------------------------------------
// Checking schemas

QStringList knownKeywords()
{
    QStringList names;
    for (const QLatin1String k : kAllKeywords)
        names << QString(k);
    return names;
}

QString escapePointerToken(QString token)
{
    token.replace(QLatin1Char('~'), QLatin1String("~0"));
    token.replace(QLatin1Char('/'), QLatin1String("~1"));
    return token;
}

class SchemaChecker
{
public:
    explicit SchemaChecker(const QJsonObject& root)
        : m_root(root)
        , m_keywords(knownKeywords())
        , m_compiled(root)
    { }

    void check(const QJsonValue& node, const QString& where, int depth);
    QStringList problems() const { return m_problems; }

private:
    void add(const QString& where, const QString& text) { m_problems << where % QLatin1String(": ") % text; }
    void checkSchemaArray(const QJsonValue& v, const QString& where, const QString& keyword, int depth);
    void checkCount(const QJsonObject& s, const QString& where, QLatin1String keyword);
    void checkApplicable(const QJsonObject& s, const QString& where, unsigned mask);
    void checkAgainstSelf(const QJsonObject& s, const QJsonValue& node, const QString& where);

    const QJsonObject& m_root;
    const QStringList m_keywords;
    CompiledSchema m_compiled; // for checking defaults and examples
    QStringList m_problems;
};

void SchemaChecker::checkSchemaArray(
    const QJsonValue& v, const QString& where, const QString& keyword, int depth)
{
    if (!v.isArray() || v.toArray().isEmpty()) {
        add(where,
            QLatin1Char('"') % keyword % QLatin1String("\" must be a non-empty array of schemas, got ")
                % render(v));
        return;
    }
    const QJsonArray branches = v.toArray();
    for (qsizetype i = 0; i < branches.size(); ++i)
        check(branches.at(i), where % QLatin1Char('/') % keyword % QLatin1Char('/') % QString::number(i),
            depth + 1);
}

void SchemaChecker::checkCount(const QJsonObject& s, const QString& where, QLatin1String keyword)
{
    const QJsonValue v = s.value(keyword);
    qint64 n = 0;
    if (!v.isUndefined() && !readCount(v, &n))
        add(where,
            QLatin1Char('"') % keyword % QLatin1String("\" must be a non-negative integer, got ")
                % render(v));
}

void SchemaChecker::checkApplicable(const QJsonObject& s, const QString& where, unsigned mask)
{
    struct Group
    {
        unsigned kinds;
        QLatin1String keywords[4];
    };
    static const Group groups[] = {
        {KString, {kw::minLength, kw::maxLength, kw::pattern, QLatin1String()}},
        {KNumber, {kw::minimum, kw::maximum, kw::exclusiveMinimum, kw::exclusiveMaximum}},
        {KArray, {kw::items, kw::minItems, kw::maxItems, kw::uniqueItems}},
        {KObject, {kw::properties, kw::required, kw::additionalProperties, QLatin1String()}},
    };
    for (const Group& g : groups) {
        if ((mask & g.kinds) != 0)
            continue;
        for (const QLatin1String k : g.keywords) {
            if (k.size() > 0 && s.contains(k)) {
                add(where,
                    QLatin1Char('"') % k % QLatin1String("\" has no effect because \"type\" is ")
                        % render(s.value(kw::type)));
            }
        }
    }
}

// Violations of a default or an example, without the "value: " that names the root.
QString describeOwnValue(QList<SchemaViolation> violations)
{
    const QString rootPrefix = QStringLiteral("value: ");
    for (SchemaViolation& v : violations) {
        if (v.path.isEmpty() && v.message.startsWith(rootPrefix))
            v.message.remove(0, rootPrefix.size());
    }
    return SchemaValidator::describe(violations);
}

void SchemaChecker::checkAgainstSelf(const QJsonObject& s, const QJsonValue& node, const QString& where)
{
    const QJsonValue d = s.value(kw::defaultValue);
    const QJsonArray examples = s.value(kw::examples).toArray();
    if (d.isUndefined() && examples.isEmpty())
        return;
    const Node* compiled = m_compiled.compile(node, 0);
    Context ctx(m_root);
    if (!d.isUndefined()) {
        QList<SchemaViolation> violations;
        ctx.out = &violations;
        validateNode(d, *compiled, ctx);
        if (!violations.isEmpty()) {
            add(where,
                QLatin1String("\"default\" ") % render(d)
                    % QLatin1String(" does not satisfy its own schema: ") % describeOwnValue(violations));
        }
    }
    for (qsizetype i = 0; i < examples.size(); ++i) {
        QList<SchemaViolation> violations;
        ctx.out = &violations;
        validateNode(examples.at(i), *compiled, ctx);
        if (!violations.isEmpty()) {
            add(where,
                QLatin1String("\"examples\" item ") % QString::number(i) % QLatin1String(" (")
                    % render(examples.at(i)) % QLatin1String(") does not satisfy its own schema: ")
                    % describeOwnValue(violations));
        }
    }
}

void SchemaChecker::check(const QJsonValue& node, const QString& where, int depth)
{
    if (depth > kMaxDepth) {
        add(where, QStringLiteral("the schema is nested too deeply"));
        return;
    }
    if (node.isBool())
        return;
    if (!node.isObject()) {
        add(where, QLatin1String("a schema must be an object or a boolean, got ") % render(node));
        return;
    }
    const QJsonObject s = node.toObject();

    for (auto it = s.constBegin(); it != s.constEnd(); ++it) {
        const QString key = it.key();
        if (m_keywords.contains(key))
            continue;
        const QString suggestion = closestMatch(key, m_keywords);
        if (!suggestion.isEmpty()) {
            add(where,
                QLatin1String("unknown keyword ") % quoted(key, 1000) % QLatin1String(" (did you mean ")
                    % quoted(suggestion) % QLatin1String("?)"));
        } else {
            add(where,
                QLatin1String("unsupported keyword ") % quoted(key, 1000)
                    % QLatin1String(
                        " would be ignored by the validator; remove it or express the rule with a "
                        "supported keyword"));
        }
    }

    unsigned mask = 0;
    const QJsonValue type = s.value(kw::type);
    if (!type.isUndefined()) {
        QStringList names;
        bool wellFormed = true;
        if (type.isString()) {
            names << type.toString();
        } else if (type.isArray() && !type.toArray().isEmpty()) {
            const QJsonArray list = type.toArray();
            for (const QJsonValue& n : list) {
                if (!n.isString())
                    wellFormed = false;
                names << n.toString();
            }
        } else {
            wellFormed = false;
        }
        if (!wellFormed) {
            add(where,
                QLatin1String("\"type\" must be a type name or a non-empty array of type names, got ")
                    % render(type));
        } else {
            static const QStringList typeNames = {QStringLiteral("string"), QStringLiteral("number"),
                QStringLiteral("integer"), QStringLiteral("boolean"), QStringLiteral("object"),
                QStringLiteral("array"), QStringLiteral("null")};
            for (const QString& n : std::as_const(names)) {
                if (typeNames.contains(n))
                    continue;
                const QString suggestion = closestMatch(n, typeNames);
                add(where,
                    QLatin1String("unknown type ") % quoted(n)
                        % (suggestion.isEmpty()
                                ? QString()
                                : QLatin1String(" (did you mean ") % quoted(suggestion) % QLatin1String("?)"))
                        % QLatin1String(
                            "; use one of string, number, integer, boolean, object, array, null"));
            }
            if (names.removeDuplicates() > 0)
                add(where, QStringLiteral("\"type\" lists the same type more than once"));
            mask = typeMaskOf(type);
        }
    }
    if (mask != 0)
        checkApplicable(s, where, mask);

    const QJsonValue props = s.value(kw::properties);
    if (!props.isUndefined()) {
        if (!props.isObject()) {
            add(where,
                QLatin1String("\"properties\" must be an object mapping names to schemas, got ")
                    % render(props));
        } else {
            const QJsonObject map = props.toObject();
            for (auto it = map.constBegin(); it != map.constEnd(); ++it)
                check(it.value(), where % QLatin1String("/properties/") % escapePointerToken(it.key()),
                    depth + 1);
        }
    }

    const QJsonValue required = s.value(kw::required);
    if (!required.isUndefined()) {
        bool wellFormed = required.isArray();
        QStringList names;
        if (wellFormed) {
            const QJsonArray list = required.toArray();
            for (const QJsonValue& n : list) {
                if (!n.isString())
                    wellFormed = false;
                names << n.toString();
            }
        }
        if (!wellFormed) {
            add(where,
                QLatin1String("\"required\" must be an array of property names (strings), got ")
                    % render(required));
        } else {
            QStringList unique = names;
            if (unique.removeDuplicates() > 0)
                add(where, QStringLiteral("\"required\" names the same property more than once"));
            const QJsonValue additional = s.value(kw::additionalProperties);
            if (additional.isBool() && !additional.toBool()) {
                const QJsonObject map = props.toObject();
                for (const QString& n : std::as_const(unique)) {
                    if (!map.contains(n)) {
                        add(where,
                            QLatin1String("required property ") % quoted(n)
                                % QLatin1String(
                                    " is not declared in \"properties\" and \"additionalProperties\" is "
                                    "false, so no value can ever be valid"));
                    }
                }
            }
        }
    }

    const QJsonValue additional = s.value(kw::additionalProperties);
    if (!additional.isUndefined()) {
        if (additional.isObject())
            check(additional, where % QLatin1String("/additionalProperties"), depth + 1);
        else if (!additional.isBool())
            add(where,
                QLatin1String("\"additionalProperties\" must be a boolean or a schema, got ")
                    % render(additional));
    }

    const QJsonValue values = s.value(kw::enumeration);
    if (!values.isUndefined()) {
        if (!values.isArray() || values.toArray().isEmpty()) {
            add(where,
                QLatin1String("\"enum\" must be a non-empty array of allowed values, got ") % render(values));
        } else if (mask != 0) {
            const QJsonArray list = values.toArray();
            for (const QJsonValue& v : list) {
                if ((kindOf(v) & mask) == 0) {
                    add(where,
                        QLatin1String("\"enum\" value ") % render(v)
                            % QLatin1String(" is not allowed by \"type\" ") % render(type));
                }
            }
        }
    }

    for (const QLatin1String k : {kw::minimum, kw::maximum, kw::exclusiveMinimum, kw::exclusiveMaximum}) {
        const QJsonValue v = s.value(k);
        if (v.isUndefined() || v.isDouble())
            continue;
        if (v.isBool()) {
            add(where,
                QLatin1Char('"') % k
                    % QLatin1String(
                        "\" must be a number; the boolean form is from older drafts (in 2020-12 write "
                        "\"exclusiveMinimum\": <number> instead of \"minimum\" plus true)"));
        } else {
            add(where, QLatin1Char('"') % k % QLatin1String("\" must be a number, got ") % render(v));
        }
    }
    const QJsonValue min = s.value(kw::minimum);
    const QJsonValue max = s.value(kw::maximum);
    if (min.isDouble() && max.isDouble() && min.toDouble() > max.toDouble())
        add(where, QStringLiteral("\"minimum\" is greater than \"maximum\", so no number can be valid"));

    for (const QLatin1String k : {kw::minLength, kw::maxLength, kw::minItems, kw::maxItems})
        checkCount(s, where, k);
    qint64 lo = 0;
    qint64 hi = 0;
    if (readCount(s.value(kw::minLength), &lo) && readCount(s.value(kw::maxLength), &hi) && lo > hi)
        add(where, QStringLiteral("\"minLength\" is greater than \"maxLength\", so no string can be valid"));
    if (readCount(s.value(kw::minItems), &lo) && readCount(s.value(kw::maxItems), &hi) && lo > hi)
        add(where, QStringLiteral("\"minItems\" is greater than \"maxItems\", so no array can be valid"));

    const QJsonValue p = s.value(kw::pattern);
    if (!p.isUndefined()) {
        if (!p.isString()) {
            add(where, QLatin1String("\"pattern\" must be a string, got ") % render(p));
        } else {
            const QRegularExpression re = cachedRegex(p.toString());
            if (!re.isValid()) {
                add(where,
                    QLatin1String("\"pattern\" ") % quoted(p.toString(), 80)
                        % QLatin1String(" is not a valid regular expression: ") % re.errorString()
                        % QLatin1String(" at offset ") % QString::number(re.patternErrorOffset()));
            }
        }
    }

    const QJsonValue itemSchema = s.value(kw::items);
    if (!itemSchema.isUndefined()) {
        if (itemSchema.isArray()) {
            add(where,
                QStringLiteral(
                    "\"items\" must be a single schema for every item; the array (tuple) form is from "
                    "older drafts and is not supported"));
        } else if (itemSchema.isObject() || itemSchema.isBool()) {
            check(itemSchema, where % QLatin1String("/items"), depth + 1);
        } else {
            add(where, QLatin1String("\"items\" must be a schema, got ") % render(itemSchema));
        }
    }
    const QJsonValue unique = s.value(kw::uniqueItems);
    if (!unique.isUndefined() && !unique.isBool())
        add(where, QLatin1String("\"uniqueItems\" must be true or false, got ") % render(unique));

    for (const QLatin1String k : {kw::anyOf, kw::oneOf, kw::allOf}) {
        const QJsonValue v = s.value(k);
        if (!v.isUndefined())
            checkSchemaArray(v, where, QString(k), depth);
    }
    const QJsonValue negated = s.value(kw::notKeyword);
    if (!negated.isUndefined()) {
        if (negated.isObject() || negated.isBool())
            check(negated, where % QLatin1String("/not"), depth + 1);
        else
            add(where, QLatin1String("\"not\" must be a schema, got ") % render(negated));
    }

    for (const QLatin1String k : {kw::description, kw::title, kw::comment, kw::format, kw::id}) {
        const QJsonValue v = s.value(k);
        if (!v.isUndefined() && !v.isString())
            add(where, QLatin1Char('"') % k % QLatin1String("\" must be a string, got ") % render(v));
    }
    const QJsonValue dialect = s.value(kw::schema);
    if (!dialect.isUndefined()) {
        const QString uri = dialect.toString();
        if (!dialect.isString()) {
            add(where, QLatin1String("\"$schema\" must be a string, got ") % render(dialect));
        } else if (uri != QLatin1String("https://json-schema.org/draft/2020-12/schema")
            && uri != QLatin1String("https://json-schema.org/draft/2020-12/schema#")) {
            add(where,
                QLatin1String("\"$schema\" ") % quoted(uri, 80)
                    % QLatin1String(
                        " names another dialect; tool schemas are validated as JSON Schema 2020-12 "
                        "(\"https://json-schema.org/draft/2020-12/schema\")"));
        }
    }
    const QJsonValue examples = s.value(kw::examples);
    if (!examples.isUndefined() && !examples.isArray())
        add(where, QLatin1String("\"examples\" must be an array of example values, got ") % render(examples));

    const QJsonValue ref = s.value(kw::ref);
    if (!ref.isUndefined()) {
        if (!ref.isString()) {
            add(where, QLatin1String("\"$ref\" must be a string, got ") % render(ref));
        } else {
            QString error;
            resolveRef(ref.toString(), m_root, &error);
            if (!error.isEmpty())
                add(where, error);
        }
    }
    const QJsonValue defs = s.value(kw::defs);
    if (!defs.isUndefined()) {
        if (!defs.isObject()) {
            add(where,
                QLatin1String("\"$defs\" must be an object mapping names to schemas, got ") % render(defs));
        } else {
            const QJsonObject map = defs.toObject();
            for (auto it = map.constBegin(); it != map.constEnd(); ++it)
                check(it.value(), where % QLatin1String("/$defs/") % escapePointerToken(it.key()), depth + 1);
        }
    }

    checkAgainstSelf(s, node, where);
}

} // namespace

QList<SchemaViolation> SchemaValidator::validate(const QJsonValue& instance, const QJsonObject& schema)
{
    const std::shared_ptr<const CompiledSchema> compiled = compiledSchema(schema);
    QList<SchemaViolation> violations;
    Context ctx(compiled->root());
    ctx.out = &violations;
    validateNode(instance, *compiled->top(), ctx);
    return violations;
}

QJsonValue SchemaValidator::applyDefaults(const QJsonValue& instance, const QJsonObject& schema)
{
    QJsonValue result = instance;
    fillDefaults(result, *compiledSchema(schema)->top(), 0);
    return result;
}

QString SchemaValidator::describe(const QList<SchemaViolation>& violations)
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

QStringList SchemaValidator::checkSchema(const QJsonObject& schema)
{
    SchemaChecker checker(schema);
    checker.check(schema, QStringLiteral("#"), 0);
    return checker.problems();
}
