#pragma once

#include <QString>

class Backend;
class BackendRouter;

// Which way the window's calls go (local | remote) and how the remote is doing, in the words the
// Overview page, the tray and the Accounts page show. Works on any Backend: the desktop app's is a
// BackendRouter; a plain backend (tests) counts as local.
namespace ModeStatus
{

// The router behind `backend`, or null when it is a plain backend.
BackendRouter* router(Backend& backend);
// The in-process backend: the router's local one, or `backend` itself. Keys kept on this
// computer are tested through it, whatever the mode.
Backend& local(Backend& backend);
bool isRemote(const Backend& backend);

// "Local", or "Remote: https://host/mcp — ready" / "— connecting…" / "— unreachable since 10:42" /
// "— token refused", or "Remote: no usable URL".
QString summary(const Backend& backend);
// In remote mode when the remote cannot be used (unreachable, token refused, no URL): the sentence
// that says why and what to do. Empty otherwise.
QString problem(const Backend& backend);
// True in remote mode while the remote cannot be used.
bool hasProblem(const Backend& backend);
// True in remote mode while the handshake runs.
bool isConnecting(const Backend& backend);

} // namespace ModeStatus
