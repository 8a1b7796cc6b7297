#include "pages/connectpage.h"

#include "localendpoint.h"
#include "theme.h"
#include "uicontext.h"
#include "widgets/copyfield.h"

#include <QButtonGroup>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

struct ConnectPage::Card
{
    McpClient client = McpClient::ClaudeDesktop;
    QFrame* frame = nullptr;
    QLabel* status = nullptr;
    QLabel* found = nullptr;
    QLabel* path = nullptr;
    QPushButton* openFolder = nullptr;
    QLabel* stdioOnly = nullptr;
    QRadioButton* http = nullptr;
    QRadioButton* stdio = nullptr;
    QPushButton* connect = nullptr;
    QPushButton* remove = nullptr;
    QLabel* error = nullptr;
    QWidget* result = nullptr;
    QLabel* written = nullptr;
    QLabel* notice = nullptr;
    QPlainTextEdit* snippet = nullptr;
    QToolButton* showToken = nullptr;
    QToolButton* copySnippet = nullptr;

    ClientStatus state;
    bool detected = false;
    bool transportChosen = false; // the person picked HTTP or stdio: keep it across refreshes
    QString maskedSnippet;
    QString revealedSnippet;
};

namespace
{

void setColored(QLabel* label, const QColor& color)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, color);
    label->setPalette(pal);
}

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

ConnectPage::ConnectPage(UiContext& context, QWidget* parent)
    : Page(context, parent)
    , m_environment(ClientEnvironment::current())
    , m_finagentPath(ClientConfigWriter::defaultFinagentPath())
{
    setObjectName(QStringLiteral("connectPage"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);

    auto* content = new QWidget(scroll);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::sectionSpacing());
    m_intro = Theme::hintLabel(QString(), content);
    layout->addWidget(m_intro);
    m_cardsLayout = new QVBoxLayout;
    m_cardsLayout->setSpacing(Theme::sectionSpacing());
    layout->addLayout(m_cardsLayout);
    layout->addStretch(1);
    scroll->setWidget(content);

    for (McpClient client : ClientConfig::allClients())
        m_cards << buildCard(client);
    retranslate();

    LocalEndpointInfo& endpoint = context.endpoint();
    QObject::connect(&endpoint, &LocalEndpointInfo::stateChanged, this, [this]() {
        if (m_active)
            refresh();
    });
    if (auto* local = qobject_cast<LocalEndpoint*>(&endpoint)) {
        QObject::connect(local, &LocalEndpoint::tokenChanged, this, [this]() {
            if (m_active)
                refresh();
        });
    }
    refresh();
}

ConnectPage::~ConnectPage()
{
    qDeleteAll(m_cards);
}

QIcon ConnectPage::icon() const
{
    return Theme::icon(QStringLiteral("connect"));
}

void ConnectPage::activated()
{
    m_active = true;
    // The files may have changed while the page was hidden (a client saved its settings).
    refresh();
}

void ConnectPage::deactivated()
{
    m_active = false;
}

void ConnectPage::setClientEnvironment(const ClientEnvironment& environment)
{
    m_environment = environment;
    refresh();
}

void ConnectPage::setFinagentPath(const QString& path)
{
    m_finagentPath = path;
    refresh();
}

QFrame* ConnectPage::card(McpClient client) const
{
    for (const Card* c : m_cards) {
        if (c->client == client)
            return c->frame;
    }
    return nullptr;
}

