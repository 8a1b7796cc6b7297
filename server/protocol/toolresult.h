#pragma once

#include "core/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// A tools/call result. Successful results carry structuredContent matching the tool's
// outputSchema plus the same JSON as a text block; failures of the world are isError results with
// a sentence that tells the assistant what to do next.
class ToolResult
{
public:
    static ToolResult structured(const QJsonObject& data);
    static ToolResult failure(const Error& error);
    static ToolResult failure(const QString& code, const QString& message, const QJsonObject& details = {});
    static ToolResult fromContent(const QJsonArray& content, bool isError = false);

    bool isError() const { return m_isError; }
    const QJsonObject& structuredContent() const { return m_structured; }
    const QString& errorCode() const { return m_errorCode; }
    QJsonObject toJson() const;

private:
    QJsonArray m_content;
    QJsonObject m_structured;
    bool m_hasStructured = false;
    bool m_isError = false;
    QString m_errorCode;
};
