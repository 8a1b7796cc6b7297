#include "paymentstestbase.h"

#include "payments/invoiceservice.h"
#include "payments/paymentsmodule.h"
#include "payments/sandboxpage.h"
#include "payments/sandboxprovider.h"
#include "runtime/healthmonitor.h"
#include "storage/invoicerepository.h"
#include "storage/sqlexec.h"
#include "transport/httpendpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
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

int total(PaymentsFixture& f)
{
    return structured(f.call(QStringLiteral("list_invoices"))).value(QStringLiteral("total")).toInt();
}

} // namespace

PaymentsTestBase::~PaymentsTestBase() = default;

void PaymentsTestBase::initTestCase()
{
    prepareEngine();
}

void PaymentsTestBase::init()
{
    m_config = newDatabase();
    m_made.append(m_config);
    m_fake = std::make_unique<FakeCoinRemitter>();
    QVERIFY(m_fake->start());
    m_fake->addWallet(QStringLiteral("USDTTRC20"), QLatin1String(kTrcKey), QLatin1String(kTrcPassword),
        QStringLiteral("84.73"));
    m_fake->addWallet(QStringLiteral("USDTERC20"), QLatin1String(kErcKey), QLatin1String(kErcPassword),
        QStringLiteral("12.5"));
}

void PaymentsTestBase::cleanup()
{
    m_fake.reset();
    for (const DatabaseConfig& cfg : std::as_const(m_made))
        dropDatabase(cfg);
    m_made.clear();
}

std::unique_ptr<PaymentsFixture> PaymentsTestBase::sandbox(PaymentsFixture::Options options)
{
    options.provider = QStringLiteral("sandbox");
    auto f = std::make_unique<PaymentsFixture>(m_config, options);
    return f;
}

std::unique_ptr<PaymentsFixture> PaymentsTestBase::coinremitter(
    bool withSecrets, PaymentsFixture::Options options)
{
    options.provider = QStringLiteral("coinremitter");
    options.fake = m_fake.get();
    auto f = std::make_unique<PaymentsFixture>(m_config, options);
    m_fake->setClock([fixture = f.get()]() { return fixture->clock; });
    if (withSecrets) {
        f->secrets.setWallet(
            QStringLiteral("USDTTRC20"), QLatin1String(kTrcKey), QLatin1String(kTrcPassword));
        f->secrets.setWallet(
            QStringLiteral("USDTERC20"), QLatin1String(kErcKey), QLatin1String(kErcPassword));
    }
    return f;
}

InvoiceRecord PaymentsTestBase::stored(PaymentsFixture& f, const QString& id)
{
    const Result<InvoiceRecord> r =
        f.db->runBlocking<InvoiceRecord>([id](QSqlDatabase& c) { return InvoiceRepository::getJob(c, id); });
    return r ? r.value() : InvoiceRecord();
}

QList<InvoiceEvent> PaymentsTestBase::events(PaymentsFixture& f, const QString& id)
{
    const Result<QList<InvoiceEvent>> r = f.db->runBlocking<QList<InvoiceEvent>>(
        [id](QSqlDatabase& c) { return InvoiceRepository::eventsJob(c, id); });
    return r ? r.value() : QList<InvoiceEvent>();
}

int PaymentsTestBase::count(PaymentsFixture& f, const QString& sql)
{
    const Result<QVariant> r = f.db->runBlocking<QVariant>(
        [sql](QSqlDatabase& c) { return Storage::scalar(c, sql, {}, QStringLiteral("Counting")); });
    return r ? r.value().toInt() : -1;
}

PaymentsTestBase::HttpReply PaymentsTestBase::http(
    const QByteArray& method, const QUrl& url, const QByteArray& body, const QByteArray& contentType)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply* reply = nam.sendCustomRequest(request, method, body);
    HttpReply out;
    if (!QTest::qWaitFor([reply]() { return reply->isFinished(); }, 15000))
        return out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    for (const auto& [name, value] : reply->rawHeaderPairs()) {
        if (name.compare("content-security-policy", Qt::CaseInsensitive) == 0)
            out.csp.append(value);
    }
    reply->deleteLater();
    return out;
}

// --- sandbox ---------------------------------------------------------------------------------

