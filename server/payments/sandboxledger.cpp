#include "payments/sandboxledger.h"

#include "payments/amountrules.h"
#include "storage/invoicerepository.h"
#include "storage/sqlexec.h"
#include "storage/transaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace SandboxLedger
{

namespace
{

Error invalid(const QString& code, const QString& message)
{
    return Error(code, message);
}

Decimal decimalOf(const std::optional<QString>& text)
{
    return text ? Decimal::parse(*text).value_or(Decimal()) : Decimal();
}

} // namespace

std::optional<Outcome> parseOutcome(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("full"))
        return Outcome::Full;
    if (n == QLatin1String("under"))
        return Outcome::Under;
    if (n == QLatin1String("over"))
        return Outcome::Over;
    if (n == QLatin1String("expire"))
        return Outcome::Expire;
    return std::nullopt;
}

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Full:
        return QStringLiteral("full");
    case Outcome::Under:
        return QStringLiteral("under");
    case Outcome::Over:
        return QStringLiteral("over");
    case Outcome::Expire:
        return QStringLiteral("expire");
    }
    return {};
}

QStringList outcomeNames()
{
    return {
        QStringLiteral("full"), QStringLiteral("under"), QStringLiteral("over"), QStringLiteral("expire")};
}

PaymentNetwork networkOf(const NetworkCatalog& networks, const InvoiceRecord& invoice)
{
    if (const PaymentNetwork* n = networks.find(invoice.network))
        return *n;
    const NetworkCatalog own = NetworkCatalog::fromWallets({invoice.coin});
    if (!own.isEmpty())
        return own.networks().constFirst();
    PaymentNetwork fallback;
    fallback.network = invoice.network;
    fallback.coin = invoice.coin;
    fallback.ticker = invoice.coin;
    return fallback;
}

Result<Simulation> simulateJob(QSqlDatabase& db, const NetworkCatalog& networks, const QString& invoiceId,
    Outcome outcome, const QString& amountText, qint64 nowMs)
{
    return Storage::inTransaction<Simulation>(db, [&]() -> Result<Simulation> {
        Result<InvoiceRecord> current = InvoiceRepository::getJob(db, invoiceId);
        if (!current)
            return current.error();
        const InvoiceRecord& inv = current.value();
        if (inv.provider != QLatin1String("sandbox"))
            return invalid(QStringLiteral("not_sandbox"),
                QStringLiteral(
                    "Invoice %1 was made by %2, not the sandbox: its payments are real and cannot be "
                    "simulated.")
                    .arg(inv.id, inv.provider));
        if (!InvoiceRecord::openStatuses().contains(inv.status))
            return invalid(QStringLiteral("invoice_final"),
                QStringLiteral("Invoice %1 is already %2; only pending or underpaid invoices take simulated "
                               "payments. Create a new invoice to try again.")
                    .arg(inv.id, inv.status));
        const bool takesAmount = outcome == Outcome::Under || outcome == Outcome::Over;
        if (!takesAmount && !amountText.isEmpty())
            return invalid(QStringLiteral("invalid_amount"),
                QStringLiteral("An amount goes only with the outcomes under and over; %1 needs none.")
                    .arg(outcomeName(outcome)));

        const PaymentNetwork network = networkOf(networks, inv);
        const Decimal total = decimalOf(inv.amountCoin);
        const Decimal paidBefore = Decimal::parse(inv.paidAmount).value_or(Decimal());
        const Decimal owed = total - paidBefore;
        const Decimal smallest = AmountRules::smallest(network.decimals);

        std::optional<Decimal> payment;
        if (!amountText.isEmpty()) {
            Result<Decimal> parsed = AmountRules::parse(amountText, network.ticker, network.decimals);
            if (!parsed)
                return parsed.error();
            payment = parsed.value();
        }
        QString status;
        switch (outcome) {
        case Outcome::Full:
            payment = owed.sign() > 0 ? owed : Decimal();
            status = QStringLiteral("paid");
            break;
        case Outcome::Under:
            if (!payment) {
                const std::optional<Decimal> half =
                    owed.divided(Decimal::fromInt(2), network.decimals, Decimal::Rounding::Down);
                payment = half && half->sign() > 0 ? *half : smallest;
            }
            if (paidBefore + *payment >= total)
                return invalid(QStringLiteral("invalid_amount"),
                    QStringLiteral(
                        "Paying %1 %2 would settle invoice %3 (%4 %2 is owed), so it is not an underpayment; "
                        "pay less than %4, or use the outcome full or over.")
                        .arg(AmountRules::format(*payment, network.decimals), network.ticker, inv.id,
                            AmountRules::format(owed, network.decimals)));
            status = QStringLiteral("underpaid");
            break;
        case Outcome::Over:
            if (!payment) {
                const std::optional<Decimal> tenth =
                    total.divided(Decimal::fromInt(10), network.decimals, Decimal::Rounding::Down);
                payment = owed + (tenth && tenth->sign() > 0 ? *tenth : smallest);
            }
            if (paidBefore + *payment <= total)
                return invalid(QStringLiteral("invalid_amount"),
                    QStringLiteral(
                        "Paying %1 %2 does not exceed what invoice %3 owes (%4 %2), so it is not an "
                        "overpayment; pay more than %4, or use the outcome full or under.")
                        .arg(AmountRules::format(*payment, network.decimals), network.ticker, inv.id,
                            AmountRules::format(owed, network.decimals)));
            status = QStringLiteral("overpaid");
            break;
        case Outcome::Expire:
            status = QStringLiteral("expired");
            break;
        }

        Simulation sim;
        sim.before = inv;
        QJsonObject details {{QStringLiteral("outcome"), outcomeName(outcome)}};
        Decimal paidAfter = paidBefore;
        if (payment && payment->sign() > 0) {
            sim.paymentAmount = AmountRules::format(*payment, network.decimals);
            details.insert(QStringLiteral("amount"), sim.paymentAmount);
            paidAfter = paidBefore + *payment;
            const Result<void> recorded = Storage::execute(db,
                QStringLiteral(
                    "INSERT INTO sandbox_payments (invoice_id, network, amount, at) VALUES (?, ?, ?, ?)"),
                {inv.id, inv.network, sim.paymentAmount, nowMs},
                QStringLiteral("Recording a simulated payment of invoice %1").arg(inv.id));
            if (!recorded)
                return recorded.error();
        }
        Result<InvoiceRecord> updated = InvoiceRepository::updateStatusJob(db, inv.id, inv.version, status,
            AmountRules::format(paidAfter, network.decimals), QStringLiteral("simulate"),
            QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)), nowMs);
        if (!updated)
            return updated.error();
        sim.after = updated.takeValue();
        return sim;
    });
}

Result<NetworkTotal> totalJob(QSqlDatabase& db, const QString& network)
{
    Result<QSqlQuery> q =
        Storage::exec(db, QStringLiteral("SELECT amount, at FROM sandbox_payments WHERE network = ?"),
            {network}, QStringLiteral("Adding up the simulated payments on %1").arg(network));
    if (!q)
        return q.error();
    NetworkTotal t;
    while (q.value().next()) {
        t.total = t.total + Decimal::parse(q.value().value(0).toString()).value_or(Decimal());
        ++t.payments;
        t.lastPaymentAt = qMax(t.lastPaymentAt, q.value().value(1).toLongLong());
    }
    return t;
}

} // namespace SandboxLedger
