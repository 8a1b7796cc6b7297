#include "cli/cli.h"

#include "cli/bridgeverb.h"
#include "cli/configverb.h"
#include "cli/probeverb.h"
#include "cli/sandboxverb.h"
#include "cli/tokenverb.h"
#include "cli/verbs.h"
#include "config/settings.h"
#include "core/buildinfo.h"

#include <QCoreApplication>

#include <algorithm>

namespace Cli
{

bool wantsGui(const QStringList& arguments)
{
    const QStringList args = arguments.mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args.at(i);
        if (a == QLatin1String("gui"))
            return true;
        // Options of the window that take a value in the next argument.
        if (a == QLatin1String("--set") || a == QLatin1String("--log-format")) {
            ++i;
            continue;
        }
        if (!a.startsWith(QLatin1Char('-')))
            return false; // a verb
        if (a == QLatin1String("--help") || a == QLatin1String("-h") || a == QLatin1String("--version")
            || a == QLatin1String("-v"))
            return false;
    }
    return true;
}

QString versionText()
{
    return QStringLiteral("finagent %1\n").arg(QStringLiteral(FINAGENT_VERSION));
}

QString mainHelp()
{
    return QStringLiteral(
               "FinAgent %1 - an MCP server for crypto market data and USDT payments, with a desktop "
               "window.\n"
               "\n"
               "Usage:\n"
               "  finagent                      start the desktop app (tray + window; serves MCP on "
               "localhost)\n"
               "  finagent stdio                MCP over stdin/stdout, for an AI host's \"command\" setting\n"
               "  finagent serve [options]      headless MCP over HTTP (Streamable HTTP at /mcp)\n"
               "  finagent bridge <url>         stdio to a remote FinAgent (or any Streamable HTTP MCP "
               "server); like mcp-remote\n"
               "  finagent sandbox <action>     sandbox invoices: list them, simulate a payment (pay, "
               "--under, --over, --expire)\n"
               "  finagent secrets <action>     keep API keys in the OS keychain (set, delete, list, "
               "status)\n"
               "  finagent token <action>       named access tokens for serve: create, list, revoke\n"
               "  finagent probe <url>          exit 0 when the URL answers 2xx (container health checks)\n"
               "  finagent config <action> <client>\n"
               "                                add FinAgent to an AI app's MCP config: install, uninstall, "
               "path, status\n"
               "                                (claude-desktop, claude-code, cursor, vscode, kiro)\n"
               "  finagent --version            print the version\n"
               "  finagent <verb> --help        options of a verb\n"
               "\n"
               "Options for every verb:\n"
               "  --set <key>=<value>           use a setting for this run only (see the settings list "
               "below)\n"
               "  --log-format text|json        how log lines on stderr look\n"
               "\n"
               "Settings (default < settings file < environment < command line):\n")
               .arg(QStringLiteral(FINAGENT_VERSION))
        +
        [] {
            // Columns as wide as the longest key and variable, so every row lines up.
            qsizetype nameWidth = 0;
            qsizetype envWidth = 0;
            for (const Settings::Key& k : Settings::keys()) {
                nameWidth = std::max(nameWidth, k.name.size());
                envWidth = std::max(envWidth, k.env.size());
            }
            QString table;
            for (const Settings::Key& k : Settings::keys())
                table += QStringLiteral("  %1  %2  %3\n")
                             .arg(k.name.leftJustified(nameWidth), k.env.leftJustified(envWidth), k.help);
            return table;
        }()
        + QStringLiteral("\nThe settings file is %1.\n")
              .arg(Settings::defaultConfigDir() + QStringLiteral("/finagent.ini"));
}

int run(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("finagent"));
    QCoreApplication::setOrganizationName(QStringLiteral("FinAgent"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FINAGENT_VERSION));

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")
        || args.first() == QLatin1String("help")) {
        Verbs::out() << mainHelp();
        Verbs::out().flush();
        return 0;
    }
    if (args.first() == QLatin1String("--version") || args.first() == QLatin1String("-v")
        || args.first() == QLatin1String("version")) {
        Verbs::out() << versionText();
        Verbs::out().flush();
        return 0;
    }
    const QString verb = args.takeFirst();
    if (verb == QLatin1String("stdio"))
        return Verbs::stdio(args);
    if (verb == QLatin1String("serve"))
        return Verbs::serve(args);
    if (verb == QLatin1String("secrets"))
        return Verbs::secrets(args);
    if (verb == QLatin1String("config"))
        return Verbs::config(args);
    if (verb == QLatin1String("sandbox"))
        return Verbs::sandbox(args);
    if (verb == QLatin1String("bridge"))
        return Verbs::bridge(args);
    if (verb == QLatin1String("token"))
        return Verbs::token(args);
    if (verb == QLatin1String("probe"))
        return Verbs::probe(args);

    Verbs::err() << QStringLiteral("finagent: unknown command \"%1\". Commands: stdio, serve, bridge, "
                                   "secrets, config, sandbox, token, probe. "
                                   "Run `finagent --help` for details.\n")
                        .arg(verb);
    return 2;
}

} // namespace Cli
