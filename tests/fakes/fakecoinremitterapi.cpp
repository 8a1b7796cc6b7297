// FakeCoinRemitter endpoint handlers.
#include "fakecoinremitter.h"

#include "fakedecimal.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace
{

constexpr qint64 kDayMs = 24 * 3600 * 1000;

// "63768.00000000" -> "63768", "0.12150000" -> "0.1215": how CoinRemitter prints plain prices.
QString trimmed(const QString& decimal)
{
    QString s = decimal;
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

bool validAddress(const QString& coin, const QString& address)
{
    QString pattern;
    if (coin == QLatin1String("TRX") || coin.endsWith(QLatin1String("TRC20")))
        pattern = QStringLiteral("^T[1-9A-HJ-NP-Za-km-z]{33}$");
    else if (coin == QLatin1String("ETH") || coin.endsWith(QLatin1String("ERC20")))
        pattern = QStringLiteral("^0x[0-9a-fA-F]{40}$");
    else if (coin == QLatin1String("BTC"))
        pattern = QStringLiteral("^(bc1[02-9ac-hj-np-z]{11,71}|[13][1-9A-HJ-NP-Za-km-z]{25,34})$");
    else if (coin == QLatin1String("LTC"))
        pattern = QStringLiteral("^(ltc1[02-9ac-hj-np-z]{11,71}|[LM3][1-9A-HJ-NP-Za-km-z]{26,33})$");
    else
        pattern = QStringLiteral("^[0-9A-Za-z]{20,64}$");
    return QRegularExpression(pattern).match(address).hasMatch();
}

QJsonObject fees(const char* transaction, const char* processing)
{
    return QJsonObject {{QStringLiteral("transaction_fees_type"), QStringLiteral("flat")},
        {QStringLiteral("processing_fees_type"), QStringLiteral("percentage")},
        {QStringLiteral("transaction_fee"), QLatin1String(transaction)},
        {QStringLiteral("processing_fee"), QLatin1String(processing)},
        {QStringLiteral("transaction_fee_with_gasstation"), QLatin1String(transaction)},
        {QStringLiteral("processing_fee_with_gasstation"), QLatin1String(processing)}};
}

} // namespace

QJsonObject FakeCoinRemitter::walletJson(const Wallet& w) const
{
    const auto info = FakeCoinRemitterData::coin(w.coinSymbol).value_or(FakeCoinRemitterData::CoinInfo());
    return QJsonObject {
        {QStringLiteral("wallet_id"), w.walletId},
        {QStringLiteral("wallet_name"), w.walletName},
        {QStringLiteral("coin_symbol"), w.coinSymbol},
        {QStringLiteral("coin"), info.name.isEmpty() ? w.coinSymbol : info.name},
        {QStringLiteral("coin_logo"),
            QStringLiteral("https://api.coinremitter.com/assets/images/coins/32x32/%1.png")
                .arg(w.coinSymbol)},
        {QStringLiteral("blockchain_network_name"), info.networkName},
        {QStringLiteral("contract_address"), info.contractAddress},
        {QStringLiteral("contract_address_url"), info.contractAddressUrl},
        {QStringLiteral("explorer_url"), info.explorerTxUrl},
        {QStringLiteral("chain_id"), info.chainId},
        {QStringLiteral("remaining_withdraw_limit_24h"), QStringLiteral("49")},
        {QStringLiteral("balance"), w.balance},
        {QStringLiteral("minimum_deposit_amount"), info.minimumDeposit},
    };
}

FakeUpstream::Reply FakeCoinRemitter::walletBalance(const Wallet& wallet)
{
    return success(walletJson(wallet));
}

FakeUpstream::Reply FakeCoinRemitter::createAddress(const Wallet& wallet, const Params& params)
{
    const QString label = params.value(QStringLiteral("label"));
    if (label.size() > 255)
        return failure(1001, QStringLiteral("The label may not be greater than 255 characters."));
    const QString address = newAddress(wallet.coinSymbol);
    m_addresses[wallet.coinSymbol].append(address);
    const auto info =
        FakeCoinRemitterData::coin(wallet.coinSymbol).value_or(FakeCoinRemitterData::CoinInfo());
    const qint64 expire = now() + 180 * kDayMs;
    QJsonObject data = walletJson(wallet);
    data.remove(QStringLiteral("balance"));
    data.remove(QStringLiteral("remaining_withdraw_limit_24h"));
    data.insert(QStringLiteral("address"), address);
    data.insert(QStringLiteral("explorer_url"),
        QString(info.explorerAddressUrl + address + QStringLiteral("?from=coinremitter")));
    data.insert(QStringLiteral("label"), label);
    data.insert(QStringLiteral("qr_code"),
        QString(QStringLiteral("https://api.coinremitter.com/qr?margin=1&size=200&text=") + address));
    data.insert(QStringLiteral("remaining_address_limit"), 500 - int(m_addresses[wallet.coinSymbol].size()));
    data.insert(QStringLiteral("wrn_msg"), QString());
    data.insert(QStringLiteral("expire_on"), dateText(expire));
    data.insert(QStringLiteral("expire_on_timestamp"), expire);
    return success(data);
}

FakeUpstream::Reply FakeCoinRemitter::validateAddress(const Wallet& wallet, const Params& params)
{
    const QString address = params.value(QStringLiteral("address")).trimmed();
    if (address.isEmpty())
        return failure(1001, QStringLiteral("The address field is required."));
    return success(QJsonObject {{QStringLiteral("valid"), validAddress(wallet.coinSymbol, address)}});
}

FakeUpstream::Reply FakeCoinRemitter::createInvoice(const Wallet& wallet, const Params& params)
{
    const QString amountText = params.value(QStringLiteral("amount")).trimmed();
    if (amountText.isEmpty())
        return failure(1001, QStringLiteral("The amount field is required."));
    const auto amount = FakeDecimal::parse(amountText);
    if (!amount)
        return failure(1001, QStringLiteral("The amount must be a number."));
    if (*amount <= 0)
        return failure(1001, QStringLiteral("The amount must be greater than 0."));

    const QString fiatCurrency = params.value(QStringLiteral("fiat_currency")).trimmed().toUpper();
    const QString fiat = fiatCurrency.isEmpty() ? QStringLiteral("USD") : fiatCurrency;
    const auto coinToFiat = rateUnits(wallet.coinSymbol, fiat);
    if (!coinToFiat || *coinToFiat <= 0)
        return failure(1001, QStringLiteral("The selected fiat currency is invalid."));

    qint64 expiryMinutes = 1440;
    const QString expiryText = params.value(QStringLiteral("expiry_time_in_minutes")).trimmed();
    if (!expiryText.isEmpty()) {
        bool ok = false;
        expiryMinutes = expiryText.toLongLong(&ok);
        if (!ok || expiryMinutes < 0)
            return failure(1001, QStringLiteral("The expiry time in minutes must be an integer."));
    }
    for (const char* key : {"custom_data1", "custom_data2"}) {
        if (params.value(QLatin1String(key)).size() > 30)
            return failure(1001,
                QStringLiteral("The %1 may not be greater than 30 characters.")
                    .arg(QString::fromLatin1(key).replace(QLatin1Char('_'), QLatin1Char(' '))));
    }
    const QString email = params.value(QStringLiteral("email")).trimmed();
    if (!email.isEmpty()
        && !QRegularExpression(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")).match(email).hasMatch())
        return failure(1001, QStringLiteral("The email must be a valid email address."));
    for (const char* key : {"notify_url", "success_url", "fail_url"}) {
        const QString problem = urlProblem(QLatin1String(key), params.value(QLatin1String(key)).trimmed());
        if (!problem.isEmpty())
            return failure(1001, problem);
    }

    // amount is fiat when fiat_currency is set, coin units otherwise.
    const qint64 coinUnits = fiatCurrency.isEmpty() ? *amount : FakeDecimal::div(*amount, *coinToFiat);
    const qint64 fiatUnits = fiatCurrency.isEmpty() ? FakeDecimal::mul(*amount, *coinToFiat) : *amount;
    if (coinUnits <= 0)
        return failure(1001, QStringLiteral("The amount is too small."));
    const qint64 usdRate = rateUnits(wallet.coinSymbol, QStringLiteral("USD")).value_or(FakeDecimal::kScale);

    Invoice inv;
    inv.id = randomHex(24);
    do {
        inv.invoiceId = randomAlnum(7);
    } while (m_invoices.contains(inv.invoiceId));
    inv.coinSymbol = wallet.coinSymbol;
    inv.walletId = wallet.walletId;
    inv.fiatCurrency = fiatCurrency;
    inv.amount = FakeDecimal::format(coinUnits);
    inv.fiatAmount = FakeDecimal::format(fiatUnits, 2);
    inv.usdAmount = FakeDecimal::format(FakeDecimal::mul(coinUnits, usdRate), 2);
    inv.coinToFiatRate = FakeDecimal::format(*coinToFiat);
    inv.fiatToCoinRate = FakeDecimal::format(FakeDecimal::div(FakeDecimal::kScale, *coinToFiat));
    inv.name = params.value(QStringLiteral("name"), wallet.walletName);
    inv.email = email;
    inv.description = params.value(QStringLiteral("description"));
    inv.successUrl = params.value(QStringLiteral("success_url"));
    inv.failUrl = params.value(QStringLiteral("fail_url"));
    inv.notifyUrl = params.value(QStringLiteral("notify_url"));
    inv.customData1 = params.value(QStringLiteral("custom_data1"));
    inv.customData2 = params.value(QStringLiteral("custom_data2"));
    inv.createdMs = now() - now() % 1000;
    inv.expireMs = expiryMinutes > 0 ? inv.createdMs + expiryMinutes * 60 * 1000 : 0;
    inv.deleteAfterMs = inv.createdMs + 180 * kDayMs;
    m_invoices.insert(inv.invoiceId, inv);
    m_invoiceOrder.append(inv.invoiceId);
    return success(invoiceJson(inv.invoiceId));
}

FakeUpstream::Reply FakeCoinRemitter::getInvoice(const Wallet& wallet, const Params& params)
{
    const QString invoiceId = params.value(QStringLiteral("invoice_id")).trimmed();
    if (invoiceId.isEmpty())
        return failure(1001, QStringLiteral("The invoice id field is required."));
    const auto it = m_invoices.constFind(invoiceId);
    // Each key is one wallet: another wallet's invoice does not exist for this key.
    if (it == m_invoices.constEnd() || it->coinSymbol != wallet.coinSymbol)
        return failure(1005, QStringLiteral("Invoice not found."));
    return success(invoiceJson(invoiceId));
}

FakeUpstream::Reply FakeCoinRemitter::fiatToCrypto(const Params& params)
{
    const QString fiat = params.value(QStringLiteral("fiat")).trimmed().toUpper();
    if (fiat.isEmpty())
        return failure(1001, QStringLiteral("The fiat field is required."));
    if (!FakeCoinRemitterData::fiat(fiat))
        return failure(1001, QStringLiteral("The selected fiat is invalid."));
    const QString amountText = params.value(QStringLiteral("fiat_amount")).trimmed();
    if (amountText.isEmpty())
        return failure(1001, QStringLiteral("The fiat amount field is required."));
    const auto amount = FakeDecimal::parse(amountText);
    if (!amount || *amount <= 0)
        return failure(1001, QStringLiteral("The fiat amount must be a number greater than 0."));
    const QString crypto = params.value(QStringLiteral("crypto")).trimmed().toUpper();
    if (!crypto.isEmpty() && !FakeCoinRemitterData::coin(crypto))
        return failure(1001, QStringLiteral("The selected crypto is invalid."));

    QJsonArray data;
    for (const auto& coin : FakeCoinRemitterData::coins()) {
        if (!crypto.isEmpty() && coin.symbol != crypto)
            continue;
        const auto rate = rateUnits(coin.symbol, fiat);
        if (!rate || *rate <= 0)
            continue;
        data.append(
            QJsonObject {{QStringLiteral("short_name"), coin.symbol}, {QStringLiteral("name"), coin.name},
                {QStringLiteral("price"), FakeDecimal::format(FakeDecimal::div(*amount, *rate))}});
    }
    return success(data);
}

FakeUpstream::Reply FakeCoinRemitter::cryptoToFiat(const Params& params, const RecordedRequest& request)
{
    QString crypto = params.value(QStringLiteral("crypto")).trimmed().toUpper();
    if (crypto.isEmpty()) {
        // Without a coin, the wallet named by the API key decides, when there is one.
        const QString key = QString::fromUtf8(request.header("x-api-key"));
        for (const Wallet& w : std::as_const(m_wallets)) {
            if (!key.isEmpty() && w.apiKey == key)
                crypto = w.coinSymbol;
        }
    }
    if (crypto.isEmpty())
        return failure(1001, QStringLiteral("The crypto field is required."));
    const auto coin = FakeCoinRemitterData::coin(crypto);
    if (!coin)
        return failure(1001, QStringLiteral("The selected crypto is invalid."));
    const QString amountText = params.value(QStringLiteral("crypto_amount")).trimmed();
    if (amountText.isEmpty())
        return failure(1001, QStringLiteral("The crypto amount field is required."));
    const auto amount = FakeDecimal::parse(amountText);
    if (!amount || *amount <= 0)
        return failure(1001, QStringLiteral("The crypto amount must be a number greater than 0."));
    const QString fiatCode = params.value(QStringLiteral("fiat")).trimmed().toUpper();
    if (fiatCode.isEmpty())
        return failure(1001, QStringLiteral("The fiat field is required."));
    const auto fiat = FakeCoinRemitterData::fiat(fiatCode);
    const auto rate = rateUnits(coin->symbol, fiatCode);
    if (!fiat || !rate)
        return failure(1001, QStringLiteral("The selected fiat is invalid."));
    return success(QJsonArray {
        QJsonObject {{QStringLiteral("code"), fiat->code}, {QStringLiteral("currency"), fiat->name},
            {QStringLiteral("amount"), FakeDecimal::format(FakeDecimal::mul(*amount, *rate), 2)}}});
}

FakeUpstream::Reply FakeCoinRemitter::supportedCurrencies()
{
    QJsonArray data;
    for (const auto& coin : FakeCoinRemitterData::coins()) {
        const bool stable = coin.symbol.startsWith(QLatin1String("USD"));
        data.append(QJsonObject {
            {QStringLiteral("coin"), coin.name},
            {QStringLiteral("coin_symbol"), coin.symbol},
            {QStringLiteral("network_name"), coin.networkName},
            {QStringLiteral("explorer_url"), coin.explorerTxUrl},
            {QStringLiteral("logo"),
                QStringLiteral("https://api.coinremitter.com/assets/images/coins/32x32/%1.png")
                    .arg(coin.symbol)},
            {QStringLiteral("minimum_deposit_amount"), coin.minimumDeposit},
            {QStringLiteral("price_in_usd"), trimmed(rate(coin.symbol, QStringLiteral("USD")))},
            {QStringLiteral("fees"),
                QJsonObject {{QStringLiteral("low"), stable ? fees("1", "0.23") : fees("0.0001", "0.23")},
                    {QStringLiteral("medium"), stable ? fees("1.5", "0.24") : fees("0.0002", "0.35")},
                    {QStringLiteral("priority"), stable ? fees("2", "0.2") : fees("0.0005", "0.5")}}},
        });
    }
    return success(data);
}
