#pragma once

#include "core/decimal.h"
#include "core/result.h"
#include "payments/networkcatalog.h"
#include "storage/invoicerecord.h"

#include <QString>
#include <QStringList>

#include <optional>

class QSqlDatabase;

// The sandbox's simulated payments (table sandbox_payments) and what they do to invoices.
// The jobs run on the database thread; the CLI runs them with runBlocking.
namespace SandboxLedger
{

enum class Outcome
{
    Full, // pays what is still owed: paid
    Under, // pays part of it: underpaid
    Over, // pays more than owed: overpaid
    Expire // no payment; the invoice expires now
};

std::optional<Outcome> parseOutcome(const QString& name); // "full", "under", "over", "expire"
QString outcomeName(Outcome outcome);
QStringList outcomeNames();

struct Simulation
{
    InvoiceRecord before;
    InvoiceRecord after;
    QString paymentAmount; // this payment, in the network's ticker; empty for Expire
};

// Applies a simulated payment to a sandbox invoice in one transaction: records the payment and
// the new status (with its event, source "simulate"). `amountText` is the amount of this
// payment for Under and Over (in the network's ticker; empty: half of what is owed, or 10 % on
// top); it must be empty for Full and Expire.
Result<Simulation> simulateJob(QSqlDatabase& db, const NetworkCatalog& networks, const QString& invoiceId,
    Outcome outcome, const QString& amountText, qint64 nowMs);

struct NetworkTotal
{
    Decimal total; // sum of the simulated payments on the network
    int payments = 0;
    qint64 lastPaymentAt = 0; // 0: none yet
};
Result<NetworkTotal> totalJob(QSqlDatabase& db, const QString& network);

// The network of a stored invoice: from the catalog, or described from its coin when the
// settings no longer list it.
PaymentNetwork networkOf(const NetworkCatalog& networks, const InvoiceRecord& invoice);

} // namespace SandboxLedger
