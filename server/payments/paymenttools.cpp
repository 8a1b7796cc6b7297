#include "payments/paymenttools.h"

#include "payments/amountrules.h"
#include "payments/invoicejson.h"
#include "payments/invoiceservice.h"
#include "payments/paymentschemas.h"
#include "payments/recentinvoiceids.h"
#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"
#include "protocol/mcpregistry.h"
#include "protocol/toolresult.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace
{

const QString kNetworksUri = QStringLiteral("config://networks");

ToolAnnotations annotations(
    const QString& title, bool readOnly, bool destructive, bool idempotent, bool openWorld)
{
    ToolAnnotations a;
    a.title = title;
    a.readOnly = readOnly;
    a.destructive = destructive;
    a.idempotent = idempotent;
    a.openWorld = openWorld;
    return a;
}

ToolDefinition tool(const char* name, const QString& title, const QString& description,
    const QJsonObject& input, const QJsonObject& output, const ToolAnnotations& hints,
    ToolDefinition::Handler handler)
{
    ToolDefinition t;
    t.name = QLatin1String(name);
    t.title = title;
    t.description = description;
    t.inputSchema = input;
    t.outputSchema = output;
    t.annotations = hints;
    t.handler = std::move(handler);
    return t;
}

QStringList currencySpellings(const NetworkCatalog& networks)
{
    QStringList out {QStringLiteral("USD")};
    out += networks.tickers();
    const QStringList upper = out;
    for (const QString& c : upper)
        out.append(c.toLower());
    return out;
}

QString client(McpCall* call)
{
    const QString name = call->origin().clientName;
    return name.isEmpty() ? QStringLiteral("unknown") : name;
}

// A time argument: ms since the epoch (number or digits) or ISO-8601 (UTC when no zone is given).
Result<std::optional<qint64>> timeArgument(const QJsonObject& args, const QString& field)
{
    const QJsonValue v = args.value(field);
    if (v.isUndefined() || v.isNull())
        return std::optional<qint64>();
    if (v.isDouble())
        return std::optional<qint64>(qint64(v.toDouble()));
    const QString text = v.toString().trimmed();
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,15}$"));
    if (digits.match(text).hasMatch())
        return std::optional<qint64>(text.toLongLong());
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            t = QDateTime(day, QTime(0, 0), Qt::UTC);
    } else if (t.timeSpec() == Qt::LocalTime) {
        t.setTimeSpec(Qt::UTC);
    }
    if (!t.isValid())
        return Error(QStringLiteral("invalid_time"),
            QStringLiteral(
                "%1 \"%2\" is not a time: give ms since 1970 or an ISO-8601 date such as 2025-06-01 or "
                "2025-06-01T10:00:00Z.")
                .arg(field, text.left(40)));
    return std::optional<qint64>(t.toMSecsSinceEpoch());
}

QString createNote(
    const InvoiceRecord& inv, bool created, const QString& provider, const NetworkCatalog& networks)
{
    QString note;
    if (!created)
        note = QStringLiteral(
            "This idempotency key was used before: this is the invoice it created, no new one was made. ");
    const QString ticker = SandboxLedger::networkOf(networks, inv).ticker;
    const QString due = inv.amountCoin
        ? QStringLiteral("%1 %2 on %3").arg(*inv.amountCoin, ticker, inv.network)
        : inv.network;
    note += QStringLiteral("Invoice %1 asks for %2 and is %3 until %4 (UTC). Give the payer payment_url")
                .arg(inv.id, due, inv.status, InvoiceJson::iso(inv.expiresAt));
    note += inv.address.isEmpty() ? QStringLiteral(". ") : QStringLiteral(" or the address. ");
    note += QStringLiteral("Check its status with get_invoice or subscribe to %1.")
                .arg(InvoiceJson::resourceUri(inv.id));
    if (provider == QLatin1String("sandbox"))
        note += QStringLiteral(
            " This is the sandbox: no real money moves. Simulate the payment with simulate_payment "
            "or `finagent sandbox pay %1`.")
                    .arg(inv.id);
    return note;
}

