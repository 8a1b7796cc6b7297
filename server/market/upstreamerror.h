#pragma once

#include "core/result.h"
#include "market/upstreamrequest.h"

#include <QJsonObject>
#include <QString>

// Pieces shared by the providers' error sentences.
namespace UpstreamError
{

// Seconds from a Retry-After header; `fallback` when it is missing or not a number.
qint64 retryAfterSeconds(const UpstreamReply& reply, qint64 fallback = 60);

// provider, endpoint, http_status (and network_error when no HTTP answer came).
QJsonObject details(const UpstreamReply& reply, const UpstreamRequest& request);

// Adds retry_after (s), retry_at_ms and retry_at (ISO) to details.
void addRetryAfter(QJsonObject& details, qint64 seconds, qint64 nowMs);

// upstream_bad_response: the answer could not be read.
Error badResponse(const QString& displayName, const QString& what, const QString& baseUrlSetting);

// upstream_timeout / upstream_unreachable for replies without an HTTP status.
Error networkFailure(const QString& displayName, const UpstreamReply& reply, const UpstreamRequest& request,
    const QString& baseUrlSetting);

// A short, single-line excerpt of a body for messages (HTML pages are not quoted).
QString excerpt(const QByteArray& body, int max = 160);

} // namespace UpstreamError
