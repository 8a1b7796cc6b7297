#include "backend/backendrouter.h"

#include "backend/remotebackend.h"
#include "backend/remoteendpoint.h"
#include "config/settings.h"
#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"
#include "protocol/toolresult.h"
#include "security/secretstore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRouter, "finagent.backend")

BackendRouter::BackendRouter(Backend& local, QObject* parent)
    : Backend(parent)
    , m_local(local)
{
    m_remoteProblem =
        QStringLiteral("FinAgent is in remote mode but no remote URL is set: set it in Settings, or "
                       "switch to local mode.");
    attach(&m_local);
}

RemoteBackend* BackendRouter::remote() const
{
    return m_remote.data();
}

BackendRouter::~BackendRouter() = default;

std::optional<BackendRouter::Mode> BackendRouter::parseMode(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("local"))
        return Mode::Local;
    if (t == QLatin1String("remote"))
        return Mode::Remote;
    return std::nullopt;
}

QString BackendRouter::modeName(Mode mode)
{
    return mode == Mode::Remote ? QStringLiteral("remote") : QStringLiteral("local");
}

Backend* BackendRouter::active() const
{
    if (m_mode == Mode::Local)
        return &m_local;
    return m_remote.data();
}

void BackendRouter::attach(Backend* backend)
{
    connect(backend, &McpHandler::resourceUpdated, this, [this, backend](const QString& uri) {
        if (active() == backend)
            Q_EMIT resourceUpdated(uri);
    });
    connect(backend, &McpHandler::listChanged, this, [this, backend](const QString& kind) {
        if (active() == backend)
            Q_EMIT listChanged(kind);
    });
    connect(backend, &Backend::statusChanged, this, [this, backend]() {
        if (active() == backend)
            Q_EMIT statusChanged();
    });
}

void BackendRouter::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    qCInfo(lcRouter).noquote() << "mode:" << modeName(mode);
    if (m_remote) {
        m_remote->setListening(mode == Mode::Remote);
        if (mode == Mode::Remote)
            m_remote->connectToRemote();
    }
    Q_EMIT modeChanged(mode);
    Q_EMIT statusChanged();
    announceListsChanged();
}

void BackendRouter::setRemote(RemoteBackend* remote)
{
    if (remote == m_remote)
        return;
    RemoteBackend* old = m_remote;
    m_remote = remote;
    if (remote) {
        remote->setParent(this);
        attach(remote);
    }
    if (old)
        retire(old);
    if (m_mode == Mode::Remote) {
        if (remote) {
            remote->setListening(true);
            remote->connectToRemote();
        }
        Q_EMIT statusChanged();
        announceListsChanged();
    }
}

void BackendRouter::retire(RemoteBackend* remote)
{
    disconnect(remote, nullptr, this, nullptr);
    remote->setListening(false);
    if (remote->inFlightCount() == 0) {
        remote->close();
        remote->deleteLater();
        return;
    }
    connect(remote, &RemoteBackend::drained, remote, [remote]() {
        remote->close();
        remote->deleteLater();
    });
}

void BackendRouter::announceListsChanged()
{
    for (const QString& kind :
        {QStringLiteral("tools"), QStringLiteral("resources"), QStringLiteral("prompts")})
        Q_EMIT listChanged(kind);
}

BackendStatus BackendRouter::status() const
{
    if (m_mode == Mode::Local) {
        BackendStatus s = m_local.status();
        if (s.state == BackendStatus::State::Ready)
            s.description = QStringLiteral("local");
        return s;
    }
    if (!m_remote) {
        BackendStatus s;
        s.state = BackendStatus::State::Unreachable;
        s.description = m_remoteProblem;
        return s;
    }
    BackendStatus s = m_remote->status();
    s.description = QStringLiteral("remote: %1 — %2")
                        .arg(RemoteEndpoint::display(m_remote->url()), m_remote->client().statusText());
    return s;
}

QJsonObject BackendRouter::capabilities() const
{
    const Backend* b = active();
    return b ? b->capabilities() : m_local.capabilities();
}

QString BackendRouter::instructions() const
{
    const Backend* b = active();
    return b ? b->instructions() : m_local.instructions();
}

void BackendRouter::handle(McpCall* call)
{
    if (Backend* b = active()) {
        b->handle(call);
        return;
    }
    const Error e(QStringLiteral("remote_not_configured"), m_remoteProblem);
    if (call->method() == QLatin1String("tools/call"))
        call->replyTool(ToolResult::failure(e));
    else
        call->replyError(JsonRpc::InternalError, e.message, QJsonObject {{QStringLiteral("code"), e.code}});
}

void BackendRouter::recentToolCalls(
    qint64 afterId, int limit, QObject* ctx, std::function<void(Result<QJsonArray>)> done)
{
    if (Backend* b = active())
        b->recentToolCalls(afterId, limit, ctx, std::move(done));
    else
        Backend::recentToolCalls(afterId, limit, ctx, std::move(done));
}

void BackendRouter::followSettings(Settings& settings, QNetworkAccessManager& network, SecretStore* secrets)
{
    if (m_settings)
        disconnect(m_settings, nullptr, this, nullptr);
    m_settings = &settings;
    m_network = &network;
    m_secrets = secrets;
    applyRemoteUrl(settings.string(QStringLiteral("remote.url")));
    const auto applyMode = [this]() {
        const QString text = m_settings->string(QStringLiteral("mode"));
        const auto mode = parseMode(text);
        if (!mode) {
            qCWarning(lcRouter).noquote()
                << "the setting mode is" << text << "- expected local or remote; staying" << modeName(m_mode);
            return;
        }
        setMode(*mode);
    };
    applyMode();
    connect(&settings, &Settings::changed, this, [this, applyMode](const QString& name) {
        if (name == QLatin1String("remote.url"))
            applyRemoteUrl(m_settings->string(QStringLiteral("remote.url")));
        else if (name == QLatin1String("mode"))
            applyMode();
    });
}

void BackendRouter::applyRemoteUrl(const QString& text)
{
    const QString trimmed = text.trimmed();
    const QUrl url = QUrl::fromUserInput(trimmed);
    if (m_remote && m_remote->url() == url && !trimmed.isEmpty())
        return;
    if (trimmed.isEmpty()) {
        m_remoteProblem =
            QStringLiteral("FinAgent is in remote mode but no remote URL is set: set it in Settings, or "
                           "switch to local mode.");
        setRemote(nullptr);
        return;
    }
    const Result<void> usable = RemoteEndpoint::checkUrl(url, false);
    if (!usable) {
        m_remoteProblem = usable.error().message;
        qCWarning(lcRouter).noquote() << "remote.url:" << usable.error().message;
        setRemote(nullptr);
        return;
    }
    RemoteBackend::Options options;
    options.url = url;
    setRemote(new RemoteBackend(*m_network, m_secrets.data(), options, this));
}
