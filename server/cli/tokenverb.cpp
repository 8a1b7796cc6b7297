#include "cli/tokenverb.h"

#include "cli/verbs.h"
#include "config/settings.h"
#include "security/tokenstore.h"
#include "storage/database.h"
#include "storage/databaseconfig.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace
{

const char* kTokenHelp =
    "Usage: finagent token <action> [options]\n\n"
    "Named access tokens for `finagent serve`. Clients send one as \"Authorization: Bearer <token>\" or\n"
    "\"X-API-Key: <token>\". Only a hash of each token is stored, in the database `serve` uses\n"
    "(DATABASE_URL, or finagent.db in the data folder), so every replica on one PostgreSQL knows it.\n\n"
    "Actions:\n"
    "  create <name>               make a token and print it once on stdout (store it now: it cannot be\n"
    "                              shown again)\n"
    "      --expires-in-days N     the token stops working after N days (default: never)\n"
    "      --rate-limit N          at most N requests per minute (default: http.rate_limit_per_minute)\n"
    "  list                        names, prefixes, status and dates (never the tokens)\n"
    "      --json                  print JSON instead of a table\n"
    "  revoke <name>               the token stops working\n\n"
    "Running `serve` instances see new and revoked tokens within http.token_refresh_ms (default 5 s).\n"
    "Names are 1 to 64 letters, digits, dots, dashes or underscores.\n";

using Verbs::err;
using Verbs::out;

int fail(const QString& message, int code = 1)
{
    err() << QStringLiteral("finagent token: %1\n").arg(message);
    err().flush();
    return code;
}

QString when(const std::optional<qint64>& ms)
{
    if (!ms)
        return QStringLiteral("-");
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// A positive whole number from an option, or 0 (after printing why).
int positiveOption(const QCommandLineParser& parser, const QString& name, int max)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 1 || value > max) {
        fail(QStringLiteral("--%1 must be a whole number from 1 to %2, not \"%3\".")
                 .arg(name)
                 .arg(max)
                 .arg(parser.value(name)),
            2);
        return 0;
    }
    return value;
}

int create(Database& db, const QCommandLineParser& parser, const QString& name)
{
    TokenStore::NewToken request;
    request.name = name;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(QStringLiteral("expires-in-days"))) {
        const int days = positiveOption(parser, QStringLiteral("expires-in-days"), 3650);
        if (days == 0)
            return 2;
        request.expiresAt = now + qint64(days) * 24 * 3600 * 1000;
    }
    if (parser.isSet(QStringLiteral("rate-limit"))) {
        const int limit = positiveOption(parser, QStringLiteral("rate-limit"), 1000000);
        if (limit == 0)
            return 2;
        request.rateLimitPerMinute = limit;
    }
    const Result<TokenStore::Created> created = db.runBlocking<TokenStore::Created>(
        [&request, now](QSqlDatabase& c) { return TokenStore::createJob(c, request, now); });
    if (!created)
        return fail(created.error().message);
    // The token goes to stdout alone (for `TOKEN=$(finagent token create ci)`); everything else to
    // stderr. It is never logged.
    out() << QString::fromLatin1(created.value().token) << '\n';
    out().flush();
    const ApiToken& r = created.value().record;
    err() << QStringLiteral("Created token \"%1\" (%2...)%3. It is shown only this once: store it now.\n")
                 .arg(r.name, r.prefix,
                     r.expiresAt ? QStringLiteral(", valid until %1 UTC").arg(when(r.expiresAt)) : QString());
    err().flush();
    return 0;
}

