#include "paymentstestbase.h"

#include "fakemultipart.h"
#include "payments/coinremitterprovider.h"
#include "payments/invoiceservice.h"
#include "transport/httpendpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
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

QJsonObject tenUsd(const QString& key = QString())
{
    QJsonObject a = args({{QStringLiteral("amount"), QStringLiteral("10")},
        {QStringLiteral("network"), QStringLiteral("TRC20")}});
    if (!key.isEmpty())
        a.insert(QStringLiteral("idempotency_key"), key);
    return a;
}

QJsonObject bodyOf(const RecordedRequest& r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QUrl webhookUrl(HttpEndpoint* endpoint)
{
    QUrl url = endpoint->baseUrl();
    url.setPath(QStringLiteral("/webhooks/coinremitter"));
    return url;
}

} // namespace

void PaymentsTestBase::coinremitterCreateAndGet()
{
    PaymentsFixture::Options options;
    options.publicUrl = QStringLiteral("https://pay.example.com");
    auto f = coinremitter(true, options);
    const QJsonObject inv = f->createPayment(tenUsd(QStringLiteral("cr-1")));
    QVERIFY(!inv.isEmpty());
    QCOMPARE(m_fake->invoiceIds().size(), 1);
    const QString providerId = m_fake->invoiceIds().first();
    QCOMPARE(inv.value(QStringLiteral("provider")).toString(), QStringLiteral("coinremitter"));
    QCOMPARE(inv.value(QStringLiteral("provider_invoice_id")).toString(), providerId);
    QVERIFY(inv.value(QStringLiteral("payment_url"))
                .toString()
                .startsWith(QLatin1String("https://coinremitter.com/invoice/view/")));
    QCOMPARE(inv.value(QStringLiteral("amount")).toString(), QStringLiteral("10.00"));
    QCOMPARE(inv.value(QStringLiteral("amount_usd")).toString(), QStringLiteral("10.00"));
    QCOMPARE(inv.value(QStringLiteral("amount_coin")).toString(), QStringLiteral("10.000000"));
    QCOMPARE(inv.value(QStringLiteral("address")).toString(), QString());
    QCOMPARE(inv.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));

    const RecordedRequest create = m_fake->requests(QStringLiteral("/v1/invoice/create")).first();
    QCOMPARE(create.method, QStringLiteral("POST"));
    QCOMPARE(create.header("x-api-key"), QByteArray(kTrcKey));
    QCOMPARE(create.header("x-api-password"), QByteArray(kTrcPassword));
    QVERIFY(create.header("content-type").startsWith("application/json"));
    const QJsonObject body = bodyOf(create);
    QCOMPARE(body.value(QStringLiteral("amount")).toString(), QStringLiteral("10.00"));
    QCOMPARE(body.value(QStringLiteral("fiat_currency")).toString(), QStringLiteral("USD"));
    QCOMPARE(body.value(QStringLiteral("custom_data1")).toString(),
        inv.value(QStringLiteral("invoice_id")).toString());
    QCOMPARE(body.value(QStringLiteral("notify_url")).toString(),
        QStringLiteral("https://pay.example.com/webhooks/coinremitter"));
    QCOMPARE(body.value(QStringLiteral("expiry_time_in_minutes")).toInt(), 60);

    // A retry with the key never reaches CoinRemitter again.
    const QJsonObject again = f->createPayment(tenUsd(QStringLiteral("cr-1")));
    QCOMPARE(again.value(QStringLiteral("invoice_id")), inv.value(QStringLiteral("invoice_id")));
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/create")), 1);

    // An amount in the coin goes without fiat_currency, to the other wallet.
    const QJsonObject coin = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("5")},
        {QStringLiteral("currency"), QStringLiteral("USDT")},
        {QStringLiteral("network"), QStringLiteral("ERC20")}}));
    QCOMPARE(coin.value(QStringLiteral("amount_coin")).toString(), QStringLiteral("5.000000"));
    QCOMPARE(coin.value(QStringLiteral("amount_usd")).toString(), QStringLiteral("5.00"));
    const RecordedRequest second = m_fake->lastRequest();
    QCOMPARE(second.header("x-api-key"), QByteArray(kErcKey));
    QVERIFY(!bodyOf(second).contains(QStringLiteral("fiat_currency")));
    QCOMPARE(bodyOf(second).value(QStringLiteral("amount")).toString(), QStringLiteral("5"));

    const QJsonObject got = structured(f->call(QStringLiteral("get_invoice"),
        args({{QStringLiteral("invoice_id"), inv.value(QStringLiteral("invoice_id"))}})));
    QCOMPARE(got.value(QStringLiteral("provider_invoice_id")).toString(), providerId);
    QCOMPARE(
        stored(*f, inv.value(QStringLiteral("invoice_id")).toString()).providerInvoiceId.value_or(QString()),
        providerId);
}

