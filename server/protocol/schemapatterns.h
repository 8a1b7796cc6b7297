#pragma once

#include <QRegularExpression>
#include <QString>

// "pattern" support: ECMA-262 regular expressions run on PCRE2.
namespace Schema
{

// Rewrites an ECMA-262 pattern where PCRE2 would read it differently: an ECMA "$" matches only at
// the very end (PCRE's also matches before a final newline, which would let "BTC\n" pass
// "^[A-Z]+$"), and "\uXXXX" is PCRE's "\x{XXXX}".
QString toPcre(const QString& pattern);

// The compiled form of an ECMA-262 pattern, shared by every thread; a compiled QRegularExpression
// is safe to match concurrently once optimize() has compiled it.
QRegularExpression cachedRegex(const QString& pattern);

} // namespace Schema
