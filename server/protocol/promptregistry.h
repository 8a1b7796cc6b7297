#pragma once

#include "protocol/resourceregistry.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

class McpCall;

struct PromptArgument
{
    QString name;
    QString title;
    QString description;
    bool required = false;
};

struct PromptDefinition
{
    QString name;
    QString title;
    QString description;
    QList<PromptArgument> arguments;
    // Answers prompts/get with {"description", "messages":[...]}; arguments are checked first.
    std::function<void(McpCall* call, const QJsonObject& arguments)> handler;
    CompletionFn completer;
};

class PromptRegistry : public QObject
{
    Q_OBJECT
public:
    explicit PromptRegistry(QObject* parent = nullptr);

    void add(PromptDefinition definition);
    bool isEmpty() const { return m_order.isEmpty(); }
    QStringList names() const { return m_order; }

    void list(McpCall* call) const;
    void get(McpCall* call) const;
    std::optional<QStringList> complete(const QString& prompt, const QString& argument, const QString& value,
        const QJsonObject& context) const;

    // {"role":"user","content":{"type":"text","text":...}}
    static QJsonObject userText(const QString& text);

Q_SIGNALS:
    void changed();

private:
    QHash<QString, PromptDefinition> m_prompts;
    QStringList m_order;
};
