#pragma once

#include "config/clientconfigwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTest>

// A config file of `client` as people have them: other servers (stdio and remote), other
// top-level keys before and after the servers, nested values, 2-space indentation.
inline QByteArray populatedConfig(McpClient client)
{
    const QByteArray key = ClientConfig::info(client).serversKey.toUtf8();
    return QByteArray("{\n"
                      "  \"globalShortcut\": \"Ctrl+Alt+Space\",\n"
                      "  \"")
        + key
        + QByteArray("\": {\n"
                     "    \"github\": {\n"
                     "      \"command\": \"npx\",\n"
                     "      \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"],\n"
                     "      \"env\": {\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"ghp_example\"}\n"
                     "    },\n"
                     "    \"remote-docs\": {\"url\": \"https://docs.example.com/mcp\", \"headers\": {}}\n"
                     "  },\n"
                     "  \"projects\": {\"/home/ann/src\": {\"allowedTools\": [], \"history\": [1, 2.5, null, "
                     "true]}},\n"
                     "  \"numStartups\": 42\n"
                     "}\n");
}

inline QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline QJsonObject jsonOf(const QByteArray& bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

inline QFileDevice::Permissions ownerOnly()
{
    return QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;
}

// Permission bits without the owner/user duplication Qt reports on Unix.
inline QFileDevice::Permissions modeOf(const QString& path)
{
    return QFile::permissions(path);
}
