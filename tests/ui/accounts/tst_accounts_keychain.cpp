// The Accounts & keys page with the real keychain (a private gnome-keyring over the Secret
// Service): a wallet's API key saved, replaced and removed through the page is found — and then
// not found — by a separate store reading the keychain, never in a file; the page names the
// keychain in use.
#include "pages/accountspage.h"
#include "pages/paymentspanel.h"
#include "pages/secretentry.h"
#include "pages/walleteditor.h"
#include "security/keychainsecretstore.h"
#include "security/secretnames.h"
#include "walletgraph.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

namespace
{

// What the keychain holds under `name`, read with a store of its own; "<none>" when missing.
QString keychainValue(const QString& name)
{
    KeychainSecretStore store;
    QString value;
    bool done = false;
    QObject ctx;
    store.read(name, &ctx, [&](Result<QString> r) {
        value = r.ok() ? r.value()
                       : (r.error().code == QLatin1String("secret_not_found") ? QStringLiteral("<none>")
                                                                              : r.error().message);
        done = true;
    });
    if (!QTest::qWaitFor([&done]() { return done; }, 30000))
        return QStringLiteral("<no answer>");
    return value;
}

bool anyFileContains(const TestEnv& env, const QByteArray& needle)
{
    for (const QString& path : env.allFiles()) {
        if (readWholeFile(path).contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestAccountsKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysLiveInTheKeychain()
    {
        KeychainSecretStore keychain;
        const QString coin = QStringLiteral("USDTTRC20");
        const QString keyName = SecretNames::coinremitterKey(coin);
        WalletGraph graph(QStringLiteral("coinremitter"), coin, &keychain);
        QVERIFY(graph.ready());
        AccountsPage page(*graph.context);
        QSignalSpy checked(&page, &AccountsPage::keychainChecked);
        QVERIFY(checked.wait(30000));
        QVERIFY2(checked.first().at(0).toBool(), qPrintable(page.keychainText()));
        QVERIFY2(
            page.keychainText().contains(QStringLiteral("Secret Service")), qPrintable(page.keychainText()));

        WalletEditor* wallet = page.paymentsPanel()->wallet(coin);
        QVERIFY(wallet);
        SecretEntry* key = wallet->apiKeyEntry();
        QTRY_VERIFY_WITH_TIMEOUT(key->state() != SecretEntry::State::Unknown, 30000);
        if (key->isStored()) {
            QSignalSpy removed(key, &SecretEntry::removed);
            key->remove();
            QVERIFY(removed.wait(30000));
        }
        QCOMPARE(key->state(), SecretEntry::State::NotSet);

        // Save.
        key->edit()->setText(QStringLiteral("  first-key-AAA  "));
        QSignalSpy saved(key, &SecretEntry::saved);
        QTest::mouseClick(key->saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(30000));
        QVERIFY(key->isStored());
        QVERIFY(key->edit()->text().isEmpty());
        QCOMPARE(keychainValue(keyName), QStringLiteral("first-key-AAA"));

        // Replace.
        QTest::mouseClick(key->replaceButton(), Qt::LeftButton);
        QVERIFY(key->edit()->isVisibleTo(key));
        key->edit()->setText(QStringLiteral("second-key-BBB"));
        QTest::mouseClick(key->saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(30000));
        QCOMPARE(keychainValue(keyName), QStringLiteral("second-key-BBB"));

        // A new page finds it stored, without showing it.
        {
            AccountsPage again(*graph.context);
            SecretEntry* seen = again.paymentsPanel()->wallet(coin)->apiKeyEntry();
            QTRY_VERIFY_WITH_TIMEOUT(seen->isStored(), 30000);
            QVERIFY(seen->edit()->text().isEmpty());
        }

        // Remove.
        QSignalSpy removed(key, &SecretEntry::removed);
        QTest::mouseClick(key->removeButton(), Qt::LeftButton);
        QVERIFY(removed.wait(30000));
        QCOMPARE(key->state(), SecretEntry::State::NotSet);
        QCOMPARE(keychainValue(keyName), QStringLiteral("<none>"));

        // Never in the settings or any other file of the test's folders.
        QVERIFY(!anyFileContains(graph.env, "first-key-AAA"));
        QVERIFY(!anyFileContains(graph.env, "second-key-BBB"));
    }
};

QTEST_MAIN(TestAccountsKeychain)
#include "tst_accounts_keychain.moc"
