#include "repositorytestbase.h"

#include "storage/auditlogrepository.h"
#include "storage/invoicerepository.h"
#include "storage/migrations.h"
#include "storage/sqlerror.h"
#include "storage/sqlexec.h"
#include "storage/transaction.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QSet>
#include <QSqlDatabase>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>

namespace
{

template<typename T> QByteArray describeError(const Result<T>& r)
{
    return r.ok() ? QByteArray("ok") : (r.error().code + QStringLiteral(": ") + r.error().message).toUtf8();
}

Result<CreateInvoiceResult> createBlocking(Database& db, const InvoiceRecord& invoice)
{
    return db.runBlocking<CreateInvoiceResult>(
        [invoice](QSqlDatabase& c) { return InvoiceRepository::createJob(c, invoice); });
}

Result<InvoiceRecord> getBlocking(Database& db, const QString& id)
{
    return db.runBlocking<InvoiceRecord>([id](QSqlDatabase& c) { return InvoiceRepository::getJob(c, id); });
}

Result<InvoicePage> listBlocking(Database& db, const InvoiceFilter& filter)
{
    return db.runBlocking<InvoicePage>(
        [filter](QSqlDatabase& c) { return InvoiceRepository::listJob(c, filter); });
}

Result<InvoiceRecord> updateBlocking(Database& db, const QString& id, int version, const QString& status,
    const QString& paid, qint64 now, const QString& details = QString())
{
    return db.runBlocking<InvoiceRecord>([=](QSqlDatabase& c) {
        return InvoiceRepository::updateStatusJob(
            c, id, version, status, paid, QStringLiteral("refresh"), details, now);
    });
}

Result<QList<InvoiceEvent>> eventsBlocking(Database& db, const QString& id)
{
    return db.runBlocking<QList<InvoiceEvent>>(
        [id](QSqlDatabase& c) { return InvoiceRepository::eventsJob(c, id); });
}

Result<void> execBlocking(Database& db, const QString& sql, const QVariantList& binds = {})
{
    return db.runBlocking<void>([sql, binds](QSqlDatabase& c) {
        return Storage::execute(c, sql, binds, QStringLiteral("Running a test statement"));
    });
}

} // namespace

RepositoryTestBase::~RepositoryTestBase() = default;

InvoiceRecord RepositoryTestBase::sampleInvoice(int n, qint64 createdAt)
{
    InvoiceRecord r;
    r.id = QStringLiteral("inv_%1").arg(n, 16, 10, QLatin1Char('0'));
    r.provider = QStringLiteral("sandbox");
    r.network = QStringLiteral("TRC20");
    r.coin = QStringLiteral("USDTTRC20");
    r.amountUsd = QStringLiteral("12.50");
    r.amountCurrency = QStringLiteral("USD");
    r.status = QStringLiteral("pending");
    r.description = QStringLiteral("Order %1 — 订单").arg(n);
    r.paymentUrl = QStringLiteral("https://pay.example/i/%1").arg(n);
    r.address = QStringLiteral("TXYZ%1").arg(n);
    r.client = QStringLiteral("desktop");
    r.createdAt = createdAt;
    r.updatedAt = createdAt;
    r.expiresAt = createdAt + 3'600'000;
    return r;
}

int RepositoryTestBase::countRows(Database& db, const QString& table)
{
    const Result<QVariant> n = db.runBlocking<QVariant>([table](QSqlDatabase& c) {
        return Storage::scalar(
            c, QStringLiteral("SELECT COUNT(*) FROM ") + table, {}, QStringLiteral("Counting"));
    });
    return n ? n.value().toInt() : -1;
}

void RepositoryTestBase::initTestCase()
{
    prepareEngine();
}

void RepositoryTestBase::init()
{
    m_config = newDatabase();
    m_made << m_config;
    m_db = std::make_unique<Database>(m_config);
    const Result<void> opened = m_db->openBlocking();
    QVERIFY2(opened.ok(), describeError(opened).constData());
}

void RepositoryTestBase::cleanup()
{
    m_db.reset();
    for (const DatabaseConfig& cfg : std::as_const(m_made))
        dropDatabase(cfg);
    m_made.clear();
}

// --- schema ------------------------------------------------------------------------------------

void RepositoryTestBase::migratesFreshDatabase()
{
    const Result<int> version =
        m_db->runBlocking<int>([](QSqlDatabase& c) { return Migrations::currentVersion(c); });
    QVERIFY2(version.ok(), describeError(version).constData());
    QCOMPARE(version.value(), Migrations::latestVersion());
    QCOMPARE(countRows(*m_db, QStringLiteral("schema_migrations")), Migrations::latestVersion());
    for (const char* table : {"invoices", "invoice_events", "audit_log", "kv_meta"})
        QCOMPARE(countRows(*m_db, QLatin1String(table)), 0);
}

void RepositoryTestBase::reopenKeepsSchema()
{
    QVERIFY(createBlocking(*m_db, sampleInvoice(1)).ok());
    m_db.reset();
    m_db = std::make_unique<Database>(m_config);
    const Result<void> again = m_db->openBlocking();
    QVERIFY2(again.ok(), describeError(again).constData());
    QCOMPARE(countRows(*m_db, QStringLiteral("schema_migrations")), Migrations::latestVersion());
    QCOMPARE(countRows(*m_db, QStringLiteral("invoices")), 1);
}

void RepositoryTestBase::newerSchemaIsRefused()
{
    QVERIFY(execBlocking(*m_db,
        QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
        {999, QStringLiteral("from the future"), qint64(1)})
                .ok());
    m_db.reset();

    Database newer(m_config);
    const Result<void> opened = newer.openBlocking();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, QLatin1String(Storage::Code::SchemaTooNew));
    QVERIFY2(opened.error().message.contains(QLatin1String("newer FinAgent (schema 999)")),
        qPrintable(opened.error().message));
    QVERIFY(opened.error().message.contains(QLatin1String("upgrade FinAgent")));

    // Jobs on a database that failed to open say why instead of touching it.
    const Result<int> job = newer.runBlocking<int>([](QSqlDatabase&) -> Result<int> { return 1; });
    QVERIFY(!job.ok());
    QCOMPARE(job.error().code, QLatin1String(Storage::Code::NotOpen));
    QVERIFY(job.error().message.contains(QLatin1String("schema 999")));
}

