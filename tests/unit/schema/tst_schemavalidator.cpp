#include "protocol/schemavalidator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

namespace
{

// Parses any JSON value, scalars included.
QJsonValue json(const QByteArray& text)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        qFatal("bad JSON in test data: %s (%s)", text.constData(), qPrintable(error.errorString()));
    return doc.array().at(0);
}

QJsonObject schemaOf(const QByteArray& text)
{
    const QJsonValue v = json(text);
    if (!v.isObject())
        qFatal("schema in test data is not an object: %s", text.constData());
    return v.toObject();
}

QString dump(const QList<SchemaViolation>& violations)
{
    QStringList lines;
    for (const SchemaViolation& v : violations)
        lines << QLatin1Char('[') % v.path % QLatin1String("] ") % v.message;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestSchemaValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
    void orderIsStable();
    void enumWithWrongTypeGivesOneMessage();
    void misspeltPropertyGetsASuggestion();
    void changedSchemaIsNotServedFromCache();
    void invalidPatternIsReported();
    void longValuesAreTruncated();
    void applyDefaults_data();
    void applyDefaults();
    void describe();
    void checkSchema_data();
    void checkSchema();
    void concurrentValidation();
    void validatesQuickly();
};

// Rows: schema, instance, number of violations, path of the first violation, and fragments that
// must all appear in the first violation's message.
void TestSchemaValidator::validate_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("instance");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("fragments");

    const auto ok = [](const char* name, const char* schema, const char* instance) {
        QTest::newRow(name) << QByteArray(schema) << QByteArray(instance) << 0 << QString() << QStringList();
    };
    const auto bad = [](const char* name, const char* schema, const char* instance, const char* path,
                         const QStringList& fragments, int count = 1) {
        QTest::newRow(name) << QByteArray(schema) << QByteArray(instance) << count << QString::fromUtf8(path)
                            << fragments;
    };
    const auto L = [](const char* s) {
        return QString::fromUtf8(s);
    };

    // type
    ok("integer: 3", R"({"type":"integer"})", "3");
    ok("integer: 3.0 counts", R"({"type":"integer"})", "3.0");
    ok("integer: -0", R"({"type":"integer"})", "-0");
    bad("integer: 3.5", R"({"type":"integer"})", "3.5", "", {L("value: expected an integer"), L("got 3.5")});
    bad("integer: string", R"({"type":"integer"})", R"("3")", "",
        {L("expected an integer"), L(R"(got "3")")});
    ok("number: 3.5", R"({"type":"number"})", "3.5");
    ok("number: 3", R"({"type":"number"})", "3");
    bad("number: true", R"({"type":"number"})", "true", "", {L("expected a number"), L("got true")});
    ok("string", R"({"type":"string"})", R"("BTC")");
    bad("string: 42", R"({"type":"string"})", "42", "", {L("expected a string"), L("got 42")});
    ok("boolean", R"({"type":"boolean"})", "false");
    bad("boolean: \"true\"", R"({"type":"boolean"})", R"("true")", "",
        {L("expected a boolean"), L(R"(got "true")")});
    ok("null", R"({"type":"null"})", "null");
    bad("null: 0", R"({"type":"null"})", "0", "", {L("expected null"), L("got 0")});
    ok("object", R"({"type":"object"})", "{}");
    bad("object: array", R"({"type":"object"})", "[1,2]", "", {L("expected an object"), L("got [1,2]")});
    ok("array", R"({"type":"array"})", "[]");
    bad("array: object", R"({"type":"array"})", R"({"a":1})", "",
        {L("expected an array"), L(R"(got {"a":1})")});
    ok("type array: string", R"({"type":["string","null"]})", R"("x")");
    ok("type array: null", R"({"type":["string","null"]})", "null");
    bad("type array: number", R"({"type":["string","null"]})", "5", "",
        {L("expected a string or null"), L("got 5")});
    bad("type with bounds in expectation", R"({"type":"integer","minimum":1,"maximum":1000})", R"("50")", "",
        {L("expected an integer between 1 and 1000"), L(R"(got "50")")});

    // enum and const
    const char* intervals = R"({"type":"string","enum":["1m","5m","1h","1d"]})";
    ok("enum: member", intervals, R"("1h")");
    bad("enum: not a member", intervals, R"("2x")", "",
        {L(R"(value: must be one of 1m, 5m, 1h, 1d; got "2x")")});
    bad("enum: wrong case suggests", intervals, R"("1H")", "",
        {L("must be one of 1m, 5m, 1h, 1d"), L(R"(did you mean "1h"?)")});
    const char* mixed = R"({"enum":[1,"a",null,true]})";
    ok("mixed enum: 1", mixed, "1");
    ok("mixed enum: 1.0 equals 1", mixed, "1.0");
    ok("mixed enum: a", mixed, R"("a")");
    ok("mixed enum: null", mixed, "null");
    ok("mixed enum: true", mixed, "true");
    bad("mixed enum: \"1\" is not 1", mixed, R"("1")", "",
        {L(R"(must be one of 1, "a", null, true; got "1")")});
    bad("mixed enum: false", mixed, "false", "", {L("must be one of"), L("got false")});
    ok("enum of objects ignores key order", R"({"enum":[{"a":1,"b":[1,2]}]})", R"({"b":[1,2.0],"a":1})");
    ok("const string", R"({"const":"TRC20"})", R"("TRC20")");
    bad("const string mismatch", R"({"const":"TRC20"})", R"("ERC20")", "",
        {L(R"(must be exactly "TRC20"; got "ERC20")")});
    ok("const 0 accepts 0.0", R"({"const":0})", "0.0");
    bad("const null rejects 0", R"({"const":null})", "0", "", {L("must be exactly null; got 0")});
    ok("const object", R"({"const":{"x":[1]}})", R"({"x":[1]})");
    bad("const object mismatch", R"({"const":{"x":[1]}})", R"({"x":[2]})", "",
        {L(R"(must be exactly {"x":[1]})")});

    // numeric bounds
    bad("minimum", R"({"type":"number","minimum":1})", "0", "", {L("must be at least 1, got 0")});
    ok("minimum inclusive", R"({"type":"number","minimum":1})", "1");
    bad("maximum", R"({"type":"number","maximum":10})", "10.5", "", {L("must be at most 10, got 10.5")});
    ok("maximum inclusive", R"({"type":"number","maximum":10})", "10");
    bad("exclusiveMinimum", R"({"type":"number","exclusiveMinimum":0})", "0", "",
        {L("must be greater than 0, got 0")});
    ok("exclusiveMinimum above", R"({"type":"number","exclusiveMinimum":0})", "0.001");
    bad("exclusiveMaximum", R"({"type":"number","exclusiveMaximum":100})", "100", "",
        {L("must be less than 100, got 100")});
    ok("exclusiveMaximum below", R"({"type":"number","exclusiveMaximum":100})", "99.99");
    bad("minimum and maximum", R"({"type":"integer","minimum":1,"maximum":1000})", "5000", "",
        {L("must be between 1 and 1000, got 5000")});
    bad("large bounds print as integers", R"({"type":"integer","maximum":1000000})", "2000000", "",
        {L("must be at most 1000000, got 2000000")});

    // string length in code points
    bad("minLength empty", R"({"type":"string","minLength":1})", R"("")", "",
        {L(R"(value: expected a string of at least 1 character, got "")")});
    ok("maxLength: three emoji are three characters", R"({"type":"string","maxLength":3})", R"("😀😀😀")");
    bad("maxLength: four emoji", R"({"type":"string","maxLength":3})", R"("😀😀😀😀")", "",
        {L("expected a string of at most 3 characters"), L("(4 characters)")});
    bad("minLength: one emoji is one character", R"({"type":"string","minLength":2})", R"("😀")", "",
        {L("at least 2 characters"), L("(1 character)")});
    ok("CJK within maxLength", R"({"type":"string","maxLength":3})", R"("比特币")");
    bad("CJK below minLength", R"({"type":"string","minLength":4})", R"("比特币")", "",
        {L("at least 4 characters"), L(R"(got "比特币" (3 characters))")});
    bad("length range", R"({"type":"string","minLength":3,"maxLength":10})", R"("ab")", "",
        {L("expected a string of 3 to 10 characters")});

    // pattern
    const char* upper = R"({"type":"string","pattern":"^[A-Z0-9]+$"})";
    ok("pattern match", upper, R"("BTCUSDT")");
    bad("pattern mismatch", upper, R"("btc")", "", {L(R"(must match the pattern ^[A-Z0-9]+$, got "btc")")});
    ok("pattern is a search, not anchored", R"({"pattern":"USDT"})", R"("BTCUSDT")");
    bad("pattern with example", R"({"type":"string","pattern":"^[A-Z]+$","examples":["BTC"]})", R"("b-c")",
        "", {L(R"(^[A-Z]+$ (for example "BTC"))")});
    bad("pattern $ is the very end, as in ECMA-262", upper, R"("BTC\n")", "", {L("must match the pattern")});
    ok("pattern \\u escape", R"({"pattern":"^\\u00e9$"})", R"("é")");
    ok("pattern $ inside a class is literal", R"({"pattern":"^[$]+$"})", R"("$$")");
    ok("pattern ignores non-strings", R"({"pattern":"^[a-z]+$"})", "5");
    ok("pattern with unicode class", R"({"pattern":"^\\p{L}+$"})", R"("比特币")");

    // objects: nested paths, required, additionalProperties
    const char* payer = R"({"type":"object","properties":{"payer":{"type":"object",
        "properties":{"name":{"type":"string"},"email":{"type":"string"}},"required":["name"]}}})";
    bad("nested property path", payer, R"({"payer":{"name":5}})", "/payer/name",
        {L("payer.name: expected a string, got 5")});
    bad("nested required", payer, R"({"payer":{}})", "/payer/name",
        {L(R"(missing required property "payer.name" (expected a string))")});
    const char* lines = R"({"type":"object","properties":{"items":{"type":"array","items":{"type":"object",
        "properties":{"amount":{"type":"string"}}}}}})";
    bad("array item path", lines, R"({"items":[{"amount":"1"},{"amount":"2"},{"amount":3}]})",
        "/items/2/amount", {L("items[2].amount: expected a string, got 3")});
    const char* payment = R"({"type":"object","properties":{"amount":{"type":"string","description":"Amount"},
        "network":{"enum":["TRC20","ERC20"]},"description":{"type":"string"}},"required":["amount"],
        "additionalProperties":false})";
    ok("closed object", payment, R"({"amount":"10.50","network":"TRC20"})");
    bad("required missing", payment, R"({"network":"TRC20"})", "/amount",
        {L(R"(missing required property "amount" (expected a string))")});
    bad("unexpected property lists allowed names", payment, R"({"amount":"1","amout":"2"})", "/amout",
        {L(R"(unexpected property "amout" (allowed: amount, description, network))")});
    bad("typo suggests the missing name", payment, R"({"amout":"2"})", "/amount",
        {L(R"(missing required property "amount")")}, 2);
    bad("required not declared", R"({"type":"object","required":["symbol"]})", "{}", "/symbol",
        {L(R"(missing required property "symbol")")});
    bad("additionalProperties schema", R"({"type":"object","additionalProperties":{"type":"integer"}})",
        R"({"x":"a"})", "/x", {L(R"(x: expected an integer, got "a")")});
    ok("additionalProperties absent allows extras", R"({"properties":{"a":{}}})", R"({"b":1})");
    ok("additionalProperties true allows extras", R"({"additionalProperties":true})", R"({"b":1})");
    bad("no properties allowed", R"({"type":"object","additionalProperties":false})", R"({"b":1})", "/b",
        {L(R"(unexpected property "b" (this object takes no properties))")});
    bad("odd property names are quoted in paths",
        R"({"properties":{"a b":{"properties":{"c/d":{"type":"string"}}}}})", R"({"a b":{"c/d":1}})",
        "/a b/c~1d", {L(R"(["a b"]["c/d"]: expected a string, got 1)")});

    // arrays
    bad("items", R"({"type":"array","items":{"type":"string"}})", R"(["a",1])", "/1",
        {L("value[1]: expected a string, got 1")});
    bad("minItems", R"({"type":"array","minItems":1})", "[]", "",
        {L("expected an array with at least 1 item, got 0 items")});
    bad("maxItems", R"({"type":"array","maxItems":2})", "[1,2,3]", "",
        {L("expected an array with at most 2 items, got 3 items")});
    ok("items count in range", R"({"type":"array","minItems":1,"maxItems":2})", "[1,2]");
    bad("uniqueItems strings", R"({"uniqueItems":true})", R"(["BTC","ETH","BTC"])", "",
        {L(R"(items must be unique, but value[0] and value[2] are both "BTC")")});
    bad("uniqueItems 1 and 1.0", R"({"uniqueItems":true})", "[1,1.0]", "", {L("items must be unique")});
    bad("uniqueItems objects ignore key order", R"({"uniqueItems":true})", R"([{"a":1,"b":2},{"b":2,"a":1}])",
        "", {L("value[0] and value[1]")});
    ok("uniqueItems 1 and \"1\" differ", R"({"uniqueItems":true})", R"([1,"1",true,null])");
    ok("uniqueItems false allows repeats", R"({"uniqueItems":false})", "[1,1]");
    bad("several bad items", R"({"items":{"type":"integer"}})", R"([1,"a",2.5])", "/1", {L("value[1]")}, 2);

    // anyOf / oneOf / allOf / not
    const char* amount = R"({"anyOf":[
        {"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?$","description":"a decimal string like \"10.50\""},
        {"type":"integer","minimum":0,"description":"an integer number of minor units."}]})";
    ok("anyOf first", amount, R"("10.50")");
    ok("anyOf second", amount, "1050");
    bad("anyOf none", amount, "true", "",
        {L(R"(must match one of the allowed forms: a decimal string like "10.50", or an integer number of minor units; got true)")});
    bad("anyOf explains the closest form", amount, R"("ten")", "",
        {L("must match one of the allowed forms"), L("closest form failed with"),
            L("must match the pattern")});
    const char* numberForms = R"({"oneOf":[{"type":"integer"},{"type":"number","minimum":0}]})";
    ok("oneOf only integer", numberForms, "-1");
    ok("oneOf only number", numberForms, "2.5");
    bad("oneOf two match", numberForms, "5", "",
        {L("matches more than one of the allowed forms (an integer; and a number of at least 0)"),
            L("must match exactly one"), L("got 5")});
    bad("oneOf none match", numberForms, "-2.5", "",
        {L("must match exactly one of the allowed forms: an integer, or a number of at least 0; got -2.5")});
    ok("allOf", R"({"allOf":[{"type":"string"},{"minLength":3}]})", R"("abc")");
    bad("allOf second fails", R"({"allOf":[{"type":"string"},{"minLength":3}]})", R"("ab")", "",
        {L("expected a string of at least 3 characters")});
    bad("allOf both fail", R"({"allOf":[{"type":"string"},{"type":"null"}]})", "1", "",
        {L("expected a string")}, 2);
    bad("not", R"({"not":{"type":"null"}})", "null", "", {L("must not be null, got null")});
    ok("not passes", R"({"not":{"type":"null"}})", "1");
    bad("not with description", R"({"not":{"const":"","description":"an empty string"}})", R"("")", "",
        {L(R"(must not be an empty string, got "")")});

    // $ref
    const char* symbolRef = R"({"$defs":{"symbol":{"type":"string","pattern":"^[A-Z]+$"}},"type":"object",
        "properties":{"base":{"$ref":"#/$defs/symbol"},"quote":{"$ref":"#/$defs/symbol"}}})";
    ok("$ref valid", symbolRef, R"({"base":"BTC","quote":"USDT"})");
    bad("$ref invalid", symbolRef, R"({"base":"btc"})", "/base",
        {L("base: must match the pattern ^[A-Z]+$")});
    bad("$ref unresolvable", R"({"properties":{"a":{"$ref":"#/$defs/missing"}}})", R"({"a":1})", "/a",
        {L(R"($ref "#/$defs/missing")"), L("does not point to a schema")});
    bad("$ref remote is never fetched", R"({"$ref":"https://example.com/schema.json"})", "1", "",
        {L("is not a local reference"), L("nothing is fetched")});
    const char* tree = R"({"$defs":{"node":{"type":"object","properties":{"name":{"type":"string"},
        "children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},"$ref":"#/$defs/node"})";
    bad("recursive $ref", tree, R"({"name":"a","children":[{"name":"b","children":[{"name":3}]}]})",
        "/children/0/children/0/name", {L("children[0].children[0].name: expected a string, got 3")});
    bad("$ref loop stops", R"({"$ref":"#"})", "1", "", {L("nested too deeply")});
    bad("$ref with escaped pointer", R"({"$defs":{"a/b":{"type":"string"}},"$ref":"#/$defs/a~1b"})", "1", "",
        {L("expected a string")});

    // boolean schemas
    bad("false property schema", R"({"properties":{"x":false}})", R"({"x":1})", "/x",
        {L("x: no value is allowed here, got 1")});
    ok("true items schema", R"({"items":true})", R"([1,"a",null])");
    ok("annotations are ignored",
        R"({"title":"t","description":"d","examples":[1],"$comment":"c","format":"email",
        "$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:x","default":5})",
        R"("not an email")");
    ok("unknown keywords are ignored", R"({"requried":["x"],"x-extra":1})", "{}");

    // const, not and uniqueItems beyond the basics
    ok("const array compares numbers by value", R"({"const":[1,2]})", "[1,2.0]");
    bad("const array order matters", R"({"const":[1,2]})", "[2,1]", "",
        {L("must be exactly [1,2]; got [2,1]")});
    ok("not false accepts everything", R"({"not":false})", R"({"a":1})");
    bad("not true rejects everything", R"({"not":true})", "1", "", {L("must not be any value, got 1")});
    bad("uniqueItems nested arrays", R"({"uniqueItems":true})", "[[1,[2]],[1,[2.0]]]", "",
        {L("value[0] and value[1] are both [1,[2]]")});

    // if / then / else
    const char* contact = R"({"type":"object","properties":{"contactMethod":{"enum":["phone","email"]},
        "phone":{"type":"string"},"email":{"type":"string"}},
        "if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},
        "then":{"required":["phone"]},"else":{"required":["email"]}})";
    ok("if holds, then satisfied", contact, R"({"contactMethod":"phone","phone":"+47 1234"})");
    ok("if fails, else satisfied", contact, R"({"contactMethod":"email","email":"a@example.com"})");
    ok("if fails on a missing property, else satisfied", contact, R"({"email":"a@example.com"})");
    bad("if holds, then fails", contact, R"({"contactMethod":"phone","email":"a@example.com"})", "/phone",
        {L(R"(missing required property "phone")")});
    bad("if fails, else fails", contact, R"({"contactMethod":"email","phone":"1"})", "/email",
        {L(R"(missing required property "email")")});
    bad("if fails on an empty object, else fails", contact, "{}", "/email", {L("missing required property")});
    ok("if alone never fails", R"({"if":false})", "1");
    ok("then without if is ignored", R"({"then":false,"else":false})", "1");
    bad("if true runs then", R"({"if":true,"then":{"minimum":5},"else":false})", "1", "",
        {L("must be at least 5, got 1")});
    bad("if false runs else", R"({"if":false,"then":false,"else":{"type":"string"}})", "1", "",
        {L("expected a string, got 1")});
    ok("if with only else, if holds", R"({"if":{"type":"integer"},"else":{"type":"string"}})", "1");
    bad("conditional inside a property",
        R"({"properties":{"limit":{"if":{"type":"integer"},"then":{"maximum":10}}}})", R"({"limit":50})",
        "/limit", {L("limit: must be at most 10, got 50")});

    // $anchor
    const char* anchored = R"({"$defs":{"address":{"$anchor":"addressDef","type":"object",
        "properties":{"city":{"type":"string"}}}},"properties":{"home":{"$ref":"#addressDef"}}})";
    ok("$ref to an anchor", anchored, R"({"home":{"city":"Oslo"}})");
    bad("$ref to an anchor validates", anchored, R"({"home":{"city":5}})", "/home/city",
        {L("home.city: expected a string, got 5")});
    bad("$ref to an anchor describes the target", anchored, R"({"home":"Oslo"})", "/home",
        {L(R"(home: expected an object, got "Oslo")")});
    ok("anchor inside allOf inside items",
        R"({"items":{"allOf":[{"$anchor":"num","type":"number"}]},"properties":{"n":{"$ref":"#num"}}})",
        R"({"n":2})");
    bad("anchor inside allOf inside items validates",
        R"({"items":{"allOf":[{"$anchor":"num","type":"number"}]},"properties":{"n":{"$ref":"#num"}}})",
        R"({"n":"x"})", "/n", {L(R"(n: expected a number, got "x")")});
    bad("$ref to an unknown anchor", R"({"$ref":"#nowhere"})", "1", "",
        {L(R"($ref "#nowhere")"), L(R"(no "$anchor" in this schema defines)")});
    bad("an $anchor inside const data is not an anchor",
        R"({"$defs":{"x":{"const":{"$anchor":"fake"}}},"$ref":"#fake"})", "1", "",
        {L(R"(no "$anchor" in this schema defines)")});
    bad("$ref fragment that is not an anchor name", R"({"$ref":"#1 2"})", "1", "",
        {L("neither a JSON pointer nor an anchor name")});

    // dependentRequired
    const char* card =
        R"({"type":"object","properties":{"card":{"type":"string"},"billing":{"type":"string"}},
        "dependentRequired":{"card":["billing"]}})";
    ok("dependentRequired: trigger absent", card, "{}");
    ok("dependentRequired: only the dependency", card, R"({"billing":"x"})");
    ok("dependentRequired: both present", card, R"({"card":"4111","billing":"x"})");
    bad("dependentRequired: dependency missing", card, R"({"card":"4111"})", "/billing",
        {L(R"(missing required property "billing" (expected a string) because "card" is present)")});
    bad("dependentRequired: not repeated after required",
        R"({"required":["billing"],"dependentRequired":{"card":["billing"]}})", R"({"card":"4111"})",
        "/billing", {L(R"(missing required property "billing")")});
    bad("dependentRequired: one message per missing name",
        R"({"dependentRequired":{"a":["c"],"b":["c","d"]}})", R"({"a":1,"b":2})", "/c",
        {L(R"(missing required property "c" because "a" is present)")}, 2);
    bad("dependentRequired: nested path", R"({"properties":{"pay":{"dependentRequired":{"card":["cvc"]}}}})",
        R"({"pay":{"card":"4111"}})", "/pay/cvc",
        {L(R"(missing required property "pay.cvc" because "pay.card" is present)")});
    ok("dependentRequired ignores non-objects", R"({"dependentRequired":{"card":["billing"]}})", R"("card")");

    // prefixItems
    const char* pair = R"({"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}]})";
    ok("prefixItems match", pair, R"(["BTC",5])");
    ok("prefixItems shorter array", pair, R"(["BTC"])");
    ok("prefixItems extra items allowed without items", pair, R"(["BTC",5,true,null])");
    bad("prefixItems by position", pair, R"([5,"x"])", "/0", {L("value[0]: expected a string, got 5")}, 2);
    const char* closed = R"({"prefixItems":[{"type":"string"}],"items":false})";
    ok("prefixItems with items false", closed, R"(["a"])");
    bad("items false after prefixItems", closed, R"(["a","b"])", "/1",
        {L(R"(value[1]: no value is allowed here, got "b")")});
    const char* rest = R"({"prefixItems":[{"type":"string"}],"items":{"type":"integer"}})";
    ok("items apply after prefixItems only", rest, R"(["a",1,2])");
    bad("items after prefixItems", rest, R"(["a",1,"b"])", "/2",
        {L(R"(value[2]: expected an integer, got "b")")});
    ok("prefixItems ignores non-arrays", R"({"prefixItems":[{"type":"string"}]})", R"({"0":1})");

    // The schema the MCP conformance fixture lists (JSON Schema 2020-12 tool).
    const char* conformance = R"({"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
        "$defs":{"address":{"$anchor":"addressDef","type":"object",
            "properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
        "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},
            "contactMethod":{"type":"string","enum":["phone","email"]},
            "phone":{"type":"string"},"email":{"type":"string"}},
        "allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],
        "if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},
        "then":{"required":["phone"]},"else":{"required":["email"]},"additionalProperties":false})";
    ok("conformance schema: phone", conformance, R"({"name":"A","contactMethod":"phone","phone":"1"})");
    ok("conformance schema: email", conformance, R"({"name":"A","email":"a@example.com"})");
    bad("conformance schema: phone chosen but missing", conformance,
        R"({"contactMethod":"phone","email":"a@example.com"})", "/phone",
        {L(R"(missing required property "phone")")});
    bad("conformance schema: address", conformance, R"({"address":{"city":5},"email":"a@example.com"})",
        "/address/city", {L("address.city: expected a string, got 5")});
}

