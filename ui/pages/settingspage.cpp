#include "pages/settingspage.h"

#include "autostart.h"
#include "config/settings.h"
#include "theme.h"
#include "uicontext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace
{

const QString kPort = QStringLiteral("http.port");
const QString kOrigins = QStringLiteral("http.allowed_origins");
const QString kLanguage = QStringLiteral("ui.language");
const QString kPriceRefresh = QStringLiteral("ui.price_refresh_ms");
const QString kInvoiceRefresh = QStringLiteral("ui.invoice_refresh_ms");
const QString kStartOnLogin = QStringLiteral("ui.start_on_login");
const QString kNotifications = QStringLiteral("ui.notifications");

QLabel* problemLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, Theme::negative(pal));
    label->setPalette(pal);
    label->hide();
    return label;
}

// A grid of labelled rows: labels on the left, top-aligned; fields take the remaining width.
QGridLayout* formGrid()
{
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(Theme::sectionSpacing() * 2);
    grid->setVerticalSpacing(Theme::sectionSpacing());
    grid->setColumnStretch(1, 1);
    return grid;
}

QLabel* rowLabel(const QString& text, QWidget* buddy)
{
    auto* label = new QLabel(text);
    label->setBuddy(buddy);
    label->setMinimumWidth(110);
    // As tall as a one-line field, so the text lines up with the field's text.
    label->setMinimumHeight(buddy->sizeHint().height());
    label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return label;
}

void addRow(QGridLayout* grid, const QString& label, QWidget* buddy, QLayout* field)
{
    const int row = grid->rowCount();
    grid->addWidget(rowLabel(label, buddy), row, 0, Qt::AlignLeft | Qt::AlignTop);
    grid->addLayout(field, row, 1);
}

// A field that keeps its natural width, left-aligned, with the hint under it.
QLayout* compactField(QWidget* field)
{
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(field);
    row->addStretch(1);
    return row;
}

void showProblem(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QSpinBox* secondsBox(QWidget* parent, const QString& name)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(1, 3600);
    box->setSuffix(SettingsPage::tr(" s"));
    box->setMinimumWidth(box->fontMetrics().horizontalAdvance(QStringLiteral("0000 s")) + 48);
    box->setAccelerated(true);
    return box;
}

} // namespace

SettingsPage::SettingsPage(UiContext& context, QWidget* parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("settingsPage"));
    m_startupLanguage = context.settings().string(kLanguage);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::sectionSpacing());
    layout->addWidget(buildServerCard());
    layout->addWidget(buildLanguageCard());
    layout->addWidget(buildRefreshCard());
    layout->addWidget(buildDesktopCard());
    m_saveProblem = problemLabel(this, QStringLiteral("saveProblem"));
    layout->addWidget(m_saveProblem);
    auto* file = Theme::hintLabel(tr("Settings are kept in %1.").arg(context.settings().filePath()), this);
    file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(file);
    layout->addStretch(1);

    loadValues();
    connect(&context.settings(), &Settings::changed, this, [this](const QString& name) {
        // Keeps the page in step with changes made elsewhere (the tray, another page).
        if (name == kStartOnLogin || name == kNotifications || name == kPriceRefresh
            || name == kInvoiceRefresh)
            loadValues();
    });
}

QIcon SettingsPage::icon() const
{
    return Theme::icon(QStringLiteral("settings"));
}

void SettingsPage::activated()
{
    loadValues();
}

