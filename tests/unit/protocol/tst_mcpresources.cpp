#include "protocoltesting.h"

#include "inprocessclient.h"
#include "protocol/mcpregistry.h"
#include "protocol/mcpserver.h"
#include "protocol/mcpsession.h"
#include "protocol/pagination.h"

#include <QTest>

using namespace ProtocolTesting;

// Resources (list, templates, read, subscriptions), prompts and completion/complete through
// McpServer.
class TestMcpResources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listResources();
    void listResourcesPaginates();
    void listTemplates();
    void readStatic();
    void readTemplateWithVariables();
    void readUnknownIsResourceNotFound();
    void readNeedsUri();
    void replacingAResourceKeepsOneEntry();

    void subscribeDeliversUpdatesOnlyToSubscribers();
    void subscribeToTemplateResource();
    void subscribeUnknownIsResourceNotFound();
    void subscribeNeedsUri();

    void listPrompts();
    void getPrompt();
    void getPromptMissingRequiredArgument();
    void getPromptUnknownArgument();
    void getPromptNonStringArgument();
    void getUnknownPrompt();

    void completePromptArgument();
    void completeCapsAtHundred();
    void completeTemplateVariable();
    void completeWithoutCompleter();
    void completeErrors();

private:
    McpRegistry* m_registry = nullptr;
    McpServer* m_server = nullptr;
    InProcessClient* m_client = nullptr;
};

void TestMcpResources::init()
{
    m_registry = new McpRegistry(this);
    m_server = new McpServer(ServerIdentity {}, m_registry, this);

    ResourceDefinition networks;
    networks.uri = QStringLiteral("config://networks");
    networks.name = QStringLiteral("networks");
    networks.title = QStringLiteral("Payment networks");
    networks.description = QStringLiteral("USDT networks FinAgent accepts");
    networks.mimeType = QStringLiteral("application/json");
    networks.reader = [](McpCall* call, const QString& uri) {
        call->reply(ResourceRegistry::jsonContents(
            uri, QJsonObject {{QStringLiteral("networks"), QJsonArray {QStringLiteral("TRC20")}}}));
    };
    m_registry->resources().addResource(networks);

    ResourceDefinition info;
    info.uri = QStringLiteral("market://usdt/info");
    info.name = QStringLiteral("usdt-info");
    info.reader = [](McpCall* call, const QString& uri) {
        call->reply(
            ResourceRegistry::textContents(uri, QStringLiteral("text/plain"), QStringLiteral("Tether")));
    };
    m_registry->resources().addResource(info);

    ResourceTemplateDefinition invoice;
    invoice.uriTemplate = QStringLiteral("payment://invoice/{id}");
    invoice.name = QStringLiteral("invoice");
    invoice.description = QStringLiteral("One invoice");
    invoice.mimeType = QStringLiteral("application/json");
    invoice.reader = [](McpCall* call, const QString& uri, const QHash<QString, QString>& vars) {
        call->reply(ResourceRegistry::jsonContents(
            uri, QJsonObject {{QStringLiteral("id"), vars.value(QStringLiteral("id"))}}));
    };
    invoice.completer = [](const QString& argument, const QString& value, const QJsonObject&) {
        QStringList out;
        if (argument != QLatin1String("id"))
            return out;
        for (const char* id : {"inv_1", "inv_2", "inv_10", "other"}) {
            if (QString::fromLatin1(id).startsWith(value))
                out << QString::fromLatin1(id);
        }
        return out;
    };
    m_registry->resources().addTemplate(invoice);

    ResourceTemplateDefinition ticker;
    ticker.uriTemplate = QStringLiteral("market://{exchange}/ticker/{symbol}");
    ticker.name = QStringLiteral("ticker");
    ticker.reader = [](McpCall* call, const QString& uri, const QHash<QString, QString>& vars) {
        call->reply(ResourceRegistry::jsonContents(uri,
            QJsonObject {{QStringLiteral("exchange"), vars.value(QStringLiteral("exchange"))},
                {QStringLiteral("symbol"), vars.value(QStringLiteral("symbol"))}}));
    };
    m_registry->resources().addTemplate(ticker);

    PromptDefinition payment;
    payment.name = QStringLiteral("create_payment_prompt");
    payment.title = QStringLiteral("Create a payment");
    payment.description = QStringLiteral("Walks through creating a USDT invoice");
    payment.arguments = {
        PromptArgument {QStringLiteral("amount"), QString(), QStringLiteral("Amount in USDT"), true},
        PromptArgument {QStringLiteral("network"), QStringLiteral("Network"), QString(), false}};
    payment.handler = [](McpCall* call, const QJsonObject& arguments) {
        call->reply(QJsonObject {{QStringLiteral("description"), QStringLiteral("Create a payment")},
            {QStringLiteral("messages"),
                QJsonArray {
                    PromptRegistry::userText(QStringLiteral("Create an invoice for %1 USDT on %2")
                                                 .arg(arguments.value(QStringLiteral("amount")).toString(),
                                                     arguments.value(QStringLiteral("network"))
                                                         .toString(QStringLiteral("TRC20"))))}}});
    };
    payment.completer = [](const QString& argument, const QString& value, const QJsonObject& context) {
        QStringList out;
        if (argument == QLatin1String("network")) {
            for (const char* n : {"TRC20", "ERC20", "BEP20"}) {
                if (QString::fromLatin1(n).startsWith(value, Qt::CaseInsensitive))
                    out << QString::fromLatin1(n);
            }
        } else if (argument == QLatin1String("amount")) {
            for (int i = 1; i <= 150; ++i)
                out << QString::number(i) + context.value(QStringLiteral("network")).toString();
        }
        return out;
    };
    m_registry->prompts().add(payment);

    PromptDefinition balance;
    balance.name = QStringLiteral("balance_inquiry_prompt");
    balance.handler = [](McpCall* call, const QJsonObject&) {
        call->reply(QJsonObject {{QStringLiteral("messages"),
            QJsonArray {PromptRegistry::userText(QStringLiteral("Check balances"))}}});
    };
    m_registry->prompts().add(balance);

    m_client = new InProcessClient(*m_server);
    m_client->initialize();
}

