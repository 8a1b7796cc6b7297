#include "cli/verbs.h"

#include "cli/signalwatcher.h"
#include "config/settings.h"
#include "core/securerandom.h"
#include "protocol/mcpserver.h"
#include "runtime/runtime.h"
#include "security/accesspolicy.h"
#include "security/envsecretstore.h"
#include "security/secretnames.h"
#include "transport/httpendpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcServe, "finagent.serve")

namespace {

const char* kServeHelp =
    "Usage: finagent serve [options]\n\n"
    "Serves MCP over Streamable HTTP at http://<host>:<port>/mcp, with no window.\n\n"
    "Options:\n"
    "  --host <address>          address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)\n"
    "  --port <port>             port (default 8765; 0 picks a free one and prints it)\n"
    "  --token-file <file>       file holding the access token clients send as \"Authorization: Bearer <token>\"\n"
    "  --no-auth                 accept requests without a token (loopback addresses only)\n"
    "  --allowed-host <name>     also answer to this Host name (repeatable)\n"
    "  --allowed-origin <origin> allow this browser origin, e.g. https://app.example.com (repeatable)\n"
    "  --conformance-fixtures    register the MCP conformance suite's test fixtures (protocol testing only)\n"
    "  --set key=value           any setting for this run (see `finagent --help`)\n"
    "  --log-format text|json    log line format on stderr\n\n"
    "The token comes from --token-file, FINAGENT_TOKEN_FILE, FINAGENT_HTTP_TOKEN or FINAGENT_HTTP_TOKEN_FILE.\n"
    "Without one, FinAgent creates a random token in <data folder>/serve-token (readable by you only) and\n"
    "prints where it is. The same settings come from FINAGENT_HOST, FINAGENT_PORT, ... environment variables.\n";

// The token from a file: trimmed; refuses empty or very short tokens.
Result<QByteArray> readTokenFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("token_file_unreadable"),
                     QStringLiteral("Cannot read the token file %1: %2").arg(path, f.errorString()));
    const QByteArray token = f.read(4096).trimmed();
    if (token.size() < 16)
        return Error(QStringLiteral("token_too_short"),
                     QStringLiteral("The token in %1 is shorter than 16 characters; use a long random token, e.g. "
                                    "`head -c 32 /dev/urandom | base64 > %1`")
                         .arg(path));
    return token;
}

Result<QByteArray> generatedToken(const QString& dataDir, QString* path)
{
    QDir().mkpath(dataDir);
    *path = QDir(dataDir).filePath(QStringLiteral("serve-token"));
    if (QFile::exists(*path))
        return readTokenFile(*path);
    QFile f(*path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error(QStringLiteral("token_file_unwritable"),
                     QStringLiteral("Cannot create %1: %2").arg(*path, f.errorString()));
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray token = SecureRandom::token(32).toLatin1();
    f.write(token + '\n');
    f.close();
    return token;
}

} // namespace

