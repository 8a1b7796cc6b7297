#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>

class McpServer;
class McpSession;

// Reads stdin on its own thread (a blocking read works for pipes, files and terminals on every
// platform) and hands complete lines to the event loop.
class StdinReader : public QThread
{
    Q_OBJECT
public:
    StdinReader(int fd, qint64 maxLineBytes, QObject* parent = nullptr);

Q_SIGNALS:
    void lineReady(const QByteArray& line);
    void lineTooLong(qint64 bytes);
    void endOfInput();

protected:
    void run() override;

private:
    int m_fd;
    qint64 m_maxLine;
};

// MCP over stdin/stdout: newline-delimited JSON-RPC messages. stdout carries protocol messages
// only; everything else (logs) goes to stderr.
class StdioTransport : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultMaxLineBytes = 16 * 1024 * 1024;

    StdioTransport(McpServer& server, int inFd = 0, int outFd = 1, QObject* parent = nullptr);
    ~StdioTransport() override;

    void setMaxLineBytes(qint64 bytes) { m_maxLine = bytes; }
    // How long in-flight requests may run after stdin closed before we exit anyway.
    void setDrainTimeoutMs(int ms) { m_drainTimeoutMs = ms; }
    void start();

    McpSession* session() const;
    void writeMessage(const QJsonObject& message);

Q_SIGNALS:
    // stdin closed and in-flight requests finished (or the drain timeout passed).
    void finished();

private:
    void onLine(const QByteArray& line);
    void onLineTooLong(qint64 bytes);
    void onEndOfInput();
    void maybeFinish();
    void writeRaw(const QByteArray& bytes);

    McpServer& m_server;
    int m_inFd;
    int m_outFd;
    qint64 m_maxLine = kDefaultMaxLineBytes;
    int m_drainTimeoutMs = 10000;
    QPointer<McpSession> m_session;
    StdinReader* m_reader = nullptr;
    bool m_inputClosed = false;
    bool m_finished = false;
};
