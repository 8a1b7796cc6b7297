#pragma once

class HealthMonitor;
class McpRegistry;

// health_check: version, uptime and the state of each subsystem.
void registerHealthTool(McpRegistry& registry, HealthMonitor& monitor);
