#include "cli/configverb.h"

#include "cli/verbs.h"
#include "config/clientconfigwriter.h"
#include "config/settings.h"
#include "security/keychainsecretstore.h"
#include "security/secretnames.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace
{

const char* kConfigHelp =
    "Usage: finagent config <action> [<client>] [options]\n\n"
    "Adds FinAgent to the MCP config file of an AI application, so the assistant there can use\n"
    "FinAgent's tools. Other servers and settings in the file stay as they are.\n\n"
    "Actions:\n"
    "  install <client>      add FinAgent's entry, or bring it up to date\n"
    "  uninstall <client>    remove FinAgent's entry\n"
    "  path <client>         print where the client's config file is\n"
    "  status                list the clients, their config files and whether FinAgent is in them\n\n"
    "Clients: claude-desktop, claude-code, cursor, vscode, kiro\n\n"
    "Options:\n"
    "  --stdio               let the client start `finagent stdio` itself instead of connecting to the\n"
    "                        running FinAgent app over HTTP (Claude Desktop always works this way)\n"
    "  --name <name>         name of the entry (default: finagent)\n"
    "  --project <folder>    write the project's config file in <folder> instead of your user's\n"
    "  --dry-run             show what would change and write nothing\n"
    "  --print               print the entry, token included, for pasting by hand; write nothing\n"
    "  --set key=value       any setting for this run (see `finagent --help`)\n"
    "  --log-format text|json  log line format on stderr\n\n"
    "HTTP entries point at http://<http.host>:<http.port>/mcp and carry the access token the FinAgent\n"
    "app keeps in the OS keychain (created when the app first starts). The file is replaced in one\n"
    "step; its previous version is kept next to it as <file>.finagent-backup-<time> (the last 3).\n"
    "A file that is not valid JSON is never changed.\n";

using Verbs::err;
using Verbs::out;

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

int fail(const QString& message, int code = 1)
{
    err() << QStringLiteral("finagent config: %1\n").arg(message);
    err().flush();
    return code;
}

struct Options
{
    bool dryRun = false;
    bool print = false;
};

// The URL a local client should use for the endpoint the settings describe.
Result<QUrl> localMcpUrl(const Settings& settings)
{
    QString host = settings.string(QStringLiteral("http.host")).trimmed();
    if (host.isEmpty() || host == QLatin1String("0.0.0.0"))
        host = QStringLiteral("127.0.0.1");
    else if (host == QLatin1String("::"))
        host = QStringLiteral("::1");
    const int port = settings.integer(QStringLiteral("http.port"));
    if (port <= 0 || port > 65535)
        return Error(QStringLiteral("no_fixed_port"),
            QStringLiteral("http.port is %1, so the app picks a new port at each start and no fixed "
                           "address can be written. Set a fixed port (`finagent --set http.port=8765` or "
                           "FINAGENT_PORT), or use --stdio.")
                .arg(port));
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(QStringLiteral("/mcp"));
    return url;
}

QString changeSentence(InstallPlan::Change change, bool done, const QString& name, const QString& path)
{
    switch (change) {
    case InstallPlan::Change::CreateFile:
        return (done ? QStringLiteral("Created %1 with the entry \"%2\".")
                     : QStringLiteral("Would create %1 with the entry \"%2\"."))
            .arg(path, name);
    case InstallPlan::Change::AddEntry:
        return (done ? QStringLiteral("Added the entry \"%2\" to %1.")
                     : QStringLiteral("Would add the entry \"%2\" to %1."))
            .arg(path, name);
    case InstallPlan::Change::ReplaceEntry:
        return (done ? QStringLiteral("Updated the entry \"%2\" in %1.")
                     : QStringLiteral("Would update the entry \"%2\" in %1."))
            .arg(path, name);
    case InstallPlan::Change::Unchanged:
        break;
    }
    return QStringLiteral("The entry \"%2\" in %1 is already up to date; nothing to change.").arg(path, name);
}

QString nextStep(const InstallRequest& request, ClientTransport transport)
{
    const ClientInfo& info = ClientConfig::info(request.client);
    if (transport == ClientTransport::Stdio)
        return QStringLiteral(
            "Restart %1 (or reload its MCP servers) to use FinAgent; %1 starts FinAgent by itself "
            "when it needs it.\n")
            .arg(info.displayName);
    return QStringLiteral(
        "Restart %1 (or reload its MCP servers) to use FinAgent. It connects to the FinAgent app at "
        "%2, so the app must be running; `finagent config install %3 --stdio` makes %1 start "
        "FinAgent by itself instead.\n")
        .arg(info.displayName, request.mcpUrl.toString(), info.id);
}

int runInstall(const InstallRequest& request, const Options& options)
{
    const ClientTransport transport = ClientConfig::transportFor(request.client, request.useStdio);
    if (options.print) {
        if (const Error invalid = ClientConfigWriter::validate(request); !invalid.isNull())
            return fail(invalid.message);
        err() << QStringLiteral("Add this to %1:\n").arg(native(ClientConfigWriter::configPath(request)));
        err().flush();
        out() << ClientConfigWriter::snippetFor(request, ClientConfigWriter::entryFor(request), true) << '\n';
        out().flush();
        return 0;
    }
    if (options.dryRun) {
        const Result<InstallPlan> plan = ClientConfigWriter::plan(request);
        if (!plan.ok())
            return fail(plan.error().message);
        out() << changeSentence(plan->change, false, request.serverName, native(plan->path)) << '\n'
              << QStringLiteral("Entry (%1, token hidden):\n").arg(ClientConfig::transportName(transport))
              << plan->snippet << '\n'
              << QStringLiteral("Dry run: nothing was written.\n");
        out().flush();
        return 0;
    }
    const Result<InstallResult> result = ClientConfigWriter::install(request);
    if (!result.ok())
        return fail(result.error().message);
    const InstallPlan& plan = result->plan;
    out() << changeSentence(plan.change, true, request.serverName, native(plan.path)) << '\n';
    if (!result->backupPath.isEmpty())
        out() << QStringLiteral("The previous version is kept as %1\n").arg(native(result->backupPath));
    out() << QStringLiteral("Entry (%1, token hidden):\n").arg(ClientConfig::transportName(transport))
          << plan.snippet << '\n'
          << nextStep(request, transport);
    out().flush();
    return 0;
}

int runUninstall(const InstallRequest& request, const Options& options)
{
    const Result<UninstallResult> result = ClientConfigWriter::uninstall(request, options.dryRun);
    if (!result.ok())
        return fail(result.error().message);
    const QString path = native(result->path);
    if (!result->removed)
        out() << QStringLiteral("There is no entry \"%1\" in %2; nothing to remove.\n")
                     .arg(request.serverName, path);
    else if (options.dryRun)
        out() << QStringLiteral("Would remove the entry \"%1\" from %2.\nDry run: nothing was written.\n")
                     .arg(request.serverName, path);
    else
        out() << QStringLiteral("Removed the entry \"%1\" from %2.\nThe previous version is kept as %3\n")
                     .arg(request.serverName, path, native(result->backupPath));
    out().flush();
    return 0;
}

int runStatus(const InstallRequest& base)
{
    const QList<McpClient> detected = ClientConfigWriter::detectInstalled(base.environment);
    for (McpClient client : ClientConfig::allClients()) {
        InstallRequest request = base;
        request.client = client;
        const ClientInfo& info = ClientConfig::info(client);
        if (base.scope == ClientScope::Project && !info.supportsProject)
            continue;
        const ClientStatus status = ClientConfigWriter::status(request);
        QString state;
        if (!status.problem.isNull())
            state = QStringLiteral("cannot read the config file");
        else if (status.configured)
            state =
                QStringLiteral("FinAgent configured (%1)").arg(ClientConfig::transportName(status.transport));
        else
            state = QStringLiteral("FinAgent not configured");
        out() << QStringLiteral("%1 %2 %3\n")
                     .arg(info.id, -15)
                     .arg(detected.contains(client) ? QStringLiteral("detected") : QStringLiteral("-"), -9)
                     .arg(state)
              << QStringLiteral("%1 %2\n").arg(QString(), -15).arg(native(status.path));
        if (!status.problem.isNull())
            out() << QStringLiteral("%1 %2\n").arg(QString(), -15).arg(status.problem.message);
    }
    out().flush();
    return 0;
}

} // namespace

