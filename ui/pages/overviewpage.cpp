#include "pages/overviewpage.h"

#include "backend/backend.h"
#include "localendpoint.h"
#include "pages/modestatus.h"
#include "theme.h"
#include "uicontext.h"
#include "widgets/copyfield.h"
#include "widgets/emptystate.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace
{

constexpr int kMaxCallRows = 200;
constexpr int kCallsPerFetch = 200;
constexpr int kHealthIntervalMs = 30000;

enum CallColumn
{
    TimeColumn,
    ToolColumn,
    ClientColumn,
    DurationColumn,
    OutcomeColumn,
    ColumnCount
};

void setColored(QLabel* label, const QColor& color)
{
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, color);
    label->setPalette(pal);
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return OverviewPage::tr("%1 ms").arg(ms);
    return OverviewPage::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', ms < 10000 ? 2 : 1));
}

// A subsystem's name as people say it; names the window does not know are shown as they come.
QString subsystemTitle(const QString& name)
{
    if (name == QLatin1String("mcp"))
        return OverviewPage::tr("MCP server");
    if (name == QLatin1String("keychain"))
        return OverviewPage::tr("Keychain");
    if (name == QLatin1String("database"))
        return OverviewPage::tr("Database");
    if (name == QLatin1String("market"))
        return OverviewPage::tr("Market data");
    if (name == QLatin1String("payments"))
        return OverviewPage::tr("Payments");
    if (name == QLatin1String("remote"))
        return OverviewPage::tr("Remote FinAgent");
    return name.isEmpty() ? name : name.at(0).toUpper() + name.mid(1);
}

QDateTime callTime(const QJsonValue& at)
{
    if (at.isString())
        return QDateTime::fromString(at.toString(), Qt::ISODateWithMs).toLocalTime();
    return QDateTime::fromMSecsSinceEpoch(qint64(at.toDouble()));
}

} // namespace

