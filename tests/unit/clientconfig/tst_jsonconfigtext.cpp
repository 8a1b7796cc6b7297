// JsonConfigText: entries change in place, every other byte of the file stays as it was.
#include "config/jsonconfigtext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace
{

const QStringList kOrder {QStringLiteral("type"), QStringLiteral("command"), QStringLiteral("args"),
    QStringLiteral("url"), QStringLiteral("headers")};

QJsonObject entry()
{
    return QJsonObject {{QStringLiteral("command"), QStringLiteral("/opt/finagent/bin/finagent")},
        {QStringLiteral("args"), QJsonArray {QStringLiteral("stdio")}}};
}

JsonConfigText parsed(const QByteArray& text, JsonConfigText::Dialect dialect = JsonConfigText::Dialect::Json)
{
    const Result<JsonConfigText> doc = JsonConfigText::parse(text, dialect);
    if (!doc.ok())
        qWarning("parse failed: %s", qPrintable(doc.error().message));
    return doc.ok() ? doc.value() : JsonConfigText();
}

QByteArray with(const QByteArray& text, JsonConfigText::Dialect dialect = JsonConfigText::Dialect::Json)
{
    const Result<QByteArray> out =
        parsed(text, dialect)
            .withEntry(QStringLiteral("mcpServers"), QStringLiteral("finagent"), entry(), kOrder);
    if (!out.ok())
        qWarning("edit failed: %s", qPrintable(out.error().message));
    return out.ok() ? out.value() : QByteArray();
}

QByteArray without(const QByteArray& text, JsonConfigText::Dialect dialect = JsonConfigText::Dialect::Json)
{
    const Result<QByteArray> out =
        parsed(text, dialect).withoutEntry(QStringLiteral("mcpServers"), QStringLiteral("finagent"));
    return out.ok() ? out.value() : QByteArray("<failed>");
}

} // namespace

class TstJsonConfigText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addsToExistingSectionInItsStyle();
    void addsSectionWhenMissing();
    void blankAndEmptyDocuments();
    void replacesOnlyTheEntryValue();
    void keepsCrLfTabsAndBom();
    void compactSingleLineFile();
    void jsoncKeepsCommentsAndTrailingCommas();
    void commentsRefusedInPlainJson();
    void invalidJsonNamesLineAndColumn();
    void refusesWhatItCannotEditSafely();
    void removal_data();
    void removal();
    void roundTripRestoresExactBytes_data();
    void roundTripRestoresExactBytes();
};

void TstJsonConfigText::addsToExistingSectionInItsStyle()
{
    const QByteArray before = "{\n"
                              "    \"zebra\": true,\n"
                              "    \"mcpServers\": {\n"
                              "        \"github\": {\"command\": \"npx\"}\n"
                              "    },\n"
                              "    \"alpha\": [1, 2]\n"
                              "}\n";
    const QByteArray expected = "{\n"
                                "    \"zebra\": true,\n"
                                "    \"mcpServers\": {\n"
                                "        \"github\": {\"command\": \"npx\"},\n"
                                "        \"finagent\": {\n"
                                "            \"command\": \"/opt/finagent/bin/finagent\",\n"
                                "            \"args\": [\n"
                                "                \"stdio\"\n"
                                "            ]\n"
                                "        }\n"
                                "    },\n"
                                "    \"alpha\": [1, 2]\n"
                                "}\n";
    QCOMPARE(with(before), expected);
}

void TstJsonConfigText::addsSectionWhenMissing()
{
    const QByteArray before = "{\n  \"theme\": \"dark\",\n  \"numbers\": [1.50, 2e3]\n}";
    const QByteArray expected = "{\n  \"theme\": \"dark\",\n  \"numbers\": [1.50, 2e3],\n"
                                "  \"mcpServers\": {\n    \"finagent\": {\n"
                                "      \"command\": \"/opt/finagent/bin/finagent\",\n"
                                "      \"args\": [\n        \"stdio\"\n      ]\n    }\n  }\n}";
    QCOMPARE(with(before), expected);
}

void TstJsonConfigText::blankAndEmptyDocuments()
{
    const QByteArray fresh = "{\n  \"mcpServers\": {\n    \"finagent\": {\n"
                             "      \"command\": \"/opt/finagent/bin/finagent\",\n"
                             "      \"args\": [\n        \"stdio\"\n      ]\n    }\n  }\n}\n";
    QCOMPARE(with(QByteArray()), fresh);
    QCOMPARE(with("  \n"), fresh);
    QCOMPARE(with("{}"), fresh.chopped(1));
    QCOMPARE(with("{\"mcpServers\": {}}"),
        QByteArray("{\"mcpServers\": {\n  \"finagent\": {\n"
                   "    \"command\": \"/opt/finagent/bin/finagent\",\n"
                   "    \"args\": [\n      \"stdio\"\n    ]\n  }\n}}"));
}

