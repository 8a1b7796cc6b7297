#pragma once

#include <QStringList>

namespace Verbs
{

// `finagent token create <name> [--expires-in-days N] [--rate-limit N]`, `finagent token list
// [--json]`, `finagent token revoke <name>`: the named access tokens of `finagent serve`, in the
// database it uses (DATABASE_URL, or finagent.db in the data folder). `create` prints the new token
// once, alone on stdout; only its hash is stored. Exit codes: 0 done, 1 failed, 2 usage error.
int token(const QStringList& args);

} // namespace Verbs
