#pragma once

#include "protocol/schemanode.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <deque>
#include <vector>

namespace Schema
{

// A schema document turned once into a graph of Nodes; $refs inside it resolve against root().
class CompiledSchema
{
public:
    explicit CompiledSchema(const QJsonObject& root);
    CompiledSchema(const CompiledSchema&) = delete;
    CompiledSchema& operator=(const CompiledSchema&) = delete;

    const QJsonObject& root() const { return m_root; }
    const Node* top() const { return m_top; }

    // Compiles `schema`, a part of root().
    const Node* compile(const QJsonValue& schema, int depth);

private:
    void fill(Node& n, const QJsonValue& schema, int depth);
    void compileList(const QJsonValue& list, std::vector<const Node*>* out, int depth);
    const Node* compileSchema(const QJsonValue& v, int depth);
    const Node* compileRef(const QString& ref, QString* error, int depth);
    static void resolveRequired(Node& n, const QJsonArray& required);
    static void readDependentRequired(Node& n, const QJsonObject& map);

    QJsonObject m_root;
    std::deque<Node> m_nodes; // a deque keeps node addresses stable as it grows
    QHash<QString, const Node*> m_refs;
    const Node* m_top = nullptr;
};

} // namespace Schema
