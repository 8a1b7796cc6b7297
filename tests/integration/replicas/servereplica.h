#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

// One `finagent serve` child process (FINAGENT_BINARY) on 127.0.0.1 with a port the OS picks,
// read from its "serving MCP at" line. Killed by its PID with SIGKILL, as a crash or an OOM kill
// would end it.
class ServeReplica
{
public:
    ServeReplica() = default;
    ~ServeReplica();
    ServeReplica(const ServeReplica&) = delete;
    ServeReplica& operator=(const ServeReplica&) = delete;

    bool start(const QString& tokenFile, const QProcessEnvironment& env, QString* why);
    void kill();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 pid() const { return m_pid; }
    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(m_port)); }
    QByteArray output(); // stderr and stdout so far

private:
    QProcess m_process;
    QByteArray m_output;
    qint64 m_pid = 0;
    quint16 m_port = 0;
};
