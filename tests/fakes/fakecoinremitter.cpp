#include "fakecoinremitter.h"

#include "fakedecimal.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

namespace
{

constexpr qint64 kMinuteMs = 60 * 1000;

// Laravel's JSON encoder escapes forward slashes; clients see "https:\/\/..." on the wire.
QByteArray laravelJson(const QJsonObject& object)
{
    QByteArray body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    body.replace("/", "\\/");
    return body;
}

void flatten(const QString& prefix, const QJsonValue& value, FakeMultipart::Fields& out)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            flatten(prefix.isEmpty() ? it.key() : prefix + QLatin1Char('[') + it.key() + QLatin1Char(']'),
                it.value(), out);
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            flatten(prefix + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), a.at(i), out);
    } else if (value.isNull() || value.isUndefined()) {
        out.append({prefix, QString()});
    } else {
        out.append({prefix, value.toVariant().toString()});
    }
}

} // namespace

QString FakeCoinRemitter::statusText(int statusCode)
{
    switch (statusCode) {
    case Pending:
        return QStringLiteral("Pending");
    case Paid:
        return QStringLiteral("Paid");
    case UnderPaid:
        return QStringLiteral("Under Paid");
    case OverPaid:
        return QStringLiteral("Over Paid");
    case Expired:
        return QStringLiteral("Expired");
    case Cancelled:
        return QStringLiteral("Cancelled");
    default:
        return QString();
    }
}

FakeCoinRemitter::FakeCoinRemitter(QObject* parent)
    : FakeUpstream(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_merchantId = randomHex(24);
}

// --- wallets, rates, invoices ---------------------------------------------------------------

void FakeCoinRemitter::addWallet(
    const QString& coinSymbol, const QString& apiKey, const QString& password, const QString& balance)
{
    Wallet w;
    w.coinSymbol = coinSymbol.toUpper();
    w.apiKey = apiKey;
    w.password = password;
    w.balance = FakeDecimal::format(FakeDecimal::parse(balance).value_or(0));
    w.walletId = randomHex(24);
    w.walletName = w.coinSymbol + QStringLiteral("-wallet");
    m_wallets.insert(w.coinSymbol, w);
}

QStringList FakeCoinRemitter::walletCoins() const
{
    QStringList coins = m_wallets.keys();
    coins.sort();
    return coins;
}

std::optional<FakeCoinRemitter::Wallet> FakeCoinRemitter::wallet(const QString& coinSymbol) const
{
    const auto it = m_wallets.constFind(coinSymbol.toUpper());
    if (it == m_wallets.constEnd())
        return std::nullopt;
    return *it;
}

void FakeCoinRemitter::setBalance(const QString& coinSymbol, const QString& balance)
{
    auto it = m_wallets.find(coinSymbol.toUpper());
    if (it != m_wallets.end())
        it->balance = FakeDecimal::format(FakeDecimal::parse(balance).value_or(0));
}

QString FakeCoinRemitter::balance(const QString& coinSymbol) const
{
    const auto it = m_wallets.constFind(coinSymbol.toUpper());
    return it == m_wallets.constEnd() ? QString() : it->balance;
}

void FakeCoinRemitter::setRate(const QString& coin, const QString& fiat, const QString& rate)
{
    m_rates.insert(coin.toUpper() + QLatin1Char('|') + fiat.toUpper(), rate);
}

std::optional<qint64> FakeCoinRemitter::rateUnits(const QString& coin, const QString& fiat) const
{
    const auto set = m_rates.constFind(coin.toUpper() + QLatin1Char('|') + fiat.toUpper());
    if (set != m_rates.constEnd())
        return FakeDecimal::parse(*set);
    const auto info = FakeCoinRemitterData::coin(coin);
    const auto fiatInfo = FakeCoinRemitterData::fiat(fiat);
    if (!info || !fiatInfo)
        return std::nullopt;
    const auto usd = FakeDecimal::parse(info->priceUsd);
    const auto perUsd = FakeDecimal::parse(fiatInfo->perUsd);
    if (!usd || !perUsd)
        return std::nullopt;
    return FakeDecimal::mul(*usd, *perUsd);
}

