// The whole desktop app in one process: it starts, serves, and quits cleanly, with and without a
// system tray (tray availability injected), including a tray that shows up late.
#include "config/settings.h"
#include "desktopshell.h"
#include "fakesecretstore.h"
#include "localendpoint.h"
#include "mainwindow.h"
#include "notifier.h"
#include "page.h"
#include "pages/overviewpage.h"
#include "runtime/runtime.h"
#include "testenv.h"
#include "testgraph.h"
#include "trayicon.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QListWidget>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

namespace
{

struct Fixture
{
    Fixture()
    {
        env.set("XDG_CONFIG_HOME", (env.root() + QStringLiteral("/xdg")).toUtf8());
        settings = std::make_unique<Settings>();
        settings->setValue(QStringLiteral("http.port"), 0);
    }

    DesktopShell::Options options(bool tray)
    {
        DesktopShell::Options o;
        o.secrets = &secrets;
        o.trayAvailable = [tray]() {
            return tray;
        };
        o.trayRetries = 0;
        o.dbusNotifications = false;
        o.executable = QStringLiteral("/usr/bin/finagent");
        return o;
    }

    TestEnv env;
    FakeSecretStore secrets;
    std::unique_ptr<Settings> settings;
};

// Runs the application's event loop until it quits; a guard ends a loop that never would.
int runEventLoop(int guardMs = 20000)
{
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, qApp, []() { QCoreApplication::exit(99); });
    guard.start(guardMs);
    return QApplication::exec();
}

} // namespace