void TestSchemaValidator::validate()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, instance);
    QFETCH(int, count);
    QFETCH(QString, path);
    QFETCH(QStringList, fragments);

    const QList<SchemaViolation> violations = SchemaValidator::validate(json(instance), schemaOf(schema));
    QVERIFY2(violations.size() == count, qPrintable(dump(violations)));
    if (count == 0)
        return;
    QCOMPARE(violations.first().path, path);
    for (const QString& fragment : fragments)
        QVERIFY2(violations.first().message.contains(fragment),
            qPrintable(QLatin1String("missing \"") % fragment % QLatin1String("\" in: ")
                % violations.first().message));
}

void TestSchemaValidator::orderIsStable()
{
    const QJsonObject schema =
        schemaOf(R"({"type":"object","properties":{"b":{"type":"string"},"a":{"type":"string"},
        "c":{"type":"string"}},"required":["c","z"],"additionalProperties":false})");
    const QJsonValue instance = json(R"({"y":0,"b":2,"x":0,"a":1})");
    const QList<SchemaViolation> first = SchemaValidator::validate(instance, schema);
    QStringList paths;
    for (const SchemaViolation& v : first)
        paths << v.path;
    QCOMPARE(paths,
        (QStringList {QStringLiteral("/a"), QStringLiteral("/b"), QStringLiteral("/c"), QStringLiteral("/z"),
            QStringLiteral("/x"), QStringLiteral("/y")}));
    const QList<SchemaViolation> second = SchemaValidator::validate(instance, schema);
    QCOMPARE(dump(second), dump(first));
}

