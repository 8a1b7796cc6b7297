// FakeCoinGecko: coins/markets, coins/{id}, search and search/trending.
#include "fakecoingecko.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace
{

QString isoDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString dollars(double value)
{
    return QLatin1Char('$')
        + QLocale(QLocale::English, QLocale::UnitedStates).toString(qlonglong(std::llround(value)));
}

bool flagOn(const RecordedRequest& request, const char* name, bool byDefault)
{
    const QString value = request.queryValue(QLatin1String(name)).toLower();
    if (value.isEmpty())
        return byDefault;
    return value == QLatin1String("true");
}

// Longer-period changes, derived from the 7-day one so the demo data stays consistent.
double periodChange(const FakeCoinGeckoData::Coin& c, const QString& period)
{
    if (period == QLatin1String("1h"))
        return c.change1hPct;
    if (period == QLatin1String("24h"))
        return c.change24hPct;
    if (period == QLatin1String("7d"))
        return c.change7dPct;
    if (period == QLatin1String("14d"))
        return c.change7dPct * 1.6;
    if (period == QLatin1String("30d"))
        return c.change7dPct * 2.4;
    if (period == QLatin1String("60d"))
        return c.change7dPct * 3.5;
    if (period == QLatin1String("200d"))
        return c.change7dPct * 6.0;
    if (period == QLatin1String("1y"))
        return c.change7dPct * 9.0 + 20.0;
    return 0;
}

} // namespace

QJsonArray FakeCoinGecko::sparkline7d(const Coin& c) const
{
    // 168 hourly prices from a week ago to now, with a little deterministic wobble.
    QJsonArray prices;
    const double end = c.priceUsd;
    const double start = end / (1 + c.change7dPct / 100);
    const double seed = double(c.imageId % 97);
    for (int i = 0; i < 168; ++i) {
        const double trend = start + (end - start) * i / 167.0;
        const double wobble = 0.012 * std::sin(i * 0.37 + seed) + 0.006 * std::sin(i * 1.91 + seed * 2);
        prices.append(i == 167 ? end : trend * (1 + wobble));
    }
    return prices;
}

