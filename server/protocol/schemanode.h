#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

// The compiled form of one schema object: its keywords in ready-to-use form (type masks, bounds as
// doubles, compiled patterns, property tables), so validation never looks keywords up by name or
// copies schema strings. Nodes keep their source object for building messages.
namespace Schema
{

// Guards against $ref loops that consume no input and against absurdly deep instances.
inline constexpr int kMaxDepth = 128;

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
    std::vector<const Node*> prefixItems; // schemas for the leading items, by position
    const Node* items = nullptr; // for the items after prefixItems
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
    // dependentRequired: when the first is present, the second must all be present too.
    std::vector<std::pair<QString, QStringList>> dependentRequired;

    bool hasRef = false;
    const Node* ref = nullptr; // null with hasRef: see refError
    QString refError;

    bool hasCombinators = false;
    std::vector<const Node*> allOf;
    std::vector<const Node*> anyOf;
    std::vector<const Node*> oneOf;
    const Node* notSchema = nullptr;
    const Node* ifSchema = nullptr; // then/else are only compiled when "if" is present
    const Node* thenSchema = nullptr;
    const Node* elseSchema = nullptr;

    bool hasDefault = false;
    QJsonValue defaultValue;

    bool tooDeep = false;
};

} // namespace Schema
