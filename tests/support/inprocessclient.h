#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

class McpServer;
class McpSession;

// An MCP client that talks to a McpServer in the same process, through the same code paths a
// transport uses (JSON-RPC messages, a session, reply channels). For integration tests of tools,
// resources and prompts without sockets. Waiting is done with QTest::qWaitFor on the arrival of
// the answer, never with fixed sleeps.
class InProcessClient : public QObject
{
    Q_OBJECT
public:
    explicit InProcessClient(McpServer& server, const QString& clientName = QStringLiteral("test-client"),
                             QObject* parent = nullptr);
    ~InProcessClient() override;

    McpSession* session() const;

    // initialize + notifications/initialized; returns the initialize result ({} on failure).
    QJsonObject initialize(const QString& protocolVersion = QString(), const QJsonObject& capabilities = {});

    // Sends a request and waits for its response message (the whole JSON-RPC object, with
    // "result" or "error"); an empty object on timeout.
    QJsonObject request(const QString& method, const QJsonObject& params = {}, int timeoutMs = 15000);
    // tools/call; returns the "result" object (or the "error" object wrapped as {"rpcError":...}).
    QJsonObject callTool(const QString& name, const QJsonObject& arguments = {}, int timeoutMs = 15000);

    // Starts a request without waiting; returns its id. response(id) is empty until it arrives.
    int sendRequest(const QString& method, const QJsonObject& params = {});
    QJsonObject response(int id) const { return m_responses.value(id); }
    bool hasResponse(int id) const { return m_responses.contains(id); }
    bool waitForResponse(int id, int timeoutMs = 15000);
    void notify(const QString& method, const QJsonObject& params = {});

    // Messages the server sent besides responses: progress, logs, resource updates, requests.
    const QList<QJsonObject>& received() const { return m_received; }
    QList<QJsonObject> receivedWithMethod(const QString& method) const;
    void clearReceived() { m_received.clear(); }

    // Answers server->client requests (sampling, elicitation) with this function's result.
    void setRequestHandler(std::function<QJsonObject(const QString& method, const QJsonObject& params)> handler)
    {
        m_requestHandler = std::move(handler);
    }

Q_SIGNALS:
    void messageReceived(const QJsonObject& message);

private:
    void onServerMessage(const QJsonObject& message);

    McpServer& m_server;
    QString m_clientName;
    McpSession* m_session = nullptr;
    int m_nextId = 1;
    QHash<int, QJsonObject> m_responses;
    QList<QJsonObject> m_received;
    std::function<QJsonObject(const QString&, const QJsonObject&)> m_requestHandler;
};