void TestSchemaValidator::enumWithWrongTypeGivesOneMessage()
{
    const QList<SchemaViolation> violations =
        SchemaValidator::validate(json("5"), schemaOf(R"({"type":"string","enum":["a","b"]})"));
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().message, QStringLiteral("value: must be one of a, b; got 5"));
}

void TestSchemaValidator::misspeltPropertyGetsASuggestion()
{
    const QJsonObject schema = schemaOf(R"({"type":"object","properties":{"amount":{"type":"string"},
        "network":{"type":"string"}},"required":["amount"],"additionalProperties":false})");
    const QList<SchemaViolation> violations = SchemaValidator::validate(json(R"({"amout":"10"})"), schema);
    QCOMPARE(violations.size(), 2);
    QCOMPARE(violations.at(0).message,
        QStringLiteral(R"(missing required property "amount" (expected a string))"));
    QCOMPARE(violations.at(1).path, QStringLiteral("/amout"));
    QCOMPARE(violations.at(1).message,
        QStringLiteral(R"(unexpected property "amout" (allowed: amount, network); did you mean "amount"?)"));
}

void TestSchemaValidator::changedSchemaIsNotServedFromCache()
{
    QJsonObject schema = schemaOf(R"({"type":"string"})");
    const QJsonObject original = schema;
    QCOMPARE(SchemaValidator::validate(json("5"), schema).size(), 1);
    schema.insert(QStringLiteral("type"), QStringLiteral("integer"));
    QVERIFY(SchemaValidator::validate(json("5"), schema).isEmpty());
    QCOMPARE(SchemaValidator::validate(json("5"), original).size(), 1);
    // Equal content parsed separately gives the same answer.
    QVERIFY(SchemaValidator::validate(json("5"), schemaOf(R"({"type":"integer"})")).isEmpty());
    QVERIFY(SchemaValidator::validate(json(R"("x")"), schemaOf(R"({"type":"integer"})")).size() == 1);
}