class TestDesktopShell : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pagesAreInPlace()
    {
        Fixture f;
        DesktopShell shell(*f.settings, f.options(false));
        QStringList ids;
        for (Page* page : shell.window().pages())
            ids << page->pageId();
        QCOMPARE(ids.constFirst(), QStringLiteral("overview"));
        QCOMPARE(ids.constLast(), QStringLiteral("settings"));
        QVERIFY(shell.window().showPage(QStringLiteral("settings")));
    }

    void withoutTrayClosingTheWindowQuits()
    {
        Fixture f;
        DesktopShell shell(*f.settings, f.options(false));
        shell.start();
        QVERIFY(QTest::qWaitForWindowExposed(&shell.window()));
        QTRY_VERIFY(shell.endpoint().isServing());
        QVERIFY(!shell.hasTray());
        QVERIFY(QGuiApplication::quitOnLastWindowClosed());
        QVERIFY(!shell.window().hidesOnClose());

        QTimer::singleShot(0, &shell.window(), [&shell]() { shell.window().close(); });
        QCOMPARE(runEventLoop(), 0);
        // Quitting stopped the endpoint and kept the window's place.
        QVERIFY(!shell.endpoint().isServing());
        QVERIFY(shell.runtime().http() == nullptr);
        QVERIFY(!f.settings->string(QStringLiteral("ui.window_geometry")).isEmpty());
    }

    void withTrayClosingHidesAndQuitFromTrayQuits()
    {
        Fixture f;
        DesktopShell shell(*f.settings, f.options(true));
        QSignalSpy trayCreated(&shell, &DesktopShell::trayCreated);
        shell.start();
        QVERIFY(shell.hasTray());
        QCOMPARE(trayCreated.count(), 1);
        QVERIFY(!QGuiApplication::quitOnLastWindowClosed());
        QVERIFY(shell.window().hidesOnClose());
        QVERIFY(QTest::qWaitForWindowExposed(&shell.window()));
        QTRY_VERIFY(shell.endpoint().isServing());

        TrayIcon* tray = shell.tray();
        QCOMPARE(tray->look(), TrayIcon::Look::Serving);
        QVERIFY(tray->toolTip().contains(shell.endpoint().mcpUrl().toString()));
        QCOMPARE(tray->startStopAction()->text(), QStringLiteral("Stop Server"));

        // Closing hides to the tray, once with a notice.
        QVERIFY(!f.settings->boolean(QStringLiteral("ui.minimize_hint_shown")));
        QVERIFY(!shell.window().close());
        QTRY_VERIFY(!shell.window().isVisible());
        QVERIFY(f.settings->boolean(QStringLiteral("ui.minimize_hint_shown")));
        QVERIFY(shell.endpoint().isServing());

        // The tray's menu works the endpoint and the window.
        tray->startStopAction()->trigger();
        QVERIFY(!shell.endpoint().isServing());
        QCOMPARE(tray->look(), TrayIcon::Look::Stopped);
        QCOMPARE(tray->startStopAction()->text(), QStringLiteral("Start Server"));
        QVERIFY(!tray->copyUrlAction()->isEnabled());
        tray->startStopAction()->trigger();
        QTRY_VERIFY(shell.endpoint().isServing());
        tray->copyUrlAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), shell.endpoint().mcpUrl().toString());
        tray->copyTokenAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), shell.endpoint().token());
        tray->openAction()->trigger();
        QTRY_VERIFY(shell.window().isVisible());

        QTimer::singleShot(0, tray, [tray]() { tray->quitAction()->trigger(); });
        QCOMPARE(runEventLoop(), 0);
        QVERIFY(!shell.endpoint().isServing());
        QVERIFY(shell.runtime().http() == nullptr);
    }

    void overviewShowsToolCallsOfHttpClients()
    {
        Fixture f;
        DesktopShell shell(*f.settings, f.options(false));
        auto* overview = qobject_cast<OverviewPage*>(shell.window().page(QStringLiteral("overview")));
        QVERIFY(overview);
        overview->setPollIntervalMs(50);
        shell.start();
        QVERIFY(shell.window().showPage(QStringLiteral("overview")));
        QTRY_VERIFY(shell.endpoint().isServing());
        const QUrl url = shell.endpoint().mcpUrl();
        const QString token = shell.endpoint().token();

        // An AI client connects over HTTP and calls a tool, as Claude Code or Cursor would.
        QNetworkAccessManager network;
        QNetworkReply* init = openMcpSession(network, url, token, QStringLiteral("e2e-client"));
        QTRY_VERIFY(init->isFinished());
        QCOMPARE(init->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QByteArray session = init->rawHeader("Mcp-Session-Id");
        QVERIFY(!session.isEmpty());
        QNetworkReply* initialized = postMcp(network, url, token, session,
            QJsonObject {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                {QStringLiteral("method"), QStringLiteral("notifications/initialized")}});
        QTRY_VERIFY(initialized->isFinished());
        QNetworkReply* call = postMcp(network, url, token, session,
            QJsonObject {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("id"), 2},
                {QStringLiteral("method"), QStringLiteral("tools/call")},
                {QStringLiteral("params"),
                    QJsonObject {{QStringLiteral("name"), QStringLiteral("health_check")},
                        {QStringLiteral("arguments"), QJsonObject()}}}});
        QTRY_VERIFY(call->isFinished());
        QCOMPARE(call->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

        // The call shows on the Overview page; the window's own health checks do not.
        auto* table = overview->findChild<QTreeWidget*>(QStringLiteral("toolCallsTable"));
        QTRY_VERIFY_WITH_TIMEOUT(table->topLevelItemCount() >= 1, 15000);
        bool seen = false;
        for (int i = 0; i < table->topLevelItemCount(); ++i) {
            QTreeWidgetItem* row = table->topLevelItem(i);
            QVERIFY2(row->text(2) != QStringLiteral("FinAgent Desktop"), qPrintable(row->text(1)));
            if (row->text(1) == QStringLiteral("health_check")
                && row->text(2) == QStringLiteral("e2e-client"))
                seen = true;
        }
        QVERIFY(seen);
        auto* sessions = overview->findChild<QListWidget*>(QStringLiteral("sessionsList"));
        QCOMPARE(sessions->count(), 1);
        QCOMPARE(sessions->item(0)->text(), QStringLiteral("e2e-client 1.0"));
    }

    void trayThatShowsUpLate()
    {
        Fixture f;
        int asked = 0;
        DesktopShell::Options options = f.options(false);
        options.trayAvailable = [&asked]() {
            return ++asked >= 3;
        };
        options.trayRetries = 5;
        options.trayRetryIntervalMs = 10;
        DesktopShell shell(*f.settings, options);
        shell.start();
        QVERIFY(!shell.hasTray());
        QVERIFY(QGuiApplication::quitOnLastWindowClosed());
        QTRY_VERIFY(shell.hasTray());
        QCOMPARE(asked, 3);
        QVERIFY(!QGuiApplication::quitOnLastWindowClosed());
        QVERIFY(shell.window().hidesOnClose());
        QCOMPARE(shell.notifier().notify(QStringLiteral("t"), QStringLiteral("b")) != Notifier::Route::None,
            QSystemTrayIcon::supportsMessages());
    }

    void trayGivesUpAfterRetries()
    {
        Fixture f;
        int asked = 0;
        DesktopShell::Options options = f.options(false);
        options.trayAvailable = [&asked]() {
            ++asked;
            return false;
        };
        options.trayRetries = 2;
        options.trayRetryIntervalMs = 10;
        DesktopShell shell(*f.settings, options);
        // The last look says it gives up; no further look is scheduled after it.
        QTest::ignoreMessage(
            QtInfoMsg, QRegularExpression(QStringLiteral("^no system tray: closing the window quits")));
        shell.start();
        QTRY_COMPARE(asked, 3);
        QVERIFY(!shell.hasTray());
        QVERIFY(QGuiApplication::quitOnLastWindowClosed());
    }

    void startMinimizedWithTrayShowsNoWindow()
    {
        Fixture f;
        DesktopShell::Options options = f.options(true);
        options.startMinimized = true;
        DesktopShell shell(*f.settings, options);
        shell.start();
        QVERIFY(shell.hasTray());
        QVERIFY(!shell.window().isVisible());
        QTRY_VERIFY(shell.endpoint().isServing());
        shell.showWindow();
        QVERIFY(shell.window().isVisible());
    }

    void serverErrorShowsInTray()
    {
        Fixture f;
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        f.settings->setValue(QStringLiteral("http.port"), blocker.serverPort());
        DesktopShell shell(*f.settings, f.options(true));
        shell.start();
        QTRY_COMPARE(shell.endpoint().state(), LocalEndpoint::State::Failed);
        QCOMPARE(shell.tray()->look(), TrayIcon::Look::Error);
        QVERIFY(shell.tray()->toolTip().contains(QString::number(blocker.serverPort())));
    }

    void serveHttpOffStartsStopped()
    {
        Fixture f;
        f.settings->setValue(QStringLiteral("ui.serve_http"), false);
        DesktopShell shell(*f.settings, f.options(false));
        shell.start();
        QTRY_VERIFY(!shell.endpoint().token().isEmpty());
        QCOMPARE(shell.endpoint().state(), LocalEndpoint::State::Stopped);
        QVERIFY(shell.runtime().http() == nullptr);
    }
};

QTEST_MAIN(TestDesktopShell)
#include "tst_desktopshell.moc"
