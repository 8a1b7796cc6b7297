#include "config/jsonconfigtext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace
{

bool isBlankChar(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct Position
{
    int line;
    int column;
};

Position positionOf(const QByteArray& text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    const qsizetype lineBegin = offset == 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    return {int(text.left(offset).count('\n')) + 1,
        int(QString::fromUtf8(text.mid(lineBegin, offset - lineBegin)).size()) + 1};
}

Error positionedError(const QString& code, const QString& what, const QByteArray& text, qsizetype offset)
{
    const Position p = positionOf(text, offset);
    return Error(code, QStringLiteral("%1 at line %2, column %3.").arg(what).arg(p.line).arg(p.column),
        QJsonObject {{QStringLiteral("line"), p.line}, {QStringLiteral("column"), p.column},
            {QStringLiteral("reason"), what}});
}

struct Blanked
{
    QByteArray clean;
    qsizetype firstComment = -1;
    qsizetype unterminatedComment = -1;
};

// Replaces comments (and, for JSONC, trailing commas) and a UTF-8 byte-order mark by spaces,
// keeping line breaks, so offsets in the result are offsets in the original text.
Blanked blanked(const QByteArray& text, bool trailingCommas)
{
    Blanked b;
    b.clean = text;
    QByteArray& c = b.clean;
    const qsizetype n = c.size();
    if (c.startsWith("\xEF\xBB\xBF"))
        c[0] = c[1] = c[2] = ' ';
    bool inString = false;
    for (qsizetype i = 0; i < n; ++i) {
        const char ch = c.at(i);
        if (inString) {
            if (ch == '\\')
                ++i;
            else if (ch == '"')
                inString = false;
            continue;
        }
        if (ch == '"') {
            inString = true;
        } else if (ch == '/' && i + 1 < n && (c.at(i + 1) == '/' || c.at(i + 1) == '*')) {
            if (b.firstComment < 0)
                b.firstComment = i;
            const bool line = c.at(i + 1) == '/';
            const qsizetype end = line ? c.indexOf('\n', i) : c.indexOf("*/", i + 2);
            if (!line && end < 0)
                b.unterminatedComment = i;
            const qsizetype stop = end < 0 ? n : (line ? end : end + 2);
            for (qsizetype j = i; j < stop; ++j) {
                if (c.at(j) != '\n' && c.at(j) != '\r')
                    c[j] = ' ';
            }
            i = stop - 1;
        }
    }
    if (!trailingCommas)
        return b;
    inString = false;
    for (qsizetype i = 0; i < n; ++i) {
        const char ch = c.at(i);
        if (inString) {
            if (ch == '\\')
                ++i;
            else if (ch == '"')
                inString = false;
            continue;
        }
        if (ch == '"') {
            inString = true;
        } else if (ch == ',') {
            qsizetype j = i + 1;
            while (j < n && isBlankChar(c.at(j)))
                ++j;
            if (j < n && (c.at(j) == '}' || c.at(j) == ']'))
                c[i] = ' ';
        }
    }
    return b;
}

bool allBlank(const QByteArray& text)
{
    return std::all_of(text.cbegin(), text.cend(), isBlankChar);
}

QByteArray scalarText(const QJsonValue& value)
{
    const QByteArray array = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QStringList orderedKeys(const QJsonObject& object, const QStringList& keyOrder)
{
    QStringList keys;
    for (const QString& k : keyOrder) {
        if (object.contains(k))
            keys << k;
    }
    for (const QString& k : object.keys()) {
        if (!keys.contains(k))
            keys << k;
    }
    return keys;
}

} // namespace

Result<JsonConfigText> JsonConfigText::parse(const QByteArray& text, Dialect dialect)
{
    JsonConfigText doc;
    doc.m_text = text;
    doc.m_dialect = dialect;
    const Blanked b = blanked(text, dialect == Dialect::Jsonc);
    if (dialect == Dialect::Json && b.firstComment >= 0)
        return positionedError(
            QStringLiteral("json_comment"), QStringLiteral("Comment"), text, b.firstComment);
    if (b.unterminatedComment >= 0)
        return positionedError(QStringLiteral("json_invalid"), QStringLiteral("Unterminated comment"), text,
            b.unterminatedComment);
    doc.m_clean = b.clean;
    if (allBlank(doc.m_clean))
        return doc;

    QJsonParseError parseError;
    const QJsonDocument parsed = QJsonDocument::fromJson(doc.m_clean, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return positionedError(
            QStringLiteral("json_invalid"), parseError.errorString(), text, parseError.offset);
    if (!parsed.isObject())
        return Error(QStringLiteral("json_not_object"), QStringLiteral("The top level is not an object."));
    doc.m_object = parsed.object();
    doc.m_root = doc.scanObject(doc.skipWhitespace(0));
    return doc;
}

qsizetype JsonConfigText::skipWhitespace(qsizetype pos) const
{
    while (pos < m_clean.size() && isBlankChar(m_clean.at(pos)))
        ++pos;
    return pos;
}

qsizetype JsonConfigText::skipString(qsizetype pos) const
{
    const qsizetype n = m_clean.size();
    for (++pos; pos < n; ++pos) {
        if (m_clean.at(pos) == '\\')
            ++pos;
        else if (m_clean.at(pos) == '"')
            return pos + 1;
    }
    return n;
}

qsizetype JsonConfigText::skipValue(qsizetype pos) const
{
    const qsizetype n = m_clean.size();
    if (pos >= n)
        return n;
    const char first = m_clean.at(pos);
    if (first == '"')
        return skipString(pos);
    if (first == '{' || first == '[') {
        int depth = 0;
        while (pos < n) {
            const char c = m_clean.at(pos);
            if (c == '"') {
                pos = skipString(pos);
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return pos + 1;
            ++pos;
        }
        return n;
    }
    while (pos < n && !isBlankChar(m_clean.at(pos)) && m_clean.at(pos) != ',' && m_clean.at(pos) != '}'
        && m_clean.at(pos) != ']')
        ++pos;
    return pos;
}

JsonConfigText::Span JsonConfigText::scanObject(qsizetype open) const
{
    // Only called on text QJsonDocument accepted, so the grammar needs no checks here; the bounds
    // checks keep a surprise from running past the end.
    Span span;
    span.open = open;
    const qsizetype n = m_clean.size();
    qsizetype pos = open + 1;
    while (pos < n) {
        pos = skipWhitespace(pos);
        if (pos >= n)
            break;
        const char c = m_clean.at(pos);
        if (c == '}') {
            span.close = pos;
            return span;
        }
        if (c == ',') {
            ++pos;
            continue;
        }
        Member m;
        m.keyStart = pos;
        const qsizetype keyEnd = skipString(pos);
        const QByteArray keyJson = QByteArray("[") + m_clean.mid(pos, keyEnd - pos) + QByteArray("]");
        m.key = QJsonDocument::fromJson(keyJson).array().at(0).toString();
        pos = skipWhitespace(keyEnd) + 1; // past ':'
        m.valueStart = skipWhitespace(pos);
        m.valueEnd = skipValue(m.valueStart);
        pos = m.valueEnd;
        span.members << m;
    }
    span.close = n;
    return span;
}

Result<int> JsonConfigText::findMember(const Span& object, const QString& key) const
{
    int found = -1;
    for (int i = 0; i < object.members.size(); ++i) {
        if (object.members.at(i).key != key)
            continue;
        if (found >= 0)
            return Error(QStringLiteral("json_duplicate_key"),
                QStringLiteral("\"%1\" appears more than once.").arg(key),
                QJsonObject {{QStringLiteral("key"), key}});
        found = i;
    }
    return found;
}

qsizetype JsonConfigText::lineStart(qsizetype pos) const
{
    return pos <= 0 ? 0 : m_text.lastIndexOf('\n', pos - 1) + 1;
}

std::optional<QByteArray> JsonConfigText::ownLineIndent(qsizetype pos) const
{
    const qsizetype begin = lineStart(pos);
    const QByteArray before = m_text.mid(begin, pos - begin);
    if (!std::all_of(before.cbegin(), before.cend(), [](char c) { return c == ' ' || c == '\t'; }))
        return std::nullopt;
    return before;
}

qsizetype JsonConfigText::trailingComma(qsizetype from, qsizetype to) const
{
    for (qsizetype i = from; i < to && i < m_text.size(); ++i) {
        if (m_text.at(i) == ',' && m_clean.at(i) == ' ')
            return i;
    }
    return -1;
}

QByteArray JsonConfigText::newline() const
{
    return m_text.contains("\r\n") ? QByteArray("\r\n") : QByteArray("\n");
}

QByteArray JsonConfigText::indentUnit() const
{
    for (const Member& m : m_root.members) {
        const std::optional<QByteArray> indent = ownLineIndent(m.keyStart);
        if (indent && !indent->isEmpty())
            return *indent;
    }
    return QByteArray("  ");
}

QByteArray JsonConfigText::serialize(const QJsonValue& value, const QByteArray& unit,
    const QByteArray& indent, const QByteArray& newline, const QStringList& keyOrder)
{
    const bool compact = unit.isEmpty();
    const QByteArray inner = indent + unit;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty())
            return QByteArray("{}");
        QByteArrayList parts;
        for (const QString& k : orderedKeys(object, keyOrder))
            parts << scalarText(k) + QByteArray(": ")
                    + serialize(object.value(k), unit, inner, newline, keyOrder);
        if (compact)
            return QByteArray("{") + parts.join(", ") + QByteArray("}");
        return QByteArray("{") + newline + inner + parts.join(QByteArray(",") + newline + inner) + newline
            + indent + QByteArray("}");
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return QByteArray("[]");
        QByteArrayList parts;
        for (const QJsonValue& v : array)
            parts << serialize(v, unit, inner, newline, keyOrder);
        if (compact)
            return QByteArray("[") + parts.join(", ") + QByteArray("]");
        return QByteArray("[") + newline + inner + parts.join(QByteArray(",") + newline + inner) + newline
            + indent + QByteArray("]");
    }
    return scalarText(value);
}

QList<JsonConfigText::Edit> JsonConfigText::insertMember(const Span& object, const QByteArray& objectIndent,
    const QString& key, const QJsonValue& value, const QStringList& keyOrder) const
{
    const QByteArray nl = newline();
    const QByteArray unit = indentUnit();
    const QByteArray keyText = scalarText(key) + QByteArray(": ");
    const QByteArray compactMember = keyText + serialize(value, QByteArray(), QByteArray(), nl, keyOrder);
    const std::optional<QByteArray> closeIndent = ownLineIndent(object.close);

    if (!object.members.isEmpty()) {
        const Member& last = object.members.last();
        const qsizetype comma = trailingComma(last.valueEnd, object.close);
        const std::optional<QByteArray> memberIndent = ownLineIndent(last.keyStart);
        if (memberIndent && closeIndent) {
            QList<Edit> edits;
            if (comma < 0)
                edits << Edit {last.valueEnd, 0, QByteArray(",")};
            edits << Edit {lineStart(object.close), 0,
                *memberIndent + keyText + serialize(value, unit, *memberIndent, nl, keyOrder)
                    + (comma >= 0 ? QByteArray(",") : QByteArray()) + nl};
            return edits;
        }
        if (comma >= 0)
            return {Edit {comma + 1, 0, QByteArray(" ") + compactMember}};
        return {Edit {last.valueEnd, 0, QByteArray(", ") + compactMember}};
    }

    const QByteArray memberIndent = objectIndent + unit;
    const QByteArray member = memberIndent + keyText + serialize(value, unit, memberIndent, nl, keyOrder);
    if (closeIndent)
        return {Edit {lineStart(object.close), 0, member + nl}};
    if (allBlank(m_text.mid(object.open + 1, object.close - object.open - 1)))
        return {Edit {object.open + 1, object.close - object.open - 1, nl + member + nl + objectIndent}};
    return {Edit {object.close, 0, QByteArray(" ") + compactMember + QByteArray(" ")}};
}

QList<JsonConfigText::Edit> JsonConfigText::removeMember(const Span& object, int index) const
{
    const Member& m = object.members.at(index);
    const bool hasPrevious = index > 0;
    const bool hasNext = index + 1 < object.members.size();
    const qsizetype n = m_text.size();

    // The comma after the member, if on its line, goes with it.
    qsizetype end = m.valueEnd;
    while (end < n && (m_clean.at(end) == ' ' || m_clean.at(end) == '\t') && m_text.at(end) != ',')
        ++end;
    const bool comma = end < n && m_text.at(end) == ',';
    const bool trailing = comma && m_clean.at(end) == ' ';
    if (comma)
        ++end;
    // Comma before the member (after the previous one): it must go if this was the last member.
    qsizetype previousComma = -1;
    if (hasPrevious) {
        const qsizetype from = object.members.at(index - 1).valueEnd;
        const qsizetype at = m_clean.indexOf(',', from);
        if (at >= 0 && at < m.keyStart)
            previousComma = at;
    }

    qsizetype lineEnd = end;
    while (lineEnd < n && (m_clean.at(lineEnd) == ' ' || m_clean.at(lineEnd) == '\t'))
        ++lineEnd;
    // A line comment after the member is about it and goes too; a block comment might span lines.
    const QByteArray rest = m_text.mid(end, lineEnd - end).trimmed();
    const bool ownsLines = ownLineIndent(m.keyStart).has_value() && (rest.isEmpty() || rest.startsWith("//"))
        && (lineEnd >= n || m_clean.at(lineEnd) == '\n' || m_clean.at(lineEnd) == '\r');
    if (ownsLines) {
        if (lineEnd < n && m_clean.at(lineEnd) == '\r')
            ++lineEnd;
        if (lineEnd < n && m_clean.at(lineEnd) == '\n')
            ++lineEnd;
        QList<Edit> edits {Edit {lineStart(m.keyStart), lineEnd - lineStart(m.keyStart), QByteArray()}};
        if (!hasNext && previousComma >= 0 && !trailing)
            edits << Edit {previousComma, 1, QByteArray()};
        return edits;
    }
    if (hasNext) {
        const qsizetype next = object.members.at(index + 1).keyStart;
        return {Edit {m.keyStart, next - m.keyStart, QByteArray()}};
    }
    if (previousComma >= 0)
        return {Edit {previousComma, m.valueEnd - previousComma, QByteArray()}};
    return {Edit {m.keyStart, end - m.keyStart, QByteArray()}};
}

QByteArray JsonConfigText::applied(QList<Edit> edits) const
{
    std::sort(
        edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.position > b.position; });
    QByteArray out = m_text;
    for (const Edit& e : edits)
        out.replace(e.position, e.length, e.text);
    return out;
}

Result<QByteArray> JsonConfigText::checked(const QByteArray& text, const QJsonObject& expected) const
{
    const Result<JsonConfigText> reparsed = parse(text, m_dialect);
    if (!reparsed.ok() || reparsed->object() != expected)
        return Error(QStringLiteral("json_edit_failed"),
            QStringLiteral("The edit would have changed more than FinAgent's own entry."));
    return text;
}

Result<QByteArray> JsonConfigText::withEntry(
    const QString& section, const QString& name, const QJsonObject& value, const QStringList& keyOrder) const
{
    QJsonObject expected = m_object;
    QJsonObject servers = expected.value(section).toObject();
    servers.insert(name, value);
    expected.insert(section, servers);

    if (isBlank()) {
        // Keep what a blank file held (whitespace, comments), then the new document.
        QByteArray out = m_text;
        const QByteArray nl = newline();
        if (!out.isEmpty() && !out.endsWith('\n'))
            out += nl;
        if (allBlank(m_clean))
            out.clear();
        out += serialize(expected, QByteArray("  "), QByteArray(), nl, keyOrder) + nl;
        return checked(out, expected);
    }

    const Result<int> sectionIndex = findMember(m_root, section);
    if (!sectionIndex.ok())
        return sectionIndex.error();
    if (sectionIndex.value() < 0)
        return checked(
            applied(insertMember(m_root, QByteArray(), section, QJsonObject {{name, value}}, keyOrder)),
            expected);

    const Member& sectionMember = m_root.members.at(sectionIndex.value());
    if (m_clean.at(sectionMember.valueStart) != '{')
        return Error(QStringLiteral("json_section_type"),
            QStringLiteral("\"%1\" is not an object.").arg(section),
            QJsonObject {{QStringLiteral("key"), section}});
    const Span entries = scanObject(sectionMember.valueStart);
    const Result<int> entryIndex = findMember(entries, name);
    if (!entryIndex.ok())
        return entryIndex.error();
    if (entryIndex.value() >= 0) {
        const Member& entry = entries.members.at(entryIndex.value());
        const std::optional<QByteArray> indent = ownLineIndent(entry.keyStart);
        const QByteArray valueText = indent
            ? serialize(value, indentUnit(), *indent, newline(), keyOrder)
            : serialize(value, QByteArray(), QByteArray(), newline(), keyOrder);
        return checked(
            applied({Edit {entry.valueStart, entry.valueEnd - entry.valueStart, valueText}}), expected);
    }
    const QByteArray sectionIndent = ownLineIndent(sectionMember.keyStart).value_or(QByteArray());
    return checked(applied(insertMember(entries, sectionIndent, name, value, keyOrder)), expected);
}

Result<QByteArray> JsonConfigText::withoutEntry(const QString& section, const QString& name) const
{
    if (isBlank())
        return m_text;
    const Result<int> sectionIndex = findMember(m_root, section);
    if (!sectionIndex.ok())
        return sectionIndex.error();
    if (sectionIndex.value() < 0)
        return m_text;
    const Member& sectionMember = m_root.members.at(sectionIndex.value());
    if (m_clean.at(sectionMember.valueStart) != '{')
        return m_text;
    const Span servers = scanObject(sectionMember.valueStart);
    const Result<int> entryIndex = findMember(servers, name);
    if (!entryIndex.ok())
        return entryIndex.error();
    if (entryIndex.value() < 0)
        return m_text;

    QJsonObject expected = m_object;
    QJsonObject remaining = expected.value(section).toObject();
    remaining.remove(name);
    expected.insert(section, remaining);
    return checked(applied(removeMember(servers, entryIndex.value())), expected);
}
