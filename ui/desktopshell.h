#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class Autostart;
class Backend;
class LocalBackend;
class LocalEndpoint;
class MainWindow;
class Notifier;
class Runtime;
class SecretStore;
class Settings;
class TrayIcon;
class UiContext;

// The desktop application's object graph: the Runtime in desktop mode, the local endpoint with its
// keychain token, a LocalBackend, the UiContext, the main window with its pages, the tray icon,
// notifications and start on login. DesktopApp::run builds one around the real system; tests build
// one around fakes (an in-memory secret store, an injected tray availability).
class DesktopShell : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        // The secret store; null: the OS keychain.
        SecretStore* secrets = nullptr;
        // Whether a system tray exists; empty: QSystemTrayIcon::isSystemTrayAvailable.
        std::function<bool()> trayAvailable;
        // A tray may appear after the app starts (autostart before the panel): look again this many
        // times, this far apart.
        int trayRetries = 5;
        int trayRetryIntervalMs = 5000;
        // Start with only the tray icon (--minimized, used by start on login).
        bool startMinimized = false;
        // The program start on login runs; empty: this one.
        QString executable;
        // Whether notifications may go over D-Bus when there is no tray.
        bool dbusNotifications = true;
    };

    DesktopShell(Settings& settings, Options options, QObject* parent = nullptr);
    ~DesktopShell() override;

    // Reads the token and starts serving (unless ui.serve_http is off), then shows the window, or
    // only the tray icon when started minimised and a tray exists.
    void start();
    // Shows the window and brings it to the front (the tray's "Open", a second launch).
    void showWindow();
    // Quits FinAgent: saves the window state, stops the endpoint, leaves the event loop.
    void quit();

    Settings& settings() { return m_settings; }
    Runtime& runtime() { return *m_runtime; }
    Backend& backend() { return *m_backend; }
    LocalEndpoint& endpoint() { return *m_endpoint; }
    UiContext& context() { return *m_context; }
    MainWindow& window() { return *m_window; }
    Notifier& notifier() { return *m_notifier; }
    Autostart& autostart() { return *m_autostart; }
    // The tray icon, or null while there is no system tray.
    TrayIcon* tray() const { return m_tray.get(); }
    bool hasTray() const { return m_tray != nullptr; }

Q_SIGNALS:
    // A tray icon was created (the system tray showed up).
    void trayCreated();

private:
    void checkTray();
    void createTray();
    void onHiddenToTray();
    void shutdown();

    Settings& m_settings;
    Options m_options;
    // Declared in construction order; destroyed in reverse, so pages go before what they use.
    std::unique_ptr<Runtime> m_runtime;
    std::unique_ptr<LocalBackend> m_localBackend;
    std::unique_ptr<Backend> m_backend; // the BackendRouter over m_localBackend
    std::unique_ptr<LocalEndpoint> m_endpoint;
    std::unique_ptr<UiContext> m_context;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<Autostart> m_autostart;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;
    int m_trayChecks = 0;
    bool m_started = false;
    bool m_shutDown = false;
};

namespace DesktopApp
{
// Adds every page to the shell's window, in navigation order. Defined in desktopapp.cpp.
void addPages(DesktopShell& shell);
} // namespace DesktopApp