ConnectPage::Card* ConnectPage::buildCard(McpClient client)
{
    const ClientInfo& info = ClientConfig::info(client);
    auto* c = new Card;
    c->client = client;
    QVBoxLayout* box = nullptr;
    c->frame = Theme::card(info.displayName, &box, this);
    c->frame->setProperty("client", info.id);

    c->status = new QLabel(c->frame);
    c->status->setObjectName(QStringLiteral("statusLabel"));
    c->status->setTextFormat(Qt::RichText);
    box->addWidget(c->status);
    c->found = Theme::hintLabel(QString(), c->frame);
    c->found->setObjectName(QStringLiteral("foundLabel"));
    box->addWidget(c->found);

    auto* pathRow = new QHBoxLayout;
    c->path = Theme::hintLabel(QString(), c->frame);
    c->path->setObjectName(QStringLiteral("pathLabel"));
    c->path->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    pathRow->addWidget(c->path, 1);
    c->openFolder = new QPushButton(Theme::icon(QStringLiteral("open-external")), QString(), c->frame);
    c->openFolder->setObjectName(QStringLiteral("openFolderButton"));
    QObject::connect(c->openFolder, &QPushButton::clicked, this, [this, c]() { openFolder(*c); });
    pathRow->addWidget(c->openFolder, 0, Qt::AlignTop);
    box->addLayout(pathRow);

    c->stdioOnly = Theme::hintLabel(QString(), c->frame);
    c->stdioOnly->setObjectName(QStringLiteral("stdioOnlyLabel"));
    box->addWidget(c->stdioOnly);
    c->http = new QRadioButton(c->frame);
    c->http->setObjectName(QStringLiteral("httpChoice"));
    c->stdio = new QRadioButton(c->frame);
    c->stdio->setObjectName(QStringLiteral("stdioChoice"));
    auto* group = new QButtonGroup(c->frame);
    group->addButton(c->http);
    group->addButton(c->stdio);
    box->addWidget(c->http);
    box->addWidget(c->stdio);
    if (info.supportsHttp) {
        c->http->setChecked(true);
        c->stdioOnly->hide();
    } else {
        c->stdio->setChecked(true);
        c->http->hide();
        c->stdio->hide();
    }
    QObject::connect(group, &QButtonGroup::buttonClicked, this, [this, c]() {
        c->transportChosen = true;
        updateCard(*c);
    });

    auto* buttons = new QHBoxLayout;
    c->connect = new QPushButton(Theme::icon(QStringLiteral("connect")), QString(), c->frame);
    c->connect->setObjectName(QStringLiteral("connectButton"));
    QObject::connect(c->connect, &QPushButton::clicked, this, [this, c]() { connectClient(*c); });
    buttons->addWidget(c->connect);
    c->remove = new QPushButton(Theme::icon(QStringLiteral("remove")), QString(), c->frame);
    c->remove->setObjectName(QStringLiteral("removeButton"));
    QObject::connect(c->remove, &QPushButton::clicked, this, [this, c]() { removeClient(*c); });
    buttons->addWidget(c->remove);
    buttons->addStretch(1);
    box->addLayout(buttons);

    c->error = new QLabel(c->frame);
    c->error->setObjectName(QStringLiteral("errorLabel"));
    c->error->setWordWrap(true);
    c->error->setTextFormat(Qt::PlainText);
    c->error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setColored(c->error, Theme::negative(palette()));
    c->error->hide();
    box->addWidget(c->error);

    c->result = new QWidget(c->frame);
    auto* resultBox = new QVBoxLayout(c->result);
    resultBox->setContentsMargins(0, 0, 0, 0);
    resultBox->setSpacing(Theme::spacing());
    c->written = new QLabel(c->result);
    c->written->setObjectName(QStringLiteral("writtenLabel"));
    c->written->setWordWrap(true);
    c->written->setTextFormat(Qt::PlainText);
    c->written->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    resultBox->addWidget(c->written);
    c->notice = new QLabel(c->result);
    c->notice->setObjectName(QStringLiteral("noticeLabel"));
    c->notice->setWordWrap(true);
    c->notice->setTextFormat(Qt::PlainText);
    setColored(c->notice, Theme::warning(palette()));
    resultBox->addWidget(c->notice);
    auto* snippetRow = new QHBoxLayout;
    c->snippet = new QPlainTextEdit(c->result);
    c->snippet->setObjectName(QStringLiteral("snippetView"));
    c->snippet->setReadOnly(true);
    c->snippet->setLineWrapMode(QPlainTextEdit::NoWrap);
    c->snippet->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    snippetRow->addWidget(c->snippet, 1);
    auto* snippetButtons = new QVBoxLayout;
    c->showToken = new QToolButton(c->result);
    c->showToken->setObjectName(QStringLiteral("showTokenButton"));
    c->showToken->setCheckable(true);
    c->showToken->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QObject::connect(c->showToken, &QToolButton::toggled, this, [this, c]() { showSnippet(*c); });
    snippetButtons->addWidget(c->showToken);
    c->copySnippet = new QToolButton(c->result);
    c->copySnippet->setObjectName(QStringLiteral("copySnippetButton"));
    c->copySnippet->setIcon(Theme::icon(QStringLiteral("copy")));
    c->copySnippet->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QObject::connect(c->copySnippet, &QToolButton::clicked, this,
        [c]() { CopyField::copyToClipboard(c->revealedSnippet, c->revealedSnippet != c->maskedSnippet); });
    snippetButtons->addWidget(c->copySnippet);
    snippetButtons->addStretch(1);
    snippetRow->addLayout(snippetButtons);
    resultBox->addLayout(snippetRow);
    c->result->hide();
    box->addWidget(c->result);

    m_cardsLayout->addWidget(c->frame);
    return c;
}

void ConnectPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    Page::changeEvent(event);
}