void PaymentsTestBase::toolsHaveHonestAnnotations()
{
    auto f = sandbox();
    QVERIFY(f->ok());
    const QJsonArray tools = f->client->request(QStringLiteral("tools/list"))
                                 .value(QStringLiteral("result"))
                                 .toObject()
                                 .value(QStringLiteral("tools"))
                                 .toArray();
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue& t : tools)
        byName.insert(t.toObject().value(QStringLiteral("name")).toString(), t.toObject());
    for (const char* name :
        {"create_payment", "check_balance", "list_invoices", "get_invoice", "simulate_payment"})
        QVERIFY2(byName.contains(QLatin1String(name)), name);

    const QJsonObject create = byName.value(QStringLiteral("create_payment"));
    const QJsonObject hints = create.value(QStringLiteral("annotations")).toObject();
    QCOMPARE(hints.value(QStringLiteral("readOnlyHint")), QJsonValue(false));
    QCOMPARE(hints.value(QStringLiteral("destructiveHint")), QJsonValue(false));
    QCOMPARE(hints.value(QStringLiteral("idempotentHint")), QJsonValue(false));
    QCOMPARE(hints.value(QStringLiteral("openWorldHint")), QJsonValue(true));
    QVERIFY(
        create.value(QStringLiteral("description")).toString().contains(QLatin1String("idempotency_key")));
    const QJsonObject input = create.value(QStringLiteral("inputSchema")).toObject();
    const QJsonArray networks = input.value(QStringLiteral("properties"))
                                    .toObject()
                                    .value(QStringLiteral("network"))
                                    .toObject()
                                    .value(QStringLiteral("enum"))
                                    .toArray();
    QCOMPARE(networks.at(0).toString(), QStringLiteral("TRC20"));
    QCOMPARE(networks.at(1).toString(), QStringLiteral("ERC20"));
    QVERIFY(networks.contains(QStringLiteral("trc-20")));
    QVERIFY(create.contains(QStringLiteral("outputSchema")));

    for (const char* name : {"check_balance", "list_invoices", "get_invoice"}) {
        const QJsonObject h =
            byName.value(QLatin1String(name)).value(QStringLiteral("annotations")).toObject();
        QCOMPARE(h.value(QStringLiteral("readOnlyHint")), QJsonValue(true));
    }
    QCOMPARE(byName.value(QStringLiteral("simulate_payment"))
                 .value(QStringLiteral("annotations"))
                 .toObject()
                 .value(QStringLiteral("readOnlyHint")),
        QJsonValue(false));

    // simulate_payment exists only with the sandbox.
    auto real = coinremitter();
    const QJsonArray realTools = real->client->request(QStringLiteral("tools/list"))
                                     .value(QStringLiteral("result"))
                                     .toObject()
                                     .value(QStringLiteral("tools"))
                                     .toArray();
    for (const QJsonValue& t : realTools)
        QVERIFY(t.toObject().value(QStringLiteral("name")).toString() != QLatin1String("simulate_payment"));
}

void PaymentsTestBase::sandboxCreateStoresPendingInvoice()
{
    auto f = sandbox();
    const QJsonObject inv = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("25")},
        {QStringLiteral("network"), QStringLiteral("trc20")},
        {QStringLiteral("description"), QStringLiteral("Order 42")},
        {QStringLiteral("idempotency_key"), QStringLiteral("order-42")}}));
    QVERIFY(!inv.isEmpty());
    const QString id = inv.value(QStringLiteral("invoice_id")).toString();
    QVERIFY(QRegularExpression(QStringLiteral("^inv_[a-z2-7]{16}$")).match(id).hasMatch());
    QCOMPARE(inv.value(QStringLiteral("created")).toBool(), true);
    QCOMPARE(inv.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(inv.value(QStringLiteral("provider")).toString(), QStringLiteral("sandbox"));
    QCOMPARE(inv.value(QStringLiteral("network")).toString(), QStringLiteral("TRC20"));
    QCOMPARE(inv.value(QStringLiteral("coin")).toString(), QStringLiteral("USDTTRC20"));
    QCOMPARE(inv.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
    QCOMPARE(inv.value(QStringLiteral("amount")).toString(), QStringLiteral("25.00"));
    QCOMPARE(inv.value(QStringLiteral("amount_usd")).toString(), QStringLiteral("25.00"));
    QCOMPARE(inv.value(QStringLiteral("amount_coin")).toString(), QStringLiteral("25.000000"));
    QCOMPARE(inv.value(QStringLiteral("paid_amount")).toString(), QStringLiteral("0"));
    QCOMPARE(inv.value(QStringLiteral("remaining_amount")).toString(), QStringLiteral("25.000000"));
    QVERIFY(QRegularExpression(QStringLiteral("^T[1-9A-HJ-NP-Za-km-z]{33}$"))
                .match(inv.value(QStringLiteral("address")).toString())
                .hasMatch());
    QCOMPARE(inv.value(QStringLiteral("payment_url")).toString(),
        QStringLiteral("http://127.0.0.1:8765/sandbox/pay/") + id);
    QCOMPARE(inv.value(QStringLiteral("resource_uri")).toString(), QStringLiteral("payment://invoice/") + id);
    QCOMPARE(inv.value(QStringLiteral("expires_at")).toInteger()
            - inv.value(QStringLiteral("created_at")).toInteger(),
        qint64(60) * 60 * 1000);
    QVERIFY(inv.value(QStringLiteral("created_at_iso")).toString().endsWith(QLatin1Char('Z')));
    QVERIFY(inv.value(QStringLiteral("note")).toString().contains(QLatin1String("sandbox")));

    // Committed before the answer: the row is there, with its creation event.
    const InvoiceRecord row = stored(*f, id);
    QCOMPARE(row.id, id);
    QCOMPARE(row.amountCoin.value_or(QString()), QStringLiteral("25.000000"));
    QCOMPARE(row.client, QStringLiteral("payments-test"));
    QCOMPARE(row.idempotencyKey.value_or(QString()), QStringLiteral("order-42"));
    QCOMPARE(events(*f, id).size(), 1);

    // ERC20 addresses are Ethereum-style.
    const QJsonObject erc = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("1")},
        {QStringLiteral("network"), QStringLiteral("ERC-20")}}));
    QVERIFY(QRegularExpression(QStringLiteral("^0x[0-9a-f]{40}$"))
                .match(erc.value(QStringLiteral("address")).toString())
                .hasMatch());
    QCOMPARE(erc.value(QStringLiteral("idempotency_key")), QJsonValue(QJsonValue::Null));
}