void PaymentsTestBase::refreshAppliesProviderStatus()
{
    auto f = coinremitter();
    const QString id = f->createPayment(tenUsd()).value(QStringLiteral("invoice_id")).toString();
    const QString providerId = m_fake->invoiceIds().first();
    const QString uri = QStringLiteral("payment://invoice/") + id;
    QVERIFY(f->client->request(QStringLiteral("resources/subscribe"), {{QStringLiteral("uri"), uri}})
                .contains(QStringLiteral("result")));
    f->client->clearReceived();
    QSignalSpy changed(&f->service(), &InvoiceService::invoiceChanged);

    QVERIFY(m_fake->setInvoiceStatus(providerId, FakeCoinRemitter::Paid));
    QVERIFY(f->refresh()); // not due yet: the provider is not asked
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/get")), 0);
    QCOMPARE(stored(*f, id).status, QStringLiteral("pending"));

    f->advance(30001);
    QVERIFY(f->refresh());
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/get")), 1);
    const InvoiceRecord paid = stored(*f, id);
    QCOMPARE(paid.status, QStringLiteral("paid"));
    QCOMPARE(paid.paidAmount, QStringLiteral("10.000000"));
    QVERIFY(paid.paidAt.has_value());
    QVERIFY(!paid.nextCheckAt.has_value());
    const QList<InvoiceEvent> history = events(*f, id);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.last().source, QStringLiteral("refresh"));
    QCOMPARE(history.last().fromStatus.value_or(QString()), QStringLiteral("pending"));
    QVERIFY(history.last().details.contains(QLatin1String("\"provider_status_code\":1")));
    QCOMPARE(changed.size(), 1);
    QTRY_COMPARE(f->client->receivedWithMethod(QStringLiteral("notifications/resources/updated")).size(), 1);
    QCOMPARE(f->client->receivedWithMethod(QStringLiteral("notifications/resources/updated"))
                 .first()
                 .value(QStringLiteral("params"))
                 .toObject()
                 .value(QStringLiteral("uri"))
                 .toString(),
        uri);

    // Underpaid first, then the rest arrives.
    const QString second = f->createPayment(tenUsd()).value(QStringLiteral("invoice_id")).toString();
    const QString secondProvider = m_fake->invoiceIds().last();
    QVERIFY(m_fake->setInvoiceStatus(secondProvider, FakeCoinRemitter::UnderPaid));
    f->advance(30001);
    QVERIFY(f->refresh());
    QCOMPARE(stored(*f, second).status, QStringLiteral("underpaid"));
    QCOMPARE(stored(*f, second).paidAmount, QStringLiteral("5.000000"));
    QVERIFY(stored(*f, second).nextCheckAt.has_value());
    QVERIFY(m_fake->setInvoiceStatus(secondProvider, FakeCoinRemitter::Paid));
    f->advance(30001);
    QVERIFY(f->refresh());
    QCOMPARE(stored(*f, second).status, QStringLiteral("paid"));

    // Past its time CoinRemitter reports it expired.
    const QString third = f->createPayment(tenUsd()).value(QStringLiteral("invoice_id")).toString();
    f->advance(61 * 60 * 1000);
    QVERIFY(f->refresh());
    QCOMPARE(stored(*f, third).status, QStringLiteral("expired"));
}