QString FakeCoinRemitter::rate(const QString& coin, const QString& fiat) const
{
    const auto units = rateUnits(coin, fiat);
    return units ? FakeDecimal::format(*units) : QString();
}

QStringList FakeCoinRemitter::addresses(const QString& coinSymbol) const
{
    return m_addresses.value(coinSymbol.toUpper());
}

int FakeCoinRemitter::rateLimitRemaining()
{
    rollWindow();
    return std::max(0, m_rateLimit - m_windowCalls);
}

void FakeCoinRemitter::rollWindow()
{
    const qint64 t = now();
    const qint64 start = t - t % kMinuteMs;
    if (start != m_windowStart) {
        m_windowStart = start;
        m_windowCalls = 0;
    }
}

void FakeCoinRemitter::refreshExpiry(Invoice& invoice)
{
    if (invoice.statusCode == Pending && invoice.expireMs > 0 && now() >= invoice.expireMs)
        invoice.statusCode = Expired;
}

bool FakeCoinRemitter::setInvoiceStatus(const QString& invoiceId, int statusCode, const QString& paidAmount)
{
    auto it = m_invoices.find(invoiceId);
    if (it == m_invoices.end() || statusText(statusCode).isEmpty())
        return false;
    Invoice& inv = *it;
    const qint64 total = FakeDecimal::parse(inv.amount).value_or(0);
    const qint64 before = FakeDecimal::parse(inv.paidAmount).value_or(0);
    qint64 paid = before;
    if (!paidAmount.isEmpty()) {
        const auto parsed = FakeDecimal::parse(paidAmount);
        if (!parsed || *parsed < 0)
            return false;
        paid = *parsed;
    } else if (statusCode == Paid) {
        paid = total;
    } else if (statusCode == OverPaid) {
        paid = total + total / 10;
    } else if (statusCode == UnderPaid) {
        paid = total / 2;
    }

    if (paid > before) {
        const auto info = FakeCoinRemitterData::coin(inv.coinSymbol);
        Payment p;
        p.txid = randomHex(64);
        p.explorerUrl = (info ? info->explorerTxUrl : QString()) + p.txid;
        p.amount = FakeDecimal::format(paid - before);
        p.date = dateText(now());
        p.requiredConfirmations = info ? info->requiredConfirmations : 3;
        p.confirmation = p.requiredConfirmations + 2;
        inv.payments.append(p);
        auto w = m_wallets.find(inv.coinSymbol);
        if (w != m_wallets.end())
            w->balance = FakeDecimal::format(FakeDecimal::parse(w->balance).value_or(0) + paid - before);
    }
    const qint64 rateToFiat = FakeDecimal::parse(inv.coinToFiatRate).value_or(0);
    inv.paidAmount = paid == 0 ? QStringLiteral("0") : FakeDecimal::format(paid);
    inv.paidFiatAmount =
        paid == 0 ? QStringLiteral("0") : FakeDecimal::format(FakeDecimal::mul(paid, rateToFiat), 2);
    inv.statusCode = statusCode;
    return true;
}

std::optional<FakeCoinRemitter::Invoice> FakeCoinRemitter::invoice(const QString& invoiceId)
{
    auto it = m_invoices.find(invoiceId);
    if (it == m_invoices.end())
        return std::nullopt;
    refreshExpiry(*it);
    return *it;
}

