// The main window: navigation (mouse, keyboard, Ctrl+N), pages told when they are visible,
// geometry and last page remembered, hide to tray on close, and the status line.
#include "mainwindow.h"
#include "page.h"
#include "testenv.h"
#include "testgraph.h"
#include "theme.h"

#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>

namespace
{

class CountingPage : public Page
{
public:
    CountingPage(UiContext& context, QString id)
        : Page(context)
        , m_id(std::move(id))
    {
        setObjectName(m_id);
    }
    QString pageId() const override { return m_id; }
    QString title() const override { return m_id.toUpper(); }
    QIcon icon() const override { return Theme::icon(QStringLiteral("overview")); }
    void activated() override { ++activations; }
    void deactivated() override { ++deactivations; }

    int activations = 0;
    int deactivations = 0;

private:
    QString m_id;
};

struct Window
{
    explicit Window(UiContext& context)
        : window(context)
    {
        for (const char* id : {"alpha", "beta", "gamma"}) {
            auto* page = new CountingPage(context, QString::fromLatin1(id));
            pages.append(page);
            window.addPage(page);
        }
    }
    MainWindow window;
    QList<CountingPage*> pages;
};

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void navigatesAndActivatesVisiblePageOnly()
    {
        TestEnv env;
        TestGraph graph;
        Window w(graph.context);
        QCOMPARE(w.window.pages().size(), 3);
        QCOMPARE(w.window.currentPage()->pageId(), QStringLiteral("alpha"));
        // Nothing is active while the window is hidden.
        QCOMPARE(w.pages[0]->activations, 0);

        w.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        QCOMPARE(w.pages[0]->activations, 1);

        QSignalSpy changed(&w.window, &MainWindow::currentPageChanged);
        QVERIFY(w.window.showPage(QStringLiteral("gamma")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("gamma"));
        QCOMPARE(w.pages[0]->deactivations, 1);
        QCOMPARE(w.pages[2]->activations, 1);
        QVERIFY(!w.window.showPage(QStringLiteral("nope")));
        QCOMPARE(graph.settings.string(QStringLiteral("ui.last_page")), QStringLiteral("gamma"));

        w.window.hide();
        QCOMPARE(w.pages[2]->deactivations, 1);
        w.window.show();
        QCOMPARE(w.pages[2]->activations, 2);
    }

    void keyboardNavigation()
    {
        TestEnv env;
        TestGraph graph;
        Window w(graph.context);
        w.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        w.window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w.window));

        auto* nav = w.window.findChild<QListWidget*>(QStringLiteral("navigation"));
        QVERIFY(nav);
        QCOMPARE(nav->count(), 3);
        QCOMPARE(nav->item(1)->text(), QStringLiteral("BETA"));
        nav->setFocus();
        QTest::keyClick(nav, Qt::Key_Down);
        QCOMPARE(w.window.currentPage()->pageId(), QStringLiteral("beta"));

        QTest::keyClick(&w.window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(w.window.currentPage()->pageId(), QStringLiteral("gamma"));
        QTest::keyClick(&w.window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(w.window.currentPage()->pageId(), QStringLiteral("alpha"));
    }

    void restoresGeometryAndLastPage()
    {
        TestEnv env;
        TestGraph graph;
        QSize size;
        {
            Window first(graph.context);
            first.window.restoreState();
            first.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&first.window));
            first.window.resize(640, 480);
            QTRY_COMPARE(first.window.size(), QSize(640, 480));
            size = first.window.size();
            first.window.showPage(QStringLiteral("beta"));
            first.window.close();
        }
        QVERIFY(!graph.settings.string(QStringLiteral("ui.window_geometry")).isEmpty());
        QCOMPARE(graph.settings.string(QStringLiteral("ui.last_page")), QStringLiteral("beta"));

        // A new process reads the settings file.
        Settings reread;
        QCOMPARE(reread.string(QStringLiteral("ui.last_page")), QStringLiteral("beta"));

        Window second(graph.context);
        second.window.restoreState();
        QCOMPARE(second.window.currentPage()->pageId(), QStringLiteral("beta"));
        second.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second.window));
        QCOMPARE(second.window.size(), size);
    }

    void unknownLastPageFallsBackToFirst()
    {
        TestEnv env;
        TestGraph graph;
        QVERIFY(graph.settings.setValue(QStringLiteral("ui.last_page"), QStringLiteral("removed-page")).ok());
        Window w(graph.context);
        w.window.restoreState();
        QCOMPARE(w.window.currentPage()->pageId(), QStringLiteral("alpha"));
    }

    void closeHidesToTrayWhenAsked()
    {
        TestEnv env;
        TestGraph graph;
        Window w(graph.context);
        w.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        w.window.setHideOnClose(true);
        QSignalSpy hidden(&w.window, &MainWindow::hiddenToTray);
        QVERIFY(!w.window.close()); // the close is refused; the window hides instead
        QCOMPARE(hidden.count(), 1);
        QTRY_VERIFY(!w.window.isVisible());

        w.window.show();
        w.window.setQuitting(true);
        QVERIFY(w.window.close());
        QVERIFY(!w.window.isVisible());
    }

    void statusLineFollowsEndpoint()
    {
        TestEnv env;
        TestGraph graph;
        Window w(graph.context);
        auto* status = w.window.findChild<QLabel*>(QStringLiteral("statusText"));
        QVERIFY(status);
        QVERIFY(status->text().contains(QStringLiteral("Local mode")));
        graph.endpoint.initialize(true);
        QTRY_VERIFY(graph.endpoint.isServing());
        QVERIFY2(status->text().contains(graph.endpoint.mcpUrl().toString()), qPrintable(status->text()));
        graph.endpoint.stop();
        QVERIFY(status->text().contains(QStringLiteral("Server stopped")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
