#include "pages/remotepanel.h"

#include "backend/backendrouter.h"
#include "backend/remotebackend.h"
#include "backend/remoteendpoint.h"
#include "config/settings.h"
#include "pages/modestatus.h"
#include "pages/secretentry.h"
#include "pages/settingsource.h"
#include "security/secretnames.h"
#include "theme.h"
#include "uicontext.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace
{

const QString kMode = QStringLiteral("mode");
const QString kUrl = QStringLiteral("remote.url");

void setColor(QLabel* label, const QColor& color)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, color);
    label->setPalette(pal);
}

} // namespace

RemotePanel::RemotePanel(UiContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("remotePanel"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(Theme::spacing());
    column->addWidget(
        Theme::hintLabel(tr("In remote mode every tool call — from this window and from the AI "
                            "assistants connected to this computer — goes to a FinAgent your "
                            "team hosts, with its wallets and keys. Switching needs no restart."),
            this));

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::sectionSpacing());
    form->setVerticalSpacing(Theme::spacing());
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    auto* modeColumn = new QVBoxLayout;
    modeColumn->setSpacing(4);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("Local — tools run on this computer"), QStringLiteral("local"));
    m_mode->addItem(tr("Remote — forward to a hosted FinAgent"), QStringLiteral("remote"));
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    modeColumn->addWidget(m_mode, 0, Qt::AlignLeft);
    m_modeNote = Theme::hintLabel(QString(), this);
    m_modeNote->setObjectName(QStringLiteral("modeNote"));
    modeColumn->addWidget(m_modeNote);
    form->addRow(tr("Mode"), modeColumn);

    auto* urlColumn = new QVBoxLayout;
    urlColumn->setSpacing(4);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("remoteUrlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://finagent.example.com/mcp"));
    m_url->setClearButtonEnabled(true);
    urlColumn->addWidget(m_url);
    m_urlMessage = new QLabel(this);
    m_urlMessage->setObjectName(QStringLiteral("remoteUrlMessage"));
    m_urlMessage->setWordWrap(true);
    m_urlMessage->hide();
    urlColumn->addWidget(m_urlMessage);
    form->addRow(tr("Remote URL"), urlColumn);

    m_token = new SecretEntry(
        context.secrets(), SecretNames::remoteToken(), tr("Access token of the remote"), this);
    m_token->setObjectName(QStringLiteral("remoteTokenEntry"));
    form->addRow(tr("Access token"), m_token);

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("remoteState"));
    m_state->setTextFormat(Qt::RichText);
    m_state->setWordWrap(true);
    form->addRow(tr("State"), m_state);

    m_test = new QPushButton(Theme::icon(QStringLiteral("health")), tr("Test connection"), this);
    m_test->setObjectName(QStringLiteral("testRemote"));
    connect(m_test, &QPushButton::clicked, this, &RemotePanel::testConnection);
    m_outcome = Theme::addTestRow(form, m_test, QStringLiteral("remoteOutcome"));
    column->addLayout(form);

    connect(m_mode, &QComboBox::activated, this, [this](int index) {
        // A URL typed but not yet confirmed counts: switching to remote should use it.
        if (m_url->isModified() && !applyUrl())
            return;
        const Result<void> saved = m_context.settings().setValue(kMode, m_mode->itemData(index));
        if (!saved)
            showUrlMessage(saved.error().message);
        loadValues();
    });
    connect(m_url, &QLineEdit::editingFinished, this, [this]() {
        if (m_url->isModified())
            applyUrl();
    });
    connect(&context.settings(), &Settings::changed, this, [this](const QString& name) {
        if (name == kMode || name == kUrl)
            loadValues();
    });
    connect(&context.backend(), &Backend::statusChanged, this, &RemotePanel::updateState);
    connect(&context.backend(), &Backend::listChanged, this, &RemotePanel::watchRemote);
    loadValues();
}

QString RemotePanel::stateText() const
{
    return m_state->text();
}

QString RemotePanel::urlMessage() const
{
    return m_urlMessage->isHidden() ? QString() : m_urlMessage->text();
}

QString RemotePanel::testOutcome() const
{
    return m_outcome->text();
}

void RemotePanel::loadValues()
{
    Settings& settings = m_context.settings();
    const auto mode = BackendRouter::parseMode(settings.string(kMode)).value_or(BackendRouter::Mode::Local);
    m_mode->setCurrentIndex(mode == BackendRouter::Mode::Remote ? 1 : 0);
    const QString modeLocked = SettingSource::overrideNote(settings, kMode);
    m_mode->setEnabled(modeLocked.isEmpty());
    QString note = modeLocked;
    if (mode == BackendRouter::Mode::Remote && settings.string(kUrl).trimmed().isEmpty())
        note = (note.isEmpty() ? QString() : note + QLatin1Char(' '))
            + tr("Remote mode needs the remote's URL: until one is set, tool calls fail.");
    m_modeNote->setText(note);
    m_modeNote->setVisible(!note.isEmpty());

    if (!m_url->hasFocus() || !m_url->isModified()) {
        m_url->setText(settings.string(kUrl));
        m_url->setModified(false);
    }
    const QString urlLocked = SettingSource::overrideNote(settings, kUrl);
    m_url->setReadOnly(!urlLocked.isEmpty());
    if (!urlLocked.isEmpty())
        showUrlMessage(urlLocked);
    watchRemote();
}

