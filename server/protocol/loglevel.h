#pragma once

#include <QString>

#include <optional>

// RFC 5424 severities, as MCP's logging utility names them.
enum class LogLevel
{
    Debug,
    Info,
    Notice,
    Warning,
    Error,
    Critical,
    Alert,
    Emergency
};

namespace LogLevels
{
QString name(LogLevel level);
std::optional<LogLevel> parse(const QString& name);
QString allNames(); // "debug, info, ..." for error messages
} // namespace LogLevels
