#include "servereplica.h"

#include "testenv.h"

#include <QRegularExpression>
#include <QTest>

ServeReplica::~ServeReplica()
{
    kill();
}

QByteArray ServeReplica::output()
{
    m_output += m_process.readAllStandardError();
    m_output += m_process.readAllStandardOutput();
    return m_output;
}

bool ServeReplica::start(const QString& tokenFile, const QProcessEnvironment& env, QString* why)
{
    m_process.setProcessEnvironment(env);
    m_process.setProgram(finagentBinary());
    m_process.setArguments({QStringLiteral("serve"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token-file"), tokenFile});
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *why = QStringLiteral("%1 did not start: %2").arg(finagentBinary(), m_process.errorString());
        return false;
    }
    m_pid = m_process.processId();
    static const QRegularExpression serving(
        QStringLiteral("serving MCP at http://127\\.0\\.0\\.1:(\\d+)/mcp"));
    const bool ended = QTest::qWaitFor(
        [this]() {
            const QRegularExpressionMatch m = serving.match(QString::fromUtf8(output()));
            if (m.hasMatch())
                m_port = quint16(m.captured(1).toUInt());
            return m_port != 0 || m_process.state() == QProcess::NotRunning;
        },
        30000);
    if (!ended || m_port == 0) {
        *why = QStringLiteral("finagent serve did not start serving; its output:\n%1")
                   .arg(QString::fromUtf8(output()));
        return false;
    }
    return true;
}

void ServeReplica::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill(); // SIGKILL to this child's PID
    if (!QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, 10000))
        qWarning("serve replica %lld did not end after SIGKILL", m_pid);
}
