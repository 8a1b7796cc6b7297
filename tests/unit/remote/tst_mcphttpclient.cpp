#include "backend/mcpclientrequest.h"
#include "backend/mcphttpclient.h"
#include "scriptedmcpserver.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

// McpHttpClient against a scripted server: the wire format (headers, handshake, JSON and SSE
// answers), session recovery, and the sentences for each failure.
class TestMcpHttpClient : public QObject
{
    Q_OBJECT

    struct Outcome
    {
        bool done = false;
        Result<QJsonObject> result = Error();
        QList<QJsonObject> notifications;
        QList<QJsonObject> serverRequests;
    };

    // Starts a request and records what happens to it.
    static std::shared_ptr<Outcome> start(McpHttpClient& client, const QString& method,
        const QJsonObject& params = {}, McpHttpClient::RequestOptions options = {},
        QPointer<McpClientRequest>* handle = nullptr)
    {
        auto outcome = std::make_shared<Outcome>();
        McpClientRequest* r = client.request(method, params, options);
        if (handle)
            *handle = r;
        connect(r, &McpClientRequest::notification, r,
            [outcome](const QJsonObject& m) { outcome->notifications << m; });
        connect(r, &McpClientRequest::serverRequest, r,
            [outcome](const QJsonObject& m) { outcome->serverRequests << m; });
        connect(r, &McpClientRequest::finished, r, [outcome, r]() {
            outcome->result = r->result();
            outcome->done = true;
        });
        return outcome;
    }

    static McpHttpClient::Options options(const ScriptedMcpServer& server)
    {
        McpHttpClient::Options o;
        o.url = QUrl(server.url());
        o.connectTimeoutMs = 5000;
        o.requestTimeoutMs = 5000;
        o.reconnectMinMs = 50;
        o.reconnectMaxMs = 200;
        return o;
    }

    static void answerToolsList(ScriptedMcpServer& server)
    {
        server.on(QStringLiteral("tools/list"),
            [](const ScriptedMcpServer::Request& r, ScriptedMcpServer::Responder* out) {
                out->respondJson(ScriptedMcpServer::result(r.message.value(QStringLiteral("id")),
                    QJsonObject {{QStringLiteral("tools"),
                        QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("echo")}}}}}));
            });
    }

