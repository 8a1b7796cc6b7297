#include "paymentstestbase.h"

#include "payments/invoiceservice.h"
#include "payments/refreshlease.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace
{

QJsonObject args(std::initializer_list<QPair<QString, QJsonValue>> items)
{
    QJsonObject o;
    for (const auto& [k, v] : items)
        o.insert(k, v);
    return o;
}

RefreshLease::Holder leaseHolder(PaymentsFixture& f)
{
    const Result<RefreshLease::Holder> h = f.db->runBlocking<RefreshLease::Holder>([](QSqlDatabase& c) {
        return RefreshLease::currentJob(c, QLatin1String(RefreshLease::kInvoiceRefresh));
    });
    return h ? h.value() : RefreshLease::Holder();
}

} // namespace

void PaymentsTestBase::changesByOtherProcessesAreNoticed()
{
    PaymentsFixture::Options fast;
    fast.changePollIntervalMs = 50;
    auto watcher = sandbox(fast);
    auto writer = sandbox();
    QSignalSpy changed(&watcher->service(), &InvoiceService::invoiceChanged);
    watcher->service().start();
    QVERIFY(watcher->service().isRunning());

    const QString id = writer
                           ->createPayment(args({{QStringLiteral("amount"), QStringLiteral("9")},
                               {QStringLiteral("network"), QStringLiteral("TRC20")}}))
                           .value(QStringLiteral("invoice_id"))
                           .toString();
    QTRY_COMPARE(changed.size(), 1);
    QVERIFY(!changed.at(0).at(0).value<std::optional<InvoiceRecord>>().has_value());
    QCOMPARE(changed.at(0).at(1).value<InvoiceRecord>().id, id);

    const QString uri = QStringLiteral("payment://invoice/") + id;
    QVERIFY(watcher->client->request(QStringLiteral("resources/subscribe"), {{QStringLiteral("uri"), uri}})
                .contains(QStringLiteral("result")));
    watcher->client->clearReceived();
    QVERIFY(!isError(writer->call(QStringLiteral("simulate_payment"),
        args({{QStringLiteral("invoice_id"), id}, {QStringLiteral("outcome"), QStringLiteral("full")}}))));
    QTRY_COMPARE(changed.size(), 2);
    QCOMPARE(changed.at(1).at(0).value<std::optional<InvoiceRecord>>()->status, QStringLiteral("pending"));
    QCOMPARE(changed.at(1).at(1).value<InvoiceRecord>().status, QStringLiteral("paid"));
    QTRY_COMPARE(
        watcher->client->receivedWithMethod(QStringLiteral("notifications/resources/updated")).size(), 1);

    // Each change is announced once, however often the poll sees it again.
    QTest::qWait(300);
    QCOMPARE(changed.size(), 2);
}

void PaymentsTestBase::onlyOneServiceRefreshes()
{
    PaymentsFixture::Options options;
    options.clock = QDateTime::currentMSecsSinceEpoch();
    auto first = coinremitter(true, options);
    auto second = coinremitter(true, options);
    for (int i = 0; i < 3; ++i)
        QVERIFY(!first
                     ->createPayment(args({{QStringLiteral("amount"), QStringLiteral("2")},
                         {QStringLiteral("network"), QStringLiteral("TRC20")}}))
                     .isEmpty());
    for (const QString& providerId : m_fake->invoiceIds())
        QVERIFY(m_fake->setInvoiceStatus(providerId, FakeCoinRemitter::Paid));
    first->advance(30001);
    second->advance(30001);

    // Both try at once, as two processes would.
    QSignalSpy firstDone(&first->service(), &InvoiceService::refreshFinished);
    QSignalSpy secondDone(&second->service(), &InvoiceService::refreshFinished);
    first->service().refreshNow();
    second->service().refreshNow();
    QTRY_VERIFY(firstDone.size() >= 1 && secondDone.size() >= 1);
    QVERIFY(first->service().refreshStatus().leader != second->service().refreshStatus().leader);
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/get")), 3);
    PaymentsFixture& leader = first->service().refreshStatus().leader ? *first : *second;
    QCOMPARE(leader.service().refreshStatus().lastChecked, 3);
    QCOMPARE(leaseHolder(*first).holder, leader.service().instanceId());
    QCOMPARE(count(*first, QStringLiteral("SELECT COUNT(*) FROM invoices WHERE status = 'paid'")), 3);

    // Again: the same one refreshes, nothing is asked twice.
    QVERIFY(first->refresh());
    QVERIFY(second->refresh());
    QCOMPARE(leaseHolder(*first).holder, leader.service().instanceId());
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/get")), 3);
}

void PaymentsTestBase::leaseMovesWhenTheHolderStops()
{
    PaymentsFixture::Options options;
    options.clock = QDateTime::currentMSecsSinceEpoch();
    auto a = sandbox(options);
    auto b = sandbox(options);
    QVERIFY(a->refresh());
    QVERIFY(b->refresh());
    QVERIFY(a->service().refreshStatus().leader);
    QVERIFY(!b->service().refreshStatus().leader);

    // A holder that stops gives the lease up.
    QSignalSpy leadership(&a->service(), &InvoiceService::leadershipChanged);
    a->service().stop();
    QCOMPARE(leadership.size(), 1);
    QTRY_VERIFY(leaseHolder(*a).holder.isEmpty());
    QVERIFY(b->refresh());
    QVERIFY(b->service().refreshStatus().leader);

    // A holder that dies lets it run out.
    QVERIFY(a->refresh());
    QVERIFY(!a->service().refreshStatus().leader);
    const qint64 ttl = a->service().config().leaseTtlMs();
    a->advance(ttl - 1);
    QVERIFY(a->refresh());
    QVERIFY(!a->service().refreshStatus().leader);
    a->advance(2);
    QVERIFY(a->refresh());
    QVERIFY(a->service().refreshStatus().leader);
    QCOMPARE(leaseHolder(*a).holder, a->service().instanceId());
}