void TestSchemaValidator::invalidPatternIsReported()
{
    const QList<SchemaViolation> violations = SchemaValidator::validate(
        json(R"({"s":"x"})"), schemaOf(R"({"properties":{"s":{"pattern":"([a-z"}}})"));
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().path, QStringLiteral("/s"));
    QVERIFY(violations.first().message.startsWith(QLatin1String("s: schema error: pattern \"([a-z\"")));
}

void TestSchemaValidator::longValuesAreTruncated()
{
    const QString longText(200, QLatin1Char('a'));
    const QList<SchemaViolation> violations =
        SchemaValidator::validate(QJsonValue(longText), schemaOf(R"({"type":"string","maxLength":5})"));
    QCOMPARE(violations.size(), 1);
    const QString& message = violations.first().message;
    QVERIFY2(message.contains(QString(40, QLatin1Char('a')) % QChar(0x2026) % QLatin1Char('"')),
        qPrintable(message));
    QVERIFY(!message.contains(QString(41, QLatin1Char('a'))));
    QVERIFY(message.contains(QLatin1String("(200 characters)")));

    // Truncation never splits a surrogate pair.
    QString emoji;
    for (int i = 0; i < 50; ++i)
        emoji += QString::fromUtf8("😀");
    const QString emojiMessage =
        SchemaValidator::validate(QJsonValue(emoji), schemaOf(R"({"type":"integer"})")).first().message;
    QVERIFY(emojiMessage.contains(QChar(0x2026)));
    for (qsizetype i = 0; i < emojiMessage.size(); ++i) {
        if (emojiMessage.at(i).isHighSurrogate())
            QVERIFY(i + 1 < emojiMessage.size() && emojiMessage.at(i + 1).isLowSurrogate());
    }

    const QJsonValue bigObject =
        json(R"({"aaaaaaaaaa":"bbbbbbbbbbbbbbbbbbbb","cccccccccc":"dddddddddddddddddddd"})");
    const QString objectMessage =
        SchemaValidator::validate(bigObject, schemaOf(R"({"type":"string"})")).first().message;
    QVERIFY2(objectMessage.size() < 100, qPrintable(objectMessage));
    QVERIFY(objectMessage.contains(QLatin1String("got {\"aaaaaaaaaa\"")));
}

void TestSchemaValidator::applyDefaults_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("instance");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray market = R"({"type":"object","properties":{"symbol":{"type":"string"},
        "interval":{"type":"string","default":"1h"},"limit":{"type":"integer","default":100}}})";
    QTest::newRow("fills missing") << market << QByteArray(R"({"symbol":"BTC"})")
                                   << QByteArray(R"({"symbol":"BTC","interval":"1h","limit":100})");
    QTest::newRow("never overwrites")
        << market << QByteArray(R"({"interval":"5m"})") << QByteArray(R"({"interval":"5m","limit":100})");
    QTest::newRow("null is a value") << market << QByteArray(R"({"limit":null})")
                                     << QByteArray(R"({"interval":"1h","limit":null})");
    QTest::newRow("wrong type is left for validation")
        << market << QByteArray(R"({"limit":"many"})") << QByteArray(R"({"interval":"1h","limit":"many"})");
    QTest::newRow("extra properties kept")
        << market << QByteArray(R"({"other":1})") << QByteArray(R"({"other":1,"interval":"1h","limit":100})");

    const QByteArray nested = R"({"properties":{"options":{"type":"object",
        "properties":{"depth":{"default":2},"mode":{"default":"fast"}}}}})";
    QTest::newRow("nested") << nested << QByteArray(R"({"options":{"mode":"slow"}})")
                            << QByteArray(R"({"options":{"depth":2,"mode":"slow"}})");
    QTest::newRow("absent parent without default stays absent")
        << nested << QByteArray("{}") << QByteArray("{}");

    const QByteArray defaultObject = R"({"properties":{"options":{"default":{},
        "properties":{"depth":{"default":2}}}}})";
    QTest::newRow("default object gets its own defaults")
        << defaultObject << QByteArray("{}") << QByteArray(R"({"options":{"depth":2}})");

    const QByteArray arrays = R"({"properties":{"list":{"type":"array","default":[],
        "items":{"type":"object","properties":{"x":{"default":1}}}}}})";
    QTest::newRow("array items untouched")
        << arrays << QByteArray(R"({"list":[{},{"x":5}]})") << QByteArray(R"({"list":[{},{"x":5}]})");
    QTest::newRow("array default inserted as is")
        << arrays << QByteArray("{}") << QByteArray(R"({"list":[]})");

    const QByteArray refs = R"({"$defs":{"interval":{"type":"string","default":"1d"}},
        "properties":{"interval":{"$ref":"#/$defs/interval"}}})";
    QTest::newRow("default through $ref") << refs << QByteArray("{}") << QByteArray(R"({"interval":"1d"})");
    QTest::newRow("allOf branches") << QByteArray(R"({"allOf":[{"properties":{"a":{"default":1}}},
        {"properties":{"b":{"default":2}}}]})")
                                    << QByteArray("{}") << QByteArray(R"({"a":1,"b":2})");
    QTest::newRow("scalar instance unchanged") << market << QByteArray("5") << QByteArray("5");
    QTest::newRow("array instance unchanged") << market << QByteArray("[{}]") << QByteArray("[{}]");
}