void RepositoryTestBase::foreignKeysAreEnforced()
{
    const Result<void> orphan = execBlocking(*m_db,
        QStringLiteral(
            "INSERT INTO invoice_events (invoice_id, at, to_status, source, details) VALUES (?, ?, ?, ?, ?)"),
        {QStringLiteral("inv_missing"), qint64(1), QStringLiteral("pending"), QStringLiteral("create"),
            QStringLiteral("{}")});
    QVERIFY(!orphan.ok());
    QCOMPARE(orphan.error().code, QLatin1String(Storage::Code::Constraint));
    QCOMPARE(countRows(*m_db, QStringLiteral("invoice_events")), 0);
}

void RepositoryTestBase::jobsBeforeOpenFail()
{
    Database unopened(m_config);
    const Result<int> r = unopened.runBlocking<int>([](QSqlDatabase&) -> Result<int> { return 7; });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QLatin1String(Storage::Code::NotOpen));
}

// --- create / get ------------------------------------------------------------------------------

void RepositoryTestBase::createAndGetRoundTrip()
{
    InvoiceRecord in = sampleInvoice(1);
    in.providerInvoiceId = QStringLiteral("CR-1");
    in.amountCoin = QStringLiteral("12.499999");
    in.amountCurrency = QStringLiteral("USDTTRC20");
    in.idempotencyKey = QStringLiteral("key-1");
    in.requestHash = QStringLiteral("hash-1");
    in.nextCheckAt = in.createdAt + 15'000;
    in.client = QStringLiteral("claude-desktop");
    in.description = QStringLiteral("O'Brien's \\ order? 100%; -- \"quoted\" 订单");

    const Result<CreateInvoiceResult> created = createBlocking(*m_db, in);
    QVERIFY2(created.ok(), describeError(created).constData());
    QVERIFY(created.value().created);
    QCOMPARE(created.value().invoice, in);

    const Result<InvoiceRecord> got = getBlocking(*m_db, in.id);
    QVERIFY2(got.ok(), describeError(got).constData());
    QCOMPARE(got.value(), in);
    QCOMPARE(got.value().description, QStringLiteral("O'Brien's \\ order? 100%; -- \"quoted\" 订单"));
    QVERIFY(!got.value().paidAt);
    QCOMPARE(got.value().paidAmount, QStringLiteral("0"));
    QCOMPARE(got.value().version, 1);

    // Nulls stay nulls.
    InvoiceRecord bare = sampleInvoice(2);
    QVERIFY(createBlocking(*m_db, bare).ok());
    const Result<InvoiceRecord> gotBare = getBlocking(*m_db, bare.id);
    QVERIFY(gotBare.ok());
    QVERIFY(!gotBare.value().providerInvoiceId);
    QVERIFY(!gotBare.value().amountCoin);
    QVERIFY(!gotBare.value().idempotencyKey);
    QVERIFY(!gotBare.value().requestHash);
    QVERIFY(!gotBare.value().nextCheckAt);
}

void RepositoryTestBase::createRecordsCreateEvent()
{
    const InvoiceRecord in = sampleInvoice(3);
    QVERIFY(createBlocking(*m_db, in).ok());
    const Result<QList<InvoiceEvent>> events = eventsBlocking(*m_db, in.id);
    QVERIFY2(events.ok(), describeError(events).constData());
    QCOMPARE(events.value().size(), 1);
    const InvoiceEvent& e = events.value().constFirst();
    QCOMPARE(e.invoiceId, in.id);
    QCOMPARE(e.source, QStringLiteral("create"));
    QVERIFY(!e.fromStatus);
    QCOMPARE(e.toStatus, QStringLiteral("pending"));
    QCOMPARE(e.at, in.createdAt);
    QVERIFY(QJsonDocument::fromJson(e.details.toUtf8()).isObject());
}

void RepositoryTestBase::createValidatesInput()
{
    const auto expectInvalid = [this](const InvoiceRecord& r, const char* fragment) {
        const Result<CreateInvoiceResult> res = createBlocking(*m_db, r);
        QVERIFY(!res.ok());
        QCOMPARE(res.error().code, QLatin1String(Storage::Code::InvalidArgument));
        QVERIFY2(res.error().message.contains(QLatin1String(fragment)), qPrintable(res.error().message));
    };
    InvoiceRecord r = sampleInvoice(4);
    r.amountUsd = QStringLiteral("1e3");
    expectInvalid(r, "amount_usd");
    r = sampleInvoice(4);
    r.amountUsd = QStringLiteral("-5");
    expectInvalid(r, "amount_usd");
    r = sampleInvoice(4);
    r.status = QStringLiteral("settled");
    expectInvalid(r, "settled");
    r = sampleInvoice(4);
    r.amountUsd.reset();
    expectInvalid(r, "neither");
    r = sampleInvoice(4);
    r.network.clear();
    expectInvalid(r, "network");
    QCOMPARE(countRows(*m_db, QStringLiteral("invoices")), 0);
}

void RepositoryTestBase::idempotentCreateReturnsOriginal()
{
    InvoiceRecord first = sampleInvoice(5);
    first.idempotencyKey = QStringLiteral("order-5");
    first.requestHash = QStringLiteral("h5");
    const Result<CreateInvoiceResult> a = createBlocking(*m_db, first);
    QVERIFY2(a.ok(), describeError(a).constData());
    QVERIFY(a.value().created);

    // A retry of the same request (the service made a new id for it) gets the original back.
    InvoiceRecord retry = first;
    retry.id = QStringLiteral("inv_retry");
    retry.createdAt += 5000;
    const Result<CreateInvoiceResult> b = createBlocking(*m_db, retry);
    QVERIFY2(b.ok(), describeError(b).constData());
    QVERIFY(!b.value().created);
    QCOMPARE(b.value().invoice.id, first.id);
    QCOMPARE(b.value().invoice, a.value().invoice);
    QCOMPARE(countRows(*m_db, QStringLiteral("invoices")), 1);
    QCOMPARE(countRows(*m_db, QStringLiteral("invoice_events")), 1);
}

