#include "fakecoinremitter.h"
#include "fakemultipart.h"
#include "inprocessclient.h"
#include "testenv.h"
#include "walletsecrets.h"

#include "config/settings.h"
#include "payments/invoiceservice.h"
#include "payments/paymentsmodule.h"
#include "protocol/mcpregistry.h"
#include "runtime/runtime.h"
#include "transport/httpendpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

// The payments area as the runtime wires it: tools and the health probe registered, background
// work started once the database is open, the payment page on every HTTP endpoint and the
// CoinRemitter webhook only in serve mode.
class PaymentsRuntimeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serveWiresToolsWebhookAndHealth();
    void desktopServesTheSandboxPage();

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
    };
    static Reply send(
        const QByteArray& method, const QUrl& url, const QByteArray& body = {}, const QByteArray& type = {});
    static QStringList toolNames(InProcessClient& client);
};

PaymentsRuntimeTest::Reply PaymentsRuntimeTest::send(
    const QByteArray& method, const QUrl& url, const QByteArray& body, const QByteArray& type)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    if (!type.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, type);
    QNetworkReply* reply = nam.sendCustomRequest(request, method, body);
    Reply out;
    if (QTest::qWaitFor([reply]() { return reply->isFinished(); }, 15000)) {
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
    }
    delete reply;
    return out;
}

QStringList PaymentsRuntimeTest::toolNames(InProcessClient& client)
{
    QStringList names;
    const QJsonArray tools = client.request(QStringLiteral("tools/list"))
                                 .value(QStringLiteral("result"))
                                 .toObject()
                                 .value(QStringLiteral("tools"))
                                 .toArray();
    for (const QJsonValue& t : tools)
        names.append(t.toObject().value(QStringLiteral("name")).toString());
    return names;
}

void PaymentsRuntimeTest::serveWiresToolsWebhookAndHealth()
{
    TestEnv env;
    env.unset("DATABASE_URL");
    FakeCoinRemitter fake;
    QVERIFY(fake.start());
    fake.addWallet(QStringLiteral("USDTTRC20"), QStringLiteral("k-trc"), QStringLiteral("p-trc"));
    fake.addWallet(QStringLiteral("USDTERC20"), QStringLiteral("k-erc"), QStringLiteral("p-erc"));
    WalletSecrets secrets;
    secrets.setWallet(QStringLiteral("USDTTRC20"), QStringLiteral("k-trc"), QStringLiteral("p-trc"));
    secrets.setWallet(QStringLiteral("USDTERC20"), QStringLiteral("k-erc"), QStringLiteral("p-erc"));

    Settings settings(env.configDir());
    settings.setOverride(QStringLiteral("payments.provider"), QStringLiteral("coinremitter"));
    settings.setOverride(QStringLiteral("payments.coinremitter_url"),
        QString(fake.baseUrl().toString() + QStringLiteral("/v1")));
    settings.setOverride(QStringLiteral("http.host"), QStringLiteral("127.0.0.1"));
    settings.setOverride(QStringLiteral("http.port"), 0);
    settings.setOverride(QStringLiteral("http.auth"), QStringLiteral("off"));
    Runtime runtime(settings, Runtime::Options {Runtime::Mode::Serve, false, &secrets});
    runtime.registry().tools().setStrictOutput(true);
    QSignalSpy opened(&runtime, &Runtime::databaseOpened);
    QVERIFY(opened.wait(15000));
    QCOMPARE(opened.first().first().toBool(), true);

    auto* payments = runtime.findChild<PaymentsModule*>(QStringLiteral("payments"));
    QVERIFY(payments);
    QTRY_VERIFY(payments->service().isRunning());
    const Result<quint16> port = runtime.startHttp(nullptr);
    QVERIFY2(port.ok(), qPrintable(port.error().message));

    InProcessClient client(runtime.server());
    client.initialize();
    const QStringList tools = toolNames(client);
    for (const char* name : {"create_payment", "check_balance", "list_invoices", "get_invoice"})
        QVERIFY2(tools.contains(QLatin1String(name)), name);
    QVERIFY(!tools.contains(QStringLiteral("simulate_payment")));

    const QJsonObject created = client.callTool(QStringLiteral("create_payment"),
        {{QStringLiteral("amount"), QStringLiteral("12")},
            {QStringLiteral("network"), QStringLiteral("TRC20")}});
    const QString id = created.value(QStringLiteral("structuredContent"))
                           .toObject()
                           .value(QStringLiteral("invoice_id"))
                           .toString();
    QVERIFY2(!id.isEmpty(), QJsonDocument(created).toJson().constData());
    QVERIFY(fake.setInvoiceStatus(fake.invoiceIds().first(), FakeCoinRemitter::Paid));

    QUrl hook = runtime.http()->baseUrl();
    hook.setPath(QStringLiteral("/webhooks/coinremitter"));
    const Reply reply =
        send("POST", hook, FakeMultipart::build(fake.webhookFields(fake.invoiceIds().first()), "rt"),
            "multipart/form-data; boundary=rt");
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("status")).toString(),
        QStringLiteral("applied"));
    const QJsonObject got =
        client.callTool(QStringLiteral("get_invoice"), {{QStringLiteral("invoice_id"), id}});
    QCOMPARE(
        got.value(QStringLiteral("structuredContent")).toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("paid"));

    const QJsonObject health = client.callTool(QStringLiteral("health_check"), {})
                                   .value(QStringLiteral("structuredContent"))
                                   .toObject();
    bool found = false;
    for (const QJsonValue& s : health.value(QStringLiteral("subsystems")).toArray()) {
        if (s.toObject().value(QStringLiteral("name")).toString() == QLatin1String("payments")) {
            found = true;
            QCOMPARE(s.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
            QVERIFY(s.toObject()
                        .value(QStringLiteral("detail"))
                        .toString()
                        .contains(QLatin1String("CoinRemitter")));
        }
    }
    QVERIFY(found);
}