namespace Verbs
{

int config(const QStringList& args)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")
        || args.first() == QLatin1String("help")) {
        out() << QString::fromUtf8(kConfigHelp);
        out().flush();
        return args.isEmpty() ? 2 : 0;
    }
    const QString action = args.first();
    const QStringList actions {QStringLiteral("install"), QStringLiteral("uninstall"), QStringLiteral("path"),
        QStringLiteral("status")};
    if (!actions.contains(action))
        return fail(QStringLiteral("unknown action \"%1\". Actions: %2. Run `finagent config --help`.")
                        .arg(action, actions.join(QStringLiteral(", "))),
            2);

    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("stdio")));
    parser.addOption(QCommandLineOption(QStringLiteral("name"), QString(), QStringLiteral("name")));
    parser.addOption(QCommandLineOption(QStringLiteral("project"), QString(), QStringLiteral("folder")));
    parser.addOption(QCommandLineOption(QStringLiteral("dry-run")));
    parser.addOption(QCommandLineOption(QStringLiteral("print")));
    if (!parse(parser, args.mid(1), QStringLiteral("config")))
        return 2;
    if (parser.isSet(QStringLiteral("help"))) {
        out() << QString::fromUtf8(kConfigHelp);
        out().flush();
        return 0;
    }
    Settings settings;
    if (!applyCommonOptions(parser, settings))
        return 2;

    InstallRequest request;
    if (parser.isSet(QStringLiteral("name")))
        request.serverName = parser.value(QStringLiteral("name"));
    if (parser.isSet(QStringLiteral("project"))) {
        request.scope = ClientScope::Project;
        request.projectDir = QFileInfo(parser.value(QStringLiteral("project"))).absoluteFilePath();
    }
    request.useStdio = parser.isSet(QStringLiteral("stdio"));
    request.finagentPath = ClientConfigWriter::defaultFinagentPath();
    const Options options {parser.isSet(QStringLiteral("dry-run")), parser.isSet(QStringLiteral("print"))};

    const QStringList positional = parser.positionalArguments();
    if (action == QLatin1String("status")) {
        if (!positional.isEmpty())
            return fail(QStringLiteral("`config status` takes no client; it lists them all."), 2);
        return runStatus(request);
    }
    if (positional.size() != 1)
        return fail(QStringLiteral("`config %1` needs one client: %2.")
                        .arg(action, ClientConfig::names().join(QStringLiteral(", "))),
            2);
    QString suggestion;
    const std::optional<McpClient> client = ClientConfig::fromName(positional.first(), &suggestion);
    if (!client)
        return fail(
            QStringLiteral("there is no client named \"%1\".%2 Clients: %3.")
                .arg(positional.first(),
                    suggestion.isEmpty() ? QString() : QStringLiteral(" Did you mean %1?").arg(suggestion),
                    ClientConfig::names().join(QStringLiteral(", "))),
            2);
    request.client = *client;
    const ClientInfo& info = ClientConfig::info(request.client);
    if (request.scope == ClientScope::Project && !info.supportsProject)
        return fail(
            QStringLiteral("%1 has no per-project config file; leave out --project.").arg(info.displayName),
            2);

    if (action == QLatin1String("path")) {
        out() << native(ClientConfigWriter::configPath(request)) << '\n';
        out().flush();
        return 0;
    }
    if (action == QLatin1String("uninstall"))
        return runUninstall(request, options);

    if (ClientConfig::transportFor(request.client, request.useStdio) == ClientTransport::Stdio)
        return runInstall(request, options);

    const Result<QUrl> url = localMcpUrl(settings);
    if (!url.ok())
        return fail(url.error().message);
    request.mcpUrl = url.value();
    if (settings.string(QStringLiteral("http.auth")).toLower() == QLatin1String("off"))
        return runInstall(request, options);

    // The token lives in the keychain, which answers asynchronously.
    KeychainSecretStore store;
    store.read(SecretNames::httpToken(), QCoreApplication::instance(),
        [request, options, &info](const Result<QString>& token) mutable {
            if (!token.ok()) {
                const bool missing = token.error().code == QLatin1String("secret_not_found");
                QCoreApplication::exit(fail(missing
                        ? QStringLiteral("FinAgent's access token is not in the keychain yet: start the "
                                         "FinAgent app once (it creates the token), or use --stdio to let "
                                         "%1 start FinAgent by itself.")
                              .arg(info.displayName)
                        : QStringLiteral("cannot read FinAgent's access token from the keychain: %1 Start "
                                         "the FinAgent app once, or use --stdio.")
                              .arg(token.error().message)));
                return;
            }
            request.token = token.value();
            QCoreApplication::exit(runInstall(request, options));
        });
    return QCoreApplication::exec();
}

} // namespace Verbs