void PaymentsTestBase::refreshBacksOffOnFailures()
{
    auto f = coinremitter();
    const QString id = f->createPayment(tenUsd()).value(QStringLiteral("invoice_id")).toString();
    m_fake->setFailAlways(FakeUpstream::Failure::ServerError500);
    f->advance(30001);
    QVERIFY(f->refresh());
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/get")), 3); // safe calls are retried twice
    InvoiceRecord r = stored(*f, id);
    QCOMPARE(r.status, QStringLiteral("pending"));
    QCOMPARE(r.checkFailures, 1);
    QCOMPARE(*r.nextCheckAt, f->clock + 60000);
    QVERIFY(!f->service().refreshStatus().lastError.isEmpty());

    f->advance(30001); // not due again yet
    QVERIFY(f->refresh());
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/get")), 3);
    f->advance(30000);
    QVERIFY(f->refresh());
    r = stored(*f, id);
    QCOMPARE(r.checkFailures, 2);
    QCOMPARE(*r.nextCheckAt, f->clock + 120000);

    m_fake->setFailAlways(std::nullopt);
    f->advance(120001);
    QVERIFY(f->refresh());
    r = stored(*f, id);
    QCOMPARE(r.checkFailures, 0);
    QCOMPARE(*r.nextCheckAt, f->clock + 30000);
    QCOMPARE(r.status, QStringLiteral("pending"));
}

void PaymentsTestBase::missingCredentialsAreExplained()
{
    auto f = coinremitter(false);
    const QJsonObject r = f->call(QStringLiteral("create_payment"), tenUsd());
    QVERIFY(isError(r));
    QCOMPARE(errorCode(r), QStringLiteral("wallet_not_configured"));
    QVERIFY2(errorText(r).contains(QLatin1String("`finagent secrets set coinremitter/USDTTRC20/api_key`")),
        qPrintable(errorText(r)));
    QVERIFY(errorText(r).contains(QLatin1String("`finagent secrets set coinremitter/USDTTRC20/password`")));
    QVERIFY(errorText(r).contains(QLatin1String("Accounts page")));
    QVERIFY(errorText(r).contains(QLatin1String("FINAGENT_COINREMITTER_USDTTRC20_API_KEY")));
    QCOMPARE(m_fake->requestCount(), 0);
    const QJsonObject balance = f->call(QStringLiteral("check_balance"));
    QCOMPARE(errorCode(balance), QStringLiteral("wallet_not_configured"));
    QVERIFY(errorText(balance).contains(QLatin1String("USDTERC20")));

    f->secrets.setWallet(QStringLiteral("USDTTRC20"), QLatin1String(kTrcKey), QLatin1String(kTrcPassword));
    QVERIFY(!isError(f->call(QStringLiteral("create_payment"), tenUsd())));
}

void PaymentsTestBase::rejectedCredentialsAreExplained()
{
    auto f = coinremitter(false);
    f->secrets.setWallet(
        QStringLiteral("USDTTRC20"), QLatin1String(kTrcKey), QStringLiteral("not-the-password"));
    const QJsonObject r = f->call(QStringLiteral("create_payment"), tenUsd());
    QVERIFY(isError(r));
    QCOMPARE(errorCode(r), QStringLiteral("coinremitter_credentials_rejected"));
    QVERIFY(errorText(r).contains(QLatin1String("error 1003")));
    QVERIFY(errorText(r).contains(QLatin1String("`finagent secrets set coinremitter/USDTTRC20/api_key`")));
    QVERIFY(errorText(r).contains(QLatin1String("Accounts page")));
    QVERIFY(!errorText(r).contains(QLatin1String("not-the-password")));
    QCOMPARE(errorDetails(r).value(QStringLiteral("upstream_code")).toInt(), 1003);
    QCOMPARE(errorDetails(r).value(QStringLiteral("http_status")).toInt(), 200);
    QCOMPARE(structured(f->call(QStringLiteral("list_invoices"))).value(QStringLiteral("total")).toInt(), 0);

    // Corrected keys are picked up at once.
    f->secrets.setWallet(QStringLiteral("USDTTRC20"), QLatin1String(kTrcKey), QLatin1String(kTrcPassword));
    QVERIFY(!isError(f->call(QStringLiteral("create_payment"), tenUsd())));
}

