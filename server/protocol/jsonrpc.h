#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// JSON-RPC 2.0 as MCP uses it: one message per line or per POST body, ids are strings or integers.
namespace JsonRpc
{

enum ErrorCode : int
{
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    // MCP (legacy era): resource not found.
    ResourceNotFound = -32002,
    // MCP 2026-07-28 reserved codes.
    HeaderMismatch = -32020,
    MissingRequiredClientCapability = -32021,
    UnsupportedProtocolVersion = -32022,
};

struct Message
{
    enum class Kind
    {
        Request,
        Notification,
        Response,
        ErrorResponse
    };
    Kind kind = Kind::Request;
    QJsonValue id; // string or integer (double-backed); Undefined for notifications
    QString method;
    QJsonObject params;
    QJsonValue result;
    QJsonObject error;

    bool isRequest() const { return kind == Kind::Request; }
    bool isNotification() const { return kind == Kind::Notification; }
    bool isResponse() const { return kind == Kind::Response || kind == Kind::ErrorResponse; }
};

struct Parsed
{
    bool ok = false;
    Message message;
    QJsonObject errorResponse; // set when !ok: the JSON-RPC error to send back (id null or the request's id)
};

// Parses one serialized message. Batches (JSON arrays) are refused with a clear error: MCP removed
// batching in 2025-06-18 and no supported client sends them.
Parsed parse(const QByteArray& bytes);
Parsed fromJson(const QJsonObject& object);

QJsonObject makeResult(const QJsonValue& id, const QJsonObject& result);
QJsonObject makeError(const QJsonValue& id, int code, const QString& message, const QJsonValue& data = {});
QJsonObject makeNotification(const QString& method, const QJsonObject& params = {});
QJsonObject makeRequest(const QJsonValue& id, const QString& method, const QJsonObject& params = {});

// Compact serialization, no trailing newline.
QByteArray serialize(const QJsonObject& message);

// A stable key for an id (so "1" and 1 stay distinct): "s:1" or "n:1".
QString idKey(const QJsonValue& id);

bool isValidId(const QJsonValue& id);

} // namespace JsonRpc