void TestMcpResources::cleanup()
{
    delete m_client;
    delete m_server;
    delete m_registry;
}

void TestMcpResources::listResources()
{
    const QJsonObject r = resultOf(m_client->request(QStringLiteral("resources/list")));
    const QJsonArray items = r.value(QStringLiteral("resources")).toArray();
    QCOMPARE(items.size(), 2);
    const QJsonObject first = items.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("uri")).toString(), QStringLiteral("config://networks"));
    QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("networks"));
    QCOMPARE(first.value(QStringLiteral("title")).toString(), QStringLiteral("Payment networks"));
    QCOMPARE(first.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/json"));
    // Empty optional fields are left out rather than sent empty.
    const QJsonObject second = items.at(1).toObject();
    QVERIFY(!second.contains(QStringLiteral("title")));
    QVERIFY(!second.contains(QStringLiteral("description")));
    QVERIFY(!second.contains(QStringLiteral("mimeType")));
    QVERIFY(!r.contains(QStringLiteral("nextCursor")));
}

void TestMcpResources::listResourcesPaginates()
{
    m_registry->resources().setPageSize(1);
    const QJsonObject p1 = resultOf(m_client->request(QStringLiteral("resources/list")));
    QCOMPARE(p1.value(QStringLiteral("resources")).toArray().size(), 1);
    QVERIFY(p1.contains(QStringLiteral("nextCursor")));
    const QJsonObject p2 = resultOf(m_client->request(QStringLiteral("resources/list"),
        QJsonObject {{QStringLiteral("cursor"), p1.value(QStringLiteral("nextCursor"))}}));
    QCOMPARE(p2.value(QStringLiteral("resources"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("uri"))
                 .toString(),
        QStringLiteral("market://usdt/info"));
    QVERIFY(!p2.contains(QStringLiteral("nextCursor")));
    const QJsonObject t1 = resultOf(m_client->request(QStringLiteral("resources/templates/list")));
    QCOMPARE(t1.value(QStringLiteral("resourceTemplates")).toArray().size(), 1);
    QVERIFY(t1.contains(QStringLiteral("nextCursor")));

    const QJsonObject bad = m_client->request(
        QStringLiteral("resources/list"), QJsonObject {{QStringLiteral("cursor"), QStringLiteral("zzz")}});
    QCOMPARE(errorCodeOf(bad), int(JsonRpc::InvalidParams));
    const QJsonObject badTemplates = m_client->request(QStringLiteral("resources/templates/list"),
        QJsonObject {{QStringLiteral("cursor"), Pagination::encode(50)}});
    QCOMPARE(errorCodeOf(badTemplates), int(JsonRpc::InvalidParams));
}

void TestMcpResources::listTemplates()
{
    const QJsonArray items = resultOf(m_client->request(QStringLiteral("resources/templates/list")))
                                 .value(QStringLiteral("resourceTemplates"))
                                 .toArray();
    QCOMPARE(items.size(), 2);
    const QJsonObject t = items.first().toObject();
    QCOMPARE(t.value(QStringLiteral("uriTemplate")).toString(), QStringLiteral("payment://invoice/{id}"));
    QCOMPARE(t.value(QStringLiteral("name")).toString(), QStringLiteral("invoice"));
    QCOMPARE(t.value(QStringLiteral("description")).toString(), QStringLiteral("One invoice"));
    QCOMPARE(t.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/json"));
}

void TestMcpResources::readStatic()
{
    QJsonObject r = resultOf(m_client->request(QStringLiteral("resources/read"),
        QJsonObject {{QStringLiteral("uri"), QStringLiteral("market://usdt/info")}}));
    QJsonArray contents = r.value(QStringLiteral("contents")).toArray();
    QCOMPARE(contents.size(), 1);
    QJsonObject c = contents.first().toObject();
    QCOMPARE(c.value(QStringLiteral("uri")).toString(), QStringLiteral("market://usdt/info"));
    QCOMPARE(c.value(QStringLiteral("mimeType")).toString(), QStringLiteral("text/plain"));
    QCOMPARE(c.value(QStringLiteral("text")).toString(), QStringLiteral("Tether"));

    r = resultOf(m_client->request(QStringLiteral("resources/read"),
        QJsonObject {{QStringLiteral("uri"), QStringLiteral("config://networks")}}));
    c = r.value(QStringLiteral("contents")).toArray().first().toObject();
    QCOMPARE(c.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/json"));
    QCOMPARE(QJsonDocument::fromJson(c.value(QStringLiteral("text")).toString().toUtf8())
                 .object()
                 .value(QStringLiteral("networks"))
                 .toArray()
                 .size(),
        1);
}

void TestMcpResources::readTemplateWithVariables()
{
    QJsonObject r = resultOf(m_client->request(QStringLiteral("resources/read"),
        QJsonObject {{QStringLiteral("uri"), QStringLiteral("payment://invoice/inv_42")}}));
    QJsonObject c = r.value(QStringLiteral("contents")).toArray().first().toObject();
    QCOMPARE(c.value(QStringLiteral("uri")).toString(), QStringLiteral("payment://invoice/inv_42"));
    QCOMPARE(QJsonDocument::fromJson(c.value(QStringLiteral("text")).toString().toUtf8())
                 .object()
                 .value(QStringLiteral("id"))
                 .toString(),
        QStringLiteral("inv_42"));

    r = resultOf(m_client->request(QStringLiteral("resources/read"),
        QJsonObject {{QStringLiteral("uri"), QStringLiteral("market://binance/ticker/BTC%2FUSDT")}}));
    const QJsonObject data = QJsonDocument::fromJson(r.value(QStringLiteral("contents"))
                                                         .toArray()
                                                         .first()
                                                         .toObject()
                                                         .value(QStringLiteral("text"))
                                                         .toString()
                                                         .toUtf8())
                                 .object();
    QCOMPARE(data.value(QStringLiteral("exchange")).toString(), QStringLiteral("binance"));
    QCOMPARE(data.value(QStringLiteral("symbol")).toString(), QStringLiteral("BTC/USDT"));
}

void TestMcpResources::readUnknownIsResourceNotFound()
{
    for (const char* uri : {"payment://invoice/", "config://nope", "payment://invoice/a/b"}) {
        const QJsonObject r = m_client->request(QStringLiteral("resources/read"),
            QJsonObject {{QStringLiteral("uri"), QString::fromLatin1(uri)}});
        QCOMPARE(errorCodeOf(r), int(JsonRpc::ResourceNotFound));
        QCOMPARE(errorOf(r).value(QStringLiteral("data")).toObject().value(QStringLiteral("uri")).toString(),
            QString::fromLatin1(uri));
        QVERIFY(errorMessageOf(r).contains(QString::fromLatin1(uri)));
        QVERIFY(!r.contains(QStringLiteral("result")));
    }
}

void TestMcpResources::readNeedsUri()
{
    QCOMPARE(errorCodeOf(m_client->request(QStringLiteral("resources/read"))), int(JsonRpc::InvalidParams));
    QCOMPARE(errorCodeOf(m_client->request(
                 QStringLiteral("resources/read"), QJsonObject {{QStringLiteral("uri"), 5}})),
        int(JsonRpc::InvalidParams));
}

void TestMcpResources::replacingAResourceKeepsOneEntry()
{
    ResourceDefinition again;
    again.uri = QStringLiteral("config://networks");
    again.name = QStringLiteral("networks v2");
    again.reader = [](McpCall* call, const QString& uri) {
        call->reply(ResourceRegistry::textContents(uri, {}, QStringLiteral("v2")));
    };
    m_registry->resources().addResource(again);
    const QJsonArray items = resultOf(m_client->request(QStringLiteral("resources/list")))
                                 .value(QStringLiteral("resources"))
                                 .toArray();
    QCOMPARE(items.size(), 2);
    const QJsonObject r = resultOf(m_client->request(QStringLiteral("resources/read"),
        QJsonObject {{QStringLiteral("uri"), QStringLiteral("config://networks")}}));
    const QJsonObject c = r.value(QStringLiteral("contents")).toArray().first().toObject();
    QCOMPARE(c.value(QStringLiteral("text")).toString(), QStringLiteral("v2"));
    QVERIFY(!c.contains(QStringLiteral("mimeType")));
    QVERIFY(m_registry->resources().removeResource(QStringLiteral("config://networks")));
    QVERIFY(!m_registry->resources().knows(QStringLiteral("config://networks")));
}

void TestMcpResources::subscribeDeliversUpdatesOnlyToSubscribers()
{
    InProcessClient other(*m_server, QStringLiteral("other"));
    other.initialize();
    const QString uri = QStringLiteral("config://networks");
    QVERIFY(
        m_client->request(QStringLiteral("resources/subscribe"), QJsonObject {{QStringLiteral("uri"), uri}})
            .contains(QStringLiteral("result")));
    QVERIFY(m_client->session()->subscriptions().contains(uri));
    QVERIFY(other.session()->subscriptions().isEmpty());
    m_client->clearReceived();
    other.clearReceived();

    m_registry->notifyResourceUpdated(uri);
    m_registry->notifyResourceUpdated(QStringLiteral("market://usdt/info")); // nobody subscribed
    const QList<QJsonObject> updates =
        m_client->receivedWithMethod(QStringLiteral("notifications/resources/updated"));
    QCOMPARE(updates.size(), 1);
    QCOMPARE(
        updates.first().value(QStringLiteral("params")).toObject().value(QStringLiteral("uri")).toString(),
        uri);
    QVERIFY(!updates.first().contains(QStringLiteral("id")));
    QVERIFY(other.received().isEmpty());

    QVERIFY(
        m_client->request(QStringLiteral("resources/unsubscribe"), QJsonObject {{QStringLiteral("uri"), uri}})
            .contains(QStringLiteral("result")));
    QVERIFY(m_client->session()->subscriptions().isEmpty());
    m_client->clearReceived();
    m_registry->notifyResourceUpdated(uri);
    QVERIFY(m_client->received().isEmpty());

    // A closed session gets nothing.
    QVERIFY(other.request(QStringLiteral("resources/subscribe"), QJsonObject {{QStringLiteral("uri"), uri}})
                .contains(QStringLiteral("result")));
    other.session()->close(QStringLiteral("bye"));
    other.clearReceived();
    m_registry->notifyResourceUpdated(uri);
    QVERIFY(other.received().isEmpty());
}

void TestMcpResources::subscribeToTemplateResource()
{
    const QString uri = QStringLiteral("payment://invoice/inv_7");
    QVERIFY(
        m_client->request(QStringLiteral("resources/subscribe"), QJsonObject {{QStringLiteral("uri"), uri}})
            .contains(QStringLiteral("result")));
    m_client->clearReceived();
    m_registry->notifyResourceUpdated(QStringLiteral("payment://invoice/inv_8"));
    QVERIFY(m_client->received().isEmpty());
    m_registry->notifyResourceUpdated(uri);
    QCOMPARE(m_client->receivedWithMethod(QStringLiteral("notifications/resources/updated")).size(), 1);
}

void TestMcpResources::subscribeUnknownIsResourceNotFound()
{
    const QJsonObject r = m_client->request(QStringLiteral("resources/subscribe"),
        QJsonObject {{QStringLiteral("uri"), QStringLiteral("nope://x")}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::ResourceNotFound));
    QCOMPARE(errorOf(r).value(QStringLiteral("data")).toObject().value(QStringLiteral("uri")).toString(),
        QStringLiteral("nope://x"));
    QVERIFY(m_client->session()->subscriptions().isEmpty());
}

void TestMcpResources::subscribeNeedsUri()
{
    QCOMPARE(
        errorCodeOf(m_client->request(QStringLiteral("resources/subscribe"))), int(JsonRpc::InvalidParams));
    QCOMPARE(
        errorCodeOf(m_client->request(QStringLiteral("resources/unsubscribe"))), int(JsonRpc::InvalidParams));
    QVERIFY(m_client->session()->subscriptions().isEmpty());
}

void TestMcpResources::listPrompts()
{
    const QJsonArray prompts = resultOf(m_client->request(QStringLiteral("prompts/list")))
                                   .value(QStringLiteral("prompts"))
                                   .toArray();
    QCOMPARE(prompts.size(), 2);
    const QJsonObject p = prompts.at(0).toObject();
    QCOMPARE(p.value(QStringLiteral("name")).toString(), QStringLiteral("create_payment_prompt"));
    QCOMPARE(p.value(QStringLiteral("title")).toString(), QStringLiteral("Create a payment"));
    const QJsonArray args = p.value(QStringLiteral("arguments")).toArray();
    QCOMPARE(args.size(), 2);
    QCOMPARE(args.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("amount"));
    QCOMPARE(args.at(0).toObject().value(QStringLiteral("required")).toBool(), true);
    QCOMPARE(args.at(1).toObject().value(QStringLiteral("required")).toBool(), false);
    QCOMPARE(args.at(1).toObject().value(QStringLiteral("title")).toString(), QStringLiteral("Network"));
    QVERIFY(!prompts.at(1).toObject().contains(QStringLiteral("arguments")));
}

void TestMcpResources::getPrompt()
{
    const QJsonObject r = resultOf(m_client->request(QStringLiteral("prompts/get"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("create_payment_prompt")},
            {QStringLiteral("arguments"),
                QJsonObject {{QStringLiteral("amount"), QStringLiteral("25")},
                    {QStringLiteral("network"), QStringLiteral("ERC20")}}}}));
    const QJsonArray messages = r.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    const QJsonObject m = messages.first().toObject();
    QCOMPARE(m.value(QStringLiteral("role")).toString(), QStringLiteral("user"));
    QCOMPARE(m.value(QStringLiteral("content")).toObject().value(QStringLiteral("text")).toString(),
        QStringLiteral("Create an invoice for 25 USDT on ERC20"));
    // Optional arguments may be left out.
    const QJsonObject r2 = resultOf(m_client->request(QStringLiteral("prompts/get"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("create_payment_prompt")},
            {QStringLiteral("arguments"), QJsonObject {{QStringLiteral("amount"), QStringLiteral("5")}}}}));
    QVERIFY(r2.value(QStringLiteral("messages"))
                .toArray()
                .first()
                .toObject()
                .value(QStringLiteral("content"))
                .toObject()
                .value(QStringLiteral("text"))
                .toString()
                .endsWith(QLatin1String("TRC20")));
    // A prompt without arguments needs no "arguments".
    QVERIFY(m_client
                ->request(QStringLiteral("prompts/get"),
                    QJsonObject {{QStringLiteral("name"), QStringLiteral("balance_inquiry_prompt")}})
                .contains(QStringLiteral("result")));
}

void TestMcpResources::getPromptMissingRequiredArgument()
{
    for (const QJsonObject& args : {QJsonObject {}, QJsonObject {{QStringLiteral("amount"), QString()}}}) {
        const QJsonObject r = m_client->request(QStringLiteral("prompts/get"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("create_payment_prompt")},
                {QStringLiteral("arguments"), args}});
        QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
        QVERIFY2(errorMessageOf(r).contains(QLatin1String("amount")), qPrintable(errorMessageOf(r)));
        QVERIFY(errorMessageOf(r).contains(QLatin1String("create_payment_prompt")));
    }
}

