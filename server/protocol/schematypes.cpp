#include "protocol/schematypes.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace Schema
{

bool isIntegral(double d)
{
    return std::isfinite(d) && std::trunc(d) == d;
}

unsigned kindOf(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return KNull;
    case QJsonValue::Bool:
        return KBoolean;
    case QJsonValue::Double:
        return isIntegral(v.toDouble()) ? KInteger : KFraction;
    case QJsonValue::String:
        return KString;
    case QJsonValue::Array:
        return KArray;
    case QJsonValue::Object:
        return KObject;
    case QJsonValue::Undefined:
        break;
    }
    return 0;
}

unsigned typeBit(const QString& name)
{
    if (name == QLatin1String("string"))
        return KString;
    if (name == QLatin1String("integer"))
        return KInteger;
    if (name == QLatin1String("number"))
        return KNumber;
    if (name == QLatin1String("object"))
        return KObject;
    if (name == QLatin1String("array"))
        return KArray;
    if (name == QLatin1String("boolean"))
        return KBoolean;
    if (name == QLatin1String("null"))
        return KNull;
    return 0;
}

unsigned typeMaskOf(const QJsonValue& t)
{
    if (t.isString())
        return typeBit(t.toString());
    if (t.isArray()) {
        unsigned mask = 0;
        const QJsonArray names = t.toArray();
        for (const QJsonValue& n : names)
            mask |= typeBit(n.toString());
        return mask;
    }
    return 0;
}

bool jsonEquals(const QJsonValue& a, const QJsonValue& b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QJsonValue::Double:
        return a.toDouble() == b.toDouble();
    case QJsonValue::Array: {
        const QJsonArray x = a.toArray();
        const QJsonArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!jsonEquals(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.constBegin(); it != x.constEnd(); ++it) {
            const auto other = y.constFind(it.key());
            if (other == y.constEnd() || !jsonEquals(it.value(), other.value()))
                return false;
        }
        return true;
    }
    default:
        return a == b;
    }
}

bool readCount(const QJsonValue& v, qint64* out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!isIntegral(d) || d < 0)
        return false;
    *out = static_cast<qint64>(std::min(d, 9.0e18));
    return true;
}

} // namespace Schema
