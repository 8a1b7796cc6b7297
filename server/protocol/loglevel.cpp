#include "protocol/loglevel.h"

#include <array>

namespace
{
const std::array<const char*, 8> kNames {
    "debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"};
}

namespace LogLevels
{

QString name(LogLevel level)
{
    return QString::fromLatin1(kNames[static_cast<size_t>(level)]);
}

std::optional<LogLevel> parse(const QString& name)
{
    for (size_t i = 0; i < kNames.size(); ++i) {
        if (name == QLatin1String(kNames[i]))
            return static_cast<LogLevel>(i);
    }
    return std::nullopt;
}

QString allNames()
{
    QString out;
    for (const char* n : kNames) {
        if (!out.isEmpty())
            out += QLatin1String(", ");
        out += QLatin1String(n);
    }
    return out;
}

} // namespace LogLevels
