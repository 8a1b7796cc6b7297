#include "runtime/conformancefixtures.h"

#include "protocol/mcpcall.h"
#include "protocol/mcpregistry.h"
#include "protocol/toolresult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

// The names, texts and shapes below are the ones the conformance scenarios check
// (@modelcontextprotocol/conformance, requirement sets 2025-11-25 and 2026-07-28).

namespace
{

// A 1x1 red PNG and a 1 ms silent 8 kHz mono WAV: the smallest valid media the scenarios accept.
const char* kRedPixelPng =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mP4z8AAAAMBAQD3A0FDAAAAAElFTkSuQmCC";
const char* kSilentWav = "UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQgAAACAgICAgICAgA==";

// The scenarios space their log and progress notifications about 50 ms apart.
constexpr int kStepMs = 50;

QJsonObject object(const char* json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    Q_ASSERT_X(error.error == QJsonParseError::NoError && doc.isObject(), "conformance fixtures", json);
    return doc.object();
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject text(const QString& t)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), t}};
}

QJsonObject image()
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("image")},
        {QStringLiteral("data"), QLatin1String(kRedPixelPng)},
        {QStringLiteral("mimeType"), QStringLiteral("image/png")}};
}

QJsonObject embedded(const QString& uri, const QString& mimeType, const QString& body)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("resource")},
        {QStringLiteral("resource"),
            QJsonObject {{QStringLiteral("uri"), uri}, {QStringLiteral("mimeType"), mimeType},
                {QStringLiteral("text"), body}}}};
}

QJsonObject userMessage(const QJsonObject& content)
{
    return QJsonObject {
        {QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), content}};
}

void replyText(McpCall* call, const QString& t, bool isError = false)
{
    call->replyTool(ToolResult::fromContent(QJsonArray {text(t)}, isError));
}

// A tool with no arguments that answers with fixed content blocks.
ToolDefinition contentTool(const QString& name, const QString& description, const QJsonArray& content)
{
    ToolDefinition t;
    t.name = name;
    t.description = description;
    t.inputSchema = object(R"({"type":"object","properties":{}})");
    t.handler = [content](McpCall* call, const QJsonObject&) {
        call->replyTool(ToolResult::fromContent(content));
    };
    return t;
}

// A tool that sends elicitation/create with `params` and reports the client's answer as text.
ToolDefinition elicitationTool(const QString& name, const QString& description,
    const QJsonObject& inputSchema, std::function<QJsonObject(const QJsonObject& arguments)> params,
    const QString& prefix)
{
    ToolDefinition t;
    t.name = name;
    t.description = description;
    t.inputSchema = inputSchema;
    t.handler = [params, prefix](McpCall* call, const QJsonObject& arguments) {
        call->sendRequest(
            QStringLiteral("elicitation/create"), params(arguments),
            [call, prefix](Result<QJsonObject> answer) {
                if (!answer) {
                    replyText(
                        call, QStringLiteral("Elicitation failed: %1").arg(answer.error().message), true);
                    return;
                }
                const QJsonObject& r = answer.value();
                replyText(call,
                    QStringLiteral("%1action=%2, content=%3")
                        .arg(prefix, r.value(QStringLiteral("action")).toString(),
                            compact(r.value(QStringLiteral("content")).toObject())));
            },
            QStringLiteral("elicitation"));
    };
    return t;
}

void addContentTools(ToolRegistry& tools)
{
    tools.add(contentTool(QStringLiteral("test_simple_text"),
        QStringLiteral("Conformance fixture: returns a simple text content block"),
        QJsonArray {text(QStringLiteral("This is a simple text response for testing."))}));
    tools.add(contentTool(QStringLiteral("test_image_content"),
        QStringLiteral("Conformance fixture: returns an image content block (1x1 PNG)"),
        QJsonArray {image()}));
    tools.add(contentTool(QStringLiteral("test_audio_content"),
        QStringLiteral("Conformance fixture: returns an audio content block (WAV)"),
        QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("audio")},
            {QStringLiteral("data"), QLatin1String(kSilentWav)},
            {QStringLiteral("mimeType"), QStringLiteral("audio/wav")}}}));
    tools.add(contentTool(QStringLiteral("test_embedded_resource"),
        QStringLiteral("Conformance fixture: returns an embedded text resource"),
        QJsonArray {embedded(QStringLiteral("test://embedded-resource"), QStringLiteral("text/plain"),
            QStringLiteral("This is an embedded resource content."))}));
    tools.add(contentTool(QStringLiteral("test_multiple_content_types"),
        QStringLiteral("Conformance fixture: returns text, image and resource content blocks"),
        QJsonArray {text(QStringLiteral("Multiple content types test:")), image(),
            embedded(QStringLiteral("test://mixed-content-resource"), QStringLiteral("application/json"),
                QStringLiteral(R"({"test":"data","value":123})"))}));

    ToolDefinition failing;
    failing.name = QStringLiteral("test_error_handling");
    failing.description = QStringLiteral("Conformance fixture: always answers with an isError result");
    failing.inputSchema = object(R"({"type":"object","properties":{}})");
    failing.handler = [](McpCall* call, const QJsonObject&) {
        replyText(call, QStringLiteral("This tool intentionally returns an error for testing"), true);
    };
    tools.add(std::move(failing));
}