void addCreate(ToolRegistry& tools, InvoiceService& service)
{
    const NetworkCatalog& networks = service.networks();
    tools.add(tool("create_payment", QStringLiteral("Create a payment invoice"),
        QStringLiteral("Creates a USDT payment invoice on a network (%1) for an amount in USD or in the "
                       "coin, and returns where to "
                       "pay (payment_url, and a deposit address when there is one). Always pass "
                       "idempotency_key (for example the "
                       "order id): a retried call with the same key and arguments returns the same invoice "
                       "instead of creating a "
                       "second one; without a key every call creates a new invoice. Amounts are decimal "
                       "strings such as \"25.00\". "
                       "Provider: %2.")
            .arg(networks.names().join(QStringLiteral(", ")), service.provider().displayName()),
        PaymentSchemas::createInput(
            networks.spellings(), currencySpellings(networks), service.config().invoiceExpiryMinutes),
        PaymentSchemas::createOutput(),
        annotations(QStringLiteral("Create a payment invoice"), false, false, false, true),
        [&service](McpCall* call, const QJsonObject& args) {
            const Result<QString> amount = AmountRules::textOf(args.value(QStringLiteral("amount")));
            if (!amount) {
                call->replyTool(ToolResult::failure(amount.error()));
                return;
            }
            InvoiceService::CreateRequest request;
            request.amount = amount.value();
            request.currency = args.value(QStringLiteral("currency")).toString(QStringLiteral("USD"));
            request.network = args.value(QStringLiteral("network")).toString();
            request.description = args.value(QStringLiteral("description")).toString();
            request.idempotencyKey = args.value(QStringLiteral("idempotency_key")).toString();
            if (args.value(QStringLiteral("expires_in_minutes")).isDouble())
                request.expiresInMinutes = args.value(QStringLiteral("expires_in_minutes")).toInt();
            request.client = client(call);
            service.create(request, call, [call, &service](Result<InvoiceService::Created> made) {
                if (!made) {
                    call->replyTool(ToolResult::failure(made.error()));
                    return;
                }
                QJsonObject out = InvoiceJson::invoice(made.value().invoice, service.networks());
                out.insert(QStringLiteral("created"), made.value().created);
                out.insert(QStringLiteral("note"),
                    createNote(made.value().invoice, made.value().created, service.provider().name(),
                        service.networks()));
                call->replyTool(ToolResult::structured(out));
            });
        }));
}

void addBalance(ToolRegistry& tools, InvoiceService& service)
{
    const bool sandbox = service.provider().name() == QLatin1String("sandbox");
    tools.add(tool("check_balance", QStringLiteral("Wallet balances"),
        sandbox
            ? QStringLiteral(
                "Balance of the sandbox wallet per network: the sum of the payments simulated there. "
                "Give network for one, or leave it out for all. Amounts are decimal strings.")
            : QStringLiteral(
                "Balance of the CoinRemitter wallet of each network (one wallet per coin), with its value "
                "in US dollars when a rate is available. Give network for one, or leave it out for all. "
                "Amounts are decimal strings."),
        PaymentSchemas::balanceInput(service.networks().spellings()), PaymentSchemas::balanceOutput(),
        annotations(QStringLiteral("Wallet balances"), true, false, true, !sandbox),
        [&service](McpCall* call, const QJsonObject& args) {
            service.balances(args.value(QStringLiteral("network")).toString(), call,
                [call, &service](Result<QList<BalanceEntry>> entries) {
                    if (!entries) {
                        call->replyTool(ToolResult::failure(entries.error()));
                        return;
                    }
                    QJsonArray list;
                    for (const BalanceEntry& e : entries.value())
                        list.append(InvoiceJson::balance(e));
                    const qint64 t = service.now();
                    call->replyTool(ToolResult::structured(QJsonObject {
                        {QStringLiteral("provider"), service.provider().name()},
                        {QStringLiteral("balances"), list},
                        {QStringLiteral("checked_at"), t},
                        {QStringLiteral("checked_at_iso"), InvoiceJson::iso(t)},
                    }));
                });
        }));
}

