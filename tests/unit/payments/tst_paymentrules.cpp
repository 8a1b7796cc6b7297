#include "payments/amountrules.h"
#include "payments/networkcatalog.h"
#include "payments/sandboxaddress.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QTest>

// Amount rules, network names and sandbox addresses: the parts of payments that need no I/O.
class PaymentRulesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsPlainAmounts_data();
    void acceptsPlainAmounts();
    void refusesBadAmounts_data();
    void refusesBadAmounts();
    void jsonNumbersBecomeShortestText_data();
    void jsonNumbersBecomeShortestText();
    void formatNeverRounds();
    void catalogFromWallets();
    void resolveSpellings_data();
    void resolveSpellings();
    void unknownNetworkListsKnownOnes();
    void sandboxAddressesHaveNetworkShape();
};

void PaymentRulesTest::acceptsPlainAmounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("integer") << "10"
                             << "USD" << 2 << "10";
    QTest::newRow("two decimals") << "10.50"
                                  << "USD" << 2 << "10.5";
    QTest::newRow("trailing zeros beyond the limit") << "10.500"
                                                     << "USD" << 2 << "10.5";
    QTest::newRow("smallest usd") << "0.01"
                                  << "USD" << 2 << "0.01";
    QTest::newRow("six decimals usdt") << "0.000001"
                                       << "USDT" << 6 << "0.000001";
    QTest::newRow("the maximum") << "1000000"
                                 << "USD" << 2 << "1000000";
    QTest::newRow("spaces around") << "  7.25 "
                                   << "USD" << 2 << "7.25";
}

void PaymentRulesTest::acceptsPlainAmounts()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(int, decimals);
    QFETCH(QString, canonical);
    const Result<Decimal> r = AmountRules::parse(text.trimmed(), currency, decimals);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QCOMPARE(r.value().toString(), canonical);
}

void PaymentRulesTest::refusesBadAmounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("message");
    QTest::newRow("word") << "ten"
                          << "USD" << 2 << "\"ten\" is not an amount: write it like 10 or 10.50.";
    QTest::newRow("exponent") << "1e5"
                              << "USD" << 2 << "Exponents are not accepted: write 100000, not 1e5.";
    QTest::newRow("comma") << "1,000.50"
                           << "USD" << 2 << "no thousands separators";
    QTest::newRow("empty") << ""
                           << "USD" << 2 << "The amount is empty";
    QTest::newRow("negative") << "-5"
                              << "USD" << 2 << "The amount cannot be negative (got -5)";
    QTest::newRow("zero") << "0"
                          << "USD" << 2 << "The amount must be more than zero (got 0).";
    QTest::newRow("zero with decimals") << "0.00"
                                        << "USD" << 2 << "more than zero";
    QTest::newRow("usd decimals") << "10.123"
                                  << "USD" << 2
                                  << "10.123 has 3 decimals, but USD amounts take at most 2 (like 10.12).";
    QTest::newRow("usdt decimals") << "1.1234567"
                                   << "USDT" << 6 << "USDT amounts take at most 6 (like 1.123456)";
    QTest::newRow("too small for usd") << "0.001"
                                       << "USD" << 2 << "(like 0.01)";
    QTest::newRow("huge") << "1000000.01"
                          << "USD" << 2 << "over the limit of 1000000 USD for one invoice";
    QTest::newRow("absurdly long") << QString(80, QLatin1Char('9')) << "USD" << 2 << "too large an amount";
    QTest::newRow("plus sign") << "+5"
                               << "USD" << 2 << "Leave out the '+'.";
    QTest::newRow("bare point") << ".5"
                                << "USD" << 2 << "Put a 0 before the point";
}

void PaymentRulesTest::refusesBadAmounts()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(int, decimals);
    QFETCH(QString, message);
    const Result<Decimal> r = AmountRules::parse(text, currency, decimals);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("invalid_amount"));
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
}

void PaymentRulesTest::jsonNumbersBecomeShortestText_data()
{
    QTest::addColumn<double>("number");
    QTest::addColumn<QString>("text");
    QTest::newRow("integer") << 100000.0 << "100000";
    QTest::newRow("fraction") << 10.5 << "10.5";
    QTest::newRow("binary fraction") << 0.1 << "0.1";
    QTest::newRow("tiny") << 1e-7 << "0.0000001";
    QTest::newRow("negative") << -3.25 << "-3.25";
}

void PaymentRulesTest::jsonNumbersBecomeShortestText()
{
    QFETCH(double, number);
    QFETCH(QString, text);
    const Result<QString> r = AmountRules::textOf(QJsonValue(number));
    QVERIFY(r.ok());
    QCOMPARE(r.value(), text);
    QVERIFY(!AmountRules::textOf(QJsonValue(true)).ok());
}

