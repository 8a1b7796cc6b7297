#include "protocol/schemavocabulary.h"

namespace Schema
{

namespace
{

// New keywords go at the end: suggestions for misspelt names prefer the earlier of equally close ones.
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
    kw::ifKeyword,
    kw::thenKeyword,
    kw::elseKeyword,
    kw::anchor,
    kw::dependentRequired,
    kw::prefixItems,
};
static_assert(sizeof(kAllKeywords) / sizeof(kAllKeywords[0]) == static_cast<size_t>(Keyword::Count),
    "Keyword must list kAllKeywords in order");

} // namespace

int keywordIndex(const QString& key)
{
    for (int i = 0; i < static_cast<int>(Keyword::Count); ++i) {
        if (key.size() == kAllKeywords[i].size() && key == kAllKeywords[i])
            return i;
    }
    return -1;
}

QStringList knownKeywords()
{
    QStringList names;
    for (const QLatin1String k : kAllKeywords)
        names << QString(k);
    return names;
}

} // namespace Schema
