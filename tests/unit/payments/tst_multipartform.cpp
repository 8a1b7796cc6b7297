#include "fakemultipart.h"
#include "payments/multipartform.h"

#include <QTest>

// The webhook's multipart reader: what CoinRemitter sends parses; anything else is a clear error.
class MultipartFormTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatAFrameworkSends();
    void boundaryForms();
    void skipsFileParts();
    void garbageIsAnError_data();
    void garbageIsAnError();
    void limitsAreEnforced();
};

void MultipartFormTest::readsWhatAFrameworkSends()
{
    const FakeMultipart::Fields fields {{QStringLiteral("invoice_id"), QStringLiteral("0wBv07n")},
        {QStringLiteral("status_code"), QStringLiteral("1")},
        {QStringLiteral("total_amount[USDTTRC20]"), QStringLiteral("10.00000000")},
        {QStringLiteral("description"), QStringLiteral("line one\r\nline two --not a boundary")},
        {QStringLiteral("empty"), QString()}};
    const QByteArray boundary = "------------------------abc123";
    const QByteArray body = FakeMultipart::build(fields, boundary);
    const Result<MultipartForm::Fields> parsed =
        MultipartForm::parse(body, "multipart/form-data; boundary=" + boundary);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    QCOMPARE(parsed.value().size(), fields.size());
    for (int i = 0; i < fields.size(); ++i) {
        QCOMPARE(parsed.value().at(i).first, fields.at(i).first);
        QCOMPARE(parsed.value().at(i).second, fields.at(i).second);
    }
    QCOMPARE(MultipartForm::value(parsed.value(), QStringLiteral("invoice_id")), QStringLiteral("0wBv07n"));
    QVERIFY(MultipartForm::value(parsed.value(), QStringLiteral("missing")).isNull());
}

void MultipartFormTest::boundaryForms()
{
    QCOMPARE(MultipartForm::boundaryOf("multipart/form-data; boundary=xyz"), QByteArray("xyz"));
    QCOMPARE(
        MultipartForm::boundaryOf("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b\""), QByteArray("a b"));
    QVERIFY(MultipartForm::boundaryOf("application/json").isEmpty());
    QVERIFY(MultipartForm::boundaryOf("multipart/form-data").isEmpty());
    QVERIFY(MultipartForm::boundaryOf("multipart/form-data; boundary=" + QByteArray(71, 'x')).isEmpty());
}

void MultipartFormTest::skipsFileParts()
{
    const QByteArray body =
        "--b\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"x.bin\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n\x01\x02\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"invoice_id\"\r\n\r\nabc\r\n--b--\r\n";
    const Result<MultipartForm::Fields> parsed =
        MultipartForm::parse(body, "multipart/form-data; boundary=b");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().size(), 1);
    QCOMPARE(parsed.value().first().second, QStringLiteral("abc"));
}

void MultipartFormTest::garbageIsAnError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("json") << QByteArray("{\"invoice_id\":\"x\"}") << QByteArray("application/json");
    QTest::newRow("no boundary in body")
        << QByteArray("hello") << QByteArray("multipart/form-data; boundary=b");
    QTest::newRow("unterminated part")
        << QByteArray("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue")
        << QByteArray("multipart/form-data; boundary=b");
    QTest::newRow("no headers end") << QByteArray("--b\r\nContent-Disposition: form-data; name=\"a\"")
                                    << QByteArray("multipart/form-data; boundary=b");
    QTest::newRow("no name") << QByteArray("--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--")
                             << QByteArray("multipart/form-data; boundary=b");
    QTest::newRow("not form-data") << QByteArray(
        "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--b--")
                                   << QByteArray("multipart/form-data; boundary=b");
    QTest::newRow("binary noise") << QByteArray("\x00\xff\xfe--b\x00\r\n", 10)
                                  << QByteArray("multipart/form-data; boundary=b");
    QTest::newRow("empty") << QByteArray() << QByteArray("multipart/form-data; boundary=b");
}

void MultipartFormTest::garbageIsAnError()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    const Result<MultipartForm::Fields> parsed = MultipartForm::parse(body, contentType);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QStringLiteral("invalid_multipart"));
    QVERIFY(parsed.error().message.startsWith(QStringLiteral("The body is not valid multipart/form-data: ")));
}

void MultipartFormTest::limitsAreEnforced()
{
    MultipartForm::Limits limits;
    limits.maxFields = 3;
    limits.maxFieldBytes = 10;
    limits.maxBodyBytes = 400;
    FakeMultipart::Fields many;
    for (int i = 0; i < 4; ++i)
        many.append({QStringLiteral("f%1").arg(i), QStringLiteral("v")});
    QVERIFY(!MultipartForm::parse(FakeMultipart::build(many, "b"), "multipart/form-data; boundary=b", limits)
                 .ok());
    const FakeMultipart::Fields big {{QStringLiteral("f"), QString(11, QLatin1Char('x'))}};
    QVERIFY(!MultipartForm::parse(FakeMultipart::build(big, "b"), "multipart/form-data; boundary=b", limits)
                 .ok());
    const FakeMultipart::Fields ok {{QStringLiteral("f"), QString(10, QLatin1Char('x'))}};
    QVERIFY(
        MultipartForm::parse(FakeMultipart::build(ok, "b"), "multipart/form-data; boundary=b", limits).ok());
    QVERIFY(!MultipartForm::parse(QByteArray(401, 'x'), "multipart/form-data; boundary=b", limits).ok());
}

QTEST_GUILESS_MAIN(MultipartFormTest)
#include "tst_multipartform.moc"
