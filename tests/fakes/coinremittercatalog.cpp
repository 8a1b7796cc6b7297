#include "coinremittertypes.h"

namespace FakeCoinRemitterData
{

QList<CoinInfo> coins()
{
    const auto info = [](const char* symbol, const char* name, const char* network, const char* tx,
                          const char* address, const char* contract, const char* contractUrl,
                          const char* chain, const char* minimum, const char* price, int confirmations) {
        CoinInfo c;
        c.symbol = QLatin1String(symbol);
        c.name = QLatin1String(name);
        c.networkName = QLatin1String(network);
        c.explorerTxUrl = QLatin1String(tx);
        c.explorerAddressUrl = QLatin1String(address);
        c.contractAddress = QLatin1String(contract);
        c.contractAddressUrl = QLatin1String(contractUrl);
        c.chainId = QLatin1String(chain);
        c.minimumDeposit = QLatin1String(minimum);
        c.priceUsd = QLatin1String(price);
        c.requiredConfirmations = confirmations;
        return c;
    };
    return {
        info("BTC", "Bitcoin", "Bitcoin Main Net", "https://www.blockchain.com/explorer/transactions/btc/",
            "https://www.blockchain.com/explorer/addresses/btc/", "", "", "1", "0.00001", "67012.45000000",
            3),
        info("ETH", "Ethereum", "Ethereum Coin Network", "https://etherscan.io/tx/",
            "https://etherscan.io/address/", "", "", "1", "0.00012", "3456.78000000", 12),
        info("TRX", "Tron", "Tron Network", "https://tronscan.org/#/transaction/",
            "https://tronscan.org/#/address/", "", "", "", "1", "0.12150000", 20),
        info("LTC", "Litecoin", "Litecoin Main Net", "https://blockchair.com/litecoin/transaction/",
            "https://blockchair.com/litecoin/address/", "", "", "", "0.001", "71.20000000", 6),
        info("USDTTRC20", "Tether USD TRC20", "USDT TRC20 Network", "https://tronscan.org/#/transaction/",
            "https://tronscan.org/#/address/", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            "https://tronscan.org/#/token20/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "", "0.1", "1.00000000", 20),
        info("USDTERC20", "Tether USD ERC20", "USDT ERC20 Network", "https://etherscan.io/tx/",
            "https://etherscan.io/address/", "0xdAC17F958D2ee523a2206206994597C13D831ec7",
            "https://etherscan.io/token/0xdac17f958d2ee523a2206206994597c13d831ec7", "1", "3.1", "1.00000000",
            12),
        info("USDCERC20", "USD Coin ERC20", "USDC ERC20 Network", "https://etherscan.io/tx/",
            "https://etherscan.io/address/", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
            "https://etherscan.io/token/0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", "1", "3.1", "0.99990000",
            12),
        info("TCN", "Test Coin", "Test Coin Network", "https://coinremitter.com/tcn/tx/",
            "https://coinremitter.com/tcn/address/", "", "", "", "0.01", "1.00000000", 1),
    };
}

std::optional<CoinInfo> coin(const QString& symbol)
{
    for (const CoinInfo& c : coins()) {
        if (c.symbol.compare(symbol, Qt::CaseInsensitive) == 0)
            return c;
    }
    return std::nullopt;
}

QList<FiatInfo> fiats()
{
    const auto info = [](const char* code, const char* name, const char* perUsd) {
        return FiatInfo {QLatin1String(code), QLatin1String(name), QLatin1String(perUsd)};
    };
    return {
        info("USD", "United States Dollar", "1.00000000"),
        info("EUR", "Euro", "0.92000000"),
        info("GBP", "British Pound Sterling", "0.79000000"),
        info("INR", "Indian Rupee", "83.31000000"),
        info("CNY", "Chinese Yuan", "7.23000000"),
        info("JPY", "Japanese Yen", "151.62000000"),
        info("AUD", "Australian Dollar", "1.52000000"),
        info("CAD", "Canadian Dollar", "1.36000000"),
        info("SGD", "Singapore Dollar", "1.35000000"),
        info("NZD", "New Zealand Dollar", "1.66000000"),
    };
}

std::optional<FiatInfo> fiat(const QString& code)
{
    for (const FiatInfo& f : fiats()) {
        if (f.code.compare(code, Qt::CaseInsensitive) == 0)
            return f;
    }
    return std::nullopt;
}

} // namespace FakeCoinRemitterData
