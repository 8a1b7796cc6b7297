#pragma once

class HttpEndpoint;
class Runtime;

// The routes a hosted instance needs around /mcp: GET /live (the event loop runs), GET /ready
// (database and startup; see ReadinessCheck), GET /metrics (Prometheus text; needs a token unless
// `metricsPublic`), and the OAuth protected resource metadata under /.well-known when the runtime
// has it enabled. Liveness and readiness are public: orchestrators probe without credentials.
void registerHostingRoutes(Runtime& runtime, HttpEndpoint& endpoint, bool metricsPublic);