FakeUpstream::Reply FakeCoinGecko::coinsMarkets(const RecordedRequest& request) const
{
    const QString vs = request.queryValue(QStringLiteral("vs_currency")).toLower();
    if (vs.isEmpty())
        return errorMessage(QStringLiteral("Missing parameter vs_currency"));
    const auto rate = perUsd(vs);
    if (!rate)
        return errorMessage(QStringLiteral("invalid vs_currency"));

    const auto listOf = [&](const char* name) {
        QStringList out;
        for (const QString& p :
            request.queryValue(QLatin1String(name)).split(QLatin1Char(','), Qt::SkipEmptyParts))
            out.append(p.trimmed().toLower());
        return out;
    };
    const QStringList ids = listOf("ids");
    const QStringList symbols = listOf("symbols");
    const QStringList names = listOf("names");
    const QString category = request.queryValue(QStringLiteral("category"));

    QList<Coin> picked;
    for (const QString& id : m_order) {
        const Coin& c = m_coins[id];
        if (!ids.isEmpty() && !ids.contains(c.id))
            continue;
        if (!symbols.isEmpty() && !symbols.contains(c.symbol.toLower()))
            continue;
        if (!names.isEmpty() && !names.contains(c.name.toLower()))
            continue;
        if (!category.isEmpty()) {
            bool inCategory = false;
            for (const QString& name : c.categories)
                inCategory = inCategory || slug(name) == category;
            if (!inCategory)
                continue;
        }
        picked.append(c);
    }

    const QString order = request.queryValue(QStringLiteral("order"));
    std::stable_sort(picked.begin(), picked.end(), [&](const Coin& a, const Coin& b) {
        if (order == QLatin1String("market_cap_asc"))
            return a.priceUsd * a.circulatingSupply < b.priceUsd * b.circulatingSupply;
        if (order == QLatin1String("volume_desc"))
            return a.totalVolumeUsd > b.totalVolumeUsd;
        if (order == QLatin1String("volume_asc"))
            return a.totalVolumeUsd < b.totalVolumeUsd;
        if (order == QLatin1String("id_asc"))
            return a.id < b.id;
        if (order == QLatin1String("id_desc"))
            return a.id > b.id;
        return a.priceUsd * a.circulatingSupply > b.priceUsd * b.circulatingSupply;
    });

    bool ok = false;
    int perPage = request.queryValue(QStringLiteral("per_page")).toInt(&ok);
    perPage = ok ? std::clamp(perPage, 1, 250) : 100;
    int page = request.queryValue(QStringLiteral("page")).toInt(&ok);
    page = ok && page > 0 ? page : 1;
    const bool withSparkline = flagOn(request, "sparkline", false);
    const QStringList periods = request.queryValue(QStringLiteral("price_change_percentage"))
                                    .split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString precision = request.queryValue(QStringLiteral("precision"));

    QJsonArray list;
    for (qsizetype i = qsizetype(page - 1) * perPage; i < picked.size() && i < qsizetype(page) * perPage;
         ++i) {
        const Coin& c = picked.at(i);
        const double r = *rate;
        const double price = c.priceUsd * r;
        const double open = price / (1 + c.change24hPct / 100);
        const double cap = price * c.circulatingSupply;
        const double ath = c.athUsd * r;
        const double atl = c.atlUsd * r;
        QJsonObject o {
            {QStringLiteral("id"), c.id},
            {QStringLiteral("symbol"), c.symbol},
            {QStringLiteral("name"), c.name},
            {QStringLiteral("image"), imageUrl(c, QStringLiteral("large"))},
            {QStringLiteral("current_price"), withPrecision(price, precision)},
            {QStringLiteral("market_cap"), std::round(cap)},
            {QStringLiteral("market_cap_rank"), c.marketCapRank},
            {QStringLiteral("fully_diluted_valuation"),
                std::round(price * c.maxSupply.value_or(c.totalSupply))},
            {QStringLiteral("total_volume"), std::round(c.totalVolumeUsd * r)},
            {QStringLiteral("high_24h"), std::max(price, open) * 1.012},
            {QStringLiteral("low_24h"), std::min(price, open) * 0.988},
            {QStringLiteral("price_change_24h"), price - open},
            {QStringLiteral("price_change_percentage_24h"), c.change24hPct},
            {QStringLiteral("market_cap_change_24h"), cap - open * c.circulatingSupply},
            {QStringLiteral("market_cap_change_percentage_24h"), c.change24hPct},
            {QStringLiteral("circulating_supply"), c.circulatingSupply},
            {QStringLiteral("total_supply"), c.totalSupply},
            {QStringLiteral("max_supply"), c.maxSupply ? QJsonValue(*c.maxSupply) : QJsonValue()},
            {QStringLiteral("ath"), ath},
            {QStringLiteral("ath_change_percentage"), ath > 0 ? (price / ath - 1) * 100 : 0},
            {QStringLiteral("ath_date"), c.athDate},
            {QStringLiteral("atl"), atl},
            {QStringLiteral("atl_change_percentage"), atl > 0 ? (price / atl - 1) * 100 : 0},
            {QStringLiteral("atl_date"), c.atlDate},
            {QStringLiteral("roi"), QJsonValue()},
            {QStringLiteral("last_updated"), isoDate(updatedMs(c))},
        };
        for (const QString& p : periods)
            o.insert(QStringLiteral("price_change_percentage_%1_in_currency").arg(p.trimmed()),
                periodChange(c, p.trimmed()));
        if (withSparkline)
            o.insert(
                QStringLiteral("sparkline_in_7d"), QJsonObject {{QStringLiteral("price"), sparkline7d(c)}});
        list.append(o);
    }
    return json(list);
}

