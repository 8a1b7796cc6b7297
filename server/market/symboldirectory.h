#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

// One Binance spot symbol as exchangeInfo lists it.
struct SymbolInfo
{
    QString symbol; // "BTCUSDT"
    QString baseAsset; // "BTC"
    QString quoteAsset; // "USDT"
    QString status; // "TRADING", "HALT", "BREAK"

    bool isTrading() const { return status == QLatin1String("TRADING"); }
};

// The symbols Binance lists, from exchangeInfo: for validating what people type, suggesting
// close matches and completing prompt arguments. Immutable once built; shared from the cache.
class SymbolDirectory
{
public:
    void add(const SymbolInfo& info);

    bool isEmpty() const { return m_bySymbol.isEmpty(); }
    int size() const { return int(m_bySymbol.size()); }
    std::optional<SymbolInfo> find(const QString& symbol) const;
    bool contains(const QString& symbol) const { return m_bySymbol.contains(symbol); }
    // True when some trading symbol has this base asset.
    bool hasBaseAsset(const QString& asset) const { return m_bases.contains(asset); }
    bool hasQuoteAsset(const QString& asset) const { return m_quotes.contains(asset); }

    // Up to `max` trading symbols close to `text` (edit distance, prefix or containment),
    // closest first, USDT pairs before others at the same distance.
    QStringList suggestions(const QString& text, int max = 5) const;
    // Trading symbols starting with `prefix` (any case), USDT pairs first, at most `max`.
    QStringList completions(const QString& prefix, int max = 100) const;

    // Edit distance (insertions, deletions, substitutions), for suggestions.
    static int editDistance(const QString& a, const QString& b);

private:
    QHash<QString, SymbolInfo> m_bySymbol;
    QVector<QString> m_order; // as listed
    QHash<QString, int> m_bases; // base asset -> trading symbols with it
    QHash<QString, int> m_quotes;
};
