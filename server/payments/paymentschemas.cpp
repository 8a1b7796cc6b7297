#include "payments/paymentschemas.h"

#include "payments/invoiceservice.h"
#include "payments/sandboxledger.h"
#include "protocol/schemabuilder.h"
#include "storage/invoicefilter.h"
#include "storage/invoicerecord.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace
{

using namespace SchemaBuilder;

QJsonObject amountArgument(const QString& description)
{
    return QJsonObject {
        {QStringLiteral("type"), QJsonArray {QStringLiteral("string"), QStringLiteral("number")}},
        {QStringLiteral("description"), description}};
}

QJsonObject invoiceIdArgument()
{
    QJsonObject o =
        str(QStringLiteral("The invoice id, inv_ followed by 16 characters (from create_payment or "
                           "list_invoices)"));
    o.insert(QStringLiteral("minLength"), 1);
    o.insert(QStringLiteral("maxLength"), 128);
    return o;
}

QString networkHelp(const QStringList& spellings)
{
    return QStringLiteral("The payment network: %1 (any case; TRC-20 style and the coin code work too). See "
                          "config://networks.")
        .arg(spellings.isEmpty() ? QString() : spellings.join(QStringLiteral(", ")));
}

QStringList canonicalOnly(const QStringList& spellings)
{
    QStringList out;
    for (const QString& s : spellings) {
        if (s == s.toUpper() && !s.contains(QLatin1Char('-')))
            out.append(s);
    }
    return out;
}

QJsonObject withInvoice(QJsonObject extra, QStringList extraRequired)
{
    QJsonObject properties = PaymentSchemas::invoiceProperties();
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        properties.insert(it.key(), it.value());
    return object(properties, PaymentSchemas::invoiceRequired() + extraRequired);
}

QJsonObject eventSchema()
{
    return object(
        QJsonObject {
            {QStringLiteral("at"), integer(QStringLiteral("When, ms since 1970 (UTC)"))},
            {QStringLiteral("at_iso"), str(QStringLiteral("The same time in ISO-8601"))},
            {QStringLiteral("from_status"),
                nullable("string", QStringLiteral("Status before; null for creation"))},
            {QStringLiteral("to_status"), str(QStringLiteral("Status after"))},
            {QStringLiteral("source"),
                str(QStringLiteral("What changed it: create, refresh, webhook, simulate, expiry, cancel"))},
            {QStringLiteral("details"), typed("object", QStringLiteral("Context of the change"))},
        },
        {QStringLiteral("at"), QStringLiteral("at_iso"), QStringLiteral("from_status"),
            QStringLiteral("to_status"), QStringLiteral("source"), QStringLiteral("details")});
}

} // namespace