void addList(ToolRegistry& tools, InvoiceService& service)
{
    tools.add(tool("list_invoices", QStringLiteral("List invoices"),
        QStringLiteral(
            "Lists invoices made here, newest first, with their status and amounts. Filter by status, "
            "network "
            "and creation time (created_from inclusive, created_to exclusive); page with limit and cursor "
            "(next_cursor of the previous page)."),
        PaymentSchemas::listInput(service.networks().spellings()), PaymentSchemas::listOutput(),
        annotations(QStringLiteral("List invoices"), true, false, true, false),
        [&service](McpCall* call, const QJsonObject& args) {
            InvoiceFilter filter;
            const QString status = args.value(QStringLiteral("status")).toString();
            if (!status.isEmpty())
                filter.statuses = QStringList {status};
            const QString network = args.value(QStringLiteral("network")).toString();
            if (!network.isEmpty()) {
                const Result<PaymentNetwork> n = service.networks().resolve(network);
                if (!n) {
                    call->replyTool(ToolResult::failure(n.error()));
                    return;
                }
                filter.network = n.value().network;
            }
            const Result<std::optional<qint64>> from = timeArgument(args, QStringLiteral("created_from"));
            const Result<std::optional<qint64>> to = timeArgument(args, QStringLiteral("created_to"));
            for (const Error& e : {from.error(), to.error()}) {
                if (!e.isNull()) {
                    call->replyTool(ToolResult::failure(e));
                    return;
                }
            }
            filter.createdFrom = from.value();
            filter.createdTo = to.value();
            filter.limit = args.value(QStringLiteral("limit")).toInt(20);
            filter.cursor = args.value(QStringLiteral("cursor")).toString();
            service.list(filter, call, [call, &service](Result<InvoicePage> page) {
                if (!page) {
                    call->replyTool(ToolResult::failure(page.error()));
                    return;
                }
                QJsonArray items;
                for (const InvoiceRecord& r : page.value().items)
                    items.append(InvoiceJson::invoice(r, service.networks()));
                call->replyTool(ToolResult::structured(QJsonObject {
                    {QStringLiteral("invoices"), items},
                    {QStringLiteral("count"), items.size()},
                    {QStringLiteral("total"), page.value().total},
                    {QStringLiteral("next_cursor"),
                        page.value().nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                          : QJsonValue(page.value().nextCursor)},
                }));
            });
        }));
}

// The invoice with its history, for get_invoice and the resource.
void invoiceWithEvents(
    InvoiceService& service, const QString& id, McpCall* call, std::function<void(Result<QJsonObject>)> done)
{
    service.get(id, call, [&service, call, done](Result<InvoiceRecord> inv) {
        if (!inv) {
            done(inv.error());
            return;
        }
        const InvoiceRecord record = inv.value();
        service.events(record.id, call, [&service, record, done](Result<QList<InvoiceEvent>> events) {
            if (!events) {
                done(events.error());
                return;
            }
            QJsonObject out = InvoiceJson::invoice(record, service.networks());
            QJsonArray list;
            for (const InvoiceEvent& e : events.value())
                list.append(InvoiceJson::event(e));
            out.insert(QStringLiteral("events"), list);
            done(out);
        });
    });
}

void addGet(ToolRegistry& tools, InvoiceService& service)
{
    tools.add(tool("get_invoice", QStringLiteral("Get an invoice"),
        QStringLiteral(
            "One invoice by id, with its current status, amounts, payment URL and status history. Status is "
            "kept current in the background; to be told of changes, subscribe to its resource_uri."),
        PaymentSchemas::getInput(), PaymentSchemas::getOutput(),
        annotations(QStringLiteral("Get an invoice"), true, false, true, false),
        [&service](McpCall* call, const QJsonObject& args) {
            invoiceWithEvents(service, args.value(QStringLiteral("invoice_id")).toString(), call,
                [call](Result<QJsonObject> out) {
                    call->replyTool(
                        out ? ToolResult::structured(out.value()) : ToolResult::failure(out.error()));
                });
        }));
}

void addSimulate(ToolRegistry& tools, InvoiceService& service)
{
    tools.add(tool("simulate_payment", QStringLiteral("Simulate a payment (sandbox)"),
        QStringLiteral(
            "Sandbox only: simulates what a payer does to a pending invoice: pays it in full, pays too "
            "little "
            "(underpaid), pays too much (overpaid), or lets it expire. No real money moves. Use it to try "
            "how an invoice's status changes."),
        PaymentSchemas::simulateInput(), PaymentSchemas::simulateOutput(),
        annotations(QStringLiteral("Simulate a payment (sandbox)"), false, true, false, false),
        [&service](McpCall* call, const QJsonObject& args) {
            const QString outcomeName = args.value(QStringLiteral("outcome")).toString();
            const std::optional<SandboxLedger::Outcome> outcome = SandboxLedger::parseOutcome(outcomeName);
            QString amount;
            if (args.contains(QStringLiteral("amount"))) {
                const Result<QString> text = AmountRules::textOf(args.value(QStringLiteral("amount")));
                if (!text) {
                    call->replyTool(ToolResult::failure(text.error()));
                    return;
                }
                amount = text.value();
            }
            service.simulatePayment(args.value(QStringLiteral("invoice_id")).toString(), *outcome, amount,
                call, [call, &service, outcomeName](Result<InvoiceRecord> inv) {
                    if (!inv) {
                        call->replyTool(ToolResult::failure(inv.error()));
                        return;
                    }
                    QJsonObject out = InvoiceJson::invoice(inv.value(), service.networks());
                    out.insert(QStringLiteral("simulated"), outcomeName);
                    out.insert(QStringLiteral("note"),
                        QStringLiteral("Invoice %1 is now %2 (paid %3 %4 so far). This was a simulation: no "
                                       "money moved.")
                            .arg(inv.value().id, inv.value().status, inv.value().paidAmount,
                                SandboxLedger::networkOf(service.networks(), inv.value()).ticker));
                    call->replyTool(ToolResult::structured(out));
                });
        }));
}