QJsonObject FakeCoinGecko::marketData(const Coin& c, bool withSparkline) const
{
    QJsonObject current, ath, athChange, athDate, atl, atlChange, atlDate, cap, fdv, volume, high, low;
    QJsonObject change24, pct1h, pct24h, pct7d, pct30d, capChange, capChangePct;
    const double open = c.priceUsd / (1 + c.change24hPct / 100);
    for (const QString& vs : supportedVsCurrencies()) {
        const double r = perUsd(vs).value_or(0);
        const double price = c.priceUsd * r;
        current.insert(vs, price);
        ath.insert(vs, c.athUsd * r);
        athChange.insert(vs, c.athUsd > 0 ? (c.priceUsd / c.athUsd - 1) * 100 : 0);
        athDate.insert(vs, c.athDate);
        atl.insert(vs, c.atlUsd * r);
        atlChange.insert(vs, c.atlUsd > 0 ? (c.priceUsd / c.atlUsd - 1) * 100 : 0);
        atlDate.insert(vs, c.atlDate);
        cap.insert(vs, std::round(price * c.circulatingSupply));
        fdv.insert(vs, std::round(price * c.maxSupply.value_or(c.totalSupply)));
        volume.insert(vs, std::round(c.totalVolumeUsd * r));
        high.insert(vs, std::max(c.priceUsd, open) * 1.012 * r);
        low.insert(vs, std::min(c.priceUsd, open) * 0.988 * r);
        change24.insert(vs, (c.priceUsd - open) * r);
        pct1h.insert(vs, c.change1hPct);
        pct24h.insert(vs, c.change24hPct);
        pct7d.insert(vs, c.change7dPct);
        pct30d.insert(vs, periodChange(c, QStringLiteral("30d")));
        capChange.insert(vs, (c.priceUsd - open) * r * c.circulatingSupply);
        capChangePct.insert(vs, c.change24hPct);
    }
    QJsonObject m {
        {QStringLiteral("current_price"), current},
        {QStringLiteral("total_value_locked"), QJsonValue()},
        {QStringLiteral("mcap_to_tvl_ratio"), QJsonValue()},
        {QStringLiteral("fdv_to_tvl_ratio"), QJsonValue()},
        {QStringLiteral("roi"), QJsonValue()},
        {QStringLiteral("ath"), ath},
        {QStringLiteral("ath_change_percentage"), athChange},
        {QStringLiteral("ath_date"), athDate},
        {QStringLiteral("atl"), atl},
        {QStringLiteral("atl_change_percentage"), atlChange},
        {QStringLiteral("atl_date"), atlDate},
        {QStringLiteral("market_cap"), cap},
        {QStringLiteral("market_cap_rank"), c.marketCapRank},
        {QStringLiteral("fully_diluted_valuation"), fdv},
        {QStringLiteral("market_cap_fdv_ratio"),
            c.circulatingSupply / std::max(1.0, c.maxSupply.value_or(c.totalSupply))},
        {QStringLiteral("total_volume"), volume},
        {QStringLiteral("high_24h"), high},
        {QStringLiteral("low_24h"), low},
        {QStringLiteral("price_change_24h"), c.priceUsd - open},
        {QStringLiteral("price_change_percentage_24h"), c.change24hPct},
        {QStringLiteral("price_change_percentage_7d"), c.change7dPct},
        {QStringLiteral("price_change_percentage_14d"), periodChange(c, QStringLiteral("14d"))},
        {QStringLiteral("price_change_percentage_30d"), periodChange(c, QStringLiteral("30d"))},
        {QStringLiteral("price_change_percentage_60d"), periodChange(c, QStringLiteral("60d"))},
        {QStringLiteral("price_change_percentage_200d"), periodChange(c, QStringLiteral("200d"))},
        {QStringLiteral("price_change_percentage_1y"), periodChange(c, QStringLiteral("1y"))},
        {QStringLiteral("market_cap_change_24h"), (c.priceUsd - open) * c.circulatingSupply},
        {QStringLiteral("market_cap_change_percentage_24h"), c.change24hPct},
        {QStringLiteral("price_change_24h_in_currency"), change24},
        {QStringLiteral("price_change_percentage_1h_in_currency"), pct1h},
        {QStringLiteral("price_change_percentage_24h_in_currency"), pct24h},
        {QStringLiteral("price_change_percentage_7d_in_currency"), pct7d},
        {QStringLiteral("price_change_percentage_30d_in_currency"), pct30d},
        {QStringLiteral("market_cap_change_24h_in_currency"), capChange},
        {QStringLiteral("market_cap_change_percentage_24h_in_currency"), capChangePct},
        {QStringLiteral("total_supply"), c.totalSupply},
        {QStringLiteral("max_supply"), c.maxSupply ? QJsonValue(*c.maxSupply) : QJsonValue()},
        {QStringLiteral("max_supply_infinite"), !c.maxSupply.has_value()},
        {QStringLiteral("circulating_supply"), c.circulatingSupply},
        {QStringLiteral("last_updated"), isoDate(updatedMs(c))},
    };
    if (withSparkline)
        m.insert(QStringLiteral("sparkline_7d"), QJsonObject {{QStringLiteral("price"), sparkline7d(c)}});
    return m;
}

