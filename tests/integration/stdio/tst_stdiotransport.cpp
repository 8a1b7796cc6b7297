#include "protocol/jsonrpc.h"
#include "protocol/mcpregistry.h"
#include "protocol/mcpserver.h"
#include "protocol/mcpsession.h"
#include "protocol/toolresult.h"
#include "transport/stdiotransport.h"

#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTest>
#include <QTimer>

#include <fcntl.h>
#include <unistd.h>

namespace
{

// One end of a pipe the test writes to (the transport's stdin) and one it reads from (its stdout).
struct Pipes
{
    int inRead = -1, inWrite = -1, outRead = -1, outWrite = -1;

    bool open()
    {
        int a[2];
        int b[2];
        if (::pipe(a) != 0 || ::pipe(b) != 0)
            return false;
        inRead = a[0];
        inWrite = a[1];
        outRead = b[0];
        outWrite = b[1];
        ::fcntl(outRead, F_SETFL, ::fcntl(outRead, F_GETFL) | O_NONBLOCK);
        return true;
    }
    void closeInput()
    {
        if (inWrite >= 0)
            ::close(inWrite);
        inWrite = -1;
    }
    bool write(const QByteArray& bytes) const
    {
        qsizetype done = 0;
        while (done < bytes.size()) {
            const auto n = ::write(inWrite, bytes.constData() + done, size_t(bytes.size() - done));
            if (n <= 0)
                return false;
            done += n;
        }
        return true;
    }
    QByteArray readAvailable() const
    {
        QByteArray out;
        char buf[4096];
        for (;;) {
            const auto n = ::read(outRead, buf, sizeof buf);
            if (n <= 0)
                break;
            out.append(buf, n);
        }
        return out;
    }
    ~Pipes()
    {
        for (int fd : {inRead, inWrite, outRead, outWrite}) {
            if (fd >= 0)
                ::close(fd);
        }
    }
};

QByteArray ping(int id)
{
    return JsonRpc::serialize(JsonRpc::makeRequest(id, QStringLiteral("ping"))) + '\n';
}

} // namespace

// StdioTransport in-process over pipes, with a small line cap, so the edges of the line reader
// are reachable.
class TestStdioTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void capAppliesToLinesEndingInOneRead();
    void capAppliesAcrossReads();
    void lineExactlyAtTheCapIsAccepted();
    void drainWaitsForInFlightCalls();
    void drainTimeoutCancelsStragglers();
    void notificationsOfTheSessionGoToStdout();

private:
    QList<QJsonObject> waitForMessages(int count, int timeoutMs = 5000);

    McpRegistry* m_registry = nullptr;
    McpServer* m_server = nullptr;
    Pipes* m_pipes = nullptr;
    QByteArray m_out;
};

void TestStdioTransport::init()
{
    m_registry = new McpRegistry(this);
    m_server = new McpServer(ServerIdentity {}, m_registry, this);
    m_pipes = new Pipes;
    QVERIFY(m_pipes->open());
    m_out.clear();
}

void TestStdioTransport::cleanup()
{
    delete m_pipes;
    m_pipes = nullptr;
    delete m_server;
    delete m_registry;
}

QList<QJsonObject> TestStdioTransport::waitForMessages(int count, int timeoutMs)
{
    QList<QJsonObject> out;
    const bool arrived = QTest::qWaitFor(
        [&]() {
            m_out += m_pipes->readAvailable();
            out.clear();
            for (const QByteArray& l : m_out.split('\n')) {
                if (!l.isEmpty())
                    out << QJsonDocument::fromJson(l).object();
            }
            return out.size() >= count;
        },
        timeoutMs);
    Q_UNUSED(arrived);
    return out;
}

void TestStdioTransport::capAppliesToLinesEndingInOneRead()
{
    StdioTransport t(*m_server, m_pipes->inRead, m_pipes->outWrite);
    t.setMaxLineBytes(200);
    t.start();
    // A 300-byte line and a short one arrive in one read.
    QByteArray longLine = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"p\":\""
        + QByteArray(240, 'a') + "\"}}\n";
    QVERIFY(longLine.size() > 200);
    QVERIFY(m_pipes->write(longLine + ping(2)));
    const QList<QJsonObject> messages = waitForMessages(2);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        int(JsonRpc::InvalidRequest));
    QVERIFY(messages.at(0)
                .value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QLatin1String("200")));
    QCOMPARE(messages.at(1).value(QStringLiteral("id")).toInt(), 2);
    QVERIFY(messages.at(1).contains(QStringLiteral("result")));
    m_pipes->closeInput();
    QSignalSpy finished(&t, &StdioTransport::finished);
    QTRY_COMPARE(finished.count(), 1);
}

