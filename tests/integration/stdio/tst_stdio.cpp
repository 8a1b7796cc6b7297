#include "stdioprocess.h"

#include "protocol/jsonrpc.h"
#include "testenv.h"

#include <QJsonDocument>
#include <QTest>

namespace
{

QByteArray line(const QJsonObject& message)
{
    return JsonRpc::serialize(message) + '\n';
}

QByteArray ping(const QJsonValue& id)
{
    return line(JsonRpc::makeRequest(id, QStringLiteral("ping")));
}

// Every stdout line must be one JSON-RPC 2.0 message.
void verifyOnlyJsonRpc(const QList<QByteArray>& lines)
{
    for (const QByteArray& l : lines) {
        const JsonRpc::Parsed p = JsonRpc::parse(l);
        QVERIFY2(p.ok, l.left(200).constData());
        QVERIFY2(p.message.isResponse() || p.message.isNotification() || p.message.isRequest(),
            l.left(200).constData());
    }
}

} // namespace

// The real `finagent stdio` binary: framing, limits, stdout hygiene and shutdown on EOF.
class TestStdio : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void newlineFraming();
    void severalMessagesInOneWrite();
    void oneMessageOverSeveralWrites();
    void crlfAndBlankLinesAreTolerated();
    void invalidJsonGetsParseError();
    void invalidRequestKeepsServing();
    void overLongLineIsRefusedAndServingContinues();
    void stdoutCarriesOnlyJsonRpc();
    void cleanExitOnEof();
    void lastMessageWithoutNewlineIsAnswered();
    void requestInFlightAtEofIsAnswered();

private:
    TestEnv m_env;
};

void TestStdio::initTestCase()
{
    if (finagentBinary().isEmpty())
        QSKIP("FINAGENT_BINARY is not set (run through ctest)");
    // stdio logs go to stderr; make them plentiful so the stdout check means something.
    m_env.set("QT_LOGGING_RULES", "finagent.*=true");
}

void TestStdio::newlineFraming()
{
    StdioProcess p;
    QVERIFY(p.start());
    QVERIFY(p.initialize());
    p.write(ping(2));
    const QJsonObject r = p.waitForResponse(2);
    QVERIFY(r.contains(QStringLiteral("result")));
    QCOMPARE(r.value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
    const QList<QByteArray> lines = p.lines();
    QCOMPARE(lines.size(), 2); // initialize result, ping result; the notification has no answer
    for (const QByteArray& l : lines)
        QVERIFY(!l.contains('\r'));
}

void TestStdio::severalMessagesInOneWrite()
{
    StdioProcess p;
    QVERIFY(p.start());
    QVERIFY(p.initialize());
    const int before = int(p.lines().size());
    p.write(ping(10) + ping(QStringLiteral("eleven"))
        + line(JsonRpc::makeRequest(12, QStringLiteral("tools/list"))) + ping(13));
    QVERIFY(p.waitForLines(before + 4));
    const QList<QByteArray> lines = p.lines().mid(before);
    QCOMPARE(lines.size(), 4);
    // Answered in the order asked.
    QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value(QStringLiteral("id")).toInt(), 10);
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("id")).toString(),
        QStringLiteral("eleven"));
    QCOMPARE(QJsonDocument::fromJson(lines.at(2)).object().value(QStringLiteral("id")).toInt(), 12);
    QVERIFY(QJsonDocument::fromJson(lines.at(2))
                .object()
                .value(QStringLiteral("result"))
                .toObject()
                .contains(QStringLiteral("tools")));
    QCOMPARE(QJsonDocument::fromJson(lines.at(3)).object().value(QStringLiteral("id")).toInt(), 13);
}