bool RemotePanel::applyUrl()
{
    const QString text = m_url->text().trimmed();
    if (!text.isEmpty()) {
        const QUrl url = QUrl::fromUserInput(text);
        const Result<void> usable = RemoteEndpoint::checkUrl(url, false);
        if (!url.isValid() || !usable) {
            QPalette pal = m_urlMessage->palette();
            showUrlMessage(
                usable ? tr("“%1” is not a URL: use https://host/mcp.").arg(text) : usable.error().message);
            setColor(m_urlMessage, Theme::negative(pal));
            return false;
        }
    }
    const Result<void> saved = m_context.settings().setValue(kUrl, text);
    if (!saved) {
        showUrlMessage(saved.error().message);
        setColor(m_urlMessage, Theme::negative(palette()));
        return false;
    }
    m_url->setModified(false);
    showUrlMessage(SettingSource::overrideNote(m_context.settings(), kUrl));
    return true;
}

void RemotePanel::watchRemote()
{
    BackendRouter* router = ModeStatus::router(m_context.backend());
    RemoteBackend* remote = router ? router->remote() : nullptr;
    if (remote != m_watched) {
        if (m_watched)
            disconnect(m_watched, nullptr, this, nullptr);
        m_watched = remote;
        // The router passes on the remote's state only in remote mode; the panel shows it always.
        if (remote)
            connect(remote, &Backend::statusChanged, this, &RemotePanel::updateState);
    }
    updateState();
}

void RemotePanel::updateState()
{
    const QPalette pal = palette();
    Backend& backend = m_context.backend();
    BackendRouter* router = ModeStatus::router(backend);
    RemoteBackend* remote = router ? router->remote() : nullptr;
    QString text;
    if (!remote) {
        text = Theme::statusText(Theme::muted(pal), tr("No remote set"));
    } else {
        const BackendStatus s = remote->status();
        QColor color = Theme::muted(pal);
        QString what;
        switch (s.state) {
        case BackendStatus::State::Ready:
            color = Theme::positive(pal);
            what = tr("Connected to %1").arg(RemoteEndpoint::display(remote->url()));
            break;
        case BackendStatus::State::Connecting:
            what = remote->client().sessionGeneration() == 0 && !ModeStatus::isRemote(backend)
                ? tr("Not connected (local mode)")
                : tr("Connecting to %1…").arg(RemoteEndpoint::display(remote->url()));
            break;
        case BackendStatus::State::Unreachable:
        case BackendStatus::State::Refused:
            color = Theme::negative(pal);
            what = ModeStatus::isRemote(backend)
                ? ModeStatus::summary(backend)
                : tr("Remote: %1").arg(RemoteEndpoint::display(remote->url()));
            break;
        }
        text = Theme::statusText(color, what);
        // An earlier "Connected" no longer holds.
        if (s.state != BackendStatus::State::Ready && s.state != BackendStatus::State::Connecting
            && m_outcomeOk)
            showOutcome(false, QString());
        if (s.state == BackendStatus::State::Unreachable || s.state == BackendStatus::State::Refused)
            text += QStringLiteral("<br><span style=\"color:%1\">%2</span>")
                        .arg(Theme::muted(pal).name(), s.description.toHtmlEscaped());
    }
    m_state->setText(text);
    m_test->setEnabled(remote != nullptr && !m_testRequest);
}

void RemotePanel::testConnection()
{
    BackendRouter* router = ModeStatus::router(m_context.backend());
    RemoteBackend* remote = router ? router->remote() : nullptr;
    if (m_testRequest)
        return;
    if (!remote) {
        showOutcome(false, tr("Set the remote's URL first."));
        return;
    }
    auto* request = new QObject(this);
    m_testRequest = request;
    m_test->setEnabled(false);
    m_outcome->setPalette(palette());
    m_outcome->setText(tr("Asking %1 for its health…").arg(RemoteEndpoint::display(remote->url())));
    // The remote itself, whatever the mode, so it can be tried before switching to it.
    remote->callTool(
        QStringLiteral("health_check"), QJsonObject(), request, [this, request](ToolOutcome outcome) {
            request->deleteLater();
            m_testRequest = nullptr;
            updateState();
            showTestResult(outcome);
        });
}

void RemotePanel::showTestResult(const ToolOutcome& outcome)
{
    if (!outcome.ok) {
        showOutcome(false, outcome.error.message);
        return;
    }
    const QJsonObject& report = outcome.structured;
    const QString status = report.value(QStringLiteral("status")).toString();
    QStringList problems;
    for (const QJsonValue& v : report.value(QStringLiteral("subsystems")).toArray()) {
        const QJsonObject sub = v.toObject();
        const QString s = sub.value(QStringLiteral("status")).toString();
        if (s != QLatin1String("ok") && s != QLatin1String("disabled"))
            problems << QStringLiteral("%1: %2").arg(
                sub.value(QStringLiteral("name")).toString(), sub.value(QStringLiteral("detail")).toString());
    }
    if (status == QLatin1String("ok") || (status.isEmpty() && problems.isEmpty())) {
        showOutcome(true, tr("Connected: the remote works."));
        return;
    }
    showOutcome(status != QLatin1String("down"),
        tr("Connected, but the remote reports problems: %1").arg(problems.join(QStringLiteral("; "))));
}

void RemotePanel::showUrlMessage(const QString& text)
{
    setColor(m_urlMessage, Theme::muted(palette()));
    m_urlMessage->setText(text);
    m_urlMessage->setVisible(!text.isEmpty());
}

void RemotePanel::showOutcome(bool ok, const QString& sentence)
{
    Theme::showOutcome(m_outcome, ok, sentence);
    m_outcomeOk = ok;
    if (!sentence.isEmpty())
        Q_EMIT tested(ok, sentence);
}