void TestStdioTransport::capAppliesAcrossReads()
{
    StdioTransport t(*m_server, m_pipes->inRead, m_pipes->outWrite);
    t.setMaxLineBytes(100);
    t.start();
    // Pieces of one long line, each written separately.
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_pipes->write(QByteArray(60, 'b')));
    QVERIFY(m_pipes->write("\n" + ping(3)));
    const QList<QJsonObject> messages = waitForMessages(2);
    QCOMPARE(messages.size(), 2);
    const QString message =
        messages.at(0).value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QLatin1String("300 bytes")), qPrintable(message));
    QCOMPARE(messages.at(1).value(QStringLiteral("id")).toInt(), 3);
    m_pipes->closeInput();
    QSignalSpy finished(&t, &StdioTransport::finished);
    QTRY_COMPARE(finished.count(), 1);
}

void TestStdioTransport::lineExactlyAtTheCapIsAccepted()
{
    const QByteArray msg = ping(4);
    StdioTransport t(*m_server, m_pipes->inRead, m_pipes->outWrite);
    t.setMaxLineBytes(msg.size() - 1); // the line without its newline fits exactly
    t.start();
    QVERIFY(m_pipes->write(msg));
    const QList<QJsonObject> messages = waitForMessages(1);
    QCOMPARE(messages.size(), 1);
    QVERIFY(messages.first().contains(QStringLiteral("result")));
    m_pipes->closeInput();
    QSignalSpy finished(&t, &StdioTransport::finished);
    QTRY_COMPARE(finished.count(), 1);
}

void TestStdioTransport::drainWaitsForInFlightCalls()
{
    QPointer<McpCall> running;
    ToolDefinition slow;
    slow.name = QStringLiteral("slow");
    slow.inputSchema = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}};
    slow.handler = [&running](McpCall* call, const QJsonObject&) {
        running = call;
    };
    m_registry->tools().add(slow);

    StdioTransport t(*m_server, m_pipes->inRead, m_pipes->outWrite);
    t.start();
    QSignalSpy finished(&t, &StdioTransport::finished);
    QVERIFY(
        m_pipes->write(JsonRpc::serialize(JsonRpc::makeRequest(1, QStringLiteral("initialize"),
                           QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")}}))
            + '\n'
            + JsonRpc::serialize(JsonRpc::makeRequest(2, QStringLiteral("tools/call"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}}))
            + '\n'));
    QTRY_VERIFY(running);
    m_pipes->closeInput();
    // stdin is closed, but the call is still running: no finish yet.
    QVERIFY(!QTest::qWaitFor([&]() { return finished.count() > 0; }, 200));
    running->replyTool(ToolResult::structured(QJsonObject {{QStringLiteral("done"), true}}));
    QTRY_COMPARE(finished.count(), 1);
    const QList<QJsonObject> messages = waitForMessages(2);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(1).value(QStringLiteral("id")).toInt(), 2);
    QVERIFY(messages.at(1).contains(QStringLiteral("result")));
}

void TestStdioTransport::drainTimeoutCancelsStragglers()
{
    QPointer<McpCall> running;
    bool cancelled = false;
    ToolDefinition stuck;
    stuck.name = QStringLiteral("stuck");
    stuck.inputSchema = QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}};
    stuck.handler = [&](McpCall* call, const QJsonObject&) {
        running = call;
        connect(call, &McpCall::cancelled, call, [&cancelled]() { cancelled = true; });
    };
    m_registry->tools().add(stuck);

    StdioTransport t(*m_server, m_pipes->inRead, m_pipes->outWrite);
    t.setDrainTimeoutMs(100);
    t.start();
    QSignalSpy finished(&t, &StdioTransport::finished);
    QVERIFY(
        m_pipes->write(JsonRpc::serialize(JsonRpc::makeRequest(1, QStringLiteral("initialize"),
                           QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")}}))
            + '\n'
            + JsonRpc::serialize(JsonRpc::makeRequest(2, QStringLiteral("tools/call"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("stuck")}}))
            + '\n'));
    QTRY_VERIFY(running);
    m_pipes->closeInput();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(cancelled);
    QTRY_VERIFY(running.isNull());
    // finished() comes once, however many timers fire.
    QVERIFY(!QTest::qWaitFor([&]() { return finished.count() > 1; }, 300));
}

void TestStdioTransport::notificationsOfTheSessionGoToStdout()
{
    StdioTransport t(*m_server, m_pipes->inRead, m_pipes->outWrite);
    t.start();
    QVERIFY(
        m_pipes->write(JsonRpc::serialize(JsonRpc::makeRequest(1, QStringLiteral("initialize"),
                           QJsonObject {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")}}))
            + '\n'));
    QCOMPARE(waitForMessages(1).size(), 1);
    m_registry->tools().add(ToolDefinition {QStringLiteral("late"), {}, {},
        QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}}, {}, {}, {}});
    const QList<QJsonObject> messages = waitForMessages(2);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(1).value(QStringLiteral("method")).toString(),
        QStringLiteral("notifications/tools/list_changed"));
    QVERIFY(t.session()->isInitialized());
    m_pipes->closeInput();
    QSignalSpy finished(&t, &StdioTransport::finished);
    QTRY_COMPARE(finished.count(), 1);
}

QTEST_GUILESS_MAIN(TestStdioTransport)
#include "tst_stdiotransport.moc"