void PaymentsTestBase::amountsAsNumbersAndInTheCoin()
{
    auto f = sandbox();
    const QJsonObject fromNumber = f->createPayment(
        args({{QStringLiteral("amount"), 10.5}, {QStringLiteral("network"), QStringLiteral("TRC20")}}));
    QCOMPARE(fromNumber.value(QStringLiteral("amount")).toString(), QStringLiteral("10.50"));
    QCOMPARE(fromNumber.value(QStringLiteral("amount_coin")).toString(), QStringLiteral("10.500000"));

    const QJsonObject inCoin = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("0.000001")},
        {QStringLiteral("currency"), QStringLiteral("usdt")},
        {QStringLiteral("network"), QStringLiteral("USDTERC20")}}));
    QCOMPARE(inCoin.value(QStringLiteral("currency")).toString(), QStringLiteral("USDT"));
    QCOMPARE(inCoin.value(QStringLiteral("amount")).toString(), QStringLiteral("0.000001"));
    QCOMPARE(inCoin.value(QStringLiteral("amount_coin")).toString(), QStringLiteral("0.000001"));
    QCOMPARE(inCoin.value(QStringLiteral("network")).toString(), QStringLiteral("ERC20"));

    // The largest amount allowed, exactly.
    const QJsonObject largest =
        f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("1000000.00")},
            {QStringLiteral("network"), QStringLiteral("trc-20")}}));
    QCOMPARE(largest.value(QStringLiteral("amount_coin")).toString(), QStringLiteral("1000000.000000"));
}

void PaymentsTestBase::moneyEdgeCasesGetClearErrors()
{
    auto f = sandbox();
    struct Case
    {
        QJsonValue amount;
        QString currency;
        QString network;
        QString code;
        QString message;
    };
    const QList<Case> cases {
        {QStringLiteral("ten"), QStringLiteral("USD"), QStringLiteral("TRC20"),
            QStringLiteral("invalid_amount"),
            QStringLiteral("\"ten\" is not an amount: write it like 10 or 10.50.")},
        {QStringLiteral("1e5"), QStringLiteral("USD"), QStringLiteral("TRC20"),
            QStringLiteral("invalid_amount"), QStringLiteral("write 100000, not 1e5")},
        {QStringLiteral("-5"), QStringLiteral("USD"), QStringLiteral("TRC20"),
            QStringLiteral("invalid_amount"), QStringLiteral("cannot be negative")},
        {-5.0, QStringLiteral("USD"), QStringLiteral("TRC20"), QStringLiteral("invalid_amount"),
            QStringLiteral("cannot be negative")},
        {QStringLiteral("0"), QStringLiteral("USD"), QStringLiteral("TRC20"),
            QStringLiteral("invalid_amount"), QStringLiteral("must be more than zero")},
        {QStringLiteral("10.123"), QStringLiteral("USD"), QStringLiteral("TRC20"),
            QStringLiteral("invalid_amount"),
            QStringLiteral("10.123 has 3 decimals, but USD amounts take at most 2 (like 10.12).")},
        {QStringLiteral("1.1234567"), QStringLiteral("USDT"), QStringLiteral("TRC20"),
            QStringLiteral("invalid_amount"), QStringLiteral("USDT amounts take at most 6")},
        {QStringLiteral("0.0000000001"), QStringLiteral("USD"), QStringLiteral("ERC20"),
            QStringLiteral("invalid_amount"), QStringLiteral("has 10 decimals")},
        {QStringLiteral("1000000.01"), QStringLiteral("USD"), QStringLiteral("TRC20"),
            QStringLiteral("invalid_amount"),
            QStringLiteral("over the limit of 1000000 USD for one invoice")},
        {QStringLiteral("123456789012345678901234567890"), QStringLiteral("USD"), QStringLiteral("TRC20"),
            QStringLiteral("invalid_amount"), QStringLiteral("over the limit")},
        {1e300, QStringLiteral("USD"), QStringLiteral("TRC20"), QStringLiteral("invalid_amount"),
            QStringLiteral("too large")},
        {QStringLiteral("10"), QStringLiteral("USD"), QStringLiteral("BEP20"),
            QStringLiteral("invalid_arguments"), QStringLiteral("network: must be one of TRC20, ERC20")},
        {QStringLiteral("10"), QStringLiteral("EUR"), QStringLiteral("TRC20"),
            QStringLiteral("invalid_arguments"), QStringLiteral("currency: must be one of USD, USDT")},
    };
    for (const Case& c : cases) {
        const QJsonObject r = f->call(QStringLiteral("create_payment"),
            args({{QStringLiteral("amount"), c.amount}, {QStringLiteral("currency"), c.currency},
                {QStringLiteral("network"), c.network}}));
        const QString label = c.amount.toVariant().toString() + QLatin1Char('/') + c.network;
        QVERIFY2(isError(r), qPrintable(label));
        QVERIFY2(errorCode(r) == c.code, qPrintable(label + QStringLiteral(": ") + errorText(r)));
        QVERIFY2(errorText(r).contains(c.message), qPrintable(label + QStringLiteral(": ") + errorText(r)));
    }
    // A description too long and a malformed key are refused by the schema, naming the field.
    const QJsonObject longText = f->call(QStringLiteral("create_payment"),
        args({{QStringLiteral("amount"), QStringLiteral("1")},
            {QStringLiteral("network"), QStringLiteral("TRC20")},
            {QStringLiteral("description"), QString(201, QLatin1Char('x'))}}));
    QVERIFY(errorText(longText).contains(QLatin1String("description")));
    const QJsonObject badKey = f->call(QStringLiteral("create_payment"),
        args({{QStringLiteral("amount"), QStringLiteral("1")},
            {QStringLiteral("network"), QStringLiteral("TRC20")},
            {QStringLiteral("idempotency_key"), QStringLiteral("has spaces")}}));
    QVERIFY(errorText(badKey).contains(QLatin1String("idempotency_key")));
    QCOMPARE(total(*f), 0);

    // The service gives the same clear answers to callers that skip the schema (the window).
    InvoiceService::CreateRequest direct;
    direct.amount = QStringLiteral("5");
    direct.network = QStringLiteral("BEP20");
    const Result<void> unknown = f->service().validate(direct);
    QCOMPARE(unknown.error().message,
        QStringLiteral("\"BEP20\" is not a payment network here; use one of TRC20, ERC20."));
    direct.network = QStringLiteral("trc20");
    direct.currency = QStringLiteral("EUR");
    QVERIFY(f->service().validate(direct).error().message.contains(
        QLatin1String("give the amount in USD or in USDT")));
    direct.currency = QStringLiteral("USD");
    direct.description = QStringLiteral("two\nlines");
    QCOMPARE(f->service().validate(direct).error().code, QStringLiteral("invalid_description"));
}

