#pragma once

#include "protocol/schemacontext.h"
#include "protocol/schemanode.h"

#include <QJsonObject>

// The object keywords: properties, required, dependentRequired, additionalProperties.
namespace Schema
{

// Violations come in a stable order: declared properties in the order QJsonObject keeps them (sorted
// by name), required properties that are not declared, properties dependentRequired asks for, then
// extra properties sorted.
bool validateObject(const QJsonObject& object, const Node& n, Context& ctx);

} // namespace Schema
