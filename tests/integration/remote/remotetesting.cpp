#include "remotetesting.h"

#include <QRegularExpression>
#include <QTest>

#include <optional>

namespace RemoteTesting
{

ToolOutcome callTool(Backend& backend, const QString& name, const QJsonObject& arguments,
    std::function<void(double, double, const QString&)> onProgress, int timeoutMs)
{
    QObject ctx; // going out of scope cancels a call still running
    std::optional<ToolOutcome> out;
    backend.callTool(
        name, arguments, &ctx, [&out](ToolOutcome o) { out = std::move(o); }, std::move(onProgress));
    if (!QTest::qWaitFor([&out]() { return out.has_value(); }, timeoutMs)) {
        ToolOutcome timedOut;
        timedOut.error =
            Error(QStringLiteral("test_timeout"), QStringLiteral("%1 did not answer in time").arg(name));
        return timedOut;
    }
    return *out;
}

Result<QJsonArray> listTools(Backend& backend, int timeoutMs)
{
    QObject ctx;
    std::optional<Result<QJsonArray>> out;
    backend.listTools(&ctx, [&out](Result<QJsonArray> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&out]() { return out.has_value(); }, timeoutMs))
        return Error(QStringLiteral("test_timeout"), QStringLiteral("tools/list did not answer in time"));
    return *out;
}

QStringList toolNames(const QJsonArray& tools)
{
    QStringList names;
    for (const QJsonValue& t : tools)
        names << t.toObject().value(QStringLiteral("name")).toString();
    return names;
}

int remoteRequestsInFlight(Backend& backend)
{
    const ToolOutcome health = callTool(backend, QStringLiteral("health_check"));
    if (!health.ok)
        return -1;
    static const QRegularExpression inFlight(QStringLiteral("(\\d+) request\\(s\\) in flight"));
    for (const QJsonValue& s : health.structured.value(QStringLiteral("subsystems")).toArray()) {
        const QJsonObject subsystem = s.toObject();
        if (subsystem.value(QStringLiteral("name")).toString() != QLatin1String("mcp"))
            continue;
        const auto m = inFlight.match(subsystem.value(QStringLiteral("detail")).toString());
        if (m.hasMatch())
            return m.captured(1).toInt();
    }
    return -1;
}

} // namespace RemoteTesting
