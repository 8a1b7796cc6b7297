#include "widgets/sparklinedelegate.h"

#include "theme.h"
#include "widgets/sparkline.h"

#include <QApplication>
#include <QPainter>

SparklineDelegate::SparklineDelegate(int role, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_role(role)
{ }

void SparklineDelegate::paint(
    QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // The cell's background, selection and focus as the style draws them, without text.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QVector<double> values = index.data(m_role).value<QVector<double>>();
    if (values.size() < 2)
        return;
    const bool up = values.last() >= values.first();
    const QColor color = up ? Theme::positive(opt.palette) : Theme::negative(opt.palette);
    const QRectF area = QRectF(opt.rect).adjusted(8, 6, -8, -6);
    Sparkline::paint(*painter, area, values, color);
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(), 120));
    return s;
}
