#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// A schema described in a few words for messages: "an integer between 1 and 1000", "one of 1m, 5m",
// "a string or null".
namespace Schema
{

// What `schema` accepts; $refs resolve against `root`. "any value" when there is nothing to say.
QString describeSchema(const QJsonValue& schema, const QJsonObject& root, int depth);

// What the types in `mask` accept, with the constraints of `s` that apply to each.
QString describeMask(unsigned mask, const QJsonObject& s);

// One alternative of anyOf/oneOf/not: its description or title when it has one, else describeSchema.
QString branchDescription(const QJsonValue& branch, const QJsonObject& root, int depth);

// The alternatives joined with ", or ".
QString describeBranches(const QJsonArray& branches, const QJsonObject& root, int depth);

} // namespace Schema
