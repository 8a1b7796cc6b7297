// The QR code widget encodes its text with libqrencode: a real, deterministic module matrix with the
// standard finder patterns, drawn on white whatever the palette.
#include "widgets/qrcodewidget.h"

#include <QTest>

class TestQrCodeWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodesAUrl()
    {
        QrCodeWidget qr;
        const QString url = QStringLiteral("http://127.0.0.1:8765/pay/inv_ABCDEFGHJKMNPQRS");
        qr.setText(url);
        QCOMPARE(qr.text(), url);
        QVERIFY(qr.errorString().isEmpty());
        // Version 3 (29 modules) holds 53 bytes at level M; this URL needs at least that.
        QVERIFY2(qr.moduleCount() >= 29, qPrintable(QString::number(qr.moduleCount())));
        QCOMPARE((qr.moduleCount() - 17) % 4, 0); // sides are 21, 25, 29, ... modules
        QCOMPARE(qr.modules().size(), qr.moduleCount() * qr.moduleCount());
        const auto dark = std::count(qr.modules().cbegin(), qr.modules().cend(), true);
        QVERIFY(dark > qr.modules().size() / 4 && dark < qr.modules().size() * 3 / 4);

        // Finder patterns in three corners: a dark 7x7 ring around a light ring and a dark 3x3 core.
        const int n = qr.moduleCount();
        for (const QPoint& corner : {QPoint(0, 0), QPoint(n - 7, 0), QPoint(0, n - 7)}) {
            QVERIFY(qr.isDark(corner.x(), corner.y()));
            QVERIFY(qr.isDark(corner.x() + 6, corner.y() + 6));
            QVERIFY(!qr.isDark(corner.x() + 1, corner.y() + 1));
            QVERIFY(qr.isDark(corner.x() + 3, corner.y() + 3));
        }
        // The light separator around the top-left finder pattern.
        for (int i = 0; i < 8; ++i) {
            QVERIFY(!qr.isDark(7, i));
            QVERIFY(!qr.isDark(i, 7));
        }
    }

    void deterministicAndTextSpecific()
    {
        QrCodeWidget a;
        QrCodeWidget b;
        const QString address = QStringLiteral("TXyZ8bq7Hh1k2bC5bY9mB3d8bF6tU9nQ2x");
        a.setText(address);
        b.setText(address);
        QVERIFY(!a.modules().isEmpty());
        QCOMPARE(a.modules(), b.modules());
        int width = 0;
        QCOMPARE(QrCodeWidget::encode(address, &width), a.modules());
        QCOMPARE(width, a.moduleCount());

        b.setText(address + QLatin1Char('3'));
        QVERIFY(b.modules() != a.modules());
        // Byte mode keeps case: an address differing only in case is another code.
        b.setText(address.toLower());
        QVERIFY(b.modules() != a.modules());
    }

    void emptyAndTooLong()
    {
        QrCodeWidget qr;
        qr.setText(QStringLiteral("x"));
        QVERIFY(qr.moduleCount() > 0);
        qr.setText(QString());
        QCOMPARE(qr.moduleCount(), 0);
        QVERIFY(qr.modules().isEmpty());

        qr.setText(QString(5000, QLatin1Char('a'))); // more than version 40 holds
        QCOMPARE(qr.moduleCount(), 0);
        QVERIFY(!qr.errorString().isEmpty());
    }

    void imageHasQuietZoneAndModules()
    {
        QrCodeWidget qr;
        qr.setText(QStringLiteral("https://example.com/pay"));
        const QImage image = qr.toImage(3);
        const int side = (qr.moduleCount() + 8) * 3;
        QCOMPARE(image.size(), QSize(side, side));
        QCOMPARE(image.pixelColor(0, 0), QColor(Qt::white)); // quiet zone
        QCOMPARE(image.pixelColor(4 * 3, 4 * 3), QColor(Qt::black)); // top-left finder
        QCOMPARE(image.pixelColor(5 * 3 + 1, 5 * 3 + 1), QColor(Qt::white)); // its light ring

        // On screen, on a dark palette too, the code is black on white.
        QPalette dark;
        dark.setColor(QPalette::Window, Qt::black);
        qr.setPalette(dark);
        qr.resize(200, 200);
        const QImage shown = qr.grab().toImage();
        QCOMPARE(shown.pixelColor(shown.width() / 2, 12), QColor(Qt::white));
    }
};

QTEST_MAIN(TestQrCodeWidget)
#include "tst_qrcodewidget.moc"