void RepositoryTestBase::idempotencyKeyReusedForDifferentRequest()
{
    InvoiceRecord first = sampleInvoice(6);
    first.idempotencyKey = QStringLiteral("order-6");
    first.requestHash = QStringLiteral("h6");
    QVERIFY(createBlocking(*m_db, first).ok());

    InvoiceRecord other = sampleInvoice(7);
    other.idempotencyKey = QStringLiteral("order-6");
    other.requestHash = QStringLiteral("h7-different");
    const Result<CreateInvoiceResult> r = createBlocking(*m_db, other);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("idempotency_key_reused"));
    QVERIFY(r.error().message.contains(QLatin1String("order-6")));
    QCOMPARE(r.error().details.value(QStringLiteral("invoice_id")).toString(), first.id);
    QCOMPARE(countRows(*m_db, QStringLiteral("invoices")), 1);
}

void RepositoryTestBase::getUnknownIsNotFound()
{
    const Result<InvoiceRecord> r = getBlocking(*m_db, QStringLiteral("inv_nope"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QLatin1String(Storage::Code::NotFound));
    QVERIFY(r.error().message.contains(QLatin1String("inv_nope")));
}

void RepositoryTestBase::getByProviderId()
{
    InvoiceRecord a = sampleInvoice(8);
    a.providerInvoiceId = QStringLiteral("CR-8");
    a.provider = QStringLiteral("coinremitter");
    QVERIFY(createBlocking(*m_db, a).ok());
    const Result<InvoiceRecord> got = m_db->runBlocking<InvoiceRecord>([](QSqlDatabase& c) {
        return InvoiceRepository::getByProviderIdJob(
            c, QStringLiteral("coinremitter"), QStringLiteral("CR-8"));
    });
    QVERIFY2(got.ok(), describeError(got).constData());
    QCOMPARE(got.value().id, a.id);

    const Result<InvoiceRecord> wrongProvider = m_db->runBlocking<InvoiceRecord>([](QSqlDatabase& c) {
        return InvoiceRepository::getByProviderIdJob(c, QStringLiteral("sandbox"), QStringLiteral("CR-8"));
    });
    QVERIFY(!wrongProvider.ok());
    QCOMPARE(wrongProvider.error().code, QLatin1String(Storage::Code::NotFound));
}

void RepositoryTestBase::providerIdIsUniquePerProvider()
{
    InvoiceRecord a = sampleInvoice(9);
    a.providerInvoiceId = QStringLiteral("X-1");
    QVERIFY(createBlocking(*m_db, a).ok());

    InvoiceRecord sameProvider = sampleInvoice(10);
    sameProvider.providerInvoiceId = QStringLiteral("X-1");
    const Result<CreateInvoiceResult> dup = createBlocking(*m_db, sameProvider);
    QVERIFY(!dup.ok());
    QCOMPARE(dup.error().code, QLatin1String(Storage::Code::Constraint));

    InvoiceRecord otherProvider = sampleInvoice(11);
    otherProvider.provider = QStringLiteral("coinremitter");
    otherProvider.providerInvoiceId = QStringLiteral("X-1");
    QVERIFY(createBlocking(*m_db, otherProvider).ok());

    // The failed insert left nothing behind, not even its event.
    QCOMPARE(countRows(*m_db, QStringLiteral("invoices")), 2);
    QCOMPARE(countRows(*m_db, QStringLiteral("invoice_events")), 2);
}

// --- updates -----------------------------------------------------------------------------------

void RepositoryTestBase::updateStatusBumpsVersionAndRecordsEvent()
{
    const InvoiceRecord in = sampleInvoice(12);
    QVERIFY(createBlocking(*m_db, in).ok());

    const qint64 t1 = in.createdAt + 60'000;
    const Result<InvoiceRecord> under = updateBlocking(*m_db, in.id, 1, QStringLiteral("underpaid"),
        QStringLiteral("5.00"), t1, QStringLiteral("{\"tx\":\"abc\"}"));
    QVERIFY2(under.ok(), describeError(under).constData());
    QCOMPARE(under.value().status, QStringLiteral("underpaid"));
    QCOMPARE(under.value().paidAmount, QStringLiteral("5.00"));
    QCOMPARE(under.value().version, 2);
    QCOMPARE(under.value().updatedAt, t1);
    QVERIFY(!under.value().paidAt);

    const qint64 t2 = t1 + 60'000;
    const Result<InvoiceRecord> paid =
        updateBlocking(*m_db, in.id, 2, QStringLiteral("paid"), QStringLiteral("12.50"), t2);
    QVERIFY2(paid.ok(), describeError(paid).constData());
    QCOMPARE(paid.value().version, 3);
    QCOMPARE(paid.value().paidAt, std::optional<qint64>(t2));

    const Result<QList<InvoiceEvent>> events = eventsBlocking(*m_db, in.id);
    QVERIFY(events.ok());
    QCOMPARE(events.value().size(), 3);
    QCOMPARE(events.value().at(1).fromStatus, std::optional<QString>(QStringLiteral("pending")));
    QCOMPARE(events.value().at(1).toStatus, QStringLiteral("underpaid"));
    QCOMPARE(events.value().at(1).source, QStringLiteral("refresh"));
    QCOMPARE(
        QJsonDocument::fromJson(events.value().at(1).details.toUtf8()).object().value(QStringLiteral("tx")),
        QStringLiteral("abc"));
    QCOMPARE(events.value().at(2).toStatus, QStringLiteral("paid"));
    QCOMPARE(events.value().at(2).at, t2);
    QVERIFY(events.value().at(1).id < events.value().at(2).id);
}

void RepositoryTestBase::updateStatusWithStaleVersionConflicts()
{
    const InvoiceRecord in = sampleInvoice(13);
    QVERIFY(createBlocking(*m_db, in).ok());
    QVERIFY(
        updateBlocking(*m_db, in.id, 1, QStringLiteral("underpaid"), QStringLiteral("1"), in.createdAt + 1)
            .ok());

    const Result<InvoiceRecord> stale =
        updateBlocking(*m_db, in.id, 1, QStringLiteral("expired"), QStringLiteral("0"), in.createdAt + 2);
    QVERIFY(!stale.ok());
    QCOMPARE(stale.error().code, QLatin1String(Storage::Code::Conflict));
    QCOMPARE(stale.error().details.value(QStringLiteral("current_version")).toInt(), 2);

    const Result<InvoiceRecord> now = getBlocking(*m_db, in.id);
    QCOMPARE(now.value().status, QStringLiteral("underpaid"));
    QCOMPARE(now.value().version, 2);
    QCOMPARE(eventsBlocking(*m_db, in.id).value().size(), 2);

    const Result<InvoiceRecord> missing = updateBlocking(
        *m_db, QStringLiteral("inv_missing"), 1, QStringLiteral("paid"), QStringLiteral("1"), 1);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QLatin1String(Storage::Code::NotFound));
}

