#include "backend/mcpclientrequest.h"

#include "backend/mcphttpclient.h"
#include "backend/mcpreplyreader.h"
#include "backend/remotefailure.h"

McpClientRequest::McpClientRequest(
    McpHttpClient* client, QString method, QJsonObject params, int timeoutMs, bool withProgress)
    : QObject(client)
    , m_client(client)
    , m_method(std::move(method))
    , m_params(std::move(params))
    , m_withProgress(withProgress)
    , m_timeoutMs(timeoutMs)
{
    m_timer.setSingleShot(true);
}

McpClientRequest::~McpClientRequest() = default;

Result<QJsonObject> McpClientRequest::result() const
{
    if (!m_result)
        return Error(QStringLiteral("pending"), QStringLiteral("The request has not finished yet."));
    return *m_result;
}

void McpClientRequest::cancel(const QString& reason)
{
    if (isFinished())
        return;
    m_client->cancelRequest(this, reason);
}

void McpClientRequest::finish(Result<QJsonObject> result)
{
    if (isFinished())
        return;
    m_result = std::move(result);
    m_timer.stop();
    Q_EMIT finished();
    deleteLater();
}