void TestSchemaValidator::applyDefaults()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, instance);
    QFETCH(QByteArray, expected);

    const QJsonValue result = SchemaValidator::applyDefaults(json(instance), schemaOf(schema));
    QCOMPARE(result, json(expected));
}

void TestSchemaValidator::describe()
{
    QCOMPARE(SchemaValidator::describe({}), QString());

    QList<SchemaViolation> violations;
    violations << SchemaViolation {
        QStringLiteral("/symbol"), QStringLiteral("symbol: expected a string, got 5")};
    QCOMPARE(SchemaValidator::describe(violations), QStringLiteral("symbol: expected a string, got 5"));

    for (int i = 2; i <= 7; ++i)
        violations << SchemaViolation {QStringLiteral("/f%1").arg(i), QStringLiteral("problem %1").arg(i)};
    const QString text = SchemaValidator::describe(violations);
    QVERIFY2(text.startsWith(QLatin1String(
                 "symbol: expected a string, got 5; problem 2; problem 3; problem 4; problem 5")),
        qPrintable(text));
    QVERIFY2(text.endsWith(QLatin1String("; and 2 more problems")), qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("problem 6")));

    violations.removeLast();
    QVERIFY(SchemaValidator::describe(violations).endsWith(QLatin1String("; and 1 more problem")));

    const QString real =
        SchemaValidator::describe(SchemaValidator::validate(json(R"({"symbol":"","limit":0})"),
            schemaOf(R"({"properties":{"symbol":{"type":"string","minLength":1},"limit":{"minimum":1}}})")));
    QCOMPARE(real,
        QStringLiteral(
            R"(limit: must be at least 1, got 0; symbol: expected a string of at least 1 character, got "")"));
}

