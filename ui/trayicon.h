#pragma once

#include <QMenu>
#include <QObject>
#include <QPointer>

class Backend;
class LocalEndpointInfo;
class QAction;
class QSystemTrayIcon;

// FinAgent's icon in the system tray. Its look says the endpoint's state (serving, stopped, error),
// its tooltip and the first line of its menu say where the tools run (local, or the remote and how
// it is doing, updated live), and its menu offers what people reach for without opening the window.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    enum class Look
    {
        Serving,
        Stopped,
        Error
    };

    explicit TrayIcon(LocalEndpointInfo& endpoint, QObject* parent = nullptr);
    ~TrayIcon() override;

    // The backend whose mode is shown (the desktop app's BackendRouter); null shows none.
    void setBackend(Backend* backend);

    void show();
    void hide();
    bool isVisible() const;

    Look look() const { return m_look; }
    QString toolTip() const;
    QSystemTrayIcon* systemTrayIcon() const { return m_tray; }
    QMenu* menu() const { return m_menu; }

    // The menu's first line: "Local" / "Remote: <url> — ready" (disabled, informative only).
    QAction* modeAction() const { return m_mode; }
    QAction* openAction() const { return m_open; }
    QAction* copyUrlAction() const { return m_copyUrl; }
    QAction* copyTokenAction() const { return m_copyToken; }
    QAction* startStopAction() const { return m_startStop; }
    QAction* quitAction() const { return m_quit; }

Q_SIGNALS:
    // "Open FinAgent" in the menu, or a click on the icon.
    void openRequested();
    void quitRequested();

private:
    void updateState();
    void retranslate();

    LocalEndpointInfo& m_endpoint;
    QPointer<Backend> m_backend;
    QAction* m_mode = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    QPointer<QMenu> m_menu;
    QAction* m_open = nullptr;
    QAction* m_copyUrl = nullptr;
    QAction* m_copyToken = nullptr;
    QAction* m_startStop = nullptr;
    QAction* m_quit = nullptr;
    Look m_look = Look::Stopped;
};
