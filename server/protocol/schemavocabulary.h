#pragma once

#include <QLatin1String>
#include <QString>
#include <QStringList>

// The JSON Schema 2020-12 keywords the validator knows, by name and by index.
namespace Schema
{

namespace kw
{
inline constexpr QLatin1String type("type");
inline constexpr QLatin1String properties("properties");
inline constexpr QLatin1String required("required");
inline constexpr QLatin1String additionalProperties("additionalProperties");
inline constexpr QLatin1String enumeration("enum");
inline constexpr QLatin1String constant("const");
inline constexpr QLatin1String minimum("minimum");
inline constexpr QLatin1String maximum("maximum");
inline constexpr QLatin1String exclusiveMinimum("exclusiveMinimum");
inline constexpr QLatin1String exclusiveMaximum("exclusiveMaximum");
inline constexpr QLatin1String minLength("minLength");
inline constexpr QLatin1String maxLength("maxLength");
inline constexpr QLatin1String pattern("pattern");
inline constexpr QLatin1String items("items");
inline constexpr QLatin1String minItems("minItems");
inline constexpr QLatin1String maxItems("maxItems");
inline constexpr QLatin1String uniqueItems("uniqueItems");
inline constexpr QLatin1String defaultValue("default");
inline constexpr QLatin1String anyOf("anyOf");
inline constexpr QLatin1String oneOf("oneOf");
inline constexpr QLatin1String allOf("allOf");
inline constexpr QLatin1String notKeyword("not");
inline constexpr QLatin1String description("description");
inline constexpr QLatin1String title("title");
inline constexpr QLatin1String examples("examples");
inline constexpr QLatin1String schema("$schema");
inline constexpr QLatin1String id("$id");
inline constexpr QLatin1String comment("$comment");
inline constexpr QLatin1String format("format");
inline constexpr QLatin1String ref("$ref");
inline constexpr QLatin1String defs("$defs");
inline constexpr QLatin1String ifKeyword("if");
inline constexpr QLatin1String thenKeyword("then");
inline constexpr QLatin1String elseKeyword("else");
inline constexpr QLatin1String anchor("$anchor");
inline constexpr QLatin1String dependentRequired("dependentRequired");
inline constexpr QLatin1String prefixItems("prefixItems");
} // namespace kw

// In the order of the keyword table in schemavocabulary.cpp.
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
    If,
    Then,
    Else,
    Anchor,
    DependentRequired,
    PrefixItems,
    Count,
};

// The index of a keyword name as a Keyword, or -1 for a name that is not a keyword.
int keywordIndex(const QString& key);

// Every keyword name, in table order (for suggestions when a schema misspells one).
QStringList knownKeywords();

} // namespace Schema
