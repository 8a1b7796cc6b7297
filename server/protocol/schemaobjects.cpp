#include "protocol/schemaobjects.h"

#include "protocol/schemadescription.h"
#include "protocol/schemaevaluator.h"
#include "protocol/schemamessages.h"
#include "protocol/schemasuggestions.h"

#include <QVarLengthArray>

#include <algorithm>

namespace Schema
{

namespace
{

using Positions = QVarLengthArray<qsizetype, 32>;

void reportMissing(Context& ctx, const QString& name, const Node* propertySchema, const QString& because = {})
{
    PathGuard guard(ctx, name);
    QString text = QLatin1String("missing required property ") % quoted(fieldOf(ctx), 1000);
    if (propertySchema) {
        const QString expected = describeSchema(propertySchema->source, ctx.root, 0);
        if (expected != QLatin1String("any value"))
            text += QLatin1String(" (expected ") % expected % QLatin1Char(')');
    }
    text += because;
    report(ctx, text);
}

void reportUnexpected(Context& ctx, const QString& key, const Node& n, const Positions& positions)
{
    PathGuard guard(ctx, key);
    QString text = QLatin1String("unexpected property ") % quoted(fieldOf(ctx), 1000);
    if (n.properties.empty()) {
        text += QLatin1String(" (this object takes no properties)");
    } else {
        QStringList allowed;
        QStringList absent;
        for (size_t i = 0; i < n.properties.size(); ++i) {
            allowed << n.properties[i].name;
            if (positions[static_cast<qsizetype>(i)] < 0)
                absent << n.properties[i].name;
        }
        text += QLatin1String(" (allowed: ") % allowed.join(QLatin1String(", ")) % QLatin1Char(')');
        const QString suggestion = closestMatch(key, absent);
        if (!suggestion.isEmpty())
            text += QLatin1String("; did you mean ") % quoted(suggestion) % QLatin1String("?");
    }
    report(ctx, text);
}

bool isRequired(const Node& n, const QString& name)
{
    const auto index = n.propertyIndex.constFind(name);
    if (index != n.propertyIndex.constEnd())
        return n.properties[static_cast<size_t>(index.value())].required;
    return n.requiredUndeclared.contains(name);
}

// Each missing name once, and not again when "required" already reported it.
bool validateDependentRequired(const QJsonObject& object, const Node& n, Context& ctx)
{
    bool ok = true;
    QStringList reported;
    for (const auto& [trigger, names] : n.dependentRequired) {
        if (!object.contains(trigger))
            continue;
        for (const QString& name : names) {
            if (object.contains(name) || isRequired(n, name) || reported.contains(name))
                continue;
            if (!ctx.out)
                return false;
            ok = false;
            reported << name;
            const auto index = n.propertyIndex.constFind(name);
            const Node* schema = index != n.propertyIndex.constEnd()
                ? n.properties[static_cast<size_t>(index.value())].schema
                : nullptr;
            QString because;
            {
                PathGuard guard(ctx, trigger);
                because =
                    QLatin1String(" because ") % quoted(fieldOf(ctx), 1000) % QLatin1String(" is present");
            }
            reportMissing(ctx, name, schema, because);
        }
    }
    return ok;
}

} // namespace

bool validateObject(const QJsonObject& object, const Node& n, Context& ctx)
{
    bool ok = true;
    // One pass over the instance: where each declared property is, and which properties are extra.
    const qsizetype declared = static_cast<qsizetype>(n.properties.size());
    Positions positions(declared);
    std::fill(positions.begin(), positions.end(), qsizetype(-1));
    QVarLengthArray<qsizetype, 8> extras;
    if (declared > 0 || n.additional != Node::Additional::Allowed) {
        qsizetype position = 0;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it, ++position) {
            const auto index = n.propertyIndex.constFind(it.key());
            if (index != n.propertyIndex.constEnd())
                positions[index.value()] = position;
            else
                extras.append(position);
        }
    }

    for (qsizetype i = 0; i < declared; ++i) {
        const PropertyRule& rule = n.properties[static_cast<size_t>(i)];
        if (positions[i] >= 0) {
            PathGuard guard(ctx, rule.name);
            if (!validateNode((object.constBegin() + positions[i]).value(), *rule.schema, ctx)) {
                if (!ctx.out)
                    return false;
                ok = false;
            }
        } else if (rule.required) {
            if (!ctx.out)
                return false;
            ok = false;
            reportMissing(ctx, rule.name, rule.schema);
        }
    }
    for (const QString& name : n.requiredUndeclared) {
        if (object.contains(name))
            continue;
        if (!ctx.out)
            return false;
        ok = false;
        reportMissing(ctx, name, nullptr);
    }
    if (!n.dependentRequired.empty() && !validateDependentRequired(object, n, ctx)) {
        if (!ctx.out)
            return false;
        ok = false;
    }

    if (n.additional == Node::Additional::Allowed)
        return ok;
    for (const qsizetype position : extras) {
        const auto it = object.constBegin() + position;
        const QString key = it.key();
        if (n.additional == Node::Additional::Schema) {
            PathGuard guard(ctx, key);
            if (validateNode(it.value(), *n.additionalSchema, ctx))
                continue;
        } else if (ctx.out) {
            reportUnexpected(ctx, key, n, positions);
        }
        if (!ctx.out)
            return false;
        ok = false;
    }
    return ok;
}

} // namespace Schema