void PaymentsTestBase::rateLimitIsRespected()
{
    auto f = coinremitter();
    const QJsonObject trc = args({{QStringLiteral("network"), QStringLiteral("TRC20")}});
    m_fake->failNext(FakeUpstream::Failure::RateLimited429, 1, 30);
    const QJsonObject limited = f->call(QStringLiteral("check_balance"), trc);
    QCOMPARE(errorCode(limited), QStringLiteral("upstream_rate_limited"));
    QCOMPARE(errorDetails(limited).value(QStringLiteral("retry_after_seconds")).toInt(), 30);
    QVERIFY(errorText(limited).contains(QLatin1String("try again in 30 s")));
    const int seen = m_fake->requestCount();

    // Until the reset nothing is sent.
    QCOMPARE(
        errorCode(f->call(QStringLiteral("check_balance"), trc)), QStringLiteral("upstream_rate_limited"));
    QCOMPARE(errorCode(f->call(QStringLiteral("create_payment"), tenUsd())),
        QStringLiteral("upstream_rate_limited"));
    QCOMPARE(m_fake->requestCount(), seen);
    f->advance(31000);
    QVERIFY(!isError(f->call(QStringLiteral("check_balance"), trc)));
    QVERIFY(m_fake->requestCount() > seen);

    // A window used up (x-ratelimit-remaining: 0) also holds further calls back.
    f->advance(60000);
    m_fake->setRateLimitPerMinute(1);
    const QJsonObject last = structured(f->call(QStringLiteral("check_balance"), trc));
    QCOMPARE(last.value(QStringLiteral("balances"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("balance"))
                 .toString(),
        QStringLiteral("84.730000"));
    const int after = m_fake->requestCount();
    QCOMPARE(
        errorCode(f->call(QStringLiteral("check_balance"), trc)), QStringLiteral("upstream_rate_limited"));
    QCOMPARE(m_fake->requestCount(), after);
}

void PaymentsTestBase::timeoutsAndUnknownOutcomes()
{
    auto f = coinremitter();
    f->module().coinremitter()->client().setTimeoutMs(300);
    m_fake->setHang(true);
    const QJsonObject balance = f->call(
        QStringLiteral("check_balance"), args({{QStringLiteral("network"), QStringLiteral("TRC20")}}));
    QCOMPARE(errorCode(balance), QStringLiteral("upstream_timeout"));
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/wallet/balance")), 3);

    const QJsonObject create = f->call(QStringLiteral("create_payment"), tenUsd(QStringLiteral("slow-1")));
    QCOMPARE(errorCode(create), QStringLiteral("coinremitter_outcome_unknown"));
    QVERIFY(errorText(create).contains(QLatin1String("not known whether it made the invoice")));
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/create")), 1);
    QCOMPARE(structured(f->call(QStringLiteral("list_invoices"))).value(QStringLiteral("total")).toInt(), 0);

    // The key was not spent: a later retry makes the invoice.
    m_fake->setHang(false);
    const QJsonObject retried = f->createPayment(tenUsd(QStringLiteral("slow-1")));
    QCOMPARE(retried.value(QStringLiteral("created")).toBool(), true);
}

void PaymentsTestBase::createIsNeverRetried()
{
    auto f = coinremitter();
    m_fake->failNext(FakeUpstream::Failure::ServerError500, 1);
    const QJsonObject r = f->call(QStringLiteral("create_payment"), tenUsd());
    QCOMPARE(errorCode(r), QStringLiteral("upstream_unavailable"));
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/create")), 1);
    QCOMPARE(structured(f->call(QStringLiteral("list_invoices"))).value(QStringLiteral("total")).toInt(), 0);
    m_fake->failNext(FakeUpstream::Failure::BadGateway502, 1);
    QCOMPARE(errorCode(f->call(QStringLiteral("create_payment"), tenUsd())),
        QStringLiteral("upstream_unavailable"));
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/create")), 2);
    QVERIFY(!isError(f->call(QStringLiteral("create_payment"), tenUsd())));
    QCOMPARE(structured(f->call(QStringLiteral("list_invoices"))).value(QStringLiteral("total")).toInt(), 1);
}

void PaymentsTestBase::balancesFromWallets()
{
    auto f = coinremitter(false);
    f->secrets.setWallet(QStringLiteral("USDTTRC20"), QLatin1String(kTrcKey), QLatin1String(kTrcPassword));
    m_fake->setRate(QStringLiteral("USDTTRC20"), QStringLiteral("USD"), QStringLiteral("1.25"));
    const QJsonObject r = structured(f->call(QStringLiteral("check_balance")));
    QCOMPARE(r.value(QStringLiteral("provider")).toString(), QStringLiteral("coinremitter"));
    const QJsonArray list = r.value(QStringLiteral("balances")).toArray();
    QCOMPARE(list.size(), 2);
    const QJsonObject trc = list.at(0).toObject();
    QCOMPARE(trc.value(QStringLiteral("balance")).toString(), QStringLiteral("84.730000"));
    QCOMPARE(trc.value(QStringLiteral("usd_value")).toString(), QStringLiteral("105.91"));
    QVERIFY(trc.value(QStringLiteral("source"))
                .toString()
                .contains(QLatin1String("/wallet/balance of the USDTTRC20 wallet")));
    QCOMPARE(trc.value(QStringLiteral("fetched_at")).toInteger(), f->clock);
    QCOMPARE(trc.value(QStringLiteral("error")), QJsonValue(QJsonValue::Null));
    const QJsonObject erc = list.at(1).toObject();
    QCOMPARE(erc.value(QStringLiteral("balance")), QJsonValue(QJsonValue::Null));
    QCOMPARE(erc.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("wallet_not_configured"));
    QCOMPARE(m_fake->requests(QStringLiteral("/v1/wallet/balance")).first().header("x-api-key"),
        QByteArray(kTrcKey));

    const QJsonObject one = f->call(
        QStringLiteral("check_balance"), args({{QStringLiteral("network"), QStringLiteral("ERC20")}}));
    QCOMPARE(errorCode(one), QStringLiteral("wallet_not_configured"));
}

void PaymentsTestBase::webhookGenuineIsConfirmed()
{
    auto f = coinremitter();
    HttpEndpoint* endpoint = f->startHttp(true);
    QVERIFY(endpoint);
    const QString id = f->createPayment(tenUsd()).value(QStringLiteral("invoice_id")).toString();
    const QString providerId = m_fake->invoiceIds().first();
    QVERIFY(m_fake->setInvoiceStatus(providerId, FakeCoinRemitter::Paid));
    int status = -1;
    m_fake->sendInvoiceWebhook(webhookUrl(endpoint), providerId, nullptr, [&status](int s) { status = s; });
    QTRY_COMPARE(status, 200);
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/get")), 1);
    QCOMPARE(stored(*f, id).status, QStringLiteral("paid"));
    QCOMPARE(events(*f, id).last().source, QStringLiteral("webhook"));

    // What the answer says, and that it names no invoice.
    const HttpReply reply = http("POST", webhookUrl(endpoint),
        FakeMultipart::build(m_fake->webhookFields(providerId), "XyZ"), "multipart/form-data; boundary=XyZ");
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).object(),
        (QJsonObject {{QStringLiteral("status"), QStringLiteral("unchanged")}}));
}

