// The Balances page through a LocalBackend: the sandbox's wallets with a simulated payment in them,
// CoinRemitter wallets from FakeCoinRemitter with one refused key shown in place (and its button
// going to Accounts & keys), the empty state, refreshes that never overlap, and auto refresh only
// while the page is visible.
#include "mainwindow.h"
#include "pages/accountspage.h"
#include "pages/balancecard.h"
#include "pages/balancespage.h"
#include "security/secretnames.h"
#include "walletgraph.h"
#include "widgets/emptystate.h"

#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

namespace
{

const QString kTrc = QStringLiteral("USDTTRC20");
const QString kErc = QStringLiteral("USDTERC20");

ToolOutcome callTool(Backend& backend, const QString& name, const QJsonObject& args)
{
    ToolOutcome out;
    bool done = false;
    QObject ctx;
    backend.callTool(name, args, &ctx, [&](ToolOutcome o) {
        out = o;
        done = true;
    });
    if (!QTest::qWaitFor([&done]() { return done; }, 20000))
        out.error = Error(QStringLiteral("test_timeout"), QStringLiteral("no answer"));
    return out;
}

// wallet/balance calls the fake received (a round may also ask for a rate).
int balanceRequests(const FakeCoinRemitter& fake)
{
    int n = 0;
    for (const RecordedRequest& r : fake.requests()) {
        if (r.path.endsWith(QLatin1String("/wallet/balance")))
            ++n;
    }
    return n;
}

} // namespace

class TestBalancesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sandboxWallets()
    {
        WalletGraph graph(QStringLiteral("sandbox"), QStringLiteral("USDTTRC20,USDTERC20"));
        QVERIFY(graph.ready());
        // 12.5 USDT paid into the sandbox's TRC20 wallet.
        const ToolOutcome made = callTool(*graph.backend, QStringLiteral("create_payment"),
            {{QStringLiteral("amount"), QStringLiteral("12.5")},
                {QStringLiteral("currency"), QStringLiteral("USDT")},
                {QStringLiteral("network"), QStringLiteral("TRC20")}});
        QVERIFY2(made.ok, qPrintable(made.error.message));
        const ToolOutcome paid = callTool(*graph.backend, QStringLiteral("simulate_payment"),
            {{QStringLiteral("invoice_id"), made.structured.value(QStringLiteral("invoice_id")).toString()},
                {QStringLiteral("outcome"), QStringLiteral("full")}});
        QVERIFY2(paid.ok, qPrintable(paid.error.message));

        BalancesPage page(*graph.context);
        QSignalSpy refreshed(&page, &BalancesPage::refreshed);
        page.resize(800, 600);
        page.show();
        page.activated();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, 20000);
        QCOMPARE(page.cards().size(), 2);
        QCOMPARE(page.cards().at(0)->coin(), kTrc);
        BalanceCard* trc = page.card(kTrc);
        QVERIFY2(trc->amountText() == QStringLiteral("12.500000 USDT"), qPrintable(trc->amountText()));
        QVERIFY(trc->errorText().isEmpty());
        QVERIFY2(
            trc->updatedText().startsWith(QStringLiteral("Updated at ")), qPrintable(trc->updatedText()));
        QCOMPARE(page.card(kErc)->amountText(), QStringLiteral("0.000000 USDT"));
        QVERIFY(!page.emptyState()->isVisibleTo(&page));
    }

    void coinremitterWalletsWithAnErrorInPlace()
    {
        WalletGraph graph(QStringLiteral("coinremitter"), QStringLiteral("USDTTRC20,USDTERC20"));
        QVERIFY(graph.ready());
        graph.coinremitter.addWallet(
            kTrc, QStringLiteral("trc-key"), QStringLiteral("trc-pass"), QStringLiteral("42.5"));
        graph.coinremitter.addWallet(
            kErc, QStringLiteral("erc-key"), QStringLiteral("erc-pass"), QStringLiteral("7"));
        graph.memory.values.insert(SecretNames::coinremitterKey(kTrc), QStringLiteral("trc-key"));
        graph.memory.values.insert(SecretNames::coinremitterPassword(kTrc), QStringLiteral("trc-pass"));
        graph.memory.values.insert(SecretNames::coinremitterKey(kErc), QStringLiteral("stale-erc-key"));
        graph.memory.values.insert(SecretNames::coinremitterPassword(kErc), QStringLiteral("erc-pass"));

        MainWindow window(*graph.context);
        auto* page = new BalancesPage(*graph.context);
        window.addPage(page);
        window.addPage(new AccountsPage(*graph.context));
        QSignalSpy refreshed(page, &BalancesPage::refreshed);
        window.resize(1000, 700);
        window.show();
        QVERIFY(window.showPage(QStringLiteral("balances")));
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, 20000);

        BalanceCard* trc = page->card(kTrc);
        BalanceCard* erc = page->card(kErc);
        QVERIFY(trc && erc);
        QVERIFY2(trc->amountText().startsWith(QStringLiteral("42.5")), qPrintable(trc->amountText()));
        QVERIFY(trc->amountText().endsWith(QStringLiteral(" USDT")));
        QVERIFY2(trc->usdText().contains(QStringLiteral("USD")), qPrintable(trc->usdText()));
        QVERIFY(trc->errorText().isEmpty());

        // The refused key stays on its own card, with what to do.
        QVERIFY2(erc->errorText().contains(
                     QStringLiteral("CoinRemitter refused the API key or password for USDTERC20")),
            qPrintable(erc->errorText()));
        QVERIFY(erc->errorText().contains(QStringLiteral("Accounts & keys")));
        QCOMPARE(erc->amountText(), QStringLiteral("—"));
        QCOMPARE(erc->action(), BalanceCard::Action::OpenAccounts);
        auto* button = erc->findChild<QPushButton*>(QStringLiteral("balanceAction"));
        QVERIFY(button && button->isVisibleTo(erc));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(window.currentPage()->pageId(), QStringLiteral("accounts"));

        // Fixed key: the next round clears the error.
        graph.memory.values.insert(SecretNames::coinremitterKey(kErc), QStringLiteral("erc-key"));
        Q_EMIT graph.memory.changed(SecretNames::coinremitterKey(kErc));
        refreshed.clear();
        page->refresh();
        QVERIFY(refreshed.wait(20000));
        QVERIFY2(erc->errorText().isEmpty(), qPrintable(erc->errorText()));
        QVERIFY2(erc->amountText().startsWith(QStringLiteral("7")), qPrintable(erc->amountText()));

        // A failure after a good read keeps the last balance, marked.
        graph.memory.values.insert(SecretNames::coinremitterKey(kTrc), QStringLiteral("revoked-key"));
        Q_EMIT graph.memory.changed(SecretNames::coinremitterKey(kTrc));
        refreshed.clear();
        page->refresh();
        QVERIFY(refreshed.wait(20000));
        QVERIFY(!trc->errorText().isEmpty());
        QVERIFY2(trc->amountText().startsWith(QStringLiteral("42.5")), qPrintable(trc->amountText()));
        QVERIFY2(trc->updatedText().contains(QStringLiteral("failed")), qPrintable(trc->updatedText()));
    }

    void emptyState()
    {
        WalletGraph graph(QStringLiteral("coinremitter"), QString());
        QVERIFY(graph.ready());
        BalancesPage page(*graph.context);
        QSignalSpy refreshed(&page, &BalancesPage::refreshed);
        page.show();
        page.activated();
        // The local backend may answer at once.
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, 20000);
        QVERIFY(page.cards().isEmpty());
        QVERIFY(page.emptyState()->isVisibleTo(&page));
        QVERIFY(page.emptyState()->text().contains(QStringLiteral("No wallets")));
    }

    void roundsNeverOverlapAndStopWhenHidden()
    {
        WalletGraph graph(QStringLiteral("coinremitter"), QStringLiteral("USDTTRC20"));
        QVERIFY(graph.ready());
        graph.coinremitter.addWallet(kTrc, QStringLiteral("k"), QStringLiteral("p"), QStringLiteral("1"));
        graph.memory.values.insert(SecretNames::coinremitterKey(kTrc), QStringLiteral("k"));
        graph.memory.values.insert(SecretNames::coinremitterPassword(kTrc), QStringLiteral("p"));
        BalancesPage page(*graph.context);
        QSignalSpy refreshed(&page, &BalancesPage::refreshed);

        // Three clicks while the first round runs make one round.
        page.refresh();
        QVERIFY(page.isRefreshing());
        page.refresh();
        page.refresh();
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(refreshed.count(), 1);
        QCOMPARE(balanceRequests(graph.coinremitter), 1);

        // Auto refresh while visible, none once hidden.
        page.setRefreshIntervalMs(50);
        page.activated();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 4, 20000);
        page.deactivated();
        QTRY_VERIFY(!page.isRefreshing());
        QVERIFY(balanceRequests(graph.coinremitter) >= 4);
        auto* timer = page.findChild<QTimer*>(QStringLiteral("balancesRefreshTimer"));
        QVERIFY(timer && !timer->isActive());
    }
};

QTEST_MAIN(TestBalancesPage)
#include "tst_balancespage.moc"
