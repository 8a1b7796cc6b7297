#pragma once

class McpRegistry;

// The tools, resources and prompts the official MCP conformance suite
// (@modelcontextprotocol/conformance) calls by name. Registered only by
// `finagent serve --conformance-fixtures`, never in normal runs.
void registerConformanceFixtures(McpRegistry& registry);
