#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// OAuth 2.0 Protected Resource Metadata (RFC 9728) for FinAgent's MCP endpoint, served when an
// authorization server issues the tokens (JWT validation on). MCP clients find the authorization
// server from it, starting at the resource_metadata URL in a 401's WWW-Authenticate.
struct ProtectedResource
{
    QString publicUrl; // base URL clients use, e.g. "https://mcp.example.com" (no trailing slash)
    QStringList authorizationServers; // issuer URLs of the authorization servers

    bool isEnabled() const { return !publicUrl.isEmpty(); }
    QString resource() const { return publicUrl + QStringLiteral("/mcp"); }
    // The path-specific well-known URL of the /mcp resource.
    QString metadataUrl() const
    {
        return publicUrl + QStringLiteral("/.well-known/oauth-protected-resource/mcp");
    }
    QJsonObject document() const;

    // "https://mcp.example.com/" -> "https://mcp.example.com"; empty with *why for anything but an
    // absolute http(s) URL without query or fragment.
    static QString normalizePublicUrl(const QString& url, QString* why);
};
