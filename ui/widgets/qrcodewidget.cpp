#include "widgets/qrcodewidget.h"

#include <QPainter>

#include <qrencode.h>

#include <memory>

namespace
{

constexpr int kQuietZone = 4; // modules of white around the code, as the standard asks

} // namespace

QrCodeWidget::QrCodeWidget(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

QVector<bool> QrCodeWidget::encode(const QString& text, int* width, QString* error)
{
    *width = 0;
    if (text.isEmpty())
        return {};
    const QByteArray utf8 = text.toUtf8();
    // Byte mode keeps the text exactly as given (URLs and addresses are case-sensitive).
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code) {
        if (error)
            *error = tr("This text is too long for a QR code. Copy it instead.");
        return {};
    }
    const int n = code->width;
    QVector<bool> modules(n * n);
    for (int i = 0; i < n * n; ++i)
        modules[i] = (code->data[i] & 1) != 0;
    *width = n;
    return modules;
}

void QrCodeWidget::setText(const QString& text)
{
    if (text == m_text && (m_width > 0 || text.isEmpty()))
        return;
    m_text = text;
    m_error.clear();
    m_modules = encode(text, &m_width, &m_error);
    setAccessibleDescription(text);
    updateGeometry();
    update();
}

bool QrCodeWidget::isDark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_width || y >= m_width)
        return false;
    return m_modules.at(y * m_width + x);
}

QImage QrCodeWidget::toImage(int moduleSize) const
{
    if (m_width == 0 || moduleSize <= 0)
        return {};
    const int side = (m_width + 2 * kQuietZone) * moduleSize;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    for (int y = 0; y < m_width; ++y) {
        for (int x = 0; x < m_width; ++x) {
            if (m_modules.at(y * m_width + x))
                p.fillRect((x + kQuietZone) * moduleSize, (y + kQuietZone) * moduleSize, moduleSize,
                    moduleSize, Qt::black);
        }
    }
    return image;
}

QSize QrCodeWidget::sizeHint() const
{
    return QSize(180, 180);
}

QSize QrCodeWidget::minimumSizeHint() const
{
    const int modules = (m_width > 0 ? m_width : 21) + 2 * kQuietZone;
    return QSize(modules * 2, modules * 2);
}

void QrCodeWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const int side = qMin(width(), height());
    if (m_width == 0) {
        if (!m_error.isEmpty()) {
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_error);
        }
        return;
    }
    // Whole device pixels per module keep every edge sharp; the code is centred in the widget.
    const qreal dpr = devicePixelRatioF();
    const int total = m_width + 2 * kQuietZone;
    const int devicePerModule = qMax(1, int(side * dpr) / total);
    const qreal module = devicePerModule / dpr;
    const qreal drawn = module * total;
    const QPointF origin((width() - drawn) / 2.0, (height() - drawn) / 2.0);
    const QPointF snapped(qRound(origin.x() * dpr) / dpr, qRound(origin.y() * dpr) / dpr);
    p.fillRect(QRectF(snapped, QSizeF(drawn, drawn)), Qt::white);
    for (int y = 0; y < m_width; ++y) {
        for (int x = 0; x < m_width; ++x) {
            if (m_modules.at(y * m_width + x))
                p.fillRect(QRectF(snapped.x() + (x + kQuietZone) * module,
                               snapped.y() + (y + kQuietZone) * module, module, module),
                    Qt::black);
        }
    }
}
