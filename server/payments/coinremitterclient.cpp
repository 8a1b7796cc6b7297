#include "payments/coinremitterclient.h"

#include "payments/paymentslog.h"
#include "security/secretnames.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

namespace
{

constexpr qint64 kDefaultWindowMs = 60 * 1000; // CoinRemitter's rate-limit window

QString secondsText(qint64 ms)
{
    return QString::number((ms + 999) / 1000);
}

} // namespace

struct CoinRemitterClient::Call
{
    Request request;
    QPointer<QObject> ctx;
    bool hadCtx = false;
    Done done;
    int attempt = 0;
    bool timedOut = false;
    bool finished = false;
    qint64 sentAt = 0;
};

CoinRemitterClient::CoinRemitterClient(QNetworkAccessManager& nam, QString baseUrl, QObject* parent)
    : QObject(parent)
    , m_nam(nam)
    , m_baseUrl(std::move(baseUrl))
    , m_clock([]() { return QDateTime::currentMSecsSinceEpoch(); })
{
    while (m_baseUrl.endsWith(QLatin1Char('/')))
        m_baseUrl.chop(1);
}

CoinRemitterClient::~CoinRemitterClient() = default;

void CoinRemitterClient::setRetryPolicy(int maxRetries, int baseDelayMs)
{
    m_maxRetries = qMax(0, maxRetries);
    m_retryBaseMs = qMax(1, baseDelayMs);
}

void CoinRemitterClient::post(Request request, QObject* ctx, Done done)
{
    auto call = std::make_shared<Call>();
    call->request = std::move(request);
    call->ctx = ctx;
    call->hadCtx = ctx != nullptr;
    call->done = std::move(done);
    // Never answer before post() returns.
    QTimer::singleShot(0, this, [this, call]() { start(call); });
}

void CoinRemitterClient::start(const std::shared_ptr<Call>& call)
{
    if (call->hadCtx && !call->ctx)
        return; // nobody waits for the answer any more
    const qint64 wait = m_blockedUntil - now();
    if (wait > 0) {
        if (wait <= m_maxWaitMs) {
            QTimer::singleShot(int(wait), this, [this, call]() { start(call); });
            return;
        }
        finish(call, rateLimitedError(call->request, wait));
        return;
    }
    send(call);
}

void CoinRemitterClient::send(const std::shared_ptr<Call>& call)
{
    QNetworkRequest req(QUrl(m_baseUrl + call->request.path));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader("Accept", "application/json");
    req.setRawHeader("User-Agent", "FinAgent");
    if (call->request.credentials) {
        req.setRawHeader("x-api-key", call->request.credentials->apiKey.toUtf8());
        req.setRawHeader("x-api-password", call->request.credentials->password.toUtf8());
    }
    call->timedOut = false;
    call->sentAt = now();
    ++m_requests;
    QNetworkReply* reply = m_nam.post(req, QJsonDocument(call->request.body).toJson(QJsonDocument::Compact));
    auto* deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [call, reply]() {
        call->timedOut = true;
        reply->abort();
    });
    deadline->start(m_timeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, call, reply]() { onFinished(call, reply); });
}

qint64 CoinRemitterClient::backoffMs(int attempt) const
{
    const qint64 base = qint64(m_retryBaseMs) << qMin(attempt, 10);
    return base / 2 + QRandomGenerator::global()->bounded(base / 2 + 1);
}

void CoinRemitterClient::retryOr(const std::shared_ptr<Call>& call, qint64 delayMs, const Error& error)
{
    if (call->request.safeToRetry && call->attempt < m_maxRetries && (!call->hadCtx || call->ctx)) {
        ++call->attempt;
        qCInfo(lcPayments).noquote() << "CoinRemitter" << call->request.path
                                     << QStringLiteral("failed (%1); retry").arg(error.code) << call->attempt
                                     << "in" << delayMs << "ms";
        QTimer::singleShot(int(qMax<qint64>(0, delayMs)), this, [this, call]() { start(call); });
        return;
    }
    finish(call, error);
}

void CoinRemitterClient::finish(const std::shared_ptr<Call>& call, Result<QJsonValue> result)
{
    if (call->finished)
        return;
    call->finished = true;
    if (result.ok()) {
        m_lastSuccessAt = now();
    } else {
        ++m_errors;
        m_lastError = result.error().message;
        qCWarning(lcPayments).noquote()
            << "CoinRemitter" << call->request.path << "failed:" << result.error().message;
    }
    if (call->hadCtx && !call->ctx)
        return;
    if (call->done)
        call->done(std::move(result));
}

