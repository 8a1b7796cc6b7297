#pragma once

#include <QString>
#include <QStringList>

// "Did you mean" suggestions for misspelt names and values.
namespace Schema
{

// The closest candidate to a misspelt `name`, or empty when nothing is close enough. Case-insensitive;
// a swap of two neighbouring letters counts as one edit.
QString closestMatch(const QString& name, const QStringList& candidates);

} // namespace Schema
