#include "servetesting.h"

#include "protocol/jsonrpc.h"
#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

ServeProcess::ServeProcess()
{
    m_process.setProgram(finagentBinary());
}

ServeProcess::~ServeProcess()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill(); // SIGKILL to this child's PID
    if (!QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, 10000))
        qWarning("finagent serve %lld did not end after SIGKILL", qint64(m_process.processId()));
}

void ServeProcess::pull()
{
    m_err += m_process.readAllStandardError();
    m_out += m_process.readAllStandardOutput();
}

QByteArray ServeProcess::output()
{
    pull();
    return m_err + m_out;
}

QByteArray ServeProcess::standardError()
{
    pull();
    return m_err;
}

QByteArray ServeProcess::standardOutput()
{
    pull();
    return m_out;
}

bool ServeProcess::start(const QStringList& args)
{
    m_err.clear();
    m_out.clear();
    m_port = 0;
    m_process.setArguments(
        QStringList {QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0")} + args);
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return false;
    static const QRegularExpression serving(
        QStringLiteral("serving MCP at http://127\\.0\\.0\\.1:(\\d+)/mcp"));
    const bool ended = QTest::qWaitFor(
        [this]() {
            const QRegularExpressionMatch m = serving.match(QString::fromUtf8(output()));
            if (m.hasMatch())
                m_port = quint16(m.captured(1).toUInt());
            return m.hasMatch() || m_process.state() == QProcess::NotRunning;
        },
        20000);
    if (!ended || m_port == 0)
        qWarning("finagent serve did not start:\n%s", output().constData());
    return m_port != 0;
}

bool ServeProcess::waitReady(int timeoutMs)
{
    return QTest::qWaitFor(
        [this]() { return isRunning() && httpRequest(m_port, "GET", "/ready", {}, {}, 3000).status == 200; },
        timeoutMs);
}

bool ServeProcess::terminate(int timeoutMs)
{
    m_process.terminate(); // SIGTERM to this child's PID
    return QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
}

CliResult runFinagent(const QStringList& args, const QProcessEnvironment& env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(finagentBinary(), args);
    CliResult r;
    if (!p.waitForStarted(10000))
        return r;
    // The verbs finish on their own; waiting here keeps the tests linear.
    if (!QTest::qWaitFor([&p]() { return p.state() == QProcess::NotRunning; }, 60000)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

HttpResponse httpRequest(quint16 port, const QByteArray& method, const QByteArray& path,
    const Headers& headers, const QByteArray& body, int timeoutMs)
{
    RawClient c(port);
    HttpResponse r;
    if (c.connectToServer()) {
        c.send(rawRequest(method, path, port, headers, body));
        c.waitForResponse(&r, timeoutMs);
    }
    return r;
}

Headers bearer(const QByteArray& token)
{
    return {{"Authorization", "Bearer " + token}};
}

Headers apiKey(const QByteArray& token)
{
    return {{"X-API-Key", token}};
}

namespace
{

Headers mcpHeaders(const Headers& auth)
{
    Headers h {{"Content-Type", "application/json"}, {"Accept", "application/json, text/event-stream"}};
    return h + auth;
}

} // namespace

HttpResponse mcpInitialize(quint16 port, const Headers& auth)
{
    const QJsonObject params {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
        {QStringLiteral("capabilities"), QJsonObject()},
        {QStringLiteral("clientInfo"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("hosting-test")},
                {QStringLiteral("version"), QStringLiteral("1")}}}};
    return httpRequest(port, "POST", "/mcp", mcpHeaders(auth),
        JsonRpc::serialize(JsonRpc::makeRequest(1, QStringLiteral("initialize"), params)));
}

QByteArray toolCallRequest(quint16 port, const Headers& auth, const QByteArray& sessionId,
    const QString& tool, const QJsonObject& arguments, int id)
{
    Headers h = mcpHeaders(auth);
    h.append(qMakePair(QByteArray("Mcp-Session-Id"), sessionId));
    h.append(qMakePair(QByteArray("MCP-Protocol-Version"), QByteArray("2025-11-25")));
    return rawRequest("POST", "/mcp", port, h,
        JsonRpc::serialize(JsonRpc::makeRequest(id, QStringLiteral("tools/call"),
            QJsonObject {{QStringLiteral("name"), tool}, {QStringLiteral("arguments"), arguments}})));
}

HttpResponse mcpCallTool(quint16 port, const Headers& auth, const QString& tool, const QJsonObject& arguments)
{
    const HttpResponse init = mcpInitialize(port, auth);
    const QByteArray session = init.header("Mcp-Session-Id");
    if (init.status != 200 || session.isEmpty())
        return init;
    Headers h = mcpHeaders(auth);
    h.append(qMakePair(QByteArray("Mcp-Session-Id"), session));
    h.append(qMakePair(QByteArray("MCP-Protocol-Version"), QByteArray("2025-11-25")));
    httpRequest(port, "POST", "/mcp", h,
        JsonRpc::serialize(
            JsonRpc::makeNotification(QStringLiteral("notifications/initialized"), QJsonObject())));
    RawClient c(port);
    HttpResponse r;
    if (c.connectToServer()) {
        c.send(toolCallRequest(port, auth, session, tool, arguments));
        c.waitForResponse(&r, 20000);
    }
    return r;
}

QJsonObject rpcMessage(const HttpResponse& response)
{
    if (response.header("Content-Type").startsWith("text/event-stream")) {
        const QList<SseEvent> events = parseSse(response.body);
        for (auto it = events.crbegin(); it != events.crend(); ++it) {
            const QJsonObject o = it->json();
            if (o.contains(QStringLiteral("result")) || o.contains(QStringLiteral("error")))
                return o;
        }
        return {};
    }
    return response.json();
}

bool connectionRefused(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    const bool settled = QTest::qWaitFor(
        [&socket]() {
            return socket.state() == QAbstractSocket::ConnectedState
                || socket.error() != QAbstractSocket::UnknownSocketError;
        },
        5000);
    return settled && socket.error() == QAbstractSocket::ConnectionRefusedError;
}

QString writeFile(const QString& dir, const QString& name, const QByteArray& data)
{
    const QString path = QDir(dir).filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(data);
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}

QByteArray writeOperatorToken(const QString& dir, QString* path)
{
    const QByteArray token =
        "op-" + QUuid::createUuid().toByteArray(QUuid::Id128) + QUuid::createUuid().toByteArray(QUuid::Id128);
    *path = writeFile(dir, QStringLiteral("operator-token"), token + '\n');
    return token;
}
