#include "protocol/toolresult.h"

#include <QJsonDocument>

namespace
{
QJsonObject textBlock(const QString& text)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
}
} // namespace

ToolResult ToolResult::structured(const QJsonObject& data)
{
    ToolResult r;
    r.m_structured = data;
    r.m_hasStructured = true;
    r.m_content.append(textBlock(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact))));
    return r;
}

ToolResult ToolResult::failure(const Error& error)
{
    ToolResult r;
    r.m_isError = true;
    r.m_errorCode = error.code;
    QString text = error.message;
    if (!error.code.isEmpty())
        text += QStringLiteral(" [") + error.code + QLatin1Char(']');
    r.m_content.append(textBlock(text));
    if (!error.details.isEmpty()) {
        r.m_content.append(
            textBlock(QString::fromUtf8(QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact))));
    }
    return r;
}

ToolResult ToolResult::failure(const QString& code, const QString& message, const QJsonObject& details)
{
    return failure(Error(code, message, details));
}

ToolResult ToolResult::fromContent(const QJsonArray& content, bool isError)
{
    ToolResult r;
    r.m_content = content;
    r.m_isError = isError;
    return r;
}

QJsonObject ToolResult::toJson() const
{
    QJsonObject o {{QStringLiteral("content"), m_content}};
    if (m_hasStructured)
        o.insert(QStringLiteral("structuredContent"), m_structured);
    if (m_isError)
        o.insert(QStringLiteral("isError"), true);
    return o;
}