namespace Verbs {

int serve(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("host"), QString(), QStringLiteral("address")));
    parser.addOption(QCommandLineOption(QStringLiteral("port"), QString(), QStringLiteral("port")));
    parser.addOption(QCommandLineOption(QStringLiteral("token-file"), QString(), QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("no-auth")));
    parser.addOption(QCommandLineOption(QStringLiteral("allowed-host"), QString(), QStringLiteral("name")));
    parser.addOption(QCommandLineOption(QStringLiteral("allowed-origin"), QString(), QStringLiteral("origin")));
    parser.addOption(QCommandLineOption(QStringLiteral("conformance-fixtures")));
    if (!parse(parser, args, QStringLiteral("serve")))
        return 2;
    if (parser.isSet(QStringLiteral("help"))) {
        out() << QString::fromUtf8(kServeHelp);
        out().flush();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err() << QStringLiteral("finagent serve: unexpected argument \"%1\". Run `finagent serve --help`.\n")
                     .arg(parser.positionalArguments().first());
        err().flush();
        return 2;
    }

    Settings settings;
    if (!applyCommonOptions(parser, settings))
        return 2;
    if (parser.isSet(QStringLiteral("host")))
        settings.setOverride(QStringLiteral("http.host"), parser.value(QStringLiteral("host")));
    if (parser.isSet(QStringLiteral("port"))) {
        bool ok = false;
        const int port = parser.value(QStringLiteral("port")).toInt(&ok);
        if (!ok || port < 0 || port > 65535) {
            err() << QStringLiteral("finagent serve: --port must be a number from 0 to 65535, not \"%1\"\n")
                         .arg(parser.value(QStringLiteral("port")));
            err().flush();
            return 2;
        }
        settings.setOverride(QStringLiteral("http.port"), port);
    }
    if (parser.isSet(QStringLiteral("token-file")))
        settings.setOverride(QStringLiteral("http.token_file"), parser.value(QStringLiteral("token-file")));
    if (parser.isSet(QStringLiteral("no-auth")))
        settings.setOverride(QStringLiteral("http.auth"), QStringLiteral("off"));
    if (parser.isSet(QStringLiteral("allowed-host")))
        settings.setOverride(QStringLiteral("http.allowed_hosts"),
                             (settings.list(QStringLiteral("http.allowed_hosts")) + parser.values(QStringLiteral("allowed-host")))
                                 .join(QLatin1Char(',')));
    if (parser.isSet(QStringLiteral("allowed-origin")))
        settings.setOverride(QStringLiteral("http.allowed_origins"),
                             (settings.list(QStringLiteral("http.allowed_origins"))
                              + parser.values(QStringLiteral("allowed-origin")))
                                 .join(QLatin1Char(',')));

    std::shared_ptr<TokenVerifier> verifier;
    const bool authOff = settings.string(QStringLiteral("http.auth")).toLower() == QLatin1String("off");
    if (!authOff) {
        Result<QByteArray> token = Error();
        const QString tokenFile = settings.string(QStringLiteral("http.token_file"));
        EnvSecretStore env;
        if (!tokenFile.isEmpty()) {
            token = readTokenFile(tokenFile);
        } else if (const auto fromEnv = env.value(SecretNames::httpToken()); fromEnv.ok()) {
            token = fromEnv.value().toUtf8();
        } else {
            QString path;
            token = generatedToken(settings.dataDir(), &path);
            if (token.ok())
                qCInfo(lcServe).noquote() << "access token is in" << path << "(send it as \"Authorization: Bearer <token>\")";
        }
        if (!token) {
            err() << QStringLiteral("finagent serve: %1\n").arg(token.error().message);
            err().flush();
            return 1;
        }
        verifier = std::make_shared<StaticTokenVerifier>(token.value(), QStringLiteral("default"));
    }

    Runtime runtime(settings,
                    Runtime::Options{Runtime::Mode::Serve, parser.isSet(QStringLiteral("conformance-fixtures")), nullptr});
    const Result<quint16> port = runtime.startHttp(verifier);
    if (!port) {
        err() << QStringLiteral("finagent serve: %1\n").arg(port.error().message);
        err().flush();
        return 1;
    }
    qCInfo(lcServe).noquote() << "FinAgent serving MCP at" << runtime.http()->baseUrl().toString() + QStringLiteral("/mcp")
                              << (authOff ? "(authentication OFF)" : "(bearer token required)");

    SignalWatcher signals_;
    QObject::connect(&signals_, &SignalWatcher::terminationRequested, &runtime, [&runtime](int sig) {
        qCInfo(lcServe) << "signal" << sig << "received: finishing in-flight requests, then exiting";
        runtime.http()->stopListening();
        auto* poll = new QTimer(&runtime);
        QElapsedTimer waited;
        waited.start();
        QObject::connect(poll, &QTimer::timeout, &runtime, [&runtime, waited]() {
            if (runtime.server().activeCallCount() == 0 || waited.elapsed() > 30000)
                QCoreApplication::exit(0);
        });
        poll->start(50);
    });
    return QCoreApplication::exec();
}

} // namespace Verbs
