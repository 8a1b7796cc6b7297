#pragma once

#include <QHash>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

// RFC 6570 level-1 URI templates ("payment://invoice/{id}"), enough for MCP resource templates:
// each {name} matches one path segment.
class UriTemplate
{
public:
    explicit UriTemplate(const QString& pattern = {});

    const QString& pattern() const { return m_pattern; }
    const QStringList& variables() const { return m_variables; }
    bool isValid() const { return m_regex.isValid() && !m_pattern.isEmpty(); }

    std::optional<QHash<QString, QString>> match(const QString& uri) const;
    QString expand(const QHash<QString, QString>& values) const;

private:
    QString m_pattern;
    QStringList m_variables;
    QRegularExpression m_regex;
};
