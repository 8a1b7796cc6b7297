#include "protocol/schemalint.h"

#include "protocol/schemacontext.h"
#include "protocol/schemaevaluator.h"
#include "protocol/schemamessages.h"
#include "protocol/schemapatterns.h"
#include "protocol/schemarefs.h"
#include "protocol/schemasuggestions.h"
#include "protocol/schematypes.h"
#include "protocol/schemavalidator.h"
#include "protocol/schemavocabulary.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Schema
{

namespace
{

// Violations of a default or an example, without the "value: " that names the root.
QString describeOwnValue(QList<SchemaViolation> violations)
{
    const QString rootPrefix = QStringLiteral("value: ");
    for (SchemaViolation& v : violations) {
        if (v.path.isEmpty() && v.message.startsWith(rootPrefix))
            v.message.remove(0, rootPrefix.size());
    }
    return describeViolations(violations);
}

} // namespace

SchemaLint::SchemaLint(const QJsonObject& root)
    : m_root(root)
    , m_keywords(knownKeywords())
    , m_compiled(root)
{ }

void SchemaLint::checkSchemaArray(
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

// A keyword whose value is one schema ("not", "if", ...).
void SchemaLint::checkSubschema(const QJsonObject& s, QLatin1String keyword, const QString& where, int depth)
{
    const QJsonValue v = s.value(keyword);
    if (v.isUndefined())
        return;
    if (v.isObject() || v.isBool())
        check(v, where % QLatin1Char('/') % keyword, depth + 1);
    else
        add(where, QLatin1Char('"') % keyword % QLatin1String("\" must be a schema, got ") % render(v));
}

// A keyword whose value maps names to schemas ("properties", "$defs").
void SchemaLint::checkSchemaMap(const QJsonObject& s, QLatin1String keyword, const QString& where, int depth)
{
    const QJsonValue v = s.value(keyword);
    if (v.isUndefined())
        return;
    if (!v.isObject()) {
        add(where,
            QLatin1Char('"') % keyword % QLatin1String("\" must be an object mapping names to schemas, got ")
                % render(v));
        return;
    }
    const QJsonObject map = v.toObject();
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        check(it.value(),
            where % QLatin1Char('/') % keyword % QLatin1Char('/') % escapePointerToken(it.key()), depth + 1);
}

void SchemaLint::checkCount(const QJsonObject& s, const QString& where, QLatin1String keyword)
{
    const QJsonValue v = s.value(keyword);
    qint64 n = 0;
    if (!v.isUndefined() && !readCount(v, &n))
        add(where,
            QLatin1Char('"') % keyword % QLatin1String("\" must be a non-negative integer, got ")
                % render(v));
}

void SchemaLint::checkKeywordNames(const QJsonObject& s, const QString& where)
{
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
}

// Returns the type mask, 0 when "type" is absent or malformed.
unsigned SchemaLint::checkType(const QJsonObject& s, const QString& where)
{
    const QJsonValue type = s.value(kw::type);
    if (type.isUndefined())
        return 0;
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
        return 0;
    }
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
                % QLatin1String("; use one of string, number, integer, boolean, object, array, null"));
    }
    if (names.removeDuplicates() > 0)
        add(where, QStringLiteral("\"type\" lists the same type more than once"));
    return typeMaskOf(type);
}

