#pragma once

#include "protocol/schemanode.h"

#include <QJsonValue>

// "default" values filled into missing object properties.
namespace Schema
{

// Fills the defaults of properties `n` declares (also through $ref and allOf) into `value` where the
// property is absent, recursively; never overwrites and leaves arrays as they are. Returns whether
// `value` changed.
bool fillDefaults(QJsonValue& value, const Node& n, int depth);

} // namespace Schema
