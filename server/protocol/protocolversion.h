#pragma once

#include <QString>
#include <QStringList>

// The MCP revisions this server speaks. The legacy era (initialize handshake, sessions) covers
// 2024-11-05 through 2025-11-25.
namespace ProtocolVersion
{

inline const QString v2024_11_05 = QStringLiteral("2024-11-05");
inline const QString v2025_03_26 = QStringLiteral("2025-03-26");
inline const QString v2025_06_18 = QStringLiteral("2025-06-18");
inline const QString v2025_11_25 = QStringLiteral("2025-11-25");

// Newest first.
const QStringList& supported();
const QString& latest();
bool isSupported(const QString& version);

// The version to answer an initialize with: the client's when we speak it, else our latest.
QString negotiate(const QString& requested);

// Assumed for HTTP requests without an MCP-Protocol-Version header (the spec says 2025-03-26).
const QString& httpDefault();

// Feature checks by negotiated revision.
bool hasStructuredOutput(const QString& version); // outputSchema / structuredContent (2025-06-18+)
bool hasToolAnnotations(const QString& version); // annotations (2025-03-26+)

} // namespace ProtocolVersion
