#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

// A server the remote tests talk to, run as a child process on 127.0.0.1: `finagent serve`
// (FINAGENT_BINARY) or @modelcontextprotocol/server-everything in streamableHttp mode. The port is
// read from the server's own output. Stopped by PID (SIGKILL), as a crash or an OOM kill would.
class ChildServer
{
public:
    ChildServer() = default;
    ~ChildServer();
    ChildServer(const ChildServer&) = delete;
    ChildServer& operator=(const ChildServer&) = delete;

    // `finagent serve --port <port> --token-file <tokenFile> <extra>`; port 0 lets the OS choose.
    bool startServe(const QString& tokenFile, const QStringList& extra = {}, quint16 port = 0);
    // server-everything (node from PATH, the package from tests/e2e/node_modules); port 0 lets the OS choose.
    bool startEverything(quint16 port = 0);
    // Why the everything server cannot run here (no node, no package), or empty.
    static QString everythingMissing();

    void kill();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(m_port)); }
    QByteArray output(); // stderr and stdout so far

private:
    bool waitForPort(const QRegularExpression& pattern, int timeoutMs);

    QProcess m_process;
    QByteArray m_output;
    quint16 m_port = 0;
};

// Writes a random bearer token to `dir`/token and returns it.
QByteArray writeToken(const QString& dir, QString* path);
