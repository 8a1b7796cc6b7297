#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <functional>
#include <optional>

class QPalette;

// One invoice as list_invoices, get_invoice and payment://invoice/{id} return it. Amounts stay the
// exact decimal strings of the tools; times are ms since 1970 (UTC).
struct InvoiceItem
{
    QString id;
    QString status;
    QString provider;
    QString network;
    QString coin;
    QString ticker;
    QString currency; // what the amount was asked in: "USD" or the ticker
    QString amount; // in currency
    QString amountUsd; // empty when unknown
    QString amountCoin; // empty when unknown
    QString paidAmount;
    QString remainingAmount; // empty when unknown
    QString description;
    QString paymentUrl;
    QString address;
    QString client;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 expiresAt = 0;
    std::optional<qint64> paidAt;
    int version = 0;
    QJsonArray events; // status history, oldest first; empty when not read

    static InvoiceItem fromJson(const QJsonObject& json);
    // Still waiting for (more) payment: pending or underpaid.
    bool isOpen() const;
};

// The invoices the page has loaded, newest first as listed, as a table: status, id, description,
// amount in the coin, amount in US dollars, network, created and expiry times. Times are shown
// relative to now() ("5 min ago", "in 42 min") with the absolute local time as tooltip; amounts are
// the exact strings, and sort as decimals (lessThan), never as text or doubles.
class InvoiceTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        StatusColumn,
        IdColumn,
        DescriptionColumn,
        AmountColumn,
        UsdColumn,
        NetworkColumn,
        CreatedColumn,
        ExpiresColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1, // the invoice id
        StatusRole, // "pending", "paid", ...
        ExactRole, // the exact amount string behind an amount column
        SearchRole, // the text the free-text search looks in (id, description, address)
    };

    explicit InvoiceTableModel(QObject* parent = nullptr);

    // Replaces every row, keeping rows whose invoice stays (so views keep selection and scroll).
    void setItems(const QList<InvoiceItem>& items);
    // Adds rows at the end (the next page).
    void appendItems(const QList<InvoiceItem>& items);
    // Adds the invoice at the top if it is new, else updates its row (an older version is ignored).
    // Returns the row.
    int upsert(const InvoiceItem& item);
    void clear();

    const QList<InvoiceItem>& items() const { return m_items; }
    const InvoiceItem* item(int row) const;
    const InvoiceItem* find(const QString& id) const;
    int rowOf(const QString& id) const;

    // Whether the row a sorts before row b in `column`: amounts as decimals, times as numbers.
    bool lessThan(int rowA, int rowB, int column) const;

    // The time relative texts are measured from (ms since 1970); tests set a fixed clock.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }
    // Re-reads the clock for the time columns.
    void refreshTimes();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The translated name of a status ("Paid").
    static QString statusName(const QString& status);
    // The colour a status badge has on `palette`.
    static QColor statusColor(const QString& status, const QPalette& palette);
    // "5 min ago", "in 42 min", "just now", relative to `now`.
    static QString relativeTime(qint64 at, qint64 now);
    // The local date and time, to the second.
    static QString absoluteTime(qint64 at);
    // The amount without padding zeros but with at least two decimals ("10.250000" -> "10.25"):
    // the same number, shorter. Text that is not a number comes back as it is.
    static QString shortAmount(const QString& amount);
    // "10.250000 USDT" (exact), or an empty string without an amount.
    static QString amountText(const QString& amount, const QString& unit);

private:
    std::function<qint64()> m_clock;
    QList<InvoiceItem> m_items;
};
