#include "binancetypes.h"

namespace FakeBinanceData
{

namespace
{

SymbolSpec spec(const char* symbol, const char* base, const char* quote, const char* price, const char* tick,
    const char* step, double volatility, double dailyVolume, qint64 listedMs, bool futures = true)
{
    SymbolSpec s;
    s.symbol = QLatin1String(symbol);
    s.baseAsset = QLatin1String(base);
    s.quoteAsset = QLatin1String(quote);
    s.price = QLatin1String(price);
    s.tickSize = QLatin1String(tick);
    s.stepSize = QLatin1String(step);
    s.annualVolatility = volatility;
    s.dailyBaseVolume = dailyVolume;
    s.listedMs = listedMs;
    s.futures = futures;
    return s;
}

} // namespace

QList<SymbolSpec> defaultSymbols()
{
    return {
        spec("BTCUSDT", "BTC", "USDT", "67012.45000000", "0.01000000", "0.00001000", 0.55, 25000,
            1502928000000),
        spec("ETHUSDT", "ETH", "USDT", "3456.78000000", "0.01000000", "0.00010000", 0.70, 350000,
            1502928000000),
        spec("BNBUSDT", "BNB", "USDT", "589.30000000", "0.01000000", "0.00100000", 0.60, 600000,
            1509926400000),
        spec("SOLUSDT", "SOL", "USDT", "152.34000000", "0.01000000", "0.00100000", 0.90, 3000000,
            1597104000000),
        spec("XRPUSDT", "XRP", "USDT", "0.52340000", "0.00010000", "0.10000000", 0.80, 300000000,
            1525392000000),
        spec("DOGEUSDT", "DOGE", "USDT", "0.16120000", "0.00001000", "1.00000000", 1.00, 1500000000,
            1562284800000),
        spec("ADAUSDT", "ADA", "USDT", "0.45210000", "0.00010000", "0.10000000", 0.85, 200000000,
            1523923200000),
        spec("TRXUSDT", "TRX", "USDT", "0.12150000", "0.00010000", "0.10000000", 0.60, 400000000,
            1528675200000),
        spec("1000SHIBUSDT", "1000SHIB", "USDT", "0.02456000", "0.00000100", "1.00000000", 1.10, 5000000000,
            1620604800000),
        spec("USDCUSDT", "USDC", "USDT", "1.00010000", "0.00010000", "1.00000000", 0.003, 600000000,
            1544832000000),
        spec("ETHBTC", "ETH", "BTC", "0.05158000", "0.00001000", "0.00010000", 0.45, 40000, 1500000000000,
            false),
        spec("BNBBTC", "BNB", "BTC", "0.00879400", "0.00000100", "0.00100000", 0.50, 90000, 1500000000000,
            false),
    };
}

} // namespace FakeBinanceData
