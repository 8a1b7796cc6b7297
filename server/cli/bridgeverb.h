#pragma once

#include <QStringList>

namespace Verbs
{

// `finagent bridge <url> [--header "Name: value"]... [--header-file F] [--token-file F]`: MCP over
// stdin/stdout on one side, a remote Streamable HTTP MCP server on the other (a drop-in for
// mcp-remote). Exit status 0 when stdin closes, 1 when the remote cannot be used, 2 on bad arguments.
int bridge(const QStringList& args);

} // namespace Verbs
