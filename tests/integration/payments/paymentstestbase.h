#pragma once

#include "fakecoinremitter.h"
#include "paymentsfixture.h"
#include "storage/databaseconfig.h"
#include "storage/invoicerecord.h"

#include <QObject>

#include <memory>

// The payment service tests, written once and run on each engine: tst_payments_sqlite and
// tst_payments_postgres derive from this class and say how to make a fresh empty database.
// Every tool goes through McpServer and an in-process client with strict output checking,
// against the sandbox and against FakeCoinRemitter.
class PaymentsTestBase : public QObject
{
    Q_OBJECT

public:
    ~PaymentsTestBase() override;

protected:
    virtual void prepareEngine() { }
    // A new, empty database for each call (SQLite: a new file; PostgreSQL: a new schema).
    virtual DatabaseConfig newDatabase() = 0;
    virtual void dropDatabase(const DatabaseConfig& cfg) { Q_UNUSED(cfg) }

    std::unique_ptr<PaymentsFixture> sandbox(PaymentsFixture::Options options = {});
    // CoinRemitter against the fake, with both USDT wallets and their keys in the secret store
    // unless `withSecrets` is false.
    std::unique_ptr<PaymentsFixture> coinremitter(
        bool withSecrets = true, PaymentsFixture::Options options = {});
    InvoiceRecord stored(PaymentsFixture& f, const QString& id);
    QList<InvoiceEvent> events(PaymentsFixture& f, const QString& id);
    int count(PaymentsFixture& f, const QString& sql);

    struct HttpReply
    {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
        QList<QByteArray> csp;
    };
    HttpReply http(const QByteArray& method, const QUrl& url, const QByteArray& body = {},
        const QByteArray& contentType = {});

    DatabaseConfig m_config;
    std::unique_ptr<FakeCoinRemitter> m_fake;

    static constexpr const char* kTrcKey = "trc-key-5b0c1d9e77";
    static constexpr const char* kTrcPassword = "trc-pass-8e2a4f61";
    static constexpr const char* kErcKey = "erc-key-40aa7c3d12";
    static constexpr const char* kErcPassword = "erc-pass-19f0b6c2";

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // sandbox (paymentstestbase.cpp)
    void toolsHaveHonestAnnotations();
    void sandboxCreateStoresPendingInvoice();
    void amountsAsNumbersAndInTheCoin();
    void moneyEdgeCasesGetClearErrors();
    void sameKeyReturnsTheSameInvoice();
    void concurrentCreatesWithOneKeyMakeOne();
    void getAndListInvoices();
    void simulatedPaymentsAndBalances();
    void invoiceResourceSubscriptionAndCompletion();
    void networksResourceAndPrompts();
    void pendingInvoicesExpire();
    void sandboxPageIsEscapedAndPublic();
    void healthReportsProviderAndWallets();

    // CoinRemitter (paymentstestcoinremitter.cpp)
    void coinremitterCreateAndGet();
    void refreshAppliesProviderStatus();
    void refreshBacksOffOnFailures();
    void missingCredentialsAreExplained();
    void rejectedCredentialsAreExplained();
    void rateLimitIsRespected();
    void timeoutsAndUnknownOutcomes();
    void createIsNeverRetried();
    void balancesFromWallets();
    void webhookGenuineIsConfirmed();
    void webhookForgedFieldsAreNotBelieved();
    void webhookUnknownInvoiceIsIgnored();
    void webhookReplayChangesNothing();
    void webhookGarbageIsRefused();

    // several processes (paymentstestshared.cpp)
    void changesByOtherProcessesAreNoticed();
    void onlyOneServiceRefreshes();
    void leaseMovesWhenTheHolderStops();

private:
    QList<DatabaseConfig> m_made;
};
