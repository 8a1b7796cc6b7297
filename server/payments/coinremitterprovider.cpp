#include "payments/coinremitterprovider.h"

#include "payments/amountrules.h"
#include "payments/multipartform.h"
#include "payments/paymentsconfig.h"
#include "payments/paymentslog.h"
#include "security/secretnames.h"
#include "security/secretstore.h"
#include "storage/invoicerecord.h"

#include <QJsonArray>
#include <QPointer>
#include <QRegularExpression>
#include <QUrlQuery>

#include <memory>

namespace
{

constexpr qint64 kCredentialsTtlMs = 10 * 60 * 1000;

std::optional<Decimal> decimalOf(const QJsonValue& v)
{
    if (v.isString())
        return Decimal::parseLenient(v.toString());
    if (v.isDouble())
        return Decimal::parseLenient(QString::number(v.toDouble(), 'f', QLocale::FloatingPointShortest));
    return std::nullopt;
}

int intOf(const QJsonValue& v, int fallback)
{
    if (v.isDouble())
        return v.toInt();
    if (v.isString()) {
        bool ok = false;
        const int n = v.toString().trimmed().toInt(&ok);
        return ok ? n : fallback;
    }
    return fallback;
}

Error notConfigured(const QString& coin)
{
    const QString key = SecretNames::coinremitterKey(coin);
    const QString password = SecretNames::coinremitterPassword(coin);
    return Error(QStringLiteral("wallet_not_configured"),
        QStringLiteral(
            "The %1 wallet has no CoinRemitter API key and password here. Set them with `finagent secrets "
            "set %2` and `finagent secrets set %3` (each reads the value from stdin), or on the Accounts "
            "page of the FinAgent window; for `finagent serve`, set %4 and %5.")
            .arg(coin, key, password, SecretNames::envVarFor(key), SecretNames::envVarFor(password)),
        QJsonObject {
            {QStringLiteral("coin"), coin}, {QStringLiteral("secrets"), QJsonArray {key, password}}});
}

} // namespace

CoinRemitterProvider::CoinRemitterProvider(
    QNetworkAccessManager& nam, SecretStore& secrets, const PaymentsConfig& config, QObject* parent)
    : PaymentProvider(parent)
    , m_secrets(secrets)
    , m_networks(config.networks)
{
    m_client = new CoinRemitterClient(nam, config.coinremitterUrl, this);
    m_client->setTimeoutMs(config.requestTimeoutMs);
    connect(&m_secrets, &SecretStore::changed, this, [this](const QString& name) {
        const QStringList parts = name.split(QLatin1Char('/'));
        if (parts.size() == 3 && parts.first() == QLatin1String("coinremitter"))
            forgetCredentials(parts.at(1));
    });
}

void CoinRemitterProvider::forgetCredentials(const QString& coin)
{
    if (coin.isEmpty())
        m_credentials.clear();
    else
        m_credentials.remove(coin);
}

void CoinRemitterProvider::credentials(const QString& coin, QObject* ctx, CredentialsDone done)
{
    const auto cached = m_credentials.constFind(coin);
    if (cached != m_credentials.constEnd() && m_client->now() - cached->readAt < kCredentialsTtlMs) {
        const CoinRemitterCredentials creds = cached->credentials;
        QPointer<QObject> guard(ctx ? ctx : this);
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, creds, done = std::move(done)]() {
                if (guard)
                    done(creds);
            },
            Qt::QueuedConnection);
        return;
    }
    const auto fail = [coin](const Error& e) {
        if (e.code == QLatin1String("secret_not_found"))
            return notConfigured(coin);
        return Error(e.code,
            QStringLiteral("Could not read the CoinRemitter credentials of the %1 wallet: %2")
                .arg(coin, e.message));
    };
    QPointer<QObject> caller(ctx);
    const bool hadCtx = ctx != nullptr;
    m_secrets.read(SecretNames::coinremitterKey(coin), this,
        [this, coin, caller, hadCtx, fail, done](Result<QString> key) {
            if (hadCtx && !caller)
                return;
            if (!key || key.value().isEmpty()) {
                done(fail(key ? Error(QStringLiteral("secret_not_found"), QString()) : key.error()));
                return;
            }
            m_secrets.read(SecretNames::coinremitterPassword(coin), this,
                [this, coin, caller, hadCtx, fail, done, apiKey = key.value()](Result<QString> password) {
                    if (hadCtx && !caller)
                        return;
                    if (!password || password.value().isEmpty()) {
                        done(fail(password ? Error(QStringLiteral("secret_not_found"), QString())
                                           : password.error()));
                        return;
                    }
                    Cached c;
                    c.credentials = CoinRemitterCredentials {apiKey, password.value()};
                    c.readAt = m_client->now();
                    m_credentials.insert(coin, c);
                    done(c.credentials);
                });
        });
}

