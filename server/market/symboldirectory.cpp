#include "market/symboldirectory.h"

#include <algorithm>
#include <tuple>

namespace
{

// Quote assets people mean first when several pairs are equally close.
int quoteRank(const QString& quote)
{
    static const QStringList preferred {QStringLiteral("USDT"), QStringLiteral("USDC"),
        QStringLiteral("FDUSD"), QStringLiteral("BTC"), QStringLiteral("ETH"), QStringLiteral("BNB")};
    const int i = int(preferred.indexOf(quote));
    return i < 0 ? int(preferred.size()) : i;
}

} // namespace

void SymbolDirectory::add(const SymbolInfo& info)
{
    if (!m_bySymbol.contains(info.symbol))
        m_order.append(info.symbol);
    m_bySymbol.insert(info.symbol, info);
    if (info.isTrading()) {
        ++m_bases[info.baseAsset];
        ++m_quotes[info.quoteAsset];
    }
}

std::optional<SymbolInfo> SymbolDirectory::find(const QString& symbol) const
{
    auto it = m_bySymbol.constFind(symbol);
    if (it == m_bySymbol.constEnd())
        return std::nullopt;
    return *it;
}

int SymbolDirectory::editDistance(const QString& a, const QString& b)
{
    const int n = int(a.size());
    const int m = int(b.size());
    QVector<int> row(m + 1);
    for (int j = 0; j <= m; ++j)
        row[j] = j;
    for (int i = 1; i <= n; ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= m; ++j) {
            const int above = row[j];
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[m];
}

QStringList SymbolDirectory::suggestions(const QString& text, int max) const
{
    const QString q = text.trimmed().toUpper();
    if (q.isEmpty() || max <= 0)
        return {};
    const int maxDistance = std::max<int>(2, int(q.size()) / 3);
    // (distance, quote preference, length, symbol)
    QVector<std::tuple<int, int, int, QString>> scored;
    for (const QString& symbol : m_order) {
        const SymbolInfo& info = m_bySymbol[symbol];
        if (!info.isTrading())
            continue;
        int d = editDistance(q, symbol);
        // "BTCX" is close to the base asset BTC even though far from "BTCUSDT".
        d = std::min(d, editDistance(q, info.baseAsset) + 1);
        if (q.size() >= 3 && symbol.contains(q))
            d = std::min(d, 1 + int(symbol.size() - q.size()) / 4);
        if (q.size() >= 3 && symbol.startsWith(q))
            d = std::min(d, 1);
        // "SOLBTC" is not listed, but SOL is: offer SOL's pairs.
        if (info.baseAsset.size() >= 2 && q.startsWith(info.baseAsset))
            d = std::min(d, 2);
        if (d <= maxDistance)
            scored.append({d, quoteRank(info.quoteAsset), int(symbol.size()), symbol});
    }
    std::sort(scored.begin(), scored.end());
    QStringList out;
    for (const auto& s : scored) {
        out.append(std::get<3>(s));
        if (out.size() >= max)
            break;
    }
    return out;
}

QStringList SymbolDirectory::completions(const QString& prefix, int max) const
{
    const QString p = prefix.trimmed().toUpper();
    QVector<std::tuple<int, int, QString>> matches;
    for (const QString& symbol : m_order) {
        const SymbolInfo& info = m_bySymbol[symbol];
        if (info.isTrading() && symbol.startsWith(p))
            matches.append({quoteRank(info.quoteAsset), int(symbol.size()), symbol});
    }
    std::sort(matches.begin(), matches.end());
    QStringList out;
    for (const auto& m : matches) {
        if (out.size() >= max)
            break;
        out.append(std::get<2>(m));
    }
    return out;
}
