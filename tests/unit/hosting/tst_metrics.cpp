#include "metricsparser.h"

#include "runtime/metrics.h"
#include "runtime/prometheustext.h"

#include <QTest>

// The Prometheus text behind GET /metrics: escaping, histogram buckets, and that every line parses.
class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escaping();
    void values();
    void emptyRegistryParses();
    void countersAndHistogram();
    void collectorsAddFamilies();
    void parserRejectsBrokenLines_data();
    void parserRejectsBrokenLines();
};

void TestMetrics::escaping()
{
    QCOMPARE(
        PrometheusText::escapeLabelValue(QStringLiteral("a\"b\\c\nd")), QStringLiteral("a\\\"b\\\\c\\nd"));
    QCOMPARE(PrometheusText::escapeHelp(QStringLiteral("x\\y\nz \"q\"")), QStringLiteral("x\\\\y\\nz \"q\""));

    PrometheusText out;
    out.family(QStringLiteral("t_total"), "counter", QStringLiteral("Help with a \\ and\na newline."));
    out.sample(
        QStringLiteral("t_total"), {{QStringLiteral("path"), QStringLiteral("/a\"b\\c\nd")}}, qint64(3));
    const ParsedMetrics parsed = parseMetrics(out.text());
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.samples.size(), 1);
    QCOMPARE(parsed.samples.first().labels.value(QStringLiteral("path")), QStringLiteral("/a\"b\\c\nd"));
    QCOMPARE(parsed.types.value(QStringLiteral("t_total")), QStringLiteral("counter"));
    QCOMPARE(out.text().count('\n'), 3); // the newlines in help and label stayed escaped
}

void TestMetrics::values()
{
    QCOMPARE(PrometheusText::formatValue(0.005), QStringLiteral("0.005"));
    QCOMPARE(PrometheusText::formatValue(10), QStringLiteral("10"));
    QCOMPARE(PrometheusText::formatValue(2.5), QStringLiteral("2.5"));
    QCOMPARE(PrometheusText::formatValue(qInf()), QStringLiteral("+Inf"));
    QCOMPARE(PrometheusText::formatValue(qQNaN()), QStringLiteral("NaN"));
}

void TestMetrics::emptyRegistryParses()
{
    Metrics metrics(QStringLiteral("1.2.3"));
    const ParsedMetrics parsed = parseMetrics(metrics.render());
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.value(QStringLiteral("finagent_build_info"),
                 {{QStringLiteral("version"), QStringLiteral("1.2.3")}}),
        1.0);
    QCOMPARE(parsed.types.value(QStringLiteral("finagent_tool_call_duration_seconds")),
        QStringLiteral("histogram"));
    QCOMPARE(parsed.types.value(QStringLiteral("finagent_http_requests_total")), QStringLiteral("counter"));
}

void TestMetrics::countersAndHistogram()
{
    Metrics metrics(QStringLiteral("1.0"));
    metrics.countHttpRequest("POST", QStringLiteral("/mcp"), 200);
    metrics.countHttpRequest("POST", QStringLiteral("/mcp"), 200);
    metrics.countHttpRequest("GET", QString(), 404);
    metrics.countToolCall(QStringLiteral("get_price"), QStringLiteral("ok"), 30);
    metrics.countToolCall(QStringLiteral("get_price"), QStringLiteral("ok"), 3);
    metrics.countToolCall(QStringLiteral("get_price"), QStringLiteral("error"), 20000);
    metrics.countUpstreamRequest(QStringLiteral("binance"), QStringLiteral("ticker/price"), 200);
    metrics.countUpstreamRequest(QStringLiteral("binance"), QStringLiteral("ticker/price"), 0);

    const ParsedMetrics p = parseMetrics(metrics.render());
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QCOMPARE(p.value(QStringLiteral("finagent_http_requests_total"),
                 {{QStringLiteral("method"), QStringLiteral("POST")},
                     {QStringLiteral("path"), QStringLiteral("/mcp")},
                     {QStringLiteral("status"), QStringLiteral("200")}}),
        2.0);
    // A path no route matched is one label value, whatever the client asked for.
    QCOMPARE(p.value(QStringLiteral("finagent_http_requests_total"),
                 {{QStringLiteral("path"), QStringLiteral("other")}}),
        1.0);
    QCOMPARE(p.value(QStringLiteral("finagent_tool_calls_total"),
                 {{QStringLiteral("tool"), QStringLiteral("get_price")},
                     {QStringLiteral("outcome"), QStringLiteral("ok")}}),
        2.0);
    const QString bucket = QStringLiteral("finagent_tool_call_duration_seconds_bucket");
    const auto le = [&p, &bucket](const char* bound) {
        return p.value(bucket,
            {{QStringLiteral("tool"), QStringLiteral("get_price")},
                {QStringLiteral("le"), QString::fromLatin1(bound)}});
    };
    QCOMPARE(le("0.005"), 1.0);
    QCOMPARE(le("0.025"), 1.0);
    QCOMPARE(le("0.05"), 2.0);
    QCOMPARE(le("10"), 2.0);
    QCOMPARE(le("+Inf"), 3.0);
    QCOMPARE(p.count(bucket), 12); // 11 bounds and +Inf
    QCOMPARE(p.value(QStringLiteral("finagent_tool_call_duration_seconds_count"),
                 {{QStringLiteral("tool"), QStringLiteral("get_price")}}),
        3.0);
    QCOMPARE(p.value(QStringLiteral("finagent_tool_call_duration_seconds_sum"),
                 {{QStringLiteral("tool"), QStringLiteral("get_price")}}),
        20.033);
    QCOMPARE(p.value(QStringLiteral("finagent_upstream_requests_total"),
                 {{QStringLiteral("status"), QStringLiteral("0")}}),
        1.0);
}

void TestMetrics::collectorsAddFamilies()
{
    Metrics metrics(QStringLiteral("1.0"));
    int open = 4;
    metrics.addCollector([&open](PrometheusText& out) {
        out.family(QStringLiteral("finagent_sessions_open"), "gauge", QStringLiteral("Open sessions."));
        out.sample(QStringLiteral("finagent_sessions_open"), {}, qint64(open));
    });
    QCOMPARE(parseMetrics(metrics.render()).value(QStringLiteral("finagent_sessions_open")), 4.0);
    open = 2;
    QCOMPARE(parseMetrics(metrics.render()).value(QStringLiteral("finagent_sessions_open")), 2.0);
}

void TestMetrics::parserRejectsBrokenLines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("no value") << QByteArray("a_total{x=\"1\"}\n");
    QTest::newRow("unquoted label") << QByteArray("a_total{x=1} 2\n");
    QTest::newRow("raw newline in label") << QByteArray("a_total{x=\"1\n\"} 2\n");
    QTest::newRow("bad escape") << QByteArray("a_total{x=\"\\q\"} 2\n");
    QTest::newRow("stray comment") << QByteArray("# hello\n");
    QTest::newRow("no final newline") << QByteArray("a_total 2");
}

void TestMetrics::parserRejectsBrokenLines()
{
    QFETCH(QByteArray, text);
    QVERIFY(!parseMetrics(text).error.isEmpty());
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
