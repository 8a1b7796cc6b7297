#include "widgets/priceformat.h"

#include "core/decimal.h"

#include <QCoreApplication>

#include <cmath>
#include <optional>

namespace
{

struct Parts
{
    bool negative = false;
    QString integer; // digits, no leading zeros ("0" for zero)
    QString fraction; // digits as written
};

// A plain decimal: optional sign, digits, optionally '.' and digits. Anything else (exponents,
// spaces inside, letters) is left to Decimal's lenient parser.
std::optional<Parts> splitPlain(const QString& text)
{
    Parts p;
    qsizetype i = 0;
    if (i < text.size() && (text.at(i) == QLatin1Char('-') || text.at(i) == QLatin1Char('+'))) {
        p.negative = text.at(i) == QLatin1Char('-');
        ++i;
    }
    bool point = false;
    for (; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('.') && !point) {
            point = true;
        } else if (c >= QLatin1Char('0') && c <= QLatin1Char('9')) {
            (point ? p.fraction : p.integer).append(c);
        } else {
            return std::nullopt;
        }
    }
    if (p.integer.isEmpty() && p.fraction.isEmpty())
        return std::nullopt;
    qsizetype lead = 0;
    while (lead < p.integer.size() - 1 && p.integer.at(lead) == QLatin1Char('0'))
        ++lead;
    p.integer = p.integer.mid(lead);
    if (p.integer.isEmpty())
        p.integer = QStringLiteral("0");
    return p;
}

std::optional<Parts> parts(const QString& decimal)
{
    const QString text = decimal.trimmed();
    if (auto plain = splitPlain(text))
        return plain;
    const std::optional<Decimal> d = Decimal::parseLenient(text);
    if (!d)
        return std::nullopt;
    return splitPlain(d->toString());
}

bool isZero(const Parts& p)
{
    for (QChar c : QString(p.integer + p.fraction)) {
        if (c != QLatin1Char('0'))
            return false;
    }
    return true;
}

// ASCII digits to the locale's digits (most locales use ASCII ones anyway).
QString localDigits(const QString& digits, const QLocale& locale)
{
    const QString zero = locale.zeroDigit();
    if (zero == QLatin1String("0"))
        return digits;
    QString out;
    for (QChar c : digits) {
        const int d = c.unicode() - '0';
        out.append(locale.toString(d));
    }
    return out;
}

QString grouped(const QString& integer, const QLocale& locale)
{
    if (locale.numberOptions().testFlag(QLocale::OmitGroupSeparator) || integer.size() <= 3)
        return localDigits(integer, locale);
    const QString separator = locale.groupSeparator();
    QString out;
    const qsizetype first = integer.size() % 3 == 0 ? 3 : integer.size() % 3;
    out.append(localDigits(integer.left(first), locale));
    for (qsizetype i = first; i < integer.size(); i += 3)
        out.append(separator + localDigits(integer.mid(i, 3), locale));
    return out;
}

QString format(Parts p, const QLocale& locale, int minDecimals, bool showPlus)
{
    while (p.fraction.size() > minDecimals && p.fraction.endsWith(QLatin1Char('0')))
        p.fraction.chop(1);
    while (p.fraction.size() < minDecimals)
        p.fraction.append(QLatin1Char('0'));
    QString out;
    const bool zero = isZero(p);
    if (p.negative && !zero)
        out = locale.negativeSign();
    else if (showPlus && !zero)
        out = locale.positiveSign();
    out.append(grouped(p.integer, locale));
    if (!p.fraction.isEmpty())
        out.append(locale.decimalPoint() + localDigits(p.fraction, locale));
    return out;
}

} // namespace

namespace PriceFormat
{

QString exact(const QString& decimal, const QLocale& locale, int minDecimals, bool showPlus)
{
    const std::optional<Parts> p = parts(decimal);
    if (!p)
        return decimal;
    return format(*p, locale, std::max(0, minDecimals), showPlus);
}

QString rounded(const QString& decimal, int decimals, const QLocale& locale, bool showPlus)
{
    const std::optional<Decimal> d = Decimal::parseLenient(decimal.trimmed());
    if (!d)
        return decimal;
    const std::optional<Parts> p = splitPlain(d->toFixed(decimals, Decimal::Rounding::HalfUp));
    if (!p)
        return decimal;
    return format(*p, locale, decimals, showPlus);
}

QString percent(const QString& decimal, const QLocale& locale)
{
    const std::optional<Decimal> d = Decimal::parseLenient(decimal.trimmed());
    if (!d)
        return decimal;
    return rounded(d->abs().toString(), 2, locale) + locale.percent();
}

QString compact(const QString& decimal, const QLocale& locale)
{
    const std::optional<Decimal> d = Decimal::parseLenient(decimal.trimmed());
    if (!d)
        return decimal;
    const double value = std::abs(d->toDouble());
    struct Unit
    {
        double size;
        const char* form;
    };
    // Short scale, as finance sites write volumes; translators may use their own units.
    static const Unit units[] = {
        {1e12, QT_TRANSLATE_NOOP("PriceFormat", "%1T")},
        {1e9, QT_TRANSLATE_NOOP("PriceFormat", "%1B")},
        {1e6, QT_TRANSLATE_NOOP("PriceFormat", "%1M")},
        {1e3, QT_TRANSLATE_NOOP("PriceFormat", "%1K")},
    };
    const QString sign = d->isNegative() && !d->isZero() ? locale.negativeSign() : QString();
    for (const Unit& u : units) {
        if (value >= u.size * 0.9995) {
            const double scaled = value / u.size;
            const int decimals = scaled < 99.95 ? 1 : 0;
            return sign
                + QCoreApplication::translate("PriceFormat", u.form)
                      .arg(locale.toString(scaled, 'f', decimals));
        }
    }
    return sign + locale.toString(value, 'f', value < 10 ? 2 : 0);
}

int sign(const QString& decimal)
{
    const std::optional<Decimal> d = Decimal::parseLenient(decimal.trimmed());
    return d ? d->sign() : 0;
}

double toDouble(const QString& decimal)
{
    const std::optional<Decimal> d = Decimal::parseLenient(decimal.trimmed());
    return d ? d->toDouble() : 0.0;
}

} // namespace PriceFormat
