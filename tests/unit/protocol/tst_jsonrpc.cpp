#include "protocol/jsonrpc.h"
#include "protocol/loglevel.h"
#include "protocol/pagination.h"
#include "protocol/protocolversion.h"
#include "protocol/uritemplate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace
{

int errorCode(const JsonRpc::Parsed& p)
{
    return p.errorResponse.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
}

QString errorMessage(const JsonRpc::Parsed& p)
{
    return p.errorResponse.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

} // namespace

// JSON-RPC 2.0 framing as MCP uses it, plus the small value types of the protocol layer.
class TestJsonRpc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseErrors_data();
    void parseErrors();
    void invalidParamsKeepTheRequestId();
    void requestsAndNotifications();
    void nullParamsAreAccepted();
    void responses();
    void responseWithNullIdIsAccepted();
    void idKeyKeepsStringAndNumberApart();
    void validIds();
    void builders();
    void serializeIsOneLine();

    void supportedVersionsAreEchoed_data();
    void supportedVersionsAreEchoed();
    void unknownVersionGetsLatest();
    void featureChecksByVersion();

    void logLevels();

    void paginationRoundTrip();
    void paginationRejectsForgedCursors_data();
    void paginationRejectsForgedCursors();

    void uriTemplateMatch();
    void uriTemplateRejects_data();
    void uriTemplateRejects();
    void uriTemplateExpandEncodes();
    void uriTemplateDecodesOnMatch();
    void uriTemplateInvalid();
};

void TestJsonRpc::parseErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("code");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QString>("mentions");

    const QJsonValue null(QJsonValue::Null);
    QTest::newRow("not json") << QByteArray("{\"jsonrpc\":") << int(JsonRpc::ParseError) << null
                              << "not valid JSON";
    QTest::newRow("garbage") << QByteArray("hello") << int(JsonRpc::ParseError) << null << "not valid JSON";
    QTest::newRow("empty") << QByteArray("") << int(JsonRpc::ParseError) << null << "not valid JSON";
    QTest::newRow("batch") << QByteArray("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]")
                           << int(JsonRpc::InvalidRequest) << null << "batches";
    QTest::newRow("empty batch") << QByteArray("[]") << int(JsonRpc::InvalidRequest) << null << "batches";
    // 0: either -32700 or -32600 is right for a bare scalar.
    QTest::newRow("scalar") << QByteArray("42") << 0 << null << "";
    QTest::newRow("no jsonrpc") << QByteArray("{\"id\":7,\"method\":\"ping\"}")
                                << int(JsonRpc::InvalidRequest) << QJsonValue(7) << "\"jsonrpc\"";
    QTest::newRow("jsonrpc 1.0") << QByteArray("{\"jsonrpc\":\"1.0\",\"id\":\"a\",\"method\":\"ping\"}")
                                 << int(JsonRpc::InvalidRequest) << QJsonValue(QStringLiteral("a"))
                                 << "\"2.0\"";
    QTest::newRow("jsonrpc number") << QByteArray("{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}")
                                    << int(JsonRpc::InvalidRequest) << QJsonValue(1) << "\"2.0\"";
    QTest::newRow("no method, no result") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":3}")
                                          << int(JsonRpc::InvalidRequest) << QJsonValue(3) << "\"method\"";
    QTest::newRow("method not string") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":5}")
                                       << int(JsonRpc::InvalidRequest) << QJsonValue(3) << "\"method\"";
    QTest::newRow("method empty") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"\"}")
                                  << int(JsonRpc::InvalidRequest) << QJsonValue(3) << "\"method\"";
    QTest::newRow("null id") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}")
                             << int(JsonRpc::InvalidRequest) << null << "\"id\"";
    QTest::newRow("fractional id") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}")
                                   << int(JsonRpc::InvalidRequest) << null << "\"id\"";
    QTest::newRow("bool id") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}")
                             << int(JsonRpc::InvalidRequest) << null << "\"id\"";
    QTest::newRow("object id") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}")
                               << int(JsonRpc::InvalidRequest) << null << "\"id\"";
    QTest::newRow("array params") << QByteArray(
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"params\":[1]}")
                                  << int(JsonRpc::InvalidParams) << QJsonValue(9) << "\"params\"";
    QTest::newRow("string params") << QByteArray(
        "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"ping\",\"params\":\"a\"}")
                                   << int(JsonRpc::InvalidParams) << QJsonValue(QStringLiteral("x"))
                                   << "\"params\"";
    QTest::newRow("response with bad id") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":[1],\"result\":{}}")
                                          << int(JsonRpc::InvalidRequest) << null << "\"id\"";
}

