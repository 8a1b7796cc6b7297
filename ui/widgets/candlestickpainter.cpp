#include "widgets/candlestickpainter.h"

#include "core/decimal.h"
#include "market/klineinterval.h"
#include "theme.h"
#include "widgets/priceformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace
{

constexpr double kPad = 6; // space between the chart's parts, in logical pixels
constexpr double kVolumeShare = 0.18; // of the plot height, for the volume bars
constexpr double kBodyShare = 0.7; // of a candle's slot, for its body
constexpr int kChangeLine = 6; // tooltip line after time, open, high, low, close and volume

// Device-pixel alignment: a horizontal or vertical line `width` logical pixels wide placed at v
// covers whole device pixels instead of blurring over two.
double alignLine(double v, qreal dpr, double width)
{
    const long deviceWidth = std::max(1L, std::lround(width * dpr));
    if (deviceWidth % 2 == 1)
        return (std::floor(v * dpr) + 0.5) / dpr;
    return std::round(v * dpr) / dpr;
}

double snap(double v, qreal dpr)
{
    return std::round(v * dpr) / dpr;
}

// One logical pixel, as a whole number of device pixels.
double hairline(qreal dpr)
{
    return std::max(1.0, std::round(dpr)) / dpr;
}

QColor withAlpha(QColor c, double alpha)
{
    c.setAlphaF(float(alpha));
    return c;
}

QColor gridColor(const QPalette& pal)
{
    return withAlpha(pal.color(QPalette::Text), 0.08);
}

QColor borderColor(const QPalette& pal)
{
    return withAlpha(pal.color(QPalette::Text), 0.22);
}

bool isUp(const Candle& c)
{
    return c.close >= c.open;
}

// Close against open in percent, exactly: "+1.23%".
QString candleChange(const Candle& c, const QLocale& locale)
{
    const std::optional<Decimal> open = Decimal::parseLenient(c.openText);
    const std::optional<Decimal> close = Decimal::parseLenient(c.closeText);
    if (!open || !close || open->isZero())
        return QString();
    const std::optional<Decimal> ratio = ((*close - *open) * Decimal::fromInt(100)).divided(*open, 4);
    if (!ratio)
        return QString();
    return PriceFormat::rounded(ratio->toString(), 2, locale, true) + locale.percent();
}

} // namespace

CandlestickPainter::CandlestickPainter(Scene scene, const QSizeF& size, qreal dpr, const QFont& font,
    const QPalette& palette, const QLocale& locale)
    : m_scene(std::move(scene))
    , m_font(font)
    , m_palette(palette)
    , m_locale(locale)
{
    m_layout = computeLayout(size, dpr);
}

int CandlestickPainter::indexAt(const QPointF& pos) const
{
    const Layout& l = m_layout;
    if (m_scene.candles.isEmpty() || pos.x() < l.plot.left() || pos.x() >= l.plot.right()
        || pos.y() < l.plot.top() || pos.y() > l.plot.bottom())
        return -1;
    const int index = int((pos.x() - l.plot.left()) / l.slot);
    return std::clamp(index, 0, int(m_scene.candles.size()) - 1);
}

QStringList CandlestickPainter::tooltipLines(const Candle& c, const QLocale& loc)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(c.openTime).toLocalTime();
    QStringList lines;
    lines << loc.toString(time, QLocale::ShortFormat);
    lines << QCoreApplication::translate("CandlestickChart", "Open %1")
                 .arg(PriceFormat::exact(c.openText, loc));
    lines << QCoreApplication::translate("CandlestickChart", "High %1")
                 .arg(PriceFormat::exact(c.highText, loc));
    lines
        << QCoreApplication::translate("CandlestickChart", "Low %1").arg(PriceFormat::exact(c.lowText, loc));
    lines << QCoreApplication::translate("CandlestickChart", "Close %1")
                 .arg(PriceFormat::exact(c.closeText, loc));
    lines << QCoreApplication::translate("CandlestickChart", "Volume %1")
                 .arg(PriceFormat::exact(c.volumeText, loc, 0));
    const QString change = candleChange(c, loc);
    if (!change.isEmpty())
        lines << QCoreApplication::translate("CandlestickChart", "Change %1").arg(change);
    return lines;
}

