#include "cli/verbs.h"

#include "backend/backendrouter.h"
#include "backend/localbackend.h"
#include "config/settings.h"
#include "protocol/mcpserver.h"
#include "runtime/runtime.h"
#include "transport/stdiotransport.h"

#include <QCoreApplication>

namespace Verbs {

int stdio(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    if (!parse(parser, args, QStringLiteral("stdio")))
        return 2;
    if (parser.isSet(QStringLiteral("help"))) {
        out() << QStringLiteral(
            "Usage: finagent stdio [--set key=value]...\n\n"
            "Serves MCP over stdin/stdout (newline-delimited JSON-RPC) for an AI host that starts FinAgent as a\n"
            "command (Claude Desktop, Claude Code, Cursor, VS Code, Kiro). stdout carries protocol messages only;\n"
            "logs go to stderr. FinAgent exits when stdin closes.\n\n"
            "Claude Desktop (claude_desktop_config.json):\n"
            "  {\"mcpServers\": {\"finagent\": {\"command\": \"finagent\", \"args\": [\"stdio\"]}}}\n");
        out().flush();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err() << QStringLiteral("finagent stdio: unexpected argument \"%1\"\n").arg(parser.positionalArguments().first());
        err().flush();
        return 2;
    }
    Settings settings;
    if (!applyCommonOptions(parser, settings))
        return 2;

    Runtime runtime(settings, Runtime::Options{Runtime::Mode::Stdio, false, nullptr});
    // In remote mode (setting "mode"), every request is forwarded to the remote FinAgent.
    LocalBackend local(runtime.registry());
    BackendRouter router(local);
    router.followSettings(settings, runtime.network(), &runtime.secrets());
    runtime.server().setHandler(&router);
    StdioTransport transport(runtime.server());
    QObject::connect(&transport, &StdioTransport::finished, QCoreApplication::instance(), []() {
        QCoreApplication::exit(0);
    });
    transport.start();
    return QCoreApplication::exec();
}

} // namespace Verbs