void TestJsonRpc::parseErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(int, code);
    QFETCH(QJsonValue, id);
    QFETCH(QString, mentions);

    const JsonRpc::Parsed p = JsonRpc::parse(input);
    QVERIFY(!p.ok);
    if (code == 0)
        QVERIFY(errorCode(p) == JsonRpc::ParseError || errorCode(p) == JsonRpc::InvalidRequest);
    else
        QCOMPARE(errorCode(p), code);
    QCOMPARE(p.errorResponse.value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
    // The error response carries the request's id when it was readable; otherwise no id at all
    // (MCP's schema allows leaving it out but not null).
    if (id.isNull() || id.isUndefined())
        QVERIFY(!p.errorResponse.contains(QStringLiteral("id")));
    else
        QCOMPARE(p.errorResponse.value(QStringLiteral("id")), id);
    QVERIFY2(errorMessage(p).contains(mentions), qPrintable(errorMessage(p)));
    // A parse of the error response itself must be a valid error response.
    const JsonRpc::Parsed back = JsonRpc::parse(JsonRpc::serialize(p.errorResponse));
    QVERIFY(back.ok);
    QCOMPARE(back.message.kind, JsonRpc::Message::Kind::ErrorResponse);
}

void TestJsonRpc::invalidParamsKeepTheRequestId()
{
    const JsonRpc::Parsed p =
        JsonRpc::parse("{\"jsonrpc\":\"2.0\",\"id\":\"req-1\",\"method\":\"tools/list\",\"params\":7}");
    QVERIFY(!p.ok);
    QCOMPARE(errorCode(p), int(JsonRpc::InvalidParams));
    QCOMPARE(p.errorResponse.value(QStringLiteral("id")).toString(), QStringLiteral("req-1"));
}

void TestJsonRpc::requestsAndNotifications()
{
    JsonRpc::Parsed p = JsonRpc::parse(
        "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}");
    QVERIFY(p.ok);
    QVERIFY(p.message.isRequest());
    QCOMPARE(p.message.method, QStringLiteral("tools/call"));
    QCOMPARE(p.message.id.toInt(), 12);
    QCOMPARE(p.message.params.value(QStringLiteral("name")).toString(), QStringLiteral("x"));

    p = JsonRpc::parse("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"ping\"}");
    QVERIFY(p.ok);
    QVERIFY(p.message.isRequest());
    QCOMPARE(p.message.id.toString(), QStringLiteral("abc"));
    QVERIFY(p.message.params.isEmpty());

    p = JsonRpc::parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    QVERIFY(p.ok);
    QVERIFY(p.message.isNotification());
    QVERIFY(!p.message.isRequest());
    QVERIFY(p.message.id.isUndefined());

    // Negative and zero ids are integers like any other.
    p = JsonRpc::parse("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"ping\"}");
    QVERIFY(p.ok);
    QCOMPARE(p.message.id.toInt(-1), 0);
    p = JsonRpc::parse("{\"jsonrpc\":\"2.0\",\"id\":-4,\"method\":\"ping\"}");
    QVERIFY(p.ok);
    QCOMPARE(p.message.id.toInt(), -4);
}

void TestJsonRpc::nullParamsAreAccepted()
{
    const JsonRpc::Parsed p =
        JsonRpc::parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":null}");
    QVERIFY(p.ok);
    QVERIFY(p.message.params.isEmpty());
}

void TestJsonRpc::responses()
{
    JsonRpc::Parsed p =
        JsonRpc::parse("{\"jsonrpc\":\"2.0\",\"id\":\"srv-1\",\"result\":{\"action\":\"accept\"}}");
    QVERIFY(p.ok);
    QVERIFY(p.message.isResponse());
    QCOMPARE(p.message.kind, JsonRpc::Message::Kind::Response);
    QCOMPARE(p.message.id.toString(), QStringLiteral("srv-1"));
    QCOMPARE(
        p.message.result.toObject().value(QStringLiteral("action")).toString(), QStringLiteral("accept"));

    p = JsonRpc::parse("{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-1,\"message\":\"declined\"}}");
    QVERIFY(p.ok);
    QVERIFY(p.message.isResponse());
    QCOMPARE(p.message.kind, JsonRpc::Message::Kind::ErrorResponse);
    QCOMPARE(p.message.error.value(QStringLiteral("message")).toString(), QStringLiteral("declined"));
}