void PaymentsTestBase::sameKeyReturnsTheSameInvoice()
{
    auto f = sandbox();
    const QJsonObject request = args({{QStringLiteral("amount"), QStringLiteral("10")},
        {QStringLiteral("network"), QStringLiteral("TRC20")},
        {QStringLiteral("idempotency_key"), QStringLiteral("order-7")}});
    const QJsonObject first = f->createPayment(request);
    QCOMPARE(first.value(QStringLiteral("created")).toBool(), true);
    // The same request again, written differently (amount with decimals, network in lower case).
    QJsonObject again = request;
    again.insert(QStringLiteral("amount"), QStringLiteral("10.00"));
    again.insert(QStringLiteral("network"), QStringLiteral("trc-20"));
    const QJsonObject second = f->createPayment(again);
    QCOMPARE(second.value(QStringLiteral("invoice_id")), first.value(QStringLiteral("invoice_id")));
    QCOMPARE(second.value(QStringLiteral("created")).toBool(), false);
    QVERIFY(second.value(QStringLiteral("note"))
                .toString()
                .startsWith(QLatin1String("This idempotency key was used before")));
    QCOMPARE(total(*f), 1);

    QJsonObject different = request;
    different.insert(QStringLiteral("amount"), QStringLiteral("11"));
    const QJsonObject refused = f->call(QStringLiteral("create_payment"), different);
    QVERIFY(isError(refused));
    QCOMPARE(errorCode(refused), QStringLiteral("idempotency_key_reused"));
    QVERIFY(errorText(refused).contains(first.value(QStringLiteral("invoice_id")).toString()));
    QVERIFY(errorText(refused).contains(QLatin1String("Use a new key for a new invoice")));
    QCOMPARE(total(*f), 1);

    // Without a key every call is a new invoice.
    const QJsonObject plain = args({{QStringLiteral("amount"), QStringLiteral("10")},
        {QStringLiteral("network"), QStringLiteral("TRC20")}});
    const QString a = f->createPayment(plain).value(QStringLiteral("invoice_id")).toString();
    const QString b = f->createPayment(plain).value(QStringLiteral("invoice_id")).toString();
    QVERIFY(!a.isEmpty() && !b.isEmpty() && a != b);
    QCOMPARE(total(*f), 3);
}

void PaymentsTestBase::concurrentCreatesWithOneKeyMakeOne()
{
    auto f = sandbox();
    auto other = sandbox(); // another process on the same database
    const QJsonObject params {{QStringLiteral("name"), QStringLiteral("create_payment")},
        {QStringLiteral("arguments"),
            args({{QStringLiteral("amount"), QStringLiteral("3")},
                {QStringLiteral("network"), QStringLiteral("ERC20")},
                {QStringLiteral("idempotency_key"), QStringLiteral("race-1")}})}};
    QList<QPair<InProcessClient*, int>> sent;
    for (int i = 0; i < 3; ++i) {
        sent.append({f->client.get(), f->client->sendRequest(QStringLiteral("tools/call"), params)});
        sent.append({other->client.get(), other->client->sendRequest(QStringLiteral("tools/call"), params)});
    }
    QSet<QString> ids;
    int created = 0;
    for (const auto& [client, id] : sent) {
        QVERIFY(client->waitForResponse(id));
        const QJsonObject result = client->response(id).value(QStringLiteral("result")).toObject();
        QVERIFY2(!isError(result), qPrintable(errorText(result)));
        ids.insert(structured(result).value(QStringLiteral("invoice_id")).toString());
        created += structured(result).value(QStringLiteral("created")).toBool() ? 1 : 0;
    }
    QCOMPARE(ids.size(), 1);
    QCOMPARE(created, 1);
    QCOMPARE(count(*f, QStringLiteral("SELECT COUNT(*) FROM invoices")), 1);
}

