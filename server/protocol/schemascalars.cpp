#include "protocol/schemascalars.h"

#include "protocol/schemamessages.h"

namespace Schema
{

qsizetype codePointCount(const QString& s)
{
    qsizetype n = s.size();
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (s.at(i).isHighSurrogate() && s.at(i + 1).isLowSurrogate()) {
            --n;
            ++i;
        }
    }
    return n;
}

bool validateString(const QString& str, const Node& n, Context& ctx)
{
    bool ok = true;
    if (n.hasMinLength || n.hasMaxLength) {
        const qsizetype count = codePointCount(str);
        if ((n.hasMinLength && count < n.minLength) || (n.hasMaxLength && count > n.maxLength)) {
            if (!ctx.out)
                return false;
            ok = false;
            QString got = quoted(str);
            if (count > 0)
                got += QLatin1String(" (") % plural(count, "character", "characters") % QLatin1Char(')');
            reportField(ctx,
                QLatin1String("expected a string of ")
                    % countPhrase(
                        n.hasMinLength, n.minLength, n.hasMaxLength, n.maxLength, "character", "characters")
                    % QLatin1String(", got ") % got);
        }
    }
    if (n.hasPattern) {
        if (!n.pattern.isValid()) {
            if (!ctx.out)
                return false;
            ok = false;
            reportField(ctx,
                QLatin1String("schema error: pattern ") % quoted(n.patternText, 80)
                    % QLatin1String(" is not a valid regular expression (") % n.pattern.errorString()
                    % QLatin1Char(')'));
        } else if (!n.pattern.match(str).hasMatch()) {
            if (!ctx.out)
                return false;
            ok = false;
            reportField(ctx,
                QLatin1String("must match the pattern ") % n.patternText % examplePhrase(n.object)
                    % QLatin1String(", got ") % quoted(str));
        }
    }
    return ok;
}

bool validateNumber(const QJsonValue& instance, const Node& n, Context& ctx)
{
    const double d = instance.toDouble();
    const bool bad = (n.hasMinimum && d < n.minimum) || (n.hasMaximum && d > n.maximum)
        || (n.hasExclusiveMinimum && d <= n.exclusiveMinimum)
        || (n.hasExclusiveMaximum && d >= n.exclusiveMaximum);
    if (!bad)
        return true;
    if (ctx.out)
        reportField(ctx,
            QLatin1String("must be ") % rangePhrase(n.object) % QLatin1String(", got ") % render(instance));
    return false;
}

} // namespace Schema
