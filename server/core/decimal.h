#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>
#include <QVarLengthArray>
#include <QtGlobal>

#include <cstddef>
#include <optional>

namespace DecimalDetail
{
// A magnitude in base 1e9, least significant limb first. Eight limbs (72 digits) live inline, so
// typical money values never touch the heap.
using Limbs = QVarLengthArray<quint32, 8>;
} // namespace DecimalDetail

// An exact signed decimal number of any size, for money amounts, balances and rates.
//
// The value is a magnitude in base-1e9 limbs whose point sits on a limb boundary, so adding values
// of different scales only shifts limbs. The stored form is canonical (no leading zero limbs, no
// zero limbs at the bottom of the fraction, zero is never negative), which makes ==, qHash and
// toString depend on the number alone: 1.50 == 1.5.
//
// Every `scale` argument is a count of digits after the point and is clamped to 0..kMaxScale.
class Decimal
{
public:
    enum class Rounding
    {
        HalfEven, // ties to the even neighbour (banker's rounding): 2.5 -> 2, 3.5 -> 4
        HalfUp, // ties away from zero: 2.5 -> 3, -2.5 -> -3
        Down, // toward zero
        Up, // away from zero
        Floor, // toward negative infinity
        Ceiling // toward positive infinity
    };

    static constexpr int kMaxParseDigits = 64;
    static constexpr int kMaxScale = 1000;

    Decimal() = default; // zero

    static Decimal fromInt(qint64 v);

    // Strict parse of user input: an optional '-', digits, and optionally '.' followed by digits,
    // at most kMaxParseDigits digits. On failure returns nullopt and, when `error` is set, a
    // sentence saying what was wrong and how to write it.
    static std::optional<Decimal> parse(QStringView text, QString* error = nullptr);

    // Parse of numbers from upstream services (never user input): also accepts a leading '+',
    // surrounding spaces, ".5" / "5." and exponents ("1.5e-7", "1E+3"), which covers the shortest
    // round-trip text of every finite double. Mantissas are limited to 128 digits and exponents
    // to +-400.
    static std::optional<Decimal> parseLenient(QStringView text);

    // units * 10^-scale: fromMinorUnits(12345, 2) is 123.45.
    static Decimal fromMinorUnits(qint64 units, int scale);
    // The value rounded to `scale` decimals, in units of 10^-scale; nullopt if it does not fit.
    std::optional<qint64> toMinorUnits(int scale, Rounding r = Rounding::HalfEven) const;

    // Canonical text: no exponent, no trailing fraction zeros, "0" for zero, never "-0".
    QString toString() const;
    // Exactly `scale` decimals after rounding: Decimal(2.5).toFixed(2) is "2.50".
    QString toFixed(int scale, Rounding r = Rounding::HalfEven) const;
    Decimal rounded(int scale, Rounding r = Rounding::HalfEven) const;

    int scale() const; // digits after the point in the canonical form
    int integerDigits() const; // digits before the point, 0 for 0.x
    int decimalPlacesAsWritten() const; // of the parsed text ("10.500" -> 3), else scale()
    bool isZero() const { return m_limbs.isEmpty(); }
    bool isNegative() const { return m_negative; }
    int sign() const { return isZero() ? 0 : (m_negative ? -1 : 1); }
    Decimal abs() const;
    Decimal negated() const;

    Decimal operator+(const Decimal& other) const;
    Decimal operator-(const Decimal& other) const;
    Decimal operator*(const Decimal& other) const;
    // The quotient rounded to `scale` decimals; nullopt when dividing by zero.
    std::optional<Decimal> divided(const Decimal& divisor, int scale, Rounding r = Rounding::HalfEven) const;

    bool operator==(const Decimal& other) const;
    bool operator!=(const Decimal& other) const { return !(*this == other); }
    bool operator<(const Decimal& other) const { return compare(*this, other) < 0; }
    bool operator<=(const Decimal& other) const { return compare(*this, other) <= 0; }
    bool operator>(const Decimal& other) const { return compare(*this, other) > 0; }
    bool operator>=(const Decimal& other) const { return compare(*this, other) >= 0; }

    // The nearest double. Only for display, sorting and charts: never compute money with it.
    double toDouble() const;

    friend size_t qHash(const Decimal& d, size_t seed) noexcept;

private:
    static int compare(const Decimal& a, const Decimal& b);
    static Decimal addSigned(const Decimal& a, const Decimal& b, bool negateB);
    static Decimal fromScaledInteger(DecimalDetail::Limbs magnitude, bool negative, int scale);
    static Decimal fromDigits(QStringView digits, int scale, bool negative);
    void normalize();

    DecimalDetail::Limbs m_limbs; // magnitude, limb i worth 1e9^(i - m_fracLimbs)
    int m_fracLimbs = 0; // limbs below the point
    int m_writtenScale = -1; // decimals of the parsed text, -1 when not parsed
    bool m_negative = false;
};

// Consistent with ==: numerically equal values hash alike.
size_t qHash(const Decimal& d, size_t seed = 0) noexcept;

Q_DECLARE_METATYPE(Decimal)
