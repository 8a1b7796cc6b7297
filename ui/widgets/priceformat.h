#pragma once

#include <QLocale>
#include <QString>

// Numbers as the Prices page shows them. Prices come from upstream as exact decimal strings
// ("67012.45000000"); they are formatted as strings (grouping, decimal point and digits of the
// locale, trailing zeros trimmed), never through a double, so what is shown is what Binance sent.
namespace PriceFormat
{

// "67012.45000000" -> "67,012.45"; "0.00001234" -> "0.00001234"; "1.00000000" -> "1.00".
// Keeps at least minDecimals digits after the point (padding with zeros) and drops trailing zeros
// beyond that. With showPlus a positive value gets the locale's plus sign. Text that is not a plain
// decimal number comes back unchanged.
QString exact(
    const QString& decimal, const QLocale& locale = QLocale(), int minDecimals = 2, bool showPlus = false);

// The value rounded half away from zero to `decimals` digits (exactly), then formatted like exact().
QString rounded(
    const QString& decimal, int decimals, const QLocale& locale = QLocale(), bool showPlus = false);

// A percent change without sign: "-1.2345" -> "1.23%" in the locale's form.
QString percent(const QString& decimal, const QLocale& locale = QLocale());

// Large amounts in short form: 1234567890 -> "1.2B", 52300 -> "52.3K", 812 -> "812". For volumes,
// where the exact figure matters less than its size.
QString compact(const QString& decimal, const QLocale& locale = QLocale());

// -1, 0 or 1 for a decimal string (0 for text that is not a number).
int sign(const QString& decimal);

// The nearest double, for sorting and drawing only. 0 for text that is not a number.
double toDouble(const QString& decimal);

} // namespace PriceFormat