void RepositoryTestBase::updateStatusValidatesInput()
{
    const InvoiceRecord in = sampleInvoice(14);
    QVERIFY(createBlocking(*m_db, in).ok());
    QCOMPARE(updateBlocking(*m_db, in.id, 1, QStringLiteral("done"), QStringLiteral("1"), 1).error().code,
        QLatin1String(Storage::Code::InvalidArgument));
    QCOMPARE(updateBlocking(*m_db, in.id, 1, QStringLiteral("paid"), QStringLiteral("1.2.3"), 1).error().code,
        QLatin1String(Storage::Code::InvalidArgument));
    QCOMPARE(
        updateBlocking(*m_db, in.id, 1, QStringLiteral("paid"), QStringLiteral("1"), 1, QStringLiteral("[1]"))
            .error()
            .code,
        QLatin1String(Storage::Code::InvalidArgument));
    const Result<InvoiceRecord> badSource = m_db->runBlocking<InvoiceRecord>([id = in.id](QSqlDatabase& c) {
        return InvoiceRepository::updateStatusJob(
            c, id, 1, QStringLiteral("paid"), QStringLiteral("1"), QStringLiteral("magic"), QString(), 1);
    });
    QCOMPARE(badSource.error().code, QLatin1String(Storage::Code::InvalidArgument));
    QCOMPARE(getBlocking(*m_db, in.id).value().version, 1);
}

void RepositoryTestBase::finalStatusStopsChecks()
{
    InvoiceRecord in = sampleInvoice(15);
    in.nextCheckAt = in.createdAt + 1000;
    QVERIFY(createBlocking(*m_db, in).ok());
    const Result<InvoiceRecord> expired =
        updateBlocking(*m_db, in.id, 1, QStringLiteral("expired"), QStringLiteral("0"), in.expiresAt);
    QVERIFY(expired.ok());
    QVERIFY(!expired.value().nextCheckAt);
    QVERIFY(!expired.value().paidAt);
}

// --- listing -----------------------------------------------------------------------------------

void RepositoryTestBase::keysetPaginationCoversEverything()
{
    constexpr int kCount = 250;
    const qint64 base = 1'700'000'000'000;
    QList<InvoiceRecord> all;
    for (int i = 0; i < kCount; ++i) {
        // Groups of three share a timestamp, so the id tie-break matters.
        InvoiceRecord r = sampleInvoice(i, base + (i / 3) * 1000);
        r.id = QStringLiteral("inv_%1").arg(
            QString::number((i * 7919) % 1000).rightJustified(4, QLatin1Char('0')));
        all << r;
    }
    const Result<void> inserted = m_db->runBlocking<void>([all](QSqlDatabase& c) {
        return Storage::inTransaction<void>(c, [&]() -> Result<void> {
            for (const InvoiceRecord& r : all) {
                const Result<CreateInvoiceResult> one = InvoiceRepository::createJob(c, r);
                if (!one)
                    return one.error();
            }
            return {};
        });
    });
    QVERIFY2(inserted.ok(), describeError(inserted).constData());

    std::sort(all.begin(), all.end(), [](const InvoiceRecord& a, const InvoiceRecord& b) {
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
    });

    QStringList seen;
    InvoiceFilter filter;
    filter.limit = 37;
    int pages = 0;
    bool addedNewer = false;
    for (;;) {
        const Result<InvoicePage> page = listBlocking(*m_db, filter);
        QVERIFY2(page.ok(), describeError(page).constData());
        QVERIFY(page.value().items.size() <= 37);
        ++pages;
        for (const InvoiceRecord& r : page.value().items)
            seen << r.id;
        if (page.value().nextCursor.isEmpty())
            break;
        QCOMPARE(page.value().items.size(), 37);
        if (!addedNewer) {
            // A new invoice arriving mid-way must not shift the pages that follow.
            QVERIFY(createBlocking(*m_db, sampleInvoice(5000, base + 10'000'000)).ok());
            addedNewer = true;
        } else {
            QCOMPARE(page.value().total, kCount + 1);
        }
        filter.cursor = page.value().nextCursor;
        QVERIFY(pages < 20);
    }
    QCOMPARE(pages, 7); // ceil(250 / 37)
    QCOMPARE(seen.size(), kCount);
    QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), kCount);
    QStringList expected;
    for (const InvoiceRecord& r : std::as_const(all))
        expected << r.id;
    QCOMPARE(seen, expected);
}

