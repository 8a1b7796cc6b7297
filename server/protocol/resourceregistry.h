#pragma once

#include "protocol/uritemplate.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>
#include <optional>

class McpCall;

using CompletionFn =
    std::function<QStringList(const QString& argument, const QString& value, const QJsonObject& context)>;

struct ResourceDefinition
{
    QString uri;
    QString name;
    QString title;
    QString description;
    QString mimeType;
    // Answers resources/read with {"contents":[...]} (see ResourceRegistry::textContents).
    std::function<void(McpCall* call, const QString& uri)> reader;
};

struct ResourceTemplateDefinition
{
    QString uriTemplate;
    QString name;
    QString title;
    QString description;
    QString mimeType;
    std::function<void(McpCall* call, const QString& uri, const QHash<QString, QString>& variables)> reader;
    CompletionFn completer; // completes a template variable
};

class ResourceRegistry : public QObject
{
    Q_OBJECT
public:
    explicit ResourceRegistry(QObject* parent = nullptr);

    void addResource(ResourceDefinition definition);
    void addTemplate(ResourceTemplateDefinition definition);
    bool removeResource(const QString& uri);
    bool hasResources() const { return !m_resources.isEmpty() || !m_templates.isEmpty(); }
    // True when `uri` names a static resource or matches a template.
    bool knows(const QString& uri) const;
    void setPageSize(int size) { m_pageSize = qMax(1, size); }

    void list(McpCall* call) const;
    void listTemplates(McpCall* call) const;
    void read(McpCall* call) const;
    // Answers resources/subscribe and resources/unsubscribe (the server keeps the subscription).
    void subscribe(McpCall* call) const;
    std::optional<QStringList> complete(const QString& uriTemplate, const QString& argument,
        const QString& value, const QJsonObject& context) const;

    // {"contents":[{"uri","mimeType","text"}]}
    static QJsonObject textContents(const QString& uri, const QString& mimeType, const QString& text);
    static QJsonObject jsonContents(const QString& uri, const QJsonObject& json);

Q_SIGNALS:
    void changed();

private:
    QList<ResourceDefinition> m_resources;
    QList<std::pair<UriTemplate, ResourceTemplateDefinition>> m_templates;
    int m_pageSize = 100;
};
