#include "protocol/schemacontext.h"

#include "protocol/schemamessages.h"

namespace Schema
{

namespace
{

bool isPlainName(const QString& key)
{
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')
                || c == QLatin1Char('$')))
            return false;
    }
    return true;
}

} // namespace

QString pointerOf(const Context& ctx)
{
    QString p;
    for (const Segment& s : ctx.path) {
        p += QLatin1Char('/');
        if (s.index >= 0) {
            p += QString::number(s.index);
        } else {
            QString key = *s.key;
            key.replace(QLatin1Char('~'), QLatin1String("~0"));
            key.replace(QLatin1Char('/'), QLatin1String("~1"));
            p += key;
        }
    }
    return p;
}

QString fieldOf(const Context& ctx)
{
    if (ctx.path.isEmpty())
        return QStringLiteral("value");
    // A path that starts at an array index reads "value[2]".
    QString f = ctx.path.first().index >= 0 ? QStringLiteral("value") : QString();
    for (const Segment& s : ctx.path) {
        if (s.index >= 0) {
            f += QLatin1Char('[') % QString::number(s.index) % QLatin1Char(']');
        } else if (isPlainName(*s.key)) {
            if (!f.isEmpty())
                f += QLatin1Char('.');
            f += *s.key;
        } else {
            f += QLatin1Char('[') % quoted(*s.key, 1000) % QLatin1Char(']');
        }
    }
    return f;
}

void report(Context& ctx, const QString& message)
{
    ctx.out->append(SchemaViolation {pointerOf(ctx), message});
}

void reportField(Context& ctx, const QString& text)
{
    report(ctx, fieldOf(ctx) % QLatin1String(": ") % text);
}

} // namespace Schema
