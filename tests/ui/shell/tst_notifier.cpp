// Notifications go through the tray when there is one, are off when the setting says so, and go
// nowhere (without failing) when the desktop offers no way.
#include "config/settings.h"
#include "notifier.h"
#include "testenv.h"

#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

class TestNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void disabledBySetting()
    {
        TestEnv env;
        Settings settings;
        QVERIFY(settings.setValue(QStringLiteral("ui.notifications"), false).ok());
        Notifier notifier(settings);
        QSignalSpy notified(&notifier, &Notifier::notified);
        QCOMPARE(notifier.notify(QStringLiteral("Invoice paid"), QStringLiteral("10 USDT")),
            Notifier::Route::Disabled);
        QCOMPARE(notified.count(), 0);
    }

    void nowhereToGo()
    {
        TestEnv env;
        Settings settings;
        Notifier notifier(settings);
        notifier.setDBusEnabled(false);
        QCOMPARE(notifier.notify(QStringLiteral("Invoice paid"), QStringLiteral("10 USDT")),
            Notifier::Route::None);
    }

    void throughTheTray()
    {
        TestEnv env;
        Settings settings;
        Notifier notifier(settings);
        notifier.setDBusEnabled(false);
        QSystemTrayIcon tray(QIcon(QStringLiteral(":/icons/tray-serving.svg")));
        tray.show();
        notifier.setTrayIcon(&tray);
        QSignalSpy notified(&notifier, &Notifier::notified);
        const Notifier::Route route =
            notifier.notify(QStringLiteral("Invoice paid"), QStringLiteral("10 USDT"));
        if (!QSystemTrayIcon::supportsMessages())
            QSKIP("This platform shows no tray messages");
        QCOMPARE(route, Notifier::Route::Tray);
        QCOMPARE(notified.count(), 1);
        QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("Invoice paid"));

        // A tray that went away is not used.
        tray.hide();
        QCOMPARE(notifier.notify(QStringLiteral("Invoice expired"), QString()), Notifier::Route::None);
    }
};

QTEST_MAIN(TestNotifier)
#include "tst_notifier.moc"
