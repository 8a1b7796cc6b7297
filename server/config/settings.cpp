#include "config/settings.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>

namespace
{

Settings::Key key(const char* name, const char* env, const QVariant& def, const char* help)
{
    return Settings::Key {QString::fromLatin1(name), QString::fromLatin1(env), def, QString::fromUtf8(help)};
}

QHash<QString, QString> processEnvironment()
{
    QHash<QString, QString> out;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& k : env.keys()) {
        if (k.startsWith(QLatin1String("FINAGENT_")) || k == QLatin1String("DATABASE_URL"))
            out.insert(k, env.value(k));
    }
    return out;
}

} // namespace

const QList<Settings::Key>& Settings::keys()
{
    static const QList<Key> list {
        key("mode", "FINAGENT_MODE", QStringLiteral("local"),
            "local: run the tools here; remote: forward to remote.url"),
        key("http.host", "FINAGENT_HOST", QStringLiteral("127.0.0.1"),
            "Address the HTTP endpoint listens on"),
        key("http.port", "FINAGENT_PORT", 8765, "Port of the HTTP endpoint (0 picks a free one)"),
        key("http.auth", "FINAGENT_AUTH", QStringLiteral("required"),
            "required | off (off is allowed on loopback only)"),
        key("http.token_file", "FINAGENT_TOKEN_FILE", QString(), "serve: file holding the access token"),
        key("http.allowed_hosts", "FINAGENT_ALLOWED_HOSTS", QString(),
            "Extra Host names to accept (comma-separated)"),
        key("http.allowed_origins", "FINAGENT_ALLOWED_ORIGINS", QString(),
            "Browser origins allowed to call (comma-separated)"),
        key("http.max_body_bytes", "FINAGENT_MAX_BODY_BYTES", 4 * 1024 * 1024,
            "Largest request body accepted"),
        key("http.max_connections", "FINAGENT_MAX_CONNECTIONS", 256, "Most simultaneous connections"),
        key("http.idle_timeout_ms", "FINAGENT_IDLE_TIMEOUT_MS", 60000,
            "Idle connections are closed after this"),
        key("http.public_url", "FINAGENT_HTTP_PUBLIC_URL", QString(),
            "serve: base URL clients use (https://mcp.example.com), for OAuth metadata"),
        key("http.rate_limit_per_minute", "FINAGENT_RATE_LIMIT_PER_MINUTE", 600,
            "serve: requests per minute per named token or JWT subject (0: no limit)"),
        key("http.token_refresh_ms", "FINAGENT_TOKEN_REFRESH_MS", 5000,
            "serve: how often named tokens are reloaded from the database"),
        key("http.metrics_public", "FINAGENT_METRICS_PUBLIC", false, "serve: GET /metrics without a token"),
        key("http.jwt_hs256_secret_file", "FINAGENT_JWT_HS256_SECRET_FILE", QString(),
            "serve: file with the HS256 secret of accepted JWTs"),
        key("http.jwt_rs256_public_key", "FINAGENT_JWT_RS256_PUBLIC_KEY", QString(),
            "serve: PEM file with the RS256 public key of accepted JWTs"),
        key("http.jwt_issuer", "FINAGENT_JWT_ISSUER", QString(), "serve: required \"iss\" of accepted JWTs"),
        key("http.jwt_audience", "FINAGENT_JWT_AUDIENCE", QString(),
            "serve: required \"aud\" of accepted JWTs"),
        key("http.jwt_authorization_servers", "FINAGENT_JWT_AUTHORIZATION_SERVERS", QString(),
            "serve: authorization server URLs for OAuth metadata (comma-separated)"),
        key("http.jwt_leeway_seconds", "FINAGENT_JWT_LEEWAY_SECONDS", 60,
            "serve: clock skew allowed for JWT exp and nbf"),
        key("storage.database_url", "DATABASE_URL", QString(),
            "Empty: SQLite in the data folder; or postgresql://user:pass@host/db"),
        key("market.binance_url", "FINAGENT_BINANCE_URL", QStringLiteral("https://data-api.binance.vision"),
            "Binance spot market data base URL"),
        key("market.binance_futures_url", "FINAGENT_BINANCE_FUTURES_URL",
            QStringLiteral("https://fapi.binance.com"), "Binance USD-M futures base URL"),
        key("market.coingecko_url", "FINAGENT_COINGECKO_URL", QString(),
            "CoinGecko base URL (empty: chosen by tier)"),
        key("market.coingecko_tier", "FINAGENT_COINGECKO_TIER", QStringLiteral("keyless"),
            "keyless | demo | pro"),
        key("market.coingecko_calls_per_minute", "FINAGENT_COINGECKO_CALLS_PER_MINUTE", 0,
            "CoinGecko calls per minute (0: the tier's plan limit)"),
        key("market.timeout_ms", "FINAGENT_MARKET_TIMEOUT_MS", 10000, "Timeout of one upstream request"),
        key("market.depeg_threshold", "FINAGENT_DEPEG_THRESHOLD", QStringLiteral("0.005"),
            "USDT depeg warning when |price - 1| exceeds this"),
        key("payments.provider", "FINAGENT_PAYMENT_PROVIDER", QStringLiteral("sandbox"),
            "sandbox | coinremitter"),
        key("payments.coinremitter_url", "FINAGENT_COINREMITTER_URL",
            QStringLiteral("https://api.coinremitter.com/v1"), "CoinRemitter API base URL"),
        key("payments.wallets", "FINAGENT_WALLETS", QStringLiteral("USDTTRC20,USDTERC20"),
            "Coins with a wallet (comma-separated)"),
        key("payments.invoice_expiry_minutes", "FINAGENT_INVOICE_EXPIRY_MINUTES", 60,
            "Lifetime of a new invoice"),
        key("payments.refresh_interval_ms", "FINAGENT_REFRESH_INTERVAL_MS", 30000,
            "How often pending invoices are checked"),
        key("payments.public_url", "FINAGENT_PUBLIC_URL", QString(),
            "serve: public base URL for payment webhooks"),
        key("remote.url", "FINAGENT_REMOTE_URL", QString(), "URL of the remote FinAgent's /mcp endpoint"),
        key("ui.language", "FINAGENT_LANGUAGE", QStringLiteral("system"), "system | en | zh_CN"),
        key("ui.price_refresh_ms", "FINAGENT_PRICE_REFRESH_MS", 5000, "Prices page refresh interval"),
        key("ui.invoice_refresh_ms", "FINAGENT_INVOICE_REFRESH_MS", 5000, "Invoices page refresh interval"),
        key("ui.watchlist", "FINAGENT_WATCHLIST", QStringLiteral("BTCUSDT,ETHUSDT,BNBUSDT,SOLUSDT"),
            "Symbols on the Prices page"),
        key("ui.chart_interval", "FINAGENT_CHART_INTERVAL", QStringLiteral("1h"),
            "Candle interval of the Prices chart"),
        key("ui.chart_overlays", "FINAGENT_CHART_OVERLAYS", QStringLiteral("sma20,sma50,last_price"),
            "Indicator overlays on the Prices chart"),
        key("ui.start_on_login", "FINAGENT_START_ON_LOGIN", false, "Start FinAgent when you log in"),
        key("ui.serve_http", "FINAGENT_SERVE_HTTP", true, "The desktop app serves MCP over HTTP"),
        key("ui.window_geometry", "FINAGENT_WINDOW_GEOMETRY", QString(),
            "Saved main window geometry (set by the app)"),
        key("ui.last_page", "FINAGENT_LAST_PAGE", QStringLiteral("overview"),
            "Page shown when the window opens (set by the app)"),
        key("ui.minimize_hint_shown", "FINAGENT_MINIMIZE_HINT_SHOWN", false,
            "The \"still running in the tray\" notice was shown"),
        key("ui.notifications", "FINAGENT_NOTIFICATIONS", true,
            "Desktop notifications for invoice status changes"),
        key("log.format", "FINAGENT_LOG_FORMAT", QStringLiteral("text"),
            "text | json (one JSON object per line)"),
    };
    return list;
}

