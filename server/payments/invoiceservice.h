#pragma once

#include "core/result.h"
#include "payments/paymentprovider.h"
#include "payments/paymentsconfig.h"
#include "payments/sandboxledger.h"
#include "storage/invoicefilter.h"
#include "storage/invoicerecord.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class Database;
class InvoiceRepository;
class QTimer;

// One wallet's balance, or why it could not be read.
struct BalanceEntry
{
    PaymentNetwork network;
    std::optional<WalletBalance> balance;
    Error error; // set when balance is empty
};

// What a provider's confirmation of a webhook did.
struct WebhookOutcome
{
    enum class Kind
    {
        Ignored, // no invoice of ours has that provider id
        Unchanged, // the provider's status is the one already stored
        Applied // the stored invoice changed to the provider's status
    };
    Kind kind = Kind::Ignored;
    std::optional<InvoiceRecord> invoice;
};

// The invoices: create (with idempotency keys), read, list, balances, the sandbox's simulated
// payments, and the background work that keeps stored invoices true: pending invoices are asked
// of the provider again with backoff on failures, and expire when their time is up. Used by the
// MCP tools and by the window; every change of an invoice, by this process or by another one
// sharing the database, is announced by invoiceChanged().
//
// Only one process refreshes at a time (a lease row in the database), however many share it.
// Money stays exact: amounts are Decimal and decimal strings throughout.
class InvoiceService : public QObject
{
    Q_OBJECT
public:
    template<typename T> using Done = std::function<void(Result<T>)>;

    static constexpr int kMaxDescriptionLength = 200;
    static constexpr int kMaxIdempotencyKeyLength = 100;
    static constexpr int kMaxExpiryMinutes = 60 * 24 * 30;
    // Pauses between failed checks of one invoice grow up to this.
    static constexpr qint64 kMaxBackoffMs = 15 * 60 * 1000;
    // A pending invoice the provider has not expired yet is expired here this long after its time.
    static constexpr qint64 kExpiryGraceMs = 60 * 1000;

    struct CreateRequest
    {
        QString amount; // decimal text: "10", "10.50"
        QString currency = QStringLiteral("USD"); // "USD" or the network's ticker ("USDT")
        QString network; // any spelling NetworkCatalog::resolve() takes
        QString description;
        QString idempotencyKey; // empty: none, every call makes a new invoice
        std::optional<int> expiresInMinutes; // default: payments.invoice_expiry_minutes
        QString client; // who asks: the MCP client's name, or "desktop"
    };
    struct Created
    {
        InvoiceRecord invoice;
        bool created = true; // false: the idempotency key was known, this is the original invoice
    };
    struct RefreshStatus
    {
        bool leader = false; // this process holds the refresh lease
        qint64 lastRunAt = 0;
        qint64 lastSuccessAt = 0;
        int lastChecked = 0;
        int lastFailed = 0;
        QString lastError;
    };

    InvoiceService(Database& db, PaymentProvider& provider, PaymentsConfig config, QObject* parent = nullptr);
    ~InvoiceService() override;

    const PaymentsConfig& config() const { return m_config; }
    PaymentProvider& provider() { return m_provider; }
    const NetworkCatalog& networks() const { return m_provider.networks(); }

    // Validates, then makes the invoice at the provider and stores it. The stored row is
    // committed before `done` runs, and is stored even if ctx goes away meanwhile.
    void create(const CreateRequest& request, QObject* ctx, Done<Created> done);
    void get(const QString& id, QObject* ctx, Done<InvoiceRecord> done);
    void list(const InvoiceFilter& filter, QObject* ctx, Done<InvoicePage> done);
    void events(const QString& id, QObject* ctx, Done<QList<InvoiceEvent>> done);
    // Every configured network's balance (empty `network`), or one network's.
    void balances(const QString& network, QObject* ctx, Done<QList<BalanceEntry>> done);
    // Sandbox only: a simulated payment (full, under, over) or expiry of a pending invoice.
    void simulatePayment(const QString& id, SandboxLedger::Outcome outcome, const QString& amount,
        QObject* ctx, Done<InvoiceRecord> done);
    // A webhook named this provider invoice id: ask the provider and apply what it says.
    void confirmWebhook(const QString& providerInvoiceId, QObject* ctx, Done<WebhookOutcome> done);

    // Checks the arguments of create() without doing anything; the error says what is wrong.
    Result<void> validate(const CreateRequest& request) const;

    // Starts the refresh and change-watching timers (the window and the servers call it once).
    void start();
    // Stops them and gives up the refresh lease, if this process holds it.
    void stop();
    bool isRunning() const { return m_running; }
    // One refresh round now, if this process gets the lease.
    void refreshNow();
    // One look for changes by other processes now.
    void pollChangesNow();
    RefreshStatus refreshStatus() const { return m_refresh; }
    QString instanceId() const { return m_instanceId; }

    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

Q_SIGNALS:
    // An invoice was created (before is empty) or changed, here or in another process.
    void invoiceChanged(const std::optional<InvoiceRecord>& before, const InvoiceRecord& after);
    void refreshFinished(int checked, int changed, int failed);
    void leadershipChanged(bool leader);

private:
    struct Resolved
    {
        PaymentNetwork network;
        QString currency;
        Decimal amount;
        QString description;
        int expiresInMinutes = 60;
        QString requestHash;
    };
    Result<Resolved> resolve(const CreateRequest& request) const;
    void createResolved(const CreateRequest& request, const Resolved& resolved, Done<Created> done);
    void storeNew(const InvoiceRecord& record, Done<Created> done);
    // Applies the provider's view of an invoice (one retry on a version conflict).
    void applyProviderState(const InvoiceRecord& stored, const ProviderInvoice& state, const QString& source,
        std::function<void(Result<InvoiceRecord>, bool changed)> done, int attempt = 0);
    void announce(const std::optional<InvoiceRecord>& before, const InvoiceRecord& after);

    void runRefresh();
    void refreshBatch(QList<InvoiceRecord> due);
    void refreshNext();
    void refreshOne(
        const InvoiceRecord& invoice, std::function<void(bool ok, bool changed, qint64 retryAfterMs)> done);
    void expireIfDue(const InvoiceRecord& invoice, std::function<void(bool ok, bool changed)> done);
    void finishRefresh(const QString& error);
    void schedule(const InvoiceRecord& invoice, std::optional<qint64> nextAt, int failures);
    qint64 backoffMs(int failures) const;
    void setLeader(bool leader);

    void pollChanges();
    void onChanges(const QList<InvoiceRecord>& rows, int limit);

    Database& m_db;
    PaymentProvider& m_provider;
    PaymentsConfig m_config;
    std::unique_ptr<InvoiceRepository> m_repo;
    std::function<qint64()> m_clock;
    QString m_instanceId;

    // Creates with the same idempotency key in flight here wait for the first one.
    QHash<QString, QList<Done<Created>>> m_creating;

    QTimer* m_refreshTimer = nullptr;
    QTimer* m_pollTimer = nullptr;
    bool m_running = false;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    QList<InvoiceRecord> m_queue;
    int m_roundChecked = 0;
    int m_roundChanged = 0;
    int m_roundFailed = 0;
    RefreshStatus m_refresh;

    bool m_polling = false;
    qint64 m_startedAt = 0;
    qint64 m_pollFrom = 0; // updated_at watermark of the change poll
    QHash<QString, InvoiceRecord> m_known; // last seen state per invoice, for before/after
};

Q_DECLARE_METATYPE(InvoiceRecord)
Q_DECLARE_METATYPE(std::optional<InvoiceRecord>)
