#include "protocol/schemaevaluator.h"

#include "protocol/schemaarrays.h"
#include "protocol/schemacombinators.h"
#include "protocol/schemadescription.h"
#include "protocol/schemamessages.h"
#include "protocol/schemaobjects.h"
#include "protocol/schemascalars.h"
#include "protocol/schematypes.h"

#include <algorithm>

namespace Schema
{

namespace
{

bool isEnumMember(const QJsonValue& instance, unsigned kind, const Node& n)
{
    if (kind == KString)
        return n.enumStrings.contains(instance.toString());
    return std::any_of(n.enumValues.begin(), n.enumValues.end(),
        [&instance](const QJsonValue& v) { return jsonEquals(instance, v); });
}

// type, const and enum; false after reporting the one message that fits best.
bool validateValueKeywords(const QJsonValue& instance, unsigned kind, const Node& n, Context& ctx)
{
    if (n.typeMask != 0 && (n.typeMask & kind) == 0) {
        if (ctx.out) {
            // With an enum or const, the list of accepted values says more than the type does.
            if (n.hasConst) {
                reportField(ctx,
                    QLatin1String("must be exactly ") % render(n.constValue) % QLatin1String("; got ")
                        % render(instance));
            } else if (n.hasEnum) {
                reportField(ctx, enumMessage(n.enumValues, instance));
            } else {
                reportField(ctx,
                    QLatin1String("expected ") % describeMask(n.typeMask, n.object) % QLatin1String(", got ")
                        % render(instance));
            }
        }
        return false;
    }
    if (n.hasConst && !jsonEquals(instance, n.constValue)) {
        if (ctx.out) {
            reportField(ctx,
                QLatin1String("must be exactly ") % render(n.constValue) % QLatin1String("; got ")
                    % render(instance));
        }
        return false;
    }
    if (n.hasEnum && !isEnumMember(instance, kind, n)) {
        if (ctx.out)
            reportField(ctx, enumMessage(n.enumValues, instance));
        return false;
    }
    return true;
}

bool validateKind(const QJsonValue& instance, unsigned kind, const Node& n, Context& ctx)
{
    switch (kind) {
    case KString:
        return !n.checksStrings || validateString(instance.toString(), n, ctx);
    case KInteger:
    case KFraction:
        return !n.checksNumbers || validateNumber(instance, n, ctx);
    case KArray:
        return !n.checksArrays || validateArray(instance.toArray(), n, ctx);
    case KObject:
        return !n.checksObjects || validateObject(instance.toObject(), n, ctx);
    default:
        return true;
    }
}

} // namespace

bool matches(const QJsonValue& instance, const Node& n, Context& ctx)
{
    QList<SchemaViolation>* saved = ctx.out;
    ctx.out = nullptr;
    const bool ok = validateNode(instance, n, ctx);
    ctx.out = saved;
    return ok;
}

bool validateNode(const QJsonValue& instance, const Node& n, Context& ctx)
{
    if (n.rejectsAll) {
        if (ctx.out)
            reportField(ctx, QLatin1String("no value is allowed here, got ") % render(instance));
        return false;
    }
    if (n.tooDeep || ctx.depth >= kMaxDepth) {
        if (ctx.out) {
            reportField(ctx,
                QLatin1String("nested too deeply to validate (more than ") % QString::number(kMaxDepth)
                    % QLatin1String(" levels, or a $ref that refers to itself)"));
        }
        return false;
    }
    DepthGuard depthGuard(ctx);

    const unsigned kind = kindOf(instance);
    if (!validateValueKeywords(instance, kind, n, ctx))
        return false;

    bool ok = validateKind(instance, kind, n, ctx);
    if (!ok && !ctx.out)
        return false;

    if (n.hasRef) {
        if (!n.ref) {
            if (!ctx.out)
                return false;
            ok = false;
            reportField(ctx, n.refError);
        } else if (!validateNode(instance, *n.ref, ctx)) {
            if (!ctx.out)
                return false;
            ok = false;
        }
    }
    if (!n.hasCombinators)
        return ok;
    return validateCombinators(instance, n, ctx) && ok;
}

} // namespace Schema
