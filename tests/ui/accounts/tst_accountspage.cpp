// The Accounts & keys page against a desktop Runtime wired to FakeCoinRemitter and FakeCoinGecko
// with an in-memory keychain: wallets added and removed in payments.wallets (their keys removed
// with them), bad coin names refused, Test connection for a wallet (accepted and refused keys)
// and for the CoinGecko key, settings fixed by the environment, the keychain line, and no key in
// the settings file.
#include "pages/accountspage.h"
#include "pages/marketkeyspanel.h"
#include "pages/paymentspanel.h"
#include "pages/secretentry.h"
#include "pages/walleteditor.h"
#include "security/secretnames.h"
#include "walletgraph.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

namespace
{

// Types a value into an entry and saves it, as a person would.
void enterSecret(SecretEntry* entry, const QString& value)
{
    if (entry->isStored())
        QTest::mouseClick(entry->replaceButton(), Qt::LeftButton);
    QVERIFY(entry->edit()->isVisibleTo(entry));
    entry->edit()->setText(value);
    QSignalSpy saved(entry, &SecretEntry::saved);
    QTest::mouseClick(entry->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    QVERIFY(entry->isStored());
    QVERIFY(entry->edit()->text().isEmpty());
}

RecordedRequest lastBalanceRequest(const FakeCoinRemitter& fake)
{
    RecordedRequest last;
    for (const RecordedRequest& r : fake.requests()) {
        if (r.path.endsWith(QLatin1String("/wallet/balance")))
            last = r;
    }
    return last;
}

// Clicks Test connection and waits for its outcome (which may come at once).
template<typename Panel> bool runTest(Panel* panel, QSignalSpy& tested)
{
    const int before = int(tested.count());
    QTest::mouseClick(panel->testButton(), Qt::LeftButton);
    return QTest::qWaitFor([&]() { return tested.count() > before; }, 15000);
}

const QString kTrc = QStringLiteral("USDTTRC20");
const QString kErc = QStringLiteral("USDTERC20");

} // namespace

class TestAccountsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addAndRemoveWallets()
    {
        WalletGraph graph(QStringLiteral("coinremitter"), kTrc);
        QVERIFY(graph.ready());
        AccountsPage page(*graph.context);
        PaymentsPanel* payments = page.paymentsPanel();
        QCOMPARE(payments->coins(), QStringList {kTrc});
        QVERIFY(payments->wallet(kTrc));

        // Spelled loosely, stored as CoinRemitter names it.
        QSignalSpy changed(payments, &PaymentsPanel::walletsChanged);
        QVERIFY(payments->addCoin(QStringLiteral(" usdt-erc20 ")));
        QCOMPARE(graph.settings->list(QStringLiteral("payments.wallets")), (QStringList {kTrc, kErc}));
        QCOMPARE(changed.count(), 1);
        WalletEditor* erc = payments->wallet(kErc);
        QVERIFY(erc);
        // The running FinAgent started without it.
        auto* note = erc->findChild<QLabel*>(QStringLiteral("walletNote"));
        QTRY_VERIFY(note->isVisibleTo(erc));
        QVERIFY(note->text().contains(QStringLiteral("restart")));

        // Refused names say why and change nothing.
        QVERIFY(!payments->addCoin(QStringLiteral("USDT TRC20!")));
        QVERIFY2(payments->addMessage().contains(QStringLiteral("not a CoinRemitter wallet code")),
            qPrintable(payments->addMessage()));
        QVERIFY(!payments->addCoin(QStringLiteral("x")));
        QVERIFY(!payments->addCoin(QStringLiteral("usdttrc20")));
        QVERIFY(payments->addMessage().contains(QStringLiteral("already")));
        QCOMPARE(graph.settings->list(QStringLiteral("payments.wallets")), (QStringList {kTrc, kErc}));

