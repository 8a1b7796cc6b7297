#include "widgets/candlestickchart.h"

#include "theme.h"
#include "widgets/candlestickpainter.h"
#include "widgets/priceformat.h"

#include <QDateTime>
#include <QEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace
{

QColor withAlpha(QColor c, double alpha)
{
    c.setAlphaF(float(alpha));
    return c;
}

// One logical pixel, as a whole number of device pixels.
double hairline(qreal dpr)
{
    return std::max(1.0, std::round(dpr)) / dpr;
}

} // namespace

CandlestickChart::CandlestickChart(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("candlestickChart"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Candlestick chart"));
    m_emptyText = tr("No candles to show.");
}

CandlestickChart::~CandlestickChart() = default;

void CandlestickChart::setCandles(const QVector<Candle>& candles, const QString& interval)
{
    m_candles = candles;
    m_interval = interval;
    if (m_hovered >= candleCount())
        m_hovered = -1;
    if (!m_candles.isEmpty()) {
        const Candle& last = m_candles.last();
        setAccessibleDescription(tr("%1 candles of %2; last close %3")
                                     .arg(m_candles.size())
                                     .arg(interval, PriceFormat::exact(last.closeText, locale())));
    }
    invalidate();
}

void CandlestickChart::clear()
{
    setCandles({}, QString());
    m_overlays.clear();
    setAccessibleDescription(QString());
}

void CandlestickChart::setOverlays(const QVector<ChartOverlay>& overlays)
{
    m_overlays = overlays;
    invalidate();
}

QStringList CandlestickChart::overlayIds() const
{
    QStringList ids;
    for (const ChartOverlay& o : m_overlays)
        ids.append(o.id);
    return ids;
}

void CandlestickChart::setLastPriceLineVisible(bool visible)
{
    if (m_lastPriceLine == visible)
        return;
    m_lastPriceLine = visible;
    invalidate();
}

void CandlestickChart::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    update();
}

void CandlestickChart::setErrorText(const QString& text)
{
    if (m_error == text)
        return;
    m_error = text;
    update();
}

void CandlestickChart::setEmptyText(const QString& text)
{
    m_emptyText = text;
    update();
}

CandlestickChart::State CandlestickChart::state() const
{
    if (!m_candles.isEmpty())
        return State::Ready;
    if (!m_error.isEmpty())
        return State::Error;
    return m_loading ? State::Loading : State::Empty;
}

void CandlestickChart::setHoveredIndex(int index)
{
    setHovered(index, true);
}

void CandlestickChart::setHovered(int index, bool fromKeyboard)
{
    if (index < -1 || index >= candleCount())
        index = -1;
    m_keyboardHover = fromKeyboard;
    if (fromKeyboard)
        m_mouseY.reset();
    const bool changed = index != m_hovered;
    m_hovered = index;
    update();
    if (changed)
        Q_EMIT hoveredIndexChanged(index);
}

QString CandlestickChart::hoverText() const
{
    if (m_hovered < 0)
        return QString();
    return CandlestickPainter::tooltipLines(m_candles.at(m_hovered), locale()).join(QLatin1Char('\n'));
}

int CandlestickChart::indexAt(const QPoint& pos) const
{
    const CandlestickPainter* p = painter();
    return p ? p->indexAt(pos) : -1;
}

const CandlestickPainter* CandlestickChart::painter() const
{
    if (m_candles.isEmpty())
        return nullptr;
    const qreal dpr = devicePixelRatioF();
    if (!m_painter || m_painterSize != size() || m_painterDpr != dpr) {
        CandlestickPainter::Scene scene {m_candles, m_overlays, m_interval, m_lastPriceLine};
        m_painter =
            std::make_unique<CandlestickPainter>(scene, QSizeF(size()), dpr, font(), palette(), locale());
        m_painterSize = size();
        m_painterDpr = dpr;
        m_layerValid = false;
    }
    return m_painter.get();
}

QSize CandlestickChart::sizeHint() const
{
    return QSize(640, 360);
}

