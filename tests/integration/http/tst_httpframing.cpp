#include "transport/httpstatus.h"
#include "transport/requestframer.h"
#include "transport/responsequeue.h"

#include <QTest>

// The guard's own view of the HTTP byte stream, and the per-connection response order, without
// sockets.
class TestHttpFraming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestsInOnePiece();
    void everySplitGivesTheSameAnswer_data();
    void everySplitGivesTheSameAnswer();
    void bodyBoundaries();
    void headerCapCountsTheWholeBlock();
    void headerCapIsExactlyTheLimit();
    void leadingBlankLinesAreSkipped();
    void bareLfLineEndings();
    void expectContinue();
    void refusedFramerStops();

    void queueInOrder();
    void queueHoldsLaterAnswers();
    void queueCloseDropsTheRest();
    void queueStreamingFront();

    void statusLines();
};

namespace
{

RequestFramer::Refusal feedAll(RequestFramer& f, const QByteArray& bytes, int pieceSize)
{
    for (qsizetype i = 0; i < bytes.size(); i += pieceSize) {
        if (const RequestFramer::Refusal r = f.feed(bytes.mid(i, pieceSize)))
            return r;
    }
    return {};
}

const QByteArray kGet = "GET /health HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n";
const QByteArray kPost = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:1\r\nContent-Length: 5\r\n\r\nhello";

} // namespace

void TestHttpFraming::requestsInOnePiece()
{
    RequestFramer f(16384, 1000);
    QVERIFY(!f.feed(kGet + kPost + kGet));
    QCOMPARE(f.completedRequests(), 3);
    QCOMPARE(f.phase(), RequestFramer::Phase::Idle);
    QVERIFY(!f.feed("POST /mcp HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345"));
    QCOMPARE(f.phase(), RequestFramer::Phase::Body);
    QCOMPARE(f.completedRequests(), 3);
    QVERIFY(!f.feed("67890GET / HTTP/1.1\r\n"));
    QCOMPARE(f.completedRequests(), 4);
    QCOMPARE(f.phase(), RequestFramer::Phase::Head);
}

void TestHttpFraming::everySplitGivesTheSameAnswer_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("completed");
    QTest::newRow("fine") << QByteArray(kGet + kPost + kGet) << 0 << 3;
    QTest::newRow("413") << QByteArray(
        kGet + "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n")
                         << 413 << 1;
    QTest::newRow("413 huge number") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n")
                                     << 413 << 0;
    QTest::newRow("411") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                         << 411 << 0;
    QTest::newRow("411 identity") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: identity\r\n\r\n")
                                  << 411 << 0;
    QTest::newRow("400 conflicting") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
                                     << 400 << 0;
    QTest::newRow("same twice is fine")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nab") << 0 << 1;
    QTest::newRow("400 negative") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400 << 0;
    QTest::newRow("400 space before colon")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length : 5\r\n\r\nhello") << 400 << 0;
    QTest::newRow("400 folded") << QByteArray("GET / HTTP/1.1\r\nX-A: 1\r\n  continued\r\n\r\n") << 400 << 0;
    QTest::newRow("400 request line") << QByteArray("GET /\r\n\r\n") << 400 << 0;
    QTest::newRow("400 no colon") << QByteArray("GET / HTTP/1.1\r\nNoColonHere\r\n\r\n") << 400 << 0;
    QTest::newRow("431") << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n") << 431
                         << 0;
    QTest::newRow("431 endless") << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(40000, 'a')) << 431 << 0;
}

void TestHttpFraming::everySplitGivesTheSameAnswer()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, status);
    QFETCH(int, completed);
    for (int piece : {1, 2, 3, 7, 64, 1000, 100000}) {
        RequestFramer f(16384, 1000);
        const RequestFramer::Refusal r = feedAll(f, stream, piece);
        QCOMPARE(r.status, status);
        QCOMPARE(f.completedRequests(), completed);
        QCOMPARE(f.isRefused(), status != 0);
    }
}

void TestHttpFraming::bodyBoundaries()
{
    RequestFramer atCap(16384, 5);
    QVERIFY(!atCap.feed(kPost));
    QCOMPARE(atCap.completedRequests(), 1);
    RequestFramer overCap(16384, 4);
    const RequestFramer::Refusal r = overCap.feed(kPost);
    QCOMPARE(r.status, 413);
    QVERIFY(r.reason.contains("5 bytes"));
    QVERIFY(r.reason.contains("limit is 4"));
    // A body that looks like a request is still body.
    RequestFramer f(16384, 1000);
    const QByteArray inner = "GET / HTTP/1.1\r\n\r\n";
    QVERIFY(!f.feed(
        "POST / HTTP/1.1\r\nContent-Length: " + QByteArray::number(inner.size()) + "\r\n\r\n" + inner));
    QCOMPARE(f.completedRequests(), 1);
    QCOMPARE(f.phase(), RequestFramer::Phase::Idle);
}

void TestHttpFraming::headerCapCountsTheWholeBlock()
{
    // Many small header lines add up.
    QByteArray request = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 400; ++i)
        request += "X-H" + QByteArray::number(i) + ": " + QByteArray(40, 'v') + "\r\n";
    request += "\r\n";
    QVERIFY(request.size() > 16384);
    RequestFramer f(16384, 1000);
    QCOMPARE(feedAll(f, request, 512).status, 431);
}