CandlestickPainter::Layout CandlestickPainter::computeLayout(const QSizeF& size, qreal dpr) const
{
    Layout l;
    l.dpr = dpr;
    const QFontMetricsF fm(m_font);
    const QLocale& loc = m_locale;
    l.bounds = QRectF(QPointF(0, 0), size).adjusted(2, 2, -2, -2);
    const double legendHeight = fm.height() + 2 * kPad;
    const double timeHeight = fm.height() + 2 * kPad;
    l.legend = QRectF(l.bounds.left(), l.bounds.top(), l.bounds.width(), legendHeight);
    const double plotTop = l.legend.bottom();
    const double plotBottom = l.bounds.bottom() - timeHeight;
    const double plotHeight = std::max(1.0, plotBottom - plotTop);
    const double volumeHeight = plotHeight >= 150 ? std::floor(plotHeight * kVolumeShare) : 0;

    // The price range holds every candle and every overlay value, with some air above and below.
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    for (const Candle& c : m_scene.candles) {
        lo = std::min(lo, c.low);
        hi = std::max(hi, c.high);
        l.maxVolume = std::max(l.maxVolume, c.volume);
    }
    for (const ChartOverlay& o : m_scene.overlays) {
        for (const Indicators::Series* s : {&o.values, &o.lower}) {
            for (const std::optional<double>& v : *s) {
                if (v) {
                    lo = std::min(lo, *v);
                    hi = std::max(hi, *v);
                }
            }
        }
    }
    if (lo > hi) {
        lo = 0;
        hi = 1;
    }
    const double span = hi - lo;
    const double air = span > 0 ? span * 0.06 : std::max(std::abs(hi) * 0.01, 1e-8);
    l.lo = lo - air;
    l.hi = hi + air;

    const double priceTop = plotTop + kPad;
    const double priceBottom = plotBottom - (volumeHeight > 0 ? volumeHeight + kPad : 0);
    const int maxTicks = std::max(2, int((priceBottom - priceTop) / (fm.height() * 1.8)));
    l.ticks = ChartAxis::priceTicks(l.lo, l.hi, maxTicks);

    double labelWidth = fm.horizontalAdvance(QStringLiteral("0000"));
    for (double v : l.ticks.values)
        labelWidth =
            std::max(labelWidth, fm.horizontalAdvance(ChartAxis::priceLabel(v, l.ticks.decimals, loc)));
    if (!m_scene.candles.isEmpty() && m_scene.lastPriceLine)
        labelWidth = std::max(
            labelWidth, fm.horizontalAdvance(PriceFormat::exact(m_scene.candles.last().closeText, loc)));
    const double axisWidth = std::ceil(labelWidth + 3 * kPad);

    l.plot = QRectF(QPointF(l.bounds.left(), plotTop), QPointF(l.bounds.right() - axisWidth, plotBottom));
    l.pricePane = QRectF(QPointF(l.plot.left(), priceTop), QPointF(l.plot.right(), priceBottom));
    if (volumeHeight > 0)
        l.volumePane = QRectF(QPointF(l.plot.left(), plotBottom - volumeHeight), l.plot.bottomRight());
    l.priceAxis = QRectF(QPointF(l.plot.right(), plotTop), QPointF(l.bounds.right(), plotBottom));
    l.timeAxis = QRectF(QPointF(l.plot.left(), plotBottom), QPointF(l.plot.right(), l.bounds.bottom()));
    l.slot = m_scene.candles.isEmpty() ? 1 : l.plot.width() / double(m_scene.candles.size());

    if (m_scene.candles.size() >= 2) {
        QVector<qint64> times;
        times.reserve(m_scene.candles.size());
        for (const Candle& c : m_scene.candles)
            times.append(c.openTime);
        qint64 intervalMs = KlineInterval::durationMs(m_scene.interval);
        if (intervalMs <= 0)
            intervalMs = std::max<qint64>(1, m_scene.candles.at(1).openTime - m_scene.candles.at(0).openTime);
        const double spacing = fm.horizontalAdvance(QStringLiteral("00 MMM")) + 4 * kPad;
        l.timeTicks = ChartAxis::timeTicks(times, intervalMs, l.slot, spacing, loc);
    }
    return l;
}

