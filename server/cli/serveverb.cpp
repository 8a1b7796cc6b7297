#include "cli/verbs.h"

#include "cli/signalwatcher.h"
#include "config/settings.h"
#include "core/securerandom.h"
#include "protocol/mcpserver.h"
#include "runtime/runtime.h"
#include "security/accesspolicy.h"
#include "security/compositeverifier.h"
#include "security/envsecretstore.h"
#include "security/jwtverifier.h"
#include "security/protectedresource.h"
#include "security/secretnames.h"
#include "security/storedtokenverifier.h"
#include "transport/httpendpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcServe, "finagent.serve")

namespace
{

const char* kServeHelp =
    "Usage: finagent serve [options]\n\n"
    "Serves MCP over Streamable HTTP at http://<host>:<port>/mcp, with no window.\n\n"
    "Options:\n"
    "  --host <address>          address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)\n"
    "  --port <port>             port (default 8765; 0 picks a free one and prints it)\n"
    "  --token-file <file>       file holding the access token clients send as \"Authorization: Bearer "
    "<token>\"\n"
    "  --no-auth                 accept requests without a token (loopback addresses only)\n"
    "  --allowed-host <name>     also answer to this Host name (repeatable)\n"
    "  --allowed-origin <origin> allow this browser origin, e.g. https://app.example.com (repeatable)\n"
    "  --public-url <url>        the address clients use, e.g. https://mcp.example.com (behind a proxy)\n"
    "  --conformance-fixtures    register the MCP conformance suite's test fixtures (protocol testing only)\n"
    "  --set key=value           any setting for this run (see `finagent --help`)\n"
    "  --log-format text|json    log line format on stderr\n\n"
    "JWT access tokens from an OAuth 2.1 authorization server (optional):\n"
    "  --jwt-hs256-secret-file <file>     accept HS256 tokens signed with the secret in this file\n"
    "  --jwt-rs256-public-key <file>      accept RS256 tokens signed by this key (PEM public key)\n"
    "  --jwt-issuer <iss>                 required \"iss\" claim (required with JWT)\n"
    "  --jwt-audience <aud>               required \"aud\" claim (required with JWT)\n"
    "  --jwt-authorization-server <url>   advertised in /.well-known/oauth-protected-resource "
    "(repeatable)\n\n"
    "Clients send a token as \"Authorization: Bearer <token>\" or \"X-API-Key: <token>\". Accepted tokens:\n"
    "  - the operator token, from --token-file, FINAGENT_TOKEN_FILE, FINAGENT_HTTP_TOKEN or\n"
    "    FINAGENT_HTTP_TOKEN_FILE; without one, FinAgent creates a random token in <data "
    "folder>/serve-token\n"
    "    (readable by you only) and prints where it is. It is not rate limited;\n"
    "  - named tokens made with `finagent token create <name>` (stored hashed in the database, revocable,\n"
    "    rate limited by http.rate_limit_per_minute or their own limit);\n"
    "  - JWTs, when the options above are given.\n"
    "The same settings come from FINAGENT_HOST, FINAGENT_PORT, ... environment variables.\n"
    "Endpoints: /mcp, /health, /live, /ready, /metrics (token unless http.metrics_public=true).\n";

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

Result<QByteArray> readKeyFile(const QString& path, const QString& what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("key_file_unreadable"),
            QStringLiteral("Cannot read the %1 file %2: %3").arg(what, path, f.errorString()));
    const QByteArray data = f.read(64 * 1024).trimmed();
    if (data.isEmpty())
        return Error(
            QStringLiteral("key_file_empty"), QStringLiteral("The %1 file %2 is empty").arg(what, path));
    return data;
}

