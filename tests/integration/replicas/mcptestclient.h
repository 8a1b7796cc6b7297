#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

#include <functional>

// One answer of an MCP endpoint as a plain Streamable HTTP client sees it.
struct McpReply
{
    int status = 0; // 0: no HTTP answer (connection refused or reset, timeout)
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QByteArray instance; // X-FinAgent-Instance
    QByteArray sessionId; // Mcp-Session-Id
    QByteArray contentType;
    QByteArray body;
    QJsonObject message; // the JSON-RPC response (from JSON or the last SSE event that is one)
    QList<QJsonObject> related; // notifications that came before it on an SSE answer

    QJsonObject result() const { return message.value(QStringLiteral("result")).toObject(); }
    QJsonObject structured() const { return result().value(QStringLiteral("structuredContent")).toObject(); }
    bool isToolError() const { return result().value(QStringLiteral("isError")).toBool(); }
    QString describe() const; // for failure messages
};

// A Streamable HTTP MCP client on QNetworkAccessManager, legacy era (initialize + Mcp-Session-Id).
// send() is asynchronous; the blocking helpers spin the event loop (QTest::qWaitFor) as tests do.
class McpTestClient
{
public:
    McpTestClient(QUrl url, QByteArray token);

    void setUrl(const QUrl& url) { m_url = url; }
    const QUrl& url() const { return m_url; }
    void setSession(const QByteArray& id) { m_session = id; }
    const QByteArray& session() const { return m_session; }
    const QString& protocolVersion() const { return m_version; }

    // POSTs one JSON-RPC message of this session; `done` gets the answer.
    void send(const QJsonObject& message, std::function<void(McpReply)> done, int timeoutMs = 15000);
    QJsonObject requestMessage(const QString& method, const QJsonObject& params = {});

    // Blocking forms.
    McpReply initialize(
        const QString& version = QStringLiteral("2025-11-25"), const QJsonObject& capabilities = {});
    McpReply request(const QString& method, const QJsonObject& params = {});
    McpReply notify(const QString& method, const QJsonObject& params = {});
    McpReply callTool(const QString& name, const QJsonObject& arguments = {});
    McpReply end(); // DELETE

private:
    QNetworkRequest baseRequest() const;
    McpReply wait(const std::function<void(std::function<void(McpReply)>)>& start);

    QNetworkAccessManager m_nam;
    QUrl m_url;
    QByteArray m_token;
    QByteArray m_session;
    QString m_version = QStringLiteral("2025-11-25");
    int m_nextId = 1;
};

// Reads a finished reply into an McpReply.
McpReply readReply(QNetworkReply* reply);
