#include "cli/bridgeverb.h"

#include "backend/mcphttpclient.h"
#include "backend/remotebackend.h"
#include "backend/remoteendpoint.h"
#include "cli/signalwatcher.h"
#include "cli/verbs.h"
#include "config/settings.h"
#include "protocol/jsonrpc.h"
#include "protocol/mcpserver.h"
#include "security/envsecretstore.h"
#include "security/secretnames.h"
#include "transport/stdiotransport.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QTimer>

#include <memory>

Q_LOGGING_CATEGORY(lcBridge, "finagent.bridge")

namespace
{

const char* kBridgeHelp =
    "Usage: finagent bridge <url> [options]\n\n"
    "Connects an MCP host that starts servers as commands (Claude Desktop, Cursor, VS Code, Kiro, ...) to a\n"
    "remote MCP server over Streamable HTTP: a hosted FinAgent (`finagent serve`) or any other. It speaks "
    "MCP\n"
    "on stdin/stdout, forwards everything to <url> (tools, resources, prompts, progress, cancellation,\n"
    "sampling and elicitation), logs to stderr only and exits when stdin closes. It accepts the common\n"
    "arguments of mcp-remote, so it can replace it in an existing config.\n\n"
    "Options:\n"
    "  --header \"Name: value\"     send this header with every request (repeatable). ${VAR} is replaced by "
    "the\n"
    "                             environment variable VAR, so no secret needs to be on the command line:\n"
    "                             --header \"Authorization:${AUTH_HEADER}\" with AUTH_HEADER=\"Bearer "
    "<token>\"\n"
    "  --header-file <file>       more headers, one \"Name: value\" per line (# starts a comment)\n"
    "  --token-file <file>        send the token in this file as \"Authorization: Bearer <token>\"\n"
    "  --allow-http               allow plain http:// to a host other than this machine\n"
    "  --timeout <seconds>        fail a request the remote leaves unanswered this long (default 120)\n"
    "  --connect-timeout <seconds> give up connecting after this long (default 15)\n"
    "  --enable-proxy             use the proxy from HTTP_PROXY / HTTPS_PROXY / NO_PROXY\n"
    "  --transport http-first|http-only   accepted for mcp-remote compatibility (Streamable HTTP is used)\n"
    "  --debug                    more detail on stderr\n"
    "  --set key=value, --log-format text|json   as for every verb\n\n"
    "Without a token option or Authorization header, FINAGENT_REMOTE_TOKEN (or FINAGENT_REMOTE_TOKEN_FILE)\n"
    "is sent if set.\n\n"
    "Claude Desktop (claude_desktop_config.json):\n"
    "  {\"mcpServers\": {\"finagent\": {\"command\": \"finagent\",\n"
    "    \"args\": [\"bridge\", \"https://finagent.example.com/mcp\", \"--header\", "
    "\"Authorization:${AUTH_HEADER}\"],\n"
    "    \"env\": {\"AUTH_HEADER\": \"Bearer <token>\"}}}}\n";

void fail(const QString& message)
{
    Verbs::err() << QStringLiteral("finagent bridge: %1\n").arg(message);
    Verbs::err().flush();
}

bool positiveSeconds(const QCommandLineParser& parser, const QString& name, int* ms)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double seconds = parser.value(name).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 24 * 3600) {
        fail(QStringLiteral("--%1 must be a number of seconds, not \"%2\"").arg(name, parser.value(name)));
        return false;
    }
    *ms = int(seconds * 1000);
    return true;
}

bool hasCredentialHeader(const HttpHeaderList& headers)
{
    for (const auto& h : headers) {
        const QByteArray n = h.first.toLower();
        if (n == "authorization" || n == "x-api-key")
            return true;
    }
    return false;
}

