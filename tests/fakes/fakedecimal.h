#pragma once

#include <QString>

#include <optional>

// Exact decimal arithmetic for the fakes: values are integers in units of 1e-8 (the eight
// decimals Binance and CoinRemitter print), so no amount ever passes through double.
namespace FakeDecimal
{

constexpr qint64 kScale = 100000000; // 1e8

// "12.5" -> 1250000000. Digits past the eighth decimal are rounded half away from zero.
// Rejects signs other than a leading '-', exponents, empty strings and values of 1e10 or more.
std::optional<qint64> parse(const QString& text);

// Formats with exactly `decimals` decimals (0..8), rounding half away from zero.
QString format(qint64 units, int decimals = 8);

// a * b and a / b on scaled values, rounded half away from zero. div by zero returns 0.
qint64 mul(qint64 a, qint64 b);
qint64 div(qint64 a, qint64 b);

// Rounds a double to the nearest multiple of `stepUnits` (a scaled tick or step size).
qint64 fromDouble(double value, qint64 stepUnits = 1);

double toDouble(qint64 units);

} // namespace FakeDecimal
