#include "pages/invoicetablemodel.h"

#include "core/decimal.h"
#include "theme.h"

#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QSet>

namespace
{

QString stringOrEmpty(const QJsonValue& v)
{
    return v.isString() ? v.toString() : QString();
}

qint64 msOf(const QJsonValue& v)
{
    return qint64(v.toDouble());
}

// Statuses in the order a person reads them: what needs attention first.
int statusRank(const QString& status)
{
    static const QStringList order {QStringLiteral("pending"), QStringLiteral("underpaid"),
        QStringLiteral("overpaid"), QStringLiteral("paid"), QStringLiteral("expired"),
        QStringLiteral("cancelled")};
    const int i = int(order.indexOf(status));
    return i < 0 ? int(order.size()) : i;
}

// -1, 0, 1 for amounts; an amount that is missing or not a number sorts first.
int compareAmounts(const QString& a, const QString& b)
{
    const std::optional<Decimal> x = Decimal::parse(a);
    const std::optional<Decimal> y = Decimal::parse(b);
    if (!x || !y)
        return (x ? 1 : 0) - (y ? 1 : 0);
    if (*x < *y)
        return -1;
    return *y < *x ? 1 : 0;
}

QString coinAmount(const InvoiceItem& item)
{
    return item.amountCoin.isEmpty() && item.currency != QLatin1String("USD") ? item.amount : item.amountCoin;
}

} // namespace

InvoiceItem InvoiceItem::fromJson(const QJsonObject& json)
{
    InvoiceItem item;
    item.id = stringOrEmpty(json.value(QStringLiteral("invoice_id")));
    item.status = stringOrEmpty(json.value(QStringLiteral("status")));
    item.provider = stringOrEmpty(json.value(QStringLiteral("provider")));
    item.network = stringOrEmpty(json.value(QStringLiteral("network")));
    item.coin = stringOrEmpty(json.value(QStringLiteral("coin")));
    item.ticker = stringOrEmpty(json.value(QStringLiteral("ticker")));
    item.currency = stringOrEmpty(json.value(QStringLiteral("currency")));
    item.amount = stringOrEmpty(json.value(QStringLiteral("amount")));
    item.amountUsd = stringOrEmpty(json.value(QStringLiteral("amount_usd")));
    item.amountCoin = stringOrEmpty(json.value(QStringLiteral("amount_coin")));
    item.paidAmount = stringOrEmpty(json.value(QStringLiteral("paid_amount")));
    item.remainingAmount = stringOrEmpty(json.value(QStringLiteral("remaining_amount")));
    item.description = stringOrEmpty(json.value(QStringLiteral("description")));
    item.paymentUrl = stringOrEmpty(json.value(QStringLiteral("payment_url")));
    item.address = stringOrEmpty(json.value(QStringLiteral("address")));
    item.client = stringOrEmpty(json.value(QStringLiteral("client")));
    item.createdAt = msOf(json.value(QStringLiteral("created_at")));
    item.updatedAt = msOf(json.value(QStringLiteral("updated_at")));
    item.expiresAt = msOf(json.value(QStringLiteral("expires_at")));
    if (json.value(QStringLiteral("paid_at")).isDouble())
        item.paidAt = msOf(json.value(QStringLiteral("paid_at")));
    item.version = json.value(QStringLiteral("version")).toInt();
    item.events = json.value(QStringLiteral("events")).toArray();
    return item;
}

bool InvoiceItem::isOpen() const
{
    return status == QLatin1String("pending") || status == QLatin1String("underpaid");
}

InvoiceTableModel::InvoiceTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock([]() { return QDateTime::currentMSecsSinceEpoch(); })
{ }

void InvoiceTableModel::setItems(const QList<InvoiceItem>& listed)
{
    // Pages listed while invoices were being made may repeat one.
    QSet<QString> keep;
    QList<InvoiceItem> items;
    for (const InvoiceItem& item : listed) {
        if (!keep.contains(item.id)) {
            keep.insert(item.id);
            items.append(item);
        }
    }
    for (int row = int(m_items.size()) - 1; row >= 0; --row) {
        if (!keep.contains(m_items.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_items.removeAt(row);
            endRemoveRows();
        }
    }
    for (int i = 0; i < items.size(); ++i) {
        const InvoiceItem& next = items.at(i);
        const int at = rowOf(next.id);
        if (at >= i) {
            if (at > i) {
                beginMoveRows({}, at, at, {}, i);
                m_items.move(at, i);
                endMoveRows();
            }
            // A listing that started before a newer answer about this invoice does not undo it.
            const InvoiceItem& current = m_items.at(i);
            if (next.version < current.version)
                continue;
            InvoiceItem merged = next;
            if (merged.events.isEmpty() && merged.version == current.version)
                merged.events = current.events;
            m_items[i] = merged;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        } else {
            beginInsertRows({}, i, i);
            m_items.insert(i, next);
            endInsertRows();
        }
    }
}

void InvoiceTableModel::appendItems(const QList<InvoiceItem>& items)
{
    QList<InvoiceItem> fresh;
    for (const InvoiceItem& item : items) {
        if (rowOf(item.id) < 0)
            fresh.append(item);
        else
            upsert(item);
    }
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, int(m_items.size()), int(m_items.size() + fresh.size()) - 1);
    m_items.append(fresh);
    endInsertRows();
}

