#include "localendpoint.h"

#include "config/settings.h"
#include "core/securerandom.h"
#include "protocol/mcpsession.h"
#include "runtime/runtime.h"
#include "security/accesspolicy.h"
#include "security/secretnames.h"
#include "security/secretstore.h"
#include "transport/httpendpoint.h"
#include "transport/mcphttpservice.h"

Q_LOGGING_CATEGORY(lcEndpoint, "finagent.endpoint")

namespace
{

// 32 random bytes, URL-safe base64: what clients send as "Authorization: Bearer <token>".
constexpr int kTokenBytes = 32;

} // namespace

LocalEndpoint::LocalEndpoint(Runtime& runtime, SecretStore& secrets, QObject* parent)
    : LocalEndpointInfo(parent)
    , m_runtime(runtime)
    , m_secrets(secrets)
{ }

LocalEndpoint::~LocalEndpoint()
{
    m_runtime.stopHttp();
}

void LocalEndpoint::initialize(bool serve)
{
    m_startWhenLoaded = serve;
    setState(State::Loading);
    m_secrets.read(SecretNames::httpToken(), this, [this](Result<QString> stored) {
        if (stored.ok() && !stored.value().isEmpty()) {
            tokenLoaded(stored.value(), true, QString());
            return;
        }
        const QString fresh = SecureRandom::token(kTokenBytes);
        if (!stored.ok() && stored.error().code != QLatin1String("secret_not_found")) {
            qCWarning(lcEndpoint).noquote()
                << "keychain unavailable, using a token for this session only:" << stored.error().message;
            tokenLoaded(fresh, false,
                tr("The keychain could not be used (%1). FinAgent uses an access token that lasts until it "
                   "quits; after a restart, give your AI clients the new token on the Connect page.")
                    .arg(stored.error().message));
            return;
        }
        // First run: create the token and keep it in the keychain.
        m_secrets.write(SecretNames::httpToken(), fresh, this, [this, fresh](Result<void> written) {
            if (written.ok()) {
                qCInfo(lcEndpoint) << "created the access token of the local endpoint: [redacted]";
                tokenLoaded(fresh, true, QString());
            } else {
                qCWarning(lcEndpoint).noquote()
                    << "could not store the access token in the keychain:" << written.error().message;
                tokenLoaded(fresh, false,
                    tr("The access token could not be saved in the keychain (%1). It lasts until FinAgent "
                       "quits; after a restart, give your AI clients the new token on the Connect page.")
                        .arg(written.error().message));
            }
        });
    });
}

void LocalEndpoint::tokenLoaded(const QString& token, bool persistent, const QString& notice)
{
    m_token = token;
    m_tokenPersistent = persistent;
    m_tokenNotice = notice;
    Q_EMIT tokenChanged();
    setState(State::Stopped);
    if (m_startWhenLoaded)
        start();
}

QUrl LocalEndpoint::mcpUrl() const
{
    QUrl url;
    if (HttpEndpoint* http = m_runtime.http()) {
        url = http->baseUrl();
    } else {
        const quint16 configured = port();
        if (configured == 0)
            return QUrl();
        const QString host = m_runtime.settings().string(QStringLiteral("http.host"));
        url.setScheme(QStringLiteral("http"));
        url.setHost(host == QLatin1String("0.0.0.0") ? QStringLiteral("127.0.0.1") : host);
        url.setPort(configured);
    }
    url.setPath(QStringLiteral("/mcp"));
    return url;
}

quint16 LocalEndpoint::port() const
{
    if (HttpEndpoint* http = m_runtime.http())
        return http->port();
    return quint16(m_runtime.settings().integer(QStringLiteral("http.port")));
}

QStringList LocalEndpoint::sessionClients() const
{
    QStringList names;
    if (!m_service)
        return names;
    for (McpSession* session : m_service->sessions()) {
        if (!session || !session->isInitialized() || session->isClosed())
            continue;
        const QJsonObject info = session->clientInfo();
        QString name = info.value(QStringLiteral("title")).toString();
        if (name.isEmpty())
            name = info.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            name = tr("Unnamed client");
        const QString version = info.value(QStringLiteral("version")).toString();
        names << (version.isEmpty() ? name : QStringLiteral("%1 %2").arg(name, version));
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

void LocalEndpoint::start()
{
    if (m_state == State::Serving)
        return;
    if (m_state == State::Loading) {
        m_startWhenLoaded = true;
        return;
    }
    auto verifier = std::make_shared<StaticTokenVerifier>(m_token.toUtf8(), QStringLiteral("desktop"));
    const Result<quint16> started = m_runtime.startHttp(verifier);
    if (!started) {
        QString why = started.error().message;
        if (started.error().code == QLatin1String("listen_failed"))
            why = tr(
                "FinAgent could not listen on port %1; another program may be using it. Choose another port "
                "in Settings, or quit the program that uses it.")
                      .arg(port());
        qCWarning(lcEndpoint).noquote() << "the local endpoint did not start:" << started.error().message;
        setState(State::Failed, why);
        return;
    }
    watchSessions();
    setState(State::Serving);
    Q_EMIT sessionsChanged();
}

void LocalEndpoint::stop()
{
    m_startWhenLoaded = false;
    if (m_state == State::Loading)
        return;
    const bool hadSessions = m_service && m_service->sessionCount() > 0;
    m_runtime.stopHttp();
    m_service.clear();
    setState(State::Stopped);
    if (hadSessions)
        Q_EMIT sessionsChanged();
}

void LocalEndpoint::restart()
{
    if (m_state == State::Loading)
        return;
    if (m_state == State::Serving)
        stop();
    start();
}

void LocalEndpoint::regenerateToken()
{
    if (m_state == State::Loading)
        return;
    const QString fresh = SecureRandom::token(kTokenBytes);
    m_token = fresh;
    if (HttpEndpoint* http = m_runtime.http())
        http->setTokenVerifier(
            std::make_shared<StaticTokenVerifier>(fresh.toUtf8(), QStringLiteral("desktop")));
    qCInfo(lcEndpoint) << "access token regenerated: [redacted]";
    Q_EMIT tokenChanged();
    Q_EMIT stateChanged();
    m_secrets.write(SecretNames::httpToken(), fresh, this, [this, fresh](Result<void> written) {
        if (m_token != fresh)
            return; // regenerated again meanwhile; that write reports
        if (written.ok()) {
            m_tokenPersistent = true;
            m_tokenNotice.clear();
        } else {
            qCWarning(lcEndpoint).noquote()
                << "could not store the new access token in the keychain:" << written.error().message;
            m_tokenPersistent = false;
            m_tokenNotice = tr("The new access token could not be saved in the keychain (%1). It lasts until "
                               "FinAgent quits.")
                                .arg(written.error().message);
        }
        Q_EMIT tokenChanged();
        Q_EMIT stateChanged();
    });
}

void LocalEndpoint::setState(State state, const QString& error)
{
    m_state = state;
    m_lastError = error;
    Q_EMIT stateChanged();
}

void LocalEndpoint::watchSessions()
{
    m_service = m_runtime.httpService();
    if (!m_service)
        return;
    connect(m_service, &McpHttpService::sessionOpened, this, &LocalEndpointInfo::sessionsChanged);
    connect(m_service, &McpHttpService::sessionClosed, this, &LocalEndpointInfo::sessionsChanged);
}
