#pragma once

#include "core/decimal.h"
#include "core/result.h"

#include <QJsonValue>
#include <QString>

// What an invoice amount may be, with errors that say how to write it. Money never passes
// through a double here: a JSON number is turned into its shortest decimal text first.
namespace AmountRules
{

// Largest amount of one invoice, in its currency.
inline constexpr const char kMaxInvoiceAmount[] = "1000000";
// Most decimals of a US dollar amount.
inline constexpr int kUsdDecimals = 2;

// The text of an amount argument: a string as given (trimmed), or a JSON number's shortest
// decimal text (10.5 -> "10.5", 1e-7 -> "0.0000001"). Anything else is an error.
Result<QString> textOf(const QJsonValue& value);

// Parses and checks an amount in `currency` ("USD", "USDT", ...) with at most `decimals`
// decimals: a plain decimal number, more than zero, at most kMaxInvoiceAmount.
Result<Decimal> parse(const QString& text, const QString& currency, int decimals);

// The smallest amount `decimals` allow (0.01 for 2).
Decimal smallest(int decimals);
Decimal maximum();

// An amount with `decimals` decimals, or more if the value has more (never rounds money).
QString format(const Decimal& value, int decimals);

} // namespace AmountRules
