#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTcpSocket>

#include <vector>

// One MCP client of the burst benchmark, on its own keep-alive HTTP/1.1 connection with its own
// MCP session. open() connects and runs initialize + notifications/initialized; run() then sends
// its share of tools/call requests one after another and times each answer.
class BurstClient : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        QString host;
        quint16 port = 0;
        QByteArray path;
        QByteArray token;
        QByteArray protocolVersion;
        QByteArray callBody; // the tools/call request, with an id placeholder "@ID@"
        int calls = 0;
        bool openSession = true; // false: no initialize, calls go out without Mcp-Session-Id
    };

    BurstClient(int index, Config config, QObject* parent = nullptr);

    void open();
    void run();

    int okCalls() const { return m_ok; }
    int failedCalls() const { return m_failed; }
    const QString& firstFailure() const { return m_firstFailure; }
    const std::vector<double>& latenciesMs() const { return m_latenciesMs; }

Q_SIGNALS:
    void opened();
    void finished();

private:
    enum class Stage
    {
        Connecting,
        Initialize,
        Initialized,
        Idle,
        Calling,
        Done
    };

    void send(const QByteArray& body, bool withSession);
    void onReadyRead();
    void onAnswer(int status, const QByteArray& headers, const QByteArray& body);
    void sendNextCall();
    void fail(const QString& why);
    void reportOpened();

    int m_index = 0;
    Config m_config;
    QTcpSocket m_socket;
    Stage m_stage = Stage::Connecting;
    QByteArray m_sessionId;
    QByteArray m_buffer;
    QElapsedTimer m_callTimer;
    bool m_openReported = false;
    int m_sent = 0;
    int m_ok = 0;
    int m_failed = 0;
    QString m_firstFailure;
    std::vector<double> m_latenciesMs;
};
