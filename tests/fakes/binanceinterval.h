#pragma once

#include <QString>
#include <QStringList>

// A Binance kline interval ("1m", "4h", "1w", "1M", ...) and the candle grid it defines:
// candles are numbered from the epoch, weeks start on Monday 00:00 UTC, months on the 1st.
class BinanceInterval
{
public:
    static QStringList names(); // 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M
    static bool isValid(const QString& name) { return names().contains(name); }

    explicit BinanceInterval(const QString& name);

    QString name() const { return m_name; }
    bool isMonthly() const { return m_lengthMs == 0; }
    // Nominal length (a month counts as 30.44 days).
    qint64 nominalMs() const;

    qint64 indexOf(qint64 timeMs) const; // candle that contains timeMs
    qint64 openTime(qint64 index) const; // first ms of the candle
    qint64 closeTime(qint64 index) const; // last ms of the candle (next open - 1)

private:
    QString m_name;
    qint64 m_lengthMs = 0; // 0 for 1M
    qint64 m_offsetMs = 0; // weeks start on Monday, 4 days after the epoch
};
