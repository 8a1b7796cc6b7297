#pragma once

#include "backend/backend.h"

#include <QPointer>

#include <optional>

class QNetworkAccessManager;
class RemoteBackend;
class SecretStore;
class Settings;

// The local | remote switch. The window and the local endpoints (HTTP, `finagent stdio`) use the
// router as their Backend; it sends each call to the backend active when the call started, and
// the call finishes there, so switching at runtime loses no call in flight. Switching tells the
// local clients that the tool, resource and prompt lists changed.
class BackendRouter : public Backend
{
    Q_OBJECT
public:
    enum class Mode
    {
        Local,
        Remote
    };
    Q_ENUM(Mode)

    explicit BackendRouter(Backend& local, QObject* parent = nullptr);
    ~BackendRouter() override;

    static std::optional<Mode> parseMode(const QString& text); // "local" | "remote"
    static QString modeName(Mode mode);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);

    // The backend used in remote mode (may be null). The router takes ownership; a replaced remote
    // stays alive until the calls it is running have finished.
    void setRemote(RemoteBackend* remote);
    RemoteBackend* remote() const;
    Backend& local() const { return m_local; }
    // The backend new calls go to; null in remote mode without a remote.
    Backend* active() const;

    // Applies the settings "mode" and "remote.url" now and whenever they change: builds the
    // RemoteBackend for the URL (token "remote/token" from `secrets`) and switches.
    void followSettings(Settings& settings, QNetworkAccessManager& network, SecretStore* secrets);

    QString kind() const override { return modeName(m_mode); }
    // "local", or "remote: https://host/mcp — ready" / "... — unreachable since 10:42 (connection refused)".
    BackendStatus status() const override;
    QJsonObject capabilities() const override;
    QString instructions() const override;
    void handle(McpCall* call) override;
    void recentToolCalls(
        qint64 afterId, int limit, QObject* ctx, std::function<void(Result<QJsonArray>)> done) override;

Q_SIGNALS:
    void modeChanged(BackendRouter::Mode mode);

private:
    void attach(Backend* backend);
    void retire(RemoteBackend* remote);
    void announceListsChanged();
    void applyRemoteUrl(const QString& url);

    Backend& m_local;
    QPointer<RemoteBackend> m_remote;
    Mode m_mode = Mode::Local;
    QString m_remoteProblem; // why there is no remote (no URL, an unusable URL)

    // followSettings()
    QPointer<Settings> m_settings;
    QNetworkAccessManager* m_network = nullptr;
    QPointer<SecretStore> m_secrets;
};
