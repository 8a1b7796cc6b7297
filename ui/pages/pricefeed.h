#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

class Backend;
class WatchlistModel;

// Keeps a WatchlistModel's prices current through the Backend, as an MCP host would: a round asks
// get_ticker_24h for every symbol and get_klines (1h, the last 24) for sparklines older than a
// minute. Rows are filled as answers arrive; a failed symbol gets its error sentence and the others
// carry on. A round that is asked for while the previous one is still running is skipped, so a
// slow upstream never piles requests up.
class PriceFeed : public QObject
{
    Q_OBJECT
public:
    PriceFeed(Backend& backend, WatchlistModel& model, QObject* parent = nullptr);
    ~PriceFeed() override;

    // Starts a round; false (and nothing asked) while the previous round is still running.
    bool refresh();
    // Asks for one symbol's ticker and sparkline now, outside the rounds (a symbol just added).
    void refreshSymbol(const QString& symbol);
    bool isRefreshing() const { return m_pending > 0; }
    int completedRounds() const { return m_completed; }
    int skippedRounds() const { return m_skipped; }
    // How old a sparkline may get before a round asks for it again. Default one minute.
    void setSparklineMaxAgeMs(qint64 ms) { m_sparklineMaxAgeMs = ms; }

Q_SIGNALS:
    void roundFinished();

private:
    void fetchTicker(const QString& symbol, QObject* ctx, bool counted);
    void fetchSparkline(const QString& symbol, QObject* ctx, bool counted);
    void settle(bool counted);

    Backend& m_backend;
    WatchlistModel& m_model;
    QPointer<QObject> m_round; // the running round's requests; deleting it cancels them
    int m_pending = 0;
    int m_completed = 0;
    int m_skipped = 0;
    qint64 m_sparklineMaxAgeMs = 60 * 1000;
    QElapsedTimer m_clock;
    QHash<QString, qint64> m_sparklineAt; // m_clock time of each symbol's last sparkline
};
