// CSV export: RFC 4180 quoting, CRLF line ends, exact amounts, ISO times in UTC, formula-looking
// free text made inert.
#include "pages/invoicecsv.h"
#include "pages/invoicetablemodel.h"

#include <QTemporaryDir>
#include <QTest>

class TestInvoiceCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quoting()
    {
        QCOMPARE(InvoiceCsv::field(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(InvoiceCsv::field(QString()), QString());
        QCOMPARE(InvoiceCsv::field(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(InvoiceCsv::field(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(InvoiceCsv::field(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        QCOMPARE(InvoiceCsv::field(QStringLiteral("cr\r")), QStringLiteral("\"cr\r\""));
        QCOMPARE(InvoiceCsv::field(QStringLiteral(" spaced ")), QStringLiteral(" spaced "));
    }

    void document()
    {
        InvoiceItem a;
        a.id = QStringLiteral("inv_AAAAAAAAAAAAAAAA");
        a.status = QStringLiteral("paid");
        a.network = QStringLiteral("TRC20");
        a.coin = QStringLiteral("USDTTRC20");
        a.ticker = QStringLiteral("USDT");
        a.currency = QStringLiteral("USD");
        a.amount = QStringLiteral("10.25");
        a.amountUsd = QStringLiteral("10.25");
        a.amountCoin = QStringLiteral("10.250000");
        a.paidAmount = QStringLiteral("10.250000");
        a.remainingAmount = QStringLiteral("0.000000");
        a.description = QStringLiteral("Coffee, \"large\"");
        a.address = QStringLiteral("TXyZ");
        a.paymentUrl = QStringLiteral("http://127.0.0.1:1/pay/inv_AAAAAAAAAAAAAAAA");
        a.client = QStringLiteral("FinAgent Desktop");
        a.createdAt = 1717243200000; // 2024-06-01T12:00:00Z
        a.updatedAt = 1717243260500;
        a.expiresAt = 1717246800000;
        a.paidAt = 1717243260500;
        InvoiceItem b = a;
        b.id = QStringLiteral("inv_BBBBBBBBBBBBBBBB");
        b.status = QStringLiteral("pending");
        b.amount = QStringLiteral("0.000001");
        b.currency = QStringLiteral("USDT");
        b.amountUsd.clear();
        b.amountCoin = QStringLiteral("0.000001");
        b.paidAmount = QStringLiteral("0");
        b.remainingAmount = QStringLiteral("0.000001");
        b.description = QStringLiteral("=HYPERLINK(\"x\")");
        b.paidAt.reset();

        const QByteArray expected =
            "invoice_id,status,network,coin,ticker,currency,amount,amount_usd,amount_coin,paid_amount,"
            "remaining_amount,description,address,payment_url,client,created_at,updated_at,expires_at,paid_"
            "at\r\n"
            "inv_AAAAAAAAAAAAAAAA,paid,TRC20,USDTTRC20,USDT,USD,10.25,10.25,10.250000,10.250000,0.000000,"
            "\"Coffee, \"\"large\"\"\",TXyZ,http://127.0.0.1:1/pay/inv_AAAAAAAAAAAAAAAA,FinAgent Desktop,"
            "2024-06-01T12:00:00.000Z,2024-06-01T12:01:00.500Z,2024-06-01T13:00:00.000Z,2024-06-01T12:01:00."
            "500Z\r\n"
            "inv_BBBBBBBBBBBBBBBB,pending,TRC20,USDTTRC20,USDT,USDT,0.000001,,0.000001,0,0.000001,"
            "\"'=HYPERLINK(\"\"x\"\")\",TXyZ,http://127.0.0.1:1/pay/inv_AAAAAAAAAAAAAAAA,FinAgent Desktop,"
            "2024-06-01T12:00:00.000Z,2024-06-01T12:01:00.500Z,2024-06-01T13:00:00.000Z,\r\n";
        QCOMPARE(InvoiceCsv::document({a, b}), expected);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(InvoiceCsv::write(path, {a, b}).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), expected);

        const Result<void> failed = InvoiceCsv::write(dir.filePath(QStringLiteral("missing/out.csv")), {a});
        QVERIFY(!failed.ok());
        QVERIFY(failed.error().message.contains(QLatin1String("missing")));
    }
};

QTEST_MAIN(TestInvoiceCsv)
#include "tst_invoicecsv.moc"