void PaymentsTestBase::getAndListInvoices()
{
    auto f = sandbox();
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        f->advance(1000);
        ids.prepend(
            f->createPayment(
                 args({{QStringLiteral("amount"), QString::number(i + 1)},
                     {QStringLiteral("network"), i % 2 ? QStringLiteral("ERC20") : QStringLiteral("TRC20")}}))
                .value(QStringLiteral("invoice_id"))
                .toString());
    }
    // Pages of 2 cover everything once, newest first.
    QStringList seen;
    QString cursor;
    int pages = 0;
    do {
        QJsonObject a = args({{QStringLiteral("limit"), 2}});
        if (!cursor.isEmpty())
            a.insert(QStringLiteral("cursor"), cursor);
        const QJsonObject page = structured(f->call(QStringLiteral("list_invoices"), a));
        QCOMPARE(page.value(QStringLiteral("total")).toInt(), 5);
        for (const QJsonValue& v : page.value(QStringLiteral("invoices")).toArray())
            seen.append(v.toObject().value(QStringLiteral("invoice_id")).toString());
        cursor = page.value(QStringLiteral("next_cursor")).toString();
        ++pages;
    } while (!cursor.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    QCOMPARE(seen, ids);

    const QJsonObject erc = structured(f->call(
        QStringLiteral("list_invoices"), args({{QStringLiteral("network"), QStringLiteral("erc20")}})));
    QCOMPARE(erc.value(QStringLiteral("total")).toInt(), 2);
    QCOMPARE(erc.value(QStringLiteral("next_cursor")), QJsonValue(QJsonValue::Null));

    const QJsonObject first = structured(
        f->call(QStringLiteral("get_invoice"), args({{QStringLiteral("invoice_id"), ids.last()}})));
    const qint64 created = first.value(QStringLiteral("created_at")).toInteger();
    const QJsonObject since = structured(f->call(QStringLiteral("list_invoices"),
        args({{QStringLiteral("created_from"), QString::number(created + 1000)}})));
    QCOMPARE(since.value(QStringLiteral("total")).toInt(), 4);
    const QJsonObject before = structured(f->call(QStringLiteral("list_invoices"),
        args({{QStringLiteral("created_to"),
            QDateTime::fromMSecsSinceEpoch(created + 1000, Qt::UTC).toString(Qt::ISODateWithMs)}})));
    QCOMPARE(before.value(QStringLiteral("total")).toInt(), 1);
    const QJsonObject badTime = f->call(QStringLiteral("list_invoices"),
        args({{QStringLiteral("created_from"), QStringLiteral("yesterday")}}));
    QCOMPARE(errorCode(badTime), QStringLiteral("invalid_time"));
    const QJsonObject badCursor = f->call(
        QStringLiteral("list_invoices"), args({{QStringLiteral("cursor"), QStringLiteral("nonsense")}}));
    QCOMPARE(errorCode(badCursor), QStringLiteral("invalid_cursor"));

    const QJsonArray history = first.value(QStringLiteral("events")).toArray();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.at(0).toObject().value(QStringLiteral("source")).toString(), QStringLiteral("create"));
    QCOMPARE(history.at(0).toObject().value(QStringLiteral("from_status")), QJsonValue(QJsonValue::Null));
    QCOMPARE(first.value(QStringLiteral("amount")).toString(), QStringLiteral("1.00"));

    const QJsonObject missing = f->call(QStringLiteral("get_invoice"),
        args({{QStringLiteral("invoice_id"), QStringLiteral("inv_aaaaaaaaaaaaaaaa")}}));
    QCOMPARE(errorCode(missing), QStringLiteral("not_found"));
    QVERIFY(errorText(missing).contains(QLatin1String("inv_aaaaaaaaaaaaaaaa")));

    const QJsonObject pending = structured(
        f->call(QStringLiteral("list_invoices"), args({{QStringLiteral("status"), QStringLiteral("paid")}})));
    QCOMPARE(pending.value(QStringLiteral("total")).toInt(), 0);
}

