#pragma once

#include "core/result.h"

#include <QObject>

class Settings;

// Starts FinAgent when the person logs in, following the ui.start_on_login setting: an XDG
// autostart entry on Linux (~/.config/autostart, honouring $XDG_CONFIG_HOME), the HKCU Run key on
// Windows, a LaunchAgent on macOS. The app starts minimised to the tray from there.
class Autostart : public QObject
{
    Q_OBJECT
public:
    // `executable` is the program to start (empty: this one, or $APPIMAGE when run as an AppImage).
    explicit Autostart(Settings& settings, QString executable = QString(), QObject* parent = nullptr);

    // Whether the login entry exists (as the system sees it, not as the setting says).
    bool isEnabled() const;
    // Writes or removes the login entry and stores the choice in ui.start_on_login.
    Result<void> setEnabled(bool enabled);
    // Makes the login entry match the setting (at start and when the setting changes).
    Result<void> sync();

    // Where the entry lives: the .desktop file, the plist, or the registry key's path.
    QString entryLocation() const;
    // The command line the entry runs.
    QStringList command() const;

Q_SIGNALS:
    // Writing or removing the entry failed; `message` says why.
    void failed(const QString& message);

private:
    Result<void> apply(bool enabled);

    Settings& m_settings;
    QString m_executable;
};