void TstJsonConfigText::replacesOnlyTheEntryValue()
{
    const QByteArray before = "{\n  \"mcpServers\": {\n    \"a\": 1,\n"
                              "    \"finagent\": {\"url\": \"http://127.0.0.1:1/mcp\"},\n"
                              "    \"b\": 2\n  }\n}\n";
    const QByteArray expected = "{\n  \"mcpServers\": {\n    \"a\": 1,\n"
                                "    \"finagent\": {\n      \"command\": \"/opt/finagent/bin/finagent\",\n"
                                "      \"args\": [\n        \"stdio\"\n      ]\n    },\n"
                                "    \"b\": 2\n  }\n}\n";
    QCOMPARE(with(before), expected);
}

void TstJsonConfigText::keepsCrLfTabsAndBom()
{
    const QByteArray before = "\xEF\xBB\xBF{\r\n\t\"mcpServers\": {\r\n\t\t\"x\": {}\r\n\t}\r\n}\r\n";
    const QByteArray after = with(before);
    QVERIFY(
        after.startsWith("\xEF\xBB\xBF{\r\n\t\"mcpServers\": {\r\n\t\t\"x\": {},\r\n\t\t\"finagent\": {\r\n"
                         "\t\t\t\"command\""));
    QCOMPARE(after.count("\r\n"), after.count('\n'));
    QVERIFY(!after.contains("  "));
}

void TstJsonConfigText::compactSingleLineFile()
{
    QCOMPARE(with("{\"mcpServers\":{\"x\":{\"command\":\"y\"}},\"k\":1}"),
        QByteArray("{\"mcpServers\":{\"x\":{\"command\":\"y\"}, \"finagent\": {\"command\": "
                   "\"/opt/finagent/bin/finagent\", \"args\": [\"stdio\"]}},\"k\":1}"));
    QCOMPARE(without("{\"mcpServers\":{\"x\":1, \"finagent\": {\"a\": 1}},\"k\":1}"),
        QByteArray("{\"mcpServers\":{\"x\":1},\"k\":1}"));
    QCOMPARE(without("{\"mcpServers\":{\"finagent\": {\"a\": 1}, \"x\":1},\"k\":1}"),
        QByteArray("{\"mcpServers\":{\"x\":1},\"k\":1}"));
}

void TstJsonConfigText::jsoncKeepsCommentsAndTrailingCommas()
{
    const auto jsonc = JsonConfigText::Dialect::Jsonc;
    const QByteArray before = "// Servers for this profile\n"
                              "{\n"
                              "  /* the inputs */\n"
                              "  \"inputs\": [],\n"
                              "  \"mcpServers\": {\n"
                              "    \"x\": {\"url\": \"https://a.example/mcp\"}, // keep me\n"
                              "  },\n"
                              "}\n";
    const Result<JsonConfigText> doc = JsonConfigText::parse(before, jsonc);
    QVERIFY2(doc.ok(), qPrintable(doc.error().message));
    QCOMPARE(doc->object().value(QStringLiteral("mcpServers")).toObject().size(), 1);
    const QByteArray after = with(before, jsonc);
    QVERIFY(after.startsWith("// Servers for this profile\n{\n  /* the inputs */\n  \"inputs\": [],\n"));
    QVERIFY(after.contains("\"x\": {\"url\": \"https://a.example/mcp\"}, // keep me\n    \"finagent\": {"));
    QVERIFY(after.contains("    },\n  },\n}\n")); // the file's trailing-comma style is kept
    // Removing restores the original text.
    QCOMPARE(without(after, jsonc), before);
}

void TstJsonConfigText::commentsRefusedInPlainJson()
{
    const Result<JsonConfigText> doc = JsonConfigText::parse(
        "{\n  \"a\": 1, // note\n  \"b\": \"http://x\"\n}", JsonConfigText::Dialect::Json);
    QVERIFY(!doc.ok());
    QCOMPARE(doc.error().code, QStringLiteral("json_comment"));
    QCOMPARE(doc.error().details.value(QStringLiteral("line")).toInt(), 2);
    QCOMPARE(doc.error().details.value(QStringLiteral("column")).toInt(), 11);
    // "//" inside a string is not a comment.
    QVERIFY(JsonConfigText::parse("{\"u\": \"http://x//y\"}", JsonConfigText::Dialect::Json).ok());
}

