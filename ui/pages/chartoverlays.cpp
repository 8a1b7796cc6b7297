#include "pages/chartoverlays.h"

#include "market/indicators.h"

#include <QCoreApplication>
#include <QPalette>

namespace
{

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

namespace ChartOverlays
{

QStringList ids()
{
    return {QStringLiteral("sma20"), QStringLiteral("sma50"), QStringLiteral("ema20"),
        QStringLiteral("bollinger")};
}

QString label(const QString& id)
{
    if (id == QLatin1String("sma20"))
        return QCoreApplication::translate("ChartOverlays", "SMA 20");
    if (id == QLatin1String("sma50"))
        return QCoreApplication::translate("ChartOverlays", "SMA 50");
    if (id == QLatin1String("ema20"))
        return QCoreApplication::translate("ChartOverlays", "EMA 20");
    if (id == QLatin1String("bollinger"))
        return QCoreApplication::translate("ChartOverlays", "Bollinger 20/2");
    return id;
}

QColor color(const QString& id, const QPalette& palette)
{
    const bool dark = isDark(palette);
    if (id == QLatin1String("sma20"))
        return dark ? QColor(0x60, 0xa5, 0xfa) : QColor(0x25, 0x63, 0xeb);
    if (id == QLatin1String("sma50"))
        return dark ? QColor(0xfb, 0x92, 0x3c) : QColor(0xea, 0x58, 0x0c);
    if (id == QLatin1String("ema20"))
        return dark ? QColor(0xc0, 0x84, 0xfc) : QColor(0x93, 0x33, 0xea);
    if (id == QLatin1String("bollinger"))
        return dark ? QColor(0x2d, 0xd4, 0xbf) : QColor(0x0d, 0x94, 0x88);
    return palette.color(QPalette::Text);
}

QVector<ChartOverlay> compute(
    const QVector<Candle>& candles, const QStringList& enabled, const QPalette& palette)
{
    QVector<double> closes;
    closes.reserve(candles.size());
    for (const Candle& c : candles)
        closes.append(c.close);

    QVector<ChartOverlay> out;
    for (const QString& id : ids()) {
        if (!enabled.contains(id))
            continue;
        ChartOverlay o;
        o.id = id;
        o.label = label(id);
        o.color = color(id, palette);
        if (id == QLatin1String("sma20")) {
            o.values = Indicators::sma(closes, 20);
        } else if (id == QLatin1String("sma50")) {
            o.values = Indicators::sma(closes, 50);
        } else if (id == QLatin1String("ema20")) {
            o.values = Indicators::ema(closes, 20);
        } else if (id == QLatin1String("bollinger")) {
            const Indicators::Bollinger b = Indicators::bollinger(closes, 20, 2.0);
            o.kind = ChartOverlay::Kind::Band;
            o.values = b.upper;
            o.lower = b.lower;
            out.append(o);
            ChartOverlay middle;
            middle.id = QStringLiteral("bollinger_middle");
            middle.label = QCoreApplication::translate("ChartOverlays", "BB middle");
            middle.color = o.color;
            middle.values = b.middle;
            middle.style = Qt::DashLine;
            out.append(middle);
            continue;
        }
        out.append(o);
    }
    return out;
}

} // namespace ChartOverlays