void PaymentsTestBase::webhookForgedFieldsAreNotBelieved()
{
    auto f = coinremitter();
    HttpEndpoint* endpoint = f->startHttp(true);
    const QString id = f->createPayment(tenUsd()).value(QStringLiteral("invoice_id")).toString();
    const QString providerId = m_fake->invoiceIds().first();

    // Claims payment that never happened: CoinRemitter still says pending.
    const FakeMultipart::Fields lie {{QStringLiteral("invoice_id"), providerId},
        {QStringLiteral("status"), QStringLiteral("Paid")},
        {QStringLiteral("status_code"), QStringLiteral("1")},
        {QStringLiteral("paid_amount[USDTTRC20]"), QStringLiteral("10.00000000")},
        {QStringLiteral("custom_data1"), id}};
    int status = -1;
    m_fake->sendForgedWebhook(webhookUrl(endpoint), lie, nullptr, [&status](int s) { status = s; });
    QTRY_COMPARE(status, 200);
    QCOMPARE(stored(*f, id).status, QStringLiteral("pending"));
    QCOMPARE(events(*f, id).size(), 1);

    // Claims expiry while CoinRemitter says paid: the API's word is applied.
    QVERIFY(m_fake->setInvoiceStatus(providerId, FakeCoinRemitter::Paid));
    const FakeMultipart::Fields expired {
        {QStringLiteral("invoice_id"), providerId}, {QStringLiteral("status_code"), QStringLiteral("4")}};
    const HttpReply reply = http("POST", webhookUrl(endpoint), FakeMultipart::build(expired, "b0"),
        "multipart/form-data; boundary=b0");
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("status")).toString(),
        QStringLiteral("applied"));
    QCOMPARE(stored(*f, id).status, QStringLiteral("paid"));
    QCOMPARE(stored(*f, id).paidAmount, QStringLiteral("10.000000"));
}

