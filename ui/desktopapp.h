#pragma once

// The desktop application: tray, window, single instance.
namespace DesktopApp {
int run(int argc, char** argv);
}
