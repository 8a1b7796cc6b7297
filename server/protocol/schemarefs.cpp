#include "protocol/schemarefs.h"

#include "protocol/schemamessages.h"
#include "protocol/schemavocabulary.h"

#include <QByteArray>
#include <QJsonArray>
#include <QStringList>

namespace Schema
{

namespace
{

// Bounds the search for an anchor in absurdly deep documents.
constexpr int kMaxAnchorDepth = 128;

QJsonValue findAnchor(const QJsonValue& schema, const QString& name, int depth);

QJsonValue findAnchorIn(const QJsonArray& schemas, const QString& name, int depth)
{
    for (const QJsonValue& s : schemas) {
        const QJsonValue found = findAnchor(s, name, depth + 1);
        if (!found.isUndefined())
            return found;
    }
    return QJsonValue(QJsonValue::Undefined);
}

// Walks only the places where a subschema can stand, so an "$anchor" inside "const", "default" or
// "examples" data is not taken for one.
QJsonValue findAnchor(const QJsonValue& schema, const QString& name, int depth)
{
    if (!schema.isObject() || depth > kMaxAnchorDepth)
        return QJsonValue(QJsonValue::Undefined);
    const QJsonObject s = schema.toObject();
    const QJsonValue own = s.value(kw::anchor);
    if (own.isString() && own.toString() == name)
        return schema;
    for (const QLatin1String k : {kw::defs, kw::properties}) {
        const QJsonObject map = s.value(k).toObject();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            const QJsonValue found = findAnchor(it.value(), name, depth + 1);
            if (!found.isUndefined())
                return found;
        }
    }
    for (const QLatin1String k : {kw::items, kw::additionalProperties, kw::notKeyword, kw::ifKeyword,
             kw::thenKeyword, kw::elseKeyword}) {
        const QJsonValue found = findAnchor(s.value(k), name, depth + 1);
        if (!found.isUndefined())
            return found;
    }
    for (const QLatin1String k : {kw::allOf, kw::anyOf, kw::oneOf, kw::prefixItems}) {
        const QJsonValue found = findAnchorIn(s.value(k).toArray(), name, depth);
        if (!found.isUndefined())
            return found;
    }
    return QJsonValue(QJsonValue::Undefined);
}

QJsonValue resolvePointer(const QString& ref, const QJsonObject& root)
{
    QJsonValue current = root;
    const QStringList tokens = ref.mid(2).split(QLatin1Char('/'));
    for (const QString& raw : tokens) {
        const QString token = unescapePointerToken(raw);
        if (current.isObject()) {
            current = current.toObject().value(token);
        } else if (current.isArray()) {
            bool ok = false;
            const qsizetype index = token.toLongLong(&ok);
            const QJsonArray array = current.toArray();
            current = ok && index >= 0 && index < array.size() ? array.at(index)
                                                               : QJsonValue(QJsonValue::Undefined);
        } else {
            current = QJsonValue(QJsonValue::Undefined);
        }
        if (current.isUndefined())
            break;
    }
    return current;
}

} // namespace

QString unescapePointerToken(QString token)
{
    if (token.contains(QLatin1Char('%')))
        token = QString::fromUtf8(QByteArray::fromPercentEncoding(token.toUtf8()));
    token.replace(QLatin1String("~1"), QLatin1String("/"));
    token.replace(QLatin1String("~0"), QLatin1String("~"));
    return token;
}

QString escapePointerToken(QString token)
{
    token.replace(QLatin1Char('~'), QLatin1String("~0"));
    token.replace(QLatin1Char('/'), QLatin1String("~1"));
    return token;
}

bool isAnchorName(const QString& name)
{
    if (name.isEmpty())
        return false;
    const auto isAsciiLetter = [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
    };
    if (!isAsciiLetter(name.front()) && name.front() != QLatin1Char('_'))
        return false;
    for (const QChar c : name) {
        if (!(isAsciiLetter(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-')
                || c == QLatin1Char('_') || c == QLatin1Char('.')))
            return false;
    }
    return true;
}

QJsonValue resolveRef(const QString& ref, const QJsonObject& root, QString* error)
{
    if (!ref.startsWith(QLatin1Char('#'))) {
        *error = QLatin1String("schema error: $ref ") % quoted(ref, 80)
            % QLatin1String(" is not a local reference; only references inside the same schema, such as "
                            "\"#/$defs/name\", are supported (nothing is fetched)");
        return QJsonValue(QJsonValue::Undefined);
    }
    QJsonValue current = root;
    if (ref.size() > 1 && ref.at(1) == QLatin1Char('/')) {
        current = resolvePointer(ref, root);
    } else if (ref.size() > 1) {
        const QString name = unescapePointerToken(ref.mid(1));
        if (!isAnchorName(name)) {
            *error = QLatin1String("schema error: $ref ") % quoted(ref, 80)
                % QLatin1String(" is neither a JSON pointer nor an anchor name; write it as "
                                "\"#/$defs/name\" or \"#anchorName\"");
            return QJsonValue(QJsonValue::Undefined);
        }
        current = findAnchor(root, name, 0);
        if (current.isUndefined()) {
            *error = QLatin1String("schema error: $ref ") % quoted(ref, 80)
                % QLatin1String(
                    " names an anchor that no \"$anchor\" in this schema defines; add \"$anchor\": ")
                % quoted(name, 80) % QLatin1String(" to the schema it should point to");
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    if (!current.isObject() && !current.isBool()) {
        *error = QLatin1String("schema error: $ref ") % quoted(ref, 80)
            % QLatin1String(" does not point to a schema in this document; define it under \"$defs\"");
        return QJsonValue(QJsonValue::Undefined);
    }
    return current;
}

} // namespace Schema
