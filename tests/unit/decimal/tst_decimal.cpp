#include "core/decimal.h"

#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QVariant>

#include <limits>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

namespace QTest
{
template<> char* toString(const Decimal& d)
{
    return qstrdup(d.toString().toUtf8().constData());
}
} // namespace QTest

namespace
{

using R = Decimal::Rounding;

Decimal dec(const QString& text)
{
    const std::optional<Decimal> d = Decimal::parse(text);
    if (!d)
        qFatal("test literal is not a decimal: %s", qPrintable(text));
    return *d;
}

const char* roundingName(R r)
{
    switch (r) {
    case R::HalfEven:
        return "HalfEven";
    case R::HalfUp:
        return "HalfUp";
    case R::Down:
        return "Down";
    case R::Up:
        return "Up";
    case R::Floor:
        return "Floor";
    case R::Ceiling:
        return "Ceiling";
    }
    return "?";
}

constexpr R kAllModes[] = {R::HalfEven, R::HalfUp, R::Down, R::Up, R::Floor, R::Ceiling};

// Canonical text of v * 10^-scale, computed independently of Decimal.
QString fixedString(i128 v, int scale)
{
    const bool negative = v < 0;
    u128 u = negative ? u128 {0} - static_cast<u128>(v) : static_cast<u128>(v);
    QString digits;
    do {
        digits.prepend(QChar(u'0' + static_cast<int>(u % 10)));
        u /= 10;
    } while (u != 0);
    while (digits.size() <= scale)
        digits.prepend(u'0');
    QString out = digits.left(digits.size() - scale);
    QString frac = digits.right(scale);
    while (frac.endsWith(u'0'))
        frac.chop(1);
    if (!frac.isEmpty())
        out += u'.' + frac;
    if (negative && out != QStringLiteral("0"))
        out.prepend(u'-');
    return out;
}

// n / d rounded to an integer with the given mode, computed independently of Decimal.
i128 divideRounded(i128 n, i128 d, R mode)
{
    const i128 q = n / d; // truncates toward zero
    const i128 r = n % d;
    if (r == 0)
        return q;
    const bool negative = (n < 0) != (d < 0);
    const i128 twiceRest = 2 * (r < 0 ? -r : r);
    const i128 absD = d < 0 ? -d : d;
    bool away = false;
    switch (mode) {
    case R::HalfEven:
        away = twiceRest > absD || (twiceRest == absD && q % 2 != 0);
        break;
    case R::HalfUp:
        away = twiceRest >= absD;
        break;
    case R::Down:
        away = false;
        break;
    case R::Up:
        away = true;
        break;
    case R::Floor:
        away = negative;
        break;
    case R::Ceiling:
        away = !negative;
        break;
    }
    return away ? (negative ? q - 1 : q + 1) : q;
}

bool fitsInt64(i128 v)
{
    return v >= std::numeric_limits<qint64>::min() && v <= std::numeric_limits<qint64>::max();
}

} // namespace

class TstDecimal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseGood_data();
    void parseGood();
    void parseBad_data();
    void parseBad();
    void parseExponentSentence();
    void parseLenient_data();
    void parseLenient();
    void parseLenientRejects_data();
    void parseLenientRejects();
    void canonicalToString();
    void addSub_data();
    void addSub();
    void multiply_data();
    void multiply();
    void divide_data();
    void divide();
    void divideByZero();
    void rounding_data();
    void rounding();
    void minorUnits_data();
    void minorUnits();
    void toMinorUnitsOverflow_data();
    void toMinorUnitsOverflow();
    void comparisons_data();
    void comparisons();
    void hashConsistentWithEquality();
    void signHelpers();
    void toDoubleForDisplay();
    void variantRoundTrip();
    void randomAgainstInt128();
    void bigDivisionInvariants();
    void divisionCorrectionStep_data();
    void divisionCorrectionStep();
};

void TstDecimal::parseGood_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("written");
    QTest::addColumn<int>("integerDigits");
    QTest::addColumn<int>("scale");

    QTest::newRow("zero") << "0"
                          << "0" << 0 << 0 << 0;
    QTest::newRow("ten") << "10"
                         << "10" << 0 << 2 << 0;
    QTest::newRow("trailing zero") << "10.50"
                                   << "10.5" << 2 << 2 << 1;
    QTest::newRow("three written") << "10.500"
                                   << "10.5" << 3 << 2 << 1;
    QTest::newRow("negative") << "-3.25"
                              << "-3.25" << 2 << 1 << 2;
    QTest::newRow("leading zeros") << "007.10"
                                   << "7.1" << 2 << 1 << 1;
    QTest::newRow("minus zero") << "-0"
                                << "0" << 0 << 0 << 0;
    QTest::newRow("minus zero point") << "-0.000"
                                      << "0" << 3 << 0 << 0;
    QTest::newRow("half") << "0.5"
                          << "0.5" << 1 << 0 << 1;
    QTest::newRow("limb boundary") << "1000000000"
                                   << "1000000000" << 0 << 10 << 0;
    QTest::newRow("nines") << "999999999.999999999"
                           << "999999999.999999999" << 9 << 9 << 9;
    QTest::newRow("atto") << "0.000000000000000001"
                          << "0.000000000000000001" << 18 << 0 << 18;
    QTest::newRow("usdt amount") << "1250.000000"
                                 << "1250" << 6 << 4 << 0;
    QTest::newRow("64 digits") << "1234567890123456789012345678901234567890123456789012345678901234"
                               << "1234567890123456789012345678901234567890123456789012345678901234" << 0
                               << 64 << 0;
    QTest::newRow("64 digits with point")
        << "-12345678901234567890123456789012.34567890123456789012345678901234"
        << "-12345678901234567890123456789012.34567890123456789012345678901234" << 32 << 32 << 32;
}

