#include "runtime/wiring.h"

#include "runtime/runtime.h"

void wirePayments(Runtime& runtime)
{
    // Payment tools are registered here once the payments module is built.
    (void)runtime;
}
