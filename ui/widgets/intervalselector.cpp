#include "widgets/intervalselector.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QSignalBlocker>
#include <QToolButton>

IntervalSelector::IntervalSelector(const QStringList& intervals, QWidget* parent)
    : QWidget(parent)
    , m_intervals(intervals)
{
    setObjectName(QStringLiteral("intervalSelector"));
    setAccessibleName(tr("Candle interval"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    m_group = new QButtonGroup(this);
    m_group->setExclusive(true);
    for (int i = 0; i < intervals.size(); ++i) {
        auto* button = new QToolButton(this);
        button->setObjectName(QStringLiteral("interval_") + intervals.at(i));
        button->setText(intervals.at(i));
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::StrongFocus);
        button->setToolTip(tr("Candles of %1").arg(intervals.at(i)));
        button->setMinimumWidth(34);
        m_group->addButton(button, i);
        row->addWidget(button);
    }
    if (QAbstractButton* first = m_group->button(0))
        first->setChecked(true);
    connect(m_group, &QButtonGroup::idClicked, this,
        [this](int id) { Q_EMIT intervalChanged(m_intervals.value(id)); });
}

QString IntervalSelector::interval() const
{
    return m_intervals.value(m_group->checkedId());
}

void IntervalSelector::setInterval(const QString& interval)
{
    const int id = int(m_intervals.indexOf(interval));
    if (id < 0)
        return;
    const QSignalBlocker block(m_group);
    m_group->button(id)->setChecked(true);
}

void IntervalSelector::keyPressEvent(QKeyEvent* event)
{
    const int step = event->key() == Qt::Key_Left ? -1 : event->key() == Qt::Key_Right ? 1 : 0;
    const int current = m_group->checkedId();
    const int next = current + step;
    if (step == 0 || next < 0 || next >= m_intervals.size()) {
        QWidget::keyPressEvent(event);
        return;
    }
    QAbstractButton* button = m_group->button(next);
    button->setFocus(Qt::TabFocusReason);
    button->click();
    event->accept();
}