int list(Database& db, const QCommandLineParser& parser)
{
    const Result<QList<ApiToken>> tokens =
        db.runBlocking<QList<ApiToken>>([](QSqlDatabase& c) { return TokenStore::listJob(c); });
    if (!tokens)
        return fail(tokens.error().message);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray items;
        for (const ApiToken& t : tokens.value())
            items.append(t.toJson(now));
        out() << QString::fromUtf8(QJsonDocument(items).toJson(QJsonDocument::Indented));
        out().flush();
        return 0;
    }
    if (tokens.value().isEmpty()) {
        out() << QStringLiteral("No tokens yet. Make one with `finagent token create <name>`.\n");
        out().flush();
        return 0;
    }
    const QString row = QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n");
    out() << row.arg(QStringLiteral("NAME"), -24)
                 .arg(QStringLiteral("PREFIX"), -13)
                 .arg(QStringLiteral("STATUS"), -8)
                 .arg(QStringLiteral("CREATED (UTC)"), -16)
                 .arg(QStringLiteral("LAST USED"), -16)
                 .arg(QStringLiteral("EXPIRES"), -16)
                 .arg(QStringLiteral("PER MINUTE"));
    for (const ApiToken& t : tokens.value()) {
        out() << row.arg(t.name, -24)
                     .arg(t.prefix + QStringLiteral("..."), -13)
                     .arg(t.status(now), -8)
                     .arg(when(t.createdAt), -16)
                     .arg(when(t.lastUsedAt), -16)
                     .arg(when(t.expiresAt), -16)
                     .arg(t.rateLimitPerMinute ? QString::number(*t.rateLimitPerMinute)
                                               : QStringLiteral("default"));
    }
    out().flush();
    return 0;
}

int revoke(Database& db, const QString& name)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Result<ApiToken> revoked = db.runBlocking<ApiToken>(
        [&name, now](QSqlDatabase& c) { return TokenStore::revokeJob(c, name, now); });
    if (!revoked)
        return fail(revoked.error().message);
    out() << QStringLiteral(
        "Revoked token \"%1\" (%2...). Running servers refuse it within their token refresh "
        "interval.\n")
                 .arg(revoked.value().name, revoked.value().prefix);
    out().flush();
    return 0;
}

} // namespace

namespace Verbs
{

int token(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addOption(
        QCommandLineOption(QStringLiteral("expires-in-days"), QString(), QStringLiteral("days")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("rate-limit"), QString(), QStringLiteral("per-minute")));
    parser.addOption(QCommandLineOption(QStringLiteral("json")));
    if (!parse(parser, args, QStringLiteral("token")))
        return 2;
    if (parser.isSet(QStringLiteral("help"))) {
        out() << QString::fromUtf8(kTokenHelp);
        out().flush();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const bool needsName = action == QLatin1String("create") || action == QLatin1String("revoke");
    if (action != QLatin1String("list") && !needsName)
        return fail(
            QStringLiteral("the action must be create, list or revoke. Run `finagent token --help`."), 2);
    if (positional.size() != (needsName ? 2 : 1))
        return fail(needsName
                ? QStringLiteral("%1 takes one token name, e.g. `finagent token %1 ci-bot`.").arg(action)
                : QStringLiteral("list takes no name."),
            2);
    if (action != QLatin1String("create")
        && (parser.isSet(QStringLiteral("expires-in-days")) || parser.isSet(QStringLiteral("rate-limit"))))
        return fail(QStringLiteral("--expires-in-days and --rate-limit go with create."), 2);

    Settings settings;
    if (!applyCommonOptions(parser, settings))
        return 2;
    const QString defaultPath = QDir(settings.dataDir()).filePath(QStringLiteral("finagent.db"));
    const Result<DatabaseConfig> config =
        DatabaseConfig::fromUrl(settings.string(QStringLiteral("storage.database_url")), defaultPath);
    if (!config)
        return fail(config.error().message);
    Database db(config.value());
    const Result<void> opened = db.openBlocking();
    if (!opened)
        return fail(opened.error().message);

    if (action == QLatin1String("create"))
        return create(db, parser, positional.at(1));
    if (action == QLatin1String("revoke"))
        return revoke(db, positional.at(1));
    return list(db, parser);
}

} // namespace Verbs
