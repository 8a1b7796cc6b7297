#include "core/buildinfo.h"

#include <cstdio>

int main(int, char**)
{
    std::printf("finagent %s\n", FINAGENT_VERSION);
    return 0;
}