private Q_SLOTS:
    void handshakeAndHeaders()
    {
        ScriptedMcpServer server;
        answerToolsList(server);
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        client.setBearerToken("tok-123");
        QSignalSpy connected(&client, &McpHttpClient::connected);
        auto out = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(out->done);
        QVERIFY2(out->result.ok(), qPrintable(out->result.error().message));
        QCOMPARE(out->result.value().value(QStringLiteral("tools")).toArray().size(), 1);
        QCOMPARE(connected.count(), 1);
        QCOMPARE(client.state(), McpHttpClient::State::Ready);
        QCOMPARE(client.sessionId(), QStringLiteral("session-1"));
        QCOMPARE(client.serverInfo().value(QStringLiteral("name")).toString(), QStringLiteral("scripted"));
        QCOMPARE(client.instructions(), QStringLiteral("Scripted server for tests"));

        const auto& reqs = server.requests();
        QCOMPARE(reqs.size(), 3);
        const auto& init = reqs.at(0);
        QCOMPARE(init.rpcMethod(), QStringLiteral("initialize"));
        QCOMPARE(init.message.value(QStringLiteral("params"))
                     .toObject()
                     .value(QStringLiteral("protocolVersion"))
                     .toString(),
            QStringLiteral("2025-11-25"));
        QVERIFY(init.header("mcp-session-id").isEmpty());
        QVERIFY(init.header("accept").contains("application/json"));
        QVERIFY(init.header("accept").contains("text/event-stream"));
        QCOMPARE(init.header("content-type"), QByteArray("application/json"));
        QCOMPARE(init.header("authorization"), QByteArray("Bearer tok-123"));
        QCOMPARE(reqs.at(1).rpcMethod(), QStringLiteral("notifications/initialized"));
        QCOMPARE(reqs.at(1).header("mcp-session-id"), QByteArray("session-1"));
        QCOMPARE(reqs.at(1).header("mcp-protocol-version"), QByteArray("2025-11-25"));
        QCOMPARE(reqs.at(2).rpcMethod(), QStringLiteral("tools/list"));
        QCOMPARE(reqs.at(2).header("mcp-session-id"), QByteArray("session-1"));
        QCOMPARE(reqs.at(2).header("mcp-protocol-version"), QByteArray("2025-11-25"));
        QCOMPARE(reqs.at(2).header("authorization"), QByteArray("Bearer tok-123"));
    }

    void extraHeadersAreSent()
    {
        ScriptedMcpServer server;
        answerToolsList(server);
        QNetworkAccessManager nam;
        auto o = options(server);
        o.headers = {{"Authorization", "Bearer from-header"}, {"X-Tenant", "acme"}};
        McpHttpClient client(nam, o);
        auto out = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(out->done);
        QVERIFY(out->result.ok());
        for (const auto& r : server.requests()) {
            QCOMPARE(r.header("authorization"), QByteArray("Bearer from-header"));
            QCOMPARE(r.header("x-tenant"), QByteArray("acme"));
        }
    }

    void olderRevisionIsAccepted()
    {
        ScriptedMcpServer server;
        server.setInitializeVersion(QStringLiteral("2025-03-26"));
        answerToolsList(server);
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        auto out = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(out->done);
        QVERIFY(out->result.ok());
        QCOMPARE(client.protocolVersion(), QStringLiteral("2025-03-26"));
        QCOMPARE(server.requests().last().header("mcp-protocol-version"), QByteArray("2025-03-26"));
    }

    void unknownRevisionIsRefused()
    {
        ScriptedMcpServer server;
        server.setInitializeVersion(QStringLiteral("2099-01-01"));
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        auto out = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(out->done);
        QVERIFY(!out->result.ok());
        QCOMPARE(out->result.error().code, QStringLiteral("remote_protocol"));
        QVERIFY2(out->result.error().message.contains(QStringLiteral("2099-01-01")),
            qPrintable(out->result.error().message));
        QCOMPARE(client.state(), McpHttpClient::State::Unreachable);
    }

    void jsonRpcErrorsKeepTheirCode()
    {
        ScriptedMcpServer server;
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        auto out = start(client, QStringLiteral("prompts/list"));
        QTRY_VERIFY(out->done);
        QCOMPARE(out->result.error().code, QStringLiteral("rpc_-32601"));
        QCOMPARE(out->result.error().details.value(QStringLiteral("code")).toInt(), -32601);
        QCOMPARE(
            client.state(), McpHttpClient::State::Ready); // an error answer is not a failure of the remote
    }

    void streamedAnswerIsReadAsItArrives()
    {
        ScriptedMcpServer server;
        QPointer<ScriptedMcpServer::Responder> stream;
        QJsonValue callId;
        QString token;
        server.on(QStringLiteral("tools/call"),
            [&](const ScriptedMcpServer::Request& r, ScriptedMcpServer::Responder* out) {
                stream = out;
                callId = r.message.value(QStringLiteral("id"));
                token = r.message.value(QStringLiteral("params"))
                            .toObject()
                            .value(QStringLiteral("_meta"))
                            .toObject()
                            .value(QStringLiteral("progressToken"))
                            .toString();
                out->beginStream();
                out->writeRaw("id: 0\ndata: \n\n"); // a priming event
            });
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        McpHttpClient::RequestOptions ro;
        ro.withProgress = true;
        auto out = start(client, QStringLiteral("tools/call"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("slow")}}, ro);
        QTRY_VERIFY(stream);
        QVERIFY(!token.isEmpty());

        // A progress notification split across two chunks, and one for another token (ignored).
        const QByteArray progress =
            "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
            "\"params\":{\"progressToken\":\""
            + token.toLatin1() + "\",\"progress\":1,\"total\":3}}\n\n";
        stream->writeRaw(progress.left(30));
        stream->writeRaw(progress.mid(30));
        stream->writeRaw("data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":"
                         "{\"progressToken\":\"other\",\"progress\":1}}\n\n");
        QTRY_COMPARE(out->notifications.size(), 1);
        QVERIFY(!out->done);
        QCOMPARE(out->notifications.first()
                     .value(QStringLiteral("params"))
                     .toObject()
                     .value(QStringLiteral("total"))
                     .toInt(),
            3);

        stream->sendEvent(QJsonObject {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("method"), QStringLiteral("notifications/message")},
            {QStringLiteral("params"),
                QJsonObject {{QStringLiteral("level"), QStringLiteral("info")},
                    {QStringLiteral("data"), QStringLiteral("working")}}}});
        QTRY_COMPARE(out->notifications.size(), 2);

        // A request from the server related to the call, then a ping the client answers by itself.
        stream->sendEvent(QJsonObject {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), QStringLiteral("srv-1")},
            {QStringLiteral("method"), QStringLiteral("elicitation/create")},
            {QStringLiteral("params"), QJsonObject {{QStringLiteral("message"), QStringLiteral("ok?")}}}});
        stream->sendEvent(QJsonObject {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), 99}, {QStringLiteral("method"), QStringLiteral("ping")}});
        QTRY_COMPARE(out->serverRequests.size(), 1);
        client.respond(
            QStringLiteral("srv-1"), QJsonObject {{QStringLiteral("action"), QStringLiteral("accept")}});
        QTRY_VERIFY(std::any_of(server.requests().cbegin(), server.requests().cend(), [](const auto& r) {
            return r.message.value(QStringLiteral("id")).toString() == QLatin1String("srv-1")
                && r.message.value(QStringLiteral("result"))
                       .toObject()
                       .value(QStringLiteral("action"))
                       .toString()
                == QLatin1String("accept");
        }));
        QTRY_VERIFY(std::any_of(server.requests().cbegin(), server.requests().cend(), [](const auto& r) {
            return r.message.value(QStringLiteral("id")).toInt() == 99
                && r.message.contains(QStringLiteral("result"));
        }));
        QVERIFY(!out->done);

        stream->sendEvent(
            ScriptedMcpServer::result(callId, QJsonObject {{QStringLiteral("content"), QJsonArray()}}), 5);
        stream->endStream();
        QTRY_VERIFY(out->done);
        QVERIFY(out->result.ok());
    }

    void lostSessionIsRecoveredAndTheRequestReplayed_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("404 (the spec)") << 404;
        QTest::newRow("400 naming the session") << 400;
    }

    void lostSessionIsRecoveredAndTheRequestReplayed()
    {
        QFETCH(int, status);
        ScriptedMcpServer server;
        server.setUnknownSessionStatus(status);
        answerToolsList(server);
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        auto first = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(first->done);
        QVERIFY(first->result.ok());

        server.dropSessions(); // the server restarted
        QSignalSpy connected(&client, &McpHttpClient::connected);
        auto second = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(second->done);
        QVERIFY2(second->result.ok(), qPrintable(second->result.error().message));
        QCOMPARE(server.sessionsCreated(), 2);
        QCOMPARE(client.sessionId(), QStringLiteral("session-2"));
        QCOMPARE(client.sessionGeneration(), 2);
        QCOMPARE(connected.count(), 1);
        QCOMPARE(server.requestsFor(QStringLiteral("tools/list")).size(), 3); // ok, 404, replayed
    }

    void replayHappensOnlyOnce()
    {
        ScriptedMcpServer server;
        server.on(QStringLiteral("tools/list"),
            [&server](const ScriptedMcpServer::Request&, ScriptedMcpServer::Responder* out) {
                server.dropSessions();
                out->respond(
                    404, "application/json", R"({"error":{"code":-32001,"message":"Session not found"}})");
            });
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        auto out = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(out->done);
        QCOMPARE(out->result.error().code, QStringLiteral("remote_session_lost"));
        QCOMPARE(server.requestsFor(QStringLiteral("tools/list")).size(), 2);
    }

    void refusedToken()
    {
        ScriptedMcpServer server;
        server.setRequiredToken("good");
        QNetworkAccessManager nam;
        auto o = options(server);
        o.credentialHint = QStringLiteral("update it in Accounts & keys");
        McpHttpClient client(nam, o);
        client.setBearerToken("bad");
        auto out = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(out->done);
        QCOMPARE(out->result.error().code, QStringLiteral("remote_refused_token"));
        QCOMPARE(out->result.error().message,
            QStringLiteral(
                "The remote FinAgent refused the token (HTTP 401): update it in Accounts & keys."));
        QCOMPARE(client.state(), McpHttpClient::State::Refused);
        QVERIFY(client.since().isValid());
        QCOMPARE(client.statusText(), QStringLiteral("token refused (HTTP 401)"));

        McpHttpClient anonymous(nam, o);
        auto none = start(anonymous, QStringLiteral("tools/list"));
        QTRY_VERIFY(none->done);
        QCOMPARE(none->result.error().code, QStringLiteral("remote_needs_token"));

        // A provider is asked again before the next handshake: a fixed token makes it work.
        int asked = 0;
        McpHttpClient provided(nam, o);
        provided.setCredentialProvider([&asked](QObject*, std::function<void(const QByteArray&)> done) {
            ++asked;
            done(asked == 1 ? QByteArray("bad") : QByteArray("good"));
        });
        auto refused = start(provided, QStringLiteral("ping"));
        QTRY_VERIFY(refused->done);
        QCOMPARE(provided.state(), McpHttpClient::State::Refused);
        server.on(QStringLiteral("ping"),
            [](const ScriptedMcpServer::Request& r, ScriptedMcpServer::Responder* res) {
                res->respondJson(ScriptedMcpServer::result(r.message.value(QStringLiteral("id")), {}));
            });
        auto accepted = start(provided, QStringLiteral("ping"));
        QTRY_VERIFY(accepted->done);
        QVERIFY2(accepted->result.ok(), qPrintable(accepted->result.error().message));
        QCOMPARE(asked, 2);
        QCOMPARE(provided.state(), McpHttpClient::State::Ready);
        QVERIFY(!provided.since().isValid());
    }

    void badGateway()
    {
        ScriptedMcpServer server;
        server.on(QStringLiteral("tools/call"),
            [](const ScriptedMcpServer::Request&, ScriptedMcpServer::Responder* out) {
                out->respond(502, "text/html", "<html>upstream down</html>");
            });
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        QSignalSpy stateChanges(&client, &McpHttpClient::stateChanged);
        auto out = start(client, QStringLiteral("tools/call"));
        QTRY_VERIFY(out->done);
        QCOMPARE(out->result.error().code, QStringLiteral("remote_http_error"));
        QVERIFY2(out->result.error().message.contains(QStringLiteral("remote answered 502 Bad Gateway")),
            qPrintable(out->result.error().message));
        QVERIFY(!out->result.error().message.contains(QStringLiteral("<html>")));
        QCOMPARE(client.state(), McpHttpClient::State::Unreachable);
        QVERIFY2(client.statusText().contains(QStringLiteral("the remote answered 502 Bad Gateway")),
            qPrintable(client.statusText()));
        QVERIFY(stateChanges.count() >= 1);
    }

    void unreachableSinceTheFirstFailure()
    {
        quint16 port = 0;
        {
            ScriptedMcpServer gone;
            port = gone.port();
        }
        QNetworkAccessManager nam;
        McpHttpClient::Options o;
        o.url = QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port));
        McpHttpClient client(nam, o);
        auto out = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(out->done);
        QCOMPARE(out->result.error().code, QStringLiteral("remote_unreachable"));
        const QString hhmm = client.since().toString(QStringLiteral("HH:mm"));
        QVERIFY2(out->result.error().message.startsWith(
                     QStringLiteral("Remote unreachable since %1 (connection refused)").arg(hhmm)),
            qPrintable(out->result.error().message));
        QCOMPARE(client.state(), McpHttpClient::State::Unreachable);
        const QDateTime since = client.since();
        QVERIFY(since.isValid());

        auto again = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(again->done);
        QCOMPARE(client.since(), since); // still the same outage
        QCOMPARE(client.statusText(), QStringLiteral("unreachable since %1 (connection refused)").arg(hhmm));
    }

    void requestTimeoutCancelsUpstream()
    {
        ScriptedMcpServer server;
        QJsonValue callId;
        server.on(QStringLiteral("tools/call"),
            [&](const ScriptedMcpServer::Request& r, ScriptedMcpServer::Responder* out) {
                callId = r.message.value(QStringLiteral("id"));
                out->beginStream(); // and nothing more
            });
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        McpHttpClient::RequestOptions ro;
        ro.timeoutMs = 400;
        auto out = start(client, QStringLiteral("tools/call"), {}, ro);
        QTRY_VERIFY(out->done);
        QCOMPARE(out->result.error().code, QStringLiteral("remote_timeout"));
        QVERIFY(out->result.error().message.contains(QStringLiteral("did not answer tools/call within 1 s")));
        QTRY_COMPARE(server.requestsFor(QStringLiteral("notifications/cancelled")).size(), 1);
        const auto cancel = server.requestsFor(QStringLiteral("notifications/cancelled")).first();
        QCOMPARE(cancel.message.value(QStringLiteral("params")).toObject().value(QStringLiteral("requestId")),
            callId);
        QCOMPARE(client.state(), McpHttpClient::State::Ready);
    }

    void cancelTellsTheServer()
    {
        ScriptedMcpServer server;
        QPointer<ScriptedMcpServer::Responder> stream;
        server.on(QStringLiteral("tools/call"),
            [&](const ScriptedMcpServer::Request&, ScriptedMcpServer::Responder* out) {
                stream = out;
                out->beginStream();
            });
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        QPointer<McpClientRequest> handle;
        auto out = start(client, QStringLiteral("tools/call"), {}, {}, &handle);
        QTRY_VERIFY(stream);
        const QJsonValue id = handle->id();
        handle->cancel(QStringLiteral("the user changed their mind"));
        QVERIFY(out->done);
        QCOMPARE(out->result.error().code, QStringLiteral("cancelled"));
        QTRY_COMPARE(server.requestsFor(QStringLiteral("notifications/cancelled")).size(), 1);
        const QJsonObject params = server.requestsFor(QStringLiteral("notifications/cancelled"))
                                       .first()
                                       .message.value(QStringLiteral("params"))
                                       .toObject();
        QCOMPARE(params.value(QStringLiteral("requestId")), id);
        QCOMPARE(
            params.value(QStringLiteral("reason")).toString(), QStringLiteral("the user changed their mind"));
        QTRY_VERIFY(!handle); // it deleted itself
    }

    void handshakeTimeout()
    {
        ScriptedMcpServer server;
        server.on(QStringLiteral("initialize"),
            [](const ScriptedMcpServer::Request&, ScriptedMcpServer::Responder*) {});
        QNetworkAccessManager nam;
        auto o = options(server);
        o.connectTimeoutMs = 300;
        McpHttpClient client(nam, o);
        auto out = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(out->done);
        QCOMPARE(out->result.error().code, QStringLiteral("remote_unreachable"));
        QVERIFY2(out->result.error().message.contains(QStringLiteral("(no answer within 1 s)")),
            qPrintable(out->result.error().message));
    }

    void redirectIsNotFollowed()
    {
        ScriptedMcpServer server;
        server.on(QStringLiteral("initialize"),
            [](const ScriptedMcpServer::Request&, ScriptedMcpServer::Responder* out) {
                out->respond(301, "text/plain", "moved", {{"Location", "https://mcp.example.com/mcp"}});
            });
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        auto out = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(out->done);
        QCOMPARE(out->result.error().code, QStringLiteral("remote_redirected"));
        QCOMPARE(out->result.error().message,
            QStringLiteral(
                "The remote redirects %1 to https://mcp.example.com/mcp (HTTP 301): use that URL instead.")
                .arg(server.url()));
        QCOMPARE(server.requests().size(), 1);
    }

    void notificationStream()
    {
        ScriptedMcpServer server;
        QList<QPointer<ScriptedMcpServer::Responder>> streams;
        server.onGet([&](const ScriptedMcpServer::Request& r, ScriptedMcpServer::Responder* out) {
            QVERIFY(r.header("accept").contains("text/event-stream"));
            QCOMPARE(r.header("mcp-session-id"), QByteArray("session-1"));
            streams << out;
            out->beginStream();
        });
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        QSignalSpy notifications(&client, &McpHttpClient::notificationReceived);
        client.setListening(true);
        client.connectToServer();
        QTRY_COMPARE(streams.size(), 1);
        streams.first()->sendEvent(
            QJsonObject {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                {QStringLiteral("method"), QStringLiteral("notifications/resources/updated")},
                {QStringLiteral("params"), QJsonObject {{QStringLiteral("uri"), QStringLiteral("x://1")}}}},
            7);
        QTRY_COMPARE(notifications.count(), 1);
        QCOMPARE(notifications.first().first().toJsonObject().value(QStringLiteral("method")).toString(),
            QStringLiteral("notifications/resources/updated"));

        // The server ends the stream: the client opens it again, resuming after the last event.
        streams.first()->endStream();
        QTRY_COMPARE(streams.size(), 2);
        const auto gets = [&server]() {
            QList<ScriptedMcpServer::Request> out;
            for (const auto& r : server.requests()) {
                if (r.method == "GET")
                    out << r;
            }
            return out;
        };
        QCOMPARE(gets().last().header("last-event-id"), QByteArray("7"));

        // A server without a stream (405) is not asked again.
        QVERIFY(client.isNotificationStreamOpen());
        server.onGet({});
        streams.last()->endStream();
        QTRY_COMPARE(gets().size(), 3);
        QTRY_VERIFY(!client.offersNotificationStream());
        QVERIFY(!client.isNotificationStreamOpen());
        QCOMPARE(gets().size(), 3);
        QCOMPARE(client.state(), McpHttpClient::State::Ready);
    }

    void lostSessionOnTheStreamReinitializes()
    {
        ScriptedMcpServer server;
        QList<QPointer<ScriptedMcpServer::Responder>> streams;
        server.onGet([&](const ScriptedMcpServer::Request&, ScriptedMcpServer::Responder* out) {
            streams << out;
            out->beginStream();
        });
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        client.setListening(true);
        client.connectToServer();
        QTRY_COMPARE(streams.size(), 1);
        server.dropSessions();
        streams.first()->endStream();
        QTRY_COMPARE(client.sessionGeneration(), 2);
        QTRY_COMPARE(streams.size(), 2);
        QCOMPARE(client.sessionId(), QStringLiteral("session-2"));
    }

    void closeEndsTheSession()
    {
        ScriptedMcpServer server;
        answerToolsList(server);
        QNetworkAccessManager nam;
        McpHttpClient client(nam, options(server));
        auto out = start(client, QStringLiteral("tools/list"));
        QTRY_VERIFY(out->done);
        bool closed = false;
        client.close([&closed]() { closed = true; });
        QTRY_VERIFY(closed);
        QCOMPARE(server.requests().last().method, QByteArray("DELETE"));
        QCOMPARE(server.requests().last().header("mcp-session-id"), QByteArray("session-1"));
        QCOMPARE(client.state(), McpHttpClient::State::Idle);
    }
};

QTEST_GUILESS_MAIN(TestMcpHttpClient)
#include "tst_mcphttpclient.moc"
