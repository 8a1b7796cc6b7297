#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QStringList>
#include <QVector>

#include <functional>

// The watchlist as a table: one row per symbol, in the order the person chose, with the last
// price (the exact decimal string), the 24 h change, the 24 h quote volume, a sparkline of the
// last 24 hourly closes and how old the data is. A row whose refresh failed keeps its last data
// and carries the error sentence (tooltip and warning icon) without touching other rows.
//
// Rows are reordered with moveRows() or by dragging (the drop moves the row itself, so views
// must not remove the dragged rows afterwards; dropMimeData reports false for that reason).
class WatchlistModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SymbolColumn,
        LastColumn,
        ChangeColumn,
        VolumeColumn,
        TrendColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // numbers for sorting (prices, percents, volumes, ages)
        SymbolRole, // "BTCUSDT"
        SparklineRole, // QVector<double> of hourly closes, oldest first
        ExactRole, // the exact decimal string behind a number column
        ErrorRole, // the last refresh's error sentence, empty when fine
        StaleRole, // bool: the data is a cached answer served while the upstream failed
    };

    struct Row
    {
        QString symbol;
        QString lastPrice; // exact decimal strings, as the tools returned them
        QString changePercent;
        QString quoteVolume;
        QVector<double> sparkline;
        qint64 updatedAtMs = 0; // when the upstream answered (our clock), 0 before any data
        bool stale = false;
        QString staleReason;
        QString error;
        bool hasTicker = false;
    };

    explicit WatchlistModel(QObject* parent = nullptr);

    // Replaces the list; rows of symbols that stay keep their data.
    void setSymbols(const QStringList& symbols);
    QStringList symbols() const;
    bool contains(const QString& symbol) const { return rowOf(symbol) >= 0; }
    int rowOf(const QString& symbol) const;
    const Row* row(const QString& symbol) const;
    void addSymbol(const QString& symbol);
    bool removeSymbol(const QString& symbol);
    // Moves a symbol to another position in the list (0 = first).
    bool moveSymbol(const QString& symbol, int toRow);

    // Data from get_ticker_24h's structuredContent (last_price, price_change_percent,
    // quote_volume, cache_age_ms, stale, stale_reason); clears the row's error.
    void setTicker(const QString& symbol, const QJsonObject& ticker);
    // Data from get_spot_price, shown until the first ticker arrives.
    void setSpotPrice(const QString& symbol, const QJsonObject& spot);
    void setSparkline(const QString& symbol, const QVector<double>& closes);
    void setError(const QString& symbol, const QString& message);
    // Re-reads the clock for the "updated … ago" column.
    void refreshAges();
    // For tests: the clock (ms since the epoch) the ages are measured with.
    void setClock(std::function<qint64()> clock);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
        const QModelIndex& destinationParent, int destinationChild) override;

    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
        const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
        const QModelIndex& parent) override;

Q_SIGNALS:
    // The order changed by a drag or moveSymbol (not by setSymbols).
    void reordered(const QStringList& symbols);

private:
    void rowChanged(int row);
    QString ageText(const Row& row) const;
    qint64 now() const;

    QVector<Row> m_rows;
    std::function<qint64()> m_clock;
};