QSize CandlestickChart::minimumSizeHint() const
{
    return QSize(280, 180);
}

void CandlestickChart::invalidate()
{
    m_painter.reset();
    m_layerValid = false;
    update();
}

void CandlestickChart::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QPalette pal = palette();
    const qreal dpr = devicePixelRatioF();
    if (const CandlestickPainter* chart = painter()) {
        const QSize deviceSize = size() * dpr;
        if (!m_layerValid || m_layer.size() != deviceSize) {
            m_layer = QPixmap(deviceSize);
            m_layer.setDevicePixelRatio(dpr);
            m_layer.fill(pal.color(QPalette::Base));
            QPainter layer(&m_layer);
            chart->paintChart(layer);
            m_layerValid = true;
        }
        p.drawPixmap(0, 0, m_layer);
        chart->paintLegend(p, m_hovered);
        if (!m_error.isEmpty())
            chart->paintBanner(p, m_error, Theme::negative(pal));
        else if (m_loading)
            chart->paintBanner(p, tr("Loading…"), Theme::muted(pal));
        if (m_hovered >= 0)
            chart->paintCrosshair(p, m_hovered, m_keyboardHover ? std::nullopt : m_mouseY);
    } else {
        p.fillRect(rect(), pal.color(QPalette::Base));
        if (!m_error.isEmpty())
            paintMessage(p, m_error, Theme::negative(pal));
        else if (m_loading)
            paintMessage(p, tr("Loading candles…"), Theme::muted(pal));
        else
            paintMessage(p, m_emptyText, Theme::muted(pal));
    }
    if (hasFocus()) {
        const double line = hairline(dpr);
        p.setPen(QPen(withAlpha(pal.color(QPalette::Highlight), 0.8), line * 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(rect()).adjusted(line, line, -line, -line));
    }
}

void CandlestickChart::paintMessage(QPainter& p, const QString& text, const QColor& color) const
{
    p.setPen(color);
    const QRect box = rect().adjusted(24, 24, -24, -24);
    p.drawText(box, Qt::AlignCenter | Qt::TextWordWrap, text);
}

void CandlestickChart::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    invalidate();
}

void CandlestickChart::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    m_mouseY = event->position().y();
    setHovered(indexAt(pos), false);
    QWidget::mouseMoveEvent(event);
}

void CandlestickChart::leaveEvent(QEvent* event)
{
    m_mouseY.reset();
    if (!m_keyboardHover)
        setHovered(-1, false);
    QWidget::leaveEvent(event);
}

void CandlestickChart::keyPressEvent(QKeyEvent* event)
{
    const int n = candleCount();
    if (n == 0) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int current = m_hovered >= 0 ? m_hovered : n;
    switch (event->key()) {
    case Qt::Key_Left:
        setHovered(std::max(0, current - 1), true);
        break;
    case Qt::Key_Right:
        setHovered(m_hovered < 0 ? n - 1 : std::min(n - 1, current + 1), true);
        break;
    case Qt::Key_PageUp:
        setHovered(std::max(0, current - 10), true);
        break;
    case Qt::Key_PageDown:
        setHovered(m_hovered < 0 ? n - 1 : std::min(n - 1, current + 10), true);
        break;
    case Qt::Key_Home:
        setHovered(0, true);
        break;
    case Qt::Key_End:
        setHovered(n - 1, true);
        break;
    case Qt::Key_Escape:
        if (m_hovered < 0) {
            QWidget::keyPressEvent(event);
            return;
        }
        setHovered(-1, true);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void CandlestickChart::changeEvent(QEvent* event)
{
    switch (event->type()) {
    case QEvent::PaletteChange:
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::LocaleChange:
        invalidate();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

void CandlestickChart::focusInEvent(QFocusEvent* event)
{
    QWidget::focusInEvent(event);
    update();
}

void CandlestickChart::focusOutEvent(QFocusEvent* event)
{
    QWidget::focusOutEvent(event);
    update();
}