void addResources(ResourceRegistry& resources, InvoiceService& service, RecentInvoiceIds& ids)
{
    ResourceTemplateDefinition invoice;
    invoice.uriTemplate = QStringLiteral("payment://invoice/{id}");
    invoice.name = QStringLiteral("invoice");
    invoice.title = QStringLiteral("Payment invoice");
    invoice.description =
        QStringLiteral("One invoice as JSON (the same as get_invoice). Subscribe to be notified when "
                       "its status changes.");
    invoice.mimeType = QStringLiteral("application/json");
    invoice.reader = [&service](McpCall* call, const QString& uri, const QHash<QString, QString>& vars) {
        invoiceWithEvents(
            service, vars.value(QStringLiteral("id")), call, [call, uri](Result<QJsonObject> out) {
                if (!out) {
                    const bool missing = out.error().code == QLatin1String("not_found");
                    call->replyError(missing ? JsonRpc::ResourceNotFound : JsonRpc::InternalError,
                        out.error().message, QJsonObject {{QStringLiteral("uri"), uri}});
                    return;
                }
                call->reply(ResourceRegistry::jsonContents(uri, out.value()));
            });
    };
    invoice.completer = [&ids](const QString& argument, const QString& value,
                            const QJsonObject&) -> QStringList {
        if (argument != QLatin1String("id"))
            return {};
        return ids.matching(value);
    };
    resources.addTemplate(std::move(invoice));

    ResourceDefinition networks;
    networks.uri = kNetworksUri;
    networks.name = QStringLiteral("networks");
    networks.title = QStringLiteral("Payment networks");
    networks.description =
        QStringLiteral("The payment networks configured here: coin, decimals, amount limits and the "
                       "provider.");
    networks.mimeType = QStringLiteral("application/json");
    networks.reader = [&service](McpCall* call, const QString& uri) {
        call->reply(ResourceRegistry::jsonContents(
            uri, InvoiceJson::networks(service.networks(), service.config(), service.provider().name())));
    };
    resources.addResource(std::move(networks));
}

QStringList prefixed(const QStringList& values, const QString& prefix)
{
    QStringList out;
    for (const QString& v : values) {
        if (v.startsWith(prefix, Qt::CaseInsensitive))
            out.append(v);
    }
    return out;
}