int InvoiceTableModel::upsert(const InvoiceItem& item)
{
    const int row = rowOf(item.id);
    if (row < 0) {
        beginInsertRows({}, 0, 0);
        m_items.prepend(item);
        endInsertRows();
        return 0;
    }
    InvoiceItem& current = m_items[row];
    if (item.version < current.version)
        return row;
    const QJsonArray events =
        item.events.isEmpty() && item.version == current.version ? current.events : item.events;
    current = item;
    current.events = events;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return row;
}

void InvoiceTableModel::clear()
{
    if (m_items.isEmpty())
        return;
    beginResetModel();
    m_items.clear();
    endResetModel();
}

const InvoiceItem* InvoiceTableModel::item(int row) const
{
    return row >= 0 && row < m_items.size() ? &m_items.at(row) : nullptr;
}

const InvoiceItem* InvoiceTableModel::find(const QString& id) const
{
    return item(rowOf(id));
}

int InvoiceTableModel::rowOf(const QString& id) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id)
            return i;
    }
    return -1;
}

bool InvoiceTableModel::lessThan(int rowA, int rowB, int column) const
{
    const InvoiceItem* a = item(rowA);
    const InvoiceItem* b = item(rowB);
    if (!a || !b)
        return false;
    int c = 0;
    switch (column) {
    case StatusColumn:
        c = statusRank(a->status) - statusRank(b->status);
        break;
    case IdColumn:
        c = QString::compare(a->id, b->id);
        break;
    case DescriptionColumn:
        c = QString::localeAwareCompare(a->description, b->description);
        break;
    case AmountColumn:
        c = compareAmounts(coinAmount(*a), coinAmount(*b));
        break;
    case UsdColumn:
        c = compareAmounts(a->amountUsd, b->amountUsd);
        break;
    case NetworkColumn:
        c = QString::compare(a->network, b->network);
        break;
    case ExpiresColumn:
        c = a->expiresAt < b->expiresAt ? -1 : (a->expiresAt > b->expiresAt ? 1 : 0);
        break;
    default:
        break;
    }
    if (c != 0)
        return c < 0;
    // Ties keep the listing's order: newest first.
    if (a->createdAt != b->createdAt)
        return a->createdAt < b->createdAt;
    return a->id < b->id;
}

void InvoiceTableModel::refreshTimes()
{
    if (m_items.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, CreatedColumn), index(int(m_items.size()) - 1, ExpiresColumn),
        {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole});
}

int InvoiceTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int InvoiceTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InvoiceTableModel::data(const QModelIndex& index, int role) const
{
    const InvoiceItem* it = item(index.row());
    if (!it || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const int column = index.column();
    switch (role) {
    case IdRole:
        return it->id;
    case StatusRole:
        return it->status;
    case SearchRole:
        return QStringList {it->id, it->description, it->address}.join(QLatin1Char('\n'));
    default:
        break;
    }
    if (role == Qt::DisplayRole || role == ExactRole) {
        switch (column) {
        case StatusColumn:
            return statusName(it->status);
        case IdColumn:
            return it->id;
        case DescriptionColumn:
            return it->description;
        case AmountColumn:
            return role == ExactRole
                ? coinAmount(*it)
                : amountText(shortAmount(coinAmount(*it)), it->ticker.isEmpty() ? it->currency : it->ticker);
        case UsdColumn:
            return role == ExactRole ? it->amountUsd : shortAmount(it->amountUsd);
        case NetworkColumn:
            return it->network;
        case CreatedColumn:
            return relativeTime(it->createdAt, now());
        case ExpiresColumn:
            if (it->isOpen())
                return relativeTime(it->expiresAt, now());
            return QStringLiteral("—");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case StatusColumn:
            return tr("%1, updated %2").arg(statusName(it->status), absoluteTime(it->updatedAt));
        case DescriptionColumn:
            return it->description;
        case CreatedColumn:
            return absoluteTime(it->createdAt);
        case ExpiresColumn:
            if ((it->status == QLatin1String("paid") || it->status == QLatin1String("overpaid"))
                && it->paidAt)
                return tr("Paid %1").arg(absoluteTime(*it->paidAt));
            return tr("Expires %1").arg(absoluteTime(it->expiresAt));
        case AmountColumn: {
            QString tip = amountText(coinAmount(*it), it->ticker.isEmpty() ? it->currency : it->ticker);
            if (it->currency == QLatin1String("USD") && !it->amountCoin.isEmpty())
                tip = tr("%1, asked as %2").arg(tip, amountText(it->amount, it->currency));
            return tip;
        }
        case UsdColumn:
            return amountText(it->amountUsd, QStringLiteral("USD"));
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        if (column == AmountColumn || column == UsdColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    }
    if (role == Qt::ForegroundRole) {
        const QPalette palette = QGuiApplication::palette();
        if (column == ExpiresColumn && it->isOpen()) {
            const qint64 left = it->expiresAt - now();
            if (left < 5 * 60 * 1000)
                return Theme::warning(palette);
        }
        if (column == CreatedColumn || column == NetworkColumn)
            return Theme::muted(palette);
        return {};
    }
    if (role == Qt::FontRole && column == IdColumn) {
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::Monospace);
        return mono;
    }
    return {};
}

QVariant InvoiceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (section == AmountColumn || section == UsdColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case IdColumn:
        return tr("Invoice");
    case DescriptionColumn:
        return tr("Description");
    case AmountColumn:
        return tr("Amount");
    case UsdColumn:
        return tr("USD");
    case NetworkColumn:
        return tr("Network");
    case CreatedColumn:
        return tr("Created");
    case ExpiresColumn:
        return tr("Expires");
    default:
        return {};
    }
}

QString InvoiceTableModel::statusName(const QString& status)
{
    if (status == QLatin1String("pending"))
        return tr("Pending");
    if (status == QLatin1String("paid"))
        return tr("Paid");
    if (status == QLatin1String("underpaid"))
        return tr("Underpaid");
    if (status == QLatin1String("overpaid"))
        return tr("Overpaid");
    if (status == QLatin1String("expired"))
        return tr("Expired");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled");
    return status;
}

QColor InvoiceTableModel::statusColor(const QString& status, const QPalette& palette)
{
    if (status == QLatin1String("paid") || status == QLatin1String("overpaid"))
        return Theme::positive(palette);
    if (status == QLatin1String("underpaid"))
        return Theme::warning(palette);
    if (status == QLatin1String("pending"))
        return palette.color(QPalette::Window).lightness() < 128 ? QColor(0x60, 0xa5, 0xfa)
                                                                 : QColor(0x1d, 0x4e, 0xd8);
    return Theme::muted(palette);
}

QString InvoiceTableModel::relativeTime(qint64 at, qint64 now)
{
    const qint64 delta = at - now;
    const bool future = delta > 0;
    const qint64 seconds = (future ? delta : -delta) / 1000;
    if (seconds < 45)
        return future ? tr("in less than a minute") : tr("just now");
    const int minutes = int((seconds + 30) / 60);
    if (minutes < 60)
        return future ? tr("in %n min", nullptr, minutes) : tr("%n min ago", nullptr, minutes);
    const int hours = int((seconds + 1800) / 3600);
    if (hours < 24)
        return future ? tr("in %n h", nullptr, hours) : tr("%n h ago", nullptr, hours);
    const int days = int((seconds + 43200) / 86400);
    if (days < 30)
        return future ? tr("in %n d", nullptr, days) : tr("%n d ago", nullptr, days);
    return QDateTime::fromMSecsSinceEpoch(at).toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
}

QString InvoiceTableModel::absoluteTime(qint64 at)
{
    if (at <= 0)
        return QString();
    return QDateTime::fromMSecsSinceEpoch(at).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString InvoiceTableModel::shortAmount(const QString& amount)
{
    const std::optional<Decimal> value = Decimal::parse(amount);
    if (!value)
        return amount;
    // The same number without padding zeros, keeping cents: 1200.000000 -> 1200.00, 0.000001 stays.
    return value->scale() < 2 ? value->toFixed(2) : value->toString();
}

QString InvoiceTableModel::amountText(const QString& amount, const QString& unit)
{
    if (amount.isEmpty())
        return QString();
    return unit.isEmpty() ? amount : amount + QLatin1Char(' ') + unit;
}