void TestMcpResources::getPromptUnknownArgument()
{
    const QJsonObject r = m_client->request(QStringLiteral("prompts/get"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("create_payment_prompt")},
            {QStringLiteral("arguments"),
                QJsonObject {{QStringLiteral("amount"), QStringLiteral("1")},
                    {QStringLiteral("currency"), QStringLiteral("EUR")}}}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    const QString message = errorMessageOf(r);
    QVERIFY2(message.contains(QLatin1String("currency")), qPrintable(message));
    QVERIFY(message.contains(QLatin1String("amount")) && message.contains(QLatin1String("network")));
}

void TestMcpResources::getPromptNonStringArgument()
{
    const QJsonObject r = m_client->request(QStringLiteral("prompts/get"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("create_payment_prompt")},
            {QStringLiteral("arguments"),
                QJsonObject {
                    {QStringLiteral("amount"), QStringLiteral("1")}, {QStringLiteral("network"), 20}}}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    QVERIFY(errorMessageOf(r).contains(QLatin1String("network")));
}

void TestMcpResources::getUnknownPrompt()
{
    const QJsonObject r = m_client->request(
        QStringLiteral("prompts/get"), QJsonObject {{QStringLiteral("name"), QStringLiteral("nope")}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    QVERIFY(errorMessageOf(r).contains(QLatin1String("nope")));
    QVERIFY(errorMessageOf(r).contains(QLatin1String("balance_inquiry_prompt")));
}

namespace
{

QJsonObject completion(InProcessClient* client, const QJsonObject& ref, const QString& name,
    const QString& value, const QJsonObject& context = {})
{
    QJsonObject params {{QStringLiteral("ref"), ref},
        {QStringLiteral("argument"),
            QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("value"), value}}}};
    if (!context.isEmpty())
        params.insert(QStringLiteral("context"), QJsonObject {{QStringLiteral("arguments"), context}});
    return client->request(QStringLiteral("completion/complete"), params);
}

QJsonObject promptRef(const QString& name)
{
    return QJsonObject {
        {QStringLiteral("type"), QStringLiteral("ref/prompt")}, {QStringLiteral("name"), name}};
}

QJsonObject resourceRef(const QString& uri)
{
    return QJsonObject {
        {QStringLiteral("type"), QStringLiteral("ref/resource")}, {QStringLiteral("uri"), uri}};
}

QStringList values(const QJsonObject& response)
{
    QStringList out;
    for (const QJsonValue& v : resultOf(response)
                                   .value(QStringLiteral("completion"))
                                   .toObject()
                                   .value(QStringLiteral("values"))
                                   .toArray())
        out << v.toString();
    return out;
}

} // namespace

void TestMcpResources::completePromptArgument()
{
    const QJsonObject r = completion(m_client, promptRef(QStringLiteral("create_payment_prompt")),
        QStringLiteral("network"), QStringLiteral("e"));
    QCOMPARE(values(r), QStringList {QStringLiteral("ERC20")});
    const QJsonObject c = resultOf(r).value(QStringLiteral("completion")).toObject();
    QCOMPARE(c.value(QStringLiteral("total")).toInt(), 1);
    QCOMPARE(c.value(QStringLiteral("hasMore")).toBool(), false);
}

void TestMcpResources::completeCapsAtHundred()
{
    const QJsonObject r = completion(m_client, promptRef(QStringLiteral("create_payment_prompt")),
        QStringLiteral("amount"), QString(), QJsonObject {{QStringLiteral("network"), QStringLiteral("x")}});
    const QStringList v = values(r);
    QCOMPARE(v.size(), 100);
    QCOMPARE(v.first(), QStringLiteral("1x")); // the context reached the completer
    const QJsonObject c = resultOf(r).value(QStringLiteral("completion")).toObject();
    QCOMPARE(c.value(QStringLiteral("total")).toInt(), 150);
    QCOMPARE(c.value(QStringLiteral("hasMore")).toBool(), true);
}

void TestMcpResources::completeTemplateVariable()
{
    const QJsonObject r = completion(m_client, resourceRef(QStringLiteral("payment://invoice/{id}")),
        QStringLiteral("id"), QStringLiteral("inv_1"));
    QCOMPARE(values(r), (QStringList {QStringLiteral("inv_1"), QStringLiteral("inv_10")}));
    QCOMPARE(
        resultOf(r).value(QStringLiteral("completion")).toObject().value(QStringLiteral("hasMore")).toBool(),
        false);
}

void TestMcpResources::completeWithoutCompleter()
{
    const QJsonObject r =
        completion(m_client, resourceRef(QStringLiteral("market://{exchange}/ticker/{symbol}")),
            QStringLiteral("symbol"), QStringLiteral("B"));
    QVERIFY(r.contains(QStringLiteral("result")));
    QVERIFY(values(r).isEmpty());
    QCOMPARE(
        resultOf(r).value(QStringLiteral("completion")).toObject().value(QStringLiteral("total")).toInt(), 0);
    const QJsonObject p = completion(
        m_client, promptRef(QStringLiteral("balance_inquiry_prompt")), QStringLiteral("x"), QString());
    QVERIFY(p.contains(QStringLiteral("result")));
    QVERIFY(values(p).isEmpty());
}

void TestMcpResources::completeErrors()
{
    QJsonObject r = completion(m_client, promptRef(QStringLiteral("nope")), QStringLiteral("a"), QString());
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    QVERIFY(errorMessageOf(r).contains(QLatin1String("nope")));
    r = completion(
        m_client, resourceRef(QStringLiteral("payment://invoice/inv_1")), QStringLiteral("id"), QString());
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    r = completion(m_client, QJsonObject {{QStringLiteral("type"), QStringLiteral("ref/tool")}},
        QStringLiteral("id"), QString());
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    QVERIFY(errorMessageOf(r).contains(QLatin1String("ref/prompt")));
    r = m_client->request(QStringLiteral("completion/complete"),
        QJsonObject {{QStringLiteral("ref"), promptRef(QStringLiteral("create_payment_prompt"))}});
    QCOMPARE(errorCodeOf(r), int(JsonRpc::InvalidParams));
    QVERIFY(errorMessageOf(r).contains(QLatin1String("argument")));
}

QTEST_GUILESS_MAIN(TestMcpResources)
#include "tst_mcpresources.moc"
