#include "protocol/schemabuilder.h"

#include <QJsonArray>

namespace SchemaBuilder
{

QJsonObject typed(const char* type, const QString& description)
{
    QJsonObject o {{QStringLiteral("type"), QLatin1String(type)}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    return o;
}

QJsonObject str(const QString& description)
{
    return typed("string", description);
}

QJsonObject integer(const QString& description)
{
    return typed("integer", description);
}

QJsonObject number(const QString& description)
{
    return typed("number", description);
}

QJsonObject boolean(const QString& description)
{
    return typed("boolean", description);
}

QJsonObject nullable(const char* type, const QString& description)
{
    QJsonObject o {{QStringLiteral("type"), QJsonArray {QLatin1String(type), QStringLiteral("null")}}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    return o;
}

QJsonObject oneOfStrings(const QStringList& values, const QString& description)
{
    QJsonObject o = str(description);
    o.insert(QStringLiteral("enum"), QJsonArray::fromStringList(values));
    return o;
}

QJsonObject arrayOf(const QJsonObject& items, const QString& description)
{
    QJsonObject o {{QStringLiteral("type"), QStringLiteral("array")}, {QStringLiteral("items"), items}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    return o;
}

QJsonObject object(const QJsonObject& properties, const QStringList& required, bool closed)
{
    QJsonObject o {
        {QStringLiteral("type"), QStringLiteral("object")}, {QStringLiteral("properties"), properties}};
    if (!required.isEmpty())
        o.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    if (closed)
        o.insert(QStringLiteral("additionalProperties"), false);
    return o;
}

} // namespace SchemaBuilder
