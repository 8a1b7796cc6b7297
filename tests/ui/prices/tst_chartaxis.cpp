// Axis ticks of the candlestick chart: round price steps, and time ticks on period boundaries in
// local time (the test runs with TZ=UTC), with the date at the first tick of a new day.
#include "widgets/chartaxis.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>

namespace
{

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

QVector<qint64> series(qint64 start, qint64 step, int count)
{
    QVector<qint64> out;
    for (int i = 0; i < count; ++i)
        out.append(start + i * step);
    return out;
}

qint64 utc(int y, int m, int d, int h = 0, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), Qt::UTC).toMSecsSinceEpoch();
}

} // namespace

class TestChartAxis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void priceTicksAreRound()
    {
        ChartAxis::PriceTicks t = ChartAxis::priceTicks(0, 10, 5);
        QCOMPARE(t.step, 2.0);
        QCOMPARE(t.decimals, 0);
        QCOMPARE(t.values, (QVector<double> {0, 2, 4, 6, 8, 10}));

        t = ChartAxis::priceTicks(66990.5, 67890.3, 6);
        QCOMPARE(t.step, 200.0);
        QCOMPARE(t.values.first(), 67000.0);
        QCOMPARE(t.values.last(), 67800.0);

        t = ChartAxis::priceTicks(0.00012, 0.00019, 4);
        QCOMPARE(t.decimals, 5);
        QVERIFY(qFuzzyCompare(t.step, 0.00002));
        QCOMPARE(t.values.size(), 4); // 0.00012, 0.00014, 0.00016, 0.00018
        for (double v : t.values)
            QVERIFY(v >= 0.00012 - 1e-12 && v <= 0.00019);

        t = ChartAxis::priceTicks(1, 1, 5);
        QVERIFY(t.values.isEmpty());
        t = ChartAxis::priceTicks(std::numeric_limits<double>::quiet_NaN(), 1, 5);
        QVERIFY(t.values.isEmpty());
    }

    void priceLabels()
    {
        const QLocale us(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(ChartAxis::priceLabel(67000, 0, us), QStringLiteral("67,000"));
        QCOMPARE(ChartAxis::priceLabel(0.1 + 0.2, 2, us), QStringLiteral("0.30"));
        QCOMPARE(ChartAxis::priceLabel(-1e-12, 2, us), QStringLiteral("0.00"));
    }

    void hourlyCandlesGetSixHourTicks()
    {
        // 48 hourly candles from 1 June 10:00 UTC, 10 px each: six hours are 60 px apart.
        const QVector<qint64> times = series(utc(2024, 6, 1, 10), kHour, 48);
        const QVector<ChartAxis::TimeTick> ticks =
            ChartAxis::timeTicks(times, kHour, 10, 60, QLocale(QLocale::English, QLocale::UnitedStates));
        QStringList labels;
        QList<int> indexes;
        for (const ChartAxis::TimeTick& t : ticks) {
            labels << t.label;
            indexes << t.index;
        }
        QCOMPARE(labels,
            (QStringList {QStringLiteral("12:00"), QStringLiteral("18:00"), QStringLiteral("2 Jun"),
                QStringLiteral("06:00"), QStringLiteral("12:00"), QStringLiteral("18:00"),
                QStringLiteral("3 Jun"), QStringLiteral("06:00")}));
        QCOMPARE(indexes.first(), 2); // 12:00 is the third candle
    }

    void narrowCandlesGetLongerPeriods()
    {
        // 150 daily candles 4 px wide: days and weeks are too close, months fit.
        const QVector<qint64> times = series(utc(2023, 11, 1), kDay, 150);
        const QVector<ChartAxis::TimeTick> ticks =
            ChartAxis::timeTicks(times, kDay, 4, 70, QLocale(QLocale::English, QLocale::UnitedStates));
        QStringList labels;
        for (const ChartAxis::TimeTick& t : ticks)
            labels << t.label;
        QCOMPARE(labels,
            (QStringList {QStringLiteral("Dec"), QStringLiteral("2024"), QStringLiteral("Feb"),
                QStringLiteral("Mar")}));
        for (int i = 1; i < ticks.size(); ++i)
            QVERIFY((ticks.at(i).index - ticks.at(i - 1).index) * 4 >= 70);
    }

    void minuteCandles()
    {
        const QVector<qint64> times = series(utc(2024, 6, 1, 9, 58), kMinute, 30);
        const QVector<ChartAxis::TimeTick> ticks =
            ChartAxis::timeTicks(times, kMinute, 12, 60, QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(!ticks.isEmpty());
        QCOMPARE(ticks.first().label, QStringLiteral("10:00"));
        QCOMPARE(ticks.first().index, 2);
        QCOMPARE(ticks.at(1).label, QStringLiteral("10:05"));
    }

    void tooFewCandles()
    {
        QVERIFY(ChartAxis::timeTicks({utc(2024, 6, 1)}, kHour, 10, 60, QLocale()).isEmpty());
        QVERIFY(ChartAxis::timeTicks(series(utc(2024, 6, 1), kHour, 10), 0, 10, 60, QLocale()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChartAxis)
#include "tst_chartaxis.moc"