void PaymentsTestBase::simulatedPaymentsAndBalances()
{
    auto f = sandbox();
    const QString a = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("10")},
                                           {QStringLiteral("network"), QStringLiteral("TRC20")}}))
                          .value(QStringLiteral("invoice_id"))
                          .toString();
    const QString b = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("4.50")},
                                           {QStringLiteral("network"), QStringLiteral("TRC20")}}))
                          .value(QStringLiteral("invoice_id"))
                          .toString();
    const QString c = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("2")},
                                           {QStringLiteral("network"), QStringLiteral("ERC20")}}))
                          .value(QStringLiteral("invoice_id"))
                          .toString();
    const auto simulate = [&f](const QString& id, const QString& outcome,
                              const QJsonValue& amount = QJsonValue(QJsonValue::Undefined)) {
        QJsonObject callArgs {{QStringLiteral("invoice_id"), id}, {QStringLiteral("outcome"), outcome}};
        if (!amount.isUndefined())
            callArgs.insert(QStringLiteral("amount"), amount);
        return f->call(QStringLiteral("simulate_payment"), callArgs);
    };

    // Under (default half), then the rest: paid.
    QJsonObject r = structured(simulate(a, QStringLiteral("under")));
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("underpaid"));
    QCOMPARE(r.value(QStringLiteral("paid_amount")).toString(), QStringLiteral("5.000000"));
    QCOMPARE(r.value(QStringLiteral("remaining_amount")).toString(), QStringLiteral("5.000000"));
    QCOMPARE(r.value(QStringLiteral("simulated")).toString(), QStringLiteral("under"));
    r = structured(simulate(a, QStringLiteral("full")));
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
    QCOMPARE(r.value(QStringLiteral("paid_amount")).toString(), QStringLiteral("10.000000"));
    QVERIFY(r.value(QStringLiteral("paid_at")).isDouble());

    // Over by an amount given as a JSON number.
    r = structured(simulate(b, QStringLiteral("over"), 5.25));
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("overpaid"));
    QCOMPARE(r.value(QStringLiteral("paid_amount")).toString(), QStringLiteral("5.250000"));

    // Expire, then nothing more.
    r = structured(simulate(c, QStringLiteral("expire")));
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("expired"));
    const QJsonObject late = simulate(c, QStringLiteral("full"));
    QCOMPARE(errorCode(late), QStringLiteral("invoice_final"));
    QVERIFY(errorText(late).contains(QLatin1String("already expired")));

    // Wrong amounts are explained.
    const QString d = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("1")},
                                           {QStringLiteral("network"), QStringLiteral("ERC20")}}))
                          .value(QStringLiteral("invoice_id"))
                          .toString();
    QVERIFY(errorText(simulate(d, QStringLiteral("under"), QStringLiteral("1")))
                .contains(QLatin1String("not an underpayment")));
    QVERIFY(errorText(simulate(d, QStringLiteral("over"), QStringLiteral("0.5")))
                .contains(QLatin1String("not an overpayment")));
    QVERIFY(errorText(simulate(d, QStringLiteral("full"), QStringLiteral("1")))
                .contains(QLatin1String("needs none")));
    QCOMPARE(errorCode(simulate(d, QStringLiteral("under"), QStringLiteral("0.0000001"))),
        QStringLiteral("invalid_amount"));
    QCOMPARE(errorCode(simulate(QStringLiteral("inv_aaaaaaaaaaaaaaaa"), QStringLiteral("full"))),
        QStringLiteral("not_found"));

    // History: create, under, full.
    const QList<InvoiceEvent> history = events(*f, a);
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.at(1).source, QStringLiteral("simulate"));
    QCOMPARE(history.at(2).toStatus, QStringLiteral("paid"));

    // Balances are the sums of the simulated payments, exactly.
    const QJsonObject all = structured(f->call(QStringLiteral("check_balance")));
    QCOMPARE(all.value(QStringLiteral("provider")).toString(), QStringLiteral("sandbox"));
    const QJsonArray balances = all.value(QStringLiteral("balances")).toArray();
    QCOMPARE(balances.size(), 2);
    QCOMPARE(balances.at(0).toObject().value(QStringLiteral("network")).toString(), QStringLiteral("TRC20"));
    QCOMPARE(
        balances.at(0).toObject().value(QStringLiteral("balance")).toString(), QStringLiteral("15.250000"));
    QCOMPARE(
        balances.at(0).toObject().value(QStringLiteral("usd_value")).toString(), QStringLiteral("15.25"));
    QVERIFY(balances.at(0)
                .toObject()
                .value(QStringLiteral("source"))
                .toString()
                .contains(QLatin1String("3 simulated payment(s)")));
    QCOMPARE(
        balances.at(1).toObject().value(QStringLiteral("balance")).toString(), QStringLiteral("0.000000"));
    QVERIFY(balances.at(0).toObject().value(QStringLiteral("fetched_at")).isDouble());
    const QJsonObject one = structured(f->call(
        QStringLiteral("check_balance"), args({{QStringLiteral("network"), QStringLiteral("trc-20")}})));
    QCOMPARE(one.value(QStringLiteral("balances")).toArray().size(), 1);
    QCOMPARE(count(*f, QStringLiteral("SELECT COUNT(*) FROM sandbox_payments")), 3);
}

void PaymentsTestBase::invoiceResourceSubscriptionAndCompletion()
{
    auto f = sandbox();
    const QString id = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("7")},
                                            {QStringLiteral("network"), QStringLiteral("TRC20")}}))
                           .value(QStringLiteral("invoice_id"))
                           .toString();
    const QString uri = QStringLiteral("payment://invoice/") + id;
    const QJsonObject templates = f->client->request(QStringLiteral("resources/templates/list"))
                                      .value(QStringLiteral("result"))
                                      .toObject();
    QVERIFY(QJsonDocument(templates).toJson().contains("payment://invoice/{id}"));

    const QJsonObject read =
        f->client->request(QStringLiteral("resources/read"), {{QStringLiteral("uri"), uri}});
    const QJsonObject content = read.value(QStringLiteral("result"))
                                    .toObject()
                                    .value(QStringLiteral("contents"))
                                    .toArray()
                                    .at(0)
                                    .toObject();
    QCOMPARE(content.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/json"));
    const QJsonObject json =
        QJsonDocument::fromJson(content.value(QStringLiteral("text")).toString().toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("invoice_id")).toString(), id);
    QCOMPARE(json.value(QStringLiteral("amount_coin")).toString(), QStringLiteral("7.000000"));

    const QJsonObject missing = f->client->request(QStringLiteral("resources/read"),
        {{QStringLiteral("uri"), QStringLiteral("payment://invoice/inv_zzzzzzzzzzzzzzzz")}});
    QCOMPARE(missing.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32002);

    // Subscribers hear of a status change, and only of their invoice.
    QVERIFY(f->client->request(QStringLiteral("resources/subscribe"), {{QStringLiteral("uri"), uri}})
                .contains(QStringLiteral("result")));
    f->client->clearReceived();
    const QString other = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("1")},
                                               {QStringLiteral("network"), QStringLiteral("TRC20")}}))
                              .value(QStringLiteral("invoice_id"))
                              .toString();
    QVERIFY(!isError(f->call(QStringLiteral("simulate_payment"),
        args({{QStringLiteral("invoice_id"), id}, {QStringLiteral("outcome"), QStringLiteral("full")}}))));
    QTRY_COMPARE(f->client->receivedWithMethod(QStringLiteral("notifications/resources/updated")).size(), 1);
    QCOMPARE(f->client->receivedWithMethod(QStringLiteral("notifications/resources/updated"))
                 .first()
                 .value(QStringLiteral("params"))
                 .toObject()
                 .value(QStringLiteral("uri"))
                 .toString(),
        uri);

    // Invoice ids complete by prefix.
    const QJsonObject completion = f->client->request(QStringLiteral("completion/complete"),
        {{QStringLiteral("ref"),
             QJsonObject {{QStringLiteral("type"), QStringLiteral("ref/resource")},
                 {QStringLiteral("uri"), QStringLiteral("payment://invoice/{id}")}}},
            {QStringLiteral("argument"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("id")},
                    {QStringLiteral("value"), QStringLiteral("inv_")}}}});
    const QJsonArray values = completion.value(QStringLiteral("result"))
                                  .toObject()
                                  .value(QStringLiteral("completion"))
                                  .toObject()
                                  .value(QStringLiteral("values"))
                                  .toArray();
    QCOMPARE(values.size(), 2);
    QCOMPARE(values.at(0).toString(), id); // most recently changed first
    QCOMPARE(values.at(1).toString(), other);
    const QJsonObject narrow = f->client->request(QStringLiteral("completion/complete"),
        {{QStringLiteral("ref"),
             QJsonObject {{QStringLiteral("type"), QStringLiteral("ref/resource")},
                 {QStringLiteral("uri"), QStringLiteral("payment://invoice/{id}")}}},
            {QStringLiteral("argument"),
                QJsonObject {
                    {QStringLiteral("name"), QStringLiteral("id")}, {QStringLiteral("value"), id.left(9)}}}});
    QVERIFY(narrow.value(QStringLiteral("result"))
                .toObject()
                .value(QStringLiteral("completion"))
                .toObject()
                .value(QStringLiteral("values"))
                .toArray()
                .contains(id));
}