void TstDecimal::parseGood()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(int, written);
    QFETCH(int, integerDigits);
    QFETCH(int, scale);

    QString error = QStringLiteral("untouched");
    const std::optional<Decimal> d = Decimal::parse(text, &error);
    QVERIFY(d);
    QCOMPARE(error, QStringLiteral("untouched"));
    QCOMPARE(d->toString(), canonical);
    QCOMPARE(d->decimalPlacesAsWritten(), written);
    QCOMPARE(d->integerDigits(), integerDigits);
    QCOMPARE(d->scale(), scale);
    // The canonical text parses back to the same number.
    QCOMPARE(dec(canonical), *d);
}

void TstDecimal::parseBad_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("keywords");

    const QString digits65 = QString(65, u'7');
    QTest::newRow("empty") << "" << QStringList {QStringLiteral("empty")};
    QTest::newRow("minus only") << "-" << QStringList {QStringLiteral("no digits")};
    QTest::newRow("point only") << "." << QStringList {QStringLiteral("no digits")};
    QTest::newRow("minus point") << "-." << QStringList {QStringLiteral("no digits")};
    QTest::newRow("leading point") << ".5"
                                   << QStringList {
                                          QStringLiteral("before the decimal point"), QStringLiteral("0.5")};
    QTest::newRow("negative leading point")
        << "-.5" << QStringList {QStringLiteral("before the decimal point"), QStringLiteral("-0.5")};
    QTest::newRow("negative trailing point")
        << "-5." << QStringList {QStringLiteral("ends with a decimal point"), QStringLiteral("-5.00")};
    QTest::newRow("trailing point") << "5."
                                    << QStringList {QStringLiteral("ends with a decimal point"),
                                           QStringLiteral("5.00")};
    QTest::newRow("plus") << "+5" << QStringList {QStringLiteral("plus sign"), QStringLiteral("like 5.")};
    QTest::newRow("control character")
        << QString(QChar(1) + QStringLiteral("5")) << QStringList {QStringLiteral("U+0001")};
    QTest::newRow("exponent") << "1e5" << QStringList {QStringLiteral("exponent"), QStringLiteral("\"1e5\"")};
    QTest::newRow("exponent upper") << "1.5E-7" << QStringList {QStringLiteral("exponent")};
    QTest::newRow("plus exponent") << "+1e5" << QStringList {QStringLiteral("exponent")};
    QTest::newRow("leading space") << " 5" << QStringList {QStringLiteral("space")};
    QTest::newRow("trailing space") << "5 " << QStringList {QStringLiteral("space")};
    QTest::newRow("inner space") << "1 000" << QStringList {QStringLiteral("space")};
    QTest::newRow("tab") << "5\t" << QStringList {QStringLiteral("space")};
    QTest::newRow("thousands comma") << "1,000.50" << QStringList {QStringLiteral("comma")};
    QTest::newRow("decimal comma") << "12,50" << QStringList {QStringLiteral("comma"), QStringLiteral("'.'")};
    QTest::newRow("two points") << "1.2.3" << QStringList {QStringLiteral("more than one decimal point")};
    QTest::newRow("minus at end") << "5-" << QStringList {QStringLiteral("minus sign")};
    QTest::newRow("double minus") << "--5" << QStringList {QStringLiteral("minus sign")};
    QTest::newRow("letter") << "12a" << QStringList {QStringLiteral("'a'"), QStringLiteral("not allowed")};
    QTest::newRow("word with e") << "hello" << QStringList {QStringLiteral("'h'")};
    QTest::newRow("nan") << "NaN" << QStringList {QStringLiteral("'N'")};
    QTest::newRow("infinity") << "inf" << QStringList {QStringLiteral("'i'")};
    QTest::newRow("hex") << "0x10" << QStringList {QStringLiteral("'x'")};
    QTest::newRow("currency") << "$5" << QStringList {QStringLiteral("'$'")};
    QTest::newRow("arabic-indic digits")
        << QStringLiteral("١٢") << QStringList {QStringLiteral("not allowed")};
    QTest::newRow("65 digits") << digits65 << QStringList {QStringLiteral("65 digits"), QStringLiteral("64")};
    QTest::newRow("65 digits with point")
        << QString(digits65.left(30) + u'.' + digits65.mid(30)) << QStringList {QStringLiteral("65 digits")};
    QTest::newRow("long garbage is shortened") << QString(500, u'x') << QStringList {QStringLiteral("...")};
}