const Settings::Key* Settings::findKey(const QString& name)
{
    for (const Key& k : keys()) {
        if (k.name == name)
            return &k;
    }
    return nullptr;
}

QString Settings::defaultConfigDir()
{
    const QString env = qEnvironmentVariable("FINAGENT_CONFIG_DIR");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/finagent");
}

QString Settings::defaultDataDir()
{
    const QString env = qEnvironmentVariable("FINAGENT_DATA_DIR");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/finagent");
}

Settings::Settings(const QString& configDir, QObject* parent)
    : QObject(parent)
    , m_configDir(configDir)
    , m_env(processEnvironment())
{
    m_file = new QSettings(filePath(), QSettings::IniFormat);
}

Settings::~Settings()
{
    delete m_file;
}

QString Settings::dataDir() const
{
    return defaultDataDir();
}

QString Settings::filePath() const
{
    return QDir(m_configDir).filePath(QStringLiteral("finagent.ini"));
}

QVariant Settings::value(const QString& name) const
{
    if (auto it = m_overrides.constFind(name); it != m_overrides.constEnd())
        return it.value();
    const Key* k = findKey(name);
    if (k) {
        if (auto e = m_env.constFind(k->env); e != m_env.constEnd() && !e.value().isEmpty())
            return e.value();
        if (name == QLatin1String("storage.database_url")) {
            const QString alt = m_env.value(QStringLiteral("FINAGENT_DATABASE_URL"));
            if (!alt.isEmpty())
                return alt;
        }
    }
    const QString fileKey = QString(name).replace(QLatin1Char('.'), QLatin1Char('/'));
    if (m_file->contains(fileKey))
        return m_file->value(fileKey);
    return k ? k->defaultValue : QVariant();
}

