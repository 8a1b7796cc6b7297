#include "payments/sandboxpage.h"

#include "payments/invoicejson.h"
#include "payments/invoiceservice.h"
#include "payments/sandboxprovider.h"
#include "transport/httpexchange.h"

#include <QRegularExpression>

namespace
{

const char kStyle[] =
    "body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;"
    "color:#1d2433;background:#f7f8fa}"
    "main{background:#fff;border:1px solid #dde1e8;border-radius:10px;padding:1.5rem}"
    "h1{font-size:1.3rem;margin:0 0 .3rem}.sandbox{color:#8a5a00;font-weight:600}"
    "dl{display:grid;grid-template-columns:auto 1fr;gap:.5rem 1rem}dt{color:#5b6475}"
    "dd{margin:0;word-break:break-all}.amount{font-size:1.4rem;font-weight:700}"
    "code{background:#eef1f5;padding:.1rem .3rem;border-radius:4px}"
    ".status{font-weight:700}.paid,.overpaid{color:#17803d}.expired,.cancelled{color:#b42318}"
    ".pending,.underpaid{color:#8a5a00}";

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QByteArray page(const QString& title, const QString& body, bool refresh)
{
    const QString html =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                       "<meta name=\"robots\" content=\"noindex\">%1"
                       "<title>%2</title><style>%3</style></head><body><main>%4</main></body></html>\n")
            .arg(refresh ? QStringLiteral("<meta http-equiv=\"refresh\" content=\"10\">") : QString(),
                esc(title), QLatin1String(kStyle), body);
    return html.toUtf8();
}

HeaderList pageHeaders()
{
    return {{"Content-Security-Policy", SandboxPage::contentSecurityPolicy()}, {"X-Robots-Tag", "noindex"}};
}

} // namespace

SandboxPage::SandboxPage(InvoiceService& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{ }

QString SandboxPage::routePattern()
{
    return SandboxProvider::pagePath() + QStringLiteral("inv_[a-z2-7]{16}");
}

QByteArray SandboxPage::contentSecurityPolicy()
{
    return "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
           "frame-ancestors 'none'";
}

QByteArray SandboxPage::render(const InvoiceRecord& inv, const NetworkCatalog& networks, qint64 nowMs)
{
    const PaymentNetwork network = SandboxLedger::networkOf(networks, inv);
    const QString coinAmount = inv.amountCoin.value_or(QString());
    QString body = QStringLiteral("<p class=\"sandbox\">Sandbox: no real money moves on this page.</p>");
    body += QStringLiteral("<h1>Payment request</h1>");
    if (!inv.description.isEmpty())
        body += QStringLiteral("<p>%1</p>").arg(esc(inv.description));
    body += QStringLiteral("<dl>");
    body += QStringLiteral("<dt>Amount</dt><dd class=\"amount\">%1 %2</dd>")
                .arg(esc(coinAmount), esc(network.ticker));
    if (inv.amountUsd)
        body += QStringLiteral("<dt>In US dollars</dt><dd>%1 USD</dd>").arg(esc(*inv.amountUsd));
    body += QStringLiteral("<dt>Network</dt><dd>%1</dd>").arg(esc(network.displayName));
    body += QStringLiteral("<dt>Address</dt><dd><code>%1</code></dd>").arg(esc(inv.address));
    body += QStringLiteral("<dt>Status</dt><dd class=\"status %1\">%1</dd>").arg(esc(inv.status));
    body +=
        QStringLiteral("<dt>Paid so far</dt><dd>%1 %2</dd>").arg(esc(inv.paidAmount), esc(network.ticker));
    body +=
        QStringLiteral("<dt>Expires</dt><dd>%1 UTC</dd>")
            .arg(esc(InvoiceJson::iso(inv.expiresAt).replace(QLatin1Char('T'), QLatin1Char(' ')).chopped(5)));
    body += QStringLiteral("<dt>Invoice</dt><dd><code>%1</code></dd>").arg(esc(inv.id));
    body += QStringLiteral("</dl>");
    const bool open = InvoiceRecord::openStatuses().contains(inv.status) && nowMs < inv.expiresAt;
    if (open) {
        body += QStringLiteral(
            "<h2>Simulate the payment</h2><p>In the sandbox, payments are simulated. Any of these does "
            "it:</p><ul>"
            "<li>run <code>finagent sandbox pay %1</code> (add <code>--under AMOUNT</code>, <code>--over "
            "AMOUNT</code> "
            "or <code>--expire</code> for the other outcomes);</li>"
            "<li>ask your assistant to call <code>simulate_payment</code> for invoice <code>%1</code>;</li>"
            "<li>use the Invoices page of the FinAgent window.</li></ul>"
            "<p>This page refreshes itself every 10 seconds.</p>")
                    .arg(esc(inv.id));
    }
    return page(QStringLiteral("Payment %1").arg(inv.id), body, open);
}

void SandboxPage::handle(const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange)
{
    static const QRegularExpression shape(QStringLiteral("^inv_[a-z2-7]{16}$"));
    const QString id = request.path.mid(SandboxProvider::pagePath().size());
    const auto notFound = [exchange]() {
        exchange->respond(404, "text/html; charset=utf-8",
            page(QStringLiteral("No such payment"),
                QStringLiteral(
                    "<h1>No such payment</h1><p>There is no sandbox invoice at this address. Check the link "
                    "you were given.</p>"),
                false),
            pageHeaders());
    };
    if (!shape.match(id).hasMatch()) {
        notFound();
        return;
    }
    exchange->setBusy(true);
    m_service.get(id, this, [this, exchange, notFound](Result<InvoiceRecord> inv) {
        if (!inv) {
            if (inv.error().code == QLatin1String("not_found")) {
                notFound();
                return;
            }
            exchange->respond(503, "text/html; charset=utf-8",
                page(QStringLiteral("Try again"),
                    QStringLiteral("<h1>Try again</h1><p>The invoice cannot be read right now.</p>"), false),
                pageHeaders());
            return;
        }
        if (inv.value().provider != QLatin1String("sandbox")) {
            notFound();
            return;
        }
        exchange->respond(200, "text/html; charset=utf-8",
            render(inv.value(), m_service.networks(), m_service.now()), pageHeaders());
    });
}