void CoinRemitterProvider::walletCall(const QString& coin, const QString& path, const QJsonObject& body,
    bool safe, QObject* ctx, CoinRemitterClient::Done done)
{
    QPointer<QObject> caller(ctx);
    const bool hadCtx = ctx != nullptr;
    credentials(coin, ctx,
        [this, coin, path, body, safe, caller, hadCtx, done](Result<CoinRemitterCredentials> creds) {
            if (!creds) {
                done(creds.error());
                return;
            }
            if (hadCtx && !caller)
                return;
            CoinRemitterClient::Request req;
            req.path = path;
            req.body = body;
            req.walletCoin = coin;
            req.credentials = creds.value();
            req.safeToRetry = safe;
            m_client->post(req, caller.data(), [this, coin, done](Result<QJsonValue> r) {
                if (!r && r.error().code == QLatin1String(CoinRemitterClient::kCredentialsRejected))
                    forgetCredentials(coin);
                done(std::move(r));
            });
        });
}

QString CoinRemitterProvider::statusFor(int statusCode)
{
    switch (statusCode) {
    case 0:
        return QStringLiteral("pending");
    case 1:
        return QStringLiteral("paid");
    case 2:
        return QStringLiteral("underpaid");
    case 3:
        return QStringLiteral("overpaid");
    case 4:
        return QStringLiteral("expired");
    case 5:
        return QStringLiteral("cancelled");
    default:
        return {};
    }
}

Result<ProviderInvoice> CoinRemitterProvider::parseInvoice(
    const QJsonValue& data, const PaymentNetwork& network)
{
    const QJsonObject o = data.toObject();
    const Error bad(QLatin1String(CoinRemitterClient::kBadResponse),
        QStringLiteral("CoinRemitter's invoice answer lacks %1; it cannot be used."));
    ProviderInvoice inv;
    inv.providerInvoiceId = o.value(QStringLiteral("invoice_id")).toString().trimmed();
    if (inv.providerInvoiceId.isEmpty())
        return Error(bad.code, bad.message.arg(QStringLiteral("invoice_id")));
    inv.paymentUrl = o.value(QStringLiteral("url")).toString();
    const QString coin = o.value(QStringLiteral("coin_symbol")).toString(network.coin);

    std::optional<Decimal> amount = decimalOf(o.value(QStringLiteral("amount")));
    if (!amount)
        amount = decimalOf(o.value(QStringLiteral("total_amount")).toObject().value(coin));
    if (!amount)
        return Error(bad.code, bad.message.arg(QStringLiteral("the amount")));
    inv.amountCoin = *amount;
    inv.amountUsd = decimalOf(o.value(QStringLiteral("usd_amount")));
    if (!inv.amountUsd)
        inv.amountUsd =
            decimalOf(o.value(QStringLiteral("total_amount")).toObject().value(QStringLiteral("USD")));

    const int code = intOf(o.value(QStringLiteral("status_code")), -1);
    inv.status = statusFor(code);
    if (inv.status.isEmpty()) {
        const QString text = o.value(QStringLiteral("status")).toString().toLower().remove(QLatin1Char(' '));
        const QHash<QString, QString> byText {{QStringLiteral("pending"), QStringLiteral("pending")},
            {QStringLiteral("paid"), QStringLiteral("paid")},
            {QStringLiteral("underpaid"), QStringLiteral("underpaid")},
            {QStringLiteral("overpaid"), QStringLiteral("overpaid")},
            {QStringLiteral("expired"), QStringLiteral("expired")},
            {QStringLiteral("cancelled"), QStringLiteral("cancelled")}};
        inv.status = byText.value(text);
    }
    if (inv.status.isEmpty())
        return Error(bad.code, bad.message.arg(QStringLiteral("a known status")));
    inv.paidAmount =
        decimalOf(o.value(QStringLiteral("paid_amount")).toObject().value(coin)).value_or(Decimal());
    if (inv.paidAmount.isNegative())
        inv.paidAmount = Decimal();
    const QJsonValue expires = o.value(QStringLiteral("expire_on_timestamp"));
    if (expires.isDouble() && expires.toDouble() > 0)
        inv.expiresAt = qint64(expires.toDouble());
    inv.details = QJsonObject {{QStringLiteral("provider_status_code"), code},
        {QStringLiteral("provider_status"), o.value(QStringLiteral("status")).toString().left(40)},
        {QStringLiteral("payments"), o.value(QStringLiteral("payment_history")).toArray().size()}};
    return inv;
}

