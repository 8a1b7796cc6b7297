#include "payments/amountrules.h"

#include <QLocale>

namespace AmountRules
{

namespace
{

Error invalid(const QString& message)
{
    return Error(QStringLiteral("invalid_amount"), message);
}

QString hintFor(const QString& text)
{
    if (text.contains(QLatin1Char('e')) || text.contains(QLatin1Char('E')))
        return QStringLiteral(" Exponents are not accepted: write 100000, not 1e5.");
    if (text.contains(QLatin1Char(',')))
        return QStringLiteral(" Use '.' for the decimal point and no thousands separators, like 1000.50.");
    if (text.startsWith(QLatin1Char('+')))
        return QStringLiteral(" Leave out the '+'.");
    if (text.startsWith(QLatin1Char('.')))
        return QStringLiteral(" Put a 0 before the point, like 0.50.");
    return {};
}

} // namespace

Result<QString> textOf(const QJsonValue& value)
{
    if (value.isString())
        return value.toString().trimmed();
    if (value.isDouble()) {
        // Fixed notation with the fewest digits that read back as the same double.
        return QString::number(value.toDouble(), 'f', QLocale::FloatingPointShortest);
    }
    return invalid(
        QStringLiteral("The amount must be a decimal number written as a string, like \"10.50\"."));
}

Decimal smallest(int decimals)
{
    return Decimal::fromMinorUnits(1, decimals);
}

Decimal maximum()
{
    return *Decimal::parse(QString::fromLatin1(kMaxInvoiceAmount));
}

Result<Decimal> parse(const QString& text, const QString& currency, int decimals)
{
    const QString shown = text.size() > 40 ? text.left(37) + QStringLiteral("...") : text;
    if (text.isEmpty())
        return invalid(QStringLiteral("The amount is empty: write it like 10 or 10.50."));
    QString why;
    const std::optional<Decimal> parsed = Decimal::parse(text, &why);
    if (!parsed) {
        if (text.size() > 64 && text.front().isDigit() && !text.contains(QLatin1Char('e')))
            return invalid(QStringLiteral("%1 is too large an amount: one invoice may ask for at most %2 %3.")
                               .arg(shown, QLatin1String(kMaxInvoiceAmount), currency));
        return invalid(
            QStringLiteral("\"%1\" is not an amount: write it like 10 or 10.50.").arg(shown) + hintFor(text));
    }
    const Decimal amount = *parsed;
    if (amount.isNegative())
        return invalid(
            QStringLiteral("The amount cannot be negative (got %1): ask for a positive amount, like 10.50.")
                .arg(shown));
    if (amount.isZero())
        return invalid(QStringLiteral("The amount must be more than zero (got %1).").arg(shown));
    if (amount.scale() > decimals) {
        const Decimal cut = amount.rounded(decimals, Decimal::Rounding::Down);
        return invalid(QStringLiteral("%1 has %2 decimals, but %3 amounts take at most %4 (like %5).")
                           .arg(shown)
                           .arg(amount.scale())
                           .arg(currency)
                           .arg(decimals)
                           .arg((cut.isZero() ? smallest(decimals) : cut).toFixed(decimals)));
    }
    if (amount > maximum())
        return invalid(
            QStringLiteral("%1 %2 is over the limit of %3 %2 for one invoice; ask for less or split it "
                           "into several invoices.")
                .arg(shown, currency, QLatin1String(kMaxInvoiceAmount)));
    return amount;
}

QString format(const Decimal& value, int decimals)
{
    return value.toFixed(qMax(decimals, value.scale()));
}

} // namespace AmountRules