// Rows: schema, number of problems (-1: at least one), fragments that must all appear in one problem.
void TestSchemaValidator::checkSchema_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<int>("count");
    QTest::addColumn<QStringList>("fragments");

    const auto L = [](const char* s) {
        return QString::fromUtf8(s);
    };
    const auto row = [](const char* name, const char* schema, int count, const QStringList& fragments) {
        QTest::newRow(name) << QByteArray(schema) << count << fragments;
    };

    row("valid tool schema", R"({"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
        "title":"create_payment","description":"Creates an invoice","$comment":"c",
        "properties":{"amount":{"anyOf":[{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?$"},{"type":"integer","minimum":0}]},
        "network":{"type":"string","enum":["TRC20","ERC20"],"default":"TRC20"},
        "tags":{"type":"array","items":{"type":"string","minLength":1},"minItems":0,"maxItems":5,"uniqueItems":true},
        "memo":{"type":["string","null"],"maxLength":140,"examples":["coffee"]},
        "price":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1e9},
        "payer":{"$ref":"#/$defs/payer"},"kind":{"const":"invoice"},"not_null":{"not":{"type":"null"}},
        "both":{"allOf":[{"type":"string"},{"format":"email"}]},"one":{"oneOf":[{"type":"string"},true]}},
        "required":["amount"],"additionalProperties":false,
        "$defs":{"payer":{"type":"object","properties":{"name":{"type":"string"}},"additionalProperties":{"type":"string"}}}})",
        0, {});
    row("requried typo", R"({"type":"object","properties":{"a":{}},"requried":["a"]})", 1,
        {L(R"(#: unknown keyword "requried" (did you mean "required"?))")});
    row("nested minLenght typo", R"({"properties":{"symbol":{"type":"string","minLenght":1}}})", 1,
        {L("#/properties/symbol: unknown keyword \"minLenght\""), L(R"(did you mean "minLength"?)")});
    row("typo inside $defs", R"({"$defs":{"sym":{"tpye":"string"}}})", 1,
        {L("#/$defs/sym: unknown keyword \"tpye\""), L(R"("type")")});
    row("unsupported keyword", R"({"patternProperties":{}})", 1,
        {L(R"(unsupported keyword "patternProperties")")});
    row("required is a string", R"({"type":"object","required":"amount"})", 1,
        {L(R"("required" must be an array of property names)"), L(R"(got "amount")")});
    row("required holds a number", R"({"type":"object","required":[1]})", 1,
        {L(R"("required" must be an array)")});
    row("required repeats", R"({"required":["a","a"]})", 1, {L("more than once")});
    row("required cannot be satisfied",
        R"({"properties":{"a":{}},"required":["b"],"additionalProperties":false})", 1,
        {L(R"(required property "b" is not declared)")});
    row("unknown type name", R"({"type":"int"})", 1,
        {L(R"(unknown type "int")"), L("use one of string, number")});
    row("misspelt type name", R"({"type":"strng"})", 1, {L(R"(did you mean "string"?)")});
    row("type is a number", R"({"type":5})", 1, {L(R"("type" must be a type name)")});
    row("type array empty", R"({"type":[]})", 1, {L(R"("type" must be a type name)")});
    row("minimum is a string", R"({"type":"number","minimum":"5"})", 1,
        {L(R"("minimum" must be a number, got "5")")});
    row("exclusiveMinimum boolean form", R"({"type":"number","minimum":0,"exclusiveMinimum":true})", 1,
        {L(R"("exclusiveMinimum" must be a number)"), L("older drafts")});
    row("minimum above maximum", R"({"minimum":5,"maximum":1})", 1,
        {L(R"("minimum" is greater than "maximum")")});
    row("minLength negative", R"({"minLength":-1})", 1,
        {L(R"("minLength" must be a non-negative integer, got -1)")});
    row("maxItems fractional", R"({"maxItems":1.5})", 1, {L(R"("maxItems" must be a non-negative integer)")});
    row("minLength above maxLength", R"({"minLength":5,"maxLength":2})", 1, {L(R"("minLength" is greater)")});
    row("pattern not a string", R"({"pattern":5})", 1, {L(R"("pattern" must be a string)")});
    row("pattern invalid", R"({"pattern":"([a-z"})", 1, {L("is not a valid regular expression")});
    row("items tuple form", R"({"items":[{"type":"string"}]})", 1, {L("tuple")});
    row("items not a schema", R"({"items":"string"})", 1, {L(R"("items" must be a schema)")});
    row("uniqueItems not boolean", R"({"uniqueItems":"yes"})", 1,
        {L(R"("uniqueItems" must be true or false)")});
    row("anyOf not an array", R"({"anyOf":{"type":"string"}})", 1,
        {L(R"("anyOf" must be a non-empty array of schemas)")});
    row("oneOf empty", R"({"oneOf":[]})", 1, {L(R"("oneOf" must be a non-empty array)")});
    row("allOf member not a schema", R"({"allOf":[{"type":"string"},3]})", 1,
        {L("#/allOf/1: a schema must be an object or a boolean")});
    row("not a schema", R"({"not":"null"})", 1, {L(R"("not" must be a schema)")});
    row("property schema not an object", R"({"properties":{"a":5}})", 1,
        {L("#/properties/a: a schema must be an object or a boolean, got 5")});
    row("properties not an object", R"({"properties":[]})", 1, {L(R"("properties" must be an object)")});
    row("additionalProperties wrong type", R"({"additionalProperties":"no"})", 1,
        {L(R"("additionalProperties" must be a boolean or a schema)")});
    row("enum not an array", R"({"enum":"a"})", 1, {L(R"("enum" must be a non-empty array)")});
    row("enum value outside type", R"({"type":"string","enum":["a",5]})", 1,
        {L(R"("enum" value 5 is not allowed by "type")")});
    row("string keyword on integer", R"({"type":"integer","minLength":1})", 1,
        {L(R"("minLength" has no effect because "type" is "integer")")});
    row("description not a string", R"({"description":5})", 1, {L(R"("description" must be a string)")});
    row("another dialect", R"({"$schema":"http://json-schema.org/draft-07/schema#"})", 1,
        {L("names another dialect")});
    row("remote $ref", R"({"$ref":"https://example.com/s.json"})", 1, {L("is not a local reference")});
    row("dangling $ref", R"({"properties":{"a":{"$ref":"#/$defs/nope"}}})", 1,
        {L("#/properties/a:"), L("does not point to a schema")});
    row("$ref not a string", R"({"$ref":5})", 1, {L(R"("$ref" must be a string)")});
    row("$defs not an object", R"({"$defs":[]})", 1, {L(R"("$defs" must be an object)")});
    row("default violates schema", R"({"properties":{"limit":{"type":"integer","minimum":1,"default":0}}})",
        1,
        {L(R"(#/properties/limit: "default" 0 does not satisfy its own schema)"), L("must be at least 1")});
    row("example violates schema", R"({"type":"string","pattern":"^[A-Z]+$","examples":["BTC","eth"]})", 1,
        {L(R"("examples" item 1 ("eth"))")});
    row("examples not an array", R"({"examples":"BTC"})", 1, {L(R"("examples" must be an array)")});
    row("2020-12 conditional, anchor, tuple and dependency keywords", R"({"type":"object",
        "$defs":{"address":{"$anchor":"addressDef","type":"object","properties":{"city":{"type":"string"}}}},
        "properties":{"home":{"$ref":"#addressDef"},"pair":{"type":"array","prefixItems":[{"type":"string"},
        {"type":"integer"}],"items":false},"card":{"type":"string"},"billing":{"type":"string"}},
        "dependentRequired":{"card":["billing"]},
        "if":{"required":["card"]},"then":{"required":["home"]},"else":{"not":{"required":["billing"]}}})",
        0, {});
    row("then without if", R"({"then":{"required":["a"]}})", 1, {L(R"("then" has no effect without "if")")});
    row("else without if", R"({"else":false})", 1, {L(R"("else" has no effect without "if")")});
    row("if not a schema", R"({"if":5,"then":{}})", 1, {L(R"("if" must be a schema, got 5)")});
    row("then not a schema", R"({"if":{},"then":"x"})", 1, {L(R"("then" must be a schema)")});
    row("typo inside then", R"({"if":{},"then":{"requird":["a"]}})", 1,
        {L("#/then: unknown keyword \"requird\""), L(R"(did you mean "required"?)")});
    row("prefixItems empty", R"({"prefixItems":[]})", 1,
        {L(R"("prefixItems" must be a non-empty array of schemas)")});
    row("prefixItems member not a schema", R"({"prefixItems":[{},1]})", 1,
        {L("#/prefixItems/1: a schema must be an object or a boolean, got 1")});
    row("prefixItems typo", R"({"prefixitems":[{}]})", 1, {L(R"(did you mean "prefixItems"?)")});
    row("prefixItems on an object", R"({"type":"object","prefixItems":[{}]})", 1,
        {L(R"("prefixItems" has no effect because "type" is "object")")});
    row("items tuple form points to prefixItems", R"({"items":[{}]})", 1, {L("prefixItems")});
    row("dependentRequired not an object", R"({"dependentRequired":["a"]})", 1,
        {L(R"("dependentRequired" must be an object)")});
    row("dependentRequired entry not names", R"({"dependentRequired":{"a":"b"}})", 1,
        {L(R"("dependentRequired" entry "a" must be an array of property names)")});
    row("dependentRequired repeats", R"({"dependentRequired":{"a":["b","b"]}})", 1, {L("more than once")});
    row("dependentRequired on a string", R"({"type":"string","dependentRequired":{}})", 1,
        {L(R"("dependentRequired" has no effect because "type" is "string")")});
    row("$anchor not a name", R"({"$anchor":"1st"})", 1,
        {L(R"("$anchor" must be a name)"), L(R"(got "1st")")});
    row("$anchor not a string", R"({"$anchor":5})", 1, {L(R"("$anchor" must be a name)")});
    row("$anchor defined twice", R"({"$defs":{"a":{"$anchor":"x"},"b":{"$anchor":"x"}}})", 1,
        {L(R"(#/$defs/b: "$anchor" "x" is also defined at #/$defs/a)")});
    row("$ref to an unknown anchor", R"({"properties":{"a":{"$ref":"#nope"}}})", 1,
        {L("#/properties/a:"), L(R"(no "$anchor" in this schema defines)")});
    row("several problems", R"({"requried":[],"type":"strin","minimum":"x"})", 3, {});
}