void PaymentsTestBase::webhookUnknownInvoiceIsIgnored()
{
    auto f = coinremitter();
    HttpEndpoint* endpoint = f->startHttp(true);
    const QString id = f->createPayment(tenUsd()).value(QStringLiteral("invoice_id")).toString();
    QSignalSpy changed(&f->service(), &InvoiceService::invoiceChanged);
    const FakeMultipart::Fields unknown {{QStringLiteral("invoice_id"), QStringLiteral("NoSuch1")},
        {QStringLiteral("status_code"), QStringLiteral("1")}, {QStringLiteral("custom_data1"), id}};
    const HttpReply reply = http("POST", webhookUrl(endpoint), FakeMultipart::build(unknown, "b1"),
        "multipart/form-data; boundary=b1");
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).object(),
        (QJsonObject {{QStringLiteral("status"), QStringLiteral("ignored")}}));
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/get")), 0);
    QCOMPARE(stored(*f, id).status, QStringLiteral("pending"));
    QCOMPARE(changed.size(), 0);
}

void PaymentsTestBase::webhookReplayChangesNothing()
{
    auto f = coinremitter();
    HttpEndpoint* endpoint = f->startHttp(true);
    const QString id = f->createPayment(tenUsd()).value(QStringLiteral("invoice_id")).toString();
    const QString providerId = m_fake->invoiceIds().first();
    QVERIFY(m_fake->setInvoiceStatus(providerId, FakeCoinRemitter::OverPaid));
    QSignalSpy changed(&f->service(), &InvoiceService::invoiceChanged);
    const QByteArray body = FakeMultipart::build(m_fake->webhookFields(providerId), "rp");
    QStringList answers;
    for (int i = 0; i < 3; ++i) {
        const HttpReply reply = http("POST", webhookUrl(endpoint), body, "multipart/form-data; boundary=rp");
        QCOMPARE(reply.status, 200);
        answers.append(
            QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("status")).toString());
    }
    QCOMPARE(answers,
        (QStringList {QStringLiteral("applied"), QStringLiteral("unchanged"), QStringLiteral("unchanged")}));
    QCOMPARE(stored(*f, id).status, QStringLiteral("overpaid"));
    QCOMPARE(stored(*f, id).paidAmount, QStringLiteral("11.000000"));
    QCOMPARE(events(*f, id).size(), 2);
    QCOMPARE(changed.size(), 1);
}

void PaymentsTestBase::webhookGarbageIsRefused()
{
    auto f = coinremitter();
    HttpEndpoint* endpoint = f->startHttp(true);
    const QString id = f->createPayment(tenUsd()).value(QStringLiteral("invoice_id")).toString();
    const QList<QPair<QByteArray, QByteArray>> bodies {
        {QByteArray(), QByteArray("multipart/form-data; boundary=x")},
        {QByteArray("{\"invoice_id\":\"abc\"}"), QByteArray("application/json")},
        {QByteArray("\x00\x01\x02garbage\xff", 11), QByteArray("multipart/form-data; boundary=x")},
        {FakeMultipart::build({{QStringLiteral("status_code"), QStringLiteral("1")}}, "x"),
            QByteArray("multipart/form-data; boundary=x")},
        {FakeMultipart::build({{QStringLiteral("invoice_id"), QStringLiteral("../../etc")}}, "x"),
            QByteArray("multipart/form-data; boundary=x")},
        {FakeMultipart::build({{QStringLiteral("invoice_id"), QString(300 * 1024, QLatin1Char('a'))}}, "x"),
            QByteArray("multipart/form-data; boundary=x")},
        {QByteArray("invoice_id="), QByteArray("application/x-www-form-urlencoded")},
        {QByteArray("--x\r\nContent-Disposition: form-data; name=\"invoice_id\"\r\n\r\nabc"),
            QByteArray("multipart/form-data; boundary=x")},
    };
    for (const auto& [body, type] : bodies) {
        const HttpReply reply = http("POST", webhookUrl(endpoint), body, type);
        QVERIFY2(reply.status == 400,
            qPrintable(QStringLiteral("%1 for %2").arg(reply.status).arg(QString::fromLatin1(type))));
        QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("status")).toString(),
            QStringLiteral("invalid"));
    }
    QCOMPARE(http("GET", webhookUrl(endpoint)).status, 405);
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v1/invoice/get")), 0);
    QCOMPARE(stored(*f, id).status, QStringLiteral("pending"));
    // A form-encoded callback is read too.
    const HttpReply form = http("POST", webhookUrl(endpoint),
        "invoice_id=" + m_fake->invoiceIds().first().toUtf8(), "application/x-www-form-urlencoded");
    QCOMPARE(form.status, 200);
}
