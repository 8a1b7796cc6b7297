#pragma once

class Runtime;

// Each domain area adds itself to a Runtime: it creates its services (children of the runtime),
// registers its tools, resources, prompts and health probes, and hooks into the HTTP endpoint
// when one starts. One file per area, so areas grow without touching runtime.cpp.
void wireMarket(Runtime& runtime);
void wirePayments(Runtime& runtime);
void wireSessions(Runtime& runtime);