void TestStdio::oneMessageOverSeveralWrites()
{
    StdioProcess p;
    QVERIFY(p.start());
    QVERIFY(p.initialize());
    const int before = int(p.lines().size());
    const QByteArray message = line(JsonRpc::makeRequest(20, QStringLiteral("tools/list")));
    // Each piece reaches the pipe before the next is written.
    const qsizetype third = message.size() / 3;
    QVERIFY(p.writeAndDrain(message.left(third)));
    QVERIFY(p.writeAndDrain(message.mid(third, third)));
    QVERIFY(p.writeAndDrain(message.mid(2 * third)));
    const QJsonObject r = p.waitForResponse(20);
    QVERIFY(r.value(QStringLiteral("result")).toObject().contains(QStringLiteral("tools")));
    // Split at a multi-byte UTF-8 character too.
    const QByteArray utf8 = line(JsonRpc::makeRequest(QStringLiteral("价格-21"), QStringLiteral("ping")));
    const qsizetype cut = utf8.indexOf("\xe4\xbb\xb7") + 1; // inside the first character
    QVERIFY(p.writeAndDrain(utf8.left(cut)));
    QVERIFY(p.writeAndDrain(utf8.mid(cut)));
    QVERIFY(p.waitForResponse(QStringLiteral("价格-21")).contains(QStringLiteral("result")));
    QCOMPARE(p.lines().size(), before + 2);
}

void TestStdio::crlfAndBlankLinesAreTolerated()
{
    StdioProcess p;
    QVERIFY(p.start());
    QVERIFY(p.initialize());
    const int before = int(p.lines().size());
    QByteArray crlf = ping(30);
    crlf.insert(crlf.size() - 1, '\r');
    p.write("\n\n   \n" + crlf + "\r\n" + ping(31));
    QVERIFY(p.waitForResponse(30).contains(QStringLiteral("result")));
    QVERIFY(p.waitForResponse(31).contains(QStringLiteral("result")));
    // Blank lines are not messages: nothing answers them.
    QCOMPARE(p.lines().size(), before + 2);
}

void TestStdio::invalidJsonGetsParseError()
{
    StdioProcess p;
    QVERIFY(p.start());
    const int before = int(p.lines().size());
    p.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\n");
    QVERIFY(p.waitForLines(before + 1));
    const QJsonObject r = QJsonDocument::fromJson(p.lines().at(before)).object();
    QCOMPARE(r.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        int(JsonRpc::ParseError));
    QVERIFY(!r.contains(QStringLiteral("id")));
    // The server keeps serving.
    QVERIFY(p.initialize());
}

void TestStdio::invalidRequestKeepsServing()
{
    StdioProcess p;
    QVERIFY(p.start());
    QVERIFY(p.initialize());
    p.write("{\"jsonrpc\":\"2.0\",\"id\":40,\"method\":\"ping\",\"params\":[]}\n"
            "[{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"ping\"}]\n");
    QCOMPARE(
        p.waitForResponse(40).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        int(JsonRpc::InvalidParams));
    p.write(ping(42));
    QVERIFY(p.waitForResponse(42).contains(QStringLiteral("result")));
    bool sawBatchError = false;
    for (const QByteArray& l : p.lines()) {
        const QJsonObject o = QJsonDocument::fromJson(l).object();
        if (o.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QLatin1String("batch")))
            sawBatchError = o.value(QStringLiteral("id")).isUndefined();
    }
    QVERIFY(sawBatchError);
}

void TestStdio::overLongLineIsRefusedAndServingContinues()
{
    StdioProcess p;
    QVERIFY(p.start());
    QVERIFY(p.initialize());
    const int before = int(p.lines().size());
    // 17 MiB inside one JSON string: well-formed, but over the 16 MiB line cap.
    QByteArray huge = "{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"ping\",\"params\":{\"pad\":\"";
    huge += QByteArray(17 * 1024 * 1024, 'x');
    huge += "\"}}\n";
    p.write(huge + ping(51));
    QVERIFY(p.waitForResponse(51, 60000).contains(QStringLiteral("result")));
    const QList<QByteArray> lines = p.lines().mid(before);
    QCOMPARE(lines.size(), 2); // one error for the long line, then the ping
    const QJsonObject error = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(error.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        int(JsonRpc::InvalidRequest));
    QVERIFY(error.value(QStringLiteral("id")).isUndefined());
    const QString message =
        error.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QString::number(16 * 1024 * 1024)), qPrintable(message));
    QVERIFY2(message.contains(QString::number(huge.size() - 1)), qPrintable(message));
    QVERIFY(p.standardError().contains("over the limit"));
    // And the same again without a following message in the same write.
    p.write(huge);
    p.write(ping(52));
    QVERIFY(p.waitForResponse(52, 60000).contains(QStringLiteral("result")));
}

