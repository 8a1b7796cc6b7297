#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// Local references inside one schema document: "#", JSON pointers ("#/$defs/name") and plain-name
// fragments that name an "$anchor" ("#addressDef"). Nothing is ever fetched.
namespace Schema
{

// Decodes one JSON pointer token ("~1" is "/", "~0" is "~", percent-escapes as in a URI fragment).
QString unescapePointerToken(QString token);

// Encodes a property name as one JSON pointer token.
QString escapePointerToken(QString token);

// Whether `name` is a valid "$anchor" value (a letter or "_", then letters, digits, "-", "_", ".").
bool isAnchorName(const QString& name);

// Resolves `ref` against `root`. On failure returns Undefined and sets `error` to a sentence.
QJsonValue resolveRef(const QString& ref, const QJsonObject& root, QString* error);

} // namespace Schema