void TstDecimal::parseBad()
{
    QFETCH(QString, text);
    QFETCH(QStringList, keywords);

    QString error;
    QVERIFY(!Decimal::parse(text, &error));
    for (const QString& keyword : keywords)
        QVERIFY2(error.contains(keyword, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY2(error.size() < 300, qPrintable(error));
    // Works without an error sink too.
    QVERIFY(!Decimal::parse(text));
}

void TstDecimal::parseExponentSentence()
{
    QString error;
    QVERIFY(!Decimal::parse(u"1e5", &error));
    QCOMPARE(error,
        QStringLiteral(
            "\"1e5\" is not a plain decimal number: write it like 100000 or 12.50 (no exponent)."));
}

void TstDecimal::parseLenient_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("small exponent") << "1.5e-7"
                                    << "0.00000015";
    QTest::newRow("coingecko price") << "67187.3358936566"
                                     << "67187.3358936566";
    QTest::newRow("upper exponent") << "1E+3"
                                    << "1000";
    QTest::newRow("negative small") << "-2.5E-3"
                                    << "-0.0025";
    QTest::newRow("point moves right") << "123.456e2"
                                       << "12345.6";
    QTest::newRow("plus sign") << "+5"
                               << "5";
    QTest::newRow("spaces") << "  12.50 "
                            << "12.5";
    QTest::newRow("leading point") << ".5"
                                   << "0.5";
    QTest::newRow("trailing point") << "5."
                                    << "5";
    QTest::newRow("zero exponent") << "0e10"
                                   << "0";
    QTest::newRow("minus zero") << "-0"
                                << "0";
    QTest::newRow("json integer") << "42"
                                  << "42";
    QTest::newRow("many fraction digits") << "0.1000000000000000055511151231257827021181583404541015625"
                                          << "0.1000000000000000055511151231257827021181583404541015625";
    QTest::newRow("smallest double") << "5e-324" << QString(QStringLiteral("0.") + QString(323, u'0') + u'5');
    QTest::newRow("largest double") << "1.7976931348623157e308"
                                    << QString(QStringLiteral("17976931348623157") + QString(292, u'0'));
}

void TstDecimal::parseLenient()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);

    const std::optional<Decimal> d = Decimal::parseLenient(text);
    QVERIFY(d);
    QCOMPARE(d->toString(), canonical);
}

void TstDecimal::parseLenientRejects_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << "";
    QTest::newRow("spaces") << "   ";
    QTest::newRow("exponent only") << "e5";
    QTest::newRow("no exponent digits") << "1e";
    QTest::newRow("exponent sign only") << "1e+";
    QTest::newRow("trailing junk") << "1.5e-7x";
    QTest::newRow("nan") << "nan";
    QTest::newRow("inf") << "inf";
    QTest::newRow("exponent too large") << "1e401";
    QTest::newRow("huge exponent") << "1e99999999999999999999";
    QTest::newRow("two points") << "1..2";
    QTest::newRow("two signs") << "--1";
    QTest::newRow("hex") << "0x10";
    QTest::newRow("comma") << "1,5";
    QTest::newRow("inner space") << "1 5";
    QTest::newRow("mantissa too long") << QString(129, u'1');
}

void TstDecimal::parseLenientRejects()
{
    QFETCH(QString, text);
    QVERIFY(!Decimal::parseLenient(text));
}

void TstDecimal::canonicalToString()
{
    QCOMPARE(Decimal().toString(), QStringLiteral("0"));
    QCOMPARE(Decimal::fromInt(-42).toString(), QStringLiteral("-42"));
    QCOMPARE(Decimal::fromInt(std::numeric_limits<qint64>::min()).toString(),
        QStringLiteral("-9223372036854775808"));
    QCOMPARE(Decimal::fromMinorUnits(1234500, 4).toString(), QStringLiteral("123.45"));
    QCOMPARE(Decimal::fromMinorUnits(-5, 0).negated().toString(), QStringLiteral("5"));
    QCOMPARE(Decimal().negated().toString(), QStringLiteral("0"));
    QCOMPARE((dec(QStringLiteral("-1.5")) + dec(QStringLiteral("1.50"))).toString(), QStringLiteral("0"));
}

void TstDecimal::addSub_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("sum");
    QTest::addColumn<QString>("difference");

    QTest::newRow("carry into new limb") << "999999999"
                                         << "1"
                                         << "1000000000"
                                         << "999999998";
    QTest::newRow("fraction carry into integer") << "0.999999999"
                                                 << "0.000000001"
                                                 << "1"
                                                 << "0.999999998";
    QTest::newRow("borrow across limbs") << "1000000000"
                                         << "0.000000001"
                                         << "1000000000.000000001"
                                         << "999999999.999999999";
    QTest::newRow("borrow through zero limbs") << "1000000000000000000"
                                               << "1"
                                               << "1000000000000000001"
                                               << "999999999999999999";
    QTest::newRow("mixed signs") << "-5"
                                 << "3"
                                 << "-2"
                                 << "-8";
    QTest::newRow("mixed signs fraction") << "5"
                                          << "-7.25"
                                          << "-2.25"
                                          << "12.25";
    QTest::newRow("both negative") << "-1.1"
                                   << "-2.2"
                                   << "-3.3"
                                   << "1.1";
    QTest::newRow("cancel to zero") << "1.5"
                                    << "1.50"
                                    << "3"
                                    << "0";
    QTest::newRow("point one point two") << "0.1"
                                         << "0.2"
                                         << "0.3"
                                         << "-0.1";
    QTest::newRow("zeros") << "0"
                           << "-0"
                           << "0"
                           << "0";
    QTest::newRow("huge carry") << "999999999999999999999999999999999999999999.999999999999999999"
                                << "0.000000000000000001"
                                << "1000000000000000000000000000000000000000000"
                                << "999999999999999999999999999999999999999999.999999999999999998";
    QTest::newRow("huge opposite") << "123456789012345678901234567890.5"
                                   << "-123456789012345678901234567890.5"
                                   << "0"
                                   << "246913578024691357802469135781";
    QTest::newRow("huge minus small") << "-100000000000000000000000000000000000000000"
                                      << "0.000000001"
                                      << "-99999999999999999999999999999999999999999.999999999"
                                      << "-100000000000000000000000000000000000000000.000000001";
    QTest::newRow("tiny") << "0.000000000000000001"
                          << "0.000000000000000002"
                          << "0.000000000000000003"
                          << "-0.000000000000000001";
    QTest::newRow("tiny and large") << "12345678901234567890"
                                    << "0.000000000000000001"
                                    << "12345678901234567890.000000000000000001"
                                    << "12345678901234567889.999999999999999999";
    QTest::newRow("usdt") << "1250.000000"
                          << "0.000001"
                          << "1250.000001"
                          << "1249.999999";
}

