#include "cli/verbs.h"

#include "cli/logoutput.h"
#include "config/settings.h"

#include <cstdio>

namespace Verbs {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

void addCommonOptions(QCommandLineParser& parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("set"), QStringLiteral("A setting for this run"), QStringLiteral("key=value")));
    parser.addOption(QCommandLineOption(QStringLiteral("log-format"), QStringLiteral("text or json"), QStringLiteral("format")));
    parser.addOption(QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show help")));
}

bool parse(QCommandLineParser& parser, const QStringList& args, const QString& verb)
{
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    if (!parser.parse(QStringList{QStringLiteral("finagent")} + args)) {
        err() << QStringLiteral("finagent %1: %2\nRun `finagent %1 --help` for the options.\n").arg(verb, parser.errorText());
        err().flush();
        return false;
    }
    return true;
}

bool applyCommonOptions(const QCommandLineParser& parser, Settings& settings)
{
    for (const QString& kv : parser.values(QStringLiteral("set"))) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        const QString name = kv.left(eq).trimmed();
        if (eq <= 0 || !Settings::findKey(name)) {
            err() << QStringLiteral("finagent: --set needs key=value with a known key; \"%1\" is not one. "
                                    "Run `finagent --help` for the list.\n")
                         .arg(kv.left(eq > 0 ? eq : kv.size()));
            err().flush();
            return false;
        }
        settings.setOverride(name, kv.mid(eq + 1));
    }
    const QString format = parser.isSet(QStringLiteral("log-format")) ? parser.value(QStringLiteral("log-format"))
                                                                       : settings.string(QStringLiteral("log.format"));
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        err() << QStringLiteral("finagent: --log-format must be text or json, not \"%1\"\n").arg(format);
        err().flush();
        return false;
    }
    LogOutput::install(format == QLatin1String("json") ? LogOutput::Format::Json : LogOutput::Format::Text);
    return true;
}

} // namespace Verbs