void PaymentsTestBase::networksResourceAndPrompts()
{
    auto f = sandbox();
    const QJsonObject read = f->client->request(
        QStringLiteral("resources/read"), {{QStringLiteral("uri"), QStringLiteral("config://networks")}});
    const QJsonObject json = QJsonDocument::fromJson(read.value(QStringLiteral("result"))
                                                         .toObject()
                                                         .value(QStringLiteral("contents"))
                                                         .toArray()
                                                         .at(0)
                                                         .toObject()
                                                         .value(QStringLiteral("text"))
                                                         .toString()
                                                         .toUtf8())
                                 .object();
    QCOMPARE(json.value(QStringLiteral("provider")).toString(), QStringLiteral("sandbox"));
    const QJsonArray networks = json.value(QStringLiteral("networks")).toArray();
    QCOMPARE(networks.size(), 2);
    const QJsonObject trc = networks.at(0).toObject();
    QCOMPARE(trc.value(QStringLiteral("network")).toString(), QStringLiteral("TRC20"));
    QCOMPARE(trc.value(QStringLiteral("coin")).toString(), QStringLiteral("USDTTRC20"));
    QCOMPARE(trc.value(QStringLiteral("decimals")).toInt(), 6);
    QCOMPARE(trc.value(QStringLiteral("min_amount")).toString(), QStringLiteral("0.000001"));
    QCOMPARE(trc.value(QStringLiteral("min_amount_usd")).toString(), QStringLiteral("0.01"));
    QCOMPARE(trc.value(QStringLiteral("max_amount")).toString(), QStringLiteral("1000000"));

    const QJsonObject prompt = f->client->request(QStringLiteral("prompts/get"),
        {{QStringLiteral("name"), QStringLiteral("create_payment_prompt")},
            {QStringLiteral("arguments"),
                QJsonObject {{QStringLiteral("amount"), QStringLiteral("25")},
                    {QStringLiteral("network"), QStringLiteral("trc20")},
                    {QStringLiteral("description"), QStringLiteral("Consulting")}}}});
    const QString text =
        QString::fromUtf8(QJsonDocument(prompt.value(QStringLiteral("result")).toObject()).toJson());
    for (const char* expected : {"create_payment", "\\\"25.00\\\"", "network \\\"TRC20\\\"",
             "idempotency_key", "Consulting", "sandbox"})
        QVERIFY2(text.contains(QLatin1String(expected)), expected);
    const QJsonObject badPrompt = f->client->request(QStringLiteral("prompts/get"),
        {{QStringLiteral("name"), QStringLiteral("create_payment_prompt")},
            {QStringLiteral("arguments"),
                QJsonObject {{QStringLiteral("amount"), QStringLiteral("ten")},
                    {QStringLiteral("network"), QStringLiteral("TRC20")}}}});
    QVERIFY(badPrompt.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QLatin1String("\"ten\" is not an amount")));
    const QJsonObject balance = f->client->request(QStringLiteral("prompts/get"),
        {{QStringLiteral("name"), QStringLiteral("balance_inquiry_prompt")},
            {QStringLiteral("arguments"),
                QJsonObject {{QStringLiteral("network"), QStringLiteral("ERC-20")}}}});
    QVERIFY(QJsonDocument(balance).toJson().contains("check_balance with network \\\"ERC20\\\""));
    const QJsonObject balanceAll = f->client->request(
        QStringLiteral("prompts/get"), {{QStringLiteral("name"), QStringLiteral("balance_inquiry_prompt")}});
    QVERIFY(QJsonDocument(balanceAll).toJson().contains("every network"));
}