void TstDecimal::addSub()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, sum);
    QFETCH(QString, difference);

    const Decimal x = dec(a);
    const Decimal y = dec(b);
    QCOMPARE((x + y).toString(), sum);
    QCOMPARE((y + x).toString(), sum);
    QCOMPARE((x - y).toString(), difference);
    QCOMPARE((y - x).toString(), dec(difference).negated().toString());
    QCOMPARE((x + y) - y, x);
}

void TstDecimal::multiply_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("product");

    QTest::newRow("limb square") << "999999999"
                                 << "999999999"
                                 << "999999998000000001";
    QTest::newRow("sign") << "1.5"
                          << "-2"
                          << "-3";
    QTest::newRow("two negatives") << "-0.1"
                                   << "-0.1"
                                   << "0.01";
    QTest::newRow("zero is not negative") << "0"
                                          << "-5"
                                          << "0";
    QTest::newRow("tiny squared") << "0.000000000000000001"
                                  << "0.000000000000000001"
                                  << "0.000000000000000000000000000000000001";
    QTest::newRow("cancel scale") << "1000000000"
                                  << "0.000000001"
                                  << "1";
    QTest::newRow("price times half") << "67187.3358936566"
                                      << "0.5"
                                      << "33593.6679468283";
    QTest::newRow("30 by 30 digits") << "123456789012345678901234567890"
                                     << "987654321098765432109876543210"
                                     << "121932631137021795226185032733622923332237463801111263526900";
    QTest::newRow("mixed scales") << "-12345678901234567890.123456789012345678"
                                  << "0.000000001000000001"
                                  << "-12345678913.580246791358024679135802467012345678";
    QTest::newRow("64 by 64 digits") << "9999999999999999999999999999999999999999999999999999999999999999"
                                     << "9999999999999999999999999999999999999999999999999999999999999999"
                                     << QString(QString(63, u'9') + u'8' + QString(63, u'0') + u'1');
}

void TstDecimal::multiply()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, product);

    QCOMPARE((dec(a) * dec(b)).toString(), product);
    QCOMPARE((dec(b) * dec(a)).toString(), product);
}

void TstDecimal::divide_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("scale");
    QTest::addColumn<Decimal::Rounding>("mode");
    QTest::addColumn<QString>("quotient");

    QTest::newRow("1/3") << "1"
                         << "3" << 8 << R::HalfEven << "0.33333333";
    QTest::newRow("1/-3") << "1"
                          << "-3" << 2 << R::HalfEven << "-0.33";

    const struct
    {
        R mode;
        const char* twoThirds;
        const char* minusTwoThirds;
        const char* tenSevenths;
        const char* minusTenSevenths;
    } modes[] = {
        {R::HalfEven, "0.66666667", "-0.66666667", "1.43", "-1.43"},
        {R::HalfUp, "0.66666667", "-0.66666667", "1.43", "-1.43"},
        {R::Down, "0.66666666", "-0.66666666", "1.42", "-1.42"},
        {R::Up, "0.66666667", "-0.66666667", "1.43", "-1.43"},
        {R::Floor, "0.66666666", "-0.66666667", "1.42", "-1.43"},
        {R::Ceiling, "0.66666667", "-0.66666666", "1.43", "-1.42"},
    };
    for (const auto& m : modes) {
        const QByteArray name = roundingName(m.mode);
        QTest::newRow(QByteArray("2/3 " + name).constData()) << "2"
                                                             << "3" << 8 << m.mode << m.twoThirds;
        QTest::newRow(QByteArray("-2/3 " + name).constData()) << "-2"
                                                              << "3" << 8 << m.mode << m.minusTwoThirds;
        QTest::newRow(QByteArray("10/7 " + name).constData()) << "10"
                                                              << "7" << 2 << m.mode << m.tenSevenths;
        QTest::newRow(QByteArray("-10/7 " + name).constData()) << "10"
                                                               << "-7" << 2 << m.mode << m.minusTenSevenths;
    }

    QTest::newRow("1/7 to 20") << "1"
                               << "7" << 20 << R::HalfEven << "0.14285714285714285714";
    QTest::newRow("tie 2.5 half-even") << "5"
                                       << "2" << 0 << R::HalfEven << "2";
    QTest::newRow("tie 3.5 half-even") << "7"
                                       << "2" << 0 << R::HalfEven << "4";
    QTest::newRow("tie -2.5 half-even") << "-5"
                                        << "2" << 0 << R::HalfEven << "-2";
    QTest::newRow("tie -3.5 half-even") << "-7"
                                        << "2" << 0 << R::HalfEven << "-4";
    QTest::newRow("tie 2.5 half-up") << "5"
                                     << "2" << 0 << R::HalfUp << "3";
    QTest::newRow("tie -2.5 half-up") << "-5"
                                      << "2" << 0 << R::HalfUp << "-3";
    QTest::newRow("tie 0.125 half-even") << "1"
                                         << "8" << 2 << R::HalfEven << "0.12";
    QTest::newRow("tie 0.375 half-even") << "3"
                                         << "8" << 2 << R::HalfEven << "0.38";
    QTest::newRow("tie 0.125 half-up") << "1"
                                       << "8" << 2 << R::HalfUp << "0.13";
    QTest::newRow("exact") << "100"
                           << "4" << 2 << R::Up << "25";
    QTest::newRow("exact fraction divisor") << "1.5"
                                            << "0.5" << 0 << R::Up << "3";
    QTest::newRow("zero dividend") << "0"
                                   << "-7" << 5 << R::Up << "0";
    QTest::newRow("negative rounds to zero") << "-1"
                                             << "3" << 0 << R::HalfEven << "0";
    QTest::newRow("big by 3") << "123456789012345678901234567890.123456789"
                              << "3" << 9 << R::HalfEven << "41152263004115226300411522630.041152263";
    QTest::newRow("multi-limb divisor")
        << "1"
        << "1234567890123456789" << 40 << R::HalfEven << "0.0000000000000000008100000072900000663471";
    QTest::newRow("tiny divisor") << "1"
                                  << "0.000000000000000003" << 2 << R::HalfEven << "333333333333333333.33";
    QTest::newRow("big by small fraction")
        << "98765432109876543210987654321098765432.1"
        << "0.000123456789123456789" << 30 << R::HalfEven
        << "800000006570000060506000549886505004685305.541918170432173460932060384482";
    QTest::newRow("usdt rate") << "1000"
                               << "67187.3358936566" << 8 << R::HalfEven << "0.01488376";
}

