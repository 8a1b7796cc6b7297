#include "pages/settingsource.h"

#include "config/settings.h"

#include <QCoreApplication>

namespace SettingSource
{

QString overrideNote(const Settings& settings, const QString& name)
{
    const Settings::Key* key = Settings::findKey(name);
    switch (settings.source(name)) {
    case Settings::Source::Environment:
        return QCoreApplication::translate("SettingSource",
            "The environment variable %1 sets this for the running FinAgent, so a change here takes "
            "effect only once it is no longer set.")
            .arg(key ? key->env : name);
    case Settings::Source::CommandLine:
        return QCoreApplication::translate("SettingSource",
            "FinAgent was started with --set %1=…, which wins over a change here until it starts "
            "without it.")
            .arg(name);
    case Settings::Source::Default:
    case Settings::Source::File:
        break;
    }
    return {};
}

} // namespace SettingSource
