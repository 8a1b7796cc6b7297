#pragma once

#include "protocol/schemacontext.h"
#include "protocol/schemanode.h"

#include <QJsonValue>

// The applicators that combine subschemas: allOf, anyOf, oneOf, not, and if/then/else.
namespace Schema
{

bool validateCombinators(const QJsonValue& instance, const Node& n, Context& ctx);

} // namespace Schema