// The JWT verifier when JWT options are set; null when JWT is off.
Result<std::shared_ptr<JwtVerifier>> jwtVerifier(const Settings& settings)
{
    JwtVerifier::Config config;
    const QString secretFile = settings.string(QStringLiteral("http.jwt_hs256_secret_file"));
    const QString keyFile = settings.string(QStringLiteral("http.jwt_rs256_public_key"));
    config.issuer = settings.string(QStringLiteral("http.jwt_issuer"));
    config.audience = settings.string(QStringLiteral("http.jwt_audience"));
    config.leewaySeconds = settings.integer(QStringLiteral("http.jwt_leeway_seconds"));
    if (secretFile.isEmpty() && keyFile.isEmpty()) {
        if (!config.issuer.isEmpty() || !config.audience.isEmpty())
            return Error(QStringLiteral("jwt_no_key"),
                QStringLiteral("--jwt-issuer and --jwt-audience need --jwt-hs256-secret-file or "
                               "--jwt-rs256-public-key"));
        return std::shared_ptr<JwtVerifier>();
    }
    if (!secretFile.isEmpty()) {
        Result<QByteArray> secret = readKeyFile(secretFile, QStringLiteral("HS256 secret"));
        if (!secret)
            return secret.error();
        config.hs256Secret = secret.value();
    }
    if (!keyFile.isEmpty()) {
        Result<QByteArray> pem = readKeyFile(keyFile, QStringLiteral("RS256 public key"));
        if (!pem)
            return pem.error();
        config.rs256PublicKeyPem = pem.value();
    }
    return JwtVerifier::create(config);
}

} // namespace

