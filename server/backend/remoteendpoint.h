#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

using HttpHeaderList = QList<QPair<QByteArray, QByteArray>>;

// Where a remote MCP server is and how to reach it: the URL checks and the header syntax the
// bridge shares with mcp-remote ("Name: value", ${VAR} from the environment, header files).
namespace RemoteEndpoint
{

// Replaces every ${NAME} with the variable's value. A variable that is not set is an error that
// names it, so a typo never silently sends an empty credential.
Result<QString> expandVariables(const QString& text, const QProcessEnvironment& env);

// "Name: value" or "Name:value" (the form that survives argument mangling on Windows), after
// ${VAR} expansion. Refuses names that are not HTTP tokens, values with line breaks, and the
// headers the MCP client sets itself.
Result<QPair<QByteArray, QByteArray>> parseHeader(const QString& text, const QProcessEnvironment& env);

// One header per line; blank lines and lines starting with '#' are skipped.
Result<HttpHeaderList> readHeaderFile(const QString& path, const QProcessEnvironment& env);

// A bearer token from a file (trimmed; the whole file is the token).
Result<QByteArray> readTokenFile(const QString& path);

// http or https with a host. Plain http is accepted only for loopback hosts, unless allowHttp.
Result<void> checkUrl(const QUrl& url, bool allowHttp);
bool isLoopback(const QUrl& url);

// The URL as it may appear in messages and logs: no user info, no query.
QString display(const QUrl& url);

} // namespace RemoteEndpoint
