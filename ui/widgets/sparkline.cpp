#include "widgets/sparkline.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace Sparkline
{

void paint(QPainter& painter, const QRectF& rect, const QVector<double>& values, const QColor& color)
{
    if (values.size() < 2 || rect.width() < 4 || rect.height() < 4)
        return;
    const auto [minIt, maxIt] = std::minmax_element(values.cbegin(), values.cend());
    const double lo = *minIt;
    const double hi = *maxIt;
    const double span = hi - lo;
    // A flat series is a line through the middle rather than along an edge.
    auto yOf = [&](double v) {
        return span > 0 ? rect.bottom() - (v - lo) / span * rect.height() : rect.center().y();
    };
    const double step = rect.width() / double(values.size() - 1);
    QPolygonF line;
    line.reserve(values.size());
    for (int i = 0; i < values.size(); ++i)
        line.append(QPointF(rect.left() + i * step, yOf(values.at(i))));

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPainterPath area;
    area.moveTo(line.first().x(), rect.bottom());
    for (const QPointF& pt : line)
        area.lineTo(pt);
    area.lineTo(line.last().x(), rect.bottom());
    area.closeSubpath();
    QLinearGradient fill(rect.topLeft(), rect.bottomLeft());
    QColor top = color;
    top.setAlphaF(0.22f);
    QColor bottom = color;
    bottom.setAlphaF(0.0f);
    fill.setColorAt(0, top);
    fill.setColorAt(1, bottom);
    painter.fillPath(area, fill);

    QPen pen(color, 1.5);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    painter.setPen(pen);
    painter.drawPolyline(line);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(line.last(), 2.0, 2.0);
    painter.restore();
}

} // namespace Sparkline