void CandlestickPainter::paintChart(QPainter& p) const
{
    const Layout& l = m_layout;
    if (l.plot.width() < 4 || l.pricePane.height() < 4)
        return; // too small to show anything useful
    const QPalette& pal = m_palette;
    const QLocale& loc = m_locale;
    const QFontMetricsF fm(m_font);
    const qreal dpr = l.dpr;
    const double line = hairline(dpr);
    const QColor up = Theme::positive(pal);
    const QColor down = Theme::negative(pal);
    const QColor muted = Theme::muted(pal);

    // Grid: horizontal lines at the price ticks, vertical ones at the time ticks.
    for (double v : l.ticks.values) {
        const double y = alignLine(l.y(v), dpr, line);
        if (y < l.pricePane.top() - 1 || y > l.pricePane.bottom() + 1)
            continue;
        p.fillRect(QRectF(l.plot.left(), y - line / 2, l.plot.width(), line), gridColor(pal));
    }
    for (const ChartAxis::TimeTick& t : l.timeTicks) {
        const double x = alignLine(l.x(t.index), dpr, line);
        p.fillRect(QRectF(x - line / 2, l.plot.top(), line, l.plot.height()), gridColor(pal));
    }

    // Candle geometry in device pixels: bodies and wicks share a centre, so the wick sits in the
    // middle of the body at any width.
    const long wickDev = std::max(1L, std::lround(dpr));
    long bodyDev = std::max(1L, std::lround(l.slot * kBodyShare * dpr));
    if (bodyDev > wickDev && (bodyDev - wickDev) % 2 != 0)
        bodyDev -= 1;
    const double bodyWidth = double(std::max(bodyDev, wickDev)) / dpr;
    const double wickWidth = double(wickDev) / dpr;
    const double minHeight = 1.0 / dpr;
    auto bodyLeft = [&](int i) {
        return std::round((l.x(i) - bodyWidth / 2) * dpr) / dpr;
    };

    // Volume bars under the candles.
    if (!l.volumePane.isEmpty() && l.maxVolume > 0) {
        for (int i = 0; i < m_scene.candles.size(); ++i) {
            const Candle& c = m_scene.candles.at(i);
            const double h = std::max(minHeight, snap(c.volume / l.maxVolume * l.volumePane.height(), dpr));
            const QColor color = withAlpha(isUp(c) ? up : down, 0.35);
            p.fillRect(QRectF(bodyLeft(i), snap(l.volumePane.bottom(), dpr) - h, bodyWidth, h), color);
        }
    }

    p.save();
    p.setClipRect(l.plot);
    p.setRenderHint(QPainter::Antialiasing, true);
    // Bands first, under the candles.
    for (const ChartOverlay& o : m_scene.overlays) {
        if (o.kind != ChartOverlay::Kind::Band)
            continue;
        QPainterPath area;
        QVector<QPointF> upper;
        QVector<QPointF> lower;
        auto flush = [&]() {
            if (upper.size() >= 2) {
                QPolygonF poly(upper);
                for (auto it = lower.crbegin(); it != lower.crend(); ++it)
                    poly.append(*it);
                area.addPolygon(poly);
                area.closeSubpath();
            }
            upper.clear();
            lower.clear();
        };
        for (int i = 0; i < m_scene.candles.size(); ++i) {
            const std::optional<double> u = o.values.value(i);
            const std::optional<double> d = o.lower.value(i);
            if (u && d) {
                upper.append(QPointF(l.x(i), l.y(*u)));
                lower.append(QPointF(l.x(i), l.y(*d)));
            } else {
                flush();
            }
        }
        flush();
        p.fillPath(area, withAlpha(o.color, 0.10));
    }
    p.restore();

    // Candles: wick, then body.
    for (int i = 0; i < m_scene.candles.size(); ++i) {
        const Candle& c = m_scene.candles.at(i);
        const QColor color = isUp(c) ? up : down;
        const double left = bodyLeft(i);
        const double wickLeft = left + (bodyWidth - wickWidth) / 2;
        const double high = snap(l.y(c.high), dpr);
        const double low = std::max(high + minHeight, snap(l.y(c.low), dpr));
        p.fillRect(QRectF(wickLeft, high, wickWidth, low - high), color);
        const double top = snap(l.y(std::max(c.open, c.close)), dpr);
        const double bottom = std::max(top + minHeight, snap(l.y(std::min(c.open, c.close)), dpr));
        p.fillRect(QRectF(left, top, bodyWidth, bottom - top), color);
    }

    // Overlay lines over the candles; undefined stretches leave gaps.
    p.save();
    p.setClipRect(l.plot);
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const ChartOverlay& o : m_scene.overlays) {
        QPen pen(o.color, 1.5);
        pen.setStyle(o.style);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        p.setPen(pen);
        QList<const Indicators::Series*> series {&o.values};
        if (o.kind == ChartOverlay::Kind::Band) {
            series.append(&o.lower);
            pen.setWidthF(1.0);
            p.setPen(pen);
        }
        for (const Indicators::Series* s : series) {
            QPolygonF run;
            for (int i = 0; i <= m_scene.candles.size(); ++i) {
                const std::optional<double> v = i < m_scene.candles.size() ? s->value(i) : std::nullopt;
                if (v) {
                    run.append(QPointF(l.x(i), l.y(*v)));
                } else {
                    if (run.size() >= 2)
                        p.drawPolyline(run);
                    run.clear();
                }
            }
        }
    }
    p.restore();

    // Frame of the plot: a line under it and one beside the price axis.
    const QColor border = borderColor(pal);
    p.fillRect(QRectF(l.plot.left(), alignLine(l.plot.bottom(), dpr, line) - line / 2, l.plot.width(), line),
        border);
    p.fillRect(
        QRectF(alignLine(l.plot.right(), dpr, line) - line / 2, l.plot.top(), line, l.plot.height()), border);
    if (!l.volumePane.isEmpty()) {
        const double y = alignLine(l.volumePane.top() - kPad / 2, dpr, line);
        p.fillRect(QRectF(l.plot.left(), y - line / 2, l.plot.width(), line), gridColor(pal));
    }

    // Price axis labels, except where the last price's tag covers them.
    p.setPen(muted);
    const double labelX = l.priceAxis.left() + kPad;
    const std::optional<double> tagY =
        m_scene.lastPriceLine ? std::optional<double>(l.y(m_scene.candles.last().close)) : std::nullopt;
    for (double v : l.ticks.values) {
        const double y = l.y(v);
        if (y < l.pricePane.top() - 1 || y > l.pricePane.bottom() + 1)
            continue;
        if (tagY && std::abs(y - *tagY) < fm.height() + 2)
            continue;
        const QRectF box(labelX, y - fm.height() / 2, l.priceAxis.width() - kPad, fm.height());
        p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, ChartAxis::priceLabel(v, l.ticks.decimals, loc));
    }

    // Time axis labels, centred under their candle and kept inside the plot's width.
    for (const ChartAxis::TimeTick& t : l.timeTicks) {
        const double w = fm.horizontalAdvance(t.label);
        double left = l.x(t.index) - w / 2;
        left = std::clamp(left, l.plot.left(), l.plot.right() - w);
        p.drawText(QRectF(left, l.timeAxis.top() + kPad / 2, w + 1, fm.height()), Qt::AlignCenter, t.label);
    }

    // Last price: a dashed line across the plot and the exact price on the axis.
    if (m_scene.lastPriceLine) {
        const Candle& last = m_scene.candles.last();
        const QColor color = isUp(last) ? up : down;
        const double y = alignLine(l.y(last.close), dpr, line);
        QPen dash(color, line);
        dash.setStyle(Qt::DashLine);
        dash.setCosmetic(false);
        p.setPen(dash);
        p.drawLine(QPointF(l.plot.left(), y), QPointF(l.plot.right(), y));
        const QString text = PriceFormat::exact(last.closeText, loc);
        const QRectF tag(
            l.priceAxis.left() + line, y - fm.height() / 2 - 2, l.priceAxis.width() - line, fm.height() + 4);
        p.fillRect(tag, color);
        p.setPen(pal.color(QPalette::Base));
        p.drawText(tag.adjusted(kPad - line, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, text);
    }
}

