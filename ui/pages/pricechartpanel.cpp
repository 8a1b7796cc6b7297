#include "pages/pricechartpanel.h"

#include "backend/backend.h"
#include "pages/chartoverlays.h"
#include "theme.h"
#include "widgets/candlestickchart.h"
#include "widgets/intervalselector.h"
#include "widgets/priceformat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QIconEngine>
#include <QJsonArray>
#include <QLabel>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

namespace
{

const QString kLastPrice = QStringLiteral("last_price");
const QString kDefaultInterval = QStringLiteral("1h");

QStringList chartIntervals()
{
    return {QStringLiteral("1m"), QStringLiteral("5m"), QStringLiteral("15m"), QStringLiteral("1h"),
        QStringLiteral("4h"), QStringLiteral("1d"), QStringLiteral("1w")};
}

Candle candleOf(const QJsonObject& row)
{
    Candle c;
    c.openTime = row.value(QStringLiteral("open_time_ms")).toInteger();
    c.closeTime = row.value(QStringLiteral("close_time_ms")).toInteger();
    c.openText = row.value(QStringLiteral("open")).toString();
    c.highText = row.value(QStringLiteral("high")).toString();
    c.lowText = row.value(QStringLiteral("low")).toString();
    c.closeText = row.value(QStringLiteral("close")).toString();
    c.volumeText = row.value(QStringLiteral("volume")).toString();
    c.open = PriceFormat::toDouble(c.openText);
    c.high = PriceFormat::toDouble(c.highText);
    c.low = PriceFormat::toDouble(c.lowText);
    c.close = PriceFormat::toDouble(c.closeText);
    c.volume = PriceFormat::toDouble(c.volumeText);
    return c;
}

bool sameCandles(const QVector<Candle>& a, const QVector<Candle>& b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i) {
        const Candle& x = a.at(i);
        const Candle& y = b.at(i);
        if (x.openTime != y.openTime || x.openText != y.openText || x.highText != y.highText
            || x.lowText != y.lowText || x.closeText != y.closeText || x.volumeText != y.volumeText)
            return false;
    }
    return true;
}

// A short thick line in the overlay's colour, for its toggle button; drawn at whatever size and
// scale factor the button asks for.
class SwatchEngine : public QIconEngine
{
public:
    SwatchEngine(const QColor& color, Qt::PenStyle style)
        : m_color(color)
        , m_style(style)
    { }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        if (mode == QIcon::Disabled)
            painter->setOpacity(0.4);
        QPen pen(m_color, std::max(2.0, rect.height() / 5.0));
        pen.setStyle(m_style);
        pen.setCapStyle(Qt::FlatCap);
        painter->setPen(pen);
        const double y = rect.top() + rect.height() / 2.0;
        painter->drawLine(QPointF(rect.left() + 1, y), QPointF(rect.right(), y));
        painter->restore();
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        paint(&p, QRect(QPoint(0, 0), size), mode, state);
        return pm;
    }

    QIconEngine* clone() const override { return new SwatchEngine(m_color, m_style); }

private:
    QColor m_color;
    Qt::PenStyle m_style;
};

QIcon swatch(const QColor& color, Qt::PenStyle style)
{
    return QIcon(new SwatchEngine(color, style));
}

QLabel* boldLabel(QWidget* parent, const QString& name, double scale)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * scale);
    f.setWeight(QFont::DemiBold);
    label->setFont(f);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