void TstDecimal::divide()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, scale);
    QFETCH(Decimal::Rounding, mode);
    QFETCH(QString, quotient);

    const std::optional<Decimal> q = dec(a).divided(dec(b), scale, mode);
    QVERIFY(q);
    QCOMPARE(q->toString(), quotient);
    QVERIFY(q->scale() <= scale);
}

void TstDecimal::divideByZero()
{
    QVERIFY(!dec(QStringLiteral("1")).divided(Decimal(), 2));
    QVERIFY(!Decimal().divided(dec(QStringLiteral("-0.000")), 2, R::Up));
    QVERIFY(dec(QStringLiteral("1")).divided(dec(QStringLiteral("0.000000000000000001")), 0));
}

void TstDecimal::rounding_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("scale");
    QTest::addColumn<Decimal::Rounding>("mode");
    QTest::addColumn<QString>("fixed");

    QTest::newRow("2.5 half-even") << "2.5" << 0 << R::HalfEven << "2";
    QTest::newRow("3.5 half-even") << "3.5" << 0 << R::HalfEven << "4";
    QTest::newRow("-2.5 half-even") << "-2.5" << 0 << R::HalfEven << "-2";
    QTest::newRow("-3.5 half-even") << "-3.5" << 0 << R::HalfEven << "-4";
    QTest::newRow("2.5 half-up") << "2.5" << 0 << R::HalfUp << "3";
    QTest::newRow("-2.5 half-up") << "-2.5" << 0 << R::HalfUp << "-3";
    QTest::newRow("2.5 down") << "2.5" << 0 << R::Down << "2";
    QTest::newRow("-2.5 down") << "-2.5" << 0 << R::Down << "-2";
    QTest::newRow("2.1 up") << "2.1" << 0 << R::Up << "3";
    QTest::newRow("-2.1 up") << "-2.1" << 0 << R::Up << "-3";
    QTest::newRow("-2.1 floor") << "-2.1" << 0 << R::Floor << "-3";
    QTest::newRow("2.9 floor") << "2.9" << 0 << R::Floor << "2";
    QTest::newRow("-2.9 ceiling") << "-2.9" << 0 << R::Ceiling << "-2";
    QTest::newRow("2.1 ceiling") << "2.1" << 0 << R::Ceiling << "3";
    QTest::newRow("1.005 half-even") << "1.005" << 2 << R::HalfEven << "1.00";
    QTest::newRow("1.005 half-up") << "1.005" << 2 << R::HalfUp << "1.01";
    QTest::newRow("1.0051 half-even") << "1.0051" << 2 << R::HalfEven << "1.01";
    QTest::newRow("1.0049 half-up") << "1.0049" << 2 << R::HalfUp << "1.00";
    QTest::newRow("tie at limb boundary even") << "0.0000000005" << 9 << R::HalfEven << "0.000000000";
    QTest::newRow("tie at limb boundary half-up") << "0.0000000005" << 9 << R::HalfUp << "0.000000001";
    QTest::newRow("tie at limb boundary odd") << "0.0000000015" << 9 << R::HalfEven << "0.000000002";
    QTest::newRow("sticky beyond a limb") << "0.0000000005000000001" << 9 << R::HalfEven << "0.000000001";
    QTest::newRow("below half beyond a limb") << "0.0000000004999999999" << 9 << R::HalfUp << "0.000000000";
    QTest::newRow("carry across limbs") << "999999999.9999999995" << 9 << R::HalfUp << "1000000000.000000000";
    QTest::newRow("carry to integer") << "999999999999999999.5" << 0 << R::HalfEven << "1000000000000000000";
    QTest::newRow("no negative zero") << "-0.001" << 2 << R::HalfEven << "0.00";
    QTest::newRow("floor of small negative") << "-0.001" << 2 << R::Floor << "-0.01";
    QTest::newRow("ceiling of small positive") << "0.000000000000000001" << 8 << R::Ceiling << "0.00000001";
    QTest::newRow("pads zeros") << "12" << 3 << R::HalfEven << "12.000";
    QTest::newRow("pads fraction") << "123.456" << 5 << R::HalfEven << "123.45600";
    QTest::newRow("zero padded") << "0" << 2 << R::Up << "0.00";
    QTest::newRow("usdt six") << "10.1234565" << 6 << R::HalfEven << "10.123456";
    QTest::newRow("huge") << "123456789012345678901234567890123456789.987654321987654321" << 10 << R::HalfUp
                          << "123456789012345678901234567890123456789.9876543220";
}