namespace Verbs
{

int serve(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("host"), QString(), QStringLiteral("address")));
    parser.addOption(QCommandLineOption(QStringLiteral("port"), QString(), QStringLiteral("port")));
    parser.addOption(QCommandLineOption(QStringLiteral("token-file"), QString(), QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("no-auth")));
    parser.addOption(QCommandLineOption(QStringLiteral("allowed-host"), QString(), QStringLiteral("name")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("allowed-origin"), QString(), QStringLiteral("origin")));
    parser.addOption(QCommandLineOption(QStringLiteral("conformance-fixtures")));
    parser.addOption(QCommandLineOption(QStringLiteral("public-url"), QString(), QStringLiteral("url")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("jwt-hs256-secret-file"), QString(), QStringLiteral("file")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("jwt-rs256-public-key"), QString(), QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("jwt-issuer"), QString(), QStringLiteral("iss")));
    parser.addOption(QCommandLineOption(QStringLiteral("jwt-audience"), QString(), QStringLiteral("aud")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("jwt-authorization-server"), QString(), QStringLiteral("url")));
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
            (settings.list(QStringLiteral("http.allowed_hosts"))
                + parser.values(QStringLiteral("allowed-host")))
                .join(QLatin1Char(',')));
    if (parser.isSet(QStringLiteral("allowed-origin")))
        settings.setOverride(QStringLiteral("http.allowed_origins"),
            (settings.list(QStringLiteral("http.allowed_origins"))
                + parser.values(QStringLiteral("allowed-origin")))
                .join(QLatin1Char(',')));

    const struct
    {
        const char* option;
        const char* setting;
    } plain[] = {{"public-url", "http.public_url"}, {"jwt-hs256-secret-file", "http.jwt_hs256_secret_file"},
        {"jwt-rs256-public-key", "http.jwt_rs256_public_key"}, {"jwt-issuer", "http.jwt_issuer"},
        {"jwt-audience", "http.jwt_audience"}};
    for (const auto& o : plain) {
        if (parser.isSet(QLatin1String(o.option)))
            settings.setOverride(QLatin1String(o.setting), parser.value(QLatin1String(o.option)));
    }
    if (parser.isSet(QStringLiteral("jwt-authorization-server")))
        settings.setOverride(QStringLiteral("http.jwt_authorization_servers"),
            (settings.list(QStringLiteral("http.jwt_authorization_servers"))
                + parser.values(QStringLiteral("jwt-authorization-server")))
                .join(QLatin1Char(',')));
    if (const QString publicUrl = settings.string(QStringLiteral("http.public_url")); !publicUrl.isEmpty()) {
        QString why;
        const QString normalized = ProtectedResource::normalizePublicUrl(publicUrl, &why);
        if (normalized.isEmpty()) {
            err() << QStringLiteral("finagent serve: %1\n").arg(why);
            err().flush();
            return 2;
        }
        settings.setOverride(QStringLiteral("http.public_url"), normalized);
    }

    QByteArray staticToken;
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
                qCInfo(lcServe).noquote()
                    << "access token is in" << path << "(send it as \"Authorization: Bearer <token>\")";
        }
        if (!token) {
            err() << QStringLiteral("finagent serve: %1\n").arg(token.error().message);
            err().flush();
            return 1;
        }
        staticToken = token.value();
    }
    Result<std::shared_ptr<JwtVerifier>> jwt = std::shared_ptr<JwtVerifier>();
    if (!authOff)
        jwt = jwtVerifier(settings);
    if (!jwt) {
        err() << QStringLiteral("finagent serve: %1\n").arg(jwt.error().message);
        err().flush();
        return 2;
    }

    Runtime runtime(settings,
        Runtime::Options {
            Runtime::Mode::Serve, parser.isSet(QStringLiteral("conformance-fixtures")), nullptr});
    std::shared_ptr<CompositeVerifier> verifier;
    if (!authOff) {
        verifier = std::make_shared<CompositeVerifier>();
        verifier->add(std::make_shared<StaticTokenVerifier>(staticToken, QStringLiteral("operator")));
        // Named tokens live in the database; until their first snapshot is loaded the instance is
        // not ready, so a load balancer does not send it clients whose tokens it cannot check yet.
        auto stored = std::make_shared<StoredTokenVerifier>(
            runtime.database(), settings.integer(QStringLiteral("http.token_refresh_ms")));
        std::weak_ptr<StoredTokenVerifier> weakStored = stored;
        runtime.addReadinessCondition([weakStored]() {
            const auto s = weakStored.lock();
            if (!s || s->isLoaded())
                return QString();
            return s->lastError().isEmpty() ? QStringLiteral("access tokens: not loaded yet")
                                            : QStringLiteral("access tokens: %1").arg(s->lastError());
        });
        stored->start();
        verifier->add(stored);
        if (jwt.value()) {
            verifier->add(jwt.value());
            runtime.enableProtectedResource(settings.list(QStringLiteral("http.jwt_authorization_servers")));
            qCInfo(lcServe).noquote() << QStringLiteral("accepting JWTs (%1) from issuer %2 for audience %3")
                                             .arg(jwt.value()->algorithms().join(QLatin1String(", ")),
                                                 settings.string(QStringLiteral("http.jwt_issuer")),
                                                 settings.string(QStringLiteral("http.jwt_audience")));
        }
    }
    const Result<quint16> port = runtime.startHttp(verifier);
    if (!port) {
        err() << QStringLiteral("finagent serve: %1\n").arg(port.error().message);
        err().flush();
        return 1;
    }
    qCInfo(lcServe).noquote() << "FinAgent serving MCP at"
                              << runtime.http()->baseUrl().toString() + QStringLiteral("/mcp")
                              << (authOff ? "(authentication OFF)" : "(bearer token required)");

    SignalWatcher signals_;
    QObject::connect(&signals_, &SignalWatcher::terminationRequested, &runtime, [&runtime](int sig) {
        qCInfo(lcServe) << "signal" << sig << "received: finishing in-flight requests, then exiting";
        runtime.http()->stopListening();
        auto* poll = new QTimer(&runtime);
        QElapsedTimer waited;
        waited.start();
        QObject::connect(poll, &QTimer::timeout, &runtime, [&runtime, waited]() {
            const bool drained =
                runtime.server().activeCallCount() == 0 && runtime.http()->unsentBytes() == 0;
            if (drained || waited.elapsed() > 30000)
                QCoreApplication::exit(0);
        });
        poll->start(50);
    });
    return QCoreApplication::exec();
}

} // namespace Verbs