void PaymentsRuntimeTest::desktopServesTheSandboxPage()
{
    TestEnv env;
    env.unset("DATABASE_URL");
    WalletSecrets secrets;
    Settings settings(env.configDir());
    settings.setOverride(QStringLiteral("http.host"), QStringLiteral("127.0.0.1"));
    settings.setOverride(QStringLiteral("http.port"), 0);
    settings.setOverride(QStringLiteral("http.auth"), QStringLiteral("off"));
    Runtime runtime(settings, Runtime::Options {Runtime::Mode::Desktop, false, &secrets});
    runtime.registry().tools().setStrictOutput(true);
    QSignalSpy opened(&runtime, &Runtime::databaseOpened);
    QVERIFY(opened.wait(15000));
    QVERIFY(runtime.startHttp(nullptr).ok());

    InProcessClient client(runtime.server());
    client.initialize();
    QVERIFY(toolNames(client).contains(QStringLiteral("simulate_payment")));
    const QJsonObject created = client
                                    .callTool(QStringLiteral("create_payment"),
                                        {{QStringLiteral("amount"), QStringLiteral("5")},
                                            {QStringLiteral("network"), QStringLiteral("erc20")}})
                                    .value(QStringLiteral("structuredContent"))
                                    .toObject();
    const QUrl page(created.value(QStringLiteral("payment_url")).toString());
    QCOMPARE(page.port(), int(runtime.http()->port())); // the endpoint's real port
    const Reply reply = send("GET", page);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body.contains("5.000000 USDT"));

    QUrl hook = runtime.http()->baseUrl();
    hook.setPath(QStringLiteral("/webhooks/coinremitter"));
    QCOMPARE(send("POST", hook, "x", "text/plain").status, 404); // webhooks are for serve only
}

QTEST_GUILESS_MAIN(PaymentsRuntimeTest)
#include "tst_payments_runtime.moc"
