#include "payments/paymentsmodule.h"

#include "payments/coinremitterprovider.h"
#include "payments/coinremitterwebhook.h"
#include "payments/invoicejson.h"
#include "payments/invoiceservice.h"
#include "payments/paymentslog.h"
#include "payments/paymenttools.h"
#include "payments/recentinvoiceids.h"
#include "payments/sandboxpage.h"
#include "payments/sandboxprovider.h"
#include "runtime/healthmonitor.h"
#include "transport/httpendpoint.h"

#include <QJsonArray>

PaymentsModule::PaymentsModule(Database& db, QNetworkAccessManager& network, SecretStore& secrets,
    PaymentsConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    for (const QString& problem : std::as_const(m_config.problems))
        qCWarning(lcPayments).noquote() << problem;
    if (m_config.isSandbox()) {
        const QString base = m_config.publicUrl.isEmpty() ? m_config.endpointUrl : m_config.publicUrl;
        m_sandbox = new SandboxProvider(db, m_config.networks, base, this);
        m_provider = m_sandbox;
    } else {
        m_coinremitter = new CoinRemitterProvider(network, secrets, m_config, this);
        m_provider = m_coinremitter;
    }
    m_service = new InvoiceService(db, *m_provider, m_config, this);
    m_service->setObjectName(QStringLiteral("invoiceService"));
    m_ids = new RecentInvoiceIds(*m_service, this);
    m_page = new SandboxPage(*m_service, this);
    m_webhook = new CoinRemitterWebhook(*m_service, this);
}

void PaymentsModule::registerTools(McpRegistry& registry)
{
    registerPaymentTools(registry, *m_service, *m_ids);
}

void PaymentsModule::addRoutes(HttpEndpoint& endpoint, bool webhook)
{
    HttpEndpoint::RouteOptions publicRoute;
    publicRoute.requiresAuth = false;
    if (m_sandbox && m_config.publicUrl.isEmpty())
        m_sandbox->setPageBaseUrl(endpoint.baseUrl().toString());
    QPointer<SandboxPage> page(m_page);
    endpoint.addRoute(
        SandboxPage::routePattern(), {"GET", "HEAD"},
        [page](const HttpRequest& request, std::shared_ptr<HttpExchange> exchange) {
            if (page)
                page->handle(request, exchange);
            else
                exchange->respondError(
                    503, QStringLiteral("unavailable"), QStringLiteral("Payments are shutting down."));
        },
        publicRoute);
    if (!webhook)
        return;
    QPointer<CoinRemitterWebhook> hook(m_webhook);
    endpoint.addRoute(
        CoinRemitterWebhook::path(), {"POST"},
        [hook](const HttpRequest& request, std::shared_ptr<HttpExchange> exchange) {
            if (hook)
                hook->handle(request, exchange);
            else
                exchange->respondError(
                    503, QStringLiteral("unavailable"), QStringLiteral("Payments are shutting down."));
        },
        publicRoute);
}

void PaymentsModule::probe(QObject* ctx, std::function<void(SubsystemHealth)> done)
{
    m_provider->walletStatus(ctx, [this, done](QJsonObject wallets) {
        const InvoiceService::RefreshStatus refresh = m_service->refreshStatus();
        const QJsonArray missing = wallets.value(QStringLiteral("missing")).toArray();
        const QJsonArray configured = wallets.value(QStringLiteral("configured")).toArray();
        QString status = QStringLiteral("ok");
        QStringList detail {
            QStringLiteral("%1 on %2")
                .arg(m_provider->displayName(), m_provider->networks().names().join(QStringLiteral(", ")))};
        if (m_provider->networks().isEmpty()) {
            status = QStringLiteral("degraded");
            detail.append(QStringLiteral("no payment network is configured (payments.wallets)"));
        }
        if (!missing.isEmpty()) {
            status = QStringLiteral("degraded");
            QStringList coins;
            for (const QJsonValue& c : missing)
                coins.append(c.toString());
            detail.append(QStringLiteral(
                "no API key for %1: set it with `finagent secrets set coinremitter/<COIN>/api_key` "
                "or on the Accounts page")
                              .arg(coins.join(QStringLiteral(", "))));
        }
        if (refresh.leader && !refresh.lastError.isEmpty()) {
            status = QStringLiteral("degraded");
            detail.append(QStringLiteral("last refresh: %1").arg(refresh.lastError));
        }
        if (refresh.lastRunAt > 0)
            detail.append(refresh.leader ? QStringLiteral("this process refreshes pending invoices")
                                         : QStringLiteral("another process refreshes pending invoices"));
        QJsonObject data {
            {QStringLiteral("provider"), m_provider->name()},
            {QStringLiteral("networks"), QJsonArray::fromStringList(m_provider->networks().names())},
            {QStringLiteral("wallets_configured"), configured},
            {QStringLiteral("wallets_missing"), missing},
            {QStringLiteral("refresh_leader"), refresh.leader},
            {QStringLiteral("last_refresh_at"),
                refresh.lastRunAt > 0 ? QJsonValue(InvoiceJson::iso(refresh.lastRunAt))
                                      : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("last_refresh_success_at"),
                refresh.lastSuccessAt > 0 ? QJsonValue(InvoiceJson::iso(refresh.lastSuccessAt))
                                          : QJsonValue(QJsonValue::Null)},
        };
        if (!refresh.lastError.isEmpty())
            data.insert(QStringLiteral("last_refresh_error"), refresh.lastError);
        done(SubsystemHealth {QString(), status, detail.join(QStringLiteral("; ")), data});
    });
}
