// The candlestick chart on its own, with candles made up by the test: states, drawing, the
// crosshair from the mouse and the keyboard, overlays, and sharp edges at the scale factor the test
// runs with (also registered with QT_SCALE_FACTOR=2).
#include "market/indicators.h"
#include "widgets/candlestickchart.h"

#include <QApplication>
#include <QImage>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

namespace
{

// A zig-zag of candles: even ones rise, odd ones fall, around 100.
QVector<Candle> makeCandles(int count)
{
    QVector<Candle> out;
    const qint64 start = 1717243200000;
    for (int i = 0; i < count; ++i) {
        Candle c;
        c.openTime = start + qint64(i) * 3600 * 1000;
        c.closeTime = c.openTime + 3600 * 1000 - 1;
        const double base = 100 + (i % 10);
        const bool up = i % 2 == 0;
        c.open = up ? base : base + 4;
        c.close = up ? base + 4 : base;
        c.high = base + 5;
        c.low = base - 1;
        c.volume = 10 + i;
        c.openText = QString::number(c.open, 'f', 8);
        c.closeText = QString::number(c.close, 'f', 8);
        c.highText = QString::number(c.high, 'f', 8);
        c.lowText = QString::number(c.low, 'f', 8);
        c.volumeText = QString::number(c.volume, 'f', 8);
        out.append(c);
    }
    return out;
}

int countPixels(const QImage& image, const std::function<bool(const QColor&)>& test)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (test(image.pixelColor(x, y)))
                ++n;
        }
    }
    return n;
}

bool greenish(const QColor& c)
{
    return c.green() > 100 && c.green() > c.red() + 40 && c.green() > c.blue() + 20;
}

bool reddish(const QColor& c)
{
    return c.red() > 150 && c.red() > c.green() + 60 && c.red() > c.blue() + 60;
}

} // namespace

class TestCandlestickChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void states()
    {
        CandlestickChart chart;
        QCOMPARE(chart.state(), CandlestickChart::State::Empty);
        QVERIFY(chart.focusPolicy() & Qt::TabFocus);
        chart.setLoading(true);
        QCOMPARE(chart.state(), CandlestickChart::State::Loading);
        chart.setErrorText(QStringLiteral("Binance is rate limiting us; try again in a minute."));
        QCOMPARE(chart.state(), CandlestickChart::State::Error);
        chart.setCandles(makeCandles(40), QStringLiteral("1h"));
        QCOMPARE(chart.state(), CandlestickChart::State::Ready);
        QCOMPARE(chart.candleCount(), 40);
        chart.clear();
        chart.setErrorText(QString());
        chart.setLoading(false);
        QCOMPARE(chart.state(), CandlestickChart::State::Empty);

        // Every state draws something: the sentence is on screen.
        chart.resize(400, 240);
        const QColor base = chart.palette().color(QPalette::Base);
        for (int step = 0; step < 3; ++step) {
            if (step == 1)
                chart.setLoading(true);
            if (step == 2)
                chart.setErrorText(QStringLiteral("Unknown symbol."));
            const QImage image = chart.grab().toImage();
            QVERIFY(countPixels(image, [&](const QColor& c) { return c != base; }) > 20);
        }
    }

    void drawsCandlesVolumeAndAxes()
    {
        CandlestickChart chart;
        chart.resize(800, 400);
        chart.setCandles(makeCandles(60), QStringLiteral("1h"));
        const QImage image = chart.grab().toImage();
        QCOMPARE(image.size(), chart.size() * chart.devicePixelRatioF());
        const int green = countPixels(image, greenish);
        const int red = countPixels(image, reddish);
        QVERIFY2(
            green > 500 && red > 500, qPrintable(QStringLiteral("%1 green, %2 red").arg(green).arg(red)));

        // Overlays add their colour.
        const QImage before = image;
        QVector<double> closes;
        for (const Candle& c : chart.candles())
            closes.append(c.close);
        ChartOverlay sma;
        sma.id = QStringLiteral("sma20");
        sma.label = QStringLiteral("SMA 20");
        sma.color = QColor(0x25, 0x63, 0xeb);
        sma.values = Indicators::sma(closes, 20);
        chart.setOverlays({sma});
        QCOMPARE(chart.overlayIds(), QStringList {QStringLiteral("sma20")});
        const QImage withSma = chart.grab().toImage();
        const auto blue = [](const QColor& c) {
            return c.blue() > 180 && c.blue() > c.red() + 80;
        };
        QVERIFY(countPixels(withSma, blue) > countPixels(before, blue) + 100);
    }

    void resizesAndRedraws()
    {
        CandlestickChart chart;
        chart.setCandles(makeCandles(30), QStringLiteral("1h"));
        chart.resize(300, 200);
        const QImage small = chart.grab().toImage();
        chart.resize(900, 500);
        const QImage large = chart.grab().toImage();
        QCOMPARE(large.size(), QSize(900, 500) * chart.devicePixelRatioF());
        QVERIFY(countPixels(large, greenish) > countPixels(small, greenish) * 2);
        QVERIFY(chart.minimumSizeHint().width() <= 300);
    }

    void crosshairFollowsMouseAndKeys()
    {
        CandlestickChart chart;
        chart.resize(600, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QVector<Candle> candles = makeCandles(20);
        chart.setCandles(candles, QStringLiteral("1h"));
        QSignalSpy hovered(&chart, &CandlestickChart::hoveredIndexChanged);

        // Find where candle 5 is drawn by scanning for its index.
        int x5 = -1;
        for (int x = 0; x < chart.width() && x5 < 0; ++x) {
            if (chart.indexAt(QPoint(x, chart.height() / 2)) == 5)
                x5 = x + 2;
        }
        QVERIFY(x5 > 0);
        QTest::mouseMove(&chart, QPoint(x5, chart.height() / 2));
        QTRY_COMPARE(chart.hoveredIndex(), 5);
        const QString text = chart.hoverText();
        QVERIFY2(text.contains(QStringLiteral("Close 105.00")), qPrintable(text)); // exact, trimmed
        QVERIFY(text.contains(QStringLiteral("Open 109.00")));
        QVERIFY(text.contains(QStringLiteral("Change -3.67%")));
        QVERIFY(hovered.count() >= 1);
        const QImage withCrosshair = chart.grab().toImage();

        // Outside the plot (the price axis) nothing is hovered.
        QCOMPARE(chart.indexAt(QPoint(chart.width() - 3, chart.height() / 2)), -1);

        // Keys: End, Left, Home, Escape.
        chart.setFocus();
        QTest::keyClick(&chart, Qt::Key_End);
        QCOMPARE(chart.hoveredIndex(), 19);
        QTest::keyClick(&chart, Qt::Key_Left);
        QCOMPARE(chart.hoveredIndex(), 18);
        QTest::keyClick(&chart, Qt::Key_Home);
        QCOMPARE(chart.hoveredIndex(), 0);
        QTest::keyClick(&chart, Qt::Key_Right);
        QCOMPARE(chart.hoveredIndex(), 1);
        QTest::keyClick(&chart, Qt::Key_Escape);
        QCOMPARE(chart.hoveredIndex(), -1);
        QVERIFY(chart.hoverText().isEmpty());
        const QImage without = chart.grab().toImage();
        QVERIFY(withCrosshair != without);

        // New data with fewer candles drops a hover past the end.
        chart.setHoveredIndex(19);
        chart.setCandles(makeCandles(10), QStringLiteral("1h"));
        QCOMPARE(chart.hoveredIndex(), -1);
    }

    void tinySizesDoNotBreak()
    {
        CandlestickChart chart;
        chart.setCandles(makeCandles(30), QStringLiteral("1h"));
        chart.setHoveredIndex(3);
        for (const QSize& size : {QSize(1, 1), QSize(40, 20), QSize(2000, 30), QSize(30, 900)}) {
            chart.resize(size);
            QVERIFY(!chart.grab().isNull());
            QCOMPARE(chart.indexAt(QPoint(-5, -5)), -1);
        }
    }

    void lastPriceLine()
    {
        CandlestickChart chart;
        chart.resize(600, 300);
        chart.setCandles(makeCandles(20), QStringLiteral("1h"));
        QVERIFY(chart.isLastPriceLineVisible());
        const QImage with = chart.grab().toImage();
        chart.setLastPriceLineVisible(false);
        const QImage without = chart.grab().toImage();
        QVERIFY(with != without);
    }

    // Candle bodies and grid lines cover whole device pixels: across the middle of a body there are
    // only a few distinct colours (body, background, grid), no blended edges.
    void edgesAreSharp()
    {
        CandlestickChart chart;
        chart.resize(640, 320);
        chart.setLastPriceLineVisible(false);
        QVector<Candle> candles = makeCandles(12);
        chart.setCandles(candles, QStringLiteral("1h"));
        const QImage image = chart.grab().toImage();
        const qreal dpr = chart.devicePixelRatioF();
        QCOMPARE(image.width(), qRound(640 * dpr));
        if (qEnvironmentVariableIsSet("QT_SCALE_FACTOR"))
            QCOMPARE(dpr, qEnvironmentVariable("QT_SCALE_FACTOR").toDouble());

        // The row through the middle of the first candle's body (100 -> 104 of a 99..114 range).
        int bodyRow = -1;
        for (int y = image.height() / 4; y < image.height() * 3 / 4 && bodyRow < 0; ++y) {
            for (int x = 0; x < image.width() / 4; ++x) {
                if (greenish(image.pixelColor(x, y))) {
                    bodyRow = y + 2;
                    break;
                }
            }
        }
        QVERIFY(bodyRow > 0);
        QSet<QRgb> colours;
        for (int x = 0; x < image.width() * 3 / 4; ++x)
            colours.insert(image.pixel(x, bodyRow));
        QVERIFY2(colours.size() <= 5, qPrintable(QString::number(colours.size())));
    }
};

QTEST_MAIN(TestCandlestickChart)
#include "tst_candlestickchart.moc"
