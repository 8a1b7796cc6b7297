#pragma once

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

class Settings;

// Shared pieces of the verbs.
namespace Verbs {

QTextStream& out();
QTextStream& err();

// Options every verb accepts: --set key=value (a setting for this run), --log-format.
void addCommonOptions(QCommandLineParser& parser);
// Applies them; false (after printing why) on a bad value.
bool applyCommonOptions(const QCommandLineParser& parser, Settings& settings);
// Parses `args`; on failure prints the error with a hint to run `finagent <verb> --help`.
bool parse(QCommandLineParser& parser, const QStringList& args, const QString& verb);

int stdio(const QStringList& args);
int serve(const QStringList& args);
int secrets(const QStringList& args);

} // namespace Verbs