FakeUpstream::Reply FakeCoinGecko::coinById(const QString& id, const RecordedRequest& request) const
{
    const auto it = m_coins.constFind(id);
    if (it == m_coins.constEnd())
        return errorMessage(QStringLiteral("coin not found"), 404);
    const Coin& c = *it;
    const QString updated = isoDate(updatedMs(c));

    QJsonObject o {
        {QStringLiteral("id"), c.id},
        {QStringLiteral("symbol"), c.symbol},
        {QStringLiteral("name"), c.name},
        {QStringLiteral("web_slug"), c.id},
        {QStringLiteral("asset_platform_id"), QJsonValue()},
        {QStringLiteral("platforms"), QJsonObject {{QString(), QString()}}},
        {QStringLiteral("detail_platforms"),
            QJsonObject {{QString(),
                QJsonObject {{QStringLiteral("decimal_place"), QJsonValue()},
                    {QStringLiteral("contract_address"), QString()}}}}},
        {QStringLiteral("block_time_in_minutes"), c.blockTimeMinutes},
        {QStringLiteral("hashing_algorithm"),
            c.hashingAlgorithm.isEmpty() ? QJsonValue() : QJsonValue(c.hashingAlgorithm)},
        {QStringLiteral("categories"), QJsonArray::fromStringList(c.categories)},
        {QStringLiteral("preview_listing"), false},
        {QStringLiteral("public_notice"), QJsonValue()},
        {QStringLiteral("additional_notices"), QJsonArray()},
        {QStringLiteral("description"), QJsonObject {{QStringLiteral("en"), c.description}}},
        {QStringLiteral("links"),
            QJsonObject {{QStringLiteral("homepage"), QJsonArray {c.homepage, QString(), QString()}},
                {QStringLiteral("whitepaper"), QString()}, {QStringLiteral("blockchain_site"), QJsonArray()},
                {QStringLiteral("official_forum_url"), QJsonArray()},
                {QStringLiteral("chat_url"), QJsonArray()},
                {QStringLiteral("announcement_url"), QJsonArray()},
                {QStringLiteral("snapshot_url"), QJsonValue()}, {QStringLiteral("twitter_screen_name"), c.id},
                {QStringLiteral("facebook_username"), QString()},
                {QStringLiteral("bitcointalk_thread_identifier"), QJsonValue()},
                {QStringLiteral("telegram_channel_identifier"), QString()},
                {QStringLiteral("subreddit_url"), QStringLiteral("https://www.reddit.com/r/%1/").arg(c.name)},
                {QStringLiteral("repos_url"),
                    QJsonObject {{QStringLiteral("github"), QJsonArray()},
                        {QStringLiteral("bitbucket"), QJsonArray()}}}}},
        {QStringLiteral("image"),
            QJsonObject {{QStringLiteral("thumb"), imageUrl(c, QStringLiteral("thumb"))},
                {QStringLiteral("small"), imageUrl(c, QStringLiteral("small"))},
                {QStringLiteral("large"), imageUrl(c, QStringLiteral("large"))}}},
        {QStringLiteral("country_origin"), QString()},
        {QStringLiteral("genesis_date"), c.genesisDate.isEmpty() ? QJsonValue() : QJsonValue(c.genesisDate)},
        {QStringLiteral("sentiment_votes_up_percentage"), 78.4},
        {QStringLiteral("sentiment_votes_down_percentage"), 21.6},
        {QStringLiteral("watchlist_portfolio_users"), 1600000 / std::max(1, c.marketCapRank)},
        {QStringLiteral("market_cap_rank"), c.marketCapRank},
        {QStringLiteral("status_updates"), QJsonArray()},
        {QStringLiteral("last_updated"), updated},
    };

    if (flagOn(request, "localization", true)) {
        QJsonObject names;
        const char* const locales[] = {"en", "de", "es", "fr", "it", "pl", "ro", "hu", "nl", "pt", "sv", "vi",
            "tr", "ru", "ja", "zh", "zh-tw", "ko", "ar", "th", "id", "cs", "da", "el", "hi", "no", "sk", "uk",
            "he", "fi", "bg", "hr", "lt", "sl"};
        for (const char* locale : locales)
            names.insert(QLatin1String(locale), c.name);
        o.insert(QStringLiteral("localization"), names);
    }
    if (flagOn(request, "market_data", true))
        o.insert(QStringLiteral("market_data"), marketData(c, flagOn(request, "sparkline", false)));
    if (flagOn(request, "community_data", true)) {
        const int scale = 1000000 / std::max(1, c.marketCapRank);
        o.insert(QStringLiteral("community_data"),
            QJsonObject {{QStringLiteral("facebook_likes"), QJsonValue()},
                {QStringLiteral("twitter_followers"), scale * 6},
                {QStringLiteral("reddit_average_posts_48h"), 0.0},
                {QStringLiteral("reddit_average_comments_48h"), 0.0},
                {QStringLiteral("reddit_subscribers"), scale * 4},
                {QStringLiteral("reddit_accounts_active_48h"), scale / 100},
                {QStringLiteral("telegram_channel_user_count"), QJsonValue()}});
    }
    if (flagOn(request, "developer_data", true)) {
        const int scale = 40000 / std::max(1, c.marketCapRank);
        o.insert(QStringLiteral("developer_data"),
            QJsonObject {{QStringLiteral("forks"), scale}, {QStringLiteral("stars"), scale * 2},
                {QStringLiteral("subscribers"), scale / 10}, {QStringLiteral("total_issues"), scale / 5},
                {QStringLiteral("closed_issues"), scale / 6},
                {QStringLiteral("pull_requests_merged"), scale / 3},
                {QStringLiteral("pull_request_contributors"), scale / 40},
                {QStringLiteral("code_additions_deletions_4_weeks"),
                    QJsonObject {{QStringLiteral("additions"), 1570}, {QStringLiteral("deletions"), -1948}}},
                {QStringLiteral("commit_count_4_weeks"), 108},
                {QStringLiteral("last_4_weeks_commit_activity_series"), QJsonArray()}});
    }
    if (flagOn(request, "tickers", true)) {
        const QString base = c.symbol.toUpper();
        const bool stable = c.symbol == QLatin1String("usdt");
        const QString target = stable ? QStringLiteral("USD") : QStringLiteral("USDT");
        const double btc = perUsd(QStringLiteral("btc")).value_or(0);
        const double eth = perUsd(QStringLiteral("eth")).value_or(0);
        const double baseVolume = c.priceUsd > 0 ? c.totalVolumeUsd * 0.12 / c.priceUsd : 0;
        const QString market = stable ? QStringLiteral("Kraken") : QStringLiteral("Binance");
        o.insert(QStringLiteral("tickers"),
            QJsonArray {QJsonObject {
                {QStringLiteral("base"), base},
                {QStringLiteral("target"), target},
                {QStringLiteral("market"),
                    QJsonObject {{QStringLiteral("name"), market},
                        {QStringLiteral("identifier"), market.toLower()},
                        {QStringLiteral("has_trading_incentive"), false}}},
                {QStringLiteral("last"), c.priceUsd},
                {QStringLiteral("volume"), baseVolume},
                {QStringLiteral("converted_last"),
                    QJsonObject {{QStringLiteral("btc"), c.priceUsd * btc},
                        {QStringLiteral("eth"), c.priceUsd * eth}, {QStringLiteral("usd"), c.priceUsd}}},
                {QStringLiteral("converted_volume"),
                    QJsonObject {{QStringLiteral("btc"), c.totalVolumeUsd * 0.12 * btc},
                        {QStringLiteral("eth"), c.totalVolumeUsd * 0.12 * eth},
                        {QStringLiteral("usd"), c.totalVolumeUsd * 0.12}}},
                {QStringLiteral("trust_score"), QStringLiteral("green")},
                {QStringLiteral("bid_ask_spread_percentage"), 0.010013},
                {QStringLiteral("timestamp"), updated},
                {QStringLiteral("last_traded_at"), updated},
                {QStringLiteral("last_fetch_at"), updated},
                {QStringLiteral("is_anomaly"), false},
                {QStringLiteral("is_stale"), false},
                {QStringLiteral("trade_url"),
                    stable
                        ? QStringLiteral("https://pro.kraken.com/app/trade/usdt-usd")
                        : QStringLiteral("https://www.binance.com/en/trade/%1_USDT?ref=37754157").arg(base)},
                {QStringLiteral("token_info_url"), QJsonValue()},
                {QStringLiteral("coin_id"), c.id},
                {QStringLiteral("target_coin_id"),
                    stable ? QJsonValue() : QJsonValue(QStringLiteral("tether"))},
            }});
    }
    return json(o);
}

