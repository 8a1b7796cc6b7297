#include "paymentsfixture.h"

#include "payments/coinremitterprovider.h"
#include "payments/invoiceservice.h"
#include "payments/sandboxprovider.h"
#include "transport/httpendpoint.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

PaymentsFixture::PaymentsFixture(const DatabaseConfig& database, const Options& opts)
    : options(opts)
    , clock(opts.clock > 0 ? opts.clock : QDateTime::currentMSecsSinceEpoch())
{
    db = std::make_unique<Database>(database);
    const Result<void> opened = db->openBlocking();
    if (!opened) {
        qWarning("database did not open: %s", qPrintable(opened.error().message));
        return;
    }
    PaymentsConfig config;
    config.provider = opts.provider;
    config.networks = NetworkCatalog::fromWallets(opts.wallets);
    config.refreshIntervalMs = opts.refreshIntervalMs;
    config.changePollIntervalMs = opts.changePollIntervalMs;
    config.publicUrl = opts.publicUrl;
    config.endpointUrl = QStringLiteral("http://127.0.0.1:8765");
    config.requestTimeoutMs = 5000;
    if (opts.fake)
        config.coinremitterUrl = opts.fake->baseUrl().toString() + QStringLiteral("/v1");
    payments = std::make_unique<PaymentsModule>(*db, nam, secrets, config);
    const auto now = [this]() {
        return clock;
    };
    payments->service().setClock(now);
    if (payments->sandbox())
        payments->sandbox()->setClock(now);
    if (payments->coinremitter()) {
        payments->coinremitter()->client().setClock(now);
        payments->coinremitter()->client().setRetryPolicy(2, 10);
    }
    registry.tools().setStrictOutput(true);
    payments->registerTools(registry);
    server = std::make_unique<McpServer>(ServerIdentity {QStringLiteral("finagent"),
                                             QStringLiteral("FinAgent"), QStringLiteral("test"), QString()},
        &registry);
    client = std::make_unique<InProcessClient>(*server, QStringLiteral("payments-test"));
    m_ok = !client->initialize().isEmpty();
}

PaymentsFixture::~PaymentsFixture()
{
    if (payments)
        payments->service().stop();
    http.reset();
    client.reset();
    server.reset();
    payments.reset();
    db.reset();
}

InvoiceService& PaymentsFixture::service()
{
    return payments->service();
}

QJsonObject PaymentsFixture::call(const QString& tool, const QJsonObject& arguments)
{
    return client->callTool(tool, arguments, 20000);
}

QJsonObject PaymentsFixture::createPayment(const QJsonObject& arguments)
{
    const QJsonObject r = call(QStringLiteral("create_payment"), arguments);
    if (isError(r))
        qWarning("create_payment failed: %s", qPrintable(errorText(r)));
    return structured(r);
}

bool PaymentsFixture::refresh()
{
    QSignalSpy finished(&payments->service(), &InvoiceService::refreshFinished);
    payments->service().refreshNow();
    return finished.wait(10000);
}

HttpEndpoint* PaymentsFixture::startHttp(bool webhook)
{
    HttpEndpoint::Config config;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.access.requireCredential = false;
    http = std::make_unique<HttpEndpoint>(config);
    if (!http->listen())
        return nullptr;
    payments->addRoutes(*http, webhook);
    return http.get();
}

QJsonObject structured(const QJsonObject& result)
{
    return result.value(QStringLiteral("structuredContent")).toObject();
}

bool isError(const QJsonObject& result)
{
    return result.value(QStringLiteral("isError")).toBool();
}

QString errorText(const QJsonObject& result)
{
    return result.value(QStringLiteral("content"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}

QString errorCode(const QJsonObject& result)
{
    const QString text = errorText(result);
    const qsizetype open = text.lastIndexOf(QLatin1Char('['));
    if (open < 0 || !text.endsWith(QLatin1Char(']')))
        return {};
    return text.mid(open + 1, text.size() - open - 2);
}

QJsonObject errorDetails(const QJsonObject& result)
{
    const QJsonArray content = result.value(QStringLiteral("content")).toArray();
    if (content.size() < 2)
        return {};
    return QJsonDocument::fromJson(content.at(1).toObject().value(QStringLiteral("text")).toString().toUtf8())
        .object()
        .value(QStringLiteral("details"))
        .toObject();
}
