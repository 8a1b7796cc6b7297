#pragma once

class McpRegistry;
class MarketDataService;
class Settings;

// Registers the market tools (get_spot_price, get_ticker_24h, get_klines, get_funding_rate,
// comprehensive_analysis, analyze_kline_patterns, get_price, get_coin_data, search_coins,
// get_trending, get_usdt_price), the resource market://usdt/info and the prompt
// market_analysis_prompt. The service must outlive the registry's use of them.
void registerMarketTools(McpRegistry& registry, MarketDataService& service, const Settings& settings);