void ConnectPage::retranslate()
{
    m_intro->setText(
        tr("Add FinAgent to the AI applications you use. FinAgent writes its entry into the "
           "application's MCP config file, leaves every other server and setting as it was, and keeps "
           "a copy of the previous version next to the file."));
    for (Card* c : m_cards) {
        const QString name = ClientConfig::info(c->client).displayName;
        c->openFolder->setText(tr("Open folder"));
        c->openFolder->setToolTip(tr("Show the folder that holds %1's config file").arg(name));
        c->stdioOnly->setText(
            tr("%1 starts FinAgent by itself when it needs it (stdio); it does not read HTTP "
               "entries.")
                .arg(name));
        c->http->setText(
            tr("HTTP: %1 connects to this app's local server (the app must be running)").arg(name));
        c->stdio->setText(tr("stdio: %1 starts FinAgent by itself").arg(name));
        c->remove->setText(tr("Remove"));
        c->remove->setToolTip(tr("Remove FinAgent's entry from %1's config file").arg(name));
        c->copySnippet->setText(tr("Copy"));
        c->copySnippet->setToolTip(tr("Copy the entry, token included, to paste it by hand"));
        c->snippet->setAccessibleName(tr("Entry written for %1").arg(name));
        updateCard(*c);
        showSnippet(*c);
    }
}

InstallRequest ConnectPage::requestFor(const Card& card)
{
    InstallRequest request;
    request.client = card.client;
    request.environment = m_environment;
    request.finagentPath = m_finagentPath;
    request.useStdio = card.stdio->isChecked();
    LocalEndpointInfo& endpoint = context().endpoint();
    request.mcpUrl = endpoint.mcpUrl();
    // A server listening on every interface is still reached over loopback from this computer.
    if (request.mcpUrl.host() == QLatin1String("0.0.0.0"))
        request.mcpUrl.setHost(QStringLiteral("127.0.0.1"));
    request.token = endpoint.token();
    return request;
}

QString ConnectPage::httpProblem()
{
    LocalEndpointInfo& endpoint = context().endpoint();
    if (!endpoint.mcpUrl().isValid() || endpoint.mcpUrl().isEmpty())
        return tr(
            "FinAgent's server has no fixed port (the port setting is 0), so there is no address to write. "
            "Set a port on the Settings page, or choose stdio.");
    if (endpoint.token().isEmpty())
        return tr(
            "FinAgent's server has no access token yet. Wait until it has started (see the Overview page), "
            "or choose stdio.");
    return QString();
}

void ConnectPage::refresh()
{
    const QList<McpClient> detected = ClientPaths::detectInstalled(m_environment);
    for (Card* c : m_cards) {
        c->detected = detected.contains(c->client);
        updateCard(*c);
    }
    orderCards();
}

void ConnectPage::orderCards()
{
    QList<Card*> ordered = m_cards;
    std::stable_sort(ordered.begin(), ordered.end(),
        [](const Card* a, const Card* b) { return a->detected && !b->detected; });
    for (int i = 0; i < ordered.size(); ++i) {
        if (m_cardsLayout->indexOf(ordered.at(i)->frame) != i) {
            m_cardsLayout->removeWidget(ordered.at(i)->frame);
            m_cardsLayout->insertWidget(i, ordered.at(i)->frame);
        }
    }
}

void ConnectPage::updateCard(Card& card)
{
    const QString name = ClientConfig::info(card.client).displayName;
    card.state = ClientConfigWriter::status(requestFor(card));
    const ClientStatus& s = card.state;

    if (!card.transportChosen && s.configured && s.problem.isNull()) {
        const bool stdio =
            s.transport == ClientTransport::Stdio || !ClientConfig::info(card.client).supportsHttp;
        card.stdio->setChecked(stdio);
        card.http->setChecked(!stdio);
    }
    // Up to date means: what is there equals what the chosen transport would write.
    const ClientTransport chosen = ClientConfig::transportFor(card.client, card.stdio->isChecked());
    const bool current = s.configured && s.upToDate && s.transport == chosen;

    if (!s.problem.isNull())
        card.status->setText(
            Theme::statusText(Theme::negative(palette()), tr("Its config file cannot be used")));
    else if (current)
        card.status->setText(Theme::statusText(Theme::positive(palette()),
            tr("FinAgent is configured (%1)").arg(ClientConfig::transportName(s.transport))));
    else if (s.configured)
        card.status->setText(Theme::statusText(Theme::warning(palette()),
            tr("FinAgent is configured (%1), but not as chosen below or with an "
               "old address, token or program path: Update fixes it")
                .arg(ClientConfig::transportName(s.transport))));
    else
        card.status->setText(
            Theme::statusText(Theme::muted(palette()), tr("FinAgent is not configured here")));

    card.found->setText(card.detected
            ? tr("%1 was found on this computer.").arg(name)
            : tr("%1 was not found on this computer; you can still prepare its config.").arg(name));
    card.path->setText(tr("Config file: %1").arg(native(s.path)));
    card.openFolder->setEnabled(QFileInfo(QFileInfo(s.path).absolutePath()).isDir());
    card.connect->setText(s.configured ? tr("Update") : tr("Connect"));
    card.connect->setToolTip(s.configured
            ? tr("Write FinAgent's current entry into %1's config file").arg(name)
            : tr("Add FinAgent to %1's config file").arg(name));
    card.remove->setEnabled(s.configured);

    if (!s.problem.isNull()) {
        card.error->setText(s.problem.message);
        card.error->show();
    } else {
        card.error->clear();
        card.error->hide();
    }
}

