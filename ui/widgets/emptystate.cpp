#include "widgets/emptystate.h"

#include "theme.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

EmptyState::EmptyState(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::sectionSpacing(), Theme::sectionSpacing() * 2, Theme::sectionSpacing(),
        Theme::sectionSpacing() * 2);
    layout->setSpacing(Theme::spacing());
    layout->addStretch(1);

    m_icon = new QLabel(this);
    m_icon->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_icon);

    m_text = Theme::hintLabel(QString(), this);
    m_text->setObjectName(QStringLiteral("emptyText"));
    m_text->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_text);

    m_action = new QPushButton(this);
    m_action->setVisible(false);
    connect(m_action, &QPushButton::clicked, this, &EmptyState::actionTriggered);
    layout->addWidget(m_action, 0, Qt::AlignHCenter);
    layout->addStretch(1);
}

EmptyState::EmptyState(const QIcon& icon, const QString& text, QWidget* parent)
    : EmptyState(parent)
{
    setIcon(icon);
    setText(text);
}

void EmptyState::setIcon(const QIcon& icon)
{
    const int size = 40;
    m_icon->setPixmap(icon.pixmap(QSize(size, size), devicePixelRatioF(), QIcon::Disabled));
    m_icon->setVisible(!icon.isNull());
}

void EmptyState::setText(const QString& text)
{
    m_text->setText(text);
}

QString EmptyState::text() const
{
    return m_text->text();
}

void EmptyState::setActionText(const QString& label)
{
    m_action->setText(label);
    m_action->setVisible(!label.isEmpty());
}