        // The new wallet's keys go to the keychain; removing the wallet asks, then deletes them.
        enterSecret(erc->apiKeyEntry(), QStringLiteral("erc-key-123"));
        enterSecret(erc->passwordEntry(), QStringLiteral("erc-pass-456"));
        QCOMPARE(
            graph.memory.values.value(SecretNames::coinremitterKey(kErc)), QStringLiteral("erc-key-123"));
        QTest::mouseClick(erc->removeButton(), Qt::LeftButton);
        QMessageBox* confirm = payments->removeConfirmation();
        QVERIFY(confirm);
        auto* yes = confirm->findChild<QPushButton*>(QStringLiteral("confirmRemoveWallet"));
        QVERIFY(yes);
        yes->click();
        QCOMPARE(graph.settings->list(QStringLiteral("payments.wallets")), QStringList {kTrc});
        QTRY_VERIFY(!graph.memory.values.contains(SecretNames::coinremitterKey(kErc)));
        QTRY_VERIFY(!graph.memory.values.contains(SecretNames::coinremitterPassword(kErc)));
        QVERIFY(!payments->wallet(kErc));

        // No key ever reaches the settings file.
        const QByteArray file = readWholeFile(graph.settings->filePath());
        QVERIFY(file.contains("USDTTRC20"));
        QVERIFY(!file.contains("erc-key-123"));
        QVERIFY(!file.contains("erc-pass-456"));
    }

    void walletTestConnection()
    {
        WalletGraph graph(QStringLiteral("coinremitter"), kTrc);
        QVERIFY(graph.ready());
        graph.coinremitter.addWallet(
            kTrc, QStringLiteral("good-key"), QStringLiteral("good-pass"), QStringLiteral("42.5"));
        AccountsPage page(*graph.context);
        WalletEditor* trc = page.paymentsPanel()->wallet(kTrc);
        QVERIFY(trc);

        // No key yet: the sentence names what to set.
        QSignalSpy tested(trc, &WalletEditor::tested);
        QTRY_VERIFY(trc->apiKeyEntry()->state() == SecretEntry::State::NotSet);
        QVERIFY(runTest(trc, tested));
        QCOMPARE(tested.last().at(0).toBool(), false);
        QVERIFY2(trc->testOutcome().contains(QStringLiteral("no CoinRemitter API key")),
            qPrintable(trc->testOutcome()));

        enterSecret(trc->apiKeyEntry(), QStringLiteral("good-key"));
        enterSecret(trc->passwordEntry(), QStringLiteral("good-pass"));
        const int asked = graph.coinremitter.requestCount();
        QVERIFY(runTest(trc, tested));
        QVERIFY2(tested.last().at(0).toBool(), qPrintable(trc->testOutcome()));
        QVERIFY2(trc->testOutcome().contains(QStringLiteral("42.5")), qPrintable(trc->testOutcome()));
        QVERIFY(graph.coinremitter.requestCount() > asked);
        QCOMPARE(lastBalanceRequest(graph.coinremitter).header("x-api-key"), QByteArray("good-key"));

        // A replaced, wrong key: CoinRemitter refuses it, and the sentence says so.
        enterSecret(trc->apiKeyEntry(), QStringLiteral("wrong-key"));
        QVERIFY(runTest(trc, tested));
        QCOMPARE(tested.last().at(0).toBool(), false);
        QVERIFY2(trc->testOutcome().contains(QStringLiteral("rejected the API key")),
            qPrintable(trc->testOutcome()));
        QVERIFY(!trc->testOutcome().contains(QStringLiteral("wrong-key")));
    }

    void sandboxWalletTestExplains()
    {
        WalletGraph graph(QStringLiteral("sandbox"), kTrc);
        QVERIFY(graph.ready());
        AccountsPage page(*graph.context);
        WalletEditor* trc = page.paymentsPanel()->wallet(kTrc);
        QVERIFY(trc);
        QSignalSpy tested(trc, &WalletEditor::tested);
        // Once the page knows the running provider, the test explains instead of asking CoinRemitter.
        QTRY_VERIFY(page.paymentsPanel()->providerNote().contains(QStringLiteral("sandbox")));
        QVERIFY(runTest(trc, tested));
        QVERIFY(trc->testOutcome().contains(QStringLiteral("sandbox provider")));
        QCOMPARE(graph.coinremitter.requestCount(), 0);

        // Choosing CoinRemitter is saved and needs a restart, which the note says.
        QComboBox* provider = page.paymentsPanel()->providerCombo();
        provider->setCurrentIndex(1);
        Q_EMIT provider->activated(1);
        QCOMPARE(graph.settings->string(QStringLiteral("payments.provider")), QStringLiteral("coinremitter"));
        QVERIFY2(page.paymentsPanel()->providerNote().contains(QStringLiteral("restart")),
            qPrintable(page.paymentsPanel()->providerNote()));
    }

