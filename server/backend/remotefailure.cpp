#include "backend/remotefailure.h"

#include "backend/remoteendpoint.h"

namespace RemoteFailure
{

QString networkReason(QNetworkReply::NetworkError error, const QString& errorString)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("the connection was closed");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::TimeoutError:
        return QStringLiteral("connection timed out");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake failed: %1").arg(errorString);
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return QStringLiteral("the network is down");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QStringLiteral("proxy error: %1").arg(errorString);
    default:
        return errorString.isEmpty() ? QStringLiteral("network error %1").arg(int(error)) : errorString;
    }
}

QString timeText(const QDateTime& when)
{
    const QDateTime local = when.toLocalTime();
    if (local.date() == QDate::currentDate())
        return local.toString(QStringLiteral("HH:mm"));
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

Error unreachable(const QUrl& url, const QDateTime& since, const QString& reason)
{
    return Error(QStringLiteral("remote_unreachable"),
        QStringLiteral("Remote unreachable since %1 (%2): check that %3 is running and reachable from here.")
            .arg(timeText(since), reason, RemoteEndpoint::display(url)),
        QJsonObject {{QStringLiteral("reason"), reason},
            {QStringLiteral("since"), since.toUTC().toString(Qt::ISODate)}});
}

Error unauthorized(bool hadToken, const QString& hint)
{
    if (hadToken) {
        return Error(QStringLiteral("remote_refused_token"),
            QStringLiteral("The remote FinAgent refused the token (HTTP 401): %1.").arg(hint),
            QJsonObject {{QStringLiteral("status"), 401}});
    }
    return Error(QStringLiteral("remote_needs_token"),
        QStringLiteral("The remote FinAgent needs a token (HTTP 401) and none is set: %1.").arg(hint),
        QJsonObject {{QStringLiteral("status"), 401}});
}

QString standardReason(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 406:
        return QStringLiteral("Not Acceptable");
    case 408:
        return QStringLiteral("Request Timeout");
    case 409:
        return QStringLiteral("Conflict");
    case 413:
        return QStringLiteral("Payload Too Large");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 421:
        return QStringLiteral("Misdirected Request");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 501:
        return QStringLiteral("Not Implemented");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    default:
        return QString();
    }
}

Error httpStatus(int status, const QString& reasonPhrase, const QString& method, const QUrl& url,
    const QString& serverMessage, const QByteArray& retryAfter)
{
    QString reason = reasonPhrase.trimmed();
    if (reason.isEmpty())
        reason = standardReason(status);
    const QString statusText =
        reason.isEmpty() ? QString::number(status) : QStringLiteral("%1 %2").arg(status).arg(reason);
    const QString said = serverMessage.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(serverMessage);
    QJsonObject details {{QStringLiteral("status"), status}, {QStringLiteral("method"), method}};
    if (!serverMessage.isEmpty())
        details.insert(QStringLiteral("server_message"), serverMessage);

    if (status == 403) {
        return Error(QStringLiteral("remote_forbidden"),
            QStringLiteral("The remote refused access (HTTP 403)%1: check that it allows this client's host "
                           "name and token.")
                .arg(said),
            details);
    }
    if (status == 429) {
        bool ok = false;
        const int seconds = retryAfter.trimmed().toInt(&ok);
        if (ok)
            details.insert(QStringLiteral("retry_after"), seconds);
        return Error(QStringLiteral("remote_rate_limited"),
            ok ? QStringLiteral("The remote is limiting requests (HTTP 429)%1; try again in %2 s.")
                     .arg(said)
                     .arg(seconds)
               : QStringLiteral("The remote is limiting requests (HTTP 429)%1; try again later.").arg(said),
            details);
    }
    if (status == 404) {
        return Error(QStringLiteral("remote_http_error"),
            QStringLiteral("The remote answered 404 Not Found at %1: check the URL (FinAgent serves MCP at "
                           "/mcp).")
                .arg(RemoteEndpoint::display(url)),
            details);
    }
    if (status >= 500) {
        return Error(QStringLiteral("remote_http_error"),
            QStringLiteral("The remote answered %1 to %2%3; try again later.").arg(statusText, method, said),
            details);
    }
    return Error(QStringLiteral("remote_http_error"),
        QStringLiteral("The remote answered %1 to %2%3.").arg(statusText, method, said), details);
}

Error timeout(const QString& method, int timeoutMs)
{
    const int seconds = (timeoutMs + 999) / 1000;
    return Error(QStringLiteral("remote_timeout"),
        QStringLiteral("The remote did not answer %1 within %2 s; try again, or check the remote's load.")
            .arg(method)
            .arg(seconds),
        QJsonObject {{QStringLiteral("timeout_ms"), timeoutMs}});
}

Error redirected(int status, const QUrl& from, const QUrl& to)
{
    return Error(QStringLiteral("remote_redirected"),
        QStringLiteral("The remote redirects %1 to %2 (HTTP %3): use that URL instead.")
            .arg(RemoteEndpoint::display(from), RemoteEndpoint::display(to))
            .arg(status),
        QJsonObject {
            {QStringLiteral("status"), status}, {QStringLiteral("location"), RemoteEndpoint::display(to)}});
}

Error connectionLost(const QString& method, const QString& reason)
{
    return Error(QStringLiteral("remote_connection_lost"),
        QStringLiteral("The connection to the remote broke before it answered %1 (%2); try again.")
            .arg(method, reason),
        QJsonObject {{QStringLiteral("reason"), reason}});
}

Error protocol(const QString& what)
{
    return Error(QStringLiteral("remote_protocol"), what);
}

Error cancelled(const QString& reason)
{
    return Error(QStringLiteral("cancelled"),
        reason.isEmpty() ? QStringLiteral("The request was cancelled.")
                         : QStringLiteral("The request was cancelled (%1).").arg(reason));
}

Error closed()
{
    return Error(QStringLiteral("remote_closed"),
        QStringLiteral("The connection to the remote was closed before it answered."));
}

} // namespace RemoteFailure
