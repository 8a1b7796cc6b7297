#include "market/usdtprice.h"

#include "core/decimal.h"

namespace
{
constexpr int kScale = 8;
}

UsdtPrice combineUsdtQuotes(const QList<UsdtQuote>& quotes, const QList<UsdtSourceFailure>& failures,
    const QString& threshold, qint64 nowMs)
{
    UsdtPrice out;
    out.quotes = quotes;
    out.failures = failures;
    out.timestampMs = nowMs;
    const Decimal limit = Decimal::parseLenient(threshold).value_or(Decimal::fromMinorUnits(5, 3));
    out.threshold = limit.toString();

    QList<Decimal> values;
    for (const UsdtQuote& q : quotes) {
        if (auto d = Decimal::parseLenient(q.price))
            values.append(*d);
    }
    if (values.isEmpty())
        return out;
    Decimal sum;
    Decimal low = values.first();
    Decimal high = values.first();
    for (const Decimal& v : values) {
        sum = sum + v;
        low = qMin(low, v);
        high = qMax(high, v);
    }
    const Decimal mean = sum.divided(Decimal::fromInt(values.size()), kScale).value_or(Decimal());
    const Decimal deviation = (mean - Decimal::fromInt(1)).abs();
    out.price = mean.toFixed(kScale);
    out.spread = (high - low).toFixed(kScale);
    out.deviation = deviation.toFixed(kScale);
    out.depegWarning = deviation > limit;
    const QString sources =
        values.size() == 1 ? QStringLiteral("1 source") : QStringLiteral("%1 sources").arg(values.size());
    if (out.depegWarning) {
        out.summary =
            QStringLiteral("Depeg warning: USDT is at %1 USD (mean of %2), %3 away from 1, beyond the %4 "
                           "threshold. Spread between sources: %5.")
                .arg(mean.toString(), sources, deviation.toString(), out.threshold, (high - low).toString());
    } else {
        out.summary =
            QStringLiteral("USDT is at %1 USD (mean of %2), within %3 of 1: no depeg. Spread between "
                           "sources: %4.")
                .arg(mean.toString(), sources, out.threshold, (high - low).toString());
    }
    if (!failures.isEmpty())
        out.summary += QStringLiteral(" %1 source(s) could not be read.").arg(failures.size());
    return out;
}