void TstDecimal::rounding()
{
    QFETCH(QString, value);
    QFETCH(int, scale);
    QFETCH(Decimal::Rounding, mode);
    QFETCH(QString, fixed);

    const Decimal v = dec(value);
    QCOMPARE(v.toFixed(scale, mode), fixed);
    const Decimal r = v.rounded(scale, mode);
    QCOMPARE(r, dec(fixed));
    QVERIFY(r.scale() <= scale);
    QCOMPARE(r.rounded(scale, mode), r);
}

void TstDecimal::minorUnits_data()
{
    QTest::addColumn<qint64>("units");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("text");

    QTest::newRow("cents") << qint64 {12345} << 2 << "123.45";
    QTest::newRow("whole") << qint64 {100} << 2 << "1";
    QTest::newRow("one satoshi negative") << qint64 {-1} << 8 << "-0.00000001";
    QTest::newRow("zero") << qint64 {0} << 6 << "0";
    QTest::newRow("scale zero") << qint64 {42} << 0 << "42";
    QTest::newRow("usdt") << qint64 {1250000001} << 6 << "1250.000001";
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << 0 << "9223372036854775807";
    QTest::newRow("min") << std::numeric_limits<qint64>::min() << 0 << "-9223372036854775808";
    QTest::newRow("min scale 8") << std::numeric_limits<qint64>::min() << 8 << "-92233720368.54775808";
    QTest::newRow("max scale 18") << std::numeric_limits<qint64>::max() << 18 << "9.223372036854775807";
    QTest::newRow("scale 30") << qint64 {5} << 30 << "0.000000000000000000000000000005";
}

void TstDecimal::minorUnits()
{
    QFETCH(qint64, units);
    QFETCH(int, scale);
    QFETCH(QString, text);

    const Decimal d = Decimal::fromMinorUnits(units, scale);
    QCOMPARE(d.toString(), text);
    QCOMPARE(d.decimalPlacesAsWritten(), scale);
    for (const R mode : kAllModes) {
        const std::optional<qint64> back = d.toMinorUnits(scale, mode);
        QVERIFY(back);
        QCOMPARE(*back, units);
    }
}

void TstDecimal::toMinorUnitsOverflow_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("scale");
    QTest::addColumn<Decimal::Rounding>("mode");
    QTest::addColumn<bool>("fits");
    QTest::addColumn<qint64>("units");

    const qint64 max = std::numeric_limits<qint64>::max();
    const qint64 min = std::numeric_limits<qint64>::min();
    QTest::newRow("max") << "9223372036854775807" << 0 << R::HalfEven << true << max;
    QTest::newRow("max plus one") << "9223372036854775808" << 0 << R::HalfEven << false << qint64 {0};
    QTest::newRow("min") << "-9223372036854775808" << 0 << R::HalfEven << true << min;
    QTest::newRow("min minus one") << "-9223372036854775809" << 0 << R::HalfEven << false << qint64 {0};
    QTest::newRow("max scale 8") << "92233720368.54775807" << 8 << R::HalfEven << true << max;
    QTest::newRow("rounding overflows") << "92233720368.547758075" << 8 << R::HalfUp << false << qint64 {0};
    QTest::newRow("rounding stays in") << "92233720368.547758075" << 8 << R::Down << true << max;
    QTest::newRow("twenty digits") << "12345678901234567890" << 0 << R::HalfEven << false << qint64 {0};
    QTest::newRow("huge") << "1000000000000000000000000000000000000000" << 2 << R::HalfEven << false
                          << qint64 {0};
    QTest::newRow("ten at scale 18") << "10" << 18 << R::HalfEven << false << qint64 {0};
    QTest::newRow("nine at scale 18") << "9" << 18 << R::HalfEven << true << qint64 {9000000000000000000};
    QTest::newRow("half-even to cents") << "1.005" << 2 << R::HalfEven << true << qint64 {100};
    QTest::newRow("half-up to cents") << "1.005" << 2 << R::HalfUp << true << qint64 {101};
    QTest::newRow("below one unit") << "0.000000001" << 8 << R::HalfEven << true << qint64 {0};
    QTest::newRow("below one unit up") << "-0.000000001" << 8 << R::Up << true << qint64 {-1};
}

void TstDecimal::toMinorUnitsOverflow()
{
    QFETCH(QString, value);
    QFETCH(int, scale);
    QFETCH(Decimal::Rounding, mode);
    QFETCH(bool, fits);
    QFETCH(qint64, units);

    const std::optional<qint64> result = dec(value).toMinorUnits(scale, mode);
    QCOMPARE(result.has_value(), fits);
    if (fits)
        QCOMPARE(*result, units);
}

void TstDecimal::comparisons_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected");

    QTest::newRow("scales") << "1.5"
                            << "1.50" << 0;
    QTest::newRow("zeros") << "-0"
                           << "0.000" << 0;
    QTest::newRow("fraction") << "0.1"
                              << "0.09" << 1;
    QTest::newRow("negative fraction") << "-0.1"
                                       << "-0.09" << -1;
    QTest::newRow("limb boundary") << "1000000000"
                                   << "999999999.999999999" << 1;
    QTest::newRow("tiny vs zero") << "0.000000000000000001"
                                  << "0" << 1;
    QTest::newRow("negative vs tiny") << "-1"
                                      << "0.000000000000000001" << -1;
    QTest::newRow("tiny negatives") << "-0.000000000000000002"
                                    << "-0.000000000000000001" << -1;
    QTest::newRow("different lengths") << "12345678901234567890123456789012345678901"
                                       << "9.9" << 1;
    QTest::newRow("huge equal") << "12345678901234567890123456789012345678901.10"
                                << "12345678901234567890123456789012345678901.1" << 0;
    QTest::newRow("huge last digit") << "12345678901234567890123456789012345678901.000000000000000001"
                                     << "12345678901234567890123456789012345678901" << 1;
}

