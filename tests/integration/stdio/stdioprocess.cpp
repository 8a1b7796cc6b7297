#include "stdioprocess.h"

#include "protocol/jsonrpc.h"
#include "testenv.h"

#include <QJsonDocument>
#include <QTest>

StdioProcess::StdioProcess() = default;

StdioProcess::~StdioProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.closeWriteChannel();
        if (!QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, 5000))
            m_process.kill(); // only the process this helper started
        const bool ended =
            QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, 5000);
        Q_UNUSED(ended);
    }
}

bool StdioProcess::start(const QStringList& extraArguments)
{
    const QString binary = finagentBinary();
    if (binary.isEmpty())
        return false;
    m_process.setProgram(binary);
    m_process.setArguments(QStringList {QStringLiteral("stdio")} + extraArguments);
    m_process.start();
    return QTest::qWaitFor([this]() { return m_process.state() == QProcess::Running; }, 10000);
}

void StdioProcess::write(const QByteArray& bytes)
{
    m_process.write(bytes);
}

void StdioProcess::send(const QJsonObject& message)
{
    write(JsonRpc::serialize(message) + '\n');
}

bool StdioProcess::writeAndDrain(const QByteArray& bytes, int timeoutMs)
{
    m_process.write(bytes);
    return QTest::qWaitFor([this]() { return m_process.bytesToWrite() == 0; }, timeoutMs);
}

bool StdioProcess::initialize()
{
    send(JsonRpc::makeRequest(QStringLiteral("init"), QStringLiteral("initialize"),
        QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
            {QStringLiteral("capabilities"), QJsonObject {}},
            {QStringLiteral("clientInfo"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("stdio-test")},
                    {QStringLiteral("version"), QStringLiteral("1")}}}}));
    const QJsonObject r = waitForResponse(QStringLiteral("init"));
    send(JsonRpc::makeNotification(QStringLiteral("notifications/initialized")));
    return r.contains(QStringLiteral("result"));
}

void StdioProcess::collect()
{
    m_partial += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    qsizetype nl = 0;
    while ((nl = m_partial.indexOf('\n')) >= 0) {
        m_lines << m_partial.left(nl);
        m_partial.remove(0, nl + 1);
    }
}

QList<QByteArray> StdioProcess::lines()
{
    collect();
    return m_lines;
}

QJsonObject StdioProcess::waitForResponse(const QJsonValue& id, int timeoutMs)
{
    QJsonObject found;
    const QString key = JsonRpc::idKey(id);
    const bool arrived = QTest::qWaitFor(
        [&]() {
            collect();
            for (const QByteArray& line : m_lines) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (o.contains(QStringLiteral("id")) && !o.contains(QStringLiteral("method"))
                    && JsonRpc::isValidId(o.value(QStringLiteral("id")))
                    && JsonRpc::idKey(o.value(QStringLiteral("id"))) == key) {
                    found = o;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    Q_UNUSED(arrived);
    return found;
}

bool StdioProcess::waitForLines(int count, int timeoutMs)
{
    return QTest::qWaitFor(
        [&]() {
            collect();
            return m_lines.size() >= count;
        },
        timeoutMs);
}

bool StdioProcess::waitForExit(int timeoutMs)
{
    const bool exited =
        QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
    collect();
    return exited;
}

QByteArray StdioProcess::standardError()
{
    collect();
    return m_stderr;
}
