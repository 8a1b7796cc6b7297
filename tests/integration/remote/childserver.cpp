#include "childserver.h"

#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

namespace
{

QString everythingScript()
{
    return qEnvironmentVariable("FINAGENT_TEST_SOURCE_DIR")
        + QStringLiteral("/tests/e2e/node_modules/@modelcontextprotocol/server-everything/dist/transports/"
                         "streamableHttp.js");
}

QString loopbackWrapper()
{
    return qEnvironmentVariable("FINAGENT_TEST_SOURCE_DIR")
        + QStringLiteral("/tests/integration/remote/everything-loopback.mjs");
}

} // namespace

ChildServer::~ChildServer()
{
    kill();
}

QByteArray ChildServer::output()
{
    m_output += m_process.readAllStandardError();
    m_output += m_process.readAllStandardOutput();
    return m_output;
}

bool ChildServer::waitForPort(const QRegularExpression& pattern, int timeoutMs)
{
    const bool found = QTest::qWaitFor(
        [this, &pattern]() {
            const QRegularExpressionMatch m = pattern.match(QString::fromUtf8(output()));
            if (m.hasMatch())
                m_port = quint16(m.captured(1).toUInt());
            return m.hasMatch() || m_process.state() == QProcess::NotRunning;
        },
        timeoutMs);
    return found && m_port != 0;
}

bool ChildServer::startServe(const QString& tokenFile, const QStringList& extra, quint16 port)
{
    m_output.clear();
    m_port = 0;
    m_process.setProgram(finagentBinary());
    m_process.setArguments(QStringList {QStringLiteral("serve"), QStringLiteral("--port"),
                               QString::number(port), QStringLiteral("--token-file"), tokenFile}
        + extra);
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return false;
    static const QRegularExpression serving(
        QStringLiteral("serving MCP at http://127\\.0\\.0\\.1:(\\d+)/mcp"));
    return waitForPort(serving, 15000);
}

QString ChildServer::everythingMissing()
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        return QStringLiteral("node is not on PATH");
    if (!QFile::exists(everythingScript()))
        return QStringLiteral("%1 is missing: run `npm ci --prefix tests/e2e`").arg(everythingScript());
    return {};
}

bool ChildServer::startEverything(quint16 port)
{
    m_output.clear();
    m_port = 0;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PORT"), QString::number(port));
    m_process.setProcessEnvironment(env);
    m_process.setProgram(QStandardPaths::findExecutable(QStringLiteral("node")));
    m_process.setArguments({loopbackWrapper(), everythingScript()});
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return false;
    static const QRegularExpression listening(QStringLiteral("LISTENING 127\\.0\\.0\\.1 (\\d+)"));
    return waitForPort(listening, 30000);
}

void ChildServer::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill(); // SIGKILL to this child's PID
    if (!QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, 10000))
        qWarning("child process %lld did not end after SIGKILL", qint64(m_process.processId()));
}

QByteArray writeToken(const QString& dir, QString* path)
{
    const QByteArray token =
        QUuid::createUuid().toByteArray(QUuid::Id128) + QUuid::createUuid().toByteArray(QUuid::Id128);
    *path = QDir(dir).filePath(QStringLiteral("token"));
    QFile f(*path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(token + '\n');
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return token;
}
