#include "payments/invoicejson.h"

#include "payments/amountrules.h"
#include "payments/sandboxprovider.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace InvoiceJson
{

namespace
{

QJsonValue orNull(const std::optional<QString>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString resourceUri(const QString& invoiceId)
{
    return QStringLiteral("payment://invoice/") + invoiceId;
}

QJsonObject invoice(const InvoiceRecord& inv, const NetworkCatalog& networks)
{
    const PaymentNetwork network = SandboxLedger::networkOf(networks, inv);
    const bool usd = inv.amountCurrency == QLatin1String("USD");
    const std::optional<QString>& amount = usd ? inv.amountUsd : inv.amountCoin;
    QJsonValue remaining(QJsonValue::Null);
    if (inv.amountCoin) {
        const Decimal owed = Decimal::parse(*inv.amountCoin).value_or(Decimal())
            - Decimal::parse(inv.paidAmount).value_or(Decimal());
        remaining = AmountRules::format(owed.sign() > 0 ? owed : Decimal(), network.decimals);
    }
    return QJsonObject {
        {QStringLiteral("invoice_id"), inv.id},
        {QStringLiteral("status"), inv.status},
        {QStringLiteral("provider"), inv.provider},
        {QStringLiteral("provider_invoice_id"), orNull(inv.providerInvoiceId)},
        {QStringLiteral("network"), inv.network},
        {QStringLiteral("coin"), inv.coin},
        {QStringLiteral("ticker"), network.ticker},
        {QStringLiteral("currency"), inv.amountCurrency},
        {QStringLiteral("amount"), amount.value_or(QStringLiteral("0"))},
        {QStringLiteral("amount_usd"), orNull(inv.amountUsd)},
        {QStringLiteral("amount_coin"), orNull(inv.amountCoin)},
        {QStringLiteral("paid_amount"), inv.paidAmount},
        {QStringLiteral("remaining_amount"), remaining},
        {QStringLiteral("description"), inv.description},
        {QStringLiteral("payment_url"), inv.paymentUrl},
        {QStringLiteral("address"), inv.address},
        {QStringLiteral("idempotency_key"), orNull(inv.idempotencyKey)},
        {QStringLiteral("client"), inv.client},
        {QStringLiteral("created_at"), inv.createdAt},
        {QStringLiteral("created_at_iso"), iso(inv.createdAt)},
        {QStringLiteral("updated_at"), inv.updatedAt},
        {QStringLiteral("updated_at_iso"), iso(inv.updatedAt)},
        {QStringLiteral("expires_at"), inv.expiresAt},
        {QStringLiteral("expires_at_iso"), iso(inv.expiresAt)},
        {QStringLiteral("paid_at"), inv.paidAt ? QJsonValue(*inv.paidAt) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("paid_at_iso"),
            inv.paidAt ? QJsonValue(iso(*inv.paidAt)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("version"), inv.version},
        {QStringLiteral("resource_uri"), resourceUri(inv.id)},
    };
}

QJsonObject event(const InvoiceEvent& e)
{
    QJsonObject details = QJsonDocument::fromJson(e.details.toUtf8()).object();
    return QJsonObject {
        {QStringLiteral("at"), e.at},
        {QStringLiteral("at_iso"), iso(e.at)},
        {QStringLiteral("from_status"), orNull(e.fromStatus)},
        {QStringLiteral("to_status"), e.toStatus},
        {QStringLiteral("source"), e.source},
        {QStringLiteral("details"), details},
    };
}

QJsonObject balance(const BalanceEntry& entry)
{
    const PaymentNetwork& n = entry.network;
    QJsonObject o {
        {QStringLiteral("network"), n.network},
        {QStringLiteral("coin"), n.coin},
        {QStringLiteral("ticker"), n.ticker},
    };
    if (entry.balance) {
        const WalletBalance& b = *entry.balance;
        o.insert(QStringLiteral("balance"), AmountRules::format(b.balance, n.decimals));
        o.insert(QStringLiteral("usd_value"),
            b.usdValue ? QJsonValue(AmountRules::format(*b.usdValue, AmountRules::kUsdDecimals))
                       : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("source"), b.source);
        o.insert(QStringLiteral("fetched_at"), b.fetchedAt);
        o.insert(QStringLiteral("fetched_at_iso"), iso(b.fetchedAt));
        o.insert(QStringLiteral("error"), QJsonValue(QJsonValue::Null));
    } else {
        o.insert(QStringLiteral("balance"), QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("usd_value"), QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("source"), QString());
        o.insert(QStringLiteral("fetched_at"), QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("fetched_at_iso"), QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("error"),
            QJsonObject {{QStringLiteral("code"), entry.error.code},
                {QStringLiteral("message"), entry.error.message}});
    }
    return o;
}

QJsonObject networks(const NetworkCatalog& catalog, const PaymentsConfig& config, const QString& providerName)
{
    QJsonArray list;
    for (const PaymentNetwork& n : catalog.networks()) {
        const bool usdOk =
            providerName != QLatin1String("sandbox") || SandboxProvider::isUsdStablecoin(n.ticker);
        QJsonArray currencies;
        if (usdOk)
            currencies.append(QStringLiteral("USD"));
        currencies.append(n.ticker);
        list.append(QJsonObject {
            {QStringLiteral("network"), n.network},
            {QStringLiteral("coin"), n.coin},
            {QStringLiteral("ticker"), n.ticker},
            {QStringLiteral("name"), n.displayName},
            {QStringLiteral("decimals"), n.decimals},
            {QStringLiteral("usd_decimals"), AmountRules::kUsdDecimals},
            {QStringLiteral("currencies"), currencies},
            {QStringLiteral("min_amount"), AmountRules::smallest(n.decimals).toString()},
            {QStringLiteral("min_amount_usd"), AmountRules::smallest(AmountRules::kUsdDecimals).toString()},
            {QStringLiteral("max_amount"), QLatin1String(AmountRules::kMaxInvoiceAmount)},
        });
    }
    return QJsonObject {
        {QStringLiteral("provider"), providerName},
        {QStringLiteral("networks"), list},
        {QStringLiteral("default_expiry_minutes"), config.invoiceExpiryMinutes},
        {QStringLiteral("max_amount"), QLatin1String(AmountRules::kMaxInvoiceAmount)},
        {QStringLiteral("note"),
            QStringLiteral(
                "Amounts are decimal strings. Give an invoice amount in USD (at most 2 decimals) or in the "
                "network's coin (at most its decimals). Network names are case-insensitive; a dash or the "
                "coin prefix may be added (trc20, TRC-20, USDTTRC20).")},
    };
}

} // namespace InvoiceJson
