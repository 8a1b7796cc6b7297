#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

struct SchemaViolation
{
    QString path; // JSON pointer of the offending value, e.g. "/symbol", "/items/2/amount", "" for root
    QString message; // a sentence naming the field, what was expected and what was received
};

// JSON Schema 2020-12 validation for MCP tool arguments and tool results.
//
// Supported keywords: type, properties, required, dependentRequired, additionalProperties, enum,
// const, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength (Unicode code
// points), pattern (unanchored search), prefixItems, items, minItems, maxItems, uniqueItems, anyOf,
// oneOf, allOf, not, if/then/else, $ref to local pointers ("#/$defs/name") or anchors ("#name"),
// $anchor and $defs. Annotations (default, description, title, examples, format, $schema, $id,
// $comment) are not asserted. Boolean subschemas are accepted. Nothing is ever fetched: a non-local
// $ref is reported as a violation.
class SchemaValidator
{
public:
    // Validates `instance` against `schema`. Returns every violation (empty list == valid), in a
    // stable order: for each object, its declared properties in the order QJsonObject keeps them
    // (sorted by name), required properties that are not declared, then extra properties sorted.
    static QList<SchemaViolation> validate(const QJsonValue& instance, const QJsonObject& schema);

    // Returns `instance` with "default" values of missing object properties filled in, recursively,
    // for properties declared in `schema` (only where the property is absent; never overwrite).
    // Arrays are left as they are.
    static QJsonValue applyDefaults(const QJsonValue& instance, const QJsonObject& schema);

    // One human sentence summarising violations for an error message (joins up to 5, "and N more"),
    // without a final full stop so callers can embed it. Empty when there are no violations.
    static QString describe(const QList<SchemaViolation>& violations);

    // Checks that a schema itself only uses keywords we support and is well-formed (types of keyword
    // values, e.g. "required" is an array of strings; defaults and examples satisfy their schema).
    // Returns problems, each starting with the schema location ("#/properties/amount: ...");
    // empty means fine.
    static QStringList checkSchema(const QJsonObject& schema);
};
