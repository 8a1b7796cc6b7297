#pragma once

#include <QIcon>
#include <QWidget>

class QLabel;
class QPushButton;

// What a list shows when it has nothing yet: an icon, one sentence that says what to do, and
// optionally a button that does it ("No invoices yet — create one" [New invoice]).
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget* parent = nullptr);
    EmptyState(const QIcon& icon, const QString& text, QWidget* parent = nullptr);

    void setIcon(const QIcon& icon);
    void setText(const QString& text);
    QString text() const;
    // Shows a button with this label; an empty label hides it.
    void setActionText(const QString& label);
    QPushButton* actionButton() const { return m_action; }

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
    QPushButton* m_action = nullptr;
};