namespace PaymentSchemas
{

QJsonObject invoiceProperties()
{
    return QJsonObject {
        {QStringLiteral("invoice_id"), str(QStringLiteral("FinAgent's invoice id"))},
        {QStringLiteral("status"),
            oneOfStrings(InvoiceRecord::statuses(),
                QStringLiteral("pending, paid, underpaid, overpaid, expired or "
                               "cancelled"))},
        {QStringLiteral("provider"), str(QStringLiteral("sandbox or coinremitter"))},
        {QStringLiteral("provider_invoice_id"),
            nullable("string", QStringLiteral("The provider's own invoice id"))},
        {QStringLiteral("network"), str(QStringLiteral("TRC20, ERC20, ..."))},
        {QStringLiteral("coin"), str(QStringLiteral("Wallet coin code, e.g. USDTTRC20"))},
        {QStringLiteral("ticker"), str(QStringLiteral("Unit of coin amounts, e.g. USDT"))},
        {QStringLiteral("currency"),
            str(QStringLiteral("Currency the amount was asked in: USD or the ticker"))},
        {QStringLiteral("amount"), str(QStringLiteral("The amount asked for, in currency"))},
        {QStringLiteral("amount_usd"), nullable("string", QStringLiteral("The amount in US dollars"))},
        {QStringLiteral("amount_coin"),
            nullable("string", QStringLiteral("The amount to pay, in ticker units"))},
        {QStringLiteral("paid_amount"), str(QStringLiteral("Paid so far, in ticker units"))},
        {QStringLiteral("remaining_amount"),
            nullable("string", QStringLiteral("Still owed, in ticker units"))},
        {QStringLiteral("description"), str(QStringLiteral("What the payment is for"))},
        {QStringLiteral("payment_url"), str(QStringLiteral("Page where the payer sees how to pay"))},
        {QStringLiteral("address"), str(QStringLiteral("Deposit address, when the provider gives one"))},
        {QStringLiteral("idempotency_key"),
            nullable("string", QStringLiteral("The key the invoice was created with"))},
        {QStringLiteral("client"), str(QStringLiteral("Which app created it"))},
        {QStringLiteral("created_at"), integer(QStringLiteral("ms since 1970 (UTC)"))},
        {QStringLiteral("created_at_iso"), str(QStringLiteral("ISO-8601"))},
        {QStringLiteral("updated_at"), integer(QStringLiteral("ms since 1970 (UTC)"))},
        {QStringLiteral("updated_at_iso"), str(QStringLiteral("ISO-8601"))},
        {QStringLiteral("expires_at"), integer(QStringLiteral("ms since 1970 (UTC)"))},
        {QStringLiteral("expires_at_iso"), str(QStringLiteral("ISO-8601"))},
        {QStringLiteral("paid_at"), nullable("integer", QStringLiteral("When it was paid, ms since 1970"))},
        {QStringLiteral("paid_at_iso"), nullable("string", QStringLiteral("ISO-8601"))},
        {QStringLiteral("version"), integer(QStringLiteral("Bumped by every status change"))},
        {QStringLiteral("resource_uri"), str(QStringLiteral("Subscribe to it for status changes"))},
    };
}

QStringList invoiceRequired()
{
    return invoiceProperties().keys();
}

QJsonObject createInput(
    const QStringList& networkSpellings, const QStringList& currencies, int defaultExpiryMinutes)
{
    QJsonObject currency = oneOfStrings(currencies,
        QStringLiteral("What the amount is in: USD (default) or the network's coin (%1)")
            .arg(currencies.mid(1)
                     .filter(QRegularExpression(QStringLiteral("^[A-Z0-9]+$")))
                     .join(QStringLiteral(", "))));
    currency.insert(QStringLiteral("default"), QStringLiteral("USD"));
    QJsonObject description =
        str(QStringLiteral("What the payment is for, shown to the payer (at most %1 characters)")
                .arg(InvoiceService::kMaxDescriptionLength));
    description.insert(QStringLiteral("maxLength"), InvoiceService::kMaxDescriptionLength);
    QJsonObject key = str(
        QStringLiteral("A unique key for this payment request, e.g. an order id. Pass one: if the call is "
                       "retried with the same key "
                       "and the same arguments, the original invoice comes back instead of a second one."));
    key.insert(QStringLiteral("minLength"), 1);
    key.insert(QStringLiteral("maxLength"), InvoiceService::kMaxIdempotencyKeyLength);
    key.insert(QStringLiteral("pattern"), QStringLiteral("^[A-Za-z0-9_.:-]+$"));
    QJsonObject expiry =
        integer(QStringLiteral("Minutes until the invoice expires (default %1)").arg(defaultExpiryMinutes));
    expiry.insert(QStringLiteral("minimum"), 1);
    expiry.insert(QStringLiteral("maximum"), InvoiceService::kMaxExpiryMinutes);
    return object(
        QJsonObject {
            {QStringLiteral("amount"),
                amountArgument(
                    QStringLiteral("The amount as a decimal string, like \"25\" or \"10.50\" (USD: at most 2 "
                                   "decimals; USDT: at most 6; more than 0, at most 1000000)"))},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("network"),
                oneOfStrings(networkSpellings, networkHelp(canonicalOnly(networkSpellings)))},
            {QStringLiteral("description"), description},
            {QStringLiteral("idempotency_key"), key},
            {QStringLiteral("expires_in_minutes"), expiry},
        },
        {QStringLiteral("amount"), QStringLiteral("network")});
}

QJsonObject createOutput()
{
    return withInvoice(
        QJsonObject {
            {QStringLiteral("created"),
                typed("boolean",
                    QStringLiteral("False when the idempotency key was known and this is the invoice it "
                                   "made earlier"))},
            {QStringLiteral("note"), str(QStringLiteral("What to tell the payer or do next"))},
        },
        {QStringLiteral("created"), QStringLiteral("note")});
}

QJsonObject balanceInput(const QStringList& networkSpellings)
{
    return object(QJsonObject {{QStringLiteral("network"),
                      oneOfStrings(networkSpellings,
                          networkHelp(canonicalOnly(networkSpellings))
                              + QStringLiteral(" Leave out for every network."))}},
        {});
}

