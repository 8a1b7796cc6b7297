#pragma once

#include <QJsonValue>
#include <QString>

// JSON value kinds as "type" sees them, and JSON Schema's notion of equal values.
namespace Schema
{

enum Kind : unsigned
{
    KNull = 1u,
    KBoolean = 2u,
    KInteger = 4u,
    KFraction = 8u, // a number with a fractional part
    KString = 16u,
    KArray = 32u,
    KObject = 64u,
    KNumber = KInteger | KFraction,
};

bool isIntegral(double d);

// The Kind bit of a value; 0 for Undefined.
unsigned kindOf(const QJsonValue& v);

// The Kind bits a "type" name admits; 0 for an unknown name.
unsigned typeBit(const QString& name);

// 0 when the keyword is absent or malformed (then it constrains nothing; checkSchema reports it).
unsigned typeMaskOf(const QJsonValue& t);

// JSON equality as JSON Schema defines it: numbers compare by value, objects ignore key order.
bool jsonEquals(const QJsonValue& a, const QJsonValue& b);

// Reads a non-negative integer keyword value (minLength, maxItems, ...); false when it is not one.
bool readCount(const QJsonValue& v, qint64* out);

} // namespace Schema