void CoinRemitterClient::noteRateLimit(QNetworkReply* reply, int httpStatus)
{
    bool ok = false;
    const int remaining = reply->rawHeader("x-ratelimit-remaining").trimmed().toInt(&ok);
    if (ok)
        m_rateRemaining = remaining;
    const int limit = reply->rawHeader("x-ratelimit-limit").trimmed().toInt(&ok);
    if (ok)
        m_rateLimit = limit;

    qint64 resetAt = 0;
    const qint64 retryAfter = reply->rawHeader("retry-after").trimmed().toLongLong(&ok);
    if (ok && retryAfter >= 0)
        resetAt = now() + retryAfter * 1000;
    if (resetAt == 0) {
        const qint64 reset = reply->rawHeader("x-ratelimit-reset").trimmed().toLongLong(&ok);
        if (ok && reset > 0)
            resetAt = reset * 1000;
    }
    if (httpStatus == 429 || (m_rateRemaining == 0 && httpStatus != 0)) {
        if (resetAt <= now())
            resetAt = now() + kDefaultWindowMs;
        m_blockedUntil = qMax(m_blockedUntil, resetAt);
        if (httpStatus == 429)
            ++m_rateLimited;
        qCInfo(lcPayments).noquote() << "CoinRemitter rate limit reached; no requests for"
                                     << secondsText(m_blockedUntil - now()) << "s";
    }
}

void CoinRemitterClient::onFinished(const std::shared_ptr<Call>& call, QNetworkReply* reply)
{
    reply->deleteLater();
    const Request& req = call->request;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    noteRateLimit(reply, status);

    if (status == 0) {
        Error error;
        const QNetworkReply::NetworkError kind = reply->error();
        const bool neverSent =
            kind == QNetworkReply::ConnectionRefusedError || kind == QNetworkReply::HostNotFoundError;
        if (call->timedOut) {
            error = Error(QLatin1String(kTimeout),
                QStringLiteral("CoinRemitter did not answer %1 within %2 s. Try again in a moment.")
                    .arg(req.path, secondsText(m_timeoutMs)));
        } else {
            error = Error(QLatin1String(kUnavailable),
                QStringLiteral("Could not reach CoinRemitter at %1 (%2). Check the network connection and "
                               "payments.coinremitter_url, then try again.")
                    .arg(m_baseUrl, reply->errorString()));
        }
        if (!req.safeToRetry && !neverSent) {
            error = Error(QLatin1String(kOutcomeUnknown),
                error.message
                    + QStringLiteral(
                        " The request may have reached CoinRemitter, so it is not known whether it "
                        "made the invoice; nothing was saved here."),
                QJsonObject {{QStringLiteral("cause"), error.code}});
        }
        retryOr(call, backoffMs(call->attempt), error);
        return;
    }

    if (status == 429) {
        const qint64 wait = qMax<qint64>(0, m_blockedUntil - now());
        const Error error = rateLimitedError(req, wait);
        if (wait <= m_maxWaitMs)
            retryOr(call, wait, error);
        else
            finish(call, error);
        return;
    }

    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll(), &parseError);
    const QJsonObject body = doc.object();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (status >= 500) {
            retryOr(call, backoffMs(call->attempt),
                Error(QLatin1String(kUnavailable),
                    QStringLiteral("CoinRemitter is having trouble (HTTP %1). Try again in a few minutes.")
                        .arg(status)));
            return;
        }
        finish(call,
            Error(QLatin1String(kBadResponse),
                QStringLiteral(
                    "CoinRemitter answered %1 with HTTP %2 and a body that is not its JSON API. Check "
                    "that payments.coinremitter_url (%3) is CoinRemitter's API v1 address.")
                    .arg(req.path)
                    .arg(status)
                    .arg(m_baseUrl)));
        return;
    }
    if (!body.contains(QStringLiteral("success"))) {
        const QString message = body.value(QStringLiteral("message")).toString().left(300);
        if (status >= 500) {
            retryOr(call, backoffMs(call->attempt),
                Error(QLatin1String(kUnavailable),
                    QStringLiteral(
                        "CoinRemitter is having trouble (HTTP %1: %2). Try again in a few minutes.")
                        .arg(status)
                        .arg(message)));
            return;
        }
        finish(call,
            Error(QLatin1String(kBadResponse),
                QStringLiteral(
                    "CoinRemitter answered %1 with HTTP %2 (\"%3\"). Check that payments.coinremitter_url "
                    "(%4) is CoinRemitter's API v1 address.")
                    .arg(req.path)
                    .arg(status)
                    .arg(message, m_baseUrl)));
        return;
    }
    if (body.value(QStringLiteral("success")).toBool()) {
        finish(call, body.value(QStringLiteral("data")));
        return;
    }

    const QJsonValue codeValue = body.value(QStringLiteral("error_code"));
    const int code = codeValue.isString() ? codeValue.toString().toInt() : codeValue.toInt();
    const QString msg = body.value(QStringLiteral("msg")).toString().left(300);
    if (code == 1002 || status >= 500) {
        retryOr(call, backoffMs(call->attempt), envelopeError(req, code, msg, status));
        return;
    }
    if (code == 1006) {
        m_blockedUntil = qMax(m_blockedUntil, now() + kDefaultWindowMs);
        ++m_rateLimited;
        finish(call, rateLimitedError(req, m_blockedUntil - now()));
        return;
    }
    finish(call, envelopeError(req, code, msg, status));
}

