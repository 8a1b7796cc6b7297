#include "theme.h"

#include <QApplication>
#include <QFile>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHash>
#include <QIconEngine>
#include <QLabel>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QPushButton>
#include <QSvgRenderer>
#include <QVBoxLayout>

namespace
{

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

// Renders SVG data at whatever size is asked for, so icons stay sharp at every scale factor.
class SvgIconEngine : public QIconEngine
{
public:
    explicit SvgIconEngine(QByteArray svg)
        : m_svg(std::move(svg))
    { }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override
    {
        QSvgRenderer renderer(m_svg);
        painter->save();
        if (mode == QIcon::Disabled)
            painter->setOpacity(0.4);
        renderer.render(painter, QRectF(rect));
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

    QIconEngine* clone() const override { return new SvgIconEngine(m_svg); }
    QString key() const override { return QStringLiteral("finagent-svg"); }

private:
    QByteArray m_svg;
};

} // namespace

namespace Theme
{

int spacing()
{
    return 8;
}

int sectionSpacing()
{
    return 16;
}

int pageMargin()
{
    return 24;
}

QIcon icon(const QString& name)
{
    const QString path = QStringLiteral(":/icons/%1.svg").arg(name);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QIcon();
    QByteArray svg = file.readAll();
    if (!svg.contains("currentColor"))
        return QIcon(path);
    const QColor color = QApplication::palette().color(QPalette::WindowText);
    svg.replace("currentColor", color.name().toLatin1());
    return QIcon(new SvgIconEngine(svg));
}

QIcon appIcon()
{
    return QIcon(QStringLiteral(":/icons/io.github.finagent.FinAgent.svg"));
}

QColor positive(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x4a, 0xde, 0x80) : QColor(0x15, 0x80, 0x3d);
}

QColor negative(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xf8, 0x71, 0x71) : QColor(0xc8, 0x1e, 0x1e);
}

QColor warning(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xfb, 0xbf, 0x24) : QColor(0xb4, 0x53, 0x09);
}

QColor muted(const QPalette& palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    // Two thirds of the way from the background to the text: secondary but still legible.
    return QColor((text.red() * 2 + window.red()) / 3, (text.green() * 2 + window.green()) / 3,
        (text.blue() * 2 + window.blue()) / 3);
}

QWidget* pageHeader(const QString& title, const QString& subtitle, QWidget* parent)
{
    auto* header = new QWidget(parent);
    header->setObjectName(QStringLiteral("pageHeader"));
    auto* layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, spacing());
    layout->setSpacing(4);
    auto* titleLabel = new QLabel(title, header);
    titleLabel->setObjectName(QStringLiteral("pageTitle"));
    QFont font = titleLabel->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setWeight(QFont::DemiBold);
    titleLabel->setFont(font);
    titleLabel->setAccessibleName(title);
    layout->addWidget(titleLabel);
    if (!subtitle.isEmpty()) {
        QLabel* sub = hintLabel(subtitle, header);
        sub->setObjectName(QStringLiteral("pageSubtitle"));
        layout->addWidget(sub);
    }
    return header;
}

QFrame* card(const QString& title, QVBoxLayout** content, QWidget* parent)
{
    auto* frame = new QFrame(parent);
    frame->setObjectName(QStringLiteral("card"));
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setFrameShadow(QFrame::Plain);
    auto* layout = new QVBoxLayout(frame);
    layout->setContentsMargins(sectionSpacing(), 12, sectionSpacing(), sectionSpacing());
    layout->setSpacing(spacing());
    if (!title.isEmpty()) {
        auto* label = new QLabel(title, frame);
        label->setObjectName(QStringLiteral("cardTitle"));
        QFont font = label->font();
        font.setPointSizeF(font.pointSizeF() * 1.1);
        font.setWeight(QFont::DemiBold);
        label->setFont(font);
        layout->addWidget(label);
    }
    if (content)
        *content = layout;
    return frame;
}

QLabel* hintLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, muted(pal));
    label->setPalette(pal);
    return label;
}

QString statusText(const QColor& color, const QString& text)
{
    return QStringLiteral("<span style=\"color:%1\">&#x25CF;</span>&nbsp;%2")
        .arg(color.name(), text.toHtmlEscaped());
}

QLabel* addTestRow(QFormLayout* form, QPushButton* button, const QString& outcomeName)
{
    auto* row = new QHBoxLayout;
    row->setSpacing(spacing());
    row->addWidget(button, 0, Qt::AlignTop);
    auto* outcome = new QLabel(button->parentWidget());
    outcome->setObjectName(outcomeName);
    outcome->setWordWrap(true);
    outcome->setTextFormat(Qt::PlainText);
    outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(outcome, 1);
    form->addRow(QString(), row);
    return outcome;
}

void showOutcome(QLabel* label, bool ok, const QString& sentence)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, ok ? positive(pal) : negative(pal));
    label->setPalette(pal);
    label->setText(sentence);
}

} // namespace Theme
