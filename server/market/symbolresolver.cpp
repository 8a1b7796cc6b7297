#include "market/symbolresolver.h"

#include "market/coinaliases.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace
{

const QString kDefaultQuote = QStringLiteral("USDT");

bool isSeparator(QChar c)
{
    return c == QLatin1Char('/') || c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char(':')
        || c == QLatin1Char(' ') || c == QLatin1Char('.');
}

// A name or ticker to a base asset: "bitcoin" -> BTC, "eth" -> ETH.
QString assetOf(const QString& part)
{
    if (auto alias = CoinAliases::byName(part))
        return alias->baseAsset;
    return part.toUpper();
}

// Without a directory: "ETHBTC" -> ETH + BTC; "SOL" -> nothing (a bare base asset).
std::optional<QPair<QString, QString>> splitByKnownQuote(const QString& symbol)
{
    QString best;
    for (const QString& quote : SymbolResolver::knownQuotes()) {
        if (symbol.size() > quote.size() && symbol.endsWith(quote) && quote.size() > best.size())
            best = quote;
    }
    if (best.isEmpty())
        return std::nullopt;
    return QPair<QString, QString>(symbol.left(symbol.size() - best.size()), best);
}

Error notTrading(const QString& input, const SymbolInfo& info, const QStringList& suggestions)
{
    QString message =
        QStringLiteral("%1 is listed on Binance but not trading now (status %2), so it has no current "
                       "price.")
            .arg(info.symbol, info.status);
    if (!suggestions.isEmpty())
        message +=
            QStringLiteral(" Trading pairs close to it: %1.").arg(suggestions.join(QStringLiteral(", ")));
    return Error(QStringLiteral("symbol_not_trading"), message,
        QJsonObject {{QStringLiteral("input"), input}, {QStringLiteral("symbol"), info.symbol},
            {QStringLiteral("status"), info.status},
            {QStringLiteral("suggestions"), QJsonArray::fromStringList(suggestions)}});
}

Result<ResolvedSymbol> checked(const QString& input, const QString& symbol, const SymbolDirectory& directory)
{
    const std::optional<SymbolInfo> info = directory.find(symbol);
    if (!info)
        return SymbolResolver::unknownSymbol(input, symbol, directory.suggestions(symbol));
    if (!info->isTrading())
        return notTrading(input, *info, directory.suggestions(info->baseAsset));
    return ResolvedSymbol {input, info->symbol, info->baseAsset, info->quoteAsset, true};
}

} // namespace

namespace SymbolResolver
{

const QStringList& knownQuotes()
{
    static const QStringList quotes {
        QStringLiteral("USDT"),
        QStringLiteral("USDC"),
        QStringLiteral("FDUSD"),
        QStringLiteral("TUSD"),
        QStringLiteral("BUSD"),
        QStringLiteral("DAI"),
        QStringLiteral("BTC"),
        QStringLiteral("ETH"),
        QStringLiteral("BNB"),
        QStringLiteral("EUR"),
        QStringLiteral("TRY"),
        QStringLiteral("BRL"),
        QStringLiteral("JPY"),
        QStringLiteral("GBP"),
        QStringLiteral("AUD"),
        QStringLiteral("MXN"),
    };
    return quotes;
}

Error unknownSymbol(const QString& input, const QString& symbol, const QStringList& suggestions)
{
    QString message;
    if (suggestions.isEmpty()) {
        message =
            QStringLiteral("Unknown symbol %1: Binance lists nothing close to it. Use search_coins to find "
                           "the coin, or write a pair like BTCUSDT (base asset, then quote asset).")
                .arg(symbol);
    } else {
        message =
            QStringLiteral("Unknown symbol %1; did you mean %2? Use search_coins or a symbol like BTCUSDT.")
                .arg(symbol, suggestions.join(QStringLiteral(", ")));
    }
    return Error(QStringLiteral("invalid_symbol"), message,
        QJsonObject {{QStringLiteral("input"), input}, {QStringLiteral("symbol"), symbol},
            {QStringLiteral("suggestions"), QJsonArray::fromStringList(suggestions)}});
}

Result<ResolvedSymbol> resolve(const QString& input, const SymbolDirectory* directory)
{
    const QString text = input.trimmed();
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9 /_:.-]{0,39}$"));
    if (!allowed.match(text).hasMatch()) {
        return Error(QStringLiteral("invalid_symbol"),
            QStringLiteral("\"%1\" is not a symbol: use letters and digits like BTCUSDT, BTC/USDT or a coin "
                           "name like bitcoin.")
                .arg(text.left(60)),
            QJsonObject {{QStringLiteral("input"), text.left(60)}});
    }
    QString compact;
    QStringList parts;
    QString part;
    for (QChar c : text) {
        if (isSeparator(c)) {
            if (!part.isEmpty())
                parts.append(part);
            part.clear();
        } else {
            compact.append(c.toUpper());
            part.append(c);
        }
    }
    if (!part.isEmpty())
        parts.append(part);

    if (compact == kDefaultQuote) {
        return Error(QStringLiteral("invalid_symbol"),
            QStringLiteral("USDT is the quote currency of most pairs, not a pair itself. For the price of "
                           "USDT in US dollars use get_usdt_price; otherwise name a pair like BTCUSDT."),
            QJsonObject {{QStringLiteral("input"), text}});
    }

    // 1. Already a listed symbol: "BTCUSDT", "btc-usdt", "1000SHIBUSDT".
    if (directory && directory->contains(compact))
        return checked(text, compact, *directory);

    // 2. A coin name: "bitcoin", "Shiba Inu".
    if (auto alias = CoinAliases::byName(text)) {
        const QString symbol = alias->baseAsset + kDefaultQuote;
        if (!directory)
            return ResolvedSymbol {text, symbol, alias->baseAsset, kDefaultQuote, false};
        return checked(text, symbol, *directory);
    }

    // 3. Base and quote with a separator: "BTC/USDT", "eth-btc", "bitcoin/usdt".
    if (parts.size() == 2) {
        const QString base = assetOf(parts.at(0));
        const QString quote = assetOf(parts.at(1));
        if (!directory)
            return ResolvedSymbol {text, base + quote, base, quote, false};
        return checked(text, base + quote, *directory);
    }
    if (parts.size() > 2)
        return unknownSymbol(text, compact, directory ? directory->suggestions(compact) : QStringList());

    // 4. A bare base asset: "BTC", "sol" -> its USDT pair.
    if (directory) {
        if (directory->contains(compact + kDefaultQuote))
            return checked(text, compact + kDefaultQuote, *directory);
        return unknownSymbol(text, compact, directory->suggestions(compact));
    }
    if (auto split = splitByKnownQuote(compact))
        return ResolvedSymbol {text, compact, split->first, split->second, false};
    return ResolvedSymbol {text, compact + kDefaultQuote, compact, kDefaultQuote, false};
}

} // namespace SymbolResolver
