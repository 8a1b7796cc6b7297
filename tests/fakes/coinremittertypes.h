#pragma once

#include <QList>
#include <QString>

#include <optional>

// Data the fake CoinRemitter serves. Amounts are decimal strings, as CoinRemitter sends them.
namespace FakeCoinRemitterData
{

// What CoinRemitter knows about a coin (one wallet per coin).
struct CoinInfo
{
    QString symbol; // "USDTTRC20"
    QString name; // "Tether USD TRC20"
    QString networkName; // "Tron Network (TRC20)"
    QString explorerTxUrl; // transaction explorer prefix
    QString explorerAddressUrl; // address explorer prefix
    QString contractAddress;
    QString contractAddressUrl;
    QString chainId;
    QString minimumDeposit;
    QString priceUsd; // default USD price of one coin
    int requiredConfirmations = 3;
};

struct FiatInfo
{
    QString code; // "USD"
    QString name; // "United States Dollar"
    QString perUsd; // units per US dollar, "0.92000000"
};

struct Wallet
{
    QString coinSymbol;
    QString apiKey;
    QString password;
    QString balance; // "84.73000000"
    QString walletId;
    QString walletName;
};

struct Payment
{
    QString txid;
    QString explorerUrl;
    QString amount; // coin units, 8 decimals
    QString date; // "yyyy-MM-dd HH:mm:ss" UTC
    int confirmation = 0;
    int requiredConfirmations = 0;
};

struct Invoice
{
    QString id; // 24 hex characters
    QString invoiceId; // 7 characters, what merchants use
    QString coinSymbol;
    QString walletId;
    QString fiatCurrency; // as requested, or empty when the amount was in coin units
    QString amount; // coin units, 8 decimals
    QString fiatAmount; // in fiatLabel(), 2 decimals
    QString usdAmount; // 2 decimals
    QString coinToFiatRate;
    QString fiatToCoinRate;
    QString paidAmount = QStringLiteral("0"); // coin units
    QString paidFiatAmount = QStringLiteral("0");
    int statusCode = 0; // 0 Pending, 1 Paid, 2 Under Paid, 3 Over Paid, 4 Expired, 5 Cancelled
    QString name, email, description, successUrl, failUrl, notifyUrl, customData1, customData2;
    qint64 createdMs = 0;
    qint64 expireMs = 0; // 0 = never expires
    qint64 deleteAfterMs = 0;
    QList<Payment> payments;

    QString fiatLabel() const { return fiatCurrency.isEmpty() ? QStringLiteral("USD") : fiatCurrency; }
};

// Coins the fake knows: BTC, ETH, TRX, LTC, USDTTRC20, USDTERC20, USDCERC20, TCN.
QList<CoinInfo> coins();
std::optional<CoinInfo> coin(const QString& symbol);
// Fiat currencies the rate endpoints convert to: USD, EUR, GBP, INR, CNY, JPY, AUD, CAD, SGD, NZD.
QList<FiatInfo> fiats();
std::optional<FiatInfo> fiat(const QString& code);

} // namespace FakeCoinRemitterData