QJsonObject FakeCoinRemitter::invoiceJson(const QString& invoiceId)
{
    auto it = m_invoices.find(invoiceId);
    if (it == m_invoices.end())
        return {};
    Invoice& inv = *it;
    refreshExpiry(inv);
    const auto info = FakeCoinRemitterData::coin(inv.coinSymbol);
    const Wallet w = m_wallets.value(inv.coinSymbol);
    const QString fiat = inv.fiatLabel();

    QJsonArray history;
    for (const Payment& p : inv.payments) {
        history.append(QJsonObject {{QStringLiteral("txid"), p.txid},
            {QStringLiteral("explorer_url"), p.explorerUrl}, {QStringLiteral("amount"), p.amount},
            {QStringLiteral("date"), p.date}, {QStringLiteral("confirmation"), p.confirmation},
            {QStringLiteral("required_confirmations"), p.requiredConfirmations}});
    }
    const bool expires = inv.expireMs > 0;
    return QJsonObject {
        {QStringLiteral("id"), inv.id},
        {QStringLiteral("invoice_id"), inv.invoiceId},
        {QStringLiteral("url"), QString(QStringLiteral("https://coinremitter.com/invoice/view/") + inv.id)},
        {QStringLiteral("total_amount"), QJsonObject {{inv.coinSymbol, inv.amount}, {fiat, inv.fiatAmount}}},
        {QStringLiteral("paid_amount"),
            QJsonObject {{inv.coinSymbol, inv.paidAmount}, {fiat, inv.paidFiatAmount}}},
        {QStringLiteral("usd_amount"), inv.usdAmount},
        {QStringLiteral("amount"), inv.amount},
        {QStringLiteral("conversion_rate"),
            QJsonObject {{QString(fiat + QLatin1Char('_') + inv.coinSymbol), inv.fiatToCoinRate},
                {QString(inv.coinSymbol + QLatin1Char('_') + fiat), inv.coinToFiatRate}}},
        {QStringLiteral("fiat_currency"), inv.fiatCurrency},
        {QStringLiteral("coin"), info ? info->name : inv.coinSymbol},
        {QStringLiteral("coin_symbol"), inv.coinSymbol},
        {QStringLiteral("name"), inv.name},
        {QStringLiteral("description"), inv.description},
        {QStringLiteral("wallet_name"), w.walletName},
        {QStringLiteral("wallet_id"), inv.walletId},
        {QStringLiteral("merchant_id"), m_merchantId},
        {QStringLiteral("status"), statusText(inv.statusCode)},
        {QStringLiteral("status_code"), inv.statusCode},
        {QStringLiteral("payment_history"), history},
        {QStringLiteral("success_url"), inv.successUrl},
        {QStringLiteral("fail_url"), inv.failUrl},
        {QStringLiteral("notify_url"), inv.notifyUrl},
        // Without an expiry CoinRemitter sends empty strings here, even for the timestamp.
        {QStringLiteral("expire_on"), expires ? dateText(inv.expireMs) : QString()},
        {QStringLiteral("expire_on_timestamp"), expires ? QJsonValue(inv.expireMs) : QJsonValue(QString())},
        {QStringLiteral("invoice_date"), dateText(inv.createdMs)},
        {QStringLiteral("invoice_timestamp"), inv.createdMs},
        {QStringLiteral("custom_data1"), inv.customData1},
        {QStringLiteral("custom_data2"), inv.customData2},
        {QStringLiteral("delete_after"), dateText(inv.deleteAfterMs)},
        {QStringLiteral("delete_after_timestamp"), inv.deleteAfterMs},
    };
}

// --- webhooks -------------------------------------------------------------------------------

FakeMultipart::Fields FakeCoinRemitter::webhookFields(const QString& invoiceId)
{
    FakeMultipart::Fields fields;
    if (m_invoices.contains(invoiceId))
        flatten(QString(), invoiceJson(invoiceId), fields);
    return fields;
}

void FakeCoinRemitter::sendInvoiceWebhook(
    const QUrl& target, const QString& invoiceId, QObject* context, std::function<void(int)> done)
{
    if (!m_invoices.contains(invoiceId)) {
        QTimer::singleShot(0, context ? context : this, [done]() {
            if (done)
                done(0);
        });
        return;
    }
    postForm(target, webhookFields(invoiceId), context, std::move(done));
}