void addNotifyingTools(ToolRegistry& tools)
{
    ToolDefinition logging;
    logging.name = QStringLiteral("test_tool_with_logging");
    logging.description =
        QStringLiteral("Conformance fixture: sends three info log notifications while it runs");
    logging.inputSchema = object(R"({"type":"object","properties":{}})");
    logging.handler = [](McpCall* call, const QJsonObject&) {
        const QString logger = QStringLiteral("conformance");
        call->sendLog(LogLevel::Info, logger, QStringLiteral("Tool execution started"));
        // Timers are parented to the call, so a cancelled call stops them.
        QTimer::singleShot(kStepMs, call, [call, logger]() {
            call->sendLog(LogLevel::Info, logger, QStringLiteral("Tool processing data"));
            QTimer::singleShot(kStepMs, call, [call, logger]() {
                call->sendLog(LogLevel::Info, logger, QStringLiteral("Tool execution completed"));
                replyText(call, QStringLiteral("Tool with logging executed successfully"));
            });
        });
    };
    tools.add(std::move(logging));

    ToolDefinition progress;
    progress.name = QStringLiteral("test_tool_with_progress");
    progress.description = QStringLiteral("Conformance fixture: reports progress 0, 50 and 100 of 100");
    progress.inputSchema = object(R"({"type":"object","properties":{}})");
    progress.handler = [](McpCall* call, const QJsonObject&) {
        call->sendProgress(0, 100);
        QTimer::singleShot(kStepMs, call, [call]() {
            call->sendProgress(50, 100);
            QTimer::singleShot(kStepMs, call, [call]() {
                call->sendProgress(100, 100);
                replyText(call, QStringLiteral("Tool with progress executed successfully"));
            });
        });
    };
    tools.add(std::move(progress));
}

void addClientRequestTools(ToolRegistry& tools)
{
    ToolDefinition sampling;
    sampling.name = QStringLiteral("test_sampling");
    sampling.description =
        QStringLiteral("Conformance fixture: asks the client's LLM (sampling/createMessage)");
    sampling.inputSchema = object(
        R"({"type":"object","properties":{"prompt":{"type":"string","description":"The prompt to send to the LLM"}},"required":["prompt"]})");
    sampling.handler = [](McpCall* call, const QJsonObject& arguments) {
        const QJsonObject params {
            {QStringLiteral("messages"),
                QJsonArray {userMessage(text(arguments.value(QStringLiteral("prompt")).toString()))}},
            {QStringLiteral("maxTokens"), 100}};
        call->sendRequest(
            QStringLiteral("sampling/createMessage"), params,
            [call](Result<QJsonObject> answer) {
                if (!answer) {
                    replyText(call, QStringLiteral("Sampling failed: %1").arg(answer.error().message), true);
                    return;
                }
                const QJsonObject content = answer.value().value(QStringLiteral("content")).toObject();
                const QString reply =
                    content.value(QStringLiteral("type")).toString() == QLatin1String("text")
                    ? content.value(QStringLiteral("text")).toString()
                    : compact(content);
                replyText(call, QStringLiteral("LLM response: %1").arg(reply));
            },
            QStringLiteral("sampling"));
    };
    tools.add(std::move(sampling));

    tools.add(elicitationTool(
        QStringLiteral("test_elicitation"),
        QStringLiteral("Conformance fixture: asks the user for a username and email (elicitation/create)"),
        object(
            R"({"type":"object","properties":{"message":{"type":"string","description":"The message to show the user"}},"required":["message"]})"),
        [](const QJsonObject& arguments) {
            QJsonObject params = object(R"({"requestedSchema":{"type":"object","properties":{
                "username":{"type":"string","description":"User's response"},
                "email":{"type":"string","description":"User's email address"}},
                "required":["username","email"]}})");
            params.insert(QStringLiteral("message"), arguments.value(QStringLiteral("message")).toString());
            return params;
        },
        QStringLiteral("User response: ")));

    tools.add(elicitationTool(
        QStringLiteral("test_elicitation_sep1034_defaults"),
        QStringLiteral("Conformance fixture: elicitation whose fields carry default values (SEP-1034)"),
        object(R"({"type":"object","properties":{}})"),
        [](const QJsonObject&) {
            return object(R"({"message":"Please review and update the form fields with defaults",
                "requestedSchema":{"type":"object","properties":{
                "name":{"type":"string","description":"User name","default":"John Doe"},
                "age":{"type":"integer","description":"User age","default":30},
                "score":{"type":"number","description":"User score","default":95.5},
                "status":{"type":"string","description":"User status","enum":["active","inactive","pending"],"default":"active"},
                "verified":{"type":"boolean","description":"Verification status","default":true}}}})");
        },
        QStringLiteral("Elicitation completed: ")));

    tools.add(elicitationTool(
        QStringLiteral("test_elicitation_sep1330_enums"),
        QStringLiteral("Conformance fixture: elicitation with the five enum schema variants (SEP-1330)"),
        object(R"({"type":"object","properties":{}})"),
        [](const QJsonObject&) {
            return object(R"json({"message":"Please select options from the enum fields",
                "requestedSchema":{"type":"object","properties":{
                "untitledSingle":{"type":"string","description":"Select one option","enum":["option1","option2","option3"]},
                "titledSingle":{"type":"string","description":"Select one option with titles","oneOf":[
                    {"const":"value1","title":"First Option"},{"const":"value2","title":"Second Option"},
                    {"const":"value3","title":"Third Option"}]},
                "legacyEnum":{"type":"string","description":"Select one option (legacy)","enum":["opt1","opt2","opt3"],
                    "enumNames":["Option One","Option Two","Option Three"]},
                "untitledMulti":{"type":"array","description":"Select multiple options",
                    "items":{"type":"string","enum":["option1","option2","option3"]}},
                "titledMulti":{"type":"array","description":"Select multiple options with titles",
                    "items":{"anyOf":[{"const":"value1","title":"First Choice"},{"const":"value2","title":"Second Choice"},
                    {"const":"value3","title":"Third Choice"}]}}}}})json");
        },
        QStringLiteral("Elicitation completed: ")));
}