void TestJsonRpc::responseWithNullIdIsAccepted()
{
    // A peer answers an unparseable message with id null; that is a response, not a request.
    const JsonRpc::Parsed p = JsonRpc::parse(
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
    QVERIFY(p.ok);
    QCOMPARE(p.message.kind, JsonRpc::Message::Kind::ErrorResponse);
    QVERIFY(p.message.id.isNull());
}

void TestJsonRpc::idKeyKeepsStringAndNumberApart()
{
    QVERIFY(JsonRpc::idKey(QJsonValue(QStringLiteral("1"))) != JsonRpc::idKey(QJsonValue(1)));
    QCOMPARE(JsonRpc::idKey(QJsonValue(1)), JsonRpc::idKey(QJsonValue(1.0)));
    QCOMPARE(
        JsonRpc::idKey(QJsonValue(QStringLiteral("a"))), JsonRpc::idKey(QJsonValue(QStringLiteral("a"))));
    QVERIFY(JsonRpc::idKey(QJsonValue(2)) != JsonRpc::idKey(QJsonValue(1)));
    // Ids parsed from text behave the same as built ones.
    const auto a = JsonRpc::parse("{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"ping\"}");
    const auto b = JsonRpc::parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
    QVERIFY(a.ok && b.ok);
    QVERIFY(JsonRpc::idKey(a.message.id) != JsonRpc::idKey(b.message.id));
    QCOMPARE(JsonRpc::idKey(b.message.id), JsonRpc::idKey(QJsonValue(1)));
    // Large integers (JavaScript clients use timestamps) keep every digit.
    QCOMPARE(JsonRpc::idKey(QJsonValue(qint64(1732176000123))), QStringLiteral("n:1732176000123"));
}

void TestJsonRpc::validIds()
{
    QVERIFY(JsonRpc::isValidId(QJsonValue(QStringLiteral(""))));
    QVERIFY(JsonRpc::isValidId(QJsonValue(3)));
    QVERIFY(!JsonRpc::isValidId(QJsonValue(3.25)));
    QVERIFY(!JsonRpc::isValidId(QJsonValue(QJsonValue::Null)));
    QVERIFY(!JsonRpc::isValidId(QJsonValue(QJsonValue::Undefined)));
    QVERIFY(!JsonRpc::isValidId(QJsonValue(true)));
    QVERIFY(!JsonRpc::isValidId(QJsonValue(QJsonArray {1})));
}

void TestJsonRpc::builders()
{
    const QJsonObject r = JsonRpc::makeResult(QJsonValue(4), QJsonObject {{QStringLiteral("a"), 1}});
    QCOMPARE(r.value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
    QCOMPARE(r.value(QStringLiteral("id")).toInt(), 4);
    QCOMPARE(r.value(QStringLiteral("result")).toObject().value(QStringLiteral("a")).toInt(), 1);

    QJsonObject e = JsonRpc::makeError(QJsonValue(QStringLiteral("q")), JsonRpc::ResourceNotFound,
        QStringLiteral("gone"), QJsonObject {{QStringLiteral("uri"), QStringLiteral("x://y")}});
    QJsonObject err = e.value(QStringLiteral("error")).toObject();
    QCOMPARE(err.value(QStringLiteral("code")).toInt(), -32002);
    QCOMPARE(err.value(QStringLiteral("data")).toObject().value(QStringLiteral("uri")).toString(),
        QStringLiteral("x://y"));
    // No data member when there is no data.
    e = JsonRpc::makeError(QJsonValue(1), JsonRpc::InternalError, QStringLiteral("boom"));
    QVERIFY(!e.value(QStringLiteral("error")).toObject().contains(QStringLiteral("data")));

    const QJsonObject n = JsonRpc::makeNotification(QStringLiteral("notifications/initialized"));
    QVERIFY(!n.contains(QStringLiteral("id")));
    QVERIFY(!n.contains(QStringLiteral("params")));
    const QJsonObject q =
        JsonRpc::makeRequest(QJsonValue(QStringLiteral("srv-1")), QStringLiteral("roots/list"));
    QCOMPARE(q.value(QStringLiteral("id")).toString(), QStringLiteral("srv-1"));
    QCOMPARE(q.value(QStringLiteral("method")).toString(), QStringLiteral("roots/list"));
    // Everything built parses back as what it is.
    QVERIFY(JsonRpc::fromJson(r).message.isResponse());
    QVERIFY(JsonRpc::fromJson(n).message.isNotification());
    QVERIFY(JsonRpc::fromJson(q).message.isRequest());
}

void TestJsonRpc::serializeIsOneLine()
{
    const QJsonObject m = JsonRpc::makeResult(QJsonValue(1),
        QJsonObject {{QStringLiteral("text"), QStringLiteral("line one\nline two")},
            {QStringLiteral("nested"), QJsonObject {{QStringLiteral("k"), QJsonArray {1, 2}}}}});
    const QByteArray bytes = JsonRpc::serialize(m);
    QVERIFY(!bytes.contains('\n'));
    QVERIFY(!bytes.endsWith('\n'));
    QCOMPARE(QJsonDocument::fromJson(bytes).object(), m);
}

void TestJsonRpc::supportedVersionsAreEchoed_data()
{
    QTest::addColumn<QString>("version");
    for (const QString& v : ProtocolVersion::supported())
        QTest::newRow(qPrintable(v)) << v;
}

void TestJsonRpc::supportedVersionsAreEchoed()
{
    QFETCH(QString, version);
    QVERIFY(ProtocolVersion::isSupported(version));
    QCOMPARE(ProtocolVersion::negotiate(version), version);
}

void TestJsonRpc::unknownVersionGetsLatest()
{
    QCOMPARE(ProtocolVersion::latest(), QStringLiteral("2025-11-25"));
    QCOMPARE(ProtocolVersion::supported().first(), ProtocolVersion::latest());
    QCOMPARE(ProtocolVersion::supported().size(), 4);
    for (const char* v : {"2099-01-01", "2024-10-07", "", "latest", "2026-07-28"})
        QCOMPARE(ProtocolVersion::negotiate(QString::fromLatin1(v)), QStringLiteral("2025-11-25"));
    QCOMPARE(ProtocolVersion::httpDefault(), QStringLiteral("2025-03-26"));
}

void TestJsonRpc::featureChecksByVersion()
{
    QVERIFY(!ProtocolVersion::hasStructuredOutput(ProtocolVersion::v2024_11_05));
    QVERIFY(!ProtocolVersion::hasStructuredOutput(ProtocolVersion::v2025_03_26));
    QVERIFY(ProtocolVersion::hasStructuredOutput(ProtocolVersion::v2025_06_18));
    QVERIFY(ProtocolVersion::hasStructuredOutput(ProtocolVersion::v2025_11_25));
    QVERIFY(!ProtocolVersion::hasToolAnnotations(ProtocolVersion::v2024_11_05));
    QVERIFY(ProtocolVersion::hasToolAnnotations(ProtocolVersion::v2025_03_26));
}

void TestJsonRpc::logLevels()
{
    const QStringList names {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("notice"),
        QStringLiteral("warning"), QStringLiteral("error"), QStringLiteral("critical"),
        QStringLiteral("alert"), QStringLiteral("emergency")};
    for (int i = 0; i < names.size(); ++i) {
        const auto level = LogLevels::parse(names.at(i));
        QVERIFY(level);
        QCOMPARE(int(*level), i);
        QCOMPARE(LogLevels::name(*level), names.at(i));
    }
    QVERIFY(LogLevel::Debug < LogLevel::Emergency);
    QVERIFY(!LogLevels::parse(QStringLiteral("warn")));
    QVERIFY(!LogLevels::parse(QStringLiteral("INFO")));
    QVERIFY(!LogLevels::parse(QString()));
    QCOMPARE(LogLevels::allNames(), names.join(QLatin1String(", ")));
}

void TestJsonRpc::paginationRoundTrip()
{
    for (int offset : {0, 1, 2, 99, 100, 123456}) {
        const QString cursor = Pagination::encode(offset);
        QVERIFY(!cursor.contains(QLatin1Char('=')));
        QVERIFY(!cursor.contains(QString::number(offset)) || offset < 10); // opaque, not the bare number
        const auto back = Pagination::decode(cursor);
        QVERIFY(back);
        QCOMPARE(*back, offset);
    }
}

void TestJsonRpc::paginationRejectsForgedCursors_data()
{
    QTest::addColumn<QString>("cursor");
    QTest::newRow("empty") << QString();
    QTest::newRow("plain number") << QStringLiteral("10");
    QTest::newRow("not base64") << QStringLiteral("***");
    QTest::newRow("other prefix") << QString::fromLatin1(
        QByteArray("x:3").toBase64(QByteArray::Base64UrlEncoding));
    QTest::newRow("negative") << QString::fromLatin1(
        QByteArray("o:-1").toBase64(QByteArray::Base64UrlEncoding));
    QTest::newRow("not a number") << QString::fromLatin1(
        QByteArray("o:abc").toBase64(QByteArray::Base64UrlEncoding));
}

void TestJsonRpc::paginationRejectsForgedCursors()
{
    QFETCH(QString, cursor);
    QVERIFY(!Pagination::decode(cursor));
}

void TestJsonRpc::uriTemplateMatch()
{
    const UriTemplate t(QStringLiteral("payment://invoice/{id}"));
    QVERIFY(t.isValid());
    QCOMPARE(t.variables(), QStringList {QStringLiteral("id")});
    const auto m = t.match(QStringLiteral("payment://invoice/inv_42"));
    QVERIFY(m);
    QCOMPARE(m->value(QStringLiteral("id")), QStringLiteral("inv_42"));

    const UriTemplate two(QStringLiteral("market://{exchange}/ticker/{symbol}"));
    QCOMPARE(two.variables(), (QStringList {QStringLiteral("exchange"), QStringLiteral("symbol")}));
    const auto m2 = two.match(QStringLiteral("market://binance/ticker/BTCUSDT"));
    QVERIFY(m2);
    QCOMPARE(m2->value(QStringLiteral("exchange")), QStringLiteral("binance"));
    QCOMPARE(m2->value(QStringLiteral("symbol")), QStringLiteral("BTCUSDT"));

    // Literal parts are literal, not regular expression syntax.
    const UriTemplate dots(QStringLiteral("test://a.b/{x}"));
    QVERIFY(dots.match(QStringLiteral("test://a.b/1")));
    QVERIFY(!dots.match(QStringLiteral("test://aXb/1")));
}

void TestJsonRpc::uriTemplateRejects_data()
{
    QTest::addColumn<QString>("uri");
    QTest::newRow("empty variable") << QStringLiteral("payment://invoice/");
    QTest::newRow("extra segment") << QStringLiteral("payment://invoice/a/b");
    QTest::newRow("query") << QStringLiteral("payment://invoice/a?x=1");
    QTest::newRow("fragment") << QStringLiteral("payment://invoice/a#f");
    QTest::newRow("other scheme") << QStringLiteral("http://invoice/a");
    QTest::newRow("prefix only") << QStringLiteral("payment://invoice");
    QTest::newRow("trailing junk") << QStringLiteral("xpayment://invoice/a");
}

void TestJsonRpc::uriTemplateRejects()
{
    QFETCH(QString, uri);
    const UriTemplate t(QStringLiteral("payment://invoice/{id}"));
    QVERIFY2(!t.match(uri), qPrintable(uri));
}

void TestJsonRpc::uriTemplateExpandEncodes()
{
    const UriTemplate t(QStringLiteral("market://{exchange}/ticker/{symbol}"));
    QCOMPARE(t.expand({{QStringLiteral("exchange"), QStringLiteral("binance")},
                 {QStringLiteral("symbol"), QStringLiteral("BTC/USDT")}}),
        QStringLiteral("market://binance/ticker/BTC%2FUSDT"));
    // Expanding then matching gives the values back.
    const QString uri = t.expand({{QStringLiteral("exchange"), QStringLiteral("a b")},
        {QStringLiteral("symbol"), QStringLiteral("x?y")}});
    const auto m = t.match(uri);
    QVERIFY2(m, qPrintable(uri));
    QCOMPARE(m->value(QStringLiteral("exchange")), QStringLiteral("a b"));
    QCOMPARE(m->value(QStringLiteral("symbol")), QStringLiteral("x?y"));
}

void TestJsonRpc::uriTemplateDecodesOnMatch()
{
    const UriTemplate t(QStringLiteral("test://template/{id}/data"));
    const auto m = t.match(QStringLiteral("test://template/a%20b/data"));
    QVERIFY(m);
    QCOMPARE(m->value(QStringLiteral("id")), QStringLiteral("a b"));
}

void TestJsonRpc::uriTemplateInvalid()
{
    QVERIFY(!UriTemplate(QStringLiteral("x://{unclosed")).isValid());
    QVERIFY(!UriTemplate().isValid());
    QVERIFY(!UriTemplate(QStringLiteral("x://{unclosed")).match(QStringLiteral("x://{unclosed")));
}

QTEST_GUILESS_MAIN(TestJsonRpc)
#include "tst_jsonrpc.moc"
