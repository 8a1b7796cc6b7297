#include "backend/backend.h"

#include "core/buildinfo.h"
#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"
#include "protocol/protocolversion.h"
#include "protocol/replychannel.h"

#include <QJsonDocument>
#include <QPointer>

void Backend::request(const QString& method,
                      const QJsonObject& params,
                      QObject* ctx,
                      std::function<void(Result<QJsonObject>)> done,
                      std::function<void(const QJsonObject&)> onNotification)
{
    QPointer<QObject> context(ctx);
    auto channel = std::make_shared<CallbackReplyChannel>(
        [context, onNotification](const QJsonObject& m) {
            if (context && onNotification)
                onNotification(m);
        },
        [context, done](const QJsonObject& response) {
            if (!context)
                return;
            if (response.contains(QStringLiteral("error"))) {
                const QJsonObject e = response.value(QStringLiteral("error")).toObject();
                done(Error(QStringLiteral("rpc_%1").arg(e.value(QStringLiteral("code")).toInt()),
                           e.value(QStringLiteral("message")).toString(),
                           e));
            } else {
                done(response.value(QStringLiteral("result")).toObject());
            }
        });
    CallOrigin origin;
    origin.clientName = clientName();
    origin.clientVersion = QStringLiteral(FINAGENT_VERSION);
    origin.transport = QStringLiteral("desktop");
    origin.protocolVersion = ProtocolVersion::latest();
    static qint64 nextId = 1;
    auto* call = new McpCall(method, params, QJsonValue(double(nextId++)), origin, channel);
    connect(call, &McpCall::finished, call, &QObject::deleteLater);
    if (ctx) {
        // The caller going away cancels the request (and with it the work behind it).
        connect(ctx, &QObject::destroyed, call, [call]() { call->cancel(QStringLiteral("caller went away")); });
    }
    handle(call);
}

void Backend::callTool(const QString& name,
                       const QJsonObject& arguments,
                       QObject* ctx,
                       std::function<void(ToolOutcome)> done,
                       std::function<void(double, double, const QString&)> onProgress)
{
    QJsonObject params{{QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}};
    if (onProgress)
        params.insert(QStringLiteral("_meta"), QJsonObject{{QStringLiteral("progressToken"), name}});
    request(
        QStringLiteral("tools/call"),
        params,
        ctx,
        [done](Result<QJsonObject> r) {
            ToolOutcome out;
            if (!r) {
                out.error = r.error();
                done(out);
                return;
            }
            out.raw = r.value();
            QStringList texts;
            for (const QJsonValue& c : out.raw.value(QStringLiteral("content")).toArray()) {
                const QJsonObject block = c.toObject();
                if (block.value(QStringLiteral("type")).toString() == QLatin1String("text"))
                    texts << block.value(QStringLiteral("text")).toString();
            }
            out.text = texts.join(QLatin1Char('\n'));
            if (out.raw.value(QStringLiteral("isError")).toBool()) {
                QString code = QStringLiteral("tool_error");
                QString message = texts.value(0);
                // ToolResult::failure appends " [code]".
                const qsizetype open = message.lastIndexOf(QLatin1String(" ["));
                if (open > 0 && message.endsWith(QLatin1Char(']'))) {
                    code = message.mid(open + 2, message.size() - open - 3);
                    message = message.left(open);
                }
                out.error = Error(code, message);
            } else {
                out.ok = true;
                out.structured = out.raw.value(QStringLiteral("structuredContent")).toObject();
            }
            done(out);
        },
        [onProgress](const QJsonObject& n) {
            if (onProgress && n.value(QStringLiteral("method")).toString() == QLatin1String("notifications/progress")) {
                const QJsonObject p = n.value(QStringLiteral("params")).toObject();
                onProgress(p.value(QStringLiteral("progress")).toDouble(),
                           p.value(QStringLiteral("total")).toDouble(),
                           p.value(QStringLiteral("message")).toString());
            }
        });
}

void Backend::readResource(const QString& uri, QObject* ctx, std::function<void(Result<QJsonObject>)> done)
{
    request(QStringLiteral("resources/read"), QJsonObject{{QStringLiteral("uri"), uri}}, ctx, std::move(done));
}

void Backend::readJsonResource(const QString& uri, QObject* ctx, std::function<void(Result<QJsonObject>)> done)
{
    readResource(uri, ctx, [done, uri](Result<QJsonObject> r) {
        if (!r) {
            done(r.error());
            return;
        }
        const QJsonArray contents = r.value().value(QStringLiteral("contents")).toArray();
        const QString text = contents.first().toObject().value(QStringLiteral("text")).toString();
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            done(Error(QStringLiteral("bad_resource"), QStringLiteral("%1 did not contain a JSON object").arg(uri)));
            return;
        }
        done(doc.object());
    });
}

void Backend::listTools(QObject* ctx, std::function<void(Result<QJsonArray>)> done)
{
    request(QStringLiteral("tools/list"), {}, ctx, [done](Result<QJsonObject> r) {
        if (!r)
            done(r.error());
        else
            done(r.value().value(QStringLiteral("tools")).toArray());
    });
}

void Backend::recentToolCalls(qint64, int, QObject* ctx, std::function<void(Result<QJsonArray>)> done)
{
    QPointer<QObject> context(ctx);
    QMetaObject::invokeMethod(
        this,
        [context, done]() {
            if (context)
                done(QJsonArray());
        },
        Qt::QueuedConnection);
}
