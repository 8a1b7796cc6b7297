#pragma once

#include "protocol/schemacontext.h"
#include "protocol/schemanode.h"

#include <QJsonValue>

// Checks an instance against a compiled schema node: the keywords every kind of value shares
// (type, const, enum, $ref) and the hand-off to the per-kind and combinator checks.
namespace Schema
{

// Whether `instance` satisfies `n`; reports violations to ctx.out when it is set. Without ctx.out it
// stops at the first failure.
bool validateNode(const QJsonValue& instance, const Node& n, Context& ctx);

// Whether `instance` matches `n`, without collecting messages.
bool matches(const QJsonValue& instance, const Node& n, Context& ctx);

} // namespace Schema
