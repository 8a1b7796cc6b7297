#include "autostart.h"

#include "config/settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcAutostart, "finagent.autostart")

namespace
{

const QString kAppId = QStringLiteral("io.github.finagent.FinAgent");
const QString kStartOnLogin = QStringLiteral("ui.start_on_login");
const QString kMinimizedOption = QStringLiteral("--minimized");

#if defined(Q_OS_WIN)
const QString kRunKey =
    QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
#endif

#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
// A Desktop Entry Exec argument: quoted, with the characters the specification reserves escaped
// (", `, $, \), then escaped again as a string value (every backslash doubled); % is doubled as it
// would start a field code.
QString quoteExecArgument(const QString& arg)
{
    QString out;
    out.reserve(arg.size() + 2);
    for (const QChar c : arg) {
        if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$'))
            out += QStringLiteral("\\\\") + c;
        else if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\\\\\");
        else if (c == QLatin1Char('%'))
            out += QStringLiteral("%%");
        else
            out += c;
    }
    return QLatin1Char('"') + out + QLatin1Char('"');
}
#endif

} // namespace

Autostart::Autostart(Settings& settings, QString executable, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_executable(std::move(executable))
{
    connect(&m_settings, &Settings::changed, this, [this](const QString& name) {
        if (name == kStartOnLogin)
            sync();
    });
}

QStringList Autostart::command() const
{
    QString program = m_executable;
    if (program.isEmpty())
        program = qEnvironmentVariable("APPIMAGE");
    if (program.isEmpty())
        program = QCoreApplication::applicationFilePath();
    return {program, kMinimizedOption};
}

QString Autostart::entryLocation() const
{
#if defined(Q_OS_WIN)
    return kRunKey + QStringLiteral("\\FinAgent");
#elif defined(Q_OS_MACOS)
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/") + kAppId + QStringLiteral(".plist");
#else
    QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (configHome.isEmpty() || !QDir::isAbsolutePath(configHome))
        configHome = QDir::homePath() + QStringLiteral("/.config");
    return configHome + QStringLiteral("/autostart/") + kAppId + QStringLiteral(".desktop");
#endif
}

bool Autostart::isEnabled() const
{
#if defined(Q_OS_WIN)
    QSettings run(kRunKey, QSettings::NativeFormat);
    return run.contains(QStringLiteral("FinAgent"));
#else
    return QFile::exists(entryLocation());
#endif
}

Result<void> Autostart::setEnabled(bool enabled)
{
    const Result<void> applied = apply(enabled);
    if (!applied)
        return applied;
    if (m_settings.boolean(kStartOnLogin) != enabled)
        return m_settings.setValue(kStartOnLogin, enabled);
    return {};
}

Result<void> Autostart::sync()
{
    return apply(m_settings.boolean(kStartOnLogin));
}

Result<void> Autostart::apply(bool enabled)
{
    const QString location = entryLocation();
    const QStringList cmd = command();
    auto fail = [this](const QString& message) -> Result<void> {
        qCWarning(lcAutostart).noquote() << message;
        Q_EMIT failed(message);
        return Error(QStringLiteral("autostart_failed"), message);
    };

#if defined(Q_OS_WIN)
    QSettings run(kRunKey, QSettings::NativeFormat);
    if (enabled)
        run.setValue(QStringLiteral("FinAgent"),
            QStringLiteral("\"%1\" %2").arg(QDir::toNativeSeparators(cmd.at(0)), cmd.at(1)));
    else
        run.remove(QStringLiteral("FinAgent"));
    run.sync();
    if (run.status() != QSettings::NoError)
        return fail(tr("Could not change the Windows start-up entry (%1).").arg(location));
    return {};
#else
    if (!enabled) {
        if (QFile::exists(location) && !QFile::remove(location))
            return fail(
                tr("Could not remove %1; delete it to stop FinAgent from starting at login.").arg(location));
        return {};
    }
    if (!QDir().mkpath(QFileInfo(location).absolutePath()))
        return fail(tr("Could not create the folder %1.").arg(QFileInfo(location).absolutePath()));

    QByteArray content;
#if defined(Q_OS_MACOS)
    QString args;
    for (const QString& a : cmd)
        args += QStringLiteral("        <string>%1</string>\n").arg(a.toHtmlEscaped());
    content = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                             "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                             "<plist version=\"1.0\">\n"
                             "<dict>\n"
                             "    <key>Label</key>\n"
                             "    <string>%1</string>\n"
                             "    <key>ProgramArguments</key>\n"
                             "    <array>\n%2    </array>\n"
                             "    <key>RunAtLoad</key>\n"
                             "    <true/>\n"
                             "    <key>ProcessType</key>\n"
                             "    <string>Interactive</string>\n"
                             "</dict>\n"
                             "</plist>\n")
                  .arg(kAppId, args)
                  .toUtf8();
#else
    QStringList exec;
    for (const QString& a : cmd)
        exec << quoteExecArgument(a);
    // The delay and the tray hints let the panel come up first, so the tray icon has a home.
    content = QStringLiteral("[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=FinAgent\n"
                             "Comment=Crypto market data and USDT payments for your AI assistants\n"
                             "Exec=%1\n"
                             "Icon=%2\n"
                             "Terminal=false\n"
                             "Categories=Office;Finance;\n"
                             "StartupNotify=false\n"
                             "X-GNOME-Autostart-enabled=true\n"
                             "X-GNOME-Autostart-Delay=5\n"
                             "X-KDE-autostart-after=panel\n"
                             "X-LXQt-Need-Tray=true\n")
                  .arg(exec.join(QLatin1Char(' ')), kAppId)
                  .toUtf8();
#endif
    QSaveFile file(location);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        return fail(tr("Could not write %1 (%2).").arg(location, file.errorString()));
    qCInfo(lcAutostart).noquote() << "start on login: wrote" << location;
    return {};
#endif
}
