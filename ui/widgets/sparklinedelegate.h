#pragma once

#include <QStyledItemDelegate>

// Draws a Sparkline in a table cell from a QVector<double> the model returns for `role`, green
// when the newest value is at or above the oldest and red otherwise.
class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit SparklineDelegate(int role, QObject* parent = nullptr);

    void paint(
        QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_role;
};