FakeUpstream::Reply FakeCoinGecko::search(const RecordedRequest& request) const
{
    if (!request.hasQuery(QStringLiteral("query")))
        return errorMessage(QStringLiteral("Missing parameter query"));
    const QString q = request.queryValue(QStringLiteral("query")).trimmed().toLower();
    const auto matches = [&](const QString& text) {
        return !q.isEmpty() && text.toLower().contains(q);
    };

    QList<Coin> found;
    for (const QString& id : m_order) {
        const Coin& c = m_coins[id];
        if (matches(c.id) || matches(c.name) || matches(c.symbol))
            found.append(c);
    }
    // Exact symbol or name matches first, then by market cap rank, as CoinGecko orders them.
    std::stable_sort(found.begin(), found.end(), [&](const Coin& a, const Coin& b) {
        const bool ea = a.symbol.toLower() == q || a.name.toLower() == q;
        const bool eb = b.symbol.toLower() == q || b.name.toLower() == q;
        if (ea != eb)
            return ea;
        return a.marketCapRank < b.marketCapRank;
    });
    QJsonArray coins;
    for (const Coin& c : found) {
        coins.append(QJsonObject {{QStringLiteral("id"), c.id}, {QStringLiteral("name"), c.name},
            {QStringLiteral("api_symbol"), c.id}, {QStringLiteral("symbol"), c.symbol.toUpper()},
            {QStringLiteral("market_cap_rank"), c.marketCapRank},
            {QStringLiteral("thumb"), imageUrl(c, QStringLiteral("thumb"))},
            {QStringLiteral("large"), imageUrl(c, QStringLiteral("large"))}});
    }
    const auto filter = [&](const QJsonArray& all, const char* a, const char* b) {
        QJsonArray out;
        for (const auto& v : all) {
            const QJsonObject o = v.toObject();
            if (matches(o.value(QLatin1String(a)).toString())
                || matches(o.value(QLatin1String(b)).toString()))
                out.append(o);
        }
        return out;
    };
    return json(QJsonObject {
        {QStringLiteral("coins"), coins},
        {QStringLiteral("exchanges"), filter(FakeCoinGeckoData::searchExchanges(), "id", "name")},
        {QStringLiteral("icos"), QJsonArray()},
        {QStringLiteral("categories"), filter(FakeCoinGeckoData::searchCategories(), "id", "name")},
        {QStringLiteral("nfts"), filter(FakeCoinGeckoData::searchNfts(), "name", "symbol")},
    });
}

