#pragma once

// Sends Qt's log output to stderr as text lines or JSON lines, with credentials scrubbed as a last
// line of defence (a "Bearer <token>" that slipped into a message becomes "Bearer [redacted]").
// stdout stays reserved for protocol messages.
namespace LogOutput {
enum class Format {
    Text,
    Json
};
void install(Format format);
} // namespace LogOutput