PriceChartPanel::PriceChartPanel(Backend& backend, QWidget* parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_overlays({QStringLiteral("sma20"), QStringLiteral("sma50"), kLastPrice})
{
    setObjectName(QStringLiteral("priceChartPanel"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(Theme::spacing());

    auto* head = new QHBoxLayout;
    head->setSpacing(Theme::sectionSpacing());
    m_symbolLabel = boldLabel(this, QStringLiteral("chartSymbol"), 1.25);
    m_priceLabel = boldLabel(this, QStringLiteral("chartPrice"), 1.25);
    m_changeLabel = new QLabel(this);
    m_changeLabel->setObjectName(QStringLiteral("chartChange"));
    head->addWidget(m_symbolLabel);
    head->addWidget(m_priceLabel);
    head->addWidget(m_changeLabel);
    head->addStretch(1);
    m_intervals = new IntervalSelector(chartIntervals(), this);
    m_intervals->setInterval(kDefaultInterval);
    connect(m_intervals, &IntervalSelector::intervalChanged, this, [this]() {
        m_chart->clear();
        load(true);
        Q_EMIT viewChanged();
    });
    head->addWidget(m_intervals);
    column->addLayout(head);

    auto* toggles = new QHBoxLayout;
    toggles->setSpacing(4);
    auto* overlaysLabel = new QLabel(tr("Overlays:"), this);
    QPalette pal = overlaysLabel->palette();
    pal.setColor(QPalette::WindowText, Theme::muted(pal));
    overlaysLabel->setPalette(pal);
    toggles->addWidget(overlaysLabel);
    QStringList ids = ChartOverlays::ids();
    ids.append(kLastPrice);
    for (const QString& id : ids) {
        auto* button = new QToolButton(this);
        button->setObjectName(QStringLiteral("overlay_") + id);
        button->setText(id == kLastPrice ? tr("Last price") : ChartOverlays::label(id));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::StrongFocus);
        button->setChecked(m_overlays.contains(id));
        connect(button, &QToolButton::toggled, this, [this, id](bool on) { setOverlayEnabled(id, on); });
        m_overlayButtons.insert(id, button);
        toggles->addWidget(button);
    }
    toggles->addStretch(1);
    column->addLayout(toggles);
    updateSwatches();

    m_chart = new CandlestickChart(this);
    m_chart->setEmptyText(tr("Select a symbol in the watchlist to see its chart."));
    m_chart->setLastPriceLineVisible(m_overlays.contains(kLastPrice));
    column->addWidget(m_chart, 1);
    setSymbol(QString());
}

PriceChartPanel::~PriceChartPanel() = default;

void PriceChartPanel::setSymbol(const QString& symbol)
{
    if (symbol == m_symbol && !symbol.isEmpty())
        return;
    m_symbol = symbol;
    m_symbolLabel->setText(symbol.isEmpty() ? tr("No symbol selected") : symbol);
    m_priceLabel->clear();
    m_changeLabel->clear();
    m_chart->clear();
    m_chart->setErrorText(QString());
    delete m_request;
    if (symbol.isEmpty()) {
        m_chart->setLoading(false);
        return;
    }
    load(true);
}

void PriceChartPanel::setInterval(const QString& interval)
{
    if (interval == m_intervals->interval() || !chartIntervals().contains(interval))
        return;
    m_intervals->setInterval(interval);
    m_chart->clear();
    load(true);
}

QString PriceChartPanel::interval() const
{
    return m_intervals->interval();
}

void PriceChartPanel::setQuote(const QString& lastPrice, const QString& changePercent)
{
    const QLocale loc = locale();
    m_priceLabel->setText(lastPrice.isEmpty() ? QString() : PriceFormat::exact(lastPrice, loc));
    if (changePercent.isEmpty()) {
        m_changeLabel->clear();
        return;
    }
    const int sign = PriceFormat::sign(changePercent);
    const QString arrow = sign > 0 ? QStringLiteral("▲ ") : sign < 0 ? QStringLiteral("▼ ") : QString();
    const QColor color = sign > 0 ? Theme::positive(palette())
        : sign < 0                ? Theme::negative(palette())
                                  : Theme::muted(palette());
    QPalette pal = m_changeLabel->palette();
    pal.setColor(QPalette::WindowText, color);
    m_changeLabel->setPalette(pal);
    m_changeLabel->setText(tr("%1 in 24h").arg(arrow + PriceFormat::percent(changePercent, loc)));
}

void PriceChartPanel::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    if (live)
        load(false);
}

bool PriceChartPanel::refresh()
{
    if (!m_live || m_symbol.isEmpty() || m_request)
        return false;
    load(false);
    return true;
}

void PriceChartPanel::load(bool restart)
{
    if (m_symbol.isEmpty())
        return;
    const QString key = m_symbol + QLatin1Char('/') + interval();
    if (m_request && m_requestKey == key && !restart)
        return;
    delete m_request;
    if (!m_live) {
        m_chart->setLoading(m_chart->candleCount() == 0);
        return;
    }
    m_requestKey = key;
    m_request = new QObject(this);
    m_chart->setLoading(true);
    const QString symbol = m_symbol;
    const QString iv = interval();
    const QJsonObject args {{QStringLiteral("symbol"), symbol}, {QStringLiteral("interval"), iv},
        {QStringLiteral("limit"), kCandleLimit}};
    m_backend.callTool(QStringLiteral("get_klines"), args, m_request, [this, symbol, iv](ToolOutcome out) {
        if (m_request)
            m_request->deleteLater();
        m_request = nullptr;
        m_chart->setLoading(false);
        if (symbol != m_symbol || iv != interval())
            return;
        if (!out.ok) {
            m_chart->setErrorText(out.error.message);
            Q_EMIT loaded(false);
            return;
        }
        QVector<Candle> candles;
        const QJsonArray rows = out.structured.value(QStringLiteral("klines")).toArray();
        candles.reserve(rows.size());
        for (const QJsonValue& row : rows)
            candles.append(candleOf(row.toObject()));
        m_chart->setErrorText(QString());
        showCandles(candles);
        Q_EMIT loaded(true);
    });
}

void PriceChartPanel::showCandles(const QVector<Candle>& candles)
{
    if (sameCandles(candles, m_chart->candles()))
        return;
    m_chart->setCandles(candles, interval());
    updateOverlays();
}

void PriceChartPanel::setOverlayEnabled(const QString& id, bool enabled)
{
    if (enabled == m_overlays.contains(id))
        return;
    if (enabled)
        m_overlays.append(id);
    else
        m_overlays.removeAll(id);
    if (QToolButton* button = m_overlayButtons.value(id)) {
        const QSignalBlocker block(button);
        button->setChecked(enabled);
    }
    if (id == kLastPrice)
        m_chart->setLastPriceLineVisible(enabled);
    else
        updateOverlays();
    Q_EMIT viewChanged();
}

bool PriceChartPanel::isOverlayEnabled(const QString& id) const
{
    return m_overlays.contains(id);
}

QStringList PriceChartPanel::enabledOverlays() const
{
    return m_overlays;
}

void PriceChartPanel::updateOverlays()
{
    m_chart->setOverlays(ChartOverlays::compute(m_chart->candles(), m_overlays, palette()));
}

void PriceChartPanel::updateSwatches()
{
    for (auto it = m_overlayButtons.constBegin(); it != m_overlayButtons.constEnd(); ++it) {
        if (it.key() == kLastPrice)
            it.value()->setIcon(swatch(Theme::muted(palette()), Qt::DashLine));
        else
            it.value()->setIcon(swatch(ChartOverlays::color(it.key(), palette()), Qt::SolidLine));
    }
}

void PriceChartPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateSwatches();
        updateOverlays();
    }
}
