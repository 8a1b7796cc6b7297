#include "payments/paymentsconfig.h"

#include "config/settings.h"

#include <QUrl>

namespace
{

QString withoutTrailingSlash(QString url)
{
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

} // namespace

PaymentsConfig PaymentsConfig::fromSettings(const Settings& settings)
{
    PaymentsConfig c;
    const QString provider = settings.string(QStringLiteral("payments.provider")).trimmed().toLower();
    if (providers().contains(provider)) {
        c.provider = provider;
    } else {
        c.problems.append(
            QStringLiteral("payments.provider is \"%1\", which is not one of %2; the sandbox is used.")
                .arg(provider, providers().join(QStringLiteral(", "))));
    }
    c.coinremitterUrl =
        withoutTrailingSlash(settings.string(QStringLiteral("payments.coinremitter_url")).trimmed());
    c.networks = NetworkCatalog::fromWallets(settings.list(QStringLiteral("payments.wallets")), &c.problems);
    c.invoiceExpiryMinutes =
        qBound(1, settings.integer(QStringLiteral("payments.invoice_expiry_minutes")), 60 * 24 * 30);
    c.refreshIntervalMs =
        qBound(50, settings.integer(QStringLiteral("payments.refresh_interval_ms")), 3600 * 1000);
    c.publicUrl = withoutTrailingSlash(settings.string(QStringLiteral("payments.public_url")).trimmed());

    QString host = settings.string(QStringLiteral("http.host")).trimmed();
    if (host.isEmpty() || host == QLatin1String("0.0.0.0"))
        host = QStringLiteral("127.0.0.1");
    QUrl endpoint;
    endpoint.setScheme(QStringLiteral("http"));
    endpoint.setHost(host);
    endpoint.setPort(settings.integer(QStringLiteral("http.port")));
    c.endpointUrl = endpoint.toString();
    return c;
}

QString PaymentsConfig::notifyUrl() const
{
    if (publicUrl.isEmpty())
        return {};
    return publicUrl + QStringLiteral("/webhooks/coinremitter");
}
