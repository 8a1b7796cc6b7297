#pragma once

#include <QStringList>

namespace Verbs
{

// `finagent config install|uninstall|path|status`: writes FinAgent's entry into an MCP client's
// config file. Exit codes: 0 done, 1 failed, 2 usage error.
int config(const QStringList& args);

} // namespace Verbs