void FakeCoinRemitter::sendForgedWebhook(
    const QUrl& target, const FakeMultipart::Fields& fields, QObject* context, std::function<void(int)> done)
{
    postForm(target, fields, context, std::move(done));
}

void FakeCoinRemitter::postForm(
    const QUrl& target, const FakeMultipart::Fields& fields, QObject* context, std::function<void(int)> done)
{
    const QByteArray boundary = "------------------------" + randomHex(16).toLatin1();
    QNetworkRequest request(target);
    request.setHeader(
        QNetworkRequest::ContentTypeHeader, QByteArray("multipart/form-data; boundary=" + boundary));
    request.setRawHeader("User-Agent", "GuzzleHttp/7");
    request.setRawHeader("Accept", "*/*");
    request.setTransferTimeout(15000);
    QNetworkReply* reply = m_network->post(request, FakeMultipart::build(fields, boundary));
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, context ? context : this, [reply, done]() {
        if (done)
            done(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
    });
}

// --- plumbing -------------------------------------------------------------------------------

FakeUpstream::Reply FakeCoinRemitter::success(const QJsonValue& data)
{
    return jsonReply(200,
        laravelJson(QJsonObject {{QStringLiteral("success"), true}, {QStringLiteral("data"), data}}),
        "application/json");
}

FakeUpstream::Reply FakeCoinRemitter::failure(int code, const QString& message)
{
    QString type;
    int status = 200;
    switch (code) {
    case 1001:
        type = QStringLiteral("validation_error");
        status = 400;
        break;
    case 1002:
        type = QStringLiteral("server_error");
        status = 500;
        break;
    case 1003:
        type = QStringLiteral("invalid_credentials");
        status = 200;
        break;
    case 1004:
        type = QStringLiteral("account_inactive");
        status = 403;
        break;
    case 1005:
        type = QStringLiteral("not_found");
        status = 404;
        break;
    default:
        type = QStringLiteral("rate_limit_exceeded");
        status = 429;
        break;
    }
    return jsonReply(status,
        laravelJson(QJsonObject {{QStringLiteral("success"), false}, {QStringLiteral("error"), type},
            {QStringLiteral("error_code"), code}, {QStringLiteral("msg"), message}}),
        "application/json");
}

FakeUpstream::Reply FakeCoinRemitter::laravelMessage(int status, const QString& message)
{
    return jsonReply(
        status, laravelJson(QJsonObject {{QStringLiteral("message"), message}}), "application/json");
}

QString FakeCoinRemitter::dateText(qint64 ms) const
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString FakeCoinRemitter::randomHex(int length)
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(digits[m_random.bounded(16)]);
    return out;
}

QString FakeCoinRemitter::randomAlnum(int length)
{
    static const char chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString out;
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(chars[m_random.bounded(62)]);
    return out;
}

