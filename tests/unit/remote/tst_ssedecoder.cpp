#include "backend/ssedecoder.h"

#include <QTest>

class TestSseDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneEvent()
    {
        SseDecoder d;
        const auto events = d.feed("id: 3\nevent: message\ndata: {\"a\":1}\n\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().type, QByteArray("message"));
        QCOMPARE(events.first().data, QByteArray("{\"a\":1}"));
        QCOMPARE(events.first().id, QByteArray("3"));
        QCOMPARE(d.lastEventId(), QByteArray("3"));
    }

    void everySplitPointGivesTheSameEvents()
    {
        const QByteArray stream = "id: 1\r\nevent: message\r\ndata: {\"x\":\"a\"}\r\n\r\n"
                                  ": keep-alive\r\n\r\n"
                                  "data: line1\rdata: line2\r\r"
                                  "id: 2\ndata: last\n\n";
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            SseDecoder d;
            auto events = d.feed(stream.left(cut));
            events += d.feed(stream.mid(cut));
            QCOMPARE(events.size(), 3);
            QCOMPARE(events.at(0).data, QByteArray("{\"x\":\"a\"}"));
            QCOMPARE(events.at(0).id, QByteArray("1"));
            QCOMPARE(events.at(1).data, QByteArray("line1\nline2"));
            QCOMPARE(events.at(1).id, QByteArray("1")); // the id carries over
            QCOMPARE(events.at(2).data, QByteArray("last"));
            QCOMPARE(events.at(2).id, QByteArray("2"));
        }
    }

    void byteByByte()
    {
        const QByteArray stream = "event: message\ndata: {\"jsonrpc\":\"2.0\"}\n\n";
        SseDecoder d;
        QList<SseEvent> events;
        for (const char c : stream)
            events += d.feed(QByteArray(1, c));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().data, QByteArray("{\"jsonrpc\":\"2.0\"}"));
    }

    void primingEventHasEmptyData()
    {
        SseDecoder d;
        const auto events = d.feed("id: 0\nretry: 2500\ndata: \n\n");
        QCOMPARE(events.size(), 1);
        QVERIFY(events.first().data.isEmpty());
        QCOMPARE(d.reconnectDelayMs(), 2500);
        QCOMPARE(d.lastEventId(), QByteArray("0"));
    }

    void commentsAndBlocksWithoutDataYieldNothing()
    {
        SseDecoder d;
        QVERIFY(d.feed(": hello\n\nevent: ping\n\nid: 7\n\n").isEmpty());
        QCOMPARE(d.lastEventId(), QByteArray("7"));
    }

    void otherEventTypesKeepTheirType()
    {
        SseDecoder d;
        const auto events = d.feed("event: endpoint\ndata: /messages\n\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().type, QByteArray("endpoint"));
    }

    void fieldWithoutSpaceAndWithoutColon()
    {
        SseDecoder d;
        const auto events = d.feed("data:x\ndata\n\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().data, QByteArray("x\n"));
    }

    void leadingBomIsSkipped()
    {
        SseDecoder d;
        const auto events = d.feed("\xEF\xBB\xBF"
                                   "data: a\n\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().data, QByteArray("a"));
    }

    void oversizedEventIsDropped()
    {
        SseDecoder d(64);
        d.feed("data: " + QByteArray(100, 'x'));
        QVERIFY(d.overflowed());
        SseDecoder ok(64);
        ok.feed("data: short\n\n");
        QVERIFY(!ok.overflowed());
    }
};

QTEST_GUILESS_MAIN(TestSseDecoder)
#include "tst_ssedecoder.moc"