QWidget* SettingsPage::buildServerCard()
{
    QVBoxLayout* box = nullptr;
    QFrame* card = Theme::card(tr("Local MCP server"), &box, this);
    QGridLayout* form = formGrid();

    auto* portColumn = new QVBoxLayout;
    portColumn->setSpacing(4);
    m_port = new QLineEdit(card);
    m_port->setObjectName(QStringLiteral("portEdit"));
    m_port->setFixedWidth(m_port->fontMetrics().horizontalAdvance(QStringLiteral("000000")) + 24);
    m_port->setAccessibleName(tr("Port"));
    connect(m_port, &QLineEdit::textChanged, this, &SettingsPage::validateServer);
    portColumn->addLayout(compactField(m_port));
    m_portProblem = problemLabel(card, QStringLiteral("portProblem"));
    portColumn->addWidget(m_portProblem);
    m_portLocked = Theme::hintLabel(QString(), card);
    m_portLocked->hide();
    portColumn->addWidget(m_portLocked);
    portColumn->addWidget(Theme::hintLabel(tr("1024 to 65535, or 0 to take a free port at every start "
                                              "(clients then need the new URL each time)."),
        card));
    addRow(form, tr("Port"), m_port, portColumn);

    auto* originColumn = new QVBoxLayout;
    originColumn->setSpacing(4);
    m_origins = new QListWidget(card);
    m_origins->setObjectName(QStringLiteral("originsList"));
    m_origins->setAccessibleName(tr("Allowed origins"));
    m_origins->setMaximumHeight(84);
    connect(m_origins, &QListWidget::currentRowChanged, this,
        [this](int row) { m_removeOrigin->setEnabled(row >= 0); });
    originColumn->addWidget(m_origins);
    auto* originButtons = new QHBoxLayout;
    m_newOrigin = new QLineEdit(card);
    m_newOrigin->setObjectName(QStringLiteral("originEdit"));
    m_newOrigin->setPlaceholderText(QStringLiteral("https://app.example.com"));
    m_newOrigin->setAccessibleName(tr("New origin"));
    connect(m_newOrigin, &QLineEdit::returnPressed, this, &SettingsPage::addOrigin);
    connect(
        m_newOrigin, &QLineEdit::textChanged, this, [this]() { showProblem(m_originProblem, QString()); });
    originButtons->addWidget(m_newOrigin, 1);
    m_addOrigin = new QPushButton(Theme::icon(QStringLiteral("add")), tr("Add"), card);
    m_addOrigin->setObjectName(QStringLiteral("addOrigin"));
    connect(m_addOrigin, &QPushButton::clicked, this, &SettingsPage::addOrigin);
    originButtons->addWidget(m_addOrigin);
    m_removeOrigin = new QPushButton(Theme::icon(QStringLiteral("remove")), tr("Remove"), card);
    m_removeOrigin->setObjectName(QStringLiteral("removeOrigin"));
    m_removeOrigin->setEnabled(false);
    connect(m_removeOrigin, &QPushButton::clicked, this, &SettingsPage::removeOrigin);
    originButtons->addWidget(m_removeOrigin);
    originColumn->addLayout(originButtons);
    m_originProblem = problemLabel(card, QStringLiteral("originProblem"));
    originColumn->addWidget(m_originProblem);
    m_originsLocked = Theme::hintLabel(QString(), card);
    m_originsLocked->hide();
    originColumn->addWidget(m_originsLocked);
    originColumn->addWidget(
        Theme::hintLabel(tr("Web pages from these origins may call FinAgent from a browser. "
                            "Desktop AI assistants do not need an entry."),
            card));
    addRow(form, tr("Allowed origins"), m_newOrigin, originColumn);
    box->addLayout(form);

    auto* applyRow = new QHBoxLayout;
    m_serverResult = Theme::hintLabel(QString(), card);
    m_serverResult->setObjectName(QStringLiteral("serverResult"));
    applyRow->addWidget(m_serverResult, 1);
    m_applyServer = new QPushButton(tr("Apply and Restart Server"), card);
    m_applyServer->setObjectName(QStringLiteral("applyServer"));
    m_applyServer->setEnabled(false);
    connect(m_applyServer, &QPushButton::clicked, this, &SettingsPage::applyServer);
    applyRow->addWidget(m_applyServer);
    box->addLayout(applyRow);
    return card;
}

QWidget* SettingsPage::buildLanguageCard()
{
    QVBoxLayout* box = nullptr;
    QFrame* card = Theme::card(tr("Language"), &box, this);
    QGridLayout* form = formGrid();
    m_language = new QComboBox(card);
    m_language->setObjectName(QStringLiteral("languageBox"));
    m_language->addItem(tr("System default"), QStringLiteral("system"));
    // Each language is named in itself, so a person can find theirs whatever the current language.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    connect(m_language, &QComboBox::currentIndexChanged, this, [this]() {
        if (m_loading)
            return;
        const QString chosen = m_language->currentData().toString();
        save(kLanguage, chosen);
        m_languageNote->setVisible(chosen != m_startupLanguage);
    });
    m_language->setMinimumContentsLength(16);
    addRow(form, tr("Language"), m_language, compactField(m_language));
    box->addLayout(form);
    m_languageNote =
        Theme::hintLabel(tr("FinAgent shows the new language after you quit and start it again."), card);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));
    m_languageNote->hide();
    box->addWidget(m_languageNote);
    return card;
}