void CoinRemitterProvider::createInvoice(
    const ProviderInvoiceRequest& request, QObject* ctx, Done<ProviderInvoice> done)
{
    const PaymentNetwork network = request.network;
    QJsonObject body;
    const bool usd = request.currency == QLatin1String("USD");
    body.insert(QStringLiteral("amount"),
        usd ? request.amount.toFixed(AmountRules::kUsdDecimals) : request.amount.toString());
    if (usd)
        body.insert(QStringLiteral("fiat_currency"), QStringLiteral("USD"));
    body.insert(QStringLiteral("expiry_time_in_minutes"), request.expiresInMinutes);
    body.insert(QStringLiteral("custom_data1"), request.invoiceId);
    if (!request.description.isEmpty())
        body.insert(QStringLiteral("description"), request.description);
    if (!request.notifyUrl.isEmpty())
        body.insert(QStringLiteral("notify_url"), request.notifyUrl);
    walletCall(network.coin, QStringLiteral("/invoice/create"), body, false, ctx,
        [network, request, done](Result<QJsonValue> r) {
            if (!r) {
                done(r.error());
                return;
            }
            Result<ProviderInvoice> inv = parseInvoice(r.value(), network);
            if (inv && request.currency == QLatin1String("USD"))
                inv.value().amountUsd = request.amount; // what was asked for, exactly
            done(std::move(inv));
        });
}

void CoinRemitterProvider::getInvoice(const InvoiceRecord& invoice, QObject* ctx, Done<ProviderInvoice> done)
{
    const PaymentNetwork* known = m_networks.findCoin(invoice.coin);
    PaymentNetwork network;
    if (known) {
        network = *known;
    } else {
        network.coin = invoice.coin;
        network.network = invoice.network;
    }
    const QString providerId = invoice.providerInvoiceId.value_or(QString());
    if (providerId.isEmpty()) {
        QPointer<QObject> guard(ctx ? ctx : this);
        const QString id = invoice.id;
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, id, done]() {
                if (guard)
                    done(Error(QStringLiteral("no_provider_invoice"),
                        QStringLiteral("Invoice %1 has no CoinRemitter invoice id to look up.").arg(id)));
            },
            Qt::QueuedConnection);
        return;
    }
    walletCall(invoice.coin, QStringLiteral("/invoice/get"),
        QJsonObject {{QStringLiteral("invoice_id"), providerId}}, true, ctx,
        [network, providerId, done](Result<QJsonValue> r) {
            if (!r) {
                if (r.error().code == QLatin1String(CoinRemitterClient::kNotFound))
                    done(Error(r.error().code,
                        QStringLiteral("CoinRemitter has no invoice %1 in the %2 wallet (error 1005).")
                            .arg(providerId, network.coin),
                        r.error().details));
                else
                    done(r.error());
                return;
            }
            done(parseInvoice(r.value(), network));
        });
}

