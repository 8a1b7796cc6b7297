#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

// A wallet's API credentials. Held in memory only; never logged, stored or put in messages.
struct CoinRemitterCredentials
{
    QString apiKey;
    QString password;
};

// Calls CoinRemitter's API v1: every call is a POST with a JSON body, wallet credentials in the
// x-api-key / x-api-password headers, and an envelope {"success":true,"data":...} or
// {"success":false,"error_code":...,"msg":...} (1003, bad credentials, comes with HTTP 200).
//
// It respects the rate limit: after a 429 (or when x-ratelimit-remaining reaches 0) no request
// is sent until the window resets; a call meanwhile waits when the reset is near, else fails at
// once with the time to wait. Calls marked safe are retried after network errors, timeouts and
// server errors with growing pauses; unsafe ones (creating an invoice) never are.
class CoinRemitterClient : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QString path; // "/invoice/get"
        QJsonObject body;
        QString walletCoin; // whose credentials these are, for messages ("USDTTRC20"); empty for /rate
        std::optional<CoinRemitterCredentials> credentials;
        bool safeToRetry = true;
    };
    // The envelope's "data" on success.
    using Done = std::function<void(Result<QJsonValue>)>;

    CoinRemitterClient(QNetworkAccessManager& nam, QString baseUrl, QObject* parent = nullptr);
    ~CoinRemitterClient() override;

    void setTimeoutMs(int ms) { m_timeoutMs = qMax(1, ms); }
    void setRetryPolicy(int maxRetries, int baseDelayMs);
    // A call made while rate limited waits for the reset if it comes within this time.
    void setMaxRateLimitWaitMs(int ms) { m_maxWaitMs = qMax(0, ms); }
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }
    QString baseUrl() const { return m_baseUrl; }

    // `done` runs later on ctx's thread, unless ctx is destroyed first.
    void post(Request request, QObject* ctx, Done done);

    qint64 blockedUntil() const { return m_blockedUntil; } // ms since the epoch; 0: not limited
    // {"requests", "errors", "rate_limited", "last_success_at", "last_error", "rate_limit_remaining",
    // "blocked_until"}
    QJsonObject health() const;

    // Error codes of failed calls.
    static constexpr const char kCredentialsRejected[] = "coinremitter_credentials_rejected";
    static constexpr const char kAccountInactive[] = "coinremitter_account_inactive";
    static constexpr const char kNotFound[] = "coinremitter_not_found";
    static constexpr const char kInvalidRequest[] = "coinremitter_invalid_request";
    static constexpr const char kOutcomeUnknown[] = "coinremitter_outcome_unknown";
    static constexpr const char kRateLimited[] = "upstream_rate_limited";
    static constexpr const char kUnavailable[] = "upstream_unavailable";
    static constexpr const char kTimeout[] = "upstream_timeout";
    static constexpr const char kBadResponse[] = "upstream_bad_response";

private:
    struct Call;
    void start(const std::shared_ptr<Call>& call);
    void send(const std::shared_ptr<Call>& call);
    void onFinished(const std::shared_ptr<Call>& call, QNetworkReply* reply);
    // Retries a safe call after `delayMs`, or fails it with `error`.
    void retryOr(const std::shared_ptr<Call>& call, qint64 delayMs, const Error& error);
    void finish(const std::shared_ptr<Call>& call, Result<QJsonValue> result);
    void noteRateLimit(QNetworkReply* reply, int httpStatus);
    Error rateLimitedError(const Request& request, qint64 waitMs) const;
    Error envelopeError(const Request& request, int code, const QString& msg, int httpStatus) const;
    qint64 backoffMs(int attempt) const;

    QNetworkAccessManager& m_nam;
    QString m_baseUrl;
    std::function<qint64()> m_clock;
    int m_timeoutMs = 15000;
    int m_maxRetries = 2;
    int m_retryBaseMs = 500;
    int m_maxWaitMs = 2000;
    qint64 m_blockedUntil = 0;
    int m_rateRemaining = -1;
    int m_rateLimit = -1;
    qint64 m_requests = 0;
    qint64 m_errors = 0;
    qint64 m_rateLimited = 0;
    qint64 m_lastSuccessAt = 0;
    QString m_lastError;
};