void TestStdio::stdoutCarriesOnlyJsonRpc()
{
    StdioProcess p;
    QVERIFY(p.start());
    QVERIFY(p.initialize());
    p.write(line(JsonRpc::makeRequest(60, QStringLiteral("logging/setLevel"),
        QJsonObject {{QStringLiteral("level"), QStringLiteral("debug")}})));
    p.write(line(JsonRpc::makeRequest(61, QStringLiteral("tools/list"))));
    p.write(line(JsonRpc::makeRequest(62, QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("no_such_tool")}})));
    p.write("not json\n");
    p.write(line(JsonRpc::makeRequest(63, QStringLiteral("resources/read"),
        QJsonObject {{QStringLiteral("uri"), QStringLiteral("x://missing")}})));
    p.write(ping(64));
    QVERIFY(p.waitForResponse(64).contains(QStringLiteral("result")));
    p.process().closeWriteChannel();
    QVERIFY(p.waitForExit());
    const QList<QByteArray> lines = p.lines();
    QVERIFY(lines.size() >= 7);
    verifyOnlyJsonRpc(lines);
    // The logs went to stderr.
    const QByteArray err = p.standardError();
    QVERIFY2(err.contains("finagent."), err.left(500).constData());
    QVERIFY(!err.contains("\"jsonrpc\""));
}

void TestStdio::cleanExitOnEof()
{
    StdioProcess p;
    QVERIFY(p.start());
    QVERIFY(p.initialize());
    p.process().closeWriteChannel();
    QVERIFY(p.waitForExit());
    QCOMPARE(p.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.process().exitCode(), 0);

    // Also when stdin closes before anything was said.
    StdioProcess silent;
    QVERIFY(silent.start());
    silent.process().closeWriteChannel();
    QVERIFY(silent.waitForExit());
    QCOMPARE(silent.process().exitCode(), 0);
    QVERIFY(silent.lines().isEmpty());
}

void TestStdio::lastMessageWithoutNewlineIsAnswered()
{
    StdioProcess p;
    QVERIFY(p.start());
    QVERIFY(p.initialize());
    QByteArray last = ping(70);
    last.chop(1);
    p.write(last);
    p.process().closeWriteChannel();
    QVERIFY(p.waitForExit());
    QVERIFY(p.waitForResponse(70, 0).contains(QStringLiteral("result")));
    QCOMPARE(p.process().exitCode(), 0);
}

void TestStdio::requestInFlightAtEofIsAnswered()
{
    StdioProcess p;
    QVERIFY(p.start());
    QVERIFY(p.initialize());
    // health_check probes every subsystem asynchronously, so it is still running when stdin closes
    // right behind it; the answer must still come before the process exits.
    p.write(line(JsonRpc::makeRequest(80, QStringLiteral("tools/call"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("health_check")}})));
    p.process().closeWriteChannel();
    QVERIFY(p.waitForExit(30000));
    QCOMPARE(p.process().exitCode(), 0);
    const QJsonObject r = p.waitForResponse(80, 0);
    QVERIFY2(r.contains(QStringLiteral("result")), qPrintable(QString::fromUtf8(JsonRpc::serialize(r))));
    QVERIFY(r.value(QStringLiteral("result")).toObject().value(QStringLiteral("content")).isArray());
    verifyOnlyJsonRpc(p.lines());
}

QTEST_GUILESS_MAIN(TestStdio)
#include "tst_stdio.moc"