void TestSchemaValidator::checkSchema()
{
    QFETCH(QByteArray, schema);
    QFETCH(int, count);
    QFETCH(QStringList, fragments);

    const QStringList problems = SchemaValidator::checkSchema(schemaOf(schema));
    const QString all = problems.join(QLatin1Char('\n'));
    if (count >= 0)
        QVERIFY2(problems.size() == count,
            qPrintable(QString::number(problems.size()) % QLatin1String(" problems:\n") % all));
    else
        QVERIFY(!problems.isEmpty());
    if (fragments.isEmpty())
        return;
    const bool found = std::any_of(problems.cbegin(), problems.cend(), [&fragments](const QString& p) {
        return std::all_of(
            fragments.cbegin(), fragments.cend(), [&p](const QString& f) { return p.contains(f); });
    });
    QVERIFY2(found, qPrintable(all));
}

void TestSchemaValidator::concurrentValidation()
{
    const QJsonObject schema = schemaOf(R"({"type":"object","properties":{
        "symbol":{"type":"string","pattern":"^[A-Z0-9]+$"},"quote":{"type":"string","pattern":"^(USDT|BTC)$"}}})");
    const QJsonValue good = json(R"({"symbol":"BTCUSDT","quote":"USDT"})");
    const QJsonValue bad = json(R"({"symbol":"btc","quote":"EUR"})");
    std::atomic<int> wrong {0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 500; ++i) {
                if (!SchemaValidator::validate(good, schema).isEmpty())
                    ++wrong;
                if (SchemaValidator::validate(bad, schema).size() != 2)
                    ++wrong;
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    QCOMPARE(wrong.load(), 0);
}

