#pragma once

#include <QStringList>

// The command-line verbs that run without a window: stdio, serve, secrets, and the small ones.
namespace Cli {

// True when the arguments ask for the desktop window (no verb, or "gui").
bool wantsGui(const QStringList& arguments);

// Runs a headless verb; returns the process exit code. Creates the QCoreApplication itself.
int run(int argc, char** argv);

QString mainHelp();
QString versionText();

} // namespace Cli