void RepositoryTestBase::listFilters()
{
    const qint64 base = 1'700'000'000'000;
    for (int i = 0; i < 12; ++i) {
        InvoiceRecord r = sampleInvoice(100 + i, base + i * 1000);
        r.network = i % 2 ? QStringLiteral("ERC20") : QStringLiteral("TRC20");
        r.status = i % 3 == 0 ? QStringLiteral("paid") : QStringLiteral("pending");
        QVERIFY(createBlocking(*m_db, r).ok());
    }
    InvoiceFilter f;
    f.network = QStringLiteral("ERC20");
    Result<InvoicePage> page = listBlocking(*m_db, f);
    QVERIFY(page.ok());
    QCOMPARE(page.value().total, 6);
    for (const InvoiceRecord& r : page.value().items)
        QCOMPARE(r.network, QStringLiteral("ERC20"));

    f = InvoiceFilter();
    f.statuses = {QStringLiteral("paid"), QStringLiteral("expired")};
    page = listBlocking(*m_db, f);
    QCOMPARE(page.value().total, 4); // i = 0, 3, 6, 9

    f = InvoiceFilter();
    f.createdFrom = base + 2000;
    f.createdTo = base + 5000; // exclusive
    page = listBlocking(*m_db, f);
    QCOMPARE(page.value().total, 3);
    QCOMPARE(page.value().items.constFirst().createdAt, base + 4000);
    QCOMPARE(page.value().items.constLast().createdAt, base + 2000);

    f.network = QStringLiteral("TRC20");
    f.statuses = {QStringLiteral("pending")};
    f.limit = 1;
    page = listBlocking(*m_db, f);
    QCOMPARE(page.value().total, 2); // i = 2 and i = 4
    QCOMPARE(page.value().items.size(), 1);
    QCOMPARE(page.value().items.constFirst().createdAt, base + 4000);
    QVERIFY(!page.value().nextCursor.isEmpty());
}

void RepositoryTestBase::listRejectsBadCursorAndClampsLimit()
{
    InvoiceFilter f;
    f.cursor = QStringLiteral("not a cursor!");
    Result<InvoicePage> page = listBlocking(*m_db, f);
    QVERIFY(!page.ok());
    QCOMPARE(page.error().code, QStringLiteral("invalid_cursor"));

    f.cursor = QStringLiteral("bm9jb2xvbg"); // base64url of "nocolon"
    QCOMPARE(listBlocking(*m_db, f).error().code, QStringLiteral("invalid_cursor"));

    f = InvoiceFilter();
    f.statuses = {QStringLiteral("bogus")};
    QCOMPARE(listBlocking(*m_db, f).error().code, QLatin1String(Storage::Code::InvalidArgument));

    const Result<void> many = m_db->runBlocking<void>([](QSqlDatabase& c) {
        return Storage::inTransaction<void>(c, [&]() -> Result<void> {
            for (int i = 0; i < 210; ++i) {
                const Result<CreateInvoiceResult> one = InvoiceRepository::createJob(c, sampleInvoice(i));
                if (!one)
                    return one.error();
            }
            return {};
        });
    });
    QVERIFY2(many.ok(), describeError(many).constData());
    f = InvoiceFilter();
    f.limit = 1000;
    page = listBlocking(*m_db, f);
    QVERIFY(page.ok());
    QCOMPARE(page.value().items.size(), InvoiceFilter::kMaxLimit);
    QVERIFY(!page.value().nextCursor.isEmpty());
    QCOMPARE(page.value().total, 210);
}

