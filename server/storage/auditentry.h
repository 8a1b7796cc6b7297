#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// One tool call, as the audit log keeps it: who, when, how long, how it ended. It never holds
// the call's arguments or results, which could contain secrets.
struct AuditEntry
{
    qint64 id = 0; // assigned by append()
    qint64 at = 0; // ms since epoch
    QString tool;
    QString client; // MCP client name, or "desktop"
    std::optional<QString> sessionId;
    QString transport = QStringLiteral("stdio"); // stdio | http | desktop | remote
    qint64 processId = 0;
    int durationMs = 0;
    QString outcome = QStringLiteral("ok"); // ok | error | invalid | cancelled
    std::optional<QString> errorCode;
};
