#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class Settings;

// Desktop notifications (invoice paid, invoice expired, ...): through the tray icon when there is
// one, else through org.freedesktop.Notifications on D-Bus where that exists, else not at all.
// Turned off by the ui.notifications setting.
class Notifier : public QObject
{
    Q_OBJECT
public:
    enum class Route
    {
        None, // no way to notify on this desktop
        Disabled, // ui.notifications is off
        Tray,
        DBus
    };

    explicit Notifier(Settings& settings, QObject* parent = nullptr);

    // The tray icon to show messages through; null when there is none. The notifier does not own it.
    void setTrayIcon(QSystemTrayIcon* tray);
    // Whether D-Bus notifications may be tried when there is no tray (tests turn this off).
    void setDBusEnabled(bool enabled) { m_dbusEnabled = enabled; }

    // Shows a notification; returns the way it went out.
    Route notify(const QString& title, const QString& body);

Q_SIGNALS:
    // After a notification went out (for tests and for a future notification history).
    void notified(const QString& title, const QString& body, Notifier::Route route);

private:
    bool sendDBus(const QString& title, const QString& body);

    Settings& m_settings;
    QPointer<QSystemTrayIcon> m_tray;
    bool m_dbusEnabled = true;
};
