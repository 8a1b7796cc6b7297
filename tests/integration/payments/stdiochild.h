#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

// A `finagent stdio` child process (FINAGENT_BINARY) spoken to in newline-delimited JSON-RPC.
// Requests may be pipelined; responses are collected by id. Waiting is on output arriving,
// never on a fixed delay. Only the process this object started is ever killed.
class StdioChild
{
public:
    explicit StdioChild(const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
    ~StdioChild();
    StdioChild(const StdioChild&) = delete;
    StdioChild& operator=(const StdioChild&) = delete;

    bool start(const QStringList& arguments = {QStringLiteral("stdio")});
    bool initialize();
    // Sends a request and returns its id.
    int sendRequest(const QString& method, const QJsonObject& params);
    // Sends tools/call and returns its request id.
    int sendToolCall(const QString& tool, const QJsonObject& arguments);
    // The whole response message, waiting for it; empty on timeout.
    QJsonObject waitFor(int id, int timeoutMs = 20000);
    QJsonObject callTool(const QString& tool, const QJsonObject& arguments, int timeoutMs = 20000);
    bool hasResponse(int id);
    // Notifications received so far with this method.
    QList<QJsonObject> notifications(const QString& method);
    // Responses so far, by id.
    const QHash<int, QJsonObject>& responses();
    int responseCount();

    // SIGKILL, then waits for the process to be gone.
    void kill();
    // Closes stdin (FinAgent exits when it ends) and waits for the exit.
    bool finish(int timeoutMs = 20000);
    QByteArray standardError();
    qint64 pid() const { return m_process.processId(); }
    QProcess& process() { return m_process; }

private:
    void collect();

    QProcess m_process;
    QByteArray m_partial;
    QByteArray m_stderr;
    QHash<int, QJsonObject> m_responses;
    QList<QJsonObject> m_notifications;
    int m_nextId = 1;
};
