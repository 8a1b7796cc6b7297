#include "payments/coinremitterwebhook.h"

#include "payments/invoiceservice.h"
#include "payments/paymentslog.h"
#include "transport/httpexchange.h"

CoinRemitterWebhook::CoinRemitterWebhook(InvoiceService& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{ }

void CoinRemitterWebhook::handle(const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange)
{
    if (m_service.provider().name() != QLatin1String("coinremitter")) {
        exchange->respondJson(200,
            QJsonObject {{QStringLiteral("status"), QStringLiteral("ignored")},
                {QStringLiteral("reason"), QStringLiteral("This FinAgent does not use CoinRemitter.")}});
        return;
    }
    const Result<QString> invoiceId =
        m_service.provider().verifyWebhook(request.header("content-type"), request.body);
    if (!invoiceId) {
        qCInfo(lcPayments).noquote() << "webhook refused:" << invoiceId.error().message;
        exchange->respondJson(400,
            QJsonObject {{QStringLiteral("status"), QStringLiteral("invalid")},
                {QStringLiteral("message"), invoiceId.error().message}});
        return;
    }
    exchange->setBusy(true);
    const QString id = invoiceId.value();
    m_service.confirmWebhook(id, this, [exchange, id](Result<WebhookOutcome> outcome) {
        if (!outcome) {
            qCWarning(lcPayments).noquote() << "webhook for CoinRemitter invoice" << id
                                            << "could not be confirmed:" << outcome.error().message;
            exchange->respondJson(503,
                QJsonObject {{QStringLiteral("status"), QStringLiteral("retry_later")},
                    {QStringLiteral("message"),
                        QStringLiteral("The invoice could not be confirmed with CoinRemitter now; send it "
                                       "again later.")}},
                {{"Retry-After", "60"}});
            return;
        }
        QJsonObject body;
        switch (outcome.value().kind) {
        case WebhookOutcome::Kind::Ignored:
            qCInfo(lcPayments).noquote() << "webhook for unknown CoinRemitter invoice" << id << "ignored";
            body.insert(QStringLiteral("status"), QStringLiteral("ignored"));
            break;
        case WebhookOutcome::Kind::Unchanged:
            body.insert(QStringLiteral("status"), QStringLiteral("unchanged"));
            break;
        case WebhookOutcome::Kind::Applied:
            qCInfo(lcPayments).noquote()
                << "webhook for CoinRemitter invoice" << id << "applied:" << outcome.value().invoice->status;
            body.insert(QStringLiteral("status"), QStringLiteral("applied"));
            break;
        }
        exchange->respondJson(200, body);
    });
}
