#include "decimal.h"

#include <QHashFunctions>

#include <algorithm>
#include <limits>

namespace
{

using Limbs = DecimalDetail::Limbs;

constexpr quint32 kBase = 1000000000u;
constexpr int kBaseDigits = 9;
constexpr quint32 kPow10[kBaseDigits + 1] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u};

constexpr int kMaxLenientMantissaDigits = 128;
constexpr int kMaxLenientExponent = 400;

int clampScale(int scale)
{
    return std::clamp(scale, 0, Decimal::kMaxScale);
}

int digitCount(quint32 v)
{
    int n = 1;
    while (v >= 10u) {
        v /= 10u;
        ++n;
    }
    return n;
}

int trailingZeros(quint32 v) // v != 0
{
    int n = 0;
    while (v % 10u == 0u) {
        v /= 10u;
        ++n;
    }
    return n;
}

quint32 limbAt(const Limbs& l, qsizetype i)
{
    return (i >= 0 && i < l.size()) ? l[i] : 0u;
}

void trimTop(Limbs& l, qsizetype keep = 0)
{
    while (l.size() > keep && l.back() == 0u)
        l.removeLast();
}

bool isAllZero(const Limbs& l, qsizetype begin, qsizetype end)
{
    end = std::min(end, l.size());
    for (qsizetype i = begin; i < end; ++i) {
        if (l[i] != 0u)
            return false;
    }
    return true;
}

