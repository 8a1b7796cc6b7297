#include "fakedecimal.h"

#include <algorithm>
#include <cmath>

namespace FakeDecimal
{

namespace
{

__extension__ typedef __int128 Wide;

qint64 roundedDivide(Wide numerator, Wide denominator)
{
    if (denominator == 0)
        return 0;
    const bool negative = (numerator < 0) != (denominator < 0);
    Wide n = numerator < 0 ? -numerator : numerator;
    const Wide d = denominator < 0 ? -denominator : denominator;
    Wide q = n / d;
    if ((n % d) * 2 >= d)
        ++q;
    return static_cast<qint64>(negative ? -q : q);
}

} // namespace

std::optional<qint64> parse(const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    int i = 0;
    bool negative = false;
    if (t.at(0) == QLatin1Char('-')) {
        negative = true;
        ++i;
    }
    qint64 whole = 0;
    int wholeDigits = 0;
    for (; i < t.size() && t.at(i).isDigit(); ++i) {
        whole = whole * 10 + (t.at(i).unicode() - '0');
        if (++wholeDigits > 10)
            return std::nullopt;
    }
    qint64 fraction = 0;
    int fractionDigits = 0;
    bool roundUp = false;
    if (i < t.size() && t.at(i) == QLatin1Char('.')) {
        ++i;
        for (; i < t.size() && t.at(i).isDigit(); ++i) {
            const int digit = t.at(i).unicode() - '0';
            if (fractionDigits < 8) {
                fraction = fraction * 10 + digit;
                ++fractionDigits;
            } else if (fractionDigits == 8) {
                roundUp = digit >= 5;
                ++fractionDigits;
            }
        }
    }
    if (i != t.size() || (wholeDigits == 0 && fractionDigits == 0))
        return std::nullopt;
    for (int k = std::min(fractionDigits, 8); k < 8; ++k)
        fraction *= 10;
    if (whole >= 10000000000LL)
        return std::nullopt;
    qint64 units = whole * kScale + fraction + (roundUp ? 1 : 0);
    return negative ? -units : units;
}

QString format(qint64 units, int decimals)
{
    decimals = std::clamp(decimals, 0, 8);
    qint64 divisor = 1;
    for (int k = decimals; k < 8; ++k)
        divisor *= 10;
    const qint64 rounded = roundedDivide(units, divisor); // in units of 10^-decimals
    const bool negative = rounded < 0;
    const qint64 magnitude = negative ? -rounded : rounded;
    qint64 pow = 1;
    for (int k = 0; k < decimals; ++k)
        pow *= 10;
    QString out = QString::number(magnitude / pow);
    if (decimals > 0)
        out += QLatin1Char('.') + QString::number(magnitude % pow).rightJustified(decimals, QLatin1Char('0'));
    return negative && magnitude != 0 ? QLatin1Char('-') + out : out;
}

qint64 mul(qint64 a, qint64 b)
{
    return roundedDivide(Wide(a) * Wide(b), Wide(kScale));
}

qint64 div(qint64 a, qint64 b)
{
    return roundedDivide(Wide(a) * Wide(kScale), Wide(b));
}

qint64 fromDouble(double value, qint64 stepUnits)
{
    if (stepUnits <= 0)
        stepUnits = 1;
    const qint64 steps = std::llround(value * double(kScale) / double(stepUnits));
    return steps * stepUnits;
}

double toDouble(qint64 units)
{
    return double(units) / double(kScale);
}

} // namespace FakeDecimal
