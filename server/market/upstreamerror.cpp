#include "market/upstreamerror.h"

#include "market/markettime.h"

namespace UpstreamError
{

qint64 retryAfterSeconds(const UpstreamReply& reply, qint64 fallback)
{
    bool ok = false;
    const qint64 s = reply.header("retry-after").trimmed().toLongLong(&ok);
    return ok && s >= 0 ? s : fallback;
}

QJsonObject details(const UpstreamReply& reply, const UpstreamRequest& request)
{
    QJsonObject d {
        {QStringLiteral("provider"), request.provider}, {QStringLiteral("endpoint"), request.endpoint}};
    if (reply.status != 0)
        d.insert(QStringLiteral("http_status"), reply.status);
    else if (reply.timedOut)
        d.insert(QStringLiteral("timeout_ms"), reply.timeoutMs);
    else
        d.insert(QStringLiteral("network_error"), reply.networkErrorText);
    return d;
}

void addRetryAfter(QJsonObject& details, qint64 seconds, qint64 nowMs)
{
    const qint64 at = nowMs + seconds * 1000;
    details.insert(QStringLiteral("retry_after"), seconds);
    details.insert(QStringLiteral("retry_at_ms"), at);
    details.insert(QStringLiteral("retry_at"), MarketTime::iso(at));
}

Error badResponse(const QString& displayName, const QString& what, const QString& baseUrlSetting)
{
    return Error(QStringLiteral("upstream_bad_response"),
        QStringLiteral("%1 sent an answer FinAgent could not read (%2). Try again; if it keeps happening, "
                       "check that %3 points at %1 or a faithful mirror.")
            .arg(displayName, what, baseUrlSetting));
}

Error networkFailure(const QString& displayName, const UpstreamReply& reply, const UpstreamRequest& request,
    const QString& baseUrlSetting)
{
    const QString host = request.url.host();
    if (reply.timedOut) {
        return Error(QStringLiteral("upstream_timeout"),
            QStringLiteral("%1 (%2) did not answer within %3 ms. Try again shortly; if it keeps happening, "
                           "check the network, raise market.timeout_ms, or set %4 to a mirror you can "
                           "reach.")
                .arg(displayName, host)
                .arg(reply.timeoutMs)
                .arg(baseUrlSetting),
            details(reply, request));
    }
    return Error(QStringLiteral("upstream_unreachable"),
        QStringLiteral("Could not reach %1 at %2 (%3). Check the internet connection, or set %4 to a mirror "
                       "you can reach.")
            .arg(displayName, host, reply.networkErrorText, baseUrlSetting),
        details(reply, request));
}

QString excerpt(const QByteArray& body, int max)
{
    const QString text = QString::fromUtf8(body.left(4096)).simplified();
    if (text.startsWith(QLatin1Char('<')))
        return QStringLiteral("an HTML page");
    return text.size() > max ? text.left(max) + QStringLiteral("...") : text;
}

} // namespace UpstreamError
