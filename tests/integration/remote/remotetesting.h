#pragma once

#include "backend/backend.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>

// Synchronous-looking helpers over the asynchronous Backend calls: each waits (processing events)
// for the answer, never for a fixed time.
namespace RemoteTesting
{

ToolOutcome callTool(Backend& backend, const QString& name, const QJsonObject& arguments = {},
    std::function<void(double, double, const QString&)> onProgress = {}, int timeoutMs = 20000);
Result<QJsonArray> listTools(Backend& backend, int timeoutMs = 20000);
QStringList toolNames(const QJsonArray& tools);

// Requests running in the `finagent serve` behind `backend`, from its health_check (which counts
// itself); -1 when health_check failed.
int remoteRequestsInFlight(Backend& backend);

} // namespace RemoteTesting
