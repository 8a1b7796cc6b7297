#include "pages/watchlistmodel.h"

#include "theme.h"
#include "widgets/priceformat.h"

#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QIODevice>
#include <QMimeData>
#include <QPalette>

namespace
{

const QString kMimeType = QStringLiteral("application/x-finagent-watchlist-symbols");
const QString kNoValue = QStringLiteral("—");

QString field(const QJsonObject& o, const char* name)
{
    const QJsonValue v = o.value(QLatin1String(name));
    return v.isString() ? v.toString() : QString();
}

QPalette appPalette()
{
    return QGuiApplication::palette();
}

} // namespace

WatchlistModel::WatchlistModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock([]() { return QDateTime::currentMSecsSinceEpoch(); })
{ }

void WatchlistModel::setSymbols(const QStringList& symbols)
{
    QVector<Row> rows;
    for (const QString& s : symbols) {
        bool seen = false;
        for (const Row& r : rows)
            seen = seen || r.symbol == s;
        if (seen || s.isEmpty())
            continue;
        const Row* existing = row(s);
        Row r = existing ? *existing : Row();
        r.symbol = s;
        rows.append(r);
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

QStringList WatchlistModel::symbols() const
{
    QStringList out;
    for (const Row& r : m_rows)
        out.append(r.symbol);
    return out;
}

int WatchlistModel::rowOf(const QString& symbol) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).symbol == symbol)
            return i;
    }
    return -1;
}

const WatchlistModel::Row* WatchlistModel::row(const QString& symbol) const
{
    const int i = rowOf(symbol);
    return i < 0 ? nullptr : &m_rows.at(i);
}

void WatchlistModel::addSymbol(const QString& symbol)
{
    if (symbol.isEmpty() || contains(symbol))
        return;
    const int at = int(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    Row r;
    r.symbol = symbol;
    m_rows.append(r);
    endInsertRows();
}

bool WatchlistModel::removeSymbol(const QString& symbol)
{
    const int i = rowOf(symbol);
    if (i < 0)
        return false;
    beginRemoveRows(QModelIndex(), i, i);
    m_rows.removeAt(i);
    endRemoveRows();
    return true;
}

bool WatchlistModel::moveSymbol(const QString& symbol, int toRow)
{
    const int from = rowOf(symbol);
    toRow = std::clamp(toRow, 0, int(m_rows.size()) - 1);
    if (from < 0 || toRow == from)
        return false;
    // moveRows counts the destination in the old order: past the moved row when moving down.
    if (!moveRows(QModelIndex(), from, 1, QModelIndex(), toRow > from ? toRow + 1 : toRow))
        return false;
    Q_EMIT reordered(symbols());
    return true;
}

void WatchlistModel::setTicker(const QString& symbol, const QJsonObject& ticker)
{
    const int i = rowOf(symbol);
    if (i < 0)
        return;
    Row& r = m_rows[i];
    r.lastPrice = field(ticker, "last_price");
    r.changePercent = field(ticker, "price_change_percent");
    r.quoteVolume = field(ticker, "quote_volume");
    r.updatedAtMs = now() - qint64(ticker.value(QStringLiteral("cache_age_ms")).toDouble());
    r.stale = ticker.value(QStringLiteral("stale")).toBool();
    r.staleReason = field(ticker, "stale_reason");
    r.error.clear();
    r.hasTicker = true;
    rowChanged(i);
}

void WatchlistModel::setSpotPrice(const QString& symbol, const QJsonObject& spot)
{
    const int i = rowOf(symbol);
    if (i < 0 || m_rows.at(i).hasTicker)
        return;
    Row& r = m_rows[i];
    r.lastPrice = field(spot, "price");
    r.updatedAtMs = now() - qint64(spot.value(QStringLiteral("cache_age_ms")).toDouble());
    r.stale = spot.value(QStringLiteral("stale")).toBool();
    r.staleReason = field(spot, "stale_reason");
    rowChanged(i);
}

void WatchlistModel::setSparkline(const QString& symbol, const QVector<double>& closes)
{
    const int i = rowOf(symbol);
    if (i < 0)
        return;
    m_rows[i].sparkline = closes;
    rowChanged(i);
}

void WatchlistModel::setError(const QString& symbol, const QString& message)
{
    const int i = rowOf(symbol);
    if (i < 0)
        return;
    m_rows[i].error = message;
    rowChanged(i);
}

void WatchlistModel::refreshAges()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, UpdatedColumn), index(int(m_rows.size()) - 1, UpdatedColumn));
}

