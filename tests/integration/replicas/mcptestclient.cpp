#include "mcptestclient.h"

#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QTest>
#include <QTimer>

#include <memory>

QString McpReply::describe() const
{
    return QStringLiteral("HTTP %1 (network error %2): %3")
        .arg(status)
        .arg(int(networkError))
        .arg(QString::fromUtf8(body.left(600)));
}

McpReply readReply(QNetworkReply* reply)
{
    McpReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.networkError = reply->error();
    out.instance = reply->rawHeader("X-FinAgent-Instance");
    out.sessionId = reply->rawHeader("Mcp-Session-Id");
    out.contentType = reply->rawHeader("Content-Type");
    out.body = reply->readAll();
    if (out.contentType.startsWith("text/event-stream")) {
        for (const QByteArray& block : out.body.split('\n')) {
            if (!block.startsWith("data:"))
                continue;
            const QJsonObject m = QJsonDocument::fromJson(block.mid(5).trimmed()).object();
            if (m.isEmpty())
                continue;
            if (m.contains(QStringLiteral("result")) || m.contains(QStringLiteral("error")))
                out.message = m;
            else
                out.related.append(m);
        }
    } else {
        out.message = QJsonDocument::fromJson(out.body).object();
    }
    return out;
}

McpTestClient::McpTestClient(QUrl url, QByteArray token)
    : m_url(std::move(url))
    , m_token(std::move(token))
{
    m_nam.setProxy(QNetworkProxy::NoProxy);
}

QNetworkRequest McpTestClient::baseRequest() const
{
    QNetworkRequest request(m_url);
    request.setRawHeader("Authorization", "Bearer " + m_token);
    request.setRawHeader("Accept", "application/json, text/event-stream");
    if (!m_session.isEmpty()) {
        request.setRawHeader("Mcp-Session-Id", m_session);
        request.setRawHeader("MCP-Protocol-Version", m_version.toLatin1());
    }
    return request;
}

QJsonObject McpTestClient::requestMessage(const QString& method, const QJsonObject& params)
{
    QJsonObject m {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("id"), m_nextId++},
        {QStringLiteral("method"), method}};
    if (!params.isEmpty())
        m.insert(QStringLiteral("params"), params);
    return m;
}

void McpTestClient::send(const QJsonObject& message, std::function<void(McpReply)> done, int timeoutMs)
{
    QNetworkRequest request = baseRequest();
    request.setRawHeader("Content-Type", "application/json");
    request.setTransferTimeout(timeoutMs);
    QNetworkReply* reply = m_nam.post(request, QJsonDocument(message).toJson(QJsonDocument::Compact));
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done = std::move(done)]() {
        McpReply r = readReply(reply);
        reply->deleteLater();
        done(std::move(r));
    });
}

McpReply McpTestClient::wait(const std::function<void(std::function<void(McpReply)>)>& start)
{
    auto out = std::make_shared<McpReply>();
    auto finished = std::make_shared<bool>(false);
    start([out, finished](McpReply r) {
        *out = std::move(r);
        *finished = true;
    });
    if (!QTest::qWaitFor([finished]() { return *finished; }, 30000))
        qWarning("no answer within 30 s from %s", qPrintable(m_url.toString()));
    return *out;
}

McpReply McpTestClient::initialize(const QString& version, const QJsonObject& capabilities)
{
    m_session.clear();
    m_version = version;
    const QJsonObject message = requestMessage(QStringLiteral("initialize"),
        QJsonObject {{QStringLiteral("protocolVersion"), version},
            {QStringLiteral("capabilities"), capabilities},
            {QStringLiteral("clientInfo"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("replica-test")},
                    {QStringLiteral("version"), QStringLiteral("1.0")}}}});
    McpReply r =
        wait([this, &message](std::function<void(McpReply)> done) { send(message, std::move(done)); });
    if (r.status != 200 || r.sessionId.isEmpty())
        return r;
    m_session = r.sessionId;
    notify(QStringLiteral("notifications/initialized"));
    return r;
}

McpReply McpTestClient::request(const QString& method, const QJsonObject& params)
{
    const QJsonObject message = requestMessage(method, params);
    return wait([this, &message](std::function<void(McpReply)> done) { send(message, std::move(done)); });
}

McpReply McpTestClient::notify(const QString& method, const QJsonObject& params)
{
    QJsonObject message {
        {QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("method"), method}};
    if (!params.isEmpty())
        message.insert(QStringLiteral("params"), params);
    return wait([this, &message](std::function<void(McpReply)> done) { send(message, std::move(done)); });
}

McpReply McpTestClient::callTool(const QString& name, const QJsonObject& arguments)
{
    return request(QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}});
}

McpReply McpTestClient::end()
{
    return wait([this](std::function<void(McpReply)> done) {
        QNetworkReply* reply = m_nam.deleteResource(baseRequest());
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done = std::move(done)]() {
            McpReply r = readReply(reply);
            reply->deleteLater();
            done(std::move(r));
        });
    });
}
