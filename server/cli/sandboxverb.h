#pragma once

#include <QStringList>

namespace Verbs
{

// `finagent sandbox pay <invoice-id> [--under AMOUNT | --over AMOUNT | --expire]` and
// `finagent sandbox list`: simulated payments of sandbox invoices, straight on the local
// database (running FinAgent processes notice the change within seconds).
// Exit codes: 0 done, 1 failed, 2 usage error.
int sandbox(const QStringList& args);

} // namespace Verbs
