// The Invoices page as a person sees it: in the main window, with sandbox invoices in every state
// and one selected, and the New invoice dialog with a mistake in it. The renders are checked for
// content; with FINAGENT_SCREENSHOT_DIR set they are kept as PNG files to look at.
#include "invoicesgraph.h"

#include "mainwindow.h"
#include "pages/invoicedetailpane.h"
#include "pages/invoicespage.h"
#include "pages/newinvoicedialog.h"

#include <QDir>
#include <QLineEdit>
#include <QTableView>

class TestInvoicesScreenshot : public QObject
{
    Q_OBJECT

private:
    static void keep(const QImage& image, const QString& name)
    {
        const QString dir = qEnvironmentVariable("FINAGENT_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(image.save(QDir(dir).filePath(name)));
    }

private Q_SLOTS:
    void windowWithInvoices()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        const QStringList made {
            g.createInvoice(QStringLiteral("25"), QStringLiteral("Design review, June")),
            g.createInvoice(QStringLiteral("149.99"), QStringLiteral("Annual plan"), QStringLiteral("ERC20")),
            g.createInvoice(QStringLiteral("9.5"), QStringLiteral("Coffee beans")),
            g.createInvoice(QStringLiteral("1200"), QStringLiteral("Consulting, 8 hours")),
            g.createInvoice(QStringLiteral("42.123456"), QStringLiteral("Server rent"),
                QStringLiteral("TRC20"), QStringLiteral("USDT")),
            g.createInvoice(QStringLiteral("10.25"), QStringLiteral("Stickers")),
        };
        for (const QString& id : made)
            QVERIFY(!id.isEmpty());
        QCOMPARE(g.simulate(made.at(0), QStringLiteral("full")), QStringLiteral("paid"));
        QCOMPARE(g.simulate(made.at(2), QStringLiteral("expire")), QStringLiteral("expired"));
        QCOMPARE(g.simulate(made.at(3), QStringLiteral("under")), QStringLiteral("underpaid"));
        QCOMPARE(g.simulate(made.at(4), QStringLiteral("over")), QStringLiteral("overpaid"));

        MainWindow window(*g.context);
        auto* page = new InvoicesPage(*g.context);
        window.addPage(page);
        window.resize(1400, 900);
        window.show();
        QTRY_COMPARE(page->visibleIds().size(), made.size());
        QVERIFY(page->isSandbox() || QTest::qWaitFor([page]() { return page->isSandbox(); }, 5000));
        QVERIFY(page->selectInvoice(made.at(3)));
        QTRY_VERIFY(page->detailPane()->invoice() && !page->detailPane()->invoice()->events.isEmpty());
        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.size(), window.size() * window.devicePixelRatio());
        keep(shot, QStringLiteral("invoices.png"));

        // The selected pending invoice with its QR code.
        QVERIFY(page->selectInvoice(made.at(5)));
        keep(window.grab().toImage(), QStringLiteral("invoices-pending.png"));

        NewInvoiceDialog* dialog = page->newInvoice();
        QTRY_VERIFY(dialog->networksLoaded());
        QTest::keyClicks(dialog->amountEdit(), QStringLiteral("12.345"));
        QTest::keyClicks(dialog->descriptionEdit(), QStringLiteral("Order 1042"));
        QVERIFY(!dialog->amountError().isEmpty());
        const QImage dialogShot = dialog->grab().toImage();
        QVERIFY(!dialogShot.isNull());
        keep(dialogShot, QStringLiteral("invoices-dialog.png"));
        dialog->reject();
    }

    void emptyPage()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        MainWindow window(*g.context);
        auto* page = new InvoicesPage(*g.context);
        window.addPage(page);
        window.resize(1400, 900);
        window.show();
        QTRY_VERIFY(!page->isLoading());
        keep(window.grab().toImage(), QStringLiteral("invoices-empty.png"));
    }
};

QTEST_MAIN(TestInvoicesScreenshot)
#include "tst_invoicesscreenshot.moc"
