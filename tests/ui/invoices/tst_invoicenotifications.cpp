// Desktop notifications of invoice status changes: one per change, however the change is heard of
// (resources/updated notices and the periodic look), none for invoices settled before the start.
// Runs in a private D-Bus session (KEYRING), so the Notifier has a real way out.
#include "invoicesgraph.h"

#include "invoicenotifications.h"
#include "notifier.h"

class TestInvoiceNotifications : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oncePerChange()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        // Settled before FinAgent started: no news.
        const QString old = g.createInvoice(QStringLiteral("3"));
        QCOMPARE(g.simulate(old, QStringLiteral("full")), QStringLiteral("paid"));

        Notifier notifier(*g.settings);
        notifier.setDBusEnabled(true);
        if (notifier.notify(QStringLiteral("probe"), QString()) == Notifier::Route::None)
            QFAIL("no D-Bus session bus: run this test through tests/support/with-keyring.sh");
        QSignalSpy notified(&notifier, &Notifier::notified);
        InvoiceNotifications notifications(*g.backend, notifier);
        QSignalSpy announced(&notifications, &InvoiceNotifications::announced);
        QTRY_VERIFY(notifications.isPrimed());
        QCOMPARE(notified.count(), 0);

        const QString id = g.createInvoice(QStringLiteral("12.5"), QStringLiteral("Two mugs"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(g.simulate(id, QStringLiteral("full")), QStringLiteral("paid"));
        QTRY_COMPARE(notified.count(), 1);
        QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("Invoice paid"));
        const QString body = notified.at(0).at(1).toString();
        QVERIFY2(body.contains(id) && body.contains(QLatin1String("12.500000 USDT"))
                && body.contains(QLatin1String("Two mugs")),
            qPrintable(body));
        QCOMPARE(announced.count(), 1);

        // The periodic look sees the same change again: still one notification.
        notifications.poll();
        QTRY_VERIFY(!notifications.isPolling());
        notifications.poll();
        QTRY_VERIFY(!notifications.isPolling());
        QCOMPARE(notified.count(), 1);

        // Underpaid, then expired: each once, in order.
        const QString other = g.createInvoice(QStringLiteral("10"));
        QCOMPARE(g.simulate(other, QStringLiteral("under")), QStringLiteral("underpaid"));
        QTRY_COMPARE(notified.count(), 2);
        QCOMPARE(notified.at(1).at(0).toString(), QStringLiteral("Invoice underpaid"));
        QVERIFY(notified.at(1).at(1).toString().contains(QLatin1String("still owes 5.000000 USDT")));
        QCOMPARE(g.simulate(other, QStringLiteral("expire")), QStringLiteral("expired"));
        QTRY_COMPARE(notified.count(), 3);
        QCOMPARE(notified.at(2).at(0).toString(), QStringLiteral("Invoice expired"));
        notifications.poll();
        QTRY_VERIFY(!notifications.isPolling());
        QCOMPARE(notified.count(), 3);

        // Turned off in the settings: nothing goes out.
        QVERIFY(g.settings->setValue(QStringLiteral("ui.notifications"), false).ok());
        const QString third = g.createInvoice(QStringLiteral("4"));
        QCOMPARE(g.simulate(third, QStringLiteral("over")), QStringLiteral("overpaid"));
        QTRY_COMPARE(announced.count(), 4);
        QCOMPARE(notified.count(), 3);
    }

    void pollingAloneFindsChanges()
    {
        // Without resources/updated notices (a remote that sends none), the periodic look still tells.
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        const QString id = g.createInvoice(QStringLiteral("8"));
        Notifier notifier(*g.settings);
        InvoiceNotifications notifications(*g.backend, notifier);
        QTRY_VERIFY(notifications.isPrimed());
        QSignalSpy announced(&notifications, &InvoiceNotifications::announced);
        QObject::disconnect(g.backend.get(), &McpHandler::resourceUpdated, &notifications, nullptr);
        QCOMPARE(g.simulate(id, QStringLiteral("over")), QStringLiteral("overpaid"));
        QCOMPARE(announced.count(), 0); // nothing told it yet
        notifications.setPollInterval(1000);
        QCOMPARE(notifications.pollInterval(), 1000);
        QTRY_COMPARE_WITH_TIMEOUT(announced.count(), 1, 5000);
        QCOMPARE(announced.first().at(1).toString(), QStringLiteral("overpaid"));
    }
};

QTEST_MAIN(TestInvoiceNotifications)
#include "tst_invoicenotifications.moc"
