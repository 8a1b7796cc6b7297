#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

struct SchemaViolation;

// Pieces of the sentences violations and schema problems are written in: received values rendered
// compactly, counts, ranges, enum lists.
namespace Schema
{

// Received strings and containers are cut to this many code points in messages.
inline constexpr qsizetype kMaxRenderedChars = 40;

// Integral values print as integers ("1000000", not "1e+06").
QString formatNumber(double d);

// Cuts `s` to `maxChars` code points (never splitting a surrogate pair) and adds an ellipsis.
QString truncated(const QString& s, qsizetype maxChars);

// `s` in double quotes with JSON escapes, cut to `maxChars` code points.
QString quoted(const QString& s, qsizetype maxChars = kMaxRenderedChars);

// A compact rendering of a received value: strings quoted, containers as cut-down JSON.
QString render(const QJsonValue& v);

// "1 item", "3 items".
QString plural(qint64 n, const char* singular, const char* pluralForm);

// "a, b or c" style joins.
QString joinWith(const QStringList& parts, const QString& lastSeparator);

// "1m, 5m, 1h, 1d" for plain strings; values rendered as JSON when types are mixed.
QString enumList(const QJsonArray& values);

// "at least 1 character", "1 to 20 characters", "exactly 3 characters", "at most 5 items".
QString countPhrase(bool hasMin, qint64 min, bool hasMax, qint64 max, const char* unit, const char* units);

// "between 1 and 1000", "greater than 0", "at least 0 and less than 1"; empty without bounds.
QString rangePhrase(const QJsonObject& s);

// The minLength/maxLength of `s` as a count phrase; empty without them.
QString lengthPhrase(const QJsonObject& s);

// The minItems/maxItems of `s` as a count phrase; empty without them.
QString itemCountPhrase(const QJsonObject& s);

// " (for example "BTC")" from the first of "examples"; empty without examples.
QString examplePhrase(const QJsonObject& s);

// "must be one of a, b; got "c"", with a suggestion when a string is close to a member.
QString enumMessage(const QJsonArray& values, const QJsonValue& instance);

// The summary SchemaValidator::describe() returns.
QString describeViolations(const QList<SchemaViolation>& violations);

} // namespace Schema
