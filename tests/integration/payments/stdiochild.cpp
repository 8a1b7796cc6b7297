#include "stdiochild.h"

#include "testenv.h"

#include <QJsonDocument>
#include <QTest>

StdioChild::StdioChild(const QProcessEnvironment& environment)
{
    m_process.setProcessEnvironment(environment);
}

StdioChild::~StdioChild()
{
    if (m_process.state() != QProcess::NotRunning)
        kill();
}

bool StdioChild::start(const QStringList& arguments)
{
    const QString binary = finagentBinary();
    if (binary.isEmpty())
        return false;
    m_process.setProgram(binary);
    m_process.setArguments(arguments);
    m_process.start();
    return QTest::qWaitFor([this]() { return m_process.state() == QProcess::Running; }, 10000);
}

bool StdioChild::initialize()
{
    const int id = m_nextId++;
    const QJsonObject init {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("id"), id},
        {QStringLiteral("method"), QStringLiteral("initialize")},
        {QStringLiteral("params"),
            QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
                {QStringLiteral("capabilities"), QJsonObject()},
                {QStringLiteral("clientInfo"),
                    QJsonObject {{QStringLiteral("name"), QStringLiteral("payments-child-test")},
                        {QStringLiteral("version"), QStringLiteral("1")}}}}}};
    m_process.write(QJsonDocument(init).toJson(QJsonDocument::Compact) + '\n');
    const bool ok = waitFor(id).contains(QStringLiteral("result"));
    m_process.write(QByteArrayLiteral("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"));
    return ok;
}

int StdioChild::sendRequest(const QString& method, const QJsonObject& params)
{
    const int id = m_nextId++;
    const QJsonObject request {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("id"), id},
        {QStringLiteral("method"), method}, {QStringLiteral("params"), params}};
    m_process.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    return id;
}

int StdioChild::sendToolCall(const QString& tool, const QJsonObject& arguments)
{
    return sendRequest(QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), tool}, {QStringLiteral("arguments"), arguments}});
}

QList<QJsonObject> StdioChild::notifications(const QString& method)
{
    collect();
    QList<QJsonObject> out;
    for (const QJsonObject& n : std::as_const(m_notifications)) {
        if (n.value(QStringLiteral("method")).toString() == method)
            out.append(n);
    }
    return out;
}

void StdioChild::collect()
{
    m_partial += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    qsizetype nl = 0;
    while ((nl = m_partial.indexOf('\n')) >= 0) {
        const QJsonObject o = QJsonDocument::fromJson(m_partial.left(nl)).object();
        m_partial.remove(0, nl + 1);
        if (o.value(QStringLiteral("id")).isDouble() && !o.contains(QStringLiteral("method")))
            m_responses.insert(o.value(QStringLiteral("id")).toInt(), o);
        else if (o.contains(QStringLiteral("method")) && !o.contains(QStringLiteral("id")))
            m_notifications.append(o);
    }
}

QJsonObject StdioChild::waitFor(int id, int timeoutMs)
{
    const bool arrived = QTest::qWaitFor(
        [this, id]() {
            collect();
            return m_responses.contains(id) || m_process.state() == QProcess::NotRunning;
        },
        timeoutMs);
    Q_UNUSED(arrived) // the caller sees an empty answer
    collect();
    return m_responses.value(id);
}

QJsonObject StdioChild::callTool(const QString& tool, const QJsonObject& arguments, int timeoutMs)
{
    return waitFor(sendToolCall(tool, arguments), timeoutMs).value(QStringLiteral("result")).toObject();
}

bool StdioChild::hasResponse(int id)
{
    collect();
    return m_responses.contains(id);
}

const QHash<int, QJsonObject>& StdioChild::responses()
{
    collect();
    return m_responses;
}

int StdioChild::responseCount()
{
    collect();
    return int(m_responses.size());
}

void StdioChild::kill()
{
    m_process.kill(); // SIGKILL on Unix
    const bool gone = QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, 10000);
    Q_UNUSED(gone) // SIGKILL cannot be refused
    collect();
}

bool StdioChild::finish(int timeoutMs)
{
    m_process.closeWriteChannel();
    const bool done =
        QTest::qWaitFor([this]() { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
    collect();
    return done;
}

QByteArray StdioChild::standardError()
{
    collect();
    return m_stderr;
}
