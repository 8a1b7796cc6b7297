#include "desktopapp.h"

#include "cli/cli.h"

#include <cstdio>

namespace DesktopApp {

int run(int argc, char** argv)
{
    // Until the window exists, the GUI entry shows the command-line help.
    (void)argc;
    (void)argv;
    const QByteArray help = Cli::mainHelp().toLocal8Bit();
    std::fwrite(help.constData(), 1, size_t(help.size()), stdout);
    return 0;
}

} // namespace DesktopApp
