#include "payments/recentinvoiceids.h"

#include "payments/invoiceservice.h"

RecentInvoiceIds::RecentInvoiceIds(InvoiceService& service, QObject* parent)
    : QObject(parent)
{
    connect(&service, &InvoiceService::invoiceChanged, this,
        [this](const std::optional<InvoiceRecord>&, const InvoiceRecord& after) { remember(after.id); });
    InvoiceFilter newest;
    newest.limit = InvoiceFilter::kMaxLimit;
    service.list(newest, this, [this](Result<InvoicePage> page) {
        if (!page)
            return;
        for (const InvoiceRecord& r : page.value().items) {
            if (!m_ids.contains(r.id) && m_ids.size() < kCapacity)
                m_ids.append(r.id);
        }
    });
}

void RecentInvoiceIds::remember(const QString& id)
{
    m_ids.removeAll(id);
    m_ids.prepend(id);
    while (m_ids.size() > kCapacity)
        m_ids.removeLast();
}

QStringList RecentInvoiceIds::matching(const QString& prefix, int max) const
{
    QStringList out;
    for (const QString& id : m_ids) {
        if (id.startsWith(prefix, Qt::CaseInsensitive)) {
            out.append(id);
            if (out.size() >= max)
                break;
        }
    }
    return out;
}
