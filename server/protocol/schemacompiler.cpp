#include "protocol/schemacompiler.h"

#include "protocol/schemapatterns.h"
#include "protocol/schemarefs.h"
#include "protocol/schematypes.h"
#include "protocol/schemavocabulary.h"

#include <QJsonArray>

#include <utility>

namespace Schema
{

CompiledSchema::CompiledSchema(const QJsonObject& root)
    : m_root(root)
{
    m_top = compile(m_root, 0);
}

const Node* CompiledSchema::compile(const QJsonValue& schema, int depth)
{
    Node* node = &m_nodes.emplace_back();
    fill(*node, schema, depth);
    return node;
}

// A subschema keyword's value, or null when it is not a schema (checkSchema() reports that).
const Node* CompiledSchema::compileSchema(const QJsonValue& v, int depth)
{
    return v.isObject() || v.isBool() ? compile(v, depth + 1) : nullptr;
}

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

void CompiledSchema::resolveRequired(Node& n, const QJsonArray& required)
{
    for (const QJsonValue& r : required) {
        if (!r.isString())
            continue;
        const QString name = r.toString();
        const auto index = n.propertyIndex.constFind(name);
        if (index != n.propertyIndex.constEnd())
            n.properties[static_cast<size_t>(index.value())].required = true;
        else if (!n.requiredUndeclared.contains(name))
            n.requiredUndeclared << name;
    }
}

void CompiledSchema::readDependentRequired(Node& n, const QJsonObject& map)
{
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        QStringList names;
        const QJsonArray list = it.value().toArray();
        for (const QJsonValue& name : list) {
            if (name.isString() && !names.contains(name.toString()))
                names << name.toString();
        }
        if (!names.isEmpty())
            n.dependentRequired.emplace_back(it.key(), names);
    }
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
    QJsonValue thenValue;
    QJsonValue elseValue;
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
            n.items = compileSchema(v, depth);
            break;
        case Keyword::PrefixItems:
            compileList(v, &n.prefixItems, depth);
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
        case Keyword::DependentRequired:
            readDependentRequired(n, v.toObject());
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
            n.notSchema = compileSchema(v, depth);
            break;
        case Keyword::If:
            n.ifSchema = compileSchema(v, depth);
            break;
        case Keyword::Then:
            thenValue = v;
            break;
        case Keyword::Else:
            elseValue = v;
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
    // Without "if", "then" and "else" have no effect (JSON Schema 2020-12, 10.2.2).
    if (n.ifSchema) {
        n.thenSchema = compileSchema(thenValue, depth);
        n.elseSchema = compileSchema(elseValue, depth);
    }
    resolveRequired(n, required);
    n.checksNumbers = n.hasMinimum || n.hasMaximum || n.hasExclusiveMinimum || n.hasExclusiveMaximum;
    n.checksStrings = n.hasMinLength || n.hasMaxLength || n.hasPattern;
    n.checksArrays = n.items || !n.prefixItems.empty() || n.hasMinItems || n.hasMaxItems || n.uniqueItems;
    n.checksObjects = !n.properties.empty() || !n.requiredUndeclared.isEmpty()
        || n.additional != Node::Additional::Allowed || !n.dependentRequired.empty();
    n.hasCombinators = !n.allOf.empty() || !n.anyOf.empty() || !n.oneOf.empty() || n.notSchema || n.thenSchema
        || n.elseSchema;
}

} // namespace Schema