void CoinRemitterProvider::balance(const PaymentNetwork& network, QObject* ctx, Done<WalletBalance> done)
{
    QPointer<QObject> caller(ctx);
    walletCall(network.coin, QStringLiteral("/wallet/balance"), QJsonObject(), true, ctx,
        [this, network, caller, done](Result<QJsonValue> r) {
            if (!r) {
                done(r.error());
                return;
            }
            const std::optional<Decimal> amount =
                decimalOf(r.value().toObject().value(QStringLiteral("balance")));
            if (!amount) {
                done(Error(QLatin1String(CoinRemitterClient::kBadResponse),
                    QStringLiteral("CoinRemitter's balance answer for the %1 wallet has no balance.")
                        .arg(network.coin)));
                return;
            }
            auto out = std::make_shared<WalletBalance>();
            out->network = network;
            out->balance = *amount;
            out->source = QStringLiteral("CoinRemitter /wallet/balance of the %1 wallet").arg(network.coin);
            out->fetchedAt = m_client->now();
            CoinRemitterClient::Request rate;
            rate.path = QStringLiteral("/rate/fiat-to-crypto");
            rate.body = QJsonObject {{QStringLiteral("fiat"), QStringLiteral("USD")},
                {QStringLiteral("fiat_amount"), QStringLiteral("1")},
                {QStringLiteral("crypto"), network.coin}};
            m_client->post(rate, caller.data(), [out, done](Result<QJsonValue> rateResult) {
                // The dollar value is a convenience: without a rate the balance still stands.
                if (rateResult) {
                    const QJsonArray rows = rateResult.value().toArray();
                    for (const QJsonValue& row : rows) {
                        if (row.toObject().value(QStringLiteral("short_name")).toString()
                            != out->network.coin)
                            continue;
                        const std::optional<Decimal> perUsd =
                            decimalOf(row.toObject().value(QStringLiteral("price")));
                        if (perUsd && perUsd->sign() > 0) {
                            out->usdValue = out->balance.divided(*perUsd, AmountRules::kUsdDecimals);
                            out->source += QStringLiteral("; USD value from /rate/fiat-to-crypto");
                        }
                    }
                }
                done(*out);
            });
        });
}

Result<QString> CoinRemitterProvider::verifyWebhook(
    const QByteArray& contentType, const QByteArray& body) const
{
    QString invoiceId;
    if (contentType.trimmed().toLower().startsWith("application/x-www-form-urlencoded")) {
        if (body.size() > MultipartForm::Limits().maxBodyBytes)
            return Error(QStringLiteral("invalid_webhook"), QStringLiteral("The webhook body is too large."));
        QString text = QString::fromUtf8(body);
        text.replace(QLatin1Char('+'), QLatin1Char(' '));
        invoiceId = QUrlQuery(text).queryItemValue(QStringLiteral("invoice_id"), QUrl::FullyDecoded);
    } else {
        Result<MultipartForm::Fields> fields = MultipartForm::parse(body, contentType);
        if (!fields)
            return Error(QStringLiteral("invalid_webhook"), fields.error().message);
        invoiceId = MultipartForm::value(fields.value(), QStringLiteral("invoice_id"));
    }
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    invoiceId = invoiceId.trimmed();
    if (!shape.match(invoiceId).hasMatch())
        return Error(QStringLiteral("invalid_webhook"),
            QStringLiteral(
                "The webhook has no usable invoice_id field (1 to 64 letters, digits, '_' or '-')."));
    return invoiceId;
}

void CoinRemitterProvider::walletStatus(QObject* ctx, std::function<void(QJsonObject)> done)
{
    struct Tally
    {
        QStringList configured;
        QStringList missing;
        int waiting = 0;
    };
    auto tally = std::make_shared<Tally>();
    const QStringList coins = m_networks.coins();
    tally->waiting = int(coins.size());
    const auto finishIfDone = [tally, done]() {
        if (tally->waiting == 0)
            done(QJsonObject {{QStringLiteral("configured"), QJsonArray::fromStringList(tally->configured)},
                {QStringLiteral("missing"), QJsonArray::fromStringList(tally->missing)}});
    };
    if (coins.isEmpty()) {
        QPointer<QObject> guard(ctx ? ctx : this);
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, finishIfDone]() {
                if (guard)
                    finishIfDone();
            },
            Qt::QueuedConnection);
        return;
    }
    for (const QString& coin : coins) {
        credentials(coin, ctx, [tally, coin, finishIfDone](Result<CoinRemitterCredentials> r) {
            (r ? tally->configured : tally->missing).append(coin);
            --tally->waiting;
            finishIfDone();
        });
    }
}
