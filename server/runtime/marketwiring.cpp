#include "runtime/wiring.h"

#include "runtime/runtime.h"

void wireMarket(Runtime& runtime)
{
    // Market data tools are registered here once the market module is built.
    (void)runtime;
}
