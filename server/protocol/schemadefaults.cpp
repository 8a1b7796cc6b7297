#include "protocol/schemadefaults.h"

#include <QJsonObject>

namespace Schema
{

namespace
{

const QJsonValue* defaultOf(const Node* n)
{
    for (int hops = 0; hops < 8 && n; ++hops) {
        if (n->hasDefault)
            return &n->defaultValue;
        n = n->ref;
    }
    return nullptr;
}

} // namespace

bool fillDefaults(QJsonValue& value, const Node& n, int depth)
{
    if (!value.isObject() || depth > kMaxDepth)
        return false;
    bool changed = false;
    if (n.ref)
        changed |= fillDefaults(value, *n.ref, depth + 1);
    for (const Node* branch : n.allOf)
        changed |= fillDefaults(value, *branch, depth + 1);
    if (n.properties.empty())
        return changed;

    QJsonObject object = value.toObject();
    bool changedHere = false;
    for (const PropertyRule& rule : n.properties) {
        const auto found = object.constFind(rule.name);
        if (found == object.constEnd()) {
            const QJsonValue* fallback = defaultOf(rule.schema);
            if (!fallback)
                continue;
            QJsonValue fill = *fallback;
            fillDefaults(fill, *rule.schema, depth + 1);
            object.insert(rule.name, fill);
            changedHere = true;
        } else {
            QJsonValue child = found.value();
            if (fillDefaults(child, *rule.schema, depth + 1)) {
                object.insert(rule.name, child);
                changedHere = true;
            }
        }
    }
    if (changedHere)
        value = object;
    return changed || changedHere;
}

} // namespace Schema
