#include "protocol/schemaarrays.h"

#include "protocol/schemaevaluator.h"
#include "protocol/schemamessages.h"
#include "protocol/schematypes.h"

namespace Schema
{

namespace
{

bool validateCount(qsizetype size, const Node& n, Context& ctx)
{
    if ((!n.hasMinItems || size >= n.minItems) && (!n.hasMaxItems || size <= n.maxItems))
        return true;
    if (ctx.out) {
        reportField(ctx,
            QLatin1String("expected an array with ")
                % countPhrase(n.hasMinItems, n.minItems, n.hasMaxItems, n.maxItems, "item", "items")
                % QLatin1String(", got ") % plural(size, "item", "items"));
    }
    return false;
}

// Reports the first pair of equal items only: one repeat is enough to say what is wrong.
bool validateUnique(const QJsonArray& array, Context& ctx)
{
    const qsizetype size = array.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QJsonValue a = array.at(i);
        for (qsizetype j = i + 1; j < size; ++j) {
            if (!jsonEquals(a, array.at(j)))
                continue;
            if (ctx.out) {
                const QString field = fieldOf(ctx);
                reportField(ctx,
                    QLatin1String("items must be unique, but ") % field % QLatin1Char('[')
                        % QString::number(i) % QLatin1String("] and ") % field % QLatin1Char('[')
                        % QString::number(j) % QLatin1String("] are both ") % render(a));
            }
            return false;
        }
    }
    return true;
}

// prefixItems for the leading items by position, then items for the rest.
bool validateItems(const QJsonArray& array, const Node& n, Context& ctx)
{
    bool ok = true;
    const qsizetype size = array.size();
    const qsizetype prefix = static_cast<qsizetype>(n.prefixItems.size());
    for (qsizetype i = 0; i < size; ++i) {
        const Node* itemSchema = i < prefix ? n.prefixItems[static_cast<size_t>(i)] : n.items;
        if (!itemSchema)
            break; // past prefixItems, and no "items"
        PathGuard guard(ctx, i);
        if (!validateNode(array.at(i), *itemSchema, ctx)) {
            if (!ctx.out)
                return false;
            ok = false;
        }
    }
    return ok;
}

} // namespace

bool validateArray(const QJsonArray& array, const Node& n, Context& ctx)
{
    bool ok = true;
    if (!validateCount(array.size(), n, ctx)) {
        if (!ctx.out)
            return false;
        ok = false;
    }
    if (n.uniqueItems && !validateUnique(array, ctx)) {
        if (!ctx.out)
            return false;
        ok = false;
    }
    if (n.items || !n.prefixItems.empty())
        ok = validateItems(array, n, ctx) && ok;
    return ok;
}

} // namespace Schema
