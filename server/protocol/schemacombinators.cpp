#include "protocol/schemacombinators.h"

#include "protocol/schemadescription.h"
#include "protocol/schemaevaluator.h"
#include "protocol/schemamessages.h"
#include "protocol/schematypes.h"
#include "protocol/schemavocabulary.h"

#include <QVarLengthArray>

#include <algorithm>
#include <vector>

namespace Schema
{

namespace
{

// The one branch whose "type" admits the instance, if exactly one does; -1 otherwise.
qsizetype onlyCompatibleBranch(const std::vector<const Node*>& branches, unsigned kind)
{
    qsizetype found = -1;
    for (size_t i = 0; i < branches.size(); ++i) {
        const unsigned mask = branches[i]->typeMask;
        if (mask == 0)
            return -1;
        if ((mask & kind) != 0) {
            if (found >= 0)
                return -1;
            found = static_cast<qsizetype>(i);
        }
    }
    return found;
}

// When only one alternative could apply to this kind of value, what was wrong with it.
QString closestFailure(const QJsonValue& instance, const std::vector<const Node*>& branches, Context& ctx)
{
    const qsizetype index = onlyCompatibleBranch(branches, kindOf(instance));
    if (index < 0)
        return {};
    QList<SchemaViolation> inner;
    QList<SchemaViolation>* saved = ctx.out;
    ctx.out = &inner;
    validateNode(instance, *branches[static_cast<size_t>(index)], ctx);
    ctx.out = saved;
    if (inner.isEmpty())
        return {};
    // The inner message names the same field; say it once.
    QString detail = inner.first().message;
    const QString prefix = fieldOf(ctx) % QLatin1String(": ");
    if (inner.first().path == pointerOf(ctx) && detail.startsWith(prefix))
        detail.remove(0, prefix.size());
    return QLatin1String("; closest form failed with: ") % detail;
}

bool validateAnyOf(const QJsonValue& instance, const Node& n, Context& ctx)
{
    const bool matched = std::any_of(
        n.anyOf.begin(), n.anyOf.end(), [&](const Node* branch) { return matches(instance, *branch, ctx); });
    if (matched)
        return true;
    if (ctx.out) {
        reportField(ctx,
            QLatin1String("must match one of the allowed forms: ")
                % describeBranches(n.object.value(kw::anyOf).toArray(), ctx.root, 0) % QLatin1String("; got ")
                % render(instance) % closestFailure(instance, n.anyOf, ctx));
    }
    return false;
}

bool validateOneOf(const QJsonValue& instance, const Node& n, Context& ctx)
{
    QVarLengthArray<size_t, 2> matched;
    for (size_t i = 0; i < n.oneOf.size() && matched.size() < 2; ++i) {
        if (matches(instance, *n.oneOf[i], ctx))
            matched.append(i);
    }
    if (matched.size() == 1)
        return true;
    if (!ctx.out)
        return false;
    if (matched.isEmpty()) {
        reportField(ctx,
            QLatin1String("must match exactly one of the allowed forms: ")
                % describeBranches(n.object.value(kw::oneOf).toArray(), ctx.root, 0) % QLatin1String("; got ")
                % render(instance) % closestFailure(instance, n.oneOf, ctx));
    } else {
        reportField(ctx,
            QLatin1String("matches more than one of the allowed forms (")
                % branchDescription(n.oneOf[matched.at(0)]->source, ctx.root, 0) % QLatin1String("; and ")
                % branchDescription(n.oneOf[matched.at(1)]->source, ctx.root, 0)
                % QLatin1String(") but must match exactly one; got ") % render(instance));
    }
    return false;
}

// "then" applies when the instance matches "if", "else" when it does not; "if" itself never fails.
// The branch reports its own violations, as an allOf branch does.
bool validateConditional(const QJsonValue& instance, const Node& n, Context& ctx)
{
    const Node* branch = matches(instance, *n.ifSchema, ctx) ? n.thenSchema : n.elseSchema;
    return !branch || validateNode(instance, *branch, ctx);
}

} // namespace

bool validateCombinators(const QJsonValue& instance, const Node& n, Context& ctx)
{
    bool ok = true;
    for (const Node* branch : n.allOf) {
        if (!validateNode(instance, *branch, ctx)) {
            if (!ctx.out)
                return false;
            ok = false;
        }
    }
    if (!n.anyOf.empty() && !validateAnyOf(instance, n, ctx)) {
        if (!ctx.out)
            return false;
        ok = false;
    }
    if (!n.oneOf.empty() && !validateOneOf(instance, n, ctx)) {
        if (!ctx.out)
            return false;
        ok = false;
    }
    if (n.notSchema && matches(instance, *n.notSchema, ctx)) {
        if (!ctx.out)
            return false;
        ok = false;
        reportField(ctx,
            QLatin1String("must not be ") % branchDescription(n.notSchema->source, ctx.root, 0)
                % QLatin1String(", got ") % render(instance));
    }
    if (n.ifSchema && !validateConditional(instance, n, ctx)) {
        if (!ctx.out)
            return false;
        ok = false;
    }
    return ok;
}

} // namespace Schema