void PaymentRulesTest::formatNeverRounds()
{
    QCOMPARE(AmountRules::format(*Decimal::parse(u"10.5"), 6), QStringLiteral("10.500000"));
    QCOMPARE(AmountRules::format(*Decimal::parse(u"10.12345678"), 6), QStringLiteral("10.12345678"));
    QCOMPARE(AmountRules::smallest(2).toString(), QStringLiteral("0.01"));
    QCOMPARE(AmountRules::maximum().toString(), QStringLiteral("1000000"));
}

void PaymentRulesTest::catalogFromWallets()
{
    QStringList problems;
    const NetworkCatalog c = NetworkCatalog::fromWallets(
        {QStringLiteral("usdttrc20"), QStringLiteral(" USDTERC20 "), QStringLiteral("TCN"),
            QStringLiteral("bad coin!"), QStringLiteral("USDTTRC20")},
        &problems);
    QCOMPARE(
        c.names(), (QStringList {QStringLiteral("TRC20"), QStringLiteral("ERC20"), QStringLiteral("TCN")}));
    QCOMPARE(c.coins(),
        (QStringList {QStringLiteral("USDTTRC20"), QStringLiteral("USDTERC20"), QStringLiteral("TCN")}));
    QCOMPARE(c.tickers(), (QStringList {QStringLiteral("USDT"), QStringLiteral("TCN")}));
    QCOMPARE(problems.size(), 2);
    QCOMPARE(c.find(QStringLiteral("TRC20"))->decimals, 6);
    QCOMPARE(c.find(QStringLiteral("TCN"))->decimals, 8);
    QCOMPARE(c.find(QStringLiteral("ERC20"))->addressKind, PaymentNetwork::AddressKind::Ethereum);
    QCOMPARE(c.spellings().mid(0, 3),
        (QStringList {QStringLiteral("TRC20"), QStringLiteral("ERC20"), QStringLiteral("TCN")}));
    QVERIFY(c.spellings().contains(QStringLiteral("trc-20")));
    QVERIFY(c.spellings().contains(QStringLiteral("USDTERC20")));
}

void PaymentRulesTest::resolveSpellings_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("network");
    for (const char* s : {"TRC20", "trc20", "TRC-20", "trc_20", "Trc 20", "USDTTRC20", "usdt-trc20"})
        QTest::newRow(s) << QString::fromLatin1(s) << "TRC20";
    QTest::newRow("erc") << "erc-20"
                         << "ERC20";
}

void PaymentRulesTest::resolveSpellings()
{
    QFETCH(QString, input);
    QFETCH(QString, network);
    const NetworkCatalog c =
        NetworkCatalog::fromWallets({QStringLiteral("USDTTRC20"), QStringLiteral("USDTERC20")});
    const Result<PaymentNetwork> r = c.resolve(input);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QCOMPARE(r.value().network, network);
}

void PaymentRulesTest::unknownNetworkListsKnownOnes()
{
    const NetworkCatalog c =
        NetworkCatalog::fromWallets({QStringLiteral("USDTTRC20"), QStringLiteral("USDTERC20")});
    const Result<PaymentNetwork> r = c.resolve(QStringLiteral("BEP20"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("unknown_network"));
    QCOMPARE(r.error().message,
        QStringLiteral("\"BEP20\" is not a payment network here; use one of TRC20, ERC20."));
    QVERIFY(!NetworkCatalog().resolve(QStringLiteral("TRC20")).ok());
}

void PaymentRulesTest::sandboxAddressesHaveNetworkShape()
{
    const NetworkCatalog c =
        NetworkCatalog::fromWallets({QStringLiteral("USDTTRC20"), QStringLiteral("USDTERC20")});
    const PaymentNetwork trc = *c.find(QStringLiteral("TRC20"));
    const PaymentNetwork erc = *c.find(QStringLiteral("ERC20"));
    const QString a = SandboxAddress::forInvoice(QStringLiteral("inv_aaaaaaaaaaaaaaaa"), trc);
    QVERIFY2(
        QRegularExpression(QStringLiteral("^T[1-9A-HJ-NP-Za-km-z]{33}$")).match(a).hasMatch(), qPrintable(a));
    QCOMPARE(SandboxAddress::forInvoice(QStringLiteral("inv_aaaaaaaaaaaaaaaa"), trc), a); // deterministic
    QVERIFY(SandboxAddress::forInvoice(QStringLiteral("inv_bbbbbbbbbbbbbbbb"), trc) != a);
    const QString e = SandboxAddress::forInvoice(QStringLiteral("inv_aaaaaaaaaaaaaaaa"), erc);
    QVERIFY2(QRegularExpression(QStringLiteral("^0x[0-9a-f]{40}$")).match(e).hasMatch(), qPrintable(e));
}

QTEST_GUILESS_MAIN(PaymentRulesTest)
#include "tst_paymentrules.moc"