OverviewPage::OverviewPage(UiContext& context, QWidget* parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("overviewPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::sectionSpacing());

    layout->addWidget(Theme::hintLabel(tr("FinAgent serves its tools to AI assistants on this computer. "
                                          "Connect an assistant on the Connect page; "
                                          "its tool calls appear below."),
        this));
    layout->addWidget(buildModeCard());
    layout->addWidget(buildEndpointCard());
    auto* row = new QHBoxLayout;
    row->setSpacing(Theme::sectionSpacing());
    row->addWidget(buildClientsCard(), 1);
    row->addWidget(buildHealthCard(), 1);
    layout->addLayout(row);
    layout->addWidget(buildCallsCard(), 1);

    m_poll = new QTimer(this);
    m_poll->setObjectName(QStringLiteral("callsPoll"));
    m_poll->setInterval(2000);
    connect(m_poll, &QTimer::timeout, this, &OverviewPage::fetchCalls);
    auto* healthTimer = new QTimer(this);
    healthTimer->setInterval(kHealthIntervalMs);
    connect(healthTimer, &QTimer::timeout, this, [this]() {
        if (m_poll->isActive())
            refreshHealth();
    });
    healthTimer->start();

    LocalEndpointInfo& endpoint = context.endpoint();
    connect(&endpoint, &LocalEndpointInfo::stateChanged, this, &OverviewPage::updateEndpoint);
    connect(&endpoint, &LocalEndpointInfo::stateChanged, this, [this]() {
        // The report includes the endpoint; keep it current while the page is visible.
        if (m_poll->isActive())
            refreshHealth();
    });
    connect(&endpoint, &LocalEndpointInfo::sessionsChanged, this, &OverviewPage::updateSessions);
    if (auto* local = qobject_cast<LocalEndpoint*>(&endpoint))
        connect(local, &LocalEndpoint::tokenChanged, this, &OverviewPage::updateEndpoint);
    // The mode and the remote's state: the router says when either changes.
    Backend& backend = context.backend();
    connect(&backend, &Backend::statusChanged, this, &OverviewPage::updateMode);
    connect(&backend, &Backend::listChanged, this, [this](const QString& kind) {
        if (kind == QLatin1String("tools"))
            updateMode();
    });

    updateMode();
    updateEndpoint();
    updateSessions();
}

OverviewPage::~OverviewPage() = default;

QIcon OverviewPage::icon() const
{
    return Theme::icon(QStringLiteral("overview"));
}

QWidget* OverviewPage::buildModeCard()
{
    QVBoxLayout* box = nullptr;
    QFrame* card = Theme::card(tr("Where tools run"), &box, this);
    m_mode = new QLabel(card);
    m_mode->setObjectName(QStringLiteral("modeStatus"));
    m_mode->setTextFormat(Qt::RichText);
    m_mode->setWordWrap(true);
    m_mode->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->addWidget(m_mode);
    m_modeProblem = new QLabel(card);
    m_modeProblem->setObjectName(QStringLiteral("modeProblem"));
    m_modeProblem->setWordWrap(true);
    m_modeProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setColored(m_modeProblem, Theme::negative(palette()));
    m_modeProblem->hide();
    box->addWidget(m_modeProblem);
    return card;
}

QString OverviewPage::modeText() const
{
    return m_lastModeSummary;
}

void OverviewPage::updateMode()
{
    Backend& backend = context().backend();
    const QPalette pal = palette();
    const bool remote = ModeStatus::isRemote(backend);
    const QString summary = ModeStatus::summary(backend);
    QColor color = Theme::positive(pal);
    if (ModeStatus::hasProblem(backend))
        color = Theme::negative(pal);
    else if (ModeStatus::isConnecting(backend))
        color = Theme::muted(pal);
    const QString explanation = remote
        ? tr("Tool calls from this window and from the AI assistants connected here go to the remote "
             "FinAgent; Health below is the remote's.")
        : tr("Tool calls run on this computer. Switch to a hosted FinAgent on Accounts & keys.");
    m_mode->setText(Theme::statusText(color, summary)
        + QStringLiteral(" <span style=\"color:%1\">— %2</span>")
              .arg(Theme::muted(pal).name(), explanation.toHtmlEscaped()));
    const QString problem = ModeStatus::problem(backend);
    m_modeProblem->setText(problem);
    m_modeProblem->setVisible(!problem.isEmpty());
    const bool changed = summary != m_lastModeSummary;
    const bool modeChanged = remote != m_wasRemote;
    m_lastModeSummary = summary;
    m_wasRemote = remote;
    // Another mode, or the remote coming back: the health shown is out of date.
    if (changed && (modeChanged || backend.status().state == BackendStatus::State::Ready)
        && m_poll->isActive())
        refreshHealth();
}

QWidget* OverviewPage::buildEndpointCard()
{
    QVBoxLayout* box = nullptr;
    QFrame* card = Theme::card(tr("Local MCP server"), &box, this);

    auto* stateRow = new QHBoxLayout;
    m_state = new QLabel(card);
    m_state->setObjectName(QStringLiteral("endpointState"));
    m_state->setTextFormat(Qt::RichText);
    stateRow->addWidget(m_state, 1);
    m_startStop = new QPushButton(card);
    m_startStop->setObjectName(QStringLiteral("startStopButton"));
    connect(m_startStop, &QPushButton::clicked, this, [this]() {
        LocalEndpointInfo& endpoint = context().endpoint();
        if (endpoint.isServing())
            endpoint.stop();
        else
            endpoint.start();
    });
    stateRow->addWidget(m_startStop);
    box->addLayout(stateRow);

    m_error = new QLabel(card);
    m_error->setObjectName(QStringLiteral("endpointError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setColored(m_error, Theme::negative(palette()));
    box->addWidget(m_error);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::sectionSpacing());
    form->setVerticalSpacing(Theme::spacing());
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_url = new CopyField(card);
    m_url->setObjectName(QStringLiteral("endpointUrl"));
    m_url->setPlaceholderText(tr("Not serving"));
    form->addRow(tr("MCP URL"), m_url);

    m_port = new QLabel(card);
    m_port->setObjectName(QStringLiteral("endpointPort"));
    m_port->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Port"), m_port);

    auto* tokenRow = new QHBoxLayout;
    tokenRow->setSpacing(Theme::spacing());
    m_token = new CopyField(card);
    m_token->setObjectName(QStringLiteral("tokenField"));
    m_token->setSecret(true);
    m_token->setPlaceholderText(tr("Reading the keychain…"));
    tokenRow->addWidget(m_token, 1);
    m_regenerate = new QPushButton(tr("Regenerate…"), card);
    m_regenerate->setObjectName(QStringLiteral("regenerateButton"));
    m_regenerate->setIcon(Theme::icon(QStringLiteral("refresh")));
    connect(m_regenerate, &QPushButton::clicked, this, &OverviewPage::askRegenerate);
    tokenRow->addWidget(m_regenerate);
    form->addRow(tr("Access token"), tokenRow);
    box->addLayout(form);

    m_tokenNotice = new QLabel(card);
    m_tokenNotice->setObjectName(QStringLiteral("tokenNotice"));
    m_tokenNotice->setWordWrap(true);
    setColored(m_tokenNotice, Theme::warning(palette()));
    box->addWidget(m_tokenNotice);

    box->addWidget(
        Theme::hintLabel(tr("AI assistants send the token as “Authorization: Bearer <token>”. Only "
                            "programs on this computer can reach this address."),
            card));
    return card;
}

QWidget* OverviewPage::buildClientsCard()
{
    QVBoxLayout* box = nullptr;
    QFrame* card = Theme::card(tr("Connected clients"), &box, this);
    m_sessions = new QListWidget(card);
    m_sessions->setObjectName(QStringLiteral("sessionsList"));
    m_sessions->setFrameShape(QFrame::NoFrame);
    m_sessions->setSelectionMode(QAbstractItemView::NoSelection);
    m_sessions->setFocusPolicy(Qt::NoFocus);
    m_sessions->setIconSize(QSize(18, 18));
    m_sessions->setMaximumHeight(120);
    box->addWidget(m_sessions);
    m_noSessions =
        Theme::hintLabel(tr("No AI assistant is connected over HTTP right now. Assistants that start "
                            "FinAgent themselves (stdio) are not listed here."),
            card);
    m_noSessions->setObjectName(QStringLiteral("noSessions"));
    box->addWidget(m_noSessions);
    box->addStretch(1);
    return card;
}

QWidget* OverviewPage::buildHealthCard()
{
    QVBoxLayout* box = nullptr;
    QFrame* card = Theme::card(tr("Health"), &box, this);
    auto* summaryRow = new QHBoxLayout;
    m_healthSummary = new QLabel(tr("Checking…"), card);
    m_healthSummary->setObjectName(QStringLiteral("healthSummary"));
    m_healthSummary->setTextFormat(Qt::RichText);
    summaryRow->addWidget(m_healthSummary, 1);
    m_healthRefresh = new QToolButton(card);
    m_healthRefresh->setObjectName(QStringLiteral("healthRefresh"));
    m_healthRefresh->setIcon(Theme::icon(QStringLiteral("refresh")));
    m_healthRefresh->setToolTip(tr("Check again"));
    m_healthRefresh->setAccessibleName(tr("Check again"));
    m_healthRefresh->setAutoRaise(true);
    connect(m_healthRefresh, &QToolButton::clicked, this, &OverviewPage::refreshHealth);
    summaryRow->addWidget(m_healthRefresh);
    box->addLayout(summaryRow);
    auto* rows = new QWidget(card);
    rows->setObjectName(QStringLiteral("healthList"));
    m_healthRows = new QVBoxLayout(rows);
    m_healthRows->setContentsMargins(0, 0, 0, 0);
    m_healthRows->setSpacing(4);
    box->addWidget(rows);
    box->addStretch(1);
    return card;
}

QWidget* OverviewPage::buildCallsCard()
{
    QVBoxLayout* box = nullptr;
    QFrame* card = Theme::card(tr("Recent tool calls"), &box, this);
    m_callsError = new QLabel(card);
    m_callsError->setObjectName(QStringLiteral("callsError"));
    m_callsError->setWordWrap(true);
    setColored(m_callsError, Theme::warning(palette()));
    m_callsError->hide();
    box->addWidget(m_callsError);

    m_callsStack = new QStackedWidget(card);
    m_callsEmpty = new EmptyState(Theme::icon(QStringLiteral("activity")),
        tr("No tool calls yet — connect an AI assistant on the Connect page."), m_callsStack);
    m_callsEmpty->setObjectName(QStringLiteral("callsEmpty"));
    m_callsStack->addWidget(m_callsEmpty);

    m_calls = new QTreeWidget(m_callsStack);
    m_calls->setObjectName(QStringLiteral("toolCallsTable"));
    m_calls->setColumnCount(ColumnCount);
    m_calls->setHeaderLabels({tr("Time"), tr("Tool"), tr("Client"), tr("Duration"), tr("Outcome")});
    m_calls->setRootIsDecorated(false);
    m_calls->setUniformRowHeights(true);
    m_calls->setAlternatingRowColors(true);
    m_calls->setSelectionMode(QAbstractItemView::SingleSelection);
    m_calls->setFrameShape(QFrame::NoFrame);
    // Room for about eight calls, so the list is worth scrolling down to on a small window.
    m_calls->setMinimumHeight(fontMetrics().height() * 12);
    m_calls->header()->setStretchLastSection(false);
    m_calls->header()->setSectionResizeMode(ToolColumn, QHeaderView::Stretch);
    m_calls->header()->setSectionResizeMode(ClientColumn, QHeaderView::Stretch);
    m_calls->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    m_calls->header()->setSectionResizeMode(DurationColumn, QHeaderView::ResizeToContents);
    m_calls->header()->setSectionResizeMode(OutcomeColumn, QHeaderView::ResizeToContents);
    m_calls->setMinimumHeight(160);
    m_callsStack->addWidget(m_calls);
    m_callsStack->setCurrentWidget(m_callsEmpty);
    box->addWidget(m_callsStack, 1);
    return card;
}

void OverviewPage::activated()
{
    fetchCalls();
    m_poll->start();
    refreshHealth();
}

void OverviewPage::deactivated()
{
    m_poll->stop();
}

void OverviewPage::setPollIntervalMs(int ms)
{
    m_poll->setInterval(ms);
}

void OverviewPage::updateEndpoint()
{
    LocalEndpointInfo& endpoint = context().endpoint();
    const QPalette pal = palette();
    const bool serving = endpoint.isServing();
    const bool loading = endpoint.token().isEmpty();
    const QString error = endpoint.lastError();

    if (serving)
        m_state->setText(Theme::statusText(Theme::positive(pal), tr("Running")));
    else if (!error.isEmpty())
        m_state->setText(Theme::statusText(Theme::negative(pal), tr("Not running")));
    else if (loading)
        m_state->setText(Theme::statusText(Theme::muted(pal), tr("Starting…")));
    else
        m_state->setText(Theme::statusText(Theme::muted(pal), tr("Stopped")));
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());

    m_startStop->setText(serving ? tr("Stop server") : tr("Start server"));
    m_startStop->setIcon(Theme::icon(serving ? QStringLiteral("stop") : QStringLiteral("start")));
    m_startStop->setEnabled(!loading);

    m_url->setText(serving ? endpoint.mcpUrl().toString() : QString());
    auto* local = qobject_cast<LocalEndpoint*>(&endpoint);
    const quint16 port = local ? local->port() : quint16(endpoint.mcpUrl().port(0));
    if (serving)
        m_port->setText(QString::number(port));
    else if (port == 0)
        m_port->setText(tr("A free port is chosen at each start"));
    else
        m_port->setText(tr("%1 (not listening)").arg(port));

    m_token->setText(endpoint.token());
    m_regenerate->setEnabled(!loading);
    const QString notice = local ? local->tokenNotice() : QString();
    m_tokenNotice->setText(notice);
    m_tokenNotice->setVisible(!notice.isEmpty());
}

void OverviewPage::updateSessions()
{
    const QStringList clients = context().endpoint().sessionClients();
    m_sessions->clear();
    const QIcon icon = Theme::icon(QStringLiteral("clients"));
    for (const QString& client : clients)
        new QListWidgetItem(icon, client, m_sessions);
    m_sessions->setVisible(!clients.isEmpty());
    m_noSessions->setVisible(clients.isEmpty());
}

void OverviewPage::askRegenerate()
{
    if (m_confirm)
        return;
    m_confirm = new QMessageBox(QMessageBox::Warning, tr("Regenerate the access token?"),
        tr("Regenerate the access token?"), QMessageBox::Cancel, this);
    m_confirm->setObjectName(QStringLiteral("regenerateConfirmation"));
    m_confirm->setInformativeText(tr("AI clients connected over HTTP keep using the current token and will "
                                     "be refused until they get the new "
                                     "one. Update them on the Connect page afterwards."));
    QPushButton* confirm = m_confirm->addButton(tr("Regenerate"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmRegenerate"));
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirm, &QMessageBox::buttonClicked, this, [this, confirm](QAbstractButton* button) {
        if (button == confirm)
            context().endpoint().regenerateToken();
    });
    // Asynchronous: the window keeps serving (and refreshing) while the question is open.
    m_confirm->open();
}

void OverviewPage::fetchCalls()
{
    if (m_fetching)
        return;
    m_fetching = true;
    context().backend().recentToolCalls(
        m_lastCallId, kCallsPerFetch, this, [this](Result<QJsonArray> result) {
            m_fetching = false;
            if (!result) {
                m_callsError->setText(
                    tr("Recent tool calls are not available: %1").arg(result.error().message));
                m_callsError->show();
                return;
            }
            m_callsError->hide();
            addCalls(result.value());
        });
}

void OverviewPage::addCalls(const QJsonArray& calls)
{
    QList<QJsonObject> fresh;
    for (const QJsonValue& v : calls) {
        const QJsonObject call = v.toObject();
        if (qint64(call.value(QStringLiteral("id")).toDouble()) > m_lastCallId || m_lastCallId == 0)
            fresh.append(call);
    }
    // Oldest first, so each goes on top of the ones before it.
    std::sort(fresh.begin(), fresh.end(), [](const QJsonObject& a, const QJsonObject& b) {
        return a.value(QStringLiteral("id")).toDouble() < b.value(QStringLiteral("id")).toDouble();
    });
    const QPalette pal = palette();
    const QDate today = QDate::currentDate();
    for (const QJsonObject& call : fresh) {
        m_lastCallId = std::max(m_lastCallId, qint64(call.value(QStringLiteral("id")).toDouble()));
        // The window's own calls (prices, health) would drown the assistants' ones.
        if (call.value(QStringLiteral("transport")).toString() == QLatin1String("desktop"))
            continue;
        auto* item = new QTreeWidgetItem;
        const QDateTime at = callTime(call.value(QStringLiteral("at")));
        item->setText(TimeColumn,
            at.date() == today ? QLocale().toString(at.time(), QStringLiteral("HH:mm:ss"))
                               : QLocale().toString(at, QLocale::ShortFormat));
        item->setToolTip(TimeColumn, QLocale().toString(at, QLocale::LongFormat));
        item->setText(ToolColumn, call.value(QStringLiteral("tool")).toString());
        QString client = call.value(QStringLiteral("client")).toString();
        const QString transport = call.value(QStringLiteral("transport")).toString();
        if (client.isEmpty())
            client = tr("Unknown client");
        item->setText(ClientColumn, client);
        if (!transport.isEmpty())
            item->setToolTip(ClientColumn, tr("%1, over %2").arg(client, transport));
        const qint64 duration = qint64(call.value(QStringLiteral("duration_ms")).toDouble());
        item->setText(DurationColumn, durationText(duration));
        item->setTextAlignment(DurationColumn, Qt::AlignRight | Qt::AlignVCenter);

        const QString outcome = call.value(QStringLiteral("outcome")).toString();
        QString outcomeText;
        QColor color;
        if (outcome == QLatin1String("ok")) {
            outcomeText = tr("OK");
            color = Theme::positive(pal);
        } else if (outcome == QLatin1String("invalid")) {
            outcomeText = tr("Invalid arguments");
            color = Theme::warning(pal);
        } else if (outcome == QLatin1String("cancelled")) {
            outcomeText = tr("Cancelled");
            color = Theme::muted(pal);
        } else {
            outcomeText = tr("Error");
            color = Theme::negative(pal);
        }
        item->setText(OutcomeColumn, outcomeText);
        item->setForeground(OutcomeColumn, color);
        const QString code = call.value(QStringLiteral("error_code")).toString();
        if (!code.isEmpty())
            item->setToolTip(OutcomeColumn, code);
        m_calls->insertTopLevelItem(0, item);
    }
    while (m_calls->topLevelItemCount() > kMaxCallRows)
        delete m_calls->takeTopLevelItem(m_calls->topLevelItemCount() - 1);
    m_callsStack->setCurrentWidget(m_calls->topLevelItemCount() > 0 ? static_cast<QWidget*>(m_calls)
                                                                    : static_cast<QWidget*>(m_callsEmpty));
}

void OverviewPage::refreshHealth()
{
    if (m_healthPending) {
        m_healthAgain = true;
        return;
    }
    m_healthPending = true;
    m_healthRefresh->setEnabled(false);
    context().backend().callTool(
        QStringLiteral("health_check"), QJsonObject(), this, [this](ToolOutcome outcome) {
            m_healthPending = false;
            m_healthRefresh->setEnabled(true);
            showHealth(outcome.structured, outcome.ok ? QString() : outcome.error.message);
            if (m_healthAgain) {
                m_healthAgain = false;
                refreshHealth();
            }
        });
}

void OverviewPage::showHealth(const QJsonObject& report, const QString& error)
{
    while (QLayoutItem* item = m_healthRows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QPalette pal = palette();
    auto colorFor = [&pal](const QString& status) {
        if (status == QLatin1String("ok"))
            return Theme::positive(pal);
        if (status == QLatin1String("degraded"))
            return Theme::warning(pal);
        if (status == QLatin1String("disabled"))
            return Theme::muted(pal);
        return Theme::negative(pal);
    };
    if (!error.isEmpty()) {
        m_healthSummary->setText(
            Theme::statusText(Theme::negative(pal), tr("Health check failed: %1").arg(error)));
        return;
    }
    const QString status = report.value(QStringLiteral("status")).toString();
    QString summary;
    if (status == QLatin1String("ok"))
        summary = tr("Everything works");
    else if (status == QLatin1String("degraded"))
        summary = tr("Some parts need attention");
    else
        summary = tr("Some parts are down");
    const QString checked = QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss"));
    m_healthSummary->setText(Theme::statusText(colorFor(status), summary)
        + QStringLiteral(" <span style=\"color:%1\">· %2</span>")
              .arg(Theme::muted(pal).name(), tr("checked at %1").arg(checked).toHtmlEscaped()));
    for (const QJsonValue& v : report.value(QStringLiteral("subsystems")).toArray()) {
        const QJsonObject sub = v.toObject();
        const QString name = sub.value(QStringLiteral("name")).toString();
        // A dot, then the text with a hanging indent, so wrapped details line up under the name.
        auto* row = new QWidget(m_healthRows->parentWidget());
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(6);
        auto* dot = new QLabel(row);
        dot->setTextFormat(Qt::RichText);
        dot->setText(QStringLiteral("<span style=\"color:%1\">&#x25CF;</span>")
                         .arg(colorFor(sub.value(QStringLiteral("status")).toString()).name()));
        rowLayout->addWidget(dot, 0, Qt::AlignTop);
        auto* label = new QLabel(row);
        label->setTextFormat(Qt::RichText);
        label->setWordWrap(true);
        label->setText(QStringLiteral("<b>%1</b> <span style=\"color:%2\">%3</span>")
                           .arg(subsystemTitle(name).toHtmlEscaped(), Theme::muted(pal).name(),
                               sub.value(QStringLiteral("detail")).toString().toHtmlEscaped()));
        label->setProperty("subsystem", name);
        rowLayout->addWidget(label, 1);
        m_healthRows->addWidget(row);
    }
}
