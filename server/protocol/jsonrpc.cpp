#include "protocol/jsonrpc.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace JsonRpc
{

namespace
{

const QString kJsonRpc = QStringLiteral("jsonrpc");
const QString kId = QStringLiteral("id");
const QString kMethod = QStringLiteral("method");
const QString kParams = QStringLiteral("params");
const QString kResult = QStringLiteral("result");
const QString kError = QStringLiteral("error");

Parsed failure(const QJsonValue& id, int code, const QString& message)
{
    Parsed p;
    p.ok = false;
    p.errorResponse = makeError(isValidId(id) ? id : QJsonValue(QJsonValue::Null), code, message);
    return p;
}

} // namespace

bool isValidId(const QJsonValue& id)
{
    if (id.isString())
        return true;
    if (id.isDouble()) {
        const double d = id.toDouble();
        return std::isfinite(d) && std::floor(d) == d;
    }
    return false;
}

Parsed parse(const QByteArray& bytes)
{
    QJsonParseError err {};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        return failure(QJsonValue::Null, ParseError,
            QStringLiteral("Parse error: the message is not valid JSON (%1 at offset %2)")
                .arg(err.errorString())
                .arg(err.offset));
    }
    if (doc.isArray()) {
        return failure(QJsonValue::Null, InvalidRequest,
            QStringLiteral("JSON-RPC batches are not supported (MCP removed them in 2025-06-18): "
                           "send one message at a time"));
    }
    if (!doc.isObject())
        return failure(
            QJsonValue::Null, InvalidRequest, QStringLiteral("A JSON-RPC message must be an object"));
    return fromJson(doc.object());
}

Parsed fromJson(const QJsonObject& o)
{
    const QJsonValue id = o.value(kId);
    if (o.value(kJsonRpc).toString() != QLatin1String("2.0"))
        return failure(id, InvalidRequest, QStringLiteral("Invalid request: \"jsonrpc\" must be \"2.0\""));

    Parsed p;
    Message& m = p.message;
    const bool hasMethod = o.contains(kMethod);
    if (hasMethod) {
        const QJsonValue method = o.value(kMethod);
        if (!method.isString() || method.toString().isEmpty())
            return failure(
                id, InvalidRequest, QStringLiteral("Invalid request: \"method\" must be a non-empty string"));
        m.method = method.toString();
        if (o.contains(kParams)) {
            const QJsonValue params = o.value(kParams);
            if (params.isObject())
                m.params = params.toObject();
            else if (!params.isNull())
                return failure(
                    id, InvalidParams, QStringLiteral("Invalid params: \"params\" must be an object"));
        }
        if (o.contains(kId)) {
            if (!isValidId(id))
                return failure(QJsonValue::Null, InvalidRequest,
                    QStringLiteral("Invalid request: \"id\" must be a string or an integer (not null)"));
            m.kind = Message::Kind::Request;
            m.id = id;
        } else {
            m.kind = Message::Kind::Notification;
            m.id = QJsonValue(QJsonValue::Undefined);
        }
        p.ok = true;
        return p;
    }

    if (o.contains(kResult) || o.contains(kError)) {
        // An error response may leave the id out (or carry null) when the request's id was unreadable.
        const bool idMissing = id.isNull() || id.isUndefined();
        if (!isValidId(id) && !(idMissing && o.contains(kError)))
            return failure(QJsonValue::Null, InvalidRequest, QStringLiteral("Invalid response: bad \"id\""));
        m.id = id;
        if (o.contains(kError)) {
            m.kind = Message::Kind::ErrorResponse;
            m.error = o.value(kError).toObject();
        } else {
            m.kind = Message::Kind::Response;
            m.result = o.value(kResult);
        }
        p.ok = true;
        return p;
    }
    return failure(id, InvalidRequest,
        QStringLiteral("Invalid request: a message needs \"method\" (request or notification) or "
                       "\"result\"/\"error\" (response)"));
}

QJsonObject makeResult(const QJsonValue& id, const QJsonObject& result)
{
    return QJsonObject {{kJsonRpc, QStringLiteral("2.0")}, {kId, id}, {kResult, result}};
}

QJsonObject makeError(const QJsonValue& id, int code, const QString& message, const QJsonValue& data)
{
    QJsonObject error {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!data.isUndefined() && !data.isNull())
        error.insert(QStringLiteral("data"), data);
    // MCP's schema makes the id of an error optional but never null: leave it out when the
    // request's id could not be read.
    QJsonObject o {{kJsonRpc, QStringLiteral("2.0")}, {kError, error}};
    if (isValidId(id))
        o.insert(kId, id);
    return o;
}

QJsonObject makeNotification(const QString& method, const QJsonObject& params)
{
    QJsonObject o {{kJsonRpc, QStringLiteral("2.0")}, {kMethod, method}};
    if (!params.isEmpty())
        o.insert(kParams, params);
    return o;
}

QJsonObject makeRequest(const QJsonValue& id, const QString& method, const QJsonObject& params)
{
    QJsonObject o {{kJsonRpc, QStringLiteral("2.0")}, {kId, id}, {kMethod, method}};
    if (!params.isEmpty())
        o.insert(kParams, params);
    return o;
}

QByteArray serialize(const QJsonObject& message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QString idKey(const QJsonValue& id)
{
    if (id.isString())
        return QLatin1String("s:") + id.toString();
    return QLatin1String("n:") + QString::number(id.toDouble(), 'f', 0);
}

} // namespace JsonRpc
