#pragma once

#include "httptesting.h"

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

// Helpers for the hosting tests: `finagent serve` and the `finagent token` CLI as real child
// processes on 127.0.0.1, and the HTTP requests a remote client sends them.
using Headers = QList<QPair<QByteArray, QByteArray>>;

// A `finagent serve --port 0 ...` child process. Stopped by its PID: SIGTERM in terminate(),
// SIGKILL when destroyed while still running.
class ServeProcess
{
public:
    ServeProcess();
    ~ServeProcess();
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    void setEnvironment(const QProcessEnvironment& env) { m_process.setProcessEnvironment(env); }
    // Starts `finagent serve --port 0 <args>` and waits for the "serving MCP at" line.
    bool start(const QStringList& args);
    // Until GET /ready answers 200.
    bool waitReady(int timeoutMs = 20000);
    quint16 port() const { return m_port; }
    QByteArray output(); // stderr and stdout so far
    QByteArray standardError(); // stderr so far (the log)
    QByteArray standardOutput(); // stdout so far
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    // SIGTERM; true when the process ended within the timeout (then exitCode() is valid).
    bool terminate(int timeoutMs = 40000);
    // SIGTERM without waiting.
    void sendTerminate() { m_process.terminate(); }
    int exitCode() const { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }

private:
    void pull();

    QProcess m_process;
    QByteArray m_err;
    QByteArray m_out;
    quint16 m_port = 0;
};

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
// Runs `finagent <args>` to its end (the CLI verbs are short-lived).
CliResult runFinagent(
    const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

HttpResponse httpRequest(quint16 port, const QByteArray& method, const QByteArray& path,
    const Headers& headers = {}, const QByteArray& body = {}, int timeoutMs = 10000);
Headers bearer(const QByteArray& token);
Headers apiKey(const QByteArray& token);

// POST /mcp initialize (legacy era) with these headers; the session id is in Mcp-Session-Id.
HttpResponse mcpInitialize(quint16 port, const Headers& auth);
// Opens a session and calls `tool` in it; the JSON-RPC answer is in the body (JSON or SSE).
HttpResponse mcpCallTool(
    quint16 port, const Headers& auth, const QString& tool, const QJsonObject& arguments = {});
// The JSON-RPC message of a tools/call answer, whether it came as JSON or as an SSE stream.
QJsonObject rpcMessage(const HttpResponse& response);
// The whole request bytes of a tools/call in an existing session.
QByteArray toolCallRequest(quint16 port, const Headers& auth, const QByteArray& sessionId,
    const QString& tool, const QJsonObject& arguments, int id = 2);

// Whether a new TCP connection to 127.0.0.1:port is refused (nothing listens).
bool connectionRefused(quint16 port);

// A token file with a random operator token; returns the token.
QByteArray writeOperatorToken(const QString& dir, QString* path);
// Writes `data` to dir/name (mode 0600) and returns the path.
QString writeFile(const QString& dir, const QString& name, const QByteArray& data);