void TstJsonConfigText::invalidJsonNamesLineAndColumn()
{
    const Result<JsonConfigText> doc =
        JsonConfigText::parse("{\n  \"mcpServers\": {\n    \"a\": ,\n  }\n}", JsonConfigText::Dialect::Json);
    QVERIFY(!doc.ok());
    QCOMPARE(doc.error().code, QStringLiteral("json_invalid"));
    QCOMPARE(doc.error().details.value(QStringLiteral("line")).toInt(), 3);
    QVERIFY(!doc.error().details.value(QStringLiteral("reason")).toString().isEmpty());

    QCOMPARE(JsonConfigText::parse("[1, 2]", JsonConfigText::Dialect::Json).error().code,
        QStringLiteral("json_not_object"));
    QCOMPARE(JsonConfigText::parse("{\"a\": 1} /* open", JsonConfigText::Dialect::Jsonc).error().code,
        QStringLiteral("json_invalid"));
    // Trailing commas are JSONC only.
    QCOMPARE(JsonConfigText::parse("{\"a\": 1,}", JsonConfigText::Dialect::Json).error().code,
        QStringLiteral("json_invalid"));
    QVERIFY(JsonConfigText::parse("{\"a\": 1,}", JsonConfigText::Dialect::Jsonc).ok());
}

void TstJsonConfigText::refusesWhatItCannotEditSafely()
{
    const JsonConfigText dupSection = parsed("{\"mcpServers\": {}, \"mcpServers\": {}}");
    QCOMPARE(dupSection.withEntry(QStringLiteral("mcpServers"), QStringLiteral("finagent"), entry(), kOrder)
                 .error()
                 .code,
        QStringLiteral("json_duplicate_key"));
    const JsonConfigText dupEntry = parsed("{\"mcpServers\": {\"finagent\": 1, \"finagent\": 2}}");
    QCOMPARE(dupEntry.withEntry(QStringLiteral("mcpServers"), QStringLiteral("finagent"), entry(), kOrder)
                 .error()
                 .code,
        QStringLiteral("json_duplicate_key"));
    const JsonConfigText notObject = parsed("{\"mcpServers\": [\"finagent\"]}");
    const Result<QByteArray> edited =
        notObject.withEntry(QStringLiteral("mcpServers"), QStringLiteral("finagent"), entry(), kOrder);
    QCOMPARE(edited.error().code, QStringLiteral("json_section_type"));
    QCOMPARE(edited.error().details.value(QStringLiteral("key")).toString(), QStringLiteral("mcpServers"));
}

void TstJsonConfigText::removal_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::newRow("first") << QByteArray(
        "{\n  \"mcpServers\": {\n    \"finagent\": {\n      \"a\": 1\n    },\n"
        "    \"x\": 2\n  }\n}\n")
                           << QByteArray("{\n  \"mcpServers\": {\n    \"x\": 2\n  }\n}\n");
    QTest::newRow("middle") << QByteArray(
        "{\n  \"mcpServers\": {\n    \"w\": 1,\n    \"finagent\": {\"a\": 1},\n"
        "    \"x\": 2\n  }\n}\n")
                            << QByteArray("{\n  \"mcpServers\": {\n    \"w\": 1,\n    \"x\": 2\n  }\n}\n");
    QTest::newRow("last") << QByteArray(
        "{\n  \"mcpServers\": {\n    \"w\": 1,\n    \"finagent\": {\"a\": 1}\n  },\n"
        "  \"k\": 0\n}\n") << QByteArray("{\n  \"mcpServers\": {\n    \"w\": 1\n  },\n  \"k\": 0\n}\n");
    QTest::newRow("only") << QByteArray("{\n  \"mcpServers\": {\n    \"finagent\": {\"a\": 1}\n  }\n}\n")
                          << QByteArray("{\n  \"mcpServers\": {\n  }\n}\n");
    QTest::newRow("absent") << QByteArray("{\"mcpServers\": {\"x\": 1}}")
                            << QByteArray("{\"mcpServers\": {\"x\": 1}}");
    QTest::newRow("no section") << QByteArray("{\"k\": 1}") << QByteArray("{\"k\": 1}");
}

void TstJsonConfigText::removal()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QCOMPARE(without(before), after);
}

void TstJsonConfigText::roundTripRestoresExactBytes_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("two spaces") << QByteArray(
        "{\n  \"a\": {\"b\": [1, 2]},\n  \"mcpServers\": {\n    \"x\": {}\n  },\n"
        "  \"z\": null\n}\n");
    QTest::newRow("four spaces") << QByteArray(
        "{\n    \"mcpServers\": {\n        \"x\": 1,\n        \"y\": 2\n    }\n}");
    QTest::newRow("tabs crlf") << QByteArray("{\r\n\t\"mcpServers\": {\r\n\t\t\"x\": 1\r\n\t}\r\n}\r\n");
    QTest::newRow("compact") << QByteArray("{\"k\":true,\"mcpServers\":{\"x\":1}}");
    QTest::newRow("unicode") << QByteArray(
        "{\n  \"名前\": \"値 \\u00e9\",\n  \"mcpServers\": {\n    \"x\": 1\n  }\n}\n");
}

void TstJsonConfigText::roundTripRestoresExactBytes()
{
    QFETCH(QByteArray, text);
    const QByteArray added = with(text);
    QVERIFY(!added.isEmpty());
    QVERIFY(added != text);
    QCOMPARE(without(added), text);
}

QTEST_GUILESS_MAIN(TstJsonConfigText)
#include "tst_jsonconfigtext.moc"
