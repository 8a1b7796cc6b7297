#include "payments/sandboxprovider.h"

#include "payments/amountrules.h"
#include "payments/sandboxaddress.h"
#include "payments/sandboxledger.h"
#include "storage/database.h"
#include "storage/invoicerecord.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMetaObject>
#include <QPointer>

namespace
{

// Answers from the event loop, never before the call returns, as every provider does.
template<typename T> void later(QObject* ctx, std::function<void(Result<T>)> done, Result<T> result)
{
    QPointer<QObject> guard(ctx);
    QMetaObject::invokeMethod(
        ctx,
        [guard, done = std::move(done), result = std::move(result)]() {
            if (guard && done)
                done(result);
        },
        Qt::QueuedConnection);
}

} // namespace

SandboxProvider::SandboxProvider(Database& db, NetworkCatalog networks, QString pageBaseUrl, QObject* parent)
    : PaymentProvider(parent)
    , m_db(db)
    , m_networks(std::move(networks))
    , m_pageBase(std::move(pageBaseUrl))
    , m_clock([]() { return QDateTime::currentMSecsSinceEpoch(); })
{ }

bool SandboxProvider::isUsdStablecoin(const QString& ticker)
{
    return ticker == QLatin1String("USDT") || ticker == QLatin1String("USDC");
}

void SandboxProvider::createInvoice(
    const ProviderInvoiceRequest& request, QObject* ctx, Done<ProviderInvoice> done)
{
    const PaymentNetwork& network = request.network;
    ProviderInvoice out;
    if (request.currency == QLatin1String("USD")) {
        if (!isUsdStablecoin(network.ticker)) {
            later<ProviderInvoice>(ctx ? ctx : this, std::move(done),
                Error(QStringLiteral("unsupported_currency"),
                    QStringLiteral(
                        "The sandbox converts US dollars only into USD stablecoins; give the amount in %1 "
                        "for the %2 network.")
                        .arg(network.ticker, network.network)));
            return;
        }
        out.amountUsd = request.amount;
        out.amountCoin = request.amount;
    } else {
        out.amountCoin = request.amount;
        if (isUsdStablecoin(network.ticker))
            out.amountUsd = request.amount;
    }
    out.address = SandboxAddress::forInvoice(request.invoiceId, network);
    out.paymentUrl = m_pageBase + pagePath() + request.invoiceId;
    out.status = QStringLiteral("pending");
    out.expiresAt = m_clock() + qint64(request.expiresInMinutes) * 60 * 1000;
    later<ProviderInvoice>(ctx ? ctx : this, std::move(done), out);
}

void SandboxProvider::getInvoice(const InvoiceRecord& invoice, QObject* ctx, Done<ProviderInvoice> done)
{
    // The sandbox is FinAgent itself: the stored invoice is the truth.
    ProviderInvoice out;
    out.paymentUrl = invoice.paymentUrl;
    out.address = invoice.address;
    if (invoice.amountUsd)
        out.amountUsd = Decimal::parse(*invoice.amountUsd);
    out.amountCoin = invoice.amountCoin ? Decimal::parse(*invoice.amountCoin).value_or(Decimal()) : Decimal();
    out.status = invoice.status;
    out.paidAmount = Decimal::parse(invoice.paidAmount).value_or(Decimal());
    out.expiresAt = invoice.expiresAt;
    later<ProviderInvoice>(ctx ? ctx : this, std::move(done), out);
}

void SandboxProvider::balance(const PaymentNetwork& network, QObject* ctx, Done<WalletBalance> done)
{
    const qint64 now = m_clock();
    m_db.run<SandboxLedger::NetworkTotal>(
        ctx, [name = network.network](QSqlDatabase& db) { return SandboxLedger::totalJob(db, name); },
        [network, now, done = std::move(done)](Result<SandboxLedger::NetworkTotal> total) {
            if (!total) {
                done(total.error());
                return;
            }
            WalletBalance b;
            b.network = network;
            b.balance = total.value().total;
            if (isUsdStablecoin(network.ticker))
                b.usdValue = total.value().total;
            b.source = QStringLiteral("sandbox: the sum of %1 simulated payment(s) on %2")
                           .arg(total.value().payments)
                           .arg(network.network);
            b.fetchedAt = now;
            done(b);
        });
}

void SandboxProvider::walletStatus(QObject* ctx, std::function<void(QJsonObject)> done)
{
    const QJsonObject status {{QStringLiteral("configured"), QJsonArray::fromStringList(m_networks.coins())},
        {QStringLiteral("missing"), QJsonArray()}};
    QPointer<QObject> guard(ctx ? ctx : this);
    QMetaObject::invokeMethod(
        guard.data(),
        [guard, done = std::move(done), status]() {
            if (guard && done)
                done(status);
        },
        Qt::QueuedConnection);
}
