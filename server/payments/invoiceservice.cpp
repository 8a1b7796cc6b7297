#include "payments/invoiceservice.h"

#include "core/securerandom.h"
#include "payments/amountrules.h"
#include "payments/invoicequeries.h"
#include "payments/paymentslog.h"
#include "payments/refreshlease.h"
#include "storage/database.h"
#include "storage/invoicerepository.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>

namespace
{

constexpr int kRefreshBatch = 50;
constexpr int kPollLimit = 1000;
// Other processes' clocks and commit order may disagree a little: each poll looks back this far.
constexpr qint64 kPollOverlapMs = 5000;
constexpr qint64 kUnderpaidWatchMs = 24LL * 3600 * 1000;
constexpr int kMaxKnown = 20000;

const QString kPending = QStringLiteral("pending");
const QString kUnderpaid = QStringLiteral("underpaid");
const QString kExpired = QStringLiteral("expired");

QString newInvoiceId()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    const QByteArray bytes = SecureRandom::bytes(10); // 80 bits: 16 base32 characters
    QString out = QStringLiteral("inv_");
    quint64 buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += QLatin1Char(alphabet[(buffer >> bits) & 31]);
        }
    }
    return out;
}

QString json(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Error reusedKey(const QString& key, const QString& invoiceId)
{
    return Error(QStringLiteral("idempotency_key_reused"),
        QStringLiteral(
            "The idempotency key \"%1\" was already used for a different payment request (invoice %2). "
            "Use a new key for a new invoice, or repeat the original request unchanged to get the original "
            "invoice back.")
            .arg(key, invoiceId),
        QJsonObject {{QStringLiteral("invoice_id"), invoiceId}});
}

Error invalid(const QString& code, const QString& message)
{
    return Error(code, message);
}

// Answers from the event loop, never inside the call.
template<typename T> void later(QObject* target, std::function<void(Result<T>)> done, Result<T> value)
{
    QMetaObject::invokeMethod(
        target, [done = std::move(done), value = std::move(value)]() { done(value); }, Qt::QueuedConnection);
}

} // namespace