void addPrompts(PromptRegistry& prompts, InvoiceService& service)
{
    PromptDefinition create;
    create.name = QStringLiteral("create_payment_prompt");
    create.title = QStringLiteral("Create a payment");
    create.description =
        QStringLiteral("Asks the assistant to create a USDT invoice and hand the payer what they need.");
    create.arguments = {
        {QStringLiteral("amount"), QStringLiteral("Amount"),
            QStringLiteral("Amount in USD, like 25 or 10.50"), true},
        {QStringLiteral("network"), QStringLiteral("Network"),
            QStringLiteral("%1").arg(service.networks().names().join(QStringLiteral(" or "))), true},
        {QStringLiteral("description"), QStringLiteral("Description"),
            QStringLiteral("What the payment is for"), false},
    };
    create.handler = [&service](McpCall* call, const QJsonObject& args) {
        const QString amountText = args.value(QStringLiteral("amount")).toString().trimmed();
        const Result<Decimal> amount =
            AmountRules::parse(amountText, QStringLiteral("USD"), AmountRules::kUsdDecimals);
        if (!amount) {
            call->replyError(JsonRpc::InvalidParams, amount.error().message);
            return;
        }
        const Result<PaymentNetwork> network =
            service.networks().resolve(args.value(QStringLiteral("network")).toString());
        if (!network) {
            call->replyError(JsonRpc::InvalidParams, network.error().message);
            return;
        }
        const QString description = args.value(QStringLiteral("description")).toString().trimmed();
        QString text =
            QStringLiteral("Create a payment invoice for %1 USD, paid in %2.\n\n"
                           "1. Call create_payment with amount \"%1\", currency \"USD\", network \"%3\"%4, "
                           "and an idempotency_key that "
                           "is unique to this payment (for example an order number). If the call fails or "
                           "times out, call it again "
                           "with the same idempotency_key: that never creates a second invoice.\n"
                           "2. Tell me the invoice id, the exact amount to pay in %5, the payment_url (and "
                           "the address, if there is "
                           "one) and when it expires.\n"
                           "3. To see whether it was paid, call get_invoice with the invoice id.\n\n"
                           "Quote amounts exactly as the tool returns them.")
                .arg(amount.value().toFixed(AmountRules::kUsdDecimals), network.value().displayName,
                    network.value().network,
                    description.isEmpty() ? QString()
                                          : QStringLiteral(", description \"%1\"").arg(description.left(200)),
                    network.value().ticker);
        if (service.provider().name() == QLatin1String("sandbox"))
            text += QStringLiteral(
                "\n\nFinAgent runs in sandbox mode: no real money moves. simulate_payment can play the "
                "payer.");
        call->reply(QJsonObject {
            {QStringLiteral("description"),
                QStringLiteral("Create a %1 USD invoice on %2")
                    .arg(amount.value().toFixed(AmountRules::kUsdDecimals), network.value().network)},
            {QStringLiteral("messages"), QJsonArray {PromptRegistry::userText(text)}}});
    };
    create.completer = [&service](
                           const QString& argument, const QString& value, const QJsonObject&) -> QStringList {
        if (argument == QLatin1String("network"))
            return prefixed(service.networks().names(), value);
        return {};
    };
    prompts.add(std::move(create));

    PromptDefinition balance;
    balance.name = QStringLiteral("balance_inquiry_prompt");
    balance.title = QStringLiteral("Wallet balances");
    balance.description =
        QStringLiteral("Asks the assistant to report the wallet balances and recent invoices.");
    balance.arguments = {{QStringLiteral("network"), QStringLiteral("Network"),
        QStringLiteral("One network (%1); leave out for all")
            .arg(service.networks().names().join(QStringLiteral(", "))),
        false}};
    balance.handler = [&service](McpCall* call, const QJsonObject& args) {
        const QString input = args.value(QStringLiteral("network")).toString().trimmed();
        QString scope = QStringLiteral("every network");
        QString argument;
        if (!input.isEmpty()) {
            const Result<PaymentNetwork> network = service.networks().resolve(input);
            if (!network) {
                call->replyError(JsonRpc::InvalidParams, network.error().message);
                return;
            }
            scope = network.value().displayName;
            argument = QStringLiteral(" with network \"%1\"").arg(network.value().network);
        }
        const QString text = QStringLiteral("Report my crypto wallet balances for %1.\n\n"
                                            "1. Call check_balance%2. For each wallet give the balance in "
                                            "its coin and in US dollars when usd_value is "
                                            "there, with the time it was read; if a wallet reports an error, "
                                            "say what it means and what to do.\n"
                                            "2. Call list_invoices with status \"pending\" and say how many "
                                            "invoices are still waiting for payment and "
                                            "for how much.\n\n"
                                            "Quote amounts exactly as the tools return them.%3")
                                 .arg(scope, argument,
                                     service.provider().name() == QLatin1String("sandbox") ? QStringLiteral(
                                         " FinAgent runs in sandbox mode: balances are simulated.")
                                                                                           : QString());
        call->reply(
            QJsonObject {{QStringLiteral("description"), QStringLiteral("Wallet balances for %1").arg(scope)},
                {QStringLiteral("messages"), QJsonArray {PromptRegistry::userText(text)}}});
    };
    balance.completer = [&service](const QString& argument, const QString& value,
                            const QJsonObject&) -> QStringList {
        if (argument == QLatin1String("network"))
            return prefixed(service.networks().names(), value);
        return {};
    };
    prompts.add(std::move(balance));
}

} // namespace

void registerPaymentTools(McpRegistry& registry, InvoiceService& service, RecentInvoiceIds& ids)
{
    addCreate(registry.tools(), service);
    addBalance(registry.tools(), service);
    addList(registry.tools(), service);
    addGet(registry.tools(), service);
    if (service.provider().name() == QLatin1String("sandbox"))
        addSimulate(registry.tools(), service);
    addResources(registry.resources(), service, ids);
    addPrompts(registry.prompts(), service);

    QObject::connect(&service, &InvoiceService::invoiceChanged, &registry,
        [&registry](const std::optional<InvoiceRecord>&, const InvoiceRecord& after) {
            registry.notifyResourceUpdated(InvoiceJson::resourceUri(after.id));
        });
}
