#pragma once

#include "protocol/mcpcall.h"
#include "protocol/tooldefinition.h"

#include <QHash>
#include <QObject>
#include <QStringList>

// One finished tools/call, for the audit log and metrics. Never holds arguments or results.
struct ToolCallRecord
{
    QString tool;
    CallOrigin origin;
    qint64 startedAtMs = 0;
    qint64 durationMs = 0;
    QString outcome; // ok | error | invalid | cancelled
    QString errorCode;
};
Q_DECLARE_METATYPE(ToolCallRecord)

class ToolRegistry : public QObject
{
    Q_OBJECT
public:
    explicit ToolRegistry(QObject* parent = nullptr);

    // Adds or replaces a tool. Its schemas are checked; a malformed schema is a programming error
    // and is reported with qCritical.
    void add(ToolDefinition definition);
    bool remove(const QString& name);
    const ToolDefinition* find(const QString& name) const;
    QStringList names() const { return m_order; }
    int size() const { return int(m_order.size()); }

    void setPageSize(int size) { m_pageSize = qMax(1, size); }
    // When on, a structuredContent that does not match the tool's outputSchema is turned into an
    // error result (tests run this way); otherwise it is logged.
    void setStrictOutput(bool strict) { m_strictOutput = strict; }

    void list(McpCall* call) const;
    void call(McpCall* call);

Q_SIGNALS:
    void changed();
    void toolCallFinished(const ToolCallRecord& record);

private:
    QHash<QString, ToolDefinition> m_tools;
    QStringList m_order;
    int m_pageSize = 100;
    bool m_strictOutput = false;
};