void WatchlistModel::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 WatchlistModel::now() const
{
    return m_clock();
}

void WatchlistModel::rowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QString WatchlistModel::ageText(const Row& r) const
{
    if (r.updatedAtMs == 0)
        return r.error.isEmpty() ? tr("loading…") : tr("failed");
    const qint64 seconds = std::max<qint64>(0, (now() - r.updatedAtMs) / 1000);
    QString age;
    if (seconds < 60)
        age = tr("%1 s ago").arg(seconds);
    else if (seconds < 3600)
        age = tr("%1 min ago").arg(seconds / 60);
    else
        age = tr("%1 h ago").arg(seconds / 3600);
    if (!r.error.isEmpty())
        return tr("failed, data %1").arg(age);
    if (r.stale)
        return tr("stale, %1").arg(age);
    return age;
}

int WatchlistModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WatchlistModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WatchlistModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& r = m_rows.at(index.row());
    const QLocale locale;
    const int column = index.column();

    switch (role) {
    case SymbolRole:
        return r.symbol;
    case SparklineRole:
        return QVariant::fromValue(r.sparkline);
    case ErrorRole:
        return r.error;
    case StaleRole:
        return r.stale;
    case ExactRole:
        switch (column) {
        case LastColumn:
            return r.lastPrice;
        case ChangeColumn:
            return r.changePercent;
        case VolumeColumn:
            return r.quoteVolume;
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case SymbolColumn:
            return r.symbol;
        case LastColumn:
            return PriceFormat::toDouble(r.lastPrice);
        case ChangeColumn:
            return PriceFormat::toDouble(r.changePercent);
        case VolumeColumn:
            return PriceFormat::toDouble(r.quoteVolume);
        case TrendColumn:
            return r.sparkline.size() >= 2 && r.sparkline.first() != 0
                ? r.sparkline.last() / r.sparkline.first() - 1
                : 0.0;
        case UpdatedColumn:
            return r.updatedAtMs;
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (column) {
        case SymbolColumn:
            return r.symbol;
        case LastColumn:
            return r.lastPrice.isEmpty() ? kNoValue : PriceFormat::exact(r.lastPrice, locale);
        case ChangeColumn: {
            if (r.changePercent.isEmpty())
                return kNoValue;
            const int s = PriceFormat::sign(r.changePercent);
            const QString arrow = s > 0 ? QStringLiteral("▲ ") : s < 0 ? QStringLiteral("▼ ") : QString();
            return QString(arrow + PriceFormat::percent(r.changePercent, locale));
        }
        case VolumeColumn:
            return r.quoteVolume.isEmpty() ? kNoValue : PriceFormat::compact(r.quoteVolume, locale);
        case UpdatedColumn:
            return ageText(r);
        default:
            return {};
        }
    case Qt::AccessibleTextRole:
        if (column == TrendColumn && r.sparkline.size() >= 2)
            return r.sparkline.last() >= r.sparkline.first() ? tr("rising over 24 hours")
                                                             : tr("falling over 24 hours");
        return data(index, Qt::DisplayRole);
    case Qt::ForegroundRole:
        if (column == ChangeColumn && !r.changePercent.isEmpty()) {
            const int s = PriceFormat::sign(r.changePercent);
            return s > 0 ? Theme::positive(appPalette())
                : s < 0  ? Theme::negative(appPalette())
                         : Theme::muted(appPalette());
        }
        if (column == UpdatedColumn) {
            if (!r.error.isEmpty())
                return Theme::negative(appPalette());
            if (r.stale)
                return Theme::warning(appPalette());
            return Theme::muted(appPalette());
        }
        if ((column == LastColumn || column == VolumeColumn) && !r.hasTicker && r.lastPrice.isEmpty())
            return Theme::muted(appPalette());
        return {};
    case Qt::DecorationRole:
        if (column == SymbolColumn && !r.error.isEmpty())
            return Theme::icon(QStringLiteral("warning"));
        if (column == UpdatedColumn && r.stale && r.error.isEmpty())
            return Theme::icon(QStringLiteral("warning"));
        return {};
    case Qt::FontRole:
        if (column == SymbolColumn) {
            QFont f;
            f.setWeight(QFont::DemiBold);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == LastColumn || column == ChangeColumn || column == VolumeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (!r.error.isEmpty())
            return tr("Could not refresh %1: %2").arg(r.symbol, r.error);
        if (r.stale && column == UpdatedColumn)
            return r.staleReason.isEmpty() ? tr("The upstream did not answer; this is the last known data.")
                                           : r.staleReason;
        if (column == LastColumn && !r.lastPrice.isEmpty())
            return PriceFormat::exact(r.lastPrice, locale, 0);
        if (column == VolumeColumn && !r.quoteVolume.isEmpty())
            return tr("Traded in the last 24 hours, in the quote currency: %1")
                .arg(PriceFormat::rounded(r.quoteVolume, 2, locale));
        if (column == TrendColumn)
            return tr("Hourly closes over the last 24 hours");
        return {};
    default:
        return {};
    }
}

QVariant WatchlistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (section == LastColumn || section == ChangeColumn || section == VolumeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SymbolColumn:
        return tr("Symbol");
    case LastColumn:
        return tr("Last price");
    case ChangeColumn:
        return tr("24h change");
    case VolumeColumn:
        return tr("24h volume");
    case TrendColumn:
        return tr("24h trend");
    case UpdatedColumn:
        return tr("Updated");
    default:
        return {};
    }
}