void SchemaLint::checkApplicable(const QJsonObject& s, const QString& where, unsigned mask)
{
    struct Group
    {
        unsigned kinds;
        QLatin1String keywords[5];
    };
    static const Group groups[] = {
        {KString, {kw::minLength, kw::maxLength, kw::pattern, QLatin1String(), QLatin1String()}},
        {KNumber, {kw::minimum, kw::maximum, kw::exclusiveMinimum, kw::exclusiveMaximum, QLatin1String()}},
        {KArray, {kw::items, kw::minItems, kw::maxItems, kw::uniqueItems, kw::prefixItems}},
        {KObject,
            {kw::properties, kw::required, kw::additionalProperties, kw::dependentRequired, QLatin1String()}},
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

void SchemaLint::checkObjectKeywords(const QJsonObject& s, const QString& where, int depth)
{
    const QJsonValue props = s.value(kw::properties);
    checkSchemaMap(s, kw::properties, where, depth);

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
    checkDependentRequired(s, where);
}

void SchemaLint::checkDependentRequired(const QJsonObject& s, const QString& where)
{
    const QJsonValue dependent = s.value(kw::dependentRequired);
    if (dependent.isUndefined())
        return;
    if (!dependent.isObject()) {
        add(where,
            QLatin1String("\"dependentRequired\" must be an object mapping a property name to the names it "
                          "requires, got ")
                % render(dependent));
        return;
    }
    const QJsonObject map = dependent.toObject();
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        bool wellFormed = it.value().isArray();
        QStringList names;
        const QJsonArray list = it.value().toArray();
        for (const QJsonValue& n : list) {
            if (!n.isString())
                wellFormed = false;
            names << n.toString();
        }
        if (!wellFormed) {
            add(where,
                QLatin1String("\"dependentRequired\" entry ") % quoted(it.key())
                    % QLatin1String(" must be an array of property names (strings), got ")
                    % render(it.value()));
        } else if (names.removeDuplicates() > 0) {
            add(where,
                QLatin1String("\"dependentRequired\" entry ") % quoted(it.key())
                    % QLatin1String(" names the same property more than once"));
        }
    }
}

void SchemaLint::checkEnum(const QJsonObject& s, const QString& where, unsigned mask)
{
    const QJsonValue values = s.value(kw::enumeration);
    if (values.isUndefined())
        return;
    if (!values.isArray() || values.toArray().isEmpty()) {
        add(where,
            QLatin1String("\"enum\" must be a non-empty array of allowed values, got ") % render(values));
        return;
    }
    if (mask == 0)
        return;
    const QJsonArray list = values.toArray();
    for (const QJsonValue& v : list) {
        if ((kindOf(v) & mask) == 0) {
            add(where,
                QLatin1String("\"enum\" value ") % render(v) % QLatin1String(" is not allowed by \"type\" ")
                    % render(s.value(kw::type)));
        }
    }
}

void SchemaLint::checkNumberKeywords(const QJsonObject& s, const QString& where)
{
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
}

void SchemaLint::checkCounts(const QJsonObject& s, const QString& where)
{
    for (const QLatin1String k : {kw::minLength, kw::maxLength, kw::minItems, kw::maxItems})
        checkCount(s, where, k);
    qint64 lo = 0;
    qint64 hi = 0;
    if (readCount(s.value(kw::minLength), &lo) && readCount(s.value(kw::maxLength), &hi) && lo > hi)
        add(where, QStringLiteral("\"minLength\" is greater than \"maxLength\", so no string can be valid"));
    if (readCount(s.value(kw::minItems), &lo) && readCount(s.value(kw::maxItems), &hi) && lo > hi)
        add(where, QStringLiteral("\"minItems\" is greater than \"maxItems\", so no array can be valid"));
}

void SchemaLint::checkPattern(const QJsonObject& s, const QString& where)
{
    const QJsonValue p = s.value(kw::pattern);
    if (p.isUndefined())
        return;
    if (!p.isString()) {
        add(where, QLatin1String("\"pattern\" must be a string, got ") % render(p));
        return;
    }
    const QRegularExpression re = cachedRegex(p.toString());
    if (!re.isValid()) {
        add(where,
            QLatin1String("\"pattern\" ") % quoted(p.toString(), 80)
                % QLatin1String(" is not a valid regular expression: ") % re.errorString()
                % QLatin1String(" at offset ") % QString::number(re.patternErrorOffset()));
    }
}

void SchemaLint::checkArrayKeywords(const QJsonObject& s, const QString& where, int depth)
{
    const QJsonValue prefix = s.value(kw::prefixItems);
    if (!prefix.isUndefined())
        checkSchemaArray(prefix, where, QString(kw::prefixItems), depth);
    const QJsonValue itemSchema = s.value(kw::items);
    if (!itemSchema.isUndefined()) {
        if (itemSchema.isArray()) {
            add(where,
                QStringLiteral(
                    "\"items\" must be a single schema for the items; the array (tuple) form is from older "
                    "drafts (in 2020-12 write the per-position schemas as \"prefixItems\")"));
        } else if (itemSchema.isObject() || itemSchema.isBool()) {
            check(itemSchema, where % QLatin1String("/items"), depth + 1);
        } else {
            add(where, QLatin1String("\"items\" must be a schema, got ") % render(itemSchema));
        }
    }
    const QJsonValue unique = s.value(kw::uniqueItems);
    if (!unique.isUndefined() && !unique.isBool())
        add(where, QLatin1String("\"uniqueItems\" must be true or false, got ") % render(unique));
}

void SchemaLint::checkApplicators(const QJsonObject& s, const QString& where, int depth)
{
    for (const QLatin1String k : {kw::anyOf, kw::oneOf, kw::allOf}) {
        const QJsonValue v = s.value(k);
        if (!v.isUndefined())
            checkSchemaArray(v, where, QString(k), depth);
    }
    for (const QLatin1String k : {kw::notKeyword, kw::ifKeyword, kw::thenKeyword, kw::elseKeyword})
        checkSubschema(s, k, where, depth);
    if (!s.contains(kw::ifKeyword)) {
        for (const QLatin1String k : {kw::thenKeyword, kw::elseKeyword}) {
            if (s.contains(k))
                add(where, QLatin1Char('"') % k % QLatin1String("\" has no effect without \"if\""));
        }
    }
}

void SchemaLint::checkAnnotations(const QJsonObject& s, const QString& where)
{
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
}

void SchemaLint::checkReferences(const QJsonObject& s, const QString& where, int depth)
{
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
    const QJsonValue anchor = s.value(kw::anchor);
    if (!anchor.isUndefined()) {
        const QString name = anchor.toString();
        if (!anchor.isString() || !isAnchorName(name)) {
            add(where,
                QLatin1String("\"$anchor\" must be a name that starts with a letter or \"_\" followed by "
                              "letters, digits, \"-\", \"_\" or \".\", got ")
                    % render(anchor));
        } else if (m_anchors.contains(name)) {
            add(where,
                QLatin1String("\"$anchor\" ") % quoted(name) % QLatin1String(" is also defined at ")
                    % m_anchors.value(name) % QLatin1String("; anchors must be unique within a schema"));
        } else {
            m_anchors.insert(name, where);
        }
    }
    checkSchemaMap(s, kw::defs, where, depth);
}

void SchemaLint::checkAgainstSelf(const QJsonObject& s, const QJsonValue& node, const QString& where)
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

void SchemaLint::check(const QJsonValue& node, const QString& where, int depth)
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

    checkKeywordNames(s, where);
    const unsigned mask = checkType(s, where);
    if (mask != 0)
        checkApplicable(s, where, mask);
    checkObjectKeywords(s, where, depth);
    checkEnum(s, where, mask);
    checkNumberKeywords(s, where);
    checkCounts(s, where);
    checkPattern(s, where);
    checkArrayKeywords(s, where, depth);
    checkApplicators(s, where, depth);
    checkAnnotations(s, where);
    checkReferences(s, where, depth);
    checkAgainstSelf(s, node, where);
}

} // namespace Schema
