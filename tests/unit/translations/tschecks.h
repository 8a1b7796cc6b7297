#pragma once

#include "tsfile.h"

#include <QString>
#include <QStringList>

// Checks of one translated message against its source. Each returns an empty string when the
// message passes, or a sentence that says what differs.
namespace TsChecks
{

// %1..%99, %L1 and %n, sorted, each once.
QStringList placeholders(const QString& text);
// Names of the HTML tags (and <token>-like markers), sorted, with repeats.
QStringList markup(const QString& text);
// Keyboard mnemonics: '&' before a character, not "&&" and not an HTML entity.
int mnemonics(const QString& text);

QString translationProblem(const TsMessage& message);
QString placeholderProblem(const TsMessage& message);
QString markupProblem(const TsMessage& message);
QString punctuationProblem(const TsMessage& message);

} // namespace TsChecks