QString FakeCoinRemitter::newAddress(const QString& coinSymbol)
{
    static const char base58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    static const char bech32[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    const auto pick = [this](const char* alphabet, int size, int length) {
        QString out;
        for (int i = 0; i < length; ++i)
            out += QLatin1Char(alphabet[m_random.bounded(size)]);
        return out;
    };
    if (coinSymbol == QLatin1String("TRX") || coinSymbol.endsWith(QLatin1String("TRC20")))
        return QLatin1Char('T') + pick(base58, 58, 33);
    if (coinSymbol == QLatin1String("ETH") || coinSymbol.endsWith(QLatin1String("ERC20")))
        return QStringLiteral("0x") + randomHex(40);
    if (coinSymbol == QLatin1String("BTC"))
        return QStringLiteral("bc1q") + pick(bech32, 32, 38);
    if (coinSymbol == QLatin1String("LTC"))
        return QStringLiteral("ltc1q") + pick(bech32, 32, 38);
    return coinSymbol.toLower() + randomHex(32);
}

bool FakeCoinRemitter::parseParams(const RecordedRequest& request, Params& out) const
{
    const QByteArray type = request.header("content-type").toLower();
    const QByteArray body = request.body.trimmed();
    const auto fromQuery = [&out](const QUrlQuery& q) {
        for (const auto& item : q.queryItems(QUrl::FullyDecoded)) {
            if (!out.contains(item.first))
                out.insert(item.first, item.second);
        }
    };
    const auto fromForm = [&](const QByteArray& text) {
        QString s = QString::fromUtf8(text);
        s.replace(QLatin1Char('+'), QLatin1Char(' '));
        fromQuery(QUrlQuery(s));
    };

    if (!body.isEmpty()) {
        if (type.startsWith("multipart/form-data")) {
            const FakeMultipart::Fields fields =
                FakeMultipart::parse(request.body, request.header("content-type"));
            if (fields.isEmpty())
                return false;
            for (const auto& f : fields)
                out.insert(f.first, f.second);
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            fromForm(body);
        } else {
            QJsonParseError error {};
            const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
            if (error.error == QJsonParseError::NoError && doc.isObject()) {
                const QJsonObject o = doc.object();
                for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                    if (it->isString())
                        out.insert(it.key(), it->toString());
                    else if (!it->isNull() && !it->isUndefined() && !it->isObject() && !it->isArray())
                        out.insert(it.key(), it->toVariant().toString());
                }
            } else if (type.startsWith("application/json")) {
                return false;
            } else {
                fromForm(body);
            }
        }
    }
    fromQuery(request.query);
    return true;
}

FakeCoinRemitter::Wallet* FakeCoinRemitter::authenticate(const RecordedRequest& request)
{
    const QString key = QString::fromUtf8(request.header("x-api-key"));
    const QString password = QString::fromUtf8(request.header("x-api-password"));
    if (key.isEmpty())
        return nullptr;
    for (auto it = m_wallets.begin(); it != m_wallets.end(); ++it) {
        if (it->apiKey == key)
            return it->password == password ? &it.value() : nullptr;
    }
    return nullptr;
}