void TstDecimal::comparisons()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);

    const Decimal x = dec(a);
    const Decimal y = dec(b);
    QCOMPARE(x == y, expected == 0);
    QCOMPARE(x != y, expected != 0);
    QCOMPARE(x < y, expected < 0);
    QCOMPARE(x <= y, expected <= 0);
    QCOMPARE(x > y, expected > 0);
    QCOMPARE(x >= y, expected >= 0);
    QCOMPARE(y<x, expected> 0);
    QCOMPARE(y > x, expected < 0);
    QCOMPARE(x.negated() < y.negated(), expected > 0);
    if (expected == 0)
        QCOMPARE(qHash(x, 7), qHash(y, 7));
}

void TstDecimal::hashConsistentWithEquality()
{
    const QStringList equalForms = {
        QStringLiteral("1.5"), QStringLiteral("1.50"), QStringLiteral("001.500000000000")};
    for (const QString& form : equalForms) {
        QCOMPARE(qHash(dec(form)), qHash(dec(equalForms.first())));
        QCOMPARE(qHash(dec(form), 12345), qHash(dec(equalForms.first()), 12345));
    }
    QCOMPARE(qHash(dec(QStringLiteral("-0.00"))), qHash(Decimal()));
    QCOMPARE(qHash(Decimal::fromMinorUnits(150, 2)), qHash(dec(QStringLiteral("1.5"))));
    QCOMPARE(
        qHash(dec(QStringLiteral("0.1")) + dec(QStringLiteral("0.2"))), qHash(dec(QStringLiteral("0.3"))));

    QSet<Decimal> set;
    for (const QString& form : equalForms)
        set.insert(dec(form));
    set.insert(Decimal::fromMinorUnits(1500, 3));
    QCOMPARE(set.size(), 1);
    set.insert(dec(QStringLiteral("-1.5")));
    set.insert(dec(QStringLiteral("1.5000000001")));
    QCOMPARE(set.size(), 3);

    QHash<Decimal, int> counts;
    for (int i = 0; i < 1000; ++i)
        ++counts[Decimal::fromMinorUnits(i % 10, 1) + Decimal::fromInt(0)];
    QCOMPARE(counts.size(), 10);
    QCOMPARE(counts.value(dec(QStringLiteral("0.50"))), 100);
}

void TstDecimal::signHelpers()
{
    const Decimal neg = dec(QStringLiteral("-3.25"));
    QVERIFY(neg.isNegative());
    QCOMPARE(neg.sign(), -1);
    QCOMPARE(neg.abs(), dec(QStringLiteral("3.25")));
    QCOMPARE(neg.negated(), dec(QStringLiteral("3.25")));
    QCOMPARE(neg.abs().sign(), 1);
    QVERIFY(Decimal().isZero());
    QCOMPARE(Decimal().sign(), 0);
    QVERIFY(!Decimal().negated().isNegative());
    QVERIFY(!dec(QStringLiteral("-0.0")).isNegative());
    QVERIFY(dec(QStringLiteral("-0.0")).isZero());
    QVERIFY(!(dec(QStringLiteral("2")) - dec(QStringLiteral("2"))).isNegative());
}

void TstDecimal::toDoubleForDisplay()
{
    QCOMPARE(dec(QStringLiteral("67187.3358936566")).toDouble(), 67187.3358936566);
    QCOMPARE(dec(QStringLiteral("-0.1")).toDouble(), -0.1);
    QCOMPARE(Decimal().toDouble(), 0.0);
    QCOMPARE(Decimal::parseLenient(u"1.5e-7")->toDouble(), 1.5e-7);
}

void TstDecimal::variantRoundTrip()
{
    const Decimal d = dec(QStringLiteral("-12.34"));
    const QVariant v = QVariant::fromValue(d);
    QVERIFY(v.canConvert<Decimal>());
    QCOMPARE(v.value<Decimal>(), d);
}

// Values that fit in qint64 minor units at scale 8, checked against 128-bit integer arithmetic.
void TstDecimal::randomAgainstInt128()
{
    QRandomGenerator rng(20240611u);
    const auto randomUnits = [&rng]() -> qint64 {
        if (rng.bounded(10) == 0)
            return static_cast<qint64>(rng.generate64()); // anywhere in the full range
        quint64 bound = 1;
        for (int digits = rng.bounded(1, 19); digits > 0; --digits)
            bound *= 10;
        const qint64 magnitude = static_cast<qint64>(rng.generate64() % bound);
        return rng.bounded(2) == 0 ? magnitude : -magnitude;
    };

    for (int i = 0; i < 10000; ++i) {
        const qint64 a = randomUnits();
        const qint64 b = randomUnits();
        const Decimal x = Decimal::fromMinorUnits(a, 8);
        const Decimal y = Decimal::fromMinorUnits(b, 8);
        const QByteArray context = QByteArray::number(a) + " and " + QByteArray::number(b);

        const i128 sum = i128 {a} + b;
        const i128 difference = i128 {a} - b;
        const i128 product = i128 {a} * b; // scale 16
        QVERIFY2((x + y).toString() == fixedString(sum, 8), context.constData());
        QVERIFY2((x - y).toString() == fixedString(difference, 8), context.constData());
        QVERIFY2((x * y).toString() == fixedString(product, 16), context.constData());
        if (fitsInt64(sum))
            QVERIFY2((x + y).toMinorUnits(8) == static_cast<qint64>(sum), context.constData());
        else
            QVERIFY2(!(x + y).toMinorUnits(8), context.constData());
        if (fitsInt64(difference))
            QVERIFY2((x - y).toMinorUnits(8) == static_cast<qint64>(difference), context.constData());
        if (fitsInt64(product))
            QVERIFY2((x * y).toMinorUnits(16) == static_cast<qint64>(product), context.constData());
        else
            QVERIFY2(!(x * y).toMinorUnits(16), context.constData());

        QVERIFY2((x < y) == (a < b), context.constData());
        QVERIFY2((x == y) == (a == b), context.constData());
        QVERIFY2((x >= y) == (a >= b), context.constData());

        if (b != 0) {
            // (a / 1e8) / (b / 1e8) at scale 8 is a * 1e8 / b in units of 1e-8.
            const R mode = kAllModes[i % 6];
            const i128 expected = divideRounded(i128 {a} * 100000000, b, mode);
            const std::optional<Decimal> q = x.divided(y, 8, mode);
            QVERIFY2(q, context.constData());
            QVERIFY2(q->toString() == fixedString(expected, 8),
                QByteArray(context + ' ' + roundingName(mode) + ": " + q->toString().toUtf8()).constData());
        }
    }
}

