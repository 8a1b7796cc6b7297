#include "trayicon.h"

#include "backend/backend.h"
#include "pages/modestatus.h"
#include "theme.h"
#include "uicontext.h"
#include "widgets/copyfield.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>

TrayIcon::TrayIcon(LocalEndpointInfo& endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint)
{
    m_tray = new QSystemTrayIcon(this);
    // The menu is set on the icon before actions are added: some GNOME shells only read it then.
    m_menu = new QMenu();
    m_tray->setContextMenu(m_menu);

    m_mode = m_menu->addAction(QString());
    m_mode->setObjectName(QStringLiteral("trayMode"));
    m_mode->setEnabled(false);
    m_mode->setVisible(false);
    m_menu->addSeparator();
    m_open = m_menu->addAction(Theme::appIcon(), QString());
    m_menu->setDefaultAction(m_open);
    m_menu->addSeparator();
    m_copyUrl = m_menu->addAction(QString());
    m_copyToken = m_menu->addAction(QString());
    m_menu->addSeparator();
    m_startStop = m_menu->addAction(QString());
    m_menu->addSeparator();
    m_quit = m_menu->addAction(QString());
    m_quit->setMenuRole(QAction::QuitRole);

    connect(m_open, &QAction::triggered, this, &TrayIcon::openRequested);
    connect(m_copyUrl, &QAction::triggered, this,
        [this]() { CopyField::copyToClipboard(m_endpoint.mcpUrl().toString(), false); });
    connect(m_copyToken, &QAction::triggered, this,
        [this]() { CopyField::copyToClipboard(m_endpoint.token(), true); });
    connect(m_startStop, &QAction::triggered, this, [this]() {
        if (m_endpoint.isServing())
            m_endpoint.stop();
        else
            m_endpoint.start();
    });
    connect(m_quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT openRequested();
    });
    connect(&m_endpoint, &LocalEndpointInfo::stateChanged, this, &TrayIcon::updateState);

    retranslate();
}

TrayIcon::~TrayIcon()
{
    m_tray->hide();
    delete m_menu.data();
}

void TrayIcon::setBackend(Backend* backend)
{
    if (m_backend)
        disconnect(m_backend, nullptr, this, nullptr);
    m_backend = backend;
    if (backend) {
        connect(backend, &Backend::statusChanged, this, &TrayIcon::updateState);
        // A switch of mode announces new tool lists.
        connect(backend, &McpHandler::listChanged, this, &TrayIcon::updateState);
    }
    updateState();
}

void TrayIcon::show()
{
    m_tray->show();
}

void TrayIcon::hide()
{
    m_tray->hide();
}

bool TrayIcon::isVisible() const
{
    return m_tray->isVisible();
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

void TrayIcon::retranslate()
{
    m_open->setText(tr("Open FinAgent"));
    m_copyUrl->setText(tr("Copy MCP URL"));
    m_copyToken->setText(tr("Copy Access Token"));
    m_quit->setText(tr("Quit FinAgent"));
    updateState();
}

void TrayIcon::updateState()
{
    const bool serving = m_endpoint.isServing();
    const QString error = m_endpoint.lastError();
    QString tip;
    if (serving) {
        m_look = Look::Serving;
        tip = tr("FinAgent — serving MCP at %1").arg(m_endpoint.mcpUrl().toString());
    } else if (!error.isEmpty()) {
        m_look = Look::Error;
        tip = tr("FinAgent — the server is not running: %1").arg(error);
    } else {
        m_look = Look::Stopped;
        tip = m_endpoint.token().isEmpty() ? tr("FinAgent — starting…") : tr("FinAgent — server stopped");
    }
    static const char* const kIcons[] = {"tray-serving", "tray-stopped", "tray-error"};
    const QIcon svg(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(kIcons[int(m_look)])));
    // Pixmaps at the usual tray sizes as well as the SVG: some tray hosts ask for a pixmap of a size
    // the icon engine was never asked for and show nothing (QTBUG-53550).
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64})
        icon.addPixmap(svg.pixmap(QSize(size, size)));
    m_tray->setIcon(icon);
    if (m_backend) {
        const QString mode = ModeStatus::summary(*m_backend);
        tip += QLatin1Char('\n') + mode;
        m_mode->setText(mode);
        m_mode->setIcon(Theme::icon(
            ModeStatus::hasProblem(*m_backend) ? QStringLiteral("warning") : QStringLiteral("info")));
    }
    m_mode->setVisible(m_backend != nullptr);
    m_tray->setToolTip(tip);
    m_startStop->setText(serving ? tr("Stop Server") : tr("Start Server"));
    m_startStop->setEnabled(!m_endpoint.token().isEmpty());
    m_copyUrl->setEnabled(serving);
    m_copyToken->setEnabled(!m_endpoint.token().isEmpty());
}
