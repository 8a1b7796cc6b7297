// The window in remote mode against a real `finagent serve` on 127.0.0.1 (a free port): the mode
// switched on the Accounts page's Remote section moves the Overview page and the tray from "Local"
// to "Remote: <url> — ready", the Balances page shows the remote's wallets, Test connection reports
// the remote's health; when the remote goes down both say "unreachable since HH:MM"; switching back
// shows "Local" again.
#include "backend/backendrouter.h"
#include "backend/localbackend.h"
#include "childserver.h"
#include "config/settings.h"
#include "fakesecretstore.h"
#include "localendpoint.h"
#include "pages/balancecard.h"
#include "pages/balancespage.h"
#include "pages/overviewpage.h"
#include "pages/remotepanel.h"
#include "pages/secretentry.h"
#include "runtime/runtime.h"
#include "security/secretnames.h"
#include "testenv.h"
#include "trayicon.h"
#include "uicontext.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestRemoteMode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void switchesToTheRemoteAndShowsItsState()
    {
        // The remote has folders of its own.
        TestEnv remoteEnv;
        remoteEnv.unset("DATABASE_URL");
        QString tokenFile;
        const QByteArray token = writeToken(remoteEnv.root(), &tokenFile);
        ChildServer serve;
        QVERIFY2(serve.startServe(tokenFile), serve.output().constData());
        const QString url = serve.url().toString();

        TestEnv env;
        Settings settings(env.configDir());
        settings.setValue(QStringLiteral("http.port"), 0);
        FakeSecretStore secrets;
        Runtime runtime(settings, Runtime::Options {Runtime::Mode::Desktop, false, &secrets});
        LocalBackend local(runtime.registry());
        BackendRouter router(local);
        router.followSettings(settings, runtime.network(), &secrets);
        LocalEndpoint endpoint(runtime, secrets);
        UiContext context(router, settings, secrets, endpoint);

        OverviewPage overview(context);
        TrayIcon tray(endpoint);
        tray.setBackend(&router);
        RemotePanel panel(context);
        BalancesPage balances(context);
        overview.show();
        overview.activated();

        QCOMPARE(overview.modeText(), QStringLiteral("Local"));
        QVERIFY2(tray.toolTip().endsWith(QStringLiteral("\nLocal")), qPrintable(tray.toolTip()));
        QCOMPARE(tray.modeAction()->text(), QStringLiteral("Local"));

        // The token goes to the keychain, the URL and the mode to the settings, as a person enters them.
        SecretEntry* tokenEntry = panel.tokenEntry();
        QTRY_VERIFY(tokenEntry->state() == SecretEntry::State::NotSet);
        tokenEntry->edit()->setText(QString::fromLatin1(token));
        QSignalSpy saved(tokenEntry, &SecretEntry::saved);
        QTest::mouseClick(tokenEntry->saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(5000));
        QCOMPARE(secrets.values.value(SecretNames::remoteToken()), QString::fromLatin1(token));

        panel.urlEdit()->setText(url);
        panel.urlEdit()->setModified(true);
        QVERIFY2(panel.applyUrl(), qPrintable(panel.urlMessage()));
        QCOMPARE(settings.string(QStringLiteral("remote.url")), url);

        // Test connection works before switching.
        QSignalSpy tested(&panel, &RemotePanel::tested);
        QTRY_VERIFY(panel.testButton()->isEnabled());
        QTest::mouseClick(panel.testButton(), Qt::LeftButton);
        QVERIFY(tested.wait(20000));
        QVERIFY2(tested.last().at(0).toBool(), qPrintable(panel.testOutcome()));
        QCOMPARE(overview.modeText(), QStringLiteral("Local"));

        QComboBox* mode = panel.modeCombo();
        mode->setCurrentIndex(1);
        Q_EMIT mode->activated(1);
        QCOMPARE(settings.string(QStringLiteral("mode")), QStringLiteral("remote"));
        QCOMPARE(router.mode(), BackendRouter::Mode::Remote);
        const QString ready = QStringLiteral("Remote: %1 — ready").arg(url);
        QTRY_COMPARE_WITH_TIMEOUT(overview.modeText(), ready, 20000);
        QTRY_VERIFY(tray.toolTip().endsWith(QLatin1Char('\n') + ready));
        QCOMPARE(tray.modeAction()->text(), ready);
        auto* modeLabel = overview.findChild<QLabel*>(QStringLiteral("modeStatus"));
        QVERIFY(modeLabel->text().contains(QStringLiteral("ready")));
        QVERIFY(!overview.findChild<QLabel*>(QStringLiteral("modeProblem"))->isVisibleTo(&overview));

        // The Balances page shows the remote's (sandbox) wallets.
        QSignalSpy refreshed(&balances, &BalancesPage::refreshed);
        balances.refresh();
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(balances.cards().size(), 2);
        QVERIFY2(balances.cards().at(0)->amountText().endsWith(QStringLiteral(" USDT")),
            qPrintable(balances.cards().at(0)->amountText()));

        // The remote goes away: the next call finds it unreachable, and both places say since when.
        serve.kill();
        overview.refreshHealth();
        QTRY_VERIFY_WITH_TIMEOUT(
            overview.modeText().startsWith(QStringLiteral("Remote: %1 — unreachable since ").arg(url)),
            30000);
        QVERIFY(overview.modeText().contains(QRegularExpression(QStringLiteral("since \\d\\d:\\d\\d$"))));
        QTRY_VERIFY(tray.toolTip().contains(QStringLiteral("unreachable since")));
        QVERIFY(tray.modeAction()->text().contains(QStringLiteral("unreachable since")));
        auto* problem = overview.findChild<QLabel*>(QStringLiteral("modeProblem"));
        QVERIFY(problem->isVisibleTo(&overview));
        QVERIFY(!problem->text().isEmpty());
        QVERIFY(panel.stateText().contains(QStringLiteral("unreachable")));
        // The earlier "Connected" is gone.
        QVERIFY2(panel.testOutcome().isEmpty(), qPrintable(panel.testOutcome()));

        // Back to local.
        mode->setCurrentIndex(0);
        Q_EMIT mode->activated(0);
        QCOMPARE(router.mode(), BackendRouter::Mode::Local);
        QCOMPARE(overview.modeText(), QStringLiteral("Local"));
        QVERIFY(tray.toolTip().endsWith(QStringLiteral("\nLocal")));
        QVERIFY(!problem->isVisibleTo(&overview));
    }
};

QTEST_MAIN(TestRemoteMode)
#include "tst_remotemode.moc"
