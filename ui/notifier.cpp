#include "notifier.h"

#include "config/settings.h"

#include <QSystemTrayIcon>
#include <QVariantMap>

#ifdef FINAGENT_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#endif

Notifier::Notifier(Settings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{ }

void Notifier::setTrayIcon(QSystemTrayIcon* tray)
{
    m_tray = tray;
}

Notifier::Route Notifier::notify(const QString& title, const QString& body)
{
    if (!m_settings.boolean(QStringLiteral("ui.notifications")))
        return Route::Disabled;
    Route route = Route::None;
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title, body, QSystemTrayIcon::Information, 8000);
        route = Route::Tray;
    } else if (m_dbusEnabled && sendDBus(title, body)) {
        route = Route::DBus;
    }
    if (route != Route::None)
        Q_EMIT notified(title, body, route);
    return route;
}

bool Notifier::sendDBus(const QString& title, const QString& body)
{
#ifdef FINAGENT_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("/org/freedesktop/Notifications"), QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("Notify"));
    const QVariantMap hints {
        {QStringLiteral("desktop-entry"), QStringLiteral("io.github.finagent.FinAgent")}};
    call << QStringLiteral("FinAgent") << uint(0) << QStringLiteral("io.github.finagent.FinAgent") << title
         << body << QStringList() << hints << int(-1);
    // Fire and forget: the reply (the notification id) is not needed, and waiting would block.
    return bus.send(call);
#else
    Q_UNUSED(title)
    Q_UNUSED(body)
    return false;
#endif
}
