// Prices as the window shows them: exact decimal strings formatted as strings (grouping, trimmed
// zeros, locale separators), percents rounded exactly, volumes in short form.
#include "widgets/priceformat.h"

#include <QTest>

class TestPriceFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exact_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("minDecimals");
        QTest::addColumn<QString>("expected");
        QTest::newRow("binance price")
            << QStringLiteral("67012.45000000") << 2 << QStringLiteral("67,012.45");
        QTest::newRow("tiny price keeps its digits")
            << QStringLiteral("0.00001234") << 2 << QStringLiteral("0.00001234");
        QTest::newRow("whole number keeps two decimals")
            << QStringLiteral("1.00000000") << 2 << QStringLiteral("1.00");
        QTest::newRow("no decimals wanted")
            << QStringLiteral("3000.00000000") << 0 << QStringLiteral("3,000");
        QTest::newRow("millions") << QStringLiteral("1234567.8") << 2 << QStringLiteral("1,234,567.80");
        QTest::newRow("negative") << QStringLiteral("-0.50000000") << 2 << QStringLiteral("-0.50");
        QTest::newRow("leading zeros") << QStringLiteral("000123.4") << 2 << QStringLiteral("123.40");
        QTest::newRow("negative zero") << QStringLiteral("-0.00000000") << 2 << QStringLiteral("0.00");
        QTest::newRow("more digits than a double holds")
            << QStringLiteral("12345678901234567890.123456789012") << 2
            << QStringLiteral("12,345,678,901,234,567,890.123456789012");
        QTest::newRow("exponent from a lenient source")
            << QStringLiteral("1.5e-7") << 2 << QStringLiteral("0.00000015");
        QTest::newRow("not a number is left alone") << QStringLiteral("n/a") << 2 << QStringLiteral("n/a");
        QTest::newRow("empty") << QStringLiteral("") << 2 << QStringLiteral("");
    }

    void exact()
    {
        QFETCH(QString, input);
        QFETCH(int, minDecimals);
        QFETCH(QString, expected);
        const QLocale us(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(PriceFormat::exact(input, us, minDecimals), expected);
    }

    void exactFollowsTheLocale()
    {
        QCOMPARE(
            PriceFormat::exact(QStringLiteral("67012.45000000"), QLocale(QLocale::German, QLocale::Germany)),
            QStringLiteral("67.012,45"));
        QCOMPARE(
            PriceFormat::exact(QStringLiteral("67012.45000000"), QLocale(QLocale::Chinese, QLocale::China)),
            QStringLiteral("67,012.45"));
        QLocale plain(QLocale::English, QLocale::UnitedStates);
        plain.setNumberOptions(QLocale::OmitGroupSeparator);
        QCOMPARE(PriceFormat::exact(QStringLiteral("67012.45"), plain), QStringLiteral("67012.45"));
        // Locales with their own digits.
        const QString arabic =
            PriceFormat::exact(QStringLiteral("12.5"), QLocale(QLocale::Arabic, QLocale::Egypt));
        QVERIFY2(!arabic.contains(QLatin1Char('1')), qPrintable(arabic));
        QCOMPARE(PriceFormat::exact(
                     QStringLiteral("2.5"), QLocale(QLocale::English, QLocale::UnitedStates), 2, true),
            QStringLiteral("+2.50"));
    }

    void roundedAndPercent()
    {
        const QLocale us(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(PriceFormat::rounded(QStringLiteral("1.005"), 2, us),
            QStringLiteral("1.01")); // no binary 1.00499..
        QCOMPARE(PriceFormat::rounded(QStringLiteral("-2.345"), 2, us, true), QStringLiteral("-2.35"));
        QCOMPARE(PriceFormat::rounded(QStringLiteral("2.3"), 2, us, true), QStringLiteral("+2.30"));
        QCOMPARE(PriceFormat::percent(QStringLiteral("-1.2345"), us), QStringLiteral("1.23%"));
        QCOMPARE(PriceFormat::percent(QStringLiteral("1.235"), us), QStringLiteral("1.24%"));
        QCOMPARE(PriceFormat::percent(QStringLiteral("0.000"), us), QStringLiteral("0.00%"));
        QCOMPARE(PriceFormat::percent(QStringLiteral("1234.5"), us), QStringLiteral("1,234.50%"));
    }

    void compact_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("billions") << QStringLiteral("1234567890.12") << QStringLiteral("1.2B");
        QTest::newRow("thousands") << QStringLiteral("52300") << QStringLiteral("52.3K");
        QTest::newRow("hundreds of millions") << QStringLiteral("812345678") << QStringLiteral("812M");
        QTest::newRow("rounds up into the next unit") << QStringLiteral("999999") << QStringLiteral("1.0M");
        QTest::newRow("trillions") << QStringLiteral("2500000000000") << QStringLiteral("2.5T");
        QTest::newRow("small") << QStringLiteral("812.4") << QStringLiteral("812");
        QTest::newRow("tiny") << QStringLiteral("3.14159") << QStringLiteral("3.14");
        QTest::newRow("zero") << QStringLiteral("0.00000000") << QStringLiteral("0.00");
        QTest::newRow("not a number") << QStringLiteral("x") << QStringLiteral("x");
    }

    void compact()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(PriceFormat::compact(input, QLocale(QLocale::English, QLocale::UnitedStates)), expected);
    }

    void signAndDouble()
    {
        QCOMPARE(PriceFormat::sign(QStringLiteral("-0.1")), -1);
        QCOMPARE(PriceFormat::sign(QStringLiteral("0.000")), 0);
        QCOMPARE(PriceFormat::sign(QStringLiteral("2")), 1);
        QCOMPARE(PriceFormat::sign(QStringLiteral("abc")), 0);
        QCOMPARE(PriceFormat::toDouble(QStringLiteral("67012.45000000")), 67012.45);
        QCOMPARE(PriceFormat::toDouble(QStringLiteral("nope")), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestPriceFormat)
#include "tst_priceformat.moc"