bool Settings::boolean(const QString& name) const
{
    const QVariant v = value(name);
    if (v.typeId() == QMetaType::Bool)
        return v.toBool();
    const QString s = v.toString().trimmed().toLower();
    return s == QLatin1String("1") || s == QLatin1String("true") || s == QLatin1String("yes")
        || s == QLatin1String("on");
}

QStringList Settings::list(const QString& name) const
{
    const QVariant v = value(name);
    QStringList raw =
        v.typeId() == QMetaType::QStringList ? v.toStringList() : v.toString().split(QLatin1Char(','));
    QStringList out;
    for (QString& s : raw) {
        s = s.trimmed();
        if (!s.isEmpty())
            out.append(s);
    }
    return out;
}

Settings::Source Settings::source(const QString& name) const
{
    if (m_overrides.contains(name))
        return Source::CommandLine;
    if (const Key* k = findKey(name); k && !m_env.value(k->env).isEmpty())
        return Source::Environment;
    if (m_file->contains(QString(name).replace(QLatin1Char('.'), QLatin1Char('/'))))
        return Source::File;
    return Source::Default;
}

QString Settings::sourceName(Source s)
{
    switch (s) {
    case Source::Default:
        return QStringLiteral("default");
    case Source::File:
        return QStringLiteral("settings file");
    case Source::Environment:
        return QStringLiteral("environment");
    case Source::CommandLine:
        return QStringLiteral("command line");
    }
    return {};
}

void Settings::setOverride(const QString& name, const QVariant& value)
{
    m_overrides.insert(name, value);
    Q_EMIT changed(name);
}

Result<void> Settings::setValue(const QString& name, const QVariant& value)
{
    if (!findKey(name))
        return Error(
            QStringLiteral("unknown_setting"), QStringLiteral("There is no setting named \"%1\"").arg(name));
    QDir().mkpath(m_configDir);
    m_file->setValue(QString(name).replace(QLatin1Char('.'), QLatin1Char('/')), value);
    m_file->sync();
    if (m_file->status() != QSettings::NoError)
        return Error(QStringLiteral("settings_write_failed"),
            QStringLiteral("Could not write %1: check that the folder is writable").arg(filePath()));
    Q_EMIT changed(name);
    return {};
}

void Settings::reload()
{
    m_file->sync();
}

void Settings::setEnvironment(const QHash<QString, QString>& env)
{
    m_env = env;
}
