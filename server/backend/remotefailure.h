#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QNetworkReply>
#include <QUrl>

// The sentences a person reads when the remote MCP server cannot be used: what happened, since
// when, and what to do. Error codes: remote_unreachable, remote_refused_token, remote_needs_token,
// remote_forbidden, remote_rate_limited, remote_http_error, remote_redirected, remote_timeout,
// remote_protocol, remote_session_lost, remote_connection_lost, remote_closed, cancelled.
namespace RemoteFailure
{

// "connection refused", "host not found", "TLS handshake failed: ...", ...
QString networkReason(QNetworkReply::NetworkError error, const QString& errorString);

// "10:42" today, "2026-03-01 10:42" on another day.
QString timeText(const QDateTime& when);

Error unreachable(const QUrl& url, const QDateTime& since, const QString& reason);
// 401: hadToken says whether a credential was sent; hint tells where to fix it.
Error unauthorized(bool hadToken, const QString& hint);
Error httpStatus(int status, const QString& reasonPhrase, const QString& method, const QUrl& url,
    const QString& serverMessage, const QByteArray& retryAfter);
Error timeout(const QString& method, int timeoutMs);
Error redirected(int status, const QUrl& from, const QUrl& to);
// The connection broke after the request went out (the remote restarted or a proxy cut it).
Error connectionLost(const QString& method, const QString& reason);
Error protocol(const QString& what);
Error cancelled(const QString& reason);
Error closed();

// "Bad Gateway" for 502 and the other common statuses, for servers that send no reason phrase.
QString standardReason(int status);

} // namespace RemoteFailure
