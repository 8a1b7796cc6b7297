#include "invoicenotifications.h"

#include "backend/backend.h"
#include "notifier.h"
#include "pages/invoicetablemodel.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>

#include <utility>

Q_LOGGING_CATEGORY(lcInvoiceNotifications, "finagent.notifications")

namespace
{

const QString kInvoiceUriPrefix = QStringLiteral("payment://invoice/");

bool worthTelling(const QString& status)
{
    return status == QLatin1String("paid") || status == QLatin1String("underpaid")
        || status == QLatin1String("overpaid") || status == QLatin1String("expired");
}

} // namespace

InvoiceNotifications::InvoiceNotifications(Backend& backend, Notifier& notifier, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_notifier(notifier)
{
    m_timer = new QTimer(this);
    m_timer->setInterval(kDefaultPollMs);
    connect(m_timer, &QTimer::timeout, this, &InvoiceNotifications::poll);
    connect(&m_backend, &McpHandler::resourceUpdated, this, &InvoiceNotifications::onResourceUpdated);
    m_timer->start();
    poll();
}

void InvoiceNotifications::setPollInterval(int ms)
{
    m_timer->setInterval(qMax(1000, ms));
}

int InvoiceNotifications::pollInterval() const
{
    return m_timer->interval();
}

void InvoiceNotifications::poll()
{
    if (m_pollContext)
        return;
    m_pollContext = new QObject(this);
    m_backend.callTool(QStringLiteral("list_invoices"), QJsonObject {{QStringLiteral("limit"), kPollLimit}},
        m_pollContext, [this](ToolOutcome out) {
            m_pollContext->deleteLater();
            m_pollContext = nullptr;
            if (!out.ok) {
                qCDebug(lcInvoiceNotifications).noquote() << "invoice poll failed:" << out.error.message;
                return;
            }
            const QJsonArray invoices = out.structured.value(QStringLiteral("invoices")).toArray();
            if (!m_primed) {
                // What is settled now was settled before FinAgent started: learn it, tell nothing.
                for (const QJsonValue& v : invoices) {
                    const QJsonObject inv = v.toObject();
                    m_seen.insert(inv.value(QStringLiteral("invoice_id")).toString(),
                        Seen {inv.value(QStringLiteral("status")).toString(),
                            inv.value(QStringLiteral("version")).toInt()});
                }
                m_primed = true;
                const QList<QJsonObject> early = std::exchange(m_early, {});
                for (const QJsonObject& inv : early)
                    consider(inv);
                Q_EMIT primed();
                return;
            }
            for (const QJsonValue& v : invoices)
                consider(v.toObject());
        });
}

void InvoiceNotifications::onResourceUpdated(const QString& uri)
{
    if (!uri.startsWith(kInvoiceUriPrefix))
        return;
    m_backend.readJsonResource(uri, this, [this](Result<QJsonObject> r) {
        if (!r)
            return;
        if (!m_primed)
            m_early.append(r.value());
        else
            consider(r.value());
    });
}

void InvoiceNotifications::consider(const QJsonObject& invoice)
{
    const QString id = invoice.value(QStringLiteral("invoice_id")).toString();
    const QString status = invoice.value(QStringLiteral("status")).toString();
    const int version = invoice.value(QStringLiteral("version")).toInt();
    if (id.isEmpty())
        return;
    const auto it = m_seen.constFind(id);
    if (it != m_seen.constEnd() && (version <= it->version || status == it->status)) {
        if (version > it->version)
            m_seen[id].version = version;
        return;
    }
    m_seen.insert(id, Seen {status, version});
    // An invoice first seen now was made after the first look; its creation is no news.
    if (worthTelling(status))
        announce(invoice);
}

void InvoiceNotifications::announce(const QJsonObject& invoice)
{
    const QString id = invoice.value(QStringLiteral("invoice_id")).toString();
    const QString status = invoice.value(QStringLiteral("status")).toString();
    const QString ticker = invoice.value(QStringLiteral("ticker")).toString();
    const QString coin = invoice.value(QStringLiteral("amount_coin")).toString();
    const QString amount = coin.isEmpty()
        ? InvoiceTableModel::amountText(invoice.value(QStringLiteral("amount")).toString(),
            invoice.value(QStringLiteral("currency")).toString())
        : InvoiceTableModel::amountText(coin, ticker);
    const QString paid =
        InvoiceTableModel::amountText(invoice.value(QStringLiteral("paid_amount")).toString(), ticker);
    const QString description = invoice.value(QStringLiteral("description")).toString();
    QString title;
    QString body;
    if (status == QLatin1String("paid")) {
        title = tr("Invoice paid");
        body = tr("%1 was paid in full: %2.").arg(id, amount);
    } else if (status == QLatin1String("overpaid")) {
        title = tr("Invoice overpaid");
        body = tr("%1 received %2, more than the %3 asked.").arg(id, paid, amount);
    } else if (status == QLatin1String("underpaid")) {
        title = tr("Invoice underpaid");
        body = tr("%1 received %2 of %3. The payer still owes %4.")
                   .arg(id, paid, amount,
                       InvoiceTableModel::amountText(
                           invoice.value(QStringLiteral("remaining_amount")).toString(), ticker));
    } else {
        title = tr("Invoice expired");
        body = tr("%1 for %2 expired without full payment.").arg(id, amount);
    }
    if (!description.isEmpty())
        body += QLatin1Char('\n') + description;
    m_notifier.notify(title, body);
    Q_EMIT announced(id, status);
}