Qt::ItemFlags WatchlistModel::flags(const QModelIndex& index) const
{
    // Items take no drops themselves: a drop lands between rows, which is where the row goes.
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

bool WatchlistModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
    const QModelIndex& destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count < 1 || sourceRow < 0
        || sourceRow + count > m_rows.size() || destinationChild < 0 || destinationChild > m_rows.size())
        return false;
    if (!beginMoveRows(sourceParent, sourceRow, sourceRow + count - 1, destinationParent, destinationChild))
        return false;
    const QVector<Row> moving = m_rows.mid(sourceRow, count);
    m_rows.remove(sourceRow, count);
    const int insertAt = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    for (int i = 0; i < count; ++i)
        m_rows.insert(insertAt + i, moving.at(i));
    endMoveRows();
    return true;
}

Qt::DropActions WatchlistModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList WatchlistModel::mimeTypes() const
{
    return {kMimeType};
}

QMimeData* WatchlistModel::mimeData(const QModelIndexList& indexes) const
{
    QStringList picked;
    for (const QModelIndex& i : indexes) {
        const QString s = data(i, SymbolRole).toString();
        if (!s.isEmpty() && !picked.contains(s))
            picked.append(s);
    }
    auto* mime = new QMimeData;
    mime->setData(kMimeType, picked.join(QLatin1Char(',')).toUtf8());
    return mime;
}

bool WatchlistModel::canDropMimeData(
    const QMimeData* data, Qt::DropAction action, int, int, const QModelIndex&) const
{
    return data && data->hasFormat(kMimeType) && action == Qt::MoveAction;
}

bool WatchlistModel::dropMimeData(
    const QMimeData* data, Qt::DropAction action, int row, int, const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, 0, parent))
        return false;
    const QStringList dragged =
        QString::fromUtf8(data->data(kMimeType)).split(QLatin1Char(','), Qt::SkipEmptyParts);
    int before = row >= 0 ? row : parent.isValid() ? parent.row() : int(m_rows.size());
    bool moved = false;
    for (const QString& symbol : dragged) {
        const int from = rowOf(symbol);
        if (from < 0)
            continue;
        // "before" counts rows of the current order; moving a row just before or after itself
        // changes nothing and moveRows refuses it.
        if (moveRows(QModelIndex(), from, 1, QModelIndex(), before))
            moved = true;
        before = rowOf(symbol) + 1;
    }
    if (moved)
        Q_EMIT reordered(symbols());
    // The rows are already where they belong: reporting false keeps the view from removing the
    // dragged rows as it would after a move between models.
    return false;
}
