#pragma once

#include "core/result.h"
#include "market/symboldirectory.h"

#include <QString>
#include <QStringList>

// A Binance symbol worked out from what a person typed.
struct ResolvedSymbol
{
    QString input; // as typed: "btc", "BTC/USDT", "bitcoin"
    QString symbol; // "BTCUSDT"
    QString baseAsset; // "BTC"; empty when unknown
    QString quoteAsset; // "USDT"; empty when unknown
    bool validated = false; // checked against exchangeInfo
};

// Symbols as people type them: "BTC", "btc", "BTCUSDT", "BTC/USDT", "btc-usdt", "bitcoin",
// "1000SHIBUSDT". A bare base asset means its USDT pair. With a directory (exchangeInfo) the
// result is checked and an unknown symbol gets close matches; without one (exchangeInfo could
// not be fetched) the textual reading is returned unchecked and Binance has the last word.
namespace SymbolResolver
{

Result<ResolvedSymbol> resolve(const QString& input, const SymbolDirectory* directory);

// invalid_symbol, with up to five suggestions and what to do next.
Error unknownSymbol(const QString& input, const QString& symbol, const QStringList& suggestions);

// Quote assets recognised at the end of a symbol when no directory is at hand.
const QStringList& knownQuotes();

} // namespace SymbolResolver