void CandlestickPainter::paintLegend(QPainter& p, int index) const
{
    const Layout& l = m_layout;
    if (m_scene.overlays.isEmpty())
        return;
    const QPalette& pal = m_palette;
    const QLocale& loc = m_locale;
    const QFontMetricsF fm(m_font);
    if (index < 0)
        index = int(m_scene.candles.size()) - 1;
    const int decimals = std::min(8, l.ticks.decimals + 2);
    double x = l.legend.left() + kPad;
    const double midY = l.legend.center().y();
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const ChartOverlay& o : m_scene.overlays) {
        QString text = o.label;
        if (o.kind == ChartOverlay::Kind::Band) {
            const std::optional<double> u = o.values.value(index);
            const std::optional<double> d = o.lower.value(index);
            if (u && d)
                text += QLatin1Char(' ') + ChartAxis::priceLabel(*d, decimals, loc) + QStringLiteral(" – ")
                    + ChartAxis::priceLabel(*u, decimals, loc);
        } else if (const std::optional<double> v = o.values.value(index)) {
            text += QLatin1Char(' ') + ChartAxis::priceLabel(*v, decimals, loc);
        }
        const double w = fm.horizontalAdvance(text);
        if (x + 16 + w > l.legend.right())
            break;
        QPen pen(o.color, 2.5);
        pen.setStyle(o.style == Qt::SolidLine ? Qt::SolidLine : Qt::DotLine);
        pen.setCapStyle(Qt::FlatCap);
        p.setPen(pen);
        p.drawLine(QPointF(x, midY), QPointF(x + 12, midY));
        p.setPen(pal.color(QPalette::Text));
        p.drawText(
            QRectF(x + 16, l.legend.top(), w + 1, l.legend.height()), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += 16 + w + 2 * kPad + 4;
    }
    p.restore();
}

