#include "widgets/copyfield.h"

#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QCryptographicHash>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMimeData>
#include <QTimer>
#include <QToolButton>

namespace
{

QByteArray fingerprint(const QString& text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}

// Removes our secret from the clipboard if it is still the clipboard's content. Compares hashes,
// so nothing keeps the secret itself around for this.
void clearIfStillThere(const QByteArray& print)
{
    QClipboard* clipboard = QGuiApplication::clipboard();
    if (clipboard && fingerprint(clipboard->text()) == print)
        clipboard->clear();
}

} // namespace

CopyField::CopyField(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    m_edit = new QLineEdit(this);
    m_edit->setReadOnly(true);
    m_edit->setObjectName(QStringLiteral("value"));
    layout->addWidget(m_edit, 1);

    m_reveal = new QToolButton(this);
    m_reveal->setObjectName(QStringLiteral("reveal"));
    m_reveal->setCheckable(true);
    m_reveal->setAutoRaise(true);
    m_reveal->setVisible(false);
    connect(m_reveal, &QToolButton::toggled, this, &CopyField::setRevealed);
    layout->addWidget(m_reveal);

    m_copy = new QToolButton(this);
    m_copy->setObjectName(QStringLiteral("copy"));
    m_copy->setIcon(Theme::icon(QStringLiteral("copy")));
    m_copy->setAutoRaise(true);
    connect(m_copy, &QToolButton::clicked, this, &CopyField::copy);
    layout->addWidget(m_copy);

    retranslate();
    updateView();
}

void CopyField::setText(const QString& text)
{
    m_text = text;
    updateView();
}

QString CopyField::text() const
{
    return m_text;
}

void CopyField::setPlaceholderText(const QString& text)
{
    m_edit->setPlaceholderText(text);
}

void CopyField::setSecret(bool secret)
{
    m_secret = secret;
    m_revealed = false;
    m_reveal->setVisible(secret);
    updateView();
}

void CopyField::setRevealed(bool revealed)
{
    m_revealed = revealed;
    if (m_reveal->isChecked() != revealed)
        m_reveal->setChecked(revealed);
    updateView();
}

void CopyField::copy()
{
    if (m_text.isEmpty())
        return;
    copyToClipboard(m_text, m_secret, m_clearAfterMs);
    Q_EMIT copied();
}

void CopyField::copyToClipboard(const QString& text, bool secret, int clearAfterMs)
{
    QClipboard* clipboard = QGuiApplication::clipboard();
    if (!clipboard)
        return;
    auto* mime = new QMimeData;
    mime->setText(text);
    if (secret) {
        // KDE Klipper and other clipboard managers skip entries with these hints.
        mime->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
        mime->setData(QStringLiteral("ExcludeClipboardContentFromMonitorProcessing"), QByteArrayLiteral("1"));
    }
    clipboard->setMimeData(mime);
    if (!secret || !qApp)
        return;
    const QByteArray print = fingerprint(text);
    QTimer::singleShot(clearAfterMs, qApp, [print]() { clearIfStillThere(print); });
    QObject::connect(
        qApp, &QCoreApplication::aboutToQuit, qApp, [print]() { clearIfStillThere(print); },
        Qt::SingleShotConnection);
}

void CopyField::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CopyField::updateView()
{
    const bool masked = m_secret && !m_revealed;
    m_edit->setEchoMode(masked ? QLineEdit::Password : QLineEdit::Normal);
    m_edit->setText(m_text);
    m_edit->setCursorPosition(0);
    m_copy->setEnabled(!m_text.isEmpty());
    m_reveal->setIcon(Theme::icon(m_revealed ? QStringLiteral("hide") : QStringLiteral("show")));
    m_reveal->setToolTip(m_revealed ? tr("Hide") : tr("Show"));
    m_reveal->setAccessibleName(m_reveal->toolTip());
}

void CopyField::retranslate()
{
    m_copy->setToolTip(tr("Copy to the clipboard"));
    m_copy->setAccessibleName(tr("Copy"));
    updateView();
}
