#pragma once

#include <QStringList>

namespace Verbs
{

// `finagent probe <url> [--timeout-ms N]`: GETs the URL and exits 0 for a 2xx answer, 1 otherwise.
// For container health checks (the runtime image has no curl): `finagent probe
// http://127.0.0.1:8765/live`. Redirects are not followed; proxies are not used.
int probe(const QStringList& args);

} // namespace Verbs
