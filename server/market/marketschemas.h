#pragma once

#include <QJsonObject>

// Input and output JSON Schemas (2020-12) of the market tools. Inputs carry every constraint
// the validator can check (enums, ranges, lengths, patterns), so bad arguments are refused with a
// message naming the field before a handler runs. Outputs describe exactly what MarketJson builds.
namespace MarketSchemas
{

QJsonObject symbolInput(); // {symbol}
QJsonObject klinesInput();
QJsonObject fundingInput();
QJsonObject analysisInput();
QJsonObject patternsInput();
QJsonObject priceInput();
QJsonObject coinDataInput();
QJsonObject searchInput();
QJsonObject trendingInput();
QJsonObject noInput();

QJsonObject spotPriceOutput();
QJsonObject ticker24hOutput();
QJsonObject klinesOutput();
QJsonObject fundingOutput();
QJsonObject analysisOutput();
QJsonObject patternsOutput();
QJsonObject priceOutput();
QJsonObject coinDataOutput();
QJsonObject searchOutput();
QJsonObject trendingOutput();
QJsonObject usdtOutput();

} // namespace MarketSchemas