void CandlestickPainter::paintBanner(QPainter& p, const QString& text, const QColor& color) const
{
    const Layout& l = m_layout;
    const QPalette& pal = m_palette;
    const QFontMetricsF fm(m_font);
    const double maxWidth = l.plot.width() * 0.6;
    const QString shown = fm.elidedText(text, Qt::ElideRight, maxWidth);
    const double w = fm.horizontalAdvance(shown) + 2 * kPad;
    const QRectF box(l.plot.right() - w - kPad, l.plot.top() + kPad, w, fm.height() + kPad);
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(withAlpha(color, 0.6));
    p.setBrush(withAlpha(pal.color(QPalette::Base), 0.92));
    p.drawRoundedRect(box, 4, 4);
    p.setPen(color);
    p.drawText(box, Qt::AlignCenter, shown);
    p.restore();
}

void CandlestickPainter::paintCrosshair(QPainter& p, int index, std::optional<double> pointerY) const
{
    const Layout& l = m_layout;
    if (index < 0 || index >= m_scene.candles.size() || l.plot.width() < 4 || l.pricePane.height() < 4)
        return;
    const QPalette& pal = m_palette;
    const QLocale& loc = m_locale;
    const QFontMetricsF fm(m_font);
    const qreal dpr = l.dpr;
    const double line = hairline(dpr);
    const Candle& c = m_scene.candles.at(index);
    const QColor ink = withAlpha(pal.color(QPalette::Text), 0.55);
    QPen pen(ink, line);
    pen.setStyle(Qt::DashLine);
    p.setPen(pen);

    const double x = alignLine(l.x(index), dpr, line);
    p.drawLine(QPointF(x, l.plot.top()), QPointF(x, l.plot.bottom()));

    // Without a pointer (keyboard) the line marks the close; a pointer over the volume bars or an
    // axis shows no price line.
    const bool inPrices = pointerY && *pointerY >= l.pricePane.top() && *pointerY <= l.pricePane.bottom();
    const double y = inPrices ? *pointerY : l.y(c.close);
    const bool showPrice = !pointerY || inPrices;
    if (showPrice) {
        const double yy = alignLine(y, dpr, line);
        p.drawLine(QPointF(l.plot.left(), yy), QPointF(l.plot.right(), yy));
        const QString label = !pointerY
            ? PriceFormat::exact(c.closeText, loc)
            : ChartAxis::priceLabel(l.priceAt(y), std::min(8, l.ticks.decimals + 1), loc);
        const QRectF tag(
            l.priceAxis.left() + line, yy - fm.height() / 2 - 2, l.priceAxis.width() - line, fm.height() + 4);
        p.fillRect(tag, pal.color(QPalette::Text));
        p.setPen(pal.color(QPalette::Base));
        p.drawText(tag.adjusted(kPad - line, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, label);
    }

    // The candle's time on the time axis.
    const QString time =
        loc.toString(QDateTime::fromMSecsSinceEpoch(c.openTime).toLocalTime(), QLocale::ShortFormat);
    const double w = fm.horizontalAdvance(time) + 2 * kPad;
    const double left =
        std::clamp(x - w / 2, l.timeAxis.left(), std::max(l.timeAxis.left(), l.timeAxis.right() - w));
    const QRectF tag(left, l.timeAxis.top() + line, w, fm.height() + kPad);
    p.fillRect(tag, pal.color(QPalette::Text));
    p.setPen(pal.color(QPalette::Base));
    p.drawText(tag, Qt::AlignCenter, time);

    paintTooltip(p, index, QPointF(x, y));
}

void CandlestickPainter::paintTooltip(QPainter& p, int index, const QPointF& anchor) const
{
    const Layout& l = m_layout;
    const QStringList lines = tooltipLines(m_scene.candles.at(index), m_locale);
    if (lines.isEmpty())
        return;
    const QPalette& pal = m_palette;
    const QFontMetricsF fm(m_font);
    double width = 0;
    for (const QString& s : lines)
        width = std::max(width, fm.horizontalAdvance(s));
    const double lineHeight = fm.height() + 1;
    const QSizeF size(width + 3 * kPad, lineHeight * lines.size() + 2 * kPad);
    // Beside the crosshair, on the side with room, inside the plot.
    QPointF topLeft(anchor.x() + 14, anchor.y() + 14);
    if (topLeft.x() + size.width() > l.plot.right())
        topLeft.setX(anchor.x() - 14 - size.width());
    if (topLeft.y() + size.height() > l.plot.bottom())
        topLeft.setY(anchor.y() - 14 - size.height());
    topLeft.setX(std::max(topLeft.x(), l.plot.left() + 2));
    topLeft.setY(std::max(topLeft.y(), l.plot.top() + 2));
    const QRectF box(topLeft, size);

    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(borderColor(pal));
    p.setBrush(withAlpha(pal.color(QPalette::Base), 0.96));
    p.drawRoundedRect(box, 6, 6);
    const Candle& c = m_scene.candles.at(index);
    double y = box.top() + kPad;
    for (int i = 0; i < lines.size(); ++i) {
        QColor color = pal.color(QPalette::Text);
        if (i == 0)
            color = Theme::muted(pal);
        else if (i == kChangeLine)
            color = isUp(c) ? Theme::positive(pal) : Theme::negative(pal);
        p.setPen(color);
        p.drawText(QRectF(box.left() + 1.5 * kPad, y, width + 1, lineHeight),
            Qt::AlignLeft | Qt::AlignVCenter, lines.at(i));
        y += lineHeight;
    }
    p.restore();
}
