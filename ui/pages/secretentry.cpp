#include "pages/secretentry.h"

#include "security/secretstore.h"
#include "theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

SecretEntry::SecretEntry(SecretStore& store, const QString& name, const QString& placeholder, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_name(name)
    , m_placeholder(placeholder)
{
    setObjectName(QStringLiteral("secretEntry"));
    setProperty("secretName", name);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(4);
    auto* row = new QHBoxLayout;
    row->setSpacing(Theme::spacing());

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("secretState"));
    m_status->setTextFormat(Qt::RichText);
    row->addWidget(m_status);

    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("secretEdit"));
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setClearButtonEnabled(true);
    m_edit->setMaxLength(4096);
    // Input methods and autocompletion keep no copy of what is typed here.
    m_edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    connect(m_edit, &QLineEdit::returnPressed, this, &SecretEntry::save);
    connect(m_edit, &QLineEdit::textChanged, this, &SecretEntry::updateView);
    row->addWidget(m_edit, 1);

    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("saveSecret"));
    connect(m_save, &QPushButton::clicked, this, &SecretEntry::save);
    row->addWidget(m_save);
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelSecret"));
    connect(m_cancel, &QPushButton::clicked, this, &SecretEntry::cancelReplace);
    row->addWidget(m_cancel);
    row->addStretch(0);
    m_replace = new QPushButton(this);
    m_replace->setObjectName(QStringLiteral("replaceSecret"));
    connect(m_replace, &QPushButton::clicked, this, &SecretEntry::startReplace);
    row->addWidget(m_replace);
    m_remove = new QPushButton(this);
    m_remove->setObjectName(QStringLiteral("removeSecret"));
    m_remove->setIcon(Theme::icon(QStringLiteral("delete")));
    connect(m_remove, &QPushButton::clicked, this, &SecretEntry::remove);
    row->addWidget(m_remove);
    column->addLayout(row);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("secretMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = m_message->palette();
    pal.setColor(QPalette::WindowText, Theme::negative(pal));
    m_message->setPalette(pal);
    m_message->hide();
    column->addWidget(m_message);

    connect(&m_store, &SecretStore::changed, this, [this](const QString& changed) {
        if (changed == m_name && !m_busy)
            refresh();
    });
    retranslate();
    refresh();
}

QString SecretEntry::message() const
{
    return m_message->isVisible() || m_state == State::Unreadable ? m_message->text() : QString();
}

void SecretEntry::refresh()
{
    m_store.list(this, [this](Result<QStringList> names) {
        if (!names) {
            setState(State::Unreadable, names.error().message);
            return;
        }
        setState(names.value().contains(m_name) ? State::Stored : State::NotSet);
    });
}

void SecretEntry::save()
{
    const QString value = m_edit->text().trimmed();
    if (value.isEmpty() || m_busy)
        return;
    setBusy(true, tr("Saving…"));
    m_store.write(m_name, value, this, [this](Result<void> written) {
        setBusy(false);
        if (!written) {
            // The value stays in the field so the person can try again once the keychain works.
            showMessage(written.error().message);
            Q_EMIT failed(written.error().message);
            return;
        }
        m_edit->clear();
        m_replacing = false;
        showMessage(QString());
        setState(State::Stored);
        Q_EMIT saved();
    });
}

void SecretEntry::startReplace()
{
    m_replacing = true;
    updateView();
    m_edit->setFocus(Qt::OtherFocusReason);
}

void SecretEntry::cancelReplace()
{
    m_replacing = false;
    m_edit->clear();
    showMessage(QString());
    updateView();
}

void SecretEntry::remove()
{
    if (m_busy)
        return;
    setBusy(true, tr("Removing…"));
    m_store.remove(m_name, this, [this](Result<void> result) {
        setBusy(false);
        if (!result && result.error().code != QLatin1String("secret_not_found")) {
            showMessage(result.error().message);
            Q_EMIT failed(result.error().message);
            return;
        }
        m_replacing = false;
        m_edit->clear();
        showMessage(QString());
        setState(State::NotSet);
        Q_EMIT removed();
    });
}

void SecretEntry::setState(State state, const QString& message)
{
    m_readError = message;
    const bool changed = state != m_state;
    m_state = state;
    if (state == State::Unreadable)
        showMessage(message);
    updateView();
    if (changed)
        Q_EMIT stateChanged(state);
}

void SecretEntry::setBusy(bool busy, const QString& what)
{
    m_busy = busy;
    m_busyText = what;
    updateView();
}

void SecretEntry::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void SecretEntry::updateView()
{
    const QPalette pal = palette();
    const bool entering = m_state != State::Stored || m_replacing;
    if (m_busy)
        m_status->setText(Theme::statusText(Theme::muted(pal), m_busyText));
    else if (m_state == State::Stored)
        m_status->setText(Theme::statusText(Theme::positive(pal), tr("Stored ✓")));
    else if (m_state == State::NotSet)
        m_status->setText(Theme::statusText(Theme::muted(pal), tr("Not set")));
    else if (m_state == State::Unreadable)
        m_status->setText(Theme::statusText(Theme::negative(pal), tr("Unknown")));
    else
        m_status->setText(Theme::statusText(Theme::muted(pal), tr("Checking…")));
    m_status->setToolTip(
        m_state == State::Stored ? tr("Stored in the keychain; the value is never shown.") : QString());

    m_edit->setVisible(entering);
    m_edit->setPlaceholderText(m_replacing ? tr("New value") : m_placeholder);
    m_edit->setEnabled(!m_busy);
    m_save->setVisible(entering);
    m_save->setEnabled(!m_busy && !m_edit->text().trimmed().isEmpty());
    m_cancel->setVisible(m_replacing);
    m_cancel->setEnabled(!m_busy);
    m_replace->setVisible(!entering);
    m_replace->setEnabled(!m_busy);
    m_remove->setVisible(m_state == State::Stored);
    m_remove->setEnabled(!m_busy);
}

void SecretEntry::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void SecretEntry::retranslate()
{
    m_save->setText(tr("Save"));
    m_cancel->setText(tr("Cancel"));
    m_replace->setText(tr("Replace…"));
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Delete it from the keychain"));
    // Wide enough for every state, so the fields of several entries line up.
    const QFontMetrics fm = fontMetrics();
    int width = 0;
    for (const QString& text :
        {tr("Stored ✓"), tr("Not set"), tr("Checking…"), tr("Saving…"), tr("Removing…")})
        width = std::max(width, fm.horizontalAdvance(text));
    m_status->setMinimumWidth(width + fm.horizontalAdvance(QStringLiteral("● ")) + 4);
    updateView();
}