// Compares two integer magnitudes (top limbs may be zero).
int compareIntegers(const Limbs& a, const Limbs& b)
{
    for (qsizetype i = std::max(a.size(), b.size()); i-- > 0;) {
        const quint32 x = limbAt(a, i);
        const quint32 y = limbAt(b, i);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

// Compares a * 1e9^-fa with b * 1e9^-fb.
int compareAligned(const Limbs& a, int fa, const Limbs& b, int fb)
{
    const int f = std::max(fa, fb);
    const qsizetype shiftA = f - fa;
    const qsizetype shiftB = f - fb;
    for (qsizetype p = std::max(a.size() + shiftA, b.size() + shiftB); p-- > 0;) {
        const quint32 x = limbAt(a, p - shiftA);
        const quint32 y = limbAt(b, p - shiftB);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

// a * 1e9^-fa + b * 1e9^-fb, with max(fa, fb) fraction limbs.
Limbs addAligned(const Limbs& a, int fa, const Limbs& b, int fb)
{
    const int f = std::max(fa, fb);
    const qsizetype shiftA = f - fa;
    const qsizetype shiftB = f - fb;
    const qsizetype n = std::max(a.size() + shiftA, b.size() + shiftB);
    Limbs r;
    r.resize(n);
    quint32 carry = 0;
    for (qsizetype p = 0; p < n; ++p) {
        const quint32 s = limbAt(a, p - shiftA) + limbAt(b, p - shiftB) + carry;
        carry = s >= kBase ? 1u : 0u;
        r[p] = s - carry * kBase;
    }
    if (carry != 0u)
        r.append(carry);
    return r;
}

// a * 1e9^-fa - b * 1e9^-fb where the first is not smaller, with max(fa, fb) fraction limbs.
Limbs subAligned(const Limbs& a, int fa, const Limbs& b, int fb)
{
    const int f = std::max(fa, fb);
    const qsizetype shiftA = f - fa;
    const qsizetype shiftB = f - fb;
    const qsizetype n = std::max(a.size() + shiftA, b.size() + shiftB);
    Limbs r;
    r.resize(n);
    quint32 borrow = 0;
    for (qsizetype p = 0; p < n; ++p) {
        const quint32 x = limbAt(a, p - shiftA);
        const quint32 y = limbAt(b, p - shiftB) + borrow;
        borrow = x < y ? 1u : 0u;
        r[p] = x + borrow * kBase - y;
    }
    Q_ASSERT(borrow == 0u);
    return r;
}

void mulSmall(Limbs& l, quint32 m) // m < kBase
{
    quint64 carry = 0;
    for (quint32& limb : l) {
        const quint64 cur = quint64 {limb} * m + carry;
        limb = static_cast<quint32>(cur % kBase);
        carry = cur / kBase;
    }
    if (carry != 0u)
        l.append(static_cast<quint32>(carry));
}

quint32 divSmall(Limbs& l, quint32 d) // 0 < d < kBase; returns the remainder
{
    quint64 rem = 0;
    for (qsizetype i = l.size(); i-- > 0;) {
        const quint64 cur = rem * kBase + l[i];
        l[i] = static_cast<quint32>(cur / d);
        rem = cur % d;
    }
    trimTop(l);
    return static_cast<quint32>(rem);
}

void shiftLimbsUp(Limbs& l, qsizetype n)
{
    if (n > 0 && !l.isEmpty())
        l.insert(l.cbegin(), n, 0u);
}

void mulPow10(Limbs& l, int k) // k >= 0
{
    if (l.isEmpty() || k <= 0)
        return;
    if (k % kBaseDigits != 0)
        mulSmall(l, kPow10[k % kBaseDigits]);
    shiftLimbsUp(l, k / kBaseDigits);
}

void addOne(Limbs& l)
{
    for (quint32& limb : l) {
        if (++limb < kBase)
            return;
        limb = 0;
    }
    l.append(1u);
}

Limbs mulLimbs(const Limbs& a, const Limbs& b)
{
    Limbs r;
    r.resize(a.size() + b.size());
    std::fill(r.begin(), r.end(), 0u);
    for (qsizetype i = 0; i < a.size(); ++i) {
        const quint64 x = a[i];
        if (x == 0u)
            continue;
        quint64 carry = 0;
        for (qsizetype j = 0; j < b.size(); ++j) {
            // At most (1e9-1) + (1e9-1)^2 + carry < 2^64.
            const quint64 cur = r[i + j] + x * b[j] + carry;
            r[i + j] = static_cast<quint32>(cur % kBase);
            carry = cur / kBase;
        }
        r[i + b.size()] = static_cast<quint32>(carry);
    }
    return r;
}

// Knuth's algorithm D in base 1e9: q = u / v, r = u % v, for v != 0.
void divMod(const Limbs& u, Limbs v, Limbs& q, Limbs& r)
{
    trimTop(v);
    Q_ASSERT(!v.isEmpty());
    if (compareIntegers(u, v) < 0) {
        q.clear();
        r = u;
        trimTop(r);
        return;
    }
    if (v.size() == 1) {
        q = u;
        const quint32 rem = divSmall(q, v[0]);
        r.clear();
        if (rem != 0u)
            r.append(rem);
        return;
    }

    Limbs un = u;
    trimTop(un);
    const qsizetype n = v.size();
    const qsizetype m = un.size() - n;
    // Scale both so the divisor's top limb is at least kBase / 2, which keeps each quotient
    // estimate at most two too large.
    const quint32 norm = kBase / (v.back() + 1u);
    const qsizetype uSize = un.size();
    mulSmall(un, norm);
    if (un.size() == uSize)
        un.append(0u);
    mulSmall(v, norm);
    Q_ASSERT(v.size() == n);

    const quint64 vTop = v[n - 1];
    const quint64 vNext = v[n - 2];
    q.resize(m + 1);
    for (qsizetype j = m; j >= 0; --j) {
        const quint64 num = quint64 {un[j + n]} * kBase + un[j + n - 1];
        quint64 qhat = num / vTop;
        quint64 rhat = num % vTop;
        while (qhat >= kBase || qhat * vNext > rhat * kBase + un[j + n - 2]) {
            --qhat;
            rhat += vTop;
            if (rhat >= kBase)
                break;
        }

        qint64 borrow = 0;
        quint64 carry = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const quint64 p = qhat * v[i] + carry;
            carry = p / kBase;
            qint64 t = qint64 {un[i + j]} - static_cast<qint64>(p % kBase) - borrow;
            borrow = t < 0 ? 1 : 0;
            t += borrow * qint64 {kBase};
            un[i + j] = static_cast<quint32>(t);
        }
        const qint64 top = qint64 {un[j + n]} - static_cast<qint64>(carry) - borrow;
        if (top >= 0) {
            un[j + n] = static_cast<quint32>(top);
        } else {
            // The estimate was one too large: add the divisor back; the carry out cancels the borrow.
            un[j + n] = static_cast<quint32>(top + qint64 {kBase});
            --qhat;
            quint32 c = 0;
            for (qsizetype i = 0; i < n; ++i) {
                const quint32 s = un[i + j] + v[i] + c;
                c = s >= kBase ? 1u : 0u;
                un[i + j] = s - c * kBase;
            }
            un[j + n] = (un[j + n] + c) % kBase;
        }
        q[j] = static_cast<quint32>(qhat);
    }
    trimTop(q);
    un.resize(n);
    divSmall(un, norm);
    r = un;
}

// How a discarded part compares with half a unit of the last kept digit.
struct Discarded
{
    int vsHalf = -1; // -1 below, 0 exactly half, 1 above
    bool zero = true;
};

// l = floor(l / 10^k), describing what was cut off.
Discarded dropDigits(Limbs& l, int k)
{
    Discarded d;
    if (k <= 0)
        return d;
    const qsizetype whole = k / kBaseDigits;
    const int part = k % kBaseDigits;
    quint32 head = 0; // the most significant discarded group
    quint32 half = 0;
    bool restZero = true;
    if (part == 0) {
        head = limbAt(l, whole - 1);
        half = kBase / 2u;
        restZero = isAllZero(l, 0, whole - 1);
        l.remove(0, std::min(whole, l.size()));
    } else {
        restZero = isAllZero(l, 0, whole);
        l.remove(0, std::min(whole, l.size()));
        head = divSmall(l, kPow10[part]);
        half = kPow10[part] / 2u;
    }
    trimTop(l);
    d.zero = head == 0u && restZero;
    if (head != half)
        d.vsHalf = head < half ? -1 : 1;
    else
        d.vsHalf = restZero ? 0 : 1;
    return d;
}

bool roundsAwayFromZero(Decimal::Rounding r, bool negative, bool lastDigitOdd, Discarded d)
{
    if (d.zero)
        return false;
    switch (r) {
    case Decimal::Rounding::HalfEven:
        return d.vsHalf > 0 || (d.vsHalf == 0 && lastDigitOdd);
    case Decimal::Rounding::HalfUp:
        return d.vsHalf >= 0;
    case Decimal::Rounding::Down:
        return false;
    case Decimal::Rounding::Up:
        return true;
    case Decimal::Rounding::Floor:
        return negative;
    case Decimal::Rounding::Ceiling:
        return !negative;
    }
    return false;
}

void appendLimb(QString& out, quint32 v, int width)
{
    char16_t buf[kBaseDigits];
    int n = 0;
    do {
        buf[kBaseDigits - 1 - n] = static_cast<char16_t>(u'0' + v % 10u);
        v /= 10u;
        ++n;
    } while (v != 0u);
    while (n < width) {
        buf[kBaseDigits - 1 - n] = u'0';
        ++n;
    }
    out.append(QStringView(buf + kBaseDigits - n, n));
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// The text as it goes into an error sentence: quoted, shortened, control characters replaced.
QString quoted(QStringView text)
{
    constexpr qsizetype kShown = 40;
    QString shown = text.left(kShown).toString();
    for (QChar& c : shown) {
        if (!c.isPrint() && c != u' ')
            c = QChar::ReplacementCharacter;
    }
    if (text.size() > kShown)
        shown += QStringLiteral("...");
    return u'"' + shown + u'"';
}

// A pattern for numbers in scientific notation: [+-]digits[.digits](e|E)[+-]digits.
bool looksLikeExponentForm(QStringView t)
{
    qsizetype i = 0;
    if (i < t.size() && (t[i] == u'-' || t[i] == u'+'))
        ++i;
    qsizetype mantissaDigits = 0;
    while (i < t.size() && (isDigit(t[i]) || t[i] == u'.')) {
        mantissaDigits += isDigit(t[i]) ? 1 : 0;
        ++i;
    }
    if (mantissaDigits == 0 || i >= t.size() || (t[i] != u'e' && t[i] != u'E'))
        return false;
    ++i;
    if (i < t.size() && (t[i] == u'-' || t[i] == u'+'))
        ++i;
    return i < t.size() && std::all_of(t.begin() + i, t.end(), isDigit);
}

// Why `text`, which failed the strict grammar, is not a plain decimal number.
QString explainInvalid(QStringView text)
{
    const QString q = quoted(text);
    const QString example = QStringLiteral("like 100000 or 12.50");
    if (std::any_of(text.begin(), text.end(), [](QChar c) { return c.isSpace(); }))
        return q + QStringLiteral(" contains a space: write the number without spaces, ") + example + u'.';
    if (looksLikeExponentForm(text))
        return q + QStringLiteral(" is not a plain decimal number: write it ") + example
            + QStringLiteral(" (no exponent).");
    if (text.startsWith(u'+')) {
        const bool restIsPlain = Decimal::parse(text.mid(1)).has_value();
        return q + QStringLiteral(" starts with a plus sign: write the number without '+', like ")
            + (restIsPlain ? text.mid(1).toString() : QStringLiteral("100000 or 12.50")) + u'.';
    }
    if (text.contains(u','))
        return q + QStringLiteral(" contains a comma: use '.' as the decimal point and no thousands ")
            + QStringLiteral("separators, like 1000.50.");
    const qsizetype firstBad = std::find_if(text.begin(), text.end(), [](QChar c) {
        return !isDigit(c) && c != u'.' && c != u'-';
    }) - text.begin();
    if (firstBad < text.size()) {
        const QChar bad = text[firstBad];
        const QString shown = bad.isPrint()
            ? u'\'' + QString(bad) + u'\''
            : QStringLiteral("the control character U+%1").arg(bad.unicode(), 4, 16, QLatin1Char('0'));
        return q + QStringLiteral(" contains ") + shown
            + QStringLiteral(", which is not allowed in a plain decimal number: use only digits, one '.' ")
            + QStringLiteral("and an optional leading '-', ") + example + u'.';
    }
    if (text.lastIndexOf(u'-') > 0)
        return q + QStringLiteral(" has a minus sign that is not at the start: write negative numbers ")
            + QStringLiteral("like -3.25.");
    if (text.count(u'.') > 1)
        return q + QStringLiteral(" has more than one decimal point: write it ") + example + u'.';
    const bool negative = text.startsWith(u'-');
    const QStringView body = negative ? text.mid(1) : text;
    if (body.isEmpty() || body == u".")
        return q + QStringLiteral(" has no digits: write a number ") + example + u'.';
    if (body.startsWith(u'.')) {
        const QString fixedText = (negative ? QStringLiteral("-0") : QStringLiteral("0")) + body.toString();
        return q
            + QStringLiteral(" has no digit before the decimal point: write it with a leading zero, like ")
            + fixedText + u'.';
    }
    if (body.endsWith(u'.')) {
        const QString whole = text.chopped(1).toString();
        return q + QStringLiteral(" ends with a decimal point: add digits after it, like ") + whole
            + QStringLiteral(".00, or leave it out, like ") + whole + u'.';
    }
    return q + QStringLiteral(" is not a plain decimal number: write it ") + example + u'.';
}

} // namespace

Decimal Decimal::fromInt(qint64 v)
{
    return fromMinorUnits(v, 0);
}

Decimal Decimal::fromMinorUnits(qint64 units, int scale)
{
    // Negating in unsigned arithmetic keeps the most negative qint64 well defined.
    quint64 magnitude = units < 0 ? 0u - static_cast<quint64>(units) : static_cast<quint64>(units);
    Limbs l;
    while (magnitude != 0u) {
        l.append(static_cast<quint32>(magnitude % kBase));
        magnitude /= kBase;
    }
    const int s = clampScale(scale);
    Decimal d = fromScaledInteger(l, units < 0, s);
    d.m_writtenScale = s;
    return d;
}

Decimal Decimal::fromScaledInteger(Limbs magnitude, bool negative, int scale)
{
    Decimal d;
    if (scale <= 0) {
        mulPow10(magnitude, -scale);
    } else {
        d.m_fracLimbs = (scale + kBaseDigits - 1) / kBaseDigits;
        mulPow10(magnitude, d.m_fracLimbs * kBaseDigits - scale);
    }
    d.m_limbs = std::move(magnitude);
    d.m_negative = negative;
    d.normalize();
    return d;
}

// `digits` is ASCII digits with at most one '.' (skipped); the value is those digits * 10^-scale.
Decimal Decimal::fromDigits(QStringView digits, int scale, bool negative)
{
    int fracLimbs = 0;
    int padding = 0; // implied zeros after the last digit, to put the point on a limb boundary
    if (scale > 0) {
        fracLimbs = (scale + kBaseDigits - 1) / kBaseDigits;
        padding = fracLimbs * kBaseDigits - scale;
    } else {
        padding = -scale;
    }
    Limbs l;
    quint32 cur = 0;
    int filled = padding % kBaseDigits;
    for (int i = 0; i < padding / kBaseDigits; ++i)
        l.append(0u);
    for (qsizetype i = digits.size(); i-- > 0;) {
        const QChar c = digits[i];
        if (c == u'.')
            continue;
        cur += static_cast<quint32>(c.unicode() - u'0') * kPow10[filled];
        if (++filled == kBaseDigits) {
            l.append(cur);
            cur = 0;
            filled = 0;
        }
    }
    if (filled != 0)
        l.append(cur);
    Decimal d;
    d.m_limbs = std::move(l);
    d.m_fracLimbs = fracLimbs;
    d.m_negative = negative;
    d.normalize();
    return d;
}

// Canonical form: no zero limbs above the point, no zero fraction limbs at the bottom, and at
// least m_fracLimbs limbs (zeros filled in just below the point), so each number has one form.
void Decimal::normalize()
{
    trimTop(m_limbs, m_fracLimbs);
    qsizetype low = 0;
    while (low < m_fracLimbs && low < m_limbs.size() && m_limbs[low] == 0u)
        ++low;
    if (low > 0) {
        m_limbs.remove(0, low);
        m_fracLimbs -= static_cast<int>(low);
    }
    if (m_limbs.isEmpty()) {
        m_fracLimbs = 0;
        m_negative = false;
    } else if (m_limbs.size() < m_fracLimbs) {
        m_limbs.resize(m_fracLimbs, 0u);
    }
}

std::optional<Decimal> Decimal::parse(QStringView text, QString* error)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    const bool negative = n > 0 && text[0] == u'-';
    if (negative)
        ++i;
    const qsizetype intBegin = i;
    while (i < n && isDigit(text[i]))
        ++i;
    const qsizetype intDigits = i - intBegin;
    qsizetype fracDigits = 0;
    bool wellFormed = intDigits > 0;
    if (wellFormed && i < n && text[i] == u'.') {
        ++i;
        const qsizetype fracBegin = i;
        while (i < n && isDigit(text[i]))
            ++i;
        fracDigits = i - fracBegin;
        wellFormed = fracDigits > 0;
    }
    if (!wellFormed || i != n) {
        if (error) {
            *error = text.isEmpty() ? QStringLiteral("The number is empty: write it like 100000 or 12.50.")
                                    : explainInvalid(text);
        }
        return std::nullopt;
    }
    if (intDigits + fracDigits > kMaxParseDigits) {
        if (error) {
            *error = quoted(text) + QStringLiteral(" has ") + QString::number(intDigits + fracDigits)
                + QStringLiteral(" digits, more than the ") + QString::number(kMaxParseDigits)
                + QStringLiteral(" allowed: write a shorter number, with fewer digits after the point.");
        }
        return std::nullopt;
    }
    Decimal d = fromDigits(text.mid(intBegin), static_cast<int>(fracDigits), negative);
    d.m_writtenScale = static_cast<int>(fracDigits);
    return d;
}

std::optional<Decimal> Decimal::parseLenient(QStringView text)
{
    const QStringView t = text.trimmed();
    const qsizetype n = t.size();
    qsizetype i = 0;
    bool negative = false;
    if (i < n && (t[i] == u'-' || t[i] == u'+')) {
        negative = t[i] == u'-';
        ++i;
    }
    const qsizetype mantissaBegin = i;
    qsizetype digits = 0;
    qsizetype fracDigits = 0;
    bool seenPoint = false;
    for (; i < n; ++i) {
        if (isDigit(t[i])) {
            ++digits;
            fracDigits += seenPoint ? 1 : 0;
        } else if (t[i] == u'.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    const qsizetype mantissaEnd = i;
    if (digits == 0 || digits > kMaxLenientMantissaDigits)
        return std::nullopt;

    int exponent = 0;
    if (i < n && (t[i] == u'e' || t[i] == u'E')) {
        ++i;
        bool negativeExponent = false;
        if (i < n && (t[i] == u'-' || t[i] == u'+')) {
            negativeExponent = t[i] == u'-';
            ++i;
        }
        if (i == n)
            return std::nullopt;
        for (; i < n; ++i) {
            if (!isDigit(t[i]))
                return std::nullopt;
            exponent = exponent * 10 + (t[i].unicode() - u'0');
            if (exponent > kMaxLenientExponent)
                return std::nullopt;
        }
        if (negativeExponent)
            exponent = -exponent;
    }
    if (i != n)
        return std::nullopt;

    const int scale = static_cast<int>(fracDigits) - exponent;
    Decimal d = fromDigits(t.mid(mantissaBegin, mantissaEnd - mantissaBegin), scale, negative);
    d.m_writtenScale = std::max(0, scale);
    return d;
}

std::optional<qint64> Decimal::toMinorUnits(int scale, Rounding r) const
{
    const int s = clampScale(scale);
    const Decimal x = rounded(s, r);
    if (x.isZero())
        return 0;
    // Count the digits the units would have: more than 19 never fit in 64 bits.
    qsizetype top = x.m_limbs.size() - 1;
    while (x.m_limbs[top] == 0u)
        --top;
    const qsizetype unitDigits = (top - x.m_fracLimbs) * kBaseDigits + digitCount(x.m_limbs[top]) + s;
    if (unitDigits > 19)
        return std::nullopt;
    Limbs units = x.m_limbs;
    const int shift = s - x.m_fracLimbs * kBaseDigits;
    if (shift >= 0)
        mulPow10(units, shift);
    else
        dropDigits(units, -shift); // exact: the digits cut off are zeros
    trimTop(units);
    if (units.size() > 3)
        return std::nullopt;
    // Below 1e19 after the digit check, so this fits in 64 unsigned bits.
    quint64 magnitude = 0;
    for (qsizetype i = units.size(); i-- > 0;)
        magnitude = magnitude * kBase + units[i];
    constexpr quint64 kMaxPositive = static_cast<quint64>(std::numeric_limits<qint64>::max());
    if (!x.m_negative)
        return magnitude <= kMaxPositive ? std::optional<qint64>(static_cast<qint64>(magnitude))
                                         : std::nullopt;
    if (magnitude > kMaxPositive + 1u)
        return std::nullopt;
    return magnitude == kMaxPositive + 1u ? std::numeric_limits<qint64>::min()
                                          : -static_cast<qint64>(magnitude);
}

QString Decimal::toString() const
{
    QString out;
    const qsizetype intLimbs = m_limbs.size() - m_fracLimbs;
    out.reserve(m_limbs.size() * kBaseDigits + 3);
    if (m_negative)
        out += u'-';
    if (intLimbs == 0) {
        out += u'0';
    } else {
        appendLimb(out, m_limbs.back(), 1);
        for (qsizetype i = m_limbs.size() - 1; i-- > m_fracLimbs;)
            appendLimb(out, m_limbs[i], kBaseDigits);
    }
    if (m_fracLimbs > 0) {
        out += u'.';
        for (qsizetype i = m_fracLimbs; i-- > 1;)
            appendLimb(out, m_limbs[i], kBaseDigits);
        const int zeros = trailingZeros(m_limbs[0]);
        appendLimb(out, m_limbs[0] / kPow10[zeros], kBaseDigits - zeros);
    }
    return out;
}

QString Decimal::toFixed(int scale, Rounding r) const
{
    const int s = clampScale(scale);
    const Decimal x = rounded(s, r);
    QString out = x.toString();
    const int have = x.scale();
    if (s > have) {
        if (have == 0)
            out += u'.';
        out += QString(s - have, u'0');
    }
    return out;
}

Decimal Decimal::rounded(int scale, Rounding r) const
{
    const int s = clampScale(scale);
    if (this->scale() <= s) {
        Decimal same = *this;
        same.m_writtenScale = -1;
        return same;
    }
    Limbs kept = m_limbs;
    const Discarded cut = dropDigits(kept, m_fracLimbs * kBaseDigits - s);
    if (roundsAwayFromZero(r, m_negative, (limbAt(kept, 0) & 1u) != 0u, cut))
        addOne(kept);
    return fromScaledInteger(std::move(kept), m_negative, s);
}

int Decimal::scale() const
{
    if (m_fracLimbs == 0)
        return 0;
    return m_fracLimbs * kBaseDigits - trailingZeros(m_limbs[0]);
}

int Decimal::integerDigits() const
{
    const qsizetype intLimbs = m_limbs.size() - m_fracLimbs;
    if (intLimbs == 0)
        return 0;
    return static_cast<int>(intLimbs - 1) * kBaseDigits + digitCount(m_limbs.back());
}

int Decimal::decimalPlacesAsWritten() const
{
    return m_writtenScale >= 0 ? m_writtenScale : scale();
}

Decimal Decimal::abs() const
{
    Decimal d = *this;
    d.m_negative = false;
    d.m_writtenScale = -1;
    return d;
}

Decimal Decimal::negated() const
{
    Decimal d = *this;
    d.m_negative = !isZero() && !m_negative;
    d.m_writtenScale = -1;
    return d;
}

Decimal Decimal::addSigned(const Decimal& a, const Decimal& b, bool negateB)
{
    const bool bNegative = b.m_negative != negateB;
    Decimal d;
    if (a.m_negative == bNegative) {
        d.m_limbs = addAligned(a.m_limbs, a.m_fracLimbs, b.m_limbs, b.m_fracLimbs);
        d.m_negative = a.m_negative;
    } else {
        const int c = compareAligned(a.m_limbs, a.m_fracLimbs, b.m_limbs, b.m_fracLimbs);
        if (c == 0)
            return d;
        if (c > 0) {
            d.m_limbs = subAligned(a.m_limbs, a.m_fracLimbs, b.m_limbs, b.m_fracLimbs);
            d.m_negative = a.m_negative;
        } else {
            d.m_limbs = subAligned(b.m_limbs, b.m_fracLimbs, a.m_limbs, a.m_fracLimbs);
            d.m_negative = bNegative;
        }
    }
    d.m_fracLimbs = std::max(a.m_fracLimbs, b.m_fracLimbs);
    d.normalize();
    return d;
}

Decimal Decimal::operator+(const Decimal& other) const
{
    return addSigned(*this, other, false);
}

Decimal Decimal::operator-(const Decimal& other) const
{
    return addSigned(*this, other, true);
}

Decimal Decimal::operator*(const Decimal& other) const
{
    Decimal d;
    if (isZero() || other.isZero())
        return d;
    d.m_limbs = mulLimbs(m_limbs, other.m_limbs);
    d.m_fracLimbs = m_fracLimbs + other.m_fracLimbs;
    d.m_negative = m_negative != other.m_negative;
    d.normalize();
    return d;
}

std::optional<Decimal> Decimal::divided(const Decimal& divisor, int scale, Rounding r) const
{
    if (divisor.isZero())
        return std::nullopt;
    const int s = clampScale(scale);
    if (isZero())
        return Decimal();
    // |this| / |divisor| * 10^s = (A * 1e9^fb * 10^s) / (B * 1e9^fa) for magnitudes A, B.
    Limbs numerator = m_limbs;
    Limbs denominator = divisor.m_limbs;
    const int limbShift = divisor.m_fracLimbs - m_fracLimbs;
    if (limbShift >= 0)
        shiftLimbsUp(numerator, limbShift);
    else
        shiftLimbsUp(denominator, -limbShift);
    mulPow10(numerator, s);

    Limbs quotient;
    Limbs remainder;
    divMod(numerator, denominator, quotient, remainder);
    Discarded cut;
    cut.zero = remainder.isEmpty();
    if (!cut.zero) {
        mulSmall(remainder, 2u);
        cut.vsHalf = compareIntegers(remainder, denominator);
    }
    const bool negative = m_negative != divisor.m_negative;
    if (roundsAwayFromZero(r, negative, (limbAt(quotient, 0) & 1u) != 0u, cut))
        addOne(quotient);
    return fromScaledInteger(std::move(quotient), negative, s);
}

int Decimal::compare(const Decimal& a, const Decimal& b)
{
    if (a.sign() != b.sign())
        return a.sign() < b.sign() ? -1 : 1;
    const int magnitude = compareAligned(a.m_limbs, a.m_fracLimbs, b.m_limbs, b.m_fracLimbs);
    return a.m_negative ? -magnitude : magnitude;
}

bool Decimal::operator==(const Decimal& other) const
{
    // The canonical form is unique, so equal numbers have equal fields.
    return m_negative == other.m_negative && m_fracLimbs == other.m_fracLimbs && m_limbs == other.m_limbs;
}

double Decimal::toDouble() const
{
    // QString::toDouble is locale independent and correctly rounded.
    return toString().toDouble();
}

size_t qHash(const Decimal& d, size_t seed) noexcept
{
    seed = qHashMulti(seed, d.m_negative, d.m_fracLimbs);
    return qHashRange(d.m_limbs.begin(), d.m_limbs.end(), seed);
}
