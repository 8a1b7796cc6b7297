#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// Small builders for the JSON Schemas of tool inputs and outputs, shared by every area that
// declares tools. A description is left out when empty.
namespace SchemaBuilder
{

QJsonObject typed(const char* type, const QString& description = {});
QJsonObject str(const QString& description = {});
QJsonObject integer(const QString& description = {});
QJsonObject number(const QString& description = {});
QJsonObject boolean(const QString& description = {});
// {"type": [type, "null"]}
QJsonObject nullable(const char* type, const QString& description = {});
// A string that is one of `values`.
QJsonObject oneOfStrings(const QStringList& values, const QString& description = {});
QJsonObject arrayOf(const QJsonObject& items, const QString& description = {});
// An object with these properties; `closed` refuses any other property.
QJsonObject object(const QJsonObject& properties, const QStringList& required, bool closed = true);

} // namespace SchemaBuilder