    void coingeckoKeyTest()
    {
        WalletGraph graph(QStringLiteral("sandbox"), kTrc);
        QVERIFY(graph.ready());
        graph.coingecko.setMode(FakeCoinGecko::Mode::Demo);
        graph.coingecko.setApiKey(QStringLiteral("CG-good-demo-key"));
        AccountsPage page(*graph.context);
        MarketKeysPanel* market = page.marketPanel();

        QComboBox* tier = market->tierCombo();
        tier->setCurrentIndex(1);
        Q_EMIT tier->activated(1);
        QCOMPARE(graph.settings->string(QStringLiteral("market.coingecko_tier")), QStringLiteral("demo"));
        QTRY_VERIFY(market->tierNote().contains(QStringLiteral("needs a key")));

        enterSecret(market->keyEntry(), QStringLiteral("CG-good-demo-key"));
        QTRY_VERIFY(!market->tierNote().contains(QStringLiteral("needs a key")));
        QSignalSpy tested(market, &MarketKeysPanel::tested);
        QVERIFY(runTest(market, tested));
        QVERIFY2(tested.last().at(0).toBool(), qPrintable(market->testOutcome()));
        QVERIFY(market->testOutcome().contains(QStringLiteral("demo key")));
        QCOMPARE(graph.coingecko.lastRequest().header("x-cg-demo-api-key"), QByteArray("CG-good-demo-key"));

        // A wrong key reaches CoinGecko (not the cache) and is refused.
        const int before = graph.coingecko.requestCount();
        enterSecret(market->keyEntry(), QStringLiteral("CG-wrong"));
        QVERIFY(runTest(market, tested));
        QCOMPARE(tested.last().at(0).toBool(), false);
        QVERIFY(graph.coingecko.requestCount() > before);
        QVERIFY(!market->testOutcome().isEmpty());
        QVERIFY(!market->testOutcome().contains(QStringLiteral("CG-wrong")));
        QVERIFY(!readWholeFile(graph.settings->filePath()).contains("CG-"));
    }

    void environmentOverridesSaySo()
    {
        WalletGraph graph(QStringLiteral("sandbox"), kTrc);
        graph.settings->setEnvironment(
            {{QStringLiteral("FINAGENT_PAYMENT_PROVIDER"), QStringLiteral("coinremitter")},
                {QStringLiteral("FINAGENT_COINGECKO_TIER"), QStringLiteral("pro")}});
        AccountsPage page(*graph.context);
        QVERIFY(!page.paymentsPanel()->providerCombo()->isEnabled());
        QCOMPARE(
            page.paymentsPanel()->providerCombo()->currentData().toString(), QStringLiteral("coinremitter"));
        QVERIFY2(page.paymentsPanel()->providerNote().contains(QStringLiteral("FINAGENT_PAYMENT_PROVIDER")),
            qPrintable(page.paymentsPanel()->providerNote()));
        QVERIFY(!page.marketPanel()->tierCombo()->isEnabled());
        QVERIFY(page.marketPanel()->tierNote().contains(QStringLiteral("FINAGENT_COINGECKO_TIER")));
    }

    void keychainLine()
    {
        WalletGraph graph(QStringLiteral("sandbox"), kTrc);
        AccountsPage page(*graph.context);
        QSignalSpy checked(&page, &AccountsPage::keychainChecked);
        QVERIFY(checked.wait(5000));
        QVERIFY2(
            page.keychainText().contains(QStringLiteral("test memory")), qPrintable(page.keychainText()));

        graph.memory.readFailure = Error(QStringLiteral("keychain_unavailable"),
            QStringLiteral("No Secret Service is running: start gnome-keyring or KWallet."));
        page.checkKeychain();
        QVERIFY(checked.wait(5000));
        QCOMPARE(checked.last().at(0).toBool(), false);
        QVERIFY(page.keychainText().contains(QStringLiteral("No Secret Service is running")));
    }
};

QTEST_MAIN(TestAccountsPage)
#include "tst_accountspage.moc"