void addSchemaTool(ToolRegistry& tools)
{
    // Listed verbatim so clients see every 2020-12 keyword survive (SEP-1613, SEP-2106).
    ToolDefinition t;
    t.name = QStringLiteral("json_schema_2020_12_tool");
    t.description = QStringLiteral("Tool with JSON Schema 2020-12 features");
    t.inputSchema = object(R"({
        "$schema":"https://json-schema.org/draft/2020-12/schema",
        "type":"object",
        "$defs":{"address":{"$anchor":"addressDef","type":"object",
            "properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
        "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},
            "contactMethod":{"type":"string","enum":["phone","email"]},
            "phone":{"type":"string"},"email":{"type":"string"}},
        "allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],
        "if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},
        "then":{"required":["phone"]},
        "else":{"required":["email"]},
        "additionalProperties":false})");
    t.handler = [](McpCall* call, const QJsonObject& arguments) {
        replyText(call, QStringLiteral("Received: %1").arg(compact(arguments)));
    };
    tools.add(std::move(t));
}

void addResources(ResourceRegistry& resources)
{
    ResourceDefinition textResource;
    textResource.uri = QStringLiteral("test://static-text");
    textResource.name = QStringLiteral("static-text");
    textResource.description = QStringLiteral("Conformance fixture: a static text resource");
    textResource.mimeType = QStringLiteral("text/plain");
    textResource.reader = [](McpCall* call, const QString& uri) {
        call->reply(ResourceRegistry::textContents(uri, QStringLiteral("text/plain"),
            QStringLiteral("This is the content of the static text resource.")));
    };
    resources.addResource(std::move(textResource));

    ResourceDefinition binary;
    binary.uri = QStringLiteral("test://static-binary");
    binary.name = QStringLiteral("static-binary");
    binary.description = QStringLiteral("Conformance fixture: a static binary resource (1x1 PNG)");
    binary.mimeType = QStringLiteral("image/png");
    binary.reader = [](McpCall* call, const QString& uri) {
        call->reply(QJsonObject {{QStringLiteral("contents"),
            QJsonArray {QJsonObject {{QStringLiteral("uri"), uri},
                {QStringLiteral("mimeType"), QStringLiteral("image/png")},
                {QStringLiteral("blob"), QLatin1String(kRedPixelPng)}}}}});
    };
    resources.addResource(std::move(binary));

    ResourceDefinition watched;
    watched.uri = QStringLiteral("test://watched-resource");
    watched.name = QStringLiteral("watched-resource");
    watched.description = QStringLiteral("Conformance fixture: a resource clients subscribe to");
    watched.mimeType = QStringLiteral("text/plain");
    watched.reader = [](McpCall* call, const QString& uri) {
        call->reply(ResourceRegistry::textContents(
            uri, QStringLiteral("text/plain"), QStringLiteral("Watched resource content")));
    };
    resources.addResource(std::move(watched));

    ResourceTemplateDefinition templ;
    templ.uriTemplate = QStringLiteral("test://template/{id}/data");
    templ.name = QStringLiteral("template-data");
    templ.description = QStringLiteral("Conformance fixture: a resource template that substitutes {id}");
    templ.mimeType = QStringLiteral("application/json");
    templ.reader = [](McpCall* call, const QString& uri, const QHash<QString, QString>& variables) {
        const QString id = variables.value(QStringLiteral("id"));
        const QJsonObject body {{QStringLiteral("id"), id}, {QStringLiteral("templateTest"), true},
            {QStringLiteral("data"), QStringLiteral("Data for ID: %1").arg(id)}};
        call->reply(ResourceRegistry::textContents(uri, QStringLiteral("application/json"), compact(body)));
    };
    templ.completer = [](const QString&, const QString& value, const QJsonObject&) {
        QStringList out;
        const QStringList ids {
            QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("123")};
        for (const QString& id : ids) {
            if (id.startsWith(value))
                out << id;
        }
        return out;
    };
    resources.addTemplate(std::move(templ));
}

