#include "runtime/wiring.h"

#include "config/settings.h"
#include "market/coingeckoclient.h"
#include "market/marketdataservice.h"
#include "market/markettools.h"
#include "runtime/healthmonitor.h"
#include "runtime/metrics.h"
#include "runtime/runtime.h"

#include <QJsonArray>

namespace
{

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
            problems << QStringLiteral("%1: %2").arg(
                p.value(QStringLiteral("name")).toString(), p.value(QStringLiteral("last_error")).toString());
        else if (status == QLatin1String("rate_limited"))
            problems << QStringLiteral("%1 is rate limited").arg(p.value(QStringLiteral("name")).toString());
    }
    SubsystemHealth h;
    h.status = problems.isEmpty() ? QStringLiteral("ok") : QStringLiteral("degraded");
    h.detail = problems.isEmpty() ? QStringLiteral("Binance and CoinGecko reachable or not yet asked")
                                  : problems.join(QLatin1String("; "));
    h.data =
        QJsonObject {{QStringLiteral("providers"), providers}, {QStringLiteral("stats"), market.stats()}};
    return h;
}

// The fetcher's own counters, summed over each provider's endpoints.
void writeCacheMetrics(const MarketDataService& market, PrometheusText& out)
{
    const QJsonObject providers = market.stats().value(QStringLiteral("providers")).toObject();
    const struct
    {
        const char* metric;
        const char* field;
        const char* help;
    } families[] = {
        {"finagent_cache_hits_total", "cache_hits",
            "Market data answers served from the cache, by provider."},
        {"finagent_cache_misses_total", "cache_misses",
            "Market data requests the cache could not answer, by provider."},
        {"finagent_cache_coalesced_total", "coalesced",
            "Market data requests that joined an identical request already in flight, by provider."},
    };
    for (const auto& f : families) {
        const QString name = QString::fromLatin1(f.metric);
        out.family(name, "counter", QString::fromLatin1(f.help));
        for (auto it = providers.constBegin(); it != providers.constEnd(); ++it)
            out.sample(name, {{QStringLiteral("provider"), it.key()}},
                it.value().toObject().value(QLatin1String(f.field)).toInteger());
    }
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
    runtime.addReadinessDetail(QStringLiteral("market"), [market]() { return QJsonValue(market->health()); });

    Metrics& metrics = runtime.metrics();
    QObject::connect(market, &MarketDataService::upstreamRequest, &metrics,
        [&metrics](const QString& provider, const QString& endpoint, int status, qint64) {
            metrics.countUpstreamRequest(provider, endpoint, status);
        });
    metrics.addCollector([market](PrometheusText& out) { writeCacheMetrics(*market, out); });
}
