#pragma once

#include "payments/invoiceservice.h"

#include <QJsonObject>
#include <QString>

// The JSON of invoices, events and balances, as tools, resources and the window show them.
// Amounts are decimal strings; times are ms since the epoch plus the same time in ISO-8601.
namespace InvoiceJson
{

QString iso(qint64 ms); // "2025-06-01T10:41:13.000Z"
QString resourceUri(const QString& invoiceId); // "payment://invoice/<id>"

QJsonObject invoice(const InvoiceRecord& invoice, const NetworkCatalog& networks);
QJsonObject event(const InvoiceEvent& event);
QJsonObject balance(const BalanceEntry& entry);
// config://networks: networks, coins, decimals, amount limits, provider.
QJsonObject networks(
    const NetworkCatalog& networks, const PaymentsConfig& config, const QString& providerName);

} // namespace InvoiceJson
