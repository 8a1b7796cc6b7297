#pragma once

#include <QJsonObject>
#include <QStringList>

// JSON Schemas (2020-12) of the payment tools' arguments and results. Results are closed
// (additionalProperties false) and list every field; amounts are strings.
namespace PaymentSchemas
{

// The fields of one invoice, as InvoiceJson::invoice() writes them.
QJsonObject invoiceProperties();
QStringList invoiceRequired();

QJsonObject createInput(
    const QStringList& networkSpellings, const QStringList& currencies, int defaultExpiryMinutes);
QJsonObject createOutput();
QJsonObject balanceInput(const QStringList& networkSpellings);
QJsonObject balanceOutput();
QJsonObject listInput(const QStringList& networkSpellings);
QJsonObject listOutput();
QJsonObject getInput();
QJsonObject getOutput();
QJsonObject simulateInput();
QJsonObject simulateOutput();

} // namespace PaymentSchemas