void TestSchemaValidator::validatesQuickly()
{
    const QJsonObject schema = schemaOf(R"({"type":"object","additionalProperties":false,
        "required":["symbol","interval"],"properties":{
        "symbol":{"type":"string","minLength":1,"maxLength":20,"pattern":"^[A-Z0-9]+$"},
        "interval":{"type":"string","enum":["1m","5m","15m","1h","4h","1d"]},
        "limit":{"type":"integer","minimum":1,"maximum":1000},
        "start":{"type":"integer","minimum":0},"end":{"type":"integer","minimum":0},
        "amount":{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?$"},
        "network":{"type":"string","enum":["TRC20","ERC20"]},
        "description":{"type":["string","null"],"maxLength":200},
        "tags":{"type":"array","items":{"type":"string"},"maxItems":5},
        "precise":{"type":"boolean"}}})");
    const QJsonValue instance =
        json(R"({"symbol":"BTCUSDT","interval":"1h","limit":500,"start":0,"end":1700000000000,
        "amount":"10.50","network":"TRC20","description":null,"tags":["a","b"],"precise":true})");
    QVERIFY(SchemaValidator::validate(instance, schema).isEmpty());

    constexpr int rounds = 20000;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rounds; ++i) {
        if (!SchemaValidator::validate(instance, schema).isEmpty())
            QFAIL("valid instance reported invalid");
    }
    const double microseconds = static_cast<double>(timer.nsecsElapsed()) / 1000.0 / rounds;
    qInfo("validating a 10-property object: %.2f us per call", microseconds);
    // Generous bound for slow, shared or sanitizer builds; it catches per-call regex compilation
    // or copies of whole documents, not small slowdowns.
    QVERIFY2(microseconds < 200.0, qPrintable(QString::number(microseconds)));
}

QTEST_GUILESS_MAIN(TestSchemaValidator)
#include "tst_schemavalidator.moc"