FakeUpstream::Reply FakeCoinGecko::trending() const
{
    const double btcPerUsd = perUsd(QStringLiteral("btc")).value_or(0);
    QJsonArray coins;
    int score = 0;
    for (const QString& id : m_trending) {
        const auto it = m_coins.constFind(id);
        if (it == m_coins.constEnd())
            continue;
        const Coin& c = *it;
        const double priceBtc = c.priceUsd * btcPerUsd;
        const double cap = c.priceUsd * c.circulatingSupply;
        QJsonObject changes;
        for (const QString& vs : supportedVsCurrencies())
            changes.insert(vs, c.change24hPct);
        const QJsonObject data {
            {QStringLiteral("price"), c.priceUsd},
            {QStringLiteral("price_btc"), QString::number(priceBtc, 'g', 12)},
            {QStringLiteral("price_change_percentage_24h"), changes},
            {QStringLiteral("market_cap"), dollars(cap)},
            {QStringLiteral("market_cap_btc"), QString::number(cap * btcPerUsd, 'f', 2)},
            {QStringLiteral("total_volume"), dollars(c.totalVolumeUsd)},
            {QStringLiteral("total_volume_btc"), QString::number(c.totalVolumeUsd * btcPerUsd, 'f', 2)},
            {QStringLiteral("sparkline"),
                QStringLiteral("https://www.coingecko.com/coins/%1/sparkline.svg").arg(c.imageId)},
            {QStringLiteral("content"), QJsonValue()},
        };
        coins.append(QJsonObject {{QStringLiteral("item"),
            QJsonObject {{QStringLiteral("id"), c.id}, {QStringLiteral("coin_id"), c.imageId},
                {QStringLiteral("name"), c.name}, {QStringLiteral("symbol"), c.symbol.toUpper()},
                {QStringLiteral("market_cap_rank"), c.marketCapRank},
                {QStringLiteral("thumb"), imageUrl(c, QStringLiteral("thumb"))},
                {QStringLiteral("small"), imageUrl(c, QStringLiteral("small"))},
                {QStringLiteral("large"), imageUrl(c, QStringLiteral("large"))},
                {QStringLiteral("slug"), c.id}, {QStringLiteral("price_btc"), priceBtc},
                {QStringLiteral("score"), score++}, {QStringLiteral("data"), data}}}});
    }
    return json(QJsonObject {{QStringLiteral("coins"), coins},
        {QStringLiteral("nfts"), FakeCoinGeckoData::trendingNfts()},
        {QStringLiteral("categories"), FakeCoinGeckoData::trendingCategories()}});
}
