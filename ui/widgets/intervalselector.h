#pragma once

#include <QStringList>
#include <QWidget>

class QButtonGroup;

// A row of toggle buttons for candle intervals ("1m" ... "1w"), one of them checked. Each button
// is named "interval_<interval>" and reachable with Tab; the arrow keys move between them.
class IntervalSelector : public QWidget
{
    Q_OBJECT
public:
    explicit IntervalSelector(const QStringList& intervals, QWidget* parent = nullptr);

    QStringList intervals() const { return m_intervals; }
    QString interval() const;
    // Checks the button of interval without emitting intervalChanged; unknown intervals are ignored.
    void setInterval(const QString& interval);

Q_SIGNALS:
    // The person picked another interval.
    void intervalChanged(const QString& interval);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QStringList m_intervals;
    QButtonGroup* m_group = nullptr;
};