Error CoinRemitterClient::rateLimitedError(const Request& request, qint64 waitMs) const
{
    Q_UNUSED(request)
    return Error(QLatin1String(kRateLimited),
        QStringLiteral(
            "CoinRemitter's rate limit is reached (calls per minute of the plan); try again in %1 s.")
            .arg(secondsText(qMax<qint64>(waitMs, 1000))),
        QJsonObject {
            {QStringLiteral("retry_after_seconds"), secondsText(qMax<qint64>(waitMs, 1000)).toInt()}});
}

Error CoinRemitterClient::envelopeError(
    const Request& request, int code, const QString& msg, int httpStatus) const
{
    const QString coin = request.walletCoin.isEmpty() ? QStringLiteral("the") : request.walletCoin;
    const QJsonObject details {
        {QStringLiteral("upstream_code"), code}, {QStringLiteral("http_status"), httpStatus}};
    switch (code) {
    case 1003:
        return Error(QLatin1String(kCredentialsRejected),
            QStringLiteral(
                "CoinRemitter rejected the API key or password of the %1 wallet (error 1003). Set them "
                "again with `finagent secrets set %2` and `finagent secrets set %3`, or on the Accounts "
                "page of the FinAgent window.")
                .arg(coin, SecretNames::coinremitterKey(request.walletCoin),
                    SecretNames::coinremitterPassword(request.walletCoin)),
            details);
    case 1004:
        return Error(QLatin1String(kAccountInactive),
            QStringLiteral(
                "CoinRemitter says the account or the API of the %1 wallet is not active (error 1004: %2). "
                "Enable API access for the wallet at coinremitter.com.")
                .arg(coin, msg),
            details);
    case 1005:
        return Error(QLatin1String(kNotFound),
            QStringLiteral("CoinRemitter does not know it (error 1005: %1).").arg(msg), details);
    case 1001:
        return Error(QLatin1String(kInvalidRequest),
            QStringLiteral("CoinRemitter refused the request (error 1001): %1").arg(msg), details);
    case 1002:
        return Error(QLatin1String(kUnavailable),
            QStringLiteral(
                "CoinRemitter reported a server error (error 1002: %1). Try again in a few minutes.")
                .arg(msg),
            details);
    default:
        break;
    }
    return Error(QLatin1String(kBadResponse),
        QStringLiteral("CoinRemitter answered %1 with error %2: %3").arg(request.path).arg(code).arg(msg),
        details);
}

QJsonObject CoinRemitterClient::health() const
{
    QJsonObject o {{QStringLiteral("requests"), m_requests}, {QStringLiteral("errors"), m_errors},
        {QStringLiteral("rate_limited"), m_rateLimited}};
    if (m_lastSuccessAt > 0)
        o.insert(QStringLiteral("last_success_at"), m_lastSuccessAt);
    if (!m_lastError.isEmpty())
        o.insert(QStringLiteral("last_error"), m_lastError);
    if (m_rateRemaining >= 0)
        o.insert(QStringLiteral("rate_limit_remaining"), m_rateRemaining);
    if (m_blockedUntil > now())
        o.insert(QStringLiteral("blocked_until"), m_blockedUntil);
    return o;
}