// After the remote refused us before the local client was served: answer what the host sends
// with the reason, so the person sees it in the host's UI, then exit with status 1.
void refuseLocalClient(const QString& message)
{
    auto* reader = new StdinReader(0, 1024 * 1024); // blocked in read() until the process ends; never deleted
    auto* out = new QFile(QCoreApplication::instance());
    out->open(1, QIODevice::WriteOnly | QIODevice::Unbuffered);
    QObject::connect(reader, &StdinReader::lineReady, QCoreApplication::instance(),
        [out, message](const QByteArray& line) {
            const JsonRpc::Parsed parsed = JsonRpc::parse(line);
            if (!parsed.ok || !parsed.message.isRequest())
                return;
            out->write(JsonRpc::serialize(JsonRpc::makeError(parsed.message.id, -32000, message)) + '\n');
            out->flush();
            QCoreApplication::exit(1);
        });
    QObject::connect(
        reader, &StdinReader::endOfInput, QCoreApplication::instance(), []() { QCoreApplication::exit(1); });
    // A host that sends nothing does not keep us waiting.
    QTimer::singleShot(10000, QCoreApplication::instance(), []() { QCoreApplication::exit(1); });
    reader->start();
}

} // namespace

namespace Verbs
{

int bridge(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("header"), QString(), QStringLiteral("name: value")));
    parser.addOption(QCommandLineOption(QStringLiteral("header-file"), QString(), QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("token-file"), QString(), QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("allow-http")));
    parser.addOption(QCommandLineOption(
        {QStringLiteral("timeout"), QStringLiteral("body-timeout")}, QString(), QStringLiteral("seconds")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("connect-timeout"), QString(), QStringLiteral("seconds")));
    parser.addOption(QCommandLineOption(QStringLiteral("enable-proxy")));
    parser.addOption(QCommandLineOption(QStringLiteral("transport"), QString(), QStringLiteral("strategy")));
    parser.addOption(QCommandLineOption(QStringLiteral("debug")));
    if (!parse(parser, args, QStringLiteral("bridge")))
        return 2;
    if (parser.isSet(QStringLiteral("help"))) {
        out() << QString::fromUtf8(kBridgeHelp);
        out().flush();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        fail(QStringLiteral("the URL of the remote MCP endpoint is missing, e.g. `finagent bridge "
                            "https://finagent.example.com/mcp`. Run `finagent bridge --help`."));
        return 2;
    }
    // mcp-remote takes an OAuth callback port after the URL; there is no OAuth here, so a number is accepted
    // and unused.
    bool isPort = positional.size() < 2;
    if (positional.size() == 2)
        positional.at(1).toInt(&isPort);
    if (positional.size() > 2 || !isPort) {
        fail(QStringLiteral("unexpected argument \"%1\". Run `finagent bridge --help`.")
                 .arg(positional.last()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("transport"))) {
        const QString t = parser.value(QStringLiteral("transport"));
        if (t != QLatin1String("http-first") && t != QLatin1String("http-only")) {
            fail(QStringLiteral(
                "--transport %1 is not supported: FinAgent speaks Streamable HTTP only (http-first or "
                "http-only)")
                     .arg(t));
            return 2;
        }
    }

    Settings settings;
    if (!applyCommonOptions(parser, settings))
        return 2;
    if (parser.isSet(QStringLiteral("debug")))
        QLoggingCategory::setFilterRules(QStringLiteral("finagent.*.debug=true"));

    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const Result<QString> urlText = RemoteEndpoint::expandVariables(positional.first(), env);
    if (!urlText) {
        fail(urlText.error().message);
        return 2;
    }
    const QUrl url(urlText.value(), QUrl::StrictMode);
    if (const Result<void> ok = RemoteEndpoint::checkUrl(url, parser.isSet(QStringLiteral("allow-http")));
        !ok) {
        fail(ok.error().message);
        return 2;
    }

    RemoteBackend::Options options;
    options.url = url;
    for (const QString& h : parser.values(QStringLiteral("header"))) {
        const auto header = RemoteEndpoint::parseHeader(h, env);
        if (!header) {
            fail(header.error().message);
            return 2;
        }
        options.headers.append(header.value());
    }
    for (const QString& file : parser.values(QStringLiteral("header-file"))) {
        const auto headers = RemoteEndpoint::readHeaderFile(file, env);
        if (!headers) {
            fail(headers.error().message);
            return 2;
        }
        options.headers.append(headers.value());
    }
    if (parser.isSet(QStringLiteral("token-file"))) {
        if (hasCredentialHeader(options.headers)) {
            fail(QStringLiteral(
                "give the credential once: --token-file and an Authorization header were both given"));
            return 2;
        }
        const auto token = RemoteEndpoint::readTokenFile(parser.value(QStringLiteral("token-file")));
        if (!token) {
            fail(token.error().message);
            return 2;
        }
        options.token = token.value();
    } else if (!hasCredentialHeader(options.headers)) {
        EnvSecretStore secrets(env);
        const Result<QString> token = secrets.value(SecretNames::remoteToken());
        if (token.ok()) {
            options.token = token.value().trimmed().toUtf8();
        } else if (token.error().code != QLatin1String("secret_not_found")) {
            fail(token.error().message);
            return 2;
        }
    }
    options.credentialHint =
        QStringLiteral("check the token the bridge sends (--header, --header-file, --token-file "
                       "or FINAGENT_REMOTE_TOKEN)");
    if (!positiveSeconds(parser, QStringLiteral("timeout"), &options.requestTimeoutMs)
        || !positiveSeconds(parser, QStringLiteral("connect-timeout"), &options.connectTimeoutMs))
        return 2;
    if (parser.isSet(QStringLiteral("enable-proxy")))
        QNetworkProxyFactory::setUseSystemConfiguration(true);

    QNetworkAccessManager network;
    RemoteBackend remote(network, nullptr, options);
    std::unique_ptr<McpServer> server;
    std::unique_ptr<StdioTransport> transport;
    bool exiting = false;

    const auto finish = [&remote, &exiting](int code) {
        if (exiting)
            return;
        exiting = true;
        // End the remote session politely, without letting a slow remote hold the exit.
        QTimer::singleShot(3000, QCoreApplication::instance(), [code]() { QCoreApplication::exit(code); });
        remote.close([code]() { QCoreApplication::exit(code); });
    };

    // Serve the local client once the remote answered, so its initialize gets the remote's
    // identity and capabilities.
    QObject::connect(&remote, &RemoteBackend::connected, &remote, [&]() {
        if (server)
            return;
        const QJsonObject info = remote.serverInfo();
        ServerIdentity identity;
        identity.name = info.value(QStringLiteral("name")).toString(QStringLiteral("finagent-bridge"));
        identity.title = info.value(QStringLiteral("title")).toString(identity.name);
        identity.version = info.value(QStringLiteral("version")).toString();
        server = std::make_unique<McpServer>(identity, &remote);
        transport = std::make_unique<StdioTransport>(*server);
        QObject::connect(transport.get(), &StdioTransport::finished, &remote, [&finish]() { finish(0); });
        qCInfo(lcBridge).noquote() << QStringLiteral("bridging stdio to %1 (%2 %3)")
                                          .arg(RemoteEndpoint::display(url), identity.name, identity.version);
        transport->start();
    });
    QObject::connect(&remote, &Backend::statusChanged, &remote, [&]() {
        const BackendStatus s = remote.status();
        if (server || exiting)
            return;
        if (s.state == BackendStatus::State::Unreachable || s.state == BackendStatus::State::Refused) {
            exiting = true;
            fail(s.description);
            refuseLocalClient(s.description);
        }
    });

    SignalWatcher signalWatcher;
    QObject::connect(
        &signalWatcher, &SignalWatcher::terminationRequested, &remote, [&finish](int) { finish(0); });

    remote.setListening(true);
    remote.connectToRemote();
    const int code = QCoreApplication::exec();
    transport.reset();
    server.reset();
    return code;
}

} // namespace Verbs