QWidget* SettingsPage::buildRefreshCard()
{
    QVBoxLayout* box = nullptr;
    QFrame* card = Theme::card(tr("Refresh"), &box, this);
    QGridLayout* form = formGrid();
    m_priceRefresh = secondsBox(card, QStringLiteral("priceRefresh"));
    connect(m_priceRefresh, &QSpinBox::valueChanged, this, [this](int s) {
        if (!m_loading)
            save(kPriceRefresh, s * 1000);
    });
    addRow(form, tr("Prices page"), m_priceRefresh, compactField(m_priceRefresh));
    m_invoiceRefresh = secondsBox(card, QStringLiteral("invoiceRefresh"));
    connect(m_invoiceRefresh, &QSpinBox::valueChanged, this, [this](int s) {
        if (!m_loading)
            save(kInvoiceRefresh, s * 1000);
    });
    addRow(form, tr("Invoices page"), m_invoiceRefresh, compactField(m_invoiceRefresh));
    box->addLayout(form);
    box->addWidget(Theme::hintLabel(tr("How often the pages ask for new data while they are open."), card));
    return card;
}

QWidget* SettingsPage::buildDesktopCard()
{
    QVBoxLayout* box = nullptr;
    QFrame* card = Theme::card(tr("Desktop"), &box, this);
    m_startOnLogin = new QCheckBox(tr("Start FinAgent when I log in"), card);
    m_startOnLogin->setObjectName(QStringLiteral("startOnLogin"));
    connect(m_startOnLogin, &QCheckBox::toggled, this, [this](bool on) {
        if (m_loading)
            return;
        showProblem(m_startOnLoginProblem, QString());
        if (m_autostart) {
            const Result<void> done = m_autostart->setEnabled(on);
            if (!done)
                showProblem(m_startOnLoginProblem, done.error().message);
        } else {
            save(kStartOnLogin, on);
        }
    });
    box->addWidget(m_startOnLogin);
    m_startOnLoginProblem = problemLabel(card, QStringLiteral("startOnLoginProblem"));
    box->addWidget(m_startOnLoginProblem);
    box->addWidget(
        Theme::hintLabel(tr("FinAgent then starts in the tray, ready to serve your AI assistants."), card));

    m_notifications =
        new QCheckBox(tr("Show desktop notifications (for example when an invoice is paid)"), card);
    m_notifications->setObjectName(QStringLiteral("notifications"));
    connect(m_notifications, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_loading)
            save(kNotifications, on);
    });
    box->addWidget(m_notifications);
    return card;
}

void SettingsPage::setAutostart(Autostart* autostart)
{
    m_autostart = autostart;
    if (autostart)
        connect(autostart, &Autostart::failed, this,
            [this](const QString& why) { showProblem(m_startOnLoginProblem, why); });
}

void SettingsPage::loadValues()
{
    m_loading = true;
    Settings& settings = context().settings();
    if (!m_port->hasFocus() && !m_applyServer->isEnabled()) {
        m_port->setText(QString::number(settings.integer(kPort)));
        m_origins->clear();
        m_origins->addItems(settings.list(kOrigins));
    }
    lockIfOverridden(kPort, m_port, m_portLocked);
    lockIfOverridden(kOrigins, m_newOrigin, m_originsLocked);
    m_origins->setEnabled(m_newOrigin->isEnabled());
    m_addOrigin->setEnabled(m_newOrigin->isEnabled());

    const int index = m_language->findData(settings.string(kLanguage));
    m_language->setCurrentIndex(index >= 0 ? index : 0);
    lockIfOverridden(kLanguage, m_language, nullptr);

    m_priceRefresh->setValue(std::max(1, settings.integer(kPriceRefresh) / 1000));
    m_invoiceRefresh->setValue(std::max(1, settings.integer(kInvoiceRefresh) / 1000));
    lockIfOverridden(kPriceRefresh, m_priceRefresh, nullptr);
    lockIfOverridden(kInvoiceRefresh, m_invoiceRefresh, nullptr);

    m_startOnLogin->setChecked(settings.boolean(kStartOnLogin));
    m_notifications->setChecked(settings.boolean(kNotifications));
    lockIfOverridden(kStartOnLogin, m_startOnLogin, nullptr);
    lockIfOverridden(kNotifications, m_notifications, nullptr);
    m_loading = false;
    validateServer();
}