void ConnectPage::showError(Card& card, const QString& message)
{
    card.error->setText(message);
    card.error->show();
}

void ConnectPage::connectClient(Card& card)
{
    const QString name = ClientConfig::info(card.client).displayName;
    const InstallRequest request = requestFor(card);
    const bool http = ClientConfig::transportFor(card.client, request.useStdio) == ClientTransport::Http;
    if (http) {
        const QString problem = httpProblem();
        if (!problem.isEmpty()) {
            updateCard(card);
            showError(card, problem);
            return;
        }
    }
    const Result<InstallResult> result = ClientConfigWriter::install(request);
    updateCard(card);
    if (!result.ok()) {
        card.result->hide();
        showError(card, result.error().message);
        return;
    }

    const QString path = native(result->plan.path);
    QString text;
    if (!result->written)
        text = tr("%1 already holds this entry; nothing changed.").arg(path);
    else if (result->backupPath.isEmpty())
        text = tr("Written to %1.").arg(path);
    else
        text = tr("Written to %1. The previous version is kept as %2.").arg(path, native(result->backupPath));
    card.written->setText(
        text + QLatin1Char(' ') + tr("Restart %1 (or reload its MCP servers) to use FinAgent.").arg(name));

    QStringList notices;
    if (http && !context().endpoint().isServing())
        notices << tr(
            "FinAgent's server is stopped: start it on the Overview page, or %1 cannot reach FinAgent.")
                       .arg(name);
    const auto* local = qobject_cast<const LocalEndpoint*>(&context().endpoint());
    if (http && local && !local->isTokenPersistent())
        notices << tr(
            "The access token is kept for this session only, so this entry stops working when FinAgent "
            "restarts (%1). Choose stdio to avoid this.")
                       .arg(local->tokenNotice());
    card.notice->setText(notices.join(QLatin1Char(' ')));
    card.notice->setVisible(!notices.isEmpty());

    card.maskedSnippet = result->plan.snippet;
    card.revealedSnippet = result->plan.revealedSnippet;
    card.showToken->setChecked(false);
    showSnippet(card);
    card.snippet->show();
    card.copySnippet->show();
    card.result->show();
}

void ConnectPage::removeClient(Card& card)
{
    const Result<UninstallResult> result = ClientConfigWriter::uninstall(requestFor(card));
    updateCard(card);
    if (!result.ok()) {
        showError(card, result.error().message);
        return;
    }
    const QString path = native(result->path);
    card.written->setText(result->removed
            ? tr("Removed FinAgent from %1. The previous version is kept as %2.")
                  .arg(path, native(result->backupPath))
            : tr("FinAgent was not in %1; nothing to remove.").arg(path));
    card.notice->hide();
    card.maskedSnippet.clear();
    card.revealedSnippet.clear();
    card.snippet->hide();
    card.showToken->hide();
    card.copySnippet->hide();
    card.result->show();
}

void ConnectPage::showSnippet(Card& card)
{
    const bool hasToken = card.maskedSnippet != card.revealedSnippet;
    const bool reveal = hasToken && card.showToken->isChecked();
    card.snippet->setPlainText(reveal ? card.revealedSnippet : card.maskedSnippet);
    // Tall enough for the whole entry up to a point; longer ones (Kiro's tool list) scroll.
    const int total = int(card.snippet->toPlainText().count(QLatin1Char('\n'))) + 1;
    const int lines = std::min(total, 16);
    card.snippet->setVerticalScrollBarPolicy(total > lines ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    const QMargins margins = card.snippet->contentsMargins();
    card.snippet->setFixedHeight(lines * card.snippet->fontMetrics().lineSpacing()
        + int(2 * card.snippet->document()->documentMargin()) + margins.top() + margins.bottom()
        + 2 * card.snippet->frameWidth() + 4);
    card.showToken->setVisible(hasToken);
    card.showToken->setText(reveal ? tr("Hide token") : tr("Show token"));
    card.showToken->setIcon(Theme::icon(reveal ? QStringLiteral("hide") : QStringLiteral("show")));
}

void ConnectPage::openFolder(const Card& card)
{
    QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(card.state.path).absolutePath()));
}
