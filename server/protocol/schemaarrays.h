#pragma once

#include "protocol/schemacontext.h"
#include "protocol/schemanode.h"

#include <QJsonArray>

// The array keywords: prefixItems, items, minItems, maxItems, uniqueItems.
namespace Schema
{

bool validateArray(const QJsonArray& array, const Node& n, Context& ctx);

} // namespace Schema