void SettingsPage::lockIfOverridden(const QString& name, QWidget* editor, QLabel* note)
{
    const Settings::Source source = context().settings().source(name);
    const bool locked = source == Settings::Source::Environment || source == Settings::Source::CommandLine;
    editor->setEnabled(!locked);
    QString why;
    if (source == Settings::Source::Environment) {
        const Settings::Key* key = Settings::findKey(name);
        why = tr("Set by the environment variable %1; change it there.").arg(key ? key->env : name);
    } else if (source == Settings::Source::CommandLine) {
        why = tr("Set on the command line for this run.");
    }
    editor->setToolTip(why);
    if (note) {
        note->setText(why);
        note->setVisible(locked);
    }
}

QString SettingsPage::portProblem(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter a port: a number from 1024 to 65535, or 0.");
    bool ok = false;
    const int port = trimmed.toInt(&ok);
    if (!ok || port < 0 || port > 65535)
        return tr(
            "“%1” is not a port. Enter a number from 1024 to 65535, or 0 to take a free port at every start.")
            .arg(trimmed);
    if (port > 0 && port < 1024)
        return tr("Ports below 1024 are reserved for system services. Choose one from 1024 to 65535.");
    return QString();
}

QString SettingsPage::originProblem(const QString& origin)
{
    const QString text = origin.trimmed();
    if (text.isEmpty())
        return tr("Enter an origin such as https://app.example.com.");
    if (text == QLatin1String("*"))
        return tr("“*” would let every web site call your tools. List the exact origins instead.");
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty())
        return tr(
            "“%1” is not an origin. Write the scheme and the host, and the port if it is not the usual one: "
            "https://app.example.com or http://localhost:3000.")
            .arg(text);
    if (!url.userInfo().isEmpty())
        return tr("An origin has no user name or password: remove “%1@”.").arg(url.userInfo());
    if (!url.path().isEmpty() || url.hasQuery() || url.hasFragment())
        return tr("An origin has no path: use %1.")
            .arg(url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString());
    if (text != text.toLower())
        return tr("Write the origin in lower case, as browsers send it: %1.").arg(text.toLower());
    return QString();
}

QStringList SettingsPage::origins() const
{
    QStringList out;
    for (int i = 0; i < m_origins->count(); ++i)
        out << m_origins->item(i)->text();
    return out;
}

void SettingsPage::addOrigin()
{
    const QString text = m_newOrigin->text().trimmed();
    QString problem = originProblem(text);
    if (problem.isEmpty() && origins().contains(text))
        problem = tr("%1 is already in the list.").arg(text);
    showProblem(m_originProblem, problem);
    if (!problem.isEmpty())
        return;
    m_origins->addItem(text);
    m_newOrigin->clear();
    validateServer();
}

void SettingsPage::removeOrigin()
{
    delete m_origins->takeItem(m_origins->currentRow());
    validateServer();
}

void SettingsPage::validateServer()
{
    if (m_loading)
        return;
    const QString problem = m_port->isEnabled() ? portProblem(m_port->text()) : QString();
    showProblem(m_portProblem, problem);
    Settings& settings = context().settings();
    const bool portChanged = m_port->text().trimmed() != QString::number(settings.integer(kPort));
    const bool originsChanged = origins() != settings.list(kOrigins);
    m_applyServer->setEnabled(problem.isEmpty() && (portChanged || originsChanged));
    if (portChanged || originsChanged)
        m_serverResult->clear();
}

void SettingsPage::applyServer()
{
    if (!portProblem(m_port->text()).isEmpty())
        return;
    if (m_port->isEnabled())
        save(kPort, m_port->text().trimmed().toInt());
    if (m_newOrigin->isEnabled())
        save(kOrigins, origins().join(QLatin1Char(',')));
    m_applyServer->setEnabled(false);

    LocalEndpointInfo& endpoint = context().endpoint();
    if (endpoint.isServing() || !endpoint.lastError().isEmpty()) {
        endpoint.stop();
        endpoint.start();
    }
    if (!endpoint.lastError().isEmpty())
        m_serverResult->setText(tr("Saved, but the server did not start: %1").arg(endpoint.lastError()));
    else if (endpoint.isServing())
        m_serverResult->setText(tr("Saved. The server now listens at %1.").arg(endpoint.mcpUrl().toString()));
    else
        m_serverResult->setText(tr("Saved. The server uses it when it starts."));
    validateServer();
}

void SettingsPage::save(const QString& name, const QVariant& value)
{
    const Result<void> saved = context().settings().setValue(name, value);
    showProblem(m_saveProblem,
        saved.ok() ? QString() : tr("Could not save the setting: %1").arg(saved.error().message));
}
