// The endpoint's access token in a real Secret Service (a private gnome-keyring): created and
// stored on first run, read back on the next start, replaced by Regenerate on the Overview page,
// and never written to a file.
#include "backend/localbackend.h"
#include "config/settings.h"
#include "localendpoint.h"
#include "pages/overviewpage.h"
#include "runtime/runtime.h"
#include "security/keychainsecretstore.h"
#include "security/secretnames.h"
#include "testenv.h"
#include "uicontext.h"

#include <QPushButton>
#include <QTest>

namespace
{

// Reads a secret straight from the keychain, with a store of its own.
QString keychainValue(const QString& name)
{
    KeychainSecretStore store;
    QString value;
    bool done = false;
    QObject ctx;
    store.read(name, &ctx, [&](Result<QString> r) {
        value = r.ok() ? r.value() : QString();
        done = true;
    });
    if (!QTest::qWaitFor([&done]() { return done; }, 30000))
        qWarning("the keychain did not answer");
    return value;
}

void removeFromKeychain(const QString& name)
{
    KeychainSecretStore store;
    bool done = false;
    QObject ctx;
    store.remove(name, &ctx, [&done](Result<void>) { done = true; });
    if (!QTest::qWaitFor([&done]() { return done; }, 30000))
        qWarning("the keychain did not answer");
}

} // namespace

class TestEndpointTokenKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenLivesInKeychain()
    {
        TestEnv env;
        removeFromKeychain(SecretNames::httpToken());
        Settings settings;
        settings.setValue(QStringLiteral("http.port"), 0);

        QString first;
        {
            Runtime runtime(settings, Runtime::Options {Runtime::Mode::Desktop, false, nullptr});
            LocalEndpoint endpoint(runtime, runtime.secrets());
            endpoint.initialize(true);
            QTRY_VERIFY_WITH_TIMEOUT(endpoint.isServing(), 30000);
            QVERIFY2(endpoint.isTokenPersistent(), qPrintable(endpoint.tokenNotice()));
            first = endpoint.token();
            QVERIFY(!first.isEmpty());
            QCOMPARE(keychainValue(SecretNames::httpToken()), first);
        }

        // The next start reads the same token.
        Runtime runtime(settings, Runtime::Options {Runtime::Mode::Desktop, false, nullptr});
        LocalBackend backend(runtime.registry());
        LocalEndpoint endpoint(runtime, runtime.secrets());
        UiContext context(backend, settings, runtime.secrets(), endpoint);
        OverviewPage page(context);
        endpoint.initialize(true);
        QTRY_VERIFY_WITH_TIMEOUT(endpoint.isServing(), 30000);
        QCOMPARE(endpoint.token(), first);

        // Regenerate, confirmed on the Overview page: a new token, stored in the keychain.
        QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("regenerateButton")), Qt::LeftButton);
        QTRY_VERIFY(page.regenerateConfirmation());
        page.regenerateConfirmation()->findChild<QPushButton*>(QStringLiteral("confirmRegenerate"))->click();
        const QString second = endpoint.token();
        QVERIFY(second != first);
        QTRY_COMPARE_WITH_TIMEOUT(keychainValue(SecretNames::httpToken()), second, 30000);
        QVERIFY(endpoint.isTokenPersistent());

        for (const QString& file : env.allFiles()) {
            const QByteArray content = readWholeFile(file);
            QVERIFY2(
                !content.contains(first.toUtf8()) && !content.contains(second.toUtf8()), qPrintable(file));
        }
        removeFromKeychain(SecretNames::httpToken());
    }
};

QTEST_MAIN(TestEndpointTokenKeychain)
#include "tst_endpointtoken_keychain.moc"
