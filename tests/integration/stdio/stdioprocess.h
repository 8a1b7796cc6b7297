#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>

// Runs `finagent stdio` (FINAGENT_BINARY) and speaks newline-delimited JSON-RPC with it. Every
// stdout line is kept; waiting is on the arrival of lines, never on a fixed delay.
class StdioProcess
{
public:
    StdioProcess();
    ~StdioProcess();
    StdioProcess(const StdioProcess&) = delete;
    StdioProcess& operator=(const StdioProcess&) = delete;

    bool start(const QStringList& extraArguments = {});
    QProcess& process() { return m_process; }

    void write(const QByteArray& bytes);
    void send(const QJsonObject& message); // one line
    // Writes `bytes` and returns once the pipe took all of them.
    bool writeAndDrain(const QByteArray& bytes, int timeoutMs = 10000);

    // initialize + notifications/initialized; true when the initialize result arrived.
    bool initialize();

    // Every stdout line so far, raw (without the newline).
    QList<QByteArray> lines();
    // The response with this id, waiting for it; empty on timeout.
    QJsonObject waitForResponse(const QJsonValue& id, int timeoutMs = 15000);
    // Waits until at least `count` stdout lines arrived.
    bool waitForLines(int count, int timeoutMs = 15000);
    bool waitForExit(int timeoutMs = 15000);

    QByteArray standardError();

private:
    void collect();

    QProcess m_process;
    QByteArray m_partial;
    QList<QByteArray> m_lines;
    QByteArray m_stderr;
};