void PaymentsTestBase::pendingInvoicesExpire()
{
    auto f = sandbox();
    const QString id = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("3")},
                                            {QStringLiteral("network"), QStringLiteral("TRC20")},
                                            {QStringLiteral("expires_in_minutes"), 1}}))
                           .value(QStringLiteral("invoice_id"))
                           .toString();
    const QString underpaid = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("3")},
                                                   {QStringLiteral("network"), QStringLiteral("TRC20")},
                                                   {QStringLiteral("expires_in_minutes"), 1}}))
                                  .value(QStringLiteral("invoice_id"))
                                  .toString();
    const QString later = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("3")},
                                               {QStringLiteral("network"), QStringLiteral("TRC20")}}))
                              .value(QStringLiteral("invoice_id"))
                              .toString();
    QVERIFY(!isError(f->call(QStringLiteral("simulate_payment"),
        args({{QStringLiteral("invoice_id"), underpaid},
            {QStringLiteral("outcome"), QStringLiteral("under")}}))));
    QVERIFY(f->client
                ->request(QStringLiteral("resources/subscribe"),
                    {{QStringLiteral("uri"), QString(QStringLiteral("payment://invoice/") + id)}})
                .contains(QStringLiteral("result")));
    f->client->clearReceived();
    QSignalSpy changed(&f->service(), &InvoiceService::invoiceChanged);

    QVERIFY(f->refresh()); // not due yet
    QCOMPARE(stored(*f, id).status, QStringLiteral("pending"));
    f->advance(61 * 1000);
    QVERIFY(f->refresh());
    QCOMPARE(stored(*f, id).status, QStringLiteral("expired"));
    QCOMPARE(
        stored(*f, underpaid).status, QStringLiteral("underpaid")); // part-paid invoices keep their status
    QVERIFY(!stored(*f, underpaid).nextCheckAt.has_value());
    QCOMPARE(stored(*f, later).status, QStringLiteral("pending"));
    QCOMPARE(events(*f, id).last().source, QStringLiteral("expiry"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(1).value<InvoiceRecord>().status, QStringLiteral("expired"));
    QCOMPARE(changed.first().at(0).value<std::optional<InvoiceRecord>>()->status, QStringLiteral("pending"));
    QTRY_COMPARE(f->client->receivedWithMethod(QStringLiteral("notifications/resources/updated")).size(), 1);
    QVERIFY(f->service().refreshStatus().leader);
}

void PaymentsTestBase::sandboxPageIsEscapedAndPublic()
{
    auto f = sandbox();
    HttpEndpoint* endpoint = f->startHttp(false);
    QVERIFY(endpoint);
    const QJsonObject inv = f->createPayment(args({{QStringLiteral("amount"), QStringLiteral("12.34")},
        {QStringLiteral("network"), QStringLiteral("TRC20")},
        {QStringLiteral("description"), QStringLiteral("<script>alert(1)</script> & co")}}));
    const QUrl url(inv.value(QStringLiteral("payment_url")).toString());
    QCOMPARE(url.port(), int(endpoint->port()));
    const HttpReply page = http("GET", url);
    QCOMPARE(page.status, 200);
    QVERIFY(page.contentType.startsWith("text/html"));
    QVERIFY(!page.body.contains("<script>"));
    QVERIFY(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    QVERIFY(page.body.contains("12.340000 USDT"));
    QVERIFY(page.body.contains(inv.value(QStringLiteral("address")).toString().toUtf8()));
    QVERIFY(page.body.contains(QByteArray(
        QByteArray("finagent sandbox pay ") + inv.value(QStringLiteral("invoice_id")).toString().toUtf8())));
    QVERIFY(page.body.contains("pending"));
    // The page sends its own policy (inline styles, nothing else) besides the endpoint's default.
    QVERIFY2(
        page.csp.join(", ").contains(SandboxPage::contentSecurityPolicy()), page.csp.join(" | ").constData());

    // After payment the page shows it and no longer offers to simulate.
    QVERIFY(!isError(f->call(QStringLiteral("simulate_payment"),
        args({{QStringLiteral("invoice_id"), inv.value(QStringLiteral("invoice_id"))},
            {QStringLiteral("outcome"), QStringLiteral("full")}}))));
    const HttpReply paid = http("GET", url);
    QVERIFY(paid.body.contains("class=\"status paid\""));
    QVERIFY(!paid.body.contains("Simulate the payment"));

    QUrl unknown = url;
    unknown.setPath(QStringLiteral("/sandbox/pay/inv_aaaaaaaaaaaaaaaa"));
    QCOMPARE(http("GET", unknown).status, 404);
    unknown.setPath(QStringLiteral("/sandbox/pay/../../etc/passwd"));
    QCOMPARE(http("GET", unknown).status, 404);
    QCOMPARE(http("POST", url, "x", "text/plain").status, 405);
}

void PaymentsTestBase::healthReportsProviderAndWallets()
{
    auto f = sandbox();
    SubsystemHealth health;
    bool answered = false;
    f->module().probe(f->payments.get(), [&](SubsystemHealth h) {
        health = h;
        answered = true;
    });
    QTRY_VERIFY(answered);
    QCOMPARE(health.status, QStringLiteral("ok"));
    QCOMPARE(health.data.value(QStringLiteral("provider")).toString(), QStringLiteral("sandbox"));
    QCOMPARE(health.data.value(QStringLiteral("wallets_configured")).toArray().size(), 2);

    auto real = coinremitter(false);
    real->secrets.setWallet(QStringLiteral("USDTTRC20"), QLatin1String(kTrcKey), QLatin1String(kTrcPassword));
    answered = false;
    real->module().probe(real->payments.get(), [&](SubsystemHealth h) {
        health = h;
        answered = true;
    });
    QTRY_VERIFY(answered);
    QCOMPARE(health.status, QStringLiteral("degraded"));
    QCOMPARE(health.data.value(QStringLiteral("wallets_missing")).toArray(),
        QJsonArray {QStringLiteral("USDTERC20")});
    QVERIFY(health.detail.contains(QLatin1String("finagent secrets set coinremitter/<COIN>/api_key")));
    QVERIFY(!QJsonDocument(health.data).toJson().contains(kTrcKey));
}