QString FakeCoinRemitter::urlProblem(const QString& field, const QString& value) const
{
    if (value.isEmpty())
        return QString();
    const QUrl url(value, QUrl::StrictMode);
    const QString label = QString(field).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return QStringLiteral("The %1 format is invalid.").arg(label);
    if (m_rejectPrivateUrls) {
        const QHostAddress address(url.host());
        const bool local = url.host() == QLatin1String("localhost") || address.isLoopback()
            || address.isInSubnet(QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8")))
            || address.isInSubnet(QHostAddress::parseSubnet(QStringLiteral("172.16.0.0/12")))
            || address.isInSubnet(QHostAddress::parseSubnet(QStringLiteral("192.168.0.0/16")));
        if (local)
            return QStringLiteral("The %1 must be a public URL.").arg(label);
    }
    return QString();
}

// --- request handling -----------------------------------------------------------------------

FakeUpstream::Reply FakeCoinRemitter::handle(const RecordedRequest& request)
{
    rollWindow();
    ++m_windowCalls;
    if (m_windowCalls > m_rateLimit) {
        const int retry = int(std::max<qint64>(1, (m_windowStart + kMinuteMs - now() + 999) / 1000));
        return failureReply(Failure::RateLimited429, retry, request);
    }

    const QString route = request.path.startsWith(QLatin1String("/v1/")) ? request.path.mid(4) : QString();
    const QStringList authed = {QStringLiteral("wallet/balance"), QStringLiteral("wallet/address/create"),
        QStringLiteral("wallet/address/validate"), QStringLiteral("invoice/create"),
        QStringLiteral("invoice/get")};
    const QStringList rates = {QStringLiteral("rate/fiat-to-crypto"), QStringLiteral("rate/crypto-to-fiat"),
        QStringLiteral("rate/supported-currency")};
    const QString routeName = request.path.mid(1);
    if (!authed.contains(route) && !rates.contains(route))
        return laravelMessage(404, QStringLiteral("The route %1 could not be found.").arg(routeName));
    const bool isRate = rates.contains(route);
    const bool methodOk =
        request.method == QLatin1String("POST") || (isRate && request.method == QLatin1String("GET"));
    if (!methodOk)
        return laravelMessage(405,
            QStringLiteral("The %1 method is not supported for route %2. Supported methods: %3.")
                .arg(request.method, routeName,
                    isRate ? QStringLiteral("GET, HEAD, POST") : QStringLiteral("POST")));

    Params params;
    if (!parseParams(request, params))
        return failure(1001, QStringLiteral("The request body is not valid JSON or form data."));

    if (route == QLatin1String("rate/fiat-to-crypto"))
        return fiatToCrypto(params);
    if (route == QLatin1String("rate/crypto-to-fiat"))
        return cryptoToFiat(params, request);
    if (route == QLatin1String("rate/supported-currency"))
        return supportedCurrencies();

    const Wallet* wallet = authenticate(request);
    if (!wallet)
        return failure(1003, QStringLiteral("Invalid API key or password."));
    if (route == QLatin1String("wallet/balance"))
        return walletBalance(*wallet);
    if (route == QLatin1String("wallet/address/create"))
        return createAddress(*wallet, params);
    if (route == QLatin1String("wallet/address/validate"))
        return validateAddress(*wallet, params);
    if (route == QLatin1String("invoice/create"))
        return createInvoice(*wallet, params);
    return getInvoice(*wallet, params);
}

void FakeCoinRemitter::finishReply(Reply& reply, const RecordedRequest&)
{
    rollWindow();
    reply.header("x-ratelimit-limit", QByteArray::number(m_rateLimit));
    reply.header("x-ratelimit-remaining", QByteArray::number(std::max(0, m_rateLimit - m_windowCalls)));
}

FakeUpstream::Reply FakeCoinRemitter::failureReply(
    Failure failure, int retryAfterSeconds, const RecordedRequest& request)
{
    const int retry = retryAfterSeconds > 0 ? retryAfterSeconds : 60;
    switch (failure) {
    case Failure::ServerError500:
        return FakeCoinRemitter::failure(
            1002, QStringLiteral("Something went wrong. Please try again later."));
    case Failure::BadGateway502:
        return htmlReply(502,
            QByteArrayLiteral("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                              "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx"
                              "</center>\r\n</body>\r\n</html>\r\n"));
    case Failure::Unavailable503:
        return htmlReply(503,
            QByteArrayLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>Service "
                              "Unavailable</title>\n</head>\n<body>\n<div>503 | Service "
                              "Unavailable</div>\n</body>\n</html>\n"));
    case Failure::RateLimited429: {
        Reply reply = laravelMessage(429, QStringLiteral("Too Many Attempts."));
        reply.header("Retry-After", QByteArray::number(retry));
        reply.header("X-RateLimit-Reset", QByteArray::number(now() / 1000 + retry));
        return reply;
    }
    case Failure::HtmlRateLimit429: {
        Reply reply = htmlReply(429,
            QByteArrayLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>Too Many "
                              "Requests</title>\n</head>\n<body>\n<div>429 | Too Many "
                              "Attempts.</div>\n</body>\n</html>\n"));
        reply.header("Retry-After", QByteArray::number(retry));
        return reply;
    }
    case Failure::WafBlocked403:
        return htmlReply(403,
            QByteArrayLiteral("<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<title>Attention "
                              "Required! | Cloudflare</title>\n</head>\n<body>\n<h1>Sorry, you have "
                              "been blocked</h1>\n<h2>You are unable to access coinremitter.com"
                              "</h2>\n</body>\n</html>\n"));
    default:
        return FakeUpstream::failureReply(failure, retryAfterSeconds, request);
    }
}