QJsonObject balanceOutput()
{
    const QJsonObject error = QJsonObject {
        {QStringLiteral("type"), QJsonArray {QStringLiteral("object"), QStringLiteral("null")}},
        {QStringLiteral("properties"),
            QJsonObject {{QStringLiteral("code"), str()}, {QStringLiteral("message"), str()}}},
        {QStringLiteral("required"), QJsonArray {QStringLiteral("code"), QStringLiteral("message")}},
        {QStringLiteral("additionalProperties"), false},
        {QStringLiteral("description"),
            QStringLiteral("Why this wallet's balance could not be read, or null")},
    };
    const QJsonObject item = object(
        QJsonObject {
            {QStringLiteral("network"), str()},
            {QStringLiteral("coin"), str()},
            {QStringLiteral("ticker"), str()},
            {QStringLiteral("balance"), nullable("string", QStringLiteral("Balance in ticker units"))},
            {QStringLiteral("usd_value"),
                nullable("string", QStringLiteral("Value in US dollars, when a rate was known"))},
            {QStringLiteral("source"), str(QStringLiteral("Where the number comes from"))},
            {QStringLiteral("fetched_at"), nullable("integer", QStringLiteral("ms since 1970 (UTC)"))},
            {QStringLiteral("fetched_at_iso"), nullable("string", QStringLiteral("ISO-8601"))},
            {QStringLiteral("error"), error},
        },
        {QStringLiteral("network"), QStringLiteral("coin"), QStringLiteral("ticker"),
            QStringLiteral("balance"), QStringLiteral("usd_value"), QStringLiteral("source"),
            QStringLiteral("fetched_at"), QStringLiteral("fetched_at_iso"), QStringLiteral("error")});
    return object(
        QJsonObject {
            {QStringLiteral("provider"), str(QStringLiteral("sandbox or coinremitter"))},
            {QStringLiteral("balances"), arrayOf(item, QStringLiteral("One entry per wallet"))},
            {QStringLiteral("checked_at"), integer(QStringLiteral("ms since 1970 (UTC)"))},
            {QStringLiteral("checked_at_iso"), str(QStringLiteral("ISO-8601"))},
        },
        {QStringLiteral("provider"), QStringLiteral("balances"), QStringLiteral("checked_at"),
            QStringLiteral("checked_at_iso")});
}

QJsonObject listInput(const QStringList& networkSpellings)
{
    QJsonObject limit =
        integer(QStringLiteral("Invoices per page (1 to %1, default 20)").arg(InvoiceFilter::kMaxLimit));
    limit.insert(QStringLiteral("minimum"), 1);
    limit.insert(QStringLiteral("maximum"), InvoiceFilter::kMaxLimit);
    limit.insert(QStringLiteral("default"), 20);
    const auto time = [](const QString& what) {
        return QJsonObject {
            {QStringLiteral("type"), QJsonArray {QStringLiteral("integer"), QStringLiteral("string")}},
            {QStringLiteral("description"),
                QStringLiteral("%1: ms since 1970 or ISO-8601 (2025-06-01 or 2025-06-01T10:00:00Z), UTC")
                    .arg(what)}};
    };
    QJsonObject cursor = str(QStringLiteral("next_cursor of the previous page"));
    cursor.insert(QStringLiteral("maxLength"), 512);
    return object(
        QJsonObject {
            {QStringLiteral("status"),
                oneOfStrings(InvoiceRecord::statuses(), QStringLiteral("Only invoices in this status"))},
            {QStringLiteral("network"),
                oneOfStrings(networkSpellings, networkHelp(canonicalOnly(networkSpellings)))},
            {QStringLiteral("created_from"), time(QStringLiteral("Created at or after"))},
            {QStringLiteral("created_to"), time(QStringLiteral("Created before"))},
            {QStringLiteral("limit"), limit},
            {QStringLiteral("cursor"), cursor},
        },
        {});
}

QJsonObject listOutput()
{
    return object(
        QJsonObject {
            {QStringLiteral("invoices"),
                arrayOf(object(invoiceProperties(), invoiceRequired()), QStringLiteral("Newest first"))},
            {QStringLiteral("count"), integer(QStringLiteral("Invoices on this page"))},
            {QStringLiteral("total"), integer(QStringLiteral("Invoices matching the filter, on all pages"))},
            {QStringLiteral("next_cursor"),
                nullable(
                    "string", QStringLiteral("Pass as cursor for the next page; null on the last page"))},
        },
        {QStringLiteral("invoices"), QStringLiteral("count"), QStringLiteral("total"),
            QStringLiteral("next_cursor")});
}

QJsonObject getInput()
{
    return object(
        QJsonObject {{QStringLiteral("invoice_id"), invoiceIdArgument()}}, {QStringLiteral("invoice_id")});
}

QJsonObject getOutput()
{
    return withInvoice(QJsonObject {{QStringLiteral("events"),
                           arrayOf(eventSchema(), QStringLiteral("Status history, oldest first"))}},
        {QStringLiteral("events")});
}

QJsonObject simulateInput()
{
    return object(
        QJsonObject {
            {QStringLiteral("invoice_id"), invoiceIdArgument()},
            {QStringLiteral("outcome"),
                oneOfStrings(SandboxLedger::outcomeNames(),
                    QStringLiteral(
                        "full: pays what is owed; under: pays part (underpaid); over: pays more (overpaid); "
                        "expire: the invoice expires now"))},
            {QStringLiteral("amount"),
                amountArgument(
                    QStringLiteral("For under and over: the amount of this payment in the coin (default: "
                                   "half of what is owed, or 10 % more than owed)"))},
        },
        {QStringLiteral("invoice_id"), QStringLiteral("outcome")});
}

QJsonObject simulateOutput()
{
    return withInvoice(
        QJsonObject {
            {QStringLiteral("simulated"),
                oneOfStrings(SandboxLedger::outcomeNames(), QStringLiteral("The outcome applied"))},
            {QStringLiteral("note"), str()},
        },
        {QStringLiteral("simulated"), QStringLiteral("note")});
}

} // namespace PaymentSchemas
