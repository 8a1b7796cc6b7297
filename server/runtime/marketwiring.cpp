#include "runtime/wiring.h"

#include "config/settings.h"
#include "market/coingeckoclient.h"
#include "market/marketdataservice.h"
#include "market/markettools.h"
#include "runtime/healthmonitor.h"
#include "runtime/runtime.h"

#include <QJsonArray>

namespace {

SubsystemHealth marketHealth(const MarketDataService& market)
{
    // health() holds one object per provider with a status: unknown (not asked yet), ok, failing
    // (the last request failed) or rate_limited.
    const QJsonObject providers = market.health();
    QStringList problems;
    for (auto it = providers.constBegin(); it != providers.constEnd(); ++it) {
        const QJsonObject p = it.value().toObject();
        const QString status = p.value(QStringLiteral("status")).toString();
        if (status == QLatin1String("failing"))
            problems << QStringLiteral("%1: %2").arg(p.value(QStringLiteral("name")).toString(), p.value(QStringLiteral("last_error")).toString());
        else if (status == QLatin1String("rate_limited"))
            problems << QStringLiteral("%1 is rate limited").arg(p.value(QStringLiteral("name")).toString());
    }
    SubsystemHealth h;
    h.status = problems.isEmpty() ? QStringLiteral("ok") : QStringLiteral("degraded");
    h.detail = problems.isEmpty() ? QStringLiteral("Binance and CoinGecko reachable or not yet asked")
                                  : problems.join(QLatin1String("; "));
    h.data = QJsonObject{{QStringLiteral("providers"), providers}, {QStringLiteral("stats"), market.stats()}};
    return h;
}

} // namespace

void wireMarket(Runtime& runtime)
{
    auto* market = new MarketDataService(runtime.network(), runtime.settings(), runtime.secrets(), &runtime);
    const int perMinute = runtime.settings().integer(QStringLiteral("market.coingecko_calls_per_minute"));
    if (perMinute > 0)
        market->setRateLimit(QString::fromLatin1(CoinGeckoClient::kProvider), perMinute);
    registerMarketTools(runtime.registry(), *market, runtime.settings());
    runtime.health().addStatic(QStringLiteral("market"), [market]() { return marketHealth(*market); });
}
