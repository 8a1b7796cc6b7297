// Start on login: the XDG autostart entry follows ui.start_on_login, in $XDG_CONFIG_HOME.
#include "autostart.h"
#include "config/settings.h"
#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

class TestAutostart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
        QSKIP("These cases check the XDG autostart entry");
#endif
    }

    void writesAndRemovesDesktopEntry()
    {
        TestEnv env;
        const QString xdg = env.root() + QStringLiteral("/xdg-config");
        env.set("XDG_CONFIG_HOME", xdg.toUtf8());
        Settings settings;
        Autostart autostart(settings, QStringLiteral("/opt/Fin Agent/bin/finagent"));
        const QString entry = xdg + QStringLiteral("/autostart/io.github.finagent.FinAgent.desktop");
        QCOMPARE(autostart.entryLocation(), entry);
        QVERIFY(!autostart.isEnabled());

        const Result<void> on = autostart.setEnabled(true);
        QVERIFY2(on.ok(), qPrintable(on.ok() ? QString() : on.error().message));
        QVERIFY(QFile::exists(entry));
        QVERIFY(autostart.isEnabled());
        QVERIFY(settings.boolean(QStringLiteral("ui.start_on_login")));
        const QString content = QString::fromUtf8(readWholeFile(entry));
        QVERIFY(content.startsWith(QStringLiteral("[Desktop Entry]\n")));
        QVERIFY2(content.contains(QStringLiteral("\nExec=\"/opt/Fin Agent/bin/finagent\" \"--minimized\"\n")),
            qPrintable(content));
        QVERIFY(content.contains(QStringLiteral("\nX-GNOME-Autostart-Delay=")));
        QVERIFY(content.contains(QStringLiteral("\nType=Application\n")));
        QVERIFY(content.contains(QStringLiteral("\nIcon=io.github.finagent.FinAgent\n")));

        const Result<void> off = autostart.setEnabled(false);
        QVERIFY(off.ok());
        QVERIFY(!QFile::exists(entry));
        QVERIFY(!autostart.isEnabled());
        QVERIFY(!settings.boolean(QStringLiteral("ui.start_on_login")));
    }

    void followsTheSetting()
    {
        TestEnv env;
        const QString xdg = env.root() + QStringLiteral("/xdg-config");
        env.set("XDG_CONFIG_HOME", xdg.toUtf8());
        Settings settings;
        Autostart autostart(settings, QStringLiteral("/usr/bin/finagent"));
        QVERIFY(settings.setValue(QStringLiteral("ui.start_on_login"), true).ok());
        QVERIFY(QFile::exists(autostart.entryLocation()));
        QVERIFY(settings.setValue(QStringLiteral("ui.start_on_login"), false).ok());
        QVERIFY(!QFile::exists(autostart.entryLocation()));
    }

    void quotesReservedCharacters()
    {
        TestEnv env;
        env.set("XDG_CONFIG_HOME", (env.root() + QStringLiteral("/xdg")).toUtf8());
        Settings settings;
        Autostart autostart(settings, QStringLiteral("/home/a$b/\"x\"/100%/finagent"));
        QVERIFY(autostart.setEnabled(true).ok());
        const QString content = QString::fromUtf8(readWholeFile(autostart.entryLocation()));
        QVERIFY2(content.contains(
                     QStringLiteral("Exec=\"/home/a\\\\$b/\\\\\"x\\\\\"/100%%/finagent\" \"--minimized\"")),
            qPrintable(content));
    }

    void defaultsToHomeConfig()
    {
        TestEnv env;
        env.unset("XDG_CONFIG_HOME");
        Settings settings;
        Autostart autostart(settings);
        QCOMPARE(autostart.entryLocation(),
            QDir::homePath() + QStringLiteral("/.config/autostart/io.github.finagent.FinAgent.desktop"));
        QCOMPARE(autostart.command().value(1), QStringLiteral("--minimized"));
        QCOMPARE(autostart.command().value(0), QCoreApplication::applicationFilePath());
    }

    void reportsWhyItFailed()
    {
        TestEnv env;
        // A file where the folder should be: the entry cannot be written.
        const QString blocker = env.root() + QStringLiteral("/not-a-folder");
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        env.set("XDG_CONFIG_HOME", blocker.toUtf8());
        Settings settings;
        Autostart autostart(settings, QStringLiteral("/usr/bin/finagent"));
        QSignalSpy failed(&autostart, &Autostart::failed);
        const Result<void> on = autostart.setEnabled(true);
        QVERIFY(!on.ok());
        QVERIFY(!on.error().message.isEmpty());
        QCOMPARE(failed.count(), 1);
        QVERIFY(!settings.boolean(QStringLiteral("ui.start_on_login")));
    }
};

QTEST_GUILESS_MAIN(TestAutostart)
#include "tst_autostart.moc"