PromptDefinition prompt(const QString& name, const QString& description, QList<PromptArgument> arguments,
    std::function<QJsonArray(const QJsonObject&)> messages)
{
    PromptDefinition p;
    p.name = name;
    p.description = description;
    p.arguments = std::move(arguments);
    p.handler = [messages, description](McpCall* call, const QJsonObject& args) {
        call->reply(QJsonObject {
            {QStringLiteral("description"), description}, {QStringLiteral("messages"), messages(args)}});
    };
    return p;
}

void addPrompts(PromptRegistry& prompts)
{
    prompts.add(prompt(QStringLiteral("test_simple_prompt"),
        QStringLiteral("Conformance fixture: a prompt without arguments"), {}, [](const QJsonObject&) {
            return QJsonArray {userMessage(text(QStringLiteral("This is a simple prompt for testing.")))};
        }));

    PromptDefinition withArgs = prompt(QStringLiteral("test_prompt_with_arguments"),
        QStringLiteral("Conformance fixture: a prompt with two required arguments"),
        {PromptArgument {QStringLiteral("arg1"), QString(), QStringLiteral("First test argument"), true},
            PromptArgument {QStringLiteral("arg2"), QString(), QStringLiteral("Second test argument"), true}},
        [](const QJsonObject& args) {
            return QJsonArray {userMessage(text(QStringLiteral("Prompt with arguments: arg1='%1', arg2='%2'")
                                                    .arg(args.value(QStringLiteral("arg1")).toString(),
                                                        args.value(QStringLiteral("arg2")).toString())))};
        });
    withArgs.completer = [](const QString& argument, const QString& value, const QJsonObject&) {
        const QStringList candidates = argument == QLatin1String("arg1")
            ? QStringList {QStringLiteral("paris"), QStringLiteral("park"), QStringLiteral("party"),
                QStringLiteral("test"), QStringLiteral("testing")}
            : QStringList {QStringLiteral("hello"), QStringLiteral("world")};
        QStringList out;
        for (const QString& c : candidates) {
            if (c.startsWith(value))
                out << c;
        }
        return out;
    };
    prompts.add(std::move(withArgs));

    prompts.add(prompt(QStringLiteral("test_prompt_with_embedded_resource"),
        QStringLiteral("Conformance fixture: a prompt that embeds a resource"),
        {PromptArgument {
            QStringLiteral("resourceUri"), QString(), QStringLiteral("URI of the resource to embed"), true}},
        [](const QJsonObject& args) {
            return QJsonArray {
                userMessage(embedded(args.value(QStringLiteral("resourceUri")).toString(),
                    QStringLiteral("text/plain"), QStringLiteral("Embedded resource content for testing."))),
                userMessage(text(QStringLiteral("Please process the embedded resource above.")))};
        }));

    prompts.add(prompt(QStringLiteral("test_prompt_with_image"),
        QStringLiteral("Conformance fixture: a prompt with an image"), {}, [](const QJsonObject&) {
            return QJsonArray {
                userMessage(image()), userMessage(text(QStringLiteral("Please analyze the image above.")))};
        }));
}

} // namespace

void registerConformanceFixtures(McpRegistry& registry)
{
    addContentTools(registry.tools());
    addNotifyingTools(registry.tools());
    addClientRequestTools(registry.tools());
    addSchemaTool(registry.tools());
    addResources(registry.resources());
    addPrompts(registry.prompts());
}
