#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

// A JSON config file kept as text and edited in place. Setting or removing one entry of a
// top-level section ("mcpServers" -> "finagent") rewrites only that entry's bytes: every other
// key keeps its place and formatting, and so do indentation, line endings, a byte-order mark and,
// in JSONC, comments. New entries follow the file's own indentation.
//
// Errors (code, details):
//   json_invalid       not JSON; details: line, column (1-based), reason
//   json_comment       a comment in a file whose reader wants plain JSON; details: line, column
//   json_not_object    the top level is not an object
//   json_duplicate_key the section, or the entry in it, appears more than once; details: key
//   json_section_type  the section is not an object; details: key
//   json_edit_failed   the edit would change more than the entry (nothing is returned)
class JsonConfigText
{
public:
    enum class Dialect
    {
        Json,
        Jsonc // comments (// and /* */) and trailing commas, as VS Code reads its mcp.json
    };

    // Parses text. Empty or blank text is an empty object.
    static Result<JsonConfigText> parse(const QByteArray& text, Dialect dialect);

    const QByteArray& text() const { return m_text; }
    const QJsonObject& object() const { return m_object; }
    bool isBlank() const { return m_root.open < 0; }

    // The text with object[section][name] = value; the section is added when missing. Keys of
    // new objects are written in keyOrder first, then alphabetically.
    Result<QByteArray> withEntry(const QString& section, const QString& name, const QJsonObject& value,
        const QStringList& keyOrder) const;
    // The text without object[section][name]; the text unchanged when there is no such entry.
    Result<QByteArray> withoutEntry(const QString& section, const QString& name) const;

    // value as JSON text: pretty with `unit` per level, lines after the first indented by
    // `indent`, or on one line when unit is empty.
    static QByteArray serialize(const QJsonValue& value, const QByteArray& unit, const QByteArray& indent,
        const QByteArray& newline, const QStringList& keyOrder);

private:
    struct Member
    {
        QString key;
        qsizetype keyStart = 0;
        qsizetype valueStart = 0;
        qsizetype valueEnd = 0;
    };
    struct Span
    {
        qsizetype open = -1;
        qsizetype close = -1;
        QList<Member> members;
    };
    struct Edit
    {
        qsizetype position;
        qsizetype length;
        QByteArray text;
    };

    Span scanObject(qsizetype open) const;
    qsizetype skipWhitespace(qsizetype pos) const;
    qsizetype skipString(qsizetype pos) const;
    qsizetype skipValue(qsizetype pos) const;

    // Where a section and an entry in it sit; errors for duplicates and a non-object section.
    Result<int> findMember(const Span& object, const QString& key) const;

    qsizetype lineStart(qsizetype pos) const;
    // The blanks before pos on its line, or nothing when something else precedes pos there.
    std::optional<QByteArray> ownLineIndent(qsizetype pos) const;
    // Position of a trailing comma (blanked in m_clean) in [from, to), or -1.
    qsizetype trailingComma(qsizetype from, qsizetype to) const;
    QByteArray newline() const;
    QByteArray indentUnit() const;

    QList<Edit> insertMember(const Span& object, const QByteArray& objectIndent, const QString& key,
        const QJsonValue& value, const QStringList& keyOrder) const;
    QList<Edit> removeMember(const Span& object, int index) const;
    QByteArray applied(QList<Edit> edits) const;
    Result<QByteArray> checked(const QByteArray& text, const QJsonObject& expected) const;

    QByteArray m_text;
    QByteArray m_clean; // m_text with comments, trailing commas and a BOM blanked: same offsets
    Dialect m_dialect = Dialect::Json;
    QJsonObject m_object;
    Span m_root;
};
