#pragma once

#include "core/result.h"
#include "protocol/loglevel.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class McpSession;
class ReplyChannel;
class ToolResult;

// Who made a request: for audit records, per-client behaviour and capability checks.
struct CallOrigin
{
    QString clientName;
    QString clientVersion;
    QString sessionId;
    QString transport; // "stdio", "http", "desktop", "remote"
    QString protocolVersion;
    QJsonObject clientCapabilities;
};

// One in-flight request. Handlers answer it exactly once with reply() or replyError(), possibly
// later (after network I/O). Deleting the call (it deletes itself after finishing) also deletes
// every child QObject, so work parented to the call, or callbacks bound to it as context, end
// with it: that is how cancellation reaches in-flight work.
class McpCall : public QObject
{
    Q_OBJECT
public:
    enum class Outcome
    {
        Pending,
        Ok,
        ToolError, // tools/call answered with isError
        InvalidInput, // arguments failed the input schema
        ProtocolError, // a JSON-RPC error
        Cancelled
    };

    McpCall(QString method, QJsonObject params, QJsonValue id, CallOrigin origin,
        std::shared_ptr<ReplyChannel> channel, McpSession* session = nullptr, QObject* parent = nullptr);
    ~McpCall() override;

    const QString& method() const { return m_method; }
    const QJsonObject& params() const { return m_params; }
    const QJsonValue& id() const { return m_id; }
    const CallOrigin& origin() const { return m_origin; }
    McpSession* session() const;
    QJsonValue progressToken() const;
    qint64 elapsedMs() const { return m_timer.elapsed(); }
    Outcome outcome() const { return m_outcome; }
    QString errorCode() const { return m_errorCode; }

    // Progress must strictly increase; returns false when the client gave no progress token or the
    // value does not increase.
    bool sendProgress(
        double progress, std::optional<double> total = std::nullopt, const QString& message = {});
    // A notifications/message related to this request, sent when `level` passes the session's level.
    void sendLog(LogLevel level, const QString& logger, const QJsonValue& data);
    // A server->client request related to this call (sampling, elicitation). Fails with a clear
    // error when the client did not declare the capability or cannot receive requests.
    void sendRequest(const QString& method, const QJsonObject& params,
        std::function<void(Result<QJsonObject>)> done, const QString& requiredCapability = {});

    void reply(const QJsonObject& result);
    void replyTool(const ToolResult& result);
    void replyError(int code, const QString& message, const QJsonValue& data = {});
    void markInvalidInput() { m_invalidInput = true; }

    // Called by the server when notifications/cancelled names this request.
    void cancel(const QString& reason = {});
    bool isCancelled() const { return m_outcome == Outcome::Cancelled; }
    bool isFinished() const { return m_outcome != Outcome::Pending; }

    // Lets a registry post-process a result before it is sent (output validation).
    void setResultFilter(std::function<QJsonObject(const QJsonObject&)> filter)
    {
        m_filter = std::move(filter);
    }

Q_SIGNALS:
    void cancelled();
    void finished();

private:
    void finish(Outcome outcome);

    QString m_method;
    QJsonObject m_params;
    QJsonValue m_id;
    CallOrigin m_origin;
    std::shared_ptr<ReplyChannel> m_channel;
    QPointer<McpSession> m_session;
    QElapsedTimer m_timer;
    Outcome m_outcome = Outcome::Pending;
    QString m_errorCode;
    double m_lastProgress = -1;
    bool m_hasProgress = false;
    bool m_invalidInput = false;
    std::function<QJsonObject(const QJsonObject&)> m_filter;
    QList<QJsonValue> m_outboundIds; // requests this call sent to the client
};