void RepositoryTestBase::dueForRefreshAndScheduleNextCheck()
{
    const qint64 now = 1'700'000'100'000;
    InvoiceRecord due = sampleInvoice(20);
    due.nextCheckAt = now - 10;
    InvoiceRecord dueLater = sampleInvoice(21);
    dueLater.nextCheckAt = now - 5;
    InvoiceRecord notYet = sampleInvoice(22);
    notYet.nextCheckAt = now + 10'000;
    InvoiceRecord unscheduled = sampleInvoice(23);
    InvoiceRecord paid = sampleInvoice(24);
    paid.status = QStringLiteral("paid");
    paid.nextCheckAt = now - 100;
    for (const InvoiceRecord& r : {due, dueLater, notYet, unscheduled, paid})
        QVERIFY(createBlocking(*m_db, r).ok());

    const auto dueIds = [this](qint64 at) {
        const Result<QList<InvoiceRecord>> rows = m_db->runBlocking<QList<InvoiceRecord>>(
            [at](QSqlDatabase& c) { return InvoiceRepository::dueForRefreshJob(c, at, 10); });
        QStringList ids;
        for (const InvoiceRecord& r : rows.value())
            ids << r.id;
        return ids;
    };
    QCOMPARE(dueIds(now), (QStringList {due.id, dueLater.id}));

    const Result<void> pushed = m_db->runBlocking<void>([id = due.id, now](QSqlDatabase& c) {
        return InvoiceRepository::scheduleNextCheckJob(c, id, now + 30'000, 2);
    });
    QVERIFY2(pushed.ok(), describeError(pushed).constData());
    QCOMPARE(dueIds(now), QStringList {dueLater.id});
    const InvoiceRecord after = getBlocking(*m_db, due.id).value();
    QCOMPARE(after.checkFailures, 2);
    QCOMPARE(after.nextCheckAt, std::optional<qint64>(now + 30'000));
    QCOMPARE(after.version, 1); // bookkeeping, not a change

    const Result<void> stop = m_db->runBlocking<void>([id = dueLater.id](QSqlDatabase& c) {
        return InvoiceRepository::scheduleNextCheckJob(c, id, std::nullopt, 0);
    });
    QVERIFY(stop.ok());
    QVERIFY(dueIds(now).isEmpty());
    QCOMPARE(dueIds(now + 60'000), (QStringList {notYet.id, due.id}));

    const Result<void> missing = m_db->runBlocking<void>([](QSqlDatabase& c) {
        return InvoiceRepository::scheduleNextCheckJob(c, QStringLiteral("inv_missing"), 1, 0);
    });
    QCOMPARE(missing.error().code, QLatin1String(Storage::Code::NotFound));
}

void RepositoryTestBase::changedSince()
{
    const qint64 base = 1'700'000'000'000;
    for (int i = 0; i < 3; ++i)
        QVERIFY(createBlocking(*m_db, sampleInvoice(30 + i, base + i)).ok());
    QVERIFY(updateBlocking(
        *m_db, sampleInvoice(30).id, 1, QStringLiteral("paid"), QStringLiteral("12.50"), base + 100)
                .ok());

    const Result<QList<InvoiceRecord>> changed = m_db->runBlocking<QList<InvoiceRecord>>(
        [base](QSqlDatabase& c) { return InvoiceRepository::changedSinceJob(c, base + 1, 100); });
    QVERIFY(changed.ok());
    QCOMPARE(changed.value().size(), 2);
    QCOMPARE(changed.value().at(0).id, sampleInvoice(32).id); // updated_at base + 2
    QCOMPARE(changed.value().at(1).id, sampleInvoice(30).id); // updated_at base + 100
    QCOMPARE(changed.value().at(1).status, QStringLiteral("paid"));
}

void RepositoryTestBase::composedJobsShareOneTransaction()
{
    const InvoiceRecord in = sampleInvoice(40);
    // Create, then a stale update inside the same transaction: the failure undoes the create too.
    const Result<InvoiceRecord> r = m_db->runBlocking<InvoiceRecord>([in](QSqlDatabase& c) {
        return Storage::inTransaction<InvoiceRecord>(c, [&]() -> Result<InvoiceRecord> {
            const Result<CreateInvoiceResult> made = InvoiceRepository::createJob(c, in);
            if (!made)
                return made.error();
            return InvoiceRepository::updateStatusJob(c, in.id, 5, QStringLiteral("paid"),
                QStringLiteral("1"), QStringLiteral("refresh"), QString(), in.createdAt + 1);
        });
    });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QLatin1String(Storage::Code::Conflict));
    QCOMPARE(countRows(*m_db, QStringLiteral("invoices")), 0);
    QCOMPARE(countRows(*m_db, QStringLiteral("invoice_events")), 0);
}

// --- audit log ---------------------------------------------------------------------------------

void RepositoryTestBase::auditAppendRecentAndPrune()
{
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        AuditEntry e;
        e.at = 1000 + i;
        e.tool = QStringLiteral("get_spot_price");
        e.client = QStringLiteral("claude-desktop");
        e.sessionId = i % 2 ? std::optional<QString>(QStringLiteral("s-1")) : std::nullopt;
        e.transport = QStringLiteral("http");
        e.processId = 4242;
        e.durationMs = 10 * i;
        e.outcome = i == 4 ? QStringLiteral("error") : QStringLiteral("ok");
        if (i == 4)
            e.errorCode = QStringLiteral("upstream_rate_limited");
        const Result<qint64> id =
            m_db->runBlocking<qint64>([e](QSqlDatabase& c) { return AuditLogRepository::appendJob(c, e); });
        QVERIFY2(id.ok(), describeError(id).constData());
        ids << id.value();
    }
    QVERIFY(std::is_sorted(ids.cbegin(), ids.cend()));

    const auto recent = [this](int limit, qint64 after) {
        return m_db
            ->runBlocking<QList<AuditEntry>>(
                [limit, after](QSqlDatabase& c) { return AuditLogRepository::recentJob(c, limit, after); })
            .value();
    };
    const QList<AuditEntry> newest = recent(3, 0);
    QCOMPARE(newest.size(), 3);
    QCOMPARE(newest.at(0).id, ids.at(4));
    QCOMPARE(newest.at(2).id, ids.at(2));
    QCOMPARE(newest.at(0).outcome, QStringLiteral("error"));
    QCOMPARE(newest.at(0).errorCode, std::optional<QString>(QStringLiteral("upstream_rate_limited")));
    QCOMPARE(newest.at(1).sessionId, std::optional<QString>(QStringLiteral("s-1")));
    QVERIFY(!newest.at(2).sessionId);
    QCOMPARE(newest.at(1).durationMs, 30);
    QCOMPARE(newest.at(1).processId, qint64(4242));

    // Tailing: the entries right after an id, nothing skipped, newest first.
    const QList<AuditEntry> tail = recent(2, ids.at(1));
    QCOMPARE(tail.size(), 2);
    QCOMPARE(tail.at(0).id, ids.at(3));
    QCOMPARE(tail.at(1).id, ids.at(2));

    AuditEntry bad;
    bad.tool = QStringLiteral("x");
    bad.transport = QStringLiteral("carrier-pigeon");
    QCOMPARE(
        m_db->runBlocking<qint64>([bad](QSqlDatabase& c) { return AuditLogRepository::appendJob(c, bad); })
            .error()
            .code,
        QLatin1String(Storage::Code::InvalidArgument));

    const Result<int> pruned =
        m_db->runBlocking<int>([](QSqlDatabase& c) { return AuditLogRepository::pruneJob(c, 1002); });
    QVERIFY(pruned.ok());
    QCOMPARE(pruned.value(), 2);
    QCOMPARE(countRows(*m_db, QStringLiteral("audit_log")), 3);
}

// --- threads, lifetime, concurrency ----------------------------------------------------------------

void RepositoryTestBase::asyncRunDeliversOnCallerThread()
{
    QObject ctx;
    bool called = false;
    int value = 0;
    QThread* jobThread = nullptr;
    QThread* doneThread = nullptr;
    m_db->run<int>(
        &ctx,
        [&jobThread](QSqlDatabase& c) -> Result<int> {
            jobThread = QThread::currentThread();
            return c.isOpen() ? 42 : 0;
        },
        [&](Result<int> r) {
            called = true;
            value = r.ok() ? r.value() : -1;
            doneThread = QThread::currentThread();
        });
    QVERIFY(!called); // never synchronous
    QTRY_VERIFY(called);
    QCOMPARE(value, 42);
    QCOMPARE(doneThread, QThread::currentThread());
    QVERIFY(jobThread != QThread::currentThread());

    bool voidDone = false;
    m_db->run<void>(
        &ctx, [](QSqlDatabase&) -> Result<void> { return Error(QStringLiteral("x"), QStringLiteral("y")); },
        [&voidDone](Result<void> r) { voidDone = !r.ok() && r.error().code == QLatin1String("x"); });
    QTRY_VERIFY(voidDone);
}

void RepositoryTestBase::asyncRepositoryMethods()
{
    InvoiceRepository repo(*m_db);
    AuditLogRepository audit(*m_db);
    QObject ctx;
    int steps = 0;
    QStringList failures;
    // Counts a step when the result is ok and `good` holds; otherwise says what went wrong.
    const auto settle = [&steps, &failures](const auto& r, bool good, const char* what) {
        if (r.ok() && good)
            ++steps;
        else
            failures << QLatin1String(what) + QStringLiteral(": ")
                    + (r.ok() ? QStringLiteral("unexpected result") : r.error().message);
    };

    InvoiceRecord in = sampleInvoice(50);
    in.providerInvoiceId = QStringLiteral("P-50");
    in.nextCheckAt = in.createdAt;
    repo.create(
        in, &ctx, [&](Result<CreateInvoiceResult> r) { settle(r, r.ok() && r.value().created, "create"); });
    repo.get(in.id, &ctx, [&](Result<InvoiceRecord> r) { settle(r, r.ok() && r.value() == in, "get"); });
    repo.getByProviderId(in.provider, QStringLiteral("P-50"), &ctx,
        [&](Result<InvoiceRecord> r) { settle(r, r.ok() && r.value().id == in.id, "getByProviderId"); });
    repo.list(InvoiceFilter(), &ctx,
        [&](Result<InvoicePage> r) { settle(r, r.ok() && r.value().total == 1, "list"); });
    repo.dueForRefresh(in.createdAt, 10, &ctx,
        [&](Result<QList<InvoiceRecord>> r) { settle(r, r.ok() && r.value().size() == 1, "dueForRefresh"); });
    repo.scheduleNextCheck(
        in.id, in.createdAt + 5, 1, &ctx, [&](Result<void> r) { settle(r, true, "scheduleNextCheck"); });
    repo.updateStatus(in.id, 1, QStringLiteral("paid"), QStringLiteral("12.50"), QStringLiteral("webhook"),
        QStringLiteral("{}"), in.createdAt + 10, &ctx,
        [&](Result<InvoiceRecord> r) { settle(r, r.ok() && r.value().version == 2, "updateStatus"); });
    repo.events(in.id, &ctx,
        [&](Result<QList<InvoiceEvent>> r) { settle(r, r.ok() && r.value().size() == 2, "events"); });
    repo.changedSince(0, 10, &ctx, [&](Result<QList<InvoiceRecord>> r) {
        settle(r, r.ok() && r.value().size() == 1 && r.value().constFirst().status == QLatin1String("paid"),
            "changedSince");
    });
    AuditEntry e;
    e.at = 5;
    e.tool = QStringLiteral("create_payment");
    audit.append(e, &ctx, [&](Result<qint64> r) { settle(r, r.ok() && r.value() > 0, "append"); });
    audit.recent(10, 0, &ctx,
        [&](Result<QList<AuditEntry>> r) { settle(r, r.ok() && r.value().size() == 1, "recent"); });
    audit.prune(10, &ctx, [&](Result<int> r) { settle(r, r.ok() && r.value() == 1, "prune"); });

    QTRY_VERIFY(steps + failures.size() == 12);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
}

void RepositoryTestBase::noCallbackAfterContextDestroyed()
{
    bool firstCalled = false;
    bool secondCalled = false;
    auto* doomed = new QObject;
    m_db->run<int>(
        doomed, [](QSqlDatabase&) -> Result<int> { return 1; },
        [&firstCalled](Result<int>) { firstCalled = true; });
    delete doomed;

    QObject alive;
    m_db->run<int>(
        &alive, [](QSqlDatabase&) -> Result<int> { return 2; },
        [&secondCalled](Result<int>) { secondCalled = true; });
    QTRY_VERIFY(secondCalled);
    QVERIFY(!firstCalled);
}

void RepositoryTestBase::noCallbackWhenContextDiesWithResultInFlight()
{
    QSemaphore jobRan;
    bool called = false;
    auto* doomed = new QObject;
    m_db->run<int>(
        doomed,
        [&jobRan](QSqlDatabase&) -> Result<int> {
            jobRan.release();
            return 1;
        },
        [&called](Result<int>) { called = true; });
    jobRan.acquire(); // the result is now on its way to `doomed`
    delete doomed;

    bool later = false;
    QObject alive;
    m_db->run<int>(
        &alive, [](QSqlDatabase&) -> Result<int> { return 2; }, [&later](Result<int>) { later = true; });
    QTRY_VERIFY(later);
    QVERIFY(!called);
}

void RepositoryTestBase::destructionFinishesQueuedJobs()
{
    QObject ctx;
    std::atomic<int> ran {0};
    int delivered = 0;
    {
        Database db(m_config);
        QVERIFY(db.openBlocking().ok());
        InvoiceRepository repo(db);
        for (int i = 0; i < 40; ++i)
            repo.create(sampleInvoice(600 + i), &ctx, [&delivered](Result<CreateInvoiceResult> r) {
                if (r)
                    ++delivered;
            });
        db.run<int>(nullptr,
            [&ran](QSqlDatabase&) -> Result<int> {
                ++ran;
                return 0;
            },
            {});
    } // destroyed with (most of) the jobs still queued
    QCOMPARE(ran.load(), 1);
    QCOMPARE(countRows(*m_db, QStringLiteral("invoices")), 40);
    QTRY_COMPARE(delivered, 40); // ctx outlived the Database, so every result still arrives
}

void RepositoryTestBase::twoDatabasesWriteConcurrently()
{
    Database other(m_config);
    QVERIFY(other.openBlocking().ok());
    InvoiceRepository a(*m_db);
    InvoiceRepository b(other);
    AuditLogRepository auditA(*m_db);
    AuditLogRepository auditB(other);

    QObject ctx;
    constexpr int kEach = 120;
    int ok = 0;
    QStringList errors;
    const auto count = [&](const auto& r) {
        if (r.ok())
            ++ok;
        else
            errors << r.error().code + QStringLiteral(": ") + r.error().message;
    };
    for (int i = 0; i < kEach; ++i) {
        a.create(sampleInvoice(1000 + i), &ctx, count);
        b.create(sampleInvoice(2000 + i), &ctx, count);
        AuditEntry e;
        e.at = i;
        e.tool = QStringLiteral("list_invoices");
        auditA.append(e, &ctx, count);
        auditB.append(e, &ctx, count);
    }
    QTRY_VERIFY_WITH_TIMEOUT(ok + errors.size() == 4 * kEach, 60000);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(countRows(*m_db, QStringLiteral("invoices")), 2 * kEach);
    QCOMPARE(countRows(other, QStringLiteral("invoice_events")), 2 * kEach);
    QCOMPARE(countRows(other, QStringLiteral("audit_log")), 2 * kEach);
}

void RepositoryTestBase::concurrentOptimisticUpdatesOneWins()
{
    Database other(m_config);
    QVERIFY(other.openBlocking().ok());
    QObject ctx;
    constexpr int kInvoices = 20;
    for (int i = 0; i < kInvoices; ++i)
        QVERIFY(createBlocking(*m_db, sampleInvoice(3000 + i)).ok());

    InvoiceRepository a(*m_db);
    InvoiceRepository b(other);
    int wins = 0;
    int conflicts = 0;
    QStringList unexpected;
    const auto tally = [&](Result<InvoiceRecord> r) {
        if (r.ok())
            ++wins;
        else if (r.error().code == QLatin1String(Storage::Code::Conflict))
            ++conflicts;
        else
            unexpected << r.error().message;
    };
    for (int i = 0; i < kInvoices; ++i) {
        const QString id = sampleInvoice(3000 + i).id;
        a.updateStatus(id, 1, QStringLiteral("paid"), QStringLiteral("12.50"), QStringLiteral("webhook"),
            QString(), 10, &ctx, tally);
        b.updateStatus(id, 1, QStringLiteral("expired"), QStringLiteral("0"), QStringLiteral("expiry"),
            QString(), 10, &ctx, tally);
    }
    QTRY_VERIFY_WITH_TIMEOUT(wins + conflicts + unexpected.size() == 2 * kInvoices, 60000);
    QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(QLatin1Char('\n'))));
    QCOMPARE(wins, kInvoices);
    QCOMPARE(conflicts, kInvoices);
    // Exactly one transition per invoice: create + one update.
    QCOMPARE(countRows(*m_db, QStringLiteral("invoice_events")), 2 * kInvoices);
}

void RepositoryTestBase::concurrentCreatesWithSameKeyMakeOne()
{
    // Two processes (or replicas) retrying the same create_payment call at the same moment.
    Database other(m_config);
    QVERIFY(other.openBlocking().ok());
    InvoiceRepository a(*m_db);
    InvoiceRepository b(other);
    QObject ctx;
    constexpr int kKeys = 30;
    QHash<QString, QStringList> idsByKey;
    int created = 0;
    QStringList errors;
    int answers = 0;
    const auto collect = [&](Result<CreateInvoiceResult> r) {
        if (!r.ok()) {
            errors << r.error().message;
            return;
        }
        if (r.value().created)
            ++created;
        idsByKey[*r.value().invoice.idempotencyKey] << r.value().invoice.id;
        ++answers;
    };
    for (int i = 0; i < kKeys; ++i) {
        InvoiceRecord first = sampleInvoice(4000 + i);
        first.idempotencyKey = QStringLiteral("retry-%1").arg(i);
        first.requestHash = QStringLiteral("same");
        InvoiceRecord second = first;
        second.id = sampleInvoice(5000 + i).id;
        a.create(first, &ctx, collect);
        b.create(second, &ctx, collect);
    }
    QTRY_VERIFY_WITH_TIMEOUT(answers + errors.size() == 2 * kKeys, 60000);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QCOMPARE(created, kKeys);
    QCOMPARE(idsByKey.size(), kKeys);
    for (const QStringList& ids : std::as_const(idsByKey)) { // both callers got the same invoice
        QCOMPARE(ids.size(), 2);
        QCOMPARE(ids.at(0), ids.at(1));
    }
    QCOMPARE(countRows(*m_db, QStringLiteral("invoices")), kKeys);
    QCOMPARE(countRows(*m_db, QStringLiteral("invoice_events")), kKeys);
}

void RepositoryTestBase::concurrentMigrationByTwoDatabases()
{
    const DatabaseConfig fresh = newDatabase();
    m_made << fresh;
    QObject ctx;
    QList<Result<void>> results;
    {
        Database first(fresh);
        Database second(fresh);
        first.open(&ctx, [&results](Result<void> r) { results << r; });
        second.open(&ctx, [&results](Result<void> r) { results << r; });
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 2, 30000);
        for (const Result<void>& r : std::as_const(results))
            QVERIFY2(r.ok(), describeError(r).constData());

        QCOMPARE(countRows(first, QStringLiteral("schema_migrations")), Migrations::latestVersion());
        // Both can write straight away.
        QVERIFY(createBlocking(first, sampleInvoice(1)).ok());
        QVERIFY(createBlocking(second, sampleInvoice(2)).ok());
        QCOMPARE(countRows(second, QStringLiteral("invoices")), 2);
    }
}