void TestHttpFraming::headerCapIsExactlyTheLimit()
{
    QByteArray request = "GET / HTTP/1.1\r\nX: ";
    const QByteArray tail = "\r\n\r\n";
    request += QByteArray(100 - request.size() - tail.size(), 'a') + tail;
    QCOMPARE(request.size(), 100);
    RequestFramer fits(100, 0);
    QVERIFY(!feedAll(fits, request, 9));
    QCOMPARE(fits.completedRequests(), 1);
    RequestFramer tooSmall(99, 0);
    QCOMPARE(feedAll(tooSmall, request, 9).status, 431);
}

void TestHttpFraming::leadingBlankLinesAreSkipped()
{
    RequestFramer f(100, 0);
    QVERIFY(!f.feed("\r\n\r\n  \t"));
    QCOMPARE(f.phase(), RequestFramer::Phase::Idle);
    QVERIFY(!f.feed("GET / HTTP/1.1\r\n\r\n\r\n"));
    QCOMPARE(f.completedRequests(), 1);
    QCOMPARE(f.phase(), RequestFramer::Phase::Idle);
}

void TestHttpFraming::bareLfLineEndings()
{
    // QHttpServer 6.4 accepts "\n\n" and "\n\r\n" as the end of the header block; so must we, or
    // the two would disagree about where a request ends.
    RequestFramer f(1000, 100);
    QVERIFY(!f.feed("POST / HTTP/1.1\nContent-Length: 2\n\nabGET / HTTP/1.1\n\r\n"));
    QCOMPARE(f.completedRequests(), 2);
}

void TestHttpFraming::expectContinue()
{
    RequestFramer f(1000, 100);
    QVERIFY(!f.feed("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"));
    QVERIFY(f.takeContinue());
    QVERIFY(!f.takeContinue()); // once
    QVERIFY(!f.feed("abc"));
    QCOMPARE(f.completedRequests(), 1);
    // The body came with the headers: nobody is waiting.
    QVERIFY(!f.feed("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\nabc"));
    QVERIFY(!f.takeContinue());
    // Without a body there is nothing to continue.
    QVERIFY(!f.feed("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n"));
    QVERIFY(!f.takeContinue());
}

void TestHttpFraming::refusedFramerStops()
{
    RequestFramer f(1000, 1);
    QCOMPARE(f.feed("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n").status, 413);
    QVERIFY(!f.feed(kGet));
    QCOMPARE(f.completedRequests(), 0);
    QVERIFY(f.isRefused());
}

void TestHttpFraming::queueInOrder()
{
    ResponseQueue q;
    const int a = q.open();
    QCOMPARE(q.write(a, "A1"), QByteArray("A1"));
    bool close = true;
    QCOMPARE(q.finish(a, false, &close), QByteArray());
    QVERIFY(!close);
    QVERIFY(q.isEmpty());
    const int b = q.open();
    QVERIFY(b != a);
    QCOMPARE(q.write(b, "B"), QByteArray("B"));
}

void TestHttpFraming::queueHoldsLaterAnswers()
{
    ResponseQueue q;
    const int slow = q.open();
    const int fast = q.open();
    const int faster = q.open();
    QCOMPARE(q.size(), 3);
    bool close = false;
    QCOMPARE(q.write(fast, "F"), QByteArray());
    QCOMPARE(q.finish(fast, false, &close), QByteArray());
    QCOMPARE(q.write(faster, "G"), QByteArray());
    QCOMPARE(q.finish(faster, false, &close), QByteArray());
    QCOMPARE(q.write(slow, "S1"), QByteArray("S1"));
    QCOMPARE(q.write(slow, "S2"), QByteArray("S2"));
    QCOMPARE(q.finish(slow, false, &close), QByteArray("FG"));
    QVERIFY(q.isEmpty());
    // Writing to a finished or unknown slot does nothing.
    QCOMPARE(q.write(slow, "late"), QByteArray());
    QVERIFY(!q.contains(slow));
}

void TestHttpFraming::queueCloseDropsTheRest()
{
    ResponseQueue q;
    const int first = q.open();
    const int refusal = q.open();
    const int after = q.open();
    bool close = false;
    QCOMPARE(q.write(refusal, "413"), QByteArray());
    QCOMPARE(q.finish(refusal, true, &close), QByteArray());
    QVERIFY(!close);
    QCOMPARE(q.write(after, "never"), QByteArray());
    QCOMPARE(q.write(first, "200"), QByteArray("200"));
    QCOMPARE(q.finish(first, false, &close), QByteArray("413"));
    QVERIFY(close);
    QVERIFY(q.isEmpty());
}

void TestHttpFraming::queueStreamingFront()
{
    ResponseQueue q;
    const int stream = q.open();
    const int next = q.open();
    bool close = false;
    QCOMPARE(q.write(next, "N"), QByteArray());
    QCOMPARE(q.finish(next, false, &close), QByteArray());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(q.write(stream, "chunk"), QByteArray("chunk"));
    QCOMPARE(q.finish(stream, false, &close), QByteArray("N"));
}

void TestHttpFraming::statusLines()
{
    QCOMPARE(HttpStatus::statusLine(413), QByteArray("HTTP/1.1 413 Payload Too Large\r\n"));
    QCOMPARE(HttpStatus::statusLine(431), QByteArray("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
    QCOMPARE(HttpStatus::reason(429), QByteArray("Too Many Requests"));
    QCOMPARE(HttpStatus::reason(202), QByteArray("Accepted"));
    QVERIFY(!HttpStatus::reason(599).isEmpty());
}

QTEST_GUILESS_MAIN(TestHttpFraming)
#include "tst_httpframing.moc"
