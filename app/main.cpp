#include "cli/cli.h"

#ifdef FINAGENT_WITH_GUI
#include "desktopapp.h"
#endif

#include <QStringList>

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
#ifdef FINAGENT_WITH_GUI
    if (Cli::wantsGui(arguments))
        return DesktopApp::run(argc, argv);
#endif
    return Cli::run(argc, argv);
}
