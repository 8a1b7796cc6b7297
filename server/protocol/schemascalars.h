#pragma once

#include "protocol/schemacontext.h"
#include "protocol/schemanode.h"

#include <QJsonValue>
#include <QString>

// The string keywords (minLength, maxLength, pattern) and the number keywords (minimum, maximum,
// exclusiveMinimum, exclusiveMaximum).
namespace Schema
{

// Length in Unicode code points: a surrogate pair counts once.
qsizetype codePointCount(const QString& s);

bool validateString(const QString& str, const Node& n, Context& ctx);

bool validateNumber(const QJsonValue& instance, const Node& n, Context& ctx);

} // namespace Schema
