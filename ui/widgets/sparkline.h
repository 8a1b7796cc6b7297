#pragma once

#include <QColor>
#include <QRectF>
#include <QVector>

class QPainter;

// A small line chart of recent values, without axes: the shape of the last day at a glance.
namespace Sparkline
{

// Draws values (oldest first) into rect, scaled to their own range, with a soft fill under the
// line and a dot on the newest value. Fewer than two values draw nothing.
void paint(QPainter& painter, const QRectF& rect, const QVector<double>& values, const QColor& color);

} // namespace Sparkline