InvoiceService::InvoiceService(
    Database& db, PaymentProvider& provider, PaymentsConfig config, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_provider(provider)
    , m_config(std::move(config))
    , m_repo(std::make_unique<InvoiceRepository>(db))
    , m_clock([]() { return QDateTime::currentMSecsSinceEpoch(); })
    , m_instanceId(QStringLiteral("%1-%2").arg(QCoreApplication::applicationPid()).arg(SecureRandom::hex(6)))
{
    qRegisterMetaType<InvoiceRecord>();
    qRegisterMetaType<std::optional<InvoiceRecord>>();
    m_refreshTimer = new QTimer(this);
    connect(m_refreshTimer, &QTimer::timeout, this, &InvoiceService::runRefresh);
    m_pollTimer = new QTimer(this);
    connect(m_pollTimer, &QTimer::timeout, this, &InvoiceService::pollChanges);
}

InvoiceService::~InvoiceService() = default;

// --- creating --------------------------------------------------------------------------------

Result<InvoiceService::Resolved> InvoiceService::resolve(const CreateRequest& request) const
{
    Result<PaymentNetwork> network = networks().resolve(request.network);
    if (!network)
        return network.error();
    Resolved r;
    r.network = network.value();
    r.currency = request.currency.trimmed().toUpper();
    if (r.currency.isEmpty())
        r.currency = QStringLiteral("USD");
    if (r.currency != QLatin1String("USD") && r.currency != r.network.ticker)
        return invalid(QStringLiteral("invalid_currency"),
            QStringLiteral("\"%1\" is not a currency for %2 invoices; give the amount in USD or in %3.")
                .arg(request.currency.left(20), r.network.network, r.network.ticker));
    const int decimals = r.currency == QLatin1String("USD") ? AmountRules::kUsdDecimals : r.network.decimals;
    Result<Decimal> amount = AmountRules::parse(request.amount.trimmed(), r.currency, decimals);
    if (!amount)
        return amount.error();
    r.amount = amount.value();

    r.description = request.description.trimmed();
    if (r.description.size() > kMaxDescriptionLength)
        return invalid(QStringLiteral("invalid_description"),
            QStringLiteral("The description has %1 characters; keep it to %2.")
                .arg(r.description.size())
                .arg(kMaxDescriptionLength));
    for (const QChar c : r.description) {
        if (c.category() == QChar::Other_Control)
            return invalid(QStringLiteral("invalid_description"),
                QStringLiteral(
                    "The description contains a control character (such as a line break); write it on one "
                    "line."));
    }
    const QString key = request.idempotencyKey.trimmed();
    static const QRegularExpression keyShape(QStringLiteral("^[A-Za-z0-9_.:-]{1,100}$"));
    if (!key.isEmpty() && !keyShape.match(key).hasMatch())
        return invalid(QStringLiteral("invalid_idempotency_key"),
            QStringLiteral(
                "The idempotency key must be 1 to %1 characters of letters, digits, '_', '.', ':' or '-', "
                "such as order-1042.")
                .arg(kMaxIdempotencyKeyLength));
    r.expiresInMinutes = request.expiresInMinutes.value_or(m_config.invoiceExpiryMinutes);
    if (r.expiresInMinutes < 1 || r.expiresInMinutes > kMaxExpiryMinutes)
        return invalid(QStringLiteral("invalid_expiry"),
            QStringLiteral("An invoice can be valid for 1 to %1 minutes (30 days); %2 is outside that.")
                .arg(kMaxExpiryMinutes)
                .arg(r.expiresInMinutes));

    // The same request written differently ("10" and "10.00") hashes alike.
    const QByteArray canonical = QStringLiteral("v1\n%1\n%2\n%3\n%4\n%5")
                                     .arg(r.network.network, r.currency, r.amount.toString(), r.description,
                                         request.expiresInMinutes ? QString::number(*request.expiresInMinutes)
                                                                  : QStringLiteral("default"))
                                     .toUtf8();
    r.requestHash =
        QString::fromLatin1(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
    return r;
}

Result<void> InvoiceService::validate(const CreateRequest& request) const
{
    const Result<Resolved> r = resolve(request);
    if (!r)
        return r.error();
    return {};
}

void InvoiceService::create(const CreateRequest& request, QObject* ctx, Done<Created> done)
{
    QPointer<QObject> caller(ctx);
    const bool hadCtx = ctx != nullptr;
    Done<Created> reply = [caller, hadCtx, done = std::move(done)](Result<Created> r) {
        if (hadCtx && !caller)
            return;
        done(std::move(r));
    };
    const Result<Resolved> resolved = resolve(request);
    if (!resolved) {
        later<Created>(this, std::move(reply), resolved.error());
        return;
    }
    const QString key = request.idempotencyKey.trimmed();
    if (key.isEmpty()) {
        createResolved(request, resolved.value(), std::move(reply));
        return;
    }

    const QString hash = resolved.value().requestHash;
    if (m_creating.contains(key)) {
        // The first request with this key decides; this one gets its answer.
        m_creating[key].append([this, key, hash, request, reply](Result<Created> first) {
            if (!first) {
                create(request, nullptr, reply);
                return;
            }
            if (first.value().invoice.requestHash.value_or(QString()) == hash)
                reply(Created {first.value().invoice, false});
            else
                reply(reusedKey(key, first.value().invoice.id));
        });
        return;
    }
    m_creating.insert(key, {});
    Done<Created> finishKey = [this, key, reply](Result<Created> r) {
        const QList<Done<Created>> waiters = m_creating.take(key);
        reply(r);
        for (const Done<Created>& w : waiters)
            w(r);
    };
    // A known key never reaches the provider again.
    m_db.run<std::optional<InvoiceRecord>>(
        this, [key](QSqlDatabase& db) { return InvoiceQueries::findByIdempotencyKeyJob(db, key); },
        [this, key, hash, request, resolved = resolved.value(), finishKey](
            Result<std::optional<InvoiceRecord>> found) {
            if (!found) {
                finishKey(found.error());
                return;
            }
            if (found.value()) {
                const InvoiceRecord& existing = *found.value();
                if (existing.requestHash.value_or(QString()) == hash)
                    finishKey(Created {existing, false});
                else
                    finishKey(reusedKey(key, existing.id));
                return;
            }
            createResolved(request, resolved, finishKey);
        });
}

void InvoiceService::createResolved(
    const CreateRequest& request, const Resolved& resolved, Done<Created> done)
{
    ProviderInvoiceRequest providerRequest;
    providerRequest.invoiceId = newInvoiceId();
    providerRequest.network = resolved.network;
    providerRequest.currency = resolved.currency;
    providerRequest.amount = resolved.amount;
    providerRequest.description = resolved.description;
    providerRequest.expiresInMinutes = resolved.expiresInMinutes;
    if (m_provider.needsPolling())
        providerRequest.notifyUrl = m_config.notifyUrl();

    // `this` is the context from here on: once the provider has made the invoice it is stored,
    // whether or not the caller still waits.
    m_provider.createInvoice(providerRequest, this,
        [this, request, resolved, providerRequest, done](Result<ProviderInvoice> made) {
            if (!made) {
                done(made.error());
                return;
            }
            const ProviderInvoice& p = made.value();
            const qint64 t = now();
            InvoiceRecord rec;
            rec.id = providerRequest.invoiceId;
            rec.provider = m_provider.name();
            if (!p.providerInvoiceId.isEmpty())
                rec.providerInvoiceId = p.providerInvoiceId;
            rec.network = resolved.network.network;
            rec.coin = resolved.network.coin;
            if (p.amountUsd)
                rec.amountUsd = AmountRules::format(*p.amountUsd, AmountRules::kUsdDecimals);
            rec.amountCoin = AmountRules::format(p.amountCoin, resolved.network.decimals);
            rec.amountCurrency = resolved.currency;
            rec.paidAmount = p.paidAmount.sign() > 0
                ? AmountRules::format(p.paidAmount, resolved.network.decimals)
                : QStringLiteral("0");
            rec.status = InvoiceRecord::statuses().contains(p.status) ? p.status : kPending;
            rec.description = resolved.description;
            rec.paymentUrl = p.paymentUrl;
            rec.address = p.address;
            const QString key = request.idempotencyKey.trimmed();
            if (!key.isEmpty())
                rec.idempotencyKey = key;
            rec.requestHash = resolved.requestHash;
            rec.client = request.client.isEmpty() ? QStringLiteral("unknown") : request.client.left(200);
            rec.createdAt = t;
            rec.updatedAt = t;
            rec.expiresAt = p.expiresAt > 0 ? p.expiresAt : t + qint64(resolved.expiresInMinutes) * 60 * 1000;
            rec.nextCheckAt = m_provider.needsPolling() ? t + m_config.refreshIntervalMs : rec.expiresAt;
            storeNew(rec, done);
        });
}

void InvoiceService::storeNew(const InvoiceRecord& record, Done<Created> done)
{
    m_repo->create(record, this, [this, record, done](Result<CreateInvoiceResult> stored) {
        if (!stored) {
            if (record.providerInvoiceId)
                qCWarning(lcPayments).noquote()
                    << m_provider.displayName() << "invoice" << *record.providerInvoiceId
                    << "was made but could not be saved; it will expire unpaid:" << stored.error().message;
            done(stored.error());
            return;
        }
        if (stored.value().created) {
            qCInfo(lcPayments).noquote() << "invoice" << record.id << "created on" << record.network;
            announce(std::nullopt, stored.value().invoice);
        } else if (record.providerInvoiceId) {
            qCInfo(lcPayments).noquote()
                << "another writer stored the same idempotency key first;" << m_provider.displayName()
                << "invoice" << *record.providerInvoiceId << "is unused and will expire";
        }
        done(Created {stored.value().invoice, stored.value().created});
    });
}

// --- reading ---------------------------------------------------------------------------------

void InvoiceService::get(const QString& id, QObject* ctx, Done<InvoiceRecord> done)
{
    m_repo->get(id.trimmed(), ctx, std::move(done));
}

void InvoiceService::list(const InvoiceFilter& filter, QObject* ctx, Done<InvoicePage> done)
{
    m_repo->list(filter, ctx, std::move(done));
}

void InvoiceService::events(const QString& id, QObject* ctx, Done<QList<InvoiceEvent>> done)
{
    m_repo->events(id.trimmed(), ctx, std::move(done));
}

void InvoiceService::balances(const QString& network, QObject* ctx, Done<QList<BalanceEntry>> done)
{
    QList<PaymentNetwork> targets;
    if (!network.trimmed().isEmpty()) {
        Result<PaymentNetwork> one = networks().resolve(network);
        if (!one) {
            later<QList<BalanceEntry>>(ctx ? ctx : this, std::move(done), one.error());
            return;
        }
        targets.append(one.value());
    } else {
        targets = networks().networks();
    }
    if (targets.isEmpty()) {
        later<QList<BalanceEntry>>(ctx ? ctx : this, std::move(done),
            Error(QStringLiteral("no_networks"),
                QStringLiteral(
                    "No payment network is configured. Set payments.wallets, e.g. USDTTRC20,USDTERC20.")));
        return;
    }
    struct Gather
    {
        QList<BalanceEntry> entries;
        int waiting = 0;
    };
    auto gather = std::make_shared<Gather>();
    gather->waiting = int(targets.size());
    for (const PaymentNetwork& n : targets) {
        BalanceEntry e;
        e.network = n;
        gather->entries.append(e);
    }
    for (int i = 0; i < targets.size(); ++i) {
        m_provider.balance(targets.at(i), ctx, [gather, i, done](Result<WalletBalance> b) {
            if (b)
                gather->entries[i].balance = b.value();
            else
                gather->entries[i].error = b.error();
            if (--gather->waiting > 0)
                return;
            QStringList failures;
            for (const BalanceEntry& e : std::as_const(gather->entries)) {
                if (e.balance)
                    break;
                failures.append(e.error.message);
            }
            if (failures.size() == gather->entries.size()) {
                const Error& first = gather->entries.constFirst().error;
                done(Error(first.code, failures.join(QLatin1Char(' ')), first.details));
                return;
            }
            done(gather->entries);
        });
    }
}

// --- changes from outside ------------------------------------------------------------------

void InvoiceService::simulatePayment(const QString& id, SandboxLedger::Outcome outcome, const QString& amount,
    QObject* ctx, Done<InvoiceRecord> done)
{
    QPointer<QObject> caller(ctx);
    const bool hadCtx = ctx != nullptr;
    if (m_provider.name() != QLatin1String("sandbox")) {
        later<InvoiceRecord>(ctx ? ctx : this, std::move(done),
            Error(QStringLiteral("simulation_unavailable"),
                QStringLiteral(
                    "Simulated payments exist only with the sandbox provider; this FinAgent uses %1, where "
                    "payments are real.")
                    .arg(m_provider.displayName())));
        return;
    }
    const NetworkCatalog catalog = networks();
    const qint64 t = now();
    const QString invoiceId = id.trimmed();
    const QString amountText = amount.trimmed();
    m_db.run<SandboxLedger::Simulation>(
        this,
        [catalog, invoiceId, outcome, amountText, t](QSqlDatabase& db) {
            return SandboxLedger::simulateJob(db, catalog, invoiceId, outcome, amountText, t);
        },
        [this, caller, hadCtx, done](Result<SandboxLedger::Simulation> sim) {
            if (sim) {
                qCInfo(lcPayments).noquote() << "invoice" << sim.value().after.id << "is now"
                                             << sim.value().after.status << "(simulated)";
                announce(sim.value().before, sim.value().after);
            }
            if (hadCtx && !caller)
                return;
            if (!sim)
                done(sim.error());
            else
                done(sim.value().after);
        });
}

void InvoiceService::confirmWebhook(const QString& providerInvoiceId, QObject* ctx, Done<WebhookOutcome> done)
{
    QPointer<QObject> caller(ctx);
    const bool hadCtx = ctx != nullptr;
    Done<WebhookOutcome> reply = [caller, hadCtx, done = std::move(done)](Result<WebhookOutcome> r) {
        if (hadCtx && !caller)
            return;
        done(std::move(r));
    };
    m_repo->getByProviderId(
        m_provider.name(), providerInvoiceId, this, [this, reply](Result<InvoiceRecord> stored) {
            if (!stored) {
                if (stored.error().code == QLatin1String("not_found"))
                    reply(WebhookOutcome {});
                else
                    reply(stored.error());
                return;
            }
            const InvoiceRecord invoice = stored.value();
            m_provider.confirmWebhook(invoice, this, [this, invoice, reply](Result<ProviderInvoice> state) {
                if (!state) {
                    reply(state.error());
                    return;
                }
                applyProviderState(invoice, state.value(), QStringLiteral("webhook"),
                    [reply](Result<InvoiceRecord> applied, bool changed) {
                        if (!applied) {
                            reply(applied.error());
                            return;
                        }
                        WebhookOutcome out;
                        out.kind = changed ? WebhookOutcome::Kind::Applied : WebhookOutcome::Kind::Unchanged;
                        out.invoice = applied.value();
                        reply(out);
                    });
            });
        });
}

void InvoiceService::applyProviderState(const InvoiceRecord& stored, const ProviderInvoice& state,
    const QString& source, std::function<void(Result<InvoiceRecord>, bool changed)> done, int attempt)
{
    const PaymentNetwork network = SandboxLedger::networkOf(networks(), stored);
    const qint64 t = now();
    QString status = state.status;
    QString eventSource = source;
    if (status == kPending && stored.status == kPending && source == QLatin1String("refresh")
        && t >= stored.expiresAt + kExpiryGraceMs) {
        status = kExpired;
        eventSource = QStringLiteral("expiry");
    }
    const bool samePaid = Decimal::parse(stored.paidAmount).value_or(Decimal()) == state.paidAmount;
    if (status == stored.status && samePaid) {
        done(stored, false);
        return;
    }
    if (status == kPending && stored.status != kPending) {
        qCWarning(lcPayments).noquote() << m_provider.displayName() << "reports invoice" << stored.id
                                        << "as pending again after" << stored.status << "; kept as it is";
        done(stored, false);
        return;
    }
    const QString paid = state.paidAmount.sign() > 0 ? AmountRules::format(state.paidAmount, network.decimals)
                                                     : QStringLiteral("0");
    QJsonObject details = state.details;
    details.insert(QStringLiteral("provider"), m_provider.name());
    m_repo->updateStatus(stored.id, stored.version, status, paid, eventSource, json(details), t, this,
        [this, stored, state, source, done, attempt](Result<InvoiceRecord> updated) {
            if (!updated && updated.error().code == QLatin1String("conflict") && attempt == 0) {
                // Someone else changed it meanwhile (a webhook, a refresh elsewhere): decide again.
                m_repo->get(stored.id, this, [this, state, source, done](Result<InvoiceRecord> fresh) {
                    if (!fresh) {
                        done(fresh.error(), false);
                        return;
                    }
                    applyProviderState(fresh.value(), state, source, done, 1);
                });
                return;
            }
            if (!updated) {
                done(updated.error(), false);
                return;
            }
            qCInfo(lcPayments).noquote() << "invoice" << stored.id << stored.status << "->"
                                         << updated.value().status << QStringLiteral("(%1)").arg(source);
            announce(stored, updated.value());
            done(updated.value(), true);
        });
}

void InvoiceService::announce(const std::optional<InvoiceRecord>& before, const InvoiceRecord& after)
{
    const auto known = m_known.constFind(after.id);
    if (known != m_known.constEnd() && known->version >= after.version)
        return; // already announced (seen by the change poll first)
    m_known.insert(after.id, after);
    Q_EMIT invoiceChanged(before, after);
}

// --- background work ------------------------------------------------------------------------

void InvoiceService::start()
{
    if (m_running)
        return;
    m_running = true;
    m_startedAt = now();
    m_pollFrom = m_startedAt;
    m_refreshTimer->start(m_config.refreshIntervalMs);
    m_pollTimer->start(m_config.changePollIntervalMs);
    // Invoices that came due while nobody was running are checked right away.
    QTimer::singleShot(0, this, &InvoiceService::runRefresh);
}

void InvoiceService::stop()
{
    m_running = false;
    m_refreshTimer->stop();
    m_pollTimer->stop();
    if (m_refresh.leader) {
        const QString holder = m_instanceId;
        m_db.run<void>(
            nullptr,
            [holder](QSqlDatabase& db) {
                return RefreshLease::releaseJob(db, QLatin1String(RefreshLease::kInvoiceRefresh), holder);
            },
            nullptr);
        setLeader(false);
    }
}

void InvoiceService::refreshNow()
{
    runRefresh();
}

void InvoiceService::pollChangesNow()
{
    pollChanges();
}

void InvoiceService::setLeader(bool leader)
{
    if (m_refresh.leader == leader)
        return;
    m_refresh.leader = leader;
    qCInfo(lcPayments).noquote() << (leader ? "this process now refreshes pending invoices"
                                            : "another process refreshes pending invoices");
    Q_EMIT leadershipChanged(leader);
}

void InvoiceService::runRefresh()
{
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    m_roundChecked = m_roundChanged = m_roundFailed = 0;
    m_refresh.lastRunAt = now();
    const qint64 t = now();
    const qint64 ttl = m_config.leaseTtlMs();
    const QString holder = m_instanceId;
    m_db.run<bool>(
        this,
        [holder, t, ttl](QSqlDatabase& db) {
            return RefreshLease::acquireJob(db, QLatin1String(RefreshLease::kInvoiceRefresh), holder, t, ttl);
        },
        [this](Result<bool> lease) {
            if (!lease) {
                finishRefresh(lease.error().message);
                return;
            }
            setLeader(lease.value());
            if (!lease.value()) {
                finishRefresh(QString());
                return;
            }
            m_repo->dueForRefresh(now(), kRefreshBatch, this, [this](Result<QList<InvoiceRecord>> due) {
                if (!due) {
                    finishRefresh(due.error().message);
                    return;
                }
                if (due.value().size() >= kRefreshBatch)
                    m_refreshAgain = true;
                m_queue = due.takeValue();
                refreshNext();
            });
        });
}

void InvoiceService::refreshNext()
{
    if (m_queue.isEmpty()) {
        finishRefresh(QString());
        return;
    }
    const InvoiceRecord invoice = m_queue.takeFirst();
    ++m_roundChecked;
    refreshOne(invoice, [this](bool ok, bool changed, qint64 retryAfterMs) {
        if (changed)
            ++m_roundChanged;
        if (!ok)
            ++m_roundFailed;
        if (retryAfterMs > 0) {
            // Rate limited: the rest stays due for the next round.
            m_queue.clear();
            m_refreshAgain = false;
        }
        refreshNext();
    });
}

void InvoiceService::finishRefresh(const QString& error)
{
    m_refreshing = false;
    if (error.isEmpty() && m_roundFailed == 0) {
        m_refresh.lastSuccessAt = now();
        if (m_refresh.leader)
            m_refresh.lastError.clear();
    } else if (!error.isEmpty()) {
        m_refresh.lastError = error;
        qCWarning(lcPayments).noquote() << "refreshing invoices failed:" << error;
    }
    m_refresh.lastChecked = m_roundChecked;
    m_refresh.lastFailed = m_roundFailed;
    Q_EMIT refreshFinished(m_roundChecked, m_roundChanged, m_roundFailed);
    if (m_refreshAgain) {
        m_refreshAgain = false;
        QTimer::singleShot(0, this, &InvoiceService::runRefresh);
    }
}

qint64 InvoiceService::backoffMs(int failures) const
{
    const qint64 base = m_config.refreshIntervalMs;
    return qMin(kMaxBackoffMs, base << qMin(qMax(failures, 0), 16));
}

void InvoiceService::schedule(const InvoiceRecord& invoice, std::optional<qint64> nextAt, int failures)
{
    if (invoice.nextCheckAt == nextAt && invoice.checkFailures == failures)
        return;
    const QString id = invoice.id;
    m_repo->scheduleNextCheck(id, nextAt, failures, this, [id](Result<void> r) {
        if (!r)
            qCWarning(lcPayments).noquote()
                << "could not schedule the next check of" << id << ":" << r.error().message;
    });
}

void InvoiceService::refreshOne(
    const InvoiceRecord& invoice, std::function<void(bool ok, bool changed, qint64 retryAfterMs)> done)
{
    if (invoice.provider == QLatin1String("sandbox")) {
        expireIfDue(invoice, [done](bool ok, bool changed) { done(ok, changed, 0); });
        return;
    }
    if (invoice.provider != m_provider.name() || !m_provider.needsPolling()) {
        // Made with another provider than the one configured now: it cannot be asked.
        schedule(invoice, now() + kMaxBackoffMs, invoice.checkFailures);
        done(true, false, 0);
        return;
    }
    m_provider.getInvoice(invoice, this, [this, invoice, done](Result<ProviderInvoice> state) {
        if (!state) {
            const int failures = invoice.checkFailures + 1;
            const qint64 retryAfter =
                qint64(state.error().details.value(QStringLiteral("retry_after_seconds")).toInt()) * 1000;
            schedule(invoice, now() + qMax(backoffMs(failures), retryAfter), failures);
            m_refresh.lastError = state.error().message;
            done(false, false, retryAfter);
            return;
        }
        applyProviderState(invoice, state.value(), QStringLiteral("refresh"),
            [this, invoice, done](Result<InvoiceRecord> applied, bool changed) {
                if (!applied) {
                    const int failures = invoice.checkFailures + 1;
                    schedule(invoice, now() + backoffMs(failures), failures);
                    m_refresh.lastError = applied.error().message;
                    done(false, false, 0);
                    return;
                }
                const InvoiceRecord& current = applied.value();
                if (InvoiceRecord::openStatuses().contains(current.status)) {
                    std::optional<qint64> next = now() + m_config.refreshIntervalMs;
                    if (current.status == kUnderpaid && now() > current.expiresAt + kUnderpaidWatchMs)
                        next.reset(); // the rest of the payment is not coming any more
                    schedule(current, next, 0);
                }
                done(true, changed, 0);
            });
    });
}

void InvoiceService::expireIfDue(
    const InvoiceRecord& invoice, std::function<void(bool ok, bool changed)> done)
{
    const qint64 t = now();
    if (t < invoice.expiresAt) {
        schedule(invoice, invoice.expiresAt, 0);
        done(true, false);
        return;
    }
    if (invoice.status != kPending) {
        // Underpaid past its time: nothing more will arrive in the sandbox.
        schedule(invoice, std::nullopt, 0);
        done(true, false);
        return;
    }
    const QString details = json(QJsonObject {{QStringLiteral("expires_at"), invoice.expiresAt}});
    m_repo->updateStatus(invoice.id, invoice.version, kExpired, invoice.paidAmount, QStringLiteral("expiry"),
        details, t, this, [this, invoice, done](Result<InvoiceRecord> updated) {
            if (!updated) {
                // A conflict means it changed meanwhile (paid just in time): the next round decides.
                const bool conflict = updated.error().code == QLatin1String("conflict");
                if (!conflict)
                    m_refresh.lastError = updated.error().message;
                done(conflict, false);
                return;
            }
            qCInfo(lcPayments).noquote() << "invoice" << invoice.id << "expired";
            announce(invoice, updated.value());
            done(true, true);
        });
}

// --- watching other processes -----------------------------------------------------------------

void InvoiceService::pollChanges()
{
    if (m_polling)
        return;
    m_polling = true;
    m_repo->changedSince(
        m_pollFrom - kPollOverlapMs, kPollLimit, this, [this](Result<QList<InvoiceRecord>> rows) {
            m_polling = false;
            if (!rows) {
                qCWarning(lcPayments).noquote()
                    << "looking for invoice changes failed:" << rows.error().message;
                return;
            }
            onChanges(rows.value(), kPollLimit);
        });
}

void InvoiceService::onChanges(const QList<InvoiceRecord>& rows, int limit)
{
    for (const InvoiceRecord& r : rows) {
        m_pollFrom = qMax(m_pollFrom, r.updatedAt);
        const auto known = m_known.constFind(r.id);
        if (known != m_known.constEnd() && known->version >= r.version)
            continue;
        const std::optional<InvoiceRecord> before =
            known != m_known.constEnd() ? std::optional<InvoiceRecord>(*known) : std::nullopt;
        m_known.insert(r.id, r);
        if (!before && r.updatedAt < m_startedAt)
            continue; // settled before this process started watching
        Q_EMIT invoiceChanged(before, r);
    }
    if (m_known.size() > kMaxKnown) {
        const qint64 old = now() - 10 * 60 * 1000;
        for (auto it = m_known.begin(); it != m_known.end();) {
            if (!InvoiceRecord::openStatuses().contains(it->status) && it->updatedAt < old)
                it = m_known.erase(it);
            else
                ++it;
        }
    }
    if (rows.size() >= limit) {
        // More changes than one page: continue right after the newest seen.
        m_polling = true;
        m_repo->changedSince(m_pollFrom, limit, this, [this, limit](Result<QList<InvoiceRecord>> more) {
            m_polling = false;
            if (more)
                onChanges(more.value(), limit);
        });
    }
}