// Division of 20-64 digit values: exact round trips and the bounds that define a rounded quotient.
void TstDecimal::bigDivisionInvariants()
{
    QRandomGenerator rng(77u);
    const auto randomDecimal = [&rng]() {
        const int digits = rng.bounded(20, 65);
        QString text;
        text += QChar(u'1' + rng.bounded(9));
        for (int i = 1; i < digits; ++i)
            text += QChar(u'0' + rng.bounded(10));
        const int point = rng.bounded(digits + 1);
        if (point > 0 && point < digits)
            text.insert(point, u'.');
        if (rng.bounded(2) == 0)
            text.prepend(u'-');
        return dec(text);
    };

    for (int i = 0; i < 2000; ++i) {
        const Decimal a = randomDecimal();
        const Decimal b = randomDecimal();
        const QByteArray context = (a.toString() + QStringLiteral(" / ") + b.toString()).toUtf8();

        // (a * b) / b is exactly a in every mode.
        const std::optional<Decimal> back = (a * b).divided(b, a.scale(), kAllModes[i % 6]);
        QVERIFY2(back && *back == a, context.constData());

        // |q| * |b| <= |a| < (|q| + ulp) * |b| when rounding toward zero.
        const int scale = rng.bounded(0, 40);
        const Decimal ulp = Decimal::fromMinorUnits(1, scale);
        const Decimal down = a.divided(b, scale, R::Down)->abs();
        QVERIFY2(down * b.abs() <= a.abs(), context.constData());
        QVERIFY2(a.abs() < (down + ulp) * b.abs(), context.constData());
        const bool exact = down * b.abs() == a.abs();
        const Decimal up = a.divided(b, scale, R::Up)->abs();
        QVERIFY2(up == (exact ? down : down + ulp), context.constData());
        // Half-up picks the nearer of the two, ties away from zero.
        const Decimal halfUp = a.divided(b, scale, R::HalfUp)->abs();
        const Decimal twiceRest = (a.abs() - down * b.abs()) * Decimal::fromInt(2);
        const Decimal ulpTimesB = ulp * b.abs();
        QVERIFY2(halfUp == (twiceRest >= ulpTimesB && !exact ? up : down), context.constData());
    }
}

// Long-division corner cases: a quotient-limb estimate that survives the two-limb check but is
// still one too large (the divisor is added back), and estimates that start two too large.
void TstDecimal::divisionCorrectionStep_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("truncated");
    QTest::addColumn<QString>("nineDecimals");

    QTest::newRow("one limb quotient") << "499999999623456788876543211000000000"
                                       << "500000000123456789999999999"
                                       << "999999998"
                                       << "999999998.999999998";
    QTest::newRow("three limb quotient") << "499999999623456788876543211000000000000000000000000005"
                                         << "500000000123456789999999999"
                                         << "999999998999999998000000004"
                                         << "999999998999999998000000004.493827157";
    QTest::newRow("largest top limb") << "12344999999999999987655000000000"
                                      << "999999999999999999999999999"
                                      << "12344"
                                      << "12345";
    QTest::newRow("zero middle limb") << "388888889277777777000000000000000000000000000000000005"
                                      << "500000001000000000999999999"
                                      << "777777776999999998444444450"
                                      << "777777776999999998444444450.666666656";
    // Here the first estimate is two too large and the two-limb check has to step down twice.
    QTest::newRow("estimate two too large") << "449121932653129454810807190"
                                            << "500000002999999998"
                                            << "898243859"
                                            << "898243859.916795754";
    QTest::newRow("estimate two too large again") << "425028428355717727599260647"
                                                  << "500000002999999997"
                                                  << "850056851"
                                                  << "850056851.611094351";
}

void TstDecimal::divisionCorrectionStep()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, truncated);
    QFETCH(QString, nineDecimals);

    const Decimal x = dec(a);
    const Decimal y = dec(b);
    const Decimal q = *x.divided(y, 0, R::Down);
    QCOMPARE(q.toString(), truncated);
    const Decimal rest = x - q * y;
    QVERIFY(!rest.isNegative());
    QVERIFY(rest < y);
    QCOMPARE(x.divided(y, 9, R::HalfEven)->toString(), nineDecimals);
    QCOMPARE(x.negated().divided(y, 0, R::Down)->toString(), q.negated().toString());
}

QTEST_GUILESS_MAIN(TstDecimal)
#include "tst_decimal.moc"
