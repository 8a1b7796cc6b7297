#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class McpHttpClient;
class McpReplyReader;

// One request to a remote MCP server, from the moment it is asked for until its answer. It waits
// while the client (re)connects, is sent, may be replayed once on a new session, and ends exactly
// once with finished(). It deletes itself after finished(); hold it in a QPointer.
class McpClientRequest : public QObject
{
    Q_OBJECT
public:
    ~McpClientRequest() override;

    const QString& method() const { return m_method; }
    const QJsonObject& params() const { return m_params; }
    // The id it was sent with (changes when replayed); null before it was sent.
    const QJsonValue& id() const { return m_id; }
    // Our progress token upstream, when progress was asked for.
    const QString& progressToken() const { return m_progressToken; }
    bool isFinished() const { return m_result.has_value(); }
    // The result object, or an Error: a JSON-RPC error from the remote has code "rpc_<code>" and the
    // error object as details; transport failures use the RemoteFailure codes.
    Result<QJsonObject> result() const;

    // Ends the request now. If it was sent, the remote hears notifications/cancelled.
    void cancel(const QString& reason = {});

Q_SIGNALS:
    // notifications/progress and notifications/message related to this request.
    void notification(const QJsonObject& message);
    // A request from the server related to this one (sampling, elicitation); answer it with
    // McpHttpClient::respond / respondError using its id.
    void serverRequest(const QJsonObject& message);
    void finished();

private:
    friend class McpHttpClient;
    McpClientRequest(
        McpHttpClient* client, QString method, QJsonObject params, int timeoutMs, bool withProgress);

    void finish(Result<QJsonObject> result);

    McpHttpClient* m_client;
    QString m_method;
    QJsonObject m_params;
    QJsonValue m_id;
    QString m_progressToken;
    bool m_withProgress;
    int m_timeoutMs;
    QTimer m_timer;
    QPointer<McpReplyReader> m_reader;
    int m_generation = 0; // the session it was sent on
    bool m_sentWithSession = false;
    bool m_replayed = false;
    bool m_answered = false;
    std::optional<Result<QJsonObject>> m_result;
};
