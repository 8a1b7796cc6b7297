#pragma once

#include <QObject>
#include <QStringList>

class InvoiceService;
struct InvoiceRecord;

// The ids of the invoices most recently created or changed, kept in memory for completions
// (completion/complete must answer at once, the database does not): loaded once, then kept current from
// invoiceChanged.
class RecentInvoiceIds : public QObject
{
    Q_OBJECT
public:
    static constexpr int kCapacity = 500;

    explicit RecentInvoiceIds(InvoiceService& service, QObject* parent = nullptr);

    // Up to `max` ids starting with `prefix`, most recently created or changed first.
    QStringList matching(const QString& prefix, int max = 100) const;

private:
    void remember(const QString& id);

    QStringList m_ids; // most recent first
};
