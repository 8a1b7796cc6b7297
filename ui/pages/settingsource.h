#pragma once

#include <QString>

class Settings;

namespace SettingSource
{

// When an environment variable or the command line sets `name`, what the window saves does not
// take effect: a sentence that says so and names the variable. Empty otherwise.
QString overrideNote(const Settings& settings, const QString& name);

} // namespace SettingSource
