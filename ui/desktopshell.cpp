#include "desktopshell.h"

#include "autostart.h"
#include "backend/backendrouter.h"
#include "backend/localbackend.h"
#include "config/settings.h"
#include "invoicenotifications.h"
#include "localendpoint.h"
#include "mainwindow.h"
#include "notifier.h"
#include "protocol/mcpserver.h"
#include "runtime/runtime.h"
#include "storage/auditlogrepository.h"
#include "trayicon.h"
#include "uicontext.h"

#include <QJsonArray>
#include <QJsonObject>

#include <QApplication>
#include <QLoggingCategory>
#include <QSystemTrayIcon>
#include <QTimer>

Q_LOGGING_CATEGORY(lcShell, "finagent.desktop")

namespace
{

// One audit record as the Overview page reads it (see OverviewPage).
QJsonObject auditJson(const AuditEntry& entry)
{
    QJsonObject out {{QStringLiteral("id"), double(entry.id)}, {QStringLiteral("at"), double(entry.at)},
        {QStringLiteral("tool"), entry.tool}, {QStringLiteral("client"), entry.client},
        {QStringLiteral("transport"), entry.transport},
        {QStringLiteral("process_id"), double(entry.processId)},
        {QStringLiteral("duration_ms"), entry.durationMs}, {QStringLiteral("outcome"), entry.outcome}};
    if (entry.errorCode)
        out.insert(QStringLiteral("error_code"), *entry.errorCode);
    return out;
}

} // namespace

DesktopShell::DesktopShell(Settings& settings, Options options, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_options(std::move(options))
{
    if (!m_options.trayAvailable)
        m_options.trayAvailable = []() {
            return QSystemTrayIcon::isSystemTrayAvailable();
        };

    m_runtime = std::make_unique<Runtime>(
        settings, Runtime::Options {Runtime::Mode::Desktop, false, m_options.secrets});
    auto backend = std::make_unique<LocalBackend>(m_runtime->registry());
    // Recent tool calls of every local FinAgent process come from the shared audit log.
    backend->setAuditSource(
        [this](qint64 afterId, int limit, QObject* ctx, std::function<void(Result<QJsonArray>)> done) {
            m_runtime->auditLog().recent(limit, afterId, ctx, [done](Result<QList<AuditEntry>> entries) {
                if (!entries) {
                    done(entries.error());
                    return;
                }
                QJsonArray out;
                for (const AuditEntry& entry : entries.value())
                    out.append(auditJson(entry));
                done(out);
            });
        });
    m_localBackend = std::move(backend);
    // The window and the local endpoints (HTTP here, and the same in `finagent stdio`) go through
    // the local | remote switch, which follows the "mode" and "remote.url" settings at runtime.
    auto router = std::make_unique<BackendRouter>(*m_localBackend);
    router->followSettings(settings, m_runtime->network(), &m_runtime->secrets());
    m_runtime->server().setHandler(router.get());
    m_backend = std::move(router);
    m_endpoint = std::make_unique<LocalEndpoint>(*m_runtime, m_runtime->secrets());
    m_context = std::make_unique<UiContext>(*m_backend, settings, m_runtime->secrets(), *m_endpoint);
    m_notifier = std::make_unique<Notifier>(settings);
    m_notifier->setDBusEnabled(m_options.dbusNotifications);
    // Invoice status changes become desktop notifications; a child of the notifier, so it goes
    // before the backend it listens to.
    new InvoiceNotifications(*m_backend, *m_notifier, m_notifier.get());
    m_autostart = std::make_unique<Autostart>(settings, m_options.executable);

    m_window = std::make_unique<MainWindow>(*m_context);
    DesktopApp::addPages(*this);
    m_window->restoreState();
    connect(m_window.get(), &MainWindow::hiddenToTray, this, &DesktopShell::onHiddenToTray);

    connect(qApp, &QCoreApplication::aboutToQuit, this, &DesktopShell::shutdown);
}

DesktopShell::~DesktopShell()
{
    shutdown();
    // The tray and the window go first: they hold references into the rest.
    m_tray.reset();
    m_window.reset();
}

void DesktopShell::start()
{
    if (m_started)
        return;
    m_started = true;
    // A settings folder copied from another machine may say "start on login" without the entry.
    if (m_settings.boolean(QStringLiteral("ui.start_on_login")))
        m_autostart->sync();
    m_endpoint->initialize(m_settings.boolean(QStringLiteral("ui.serve_http")));
    checkTray();
    if (m_options.startMinimized && hasTray())
        return;
    if (m_options.startMinimized)
        m_window->showMinimized();
    else
        showWindow();
}

void DesktopShell::checkTray()
{
    ++m_trayChecks;
    if (m_options.trayAvailable()) {
        createTray();
        return;
    }
    QGuiApplication::setQuitOnLastWindowClosed(true);
    if (m_trayChecks <= m_options.trayRetries) {
        qCInfo(lcShell) << "no system tray yet; looking again in" << m_options.trayRetryIntervalMs << "ms";
        QTimer::singleShot(m_options.trayRetryIntervalMs, this, &DesktopShell::checkTray);
    } else {
        qCInfo(lcShell) << "no system tray: closing the window quits FinAgent";
    }
}

void DesktopShell::createTray()
{
    if (m_tray || m_shutDown)
        return;
    m_tray = std::make_unique<TrayIcon>(*m_endpoint);
    m_tray->setBackend(m_backend.get());
    connect(m_tray.get(), &TrayIcon::openRequested, this, &DesktopShell::showWindow);
    connect(m_tray.get(), &TrayIcon::quitRequested, this, &DesktopShell::quit);
    m_tray->show();
    m_notifier->setTrayIcon(m_tray->systemTrayIcon());
    m_window->setHideOnClose(true);
    QGuiApplication::setQuitOnLastWindowClosed(false);
    Q_EMIT trayCreated();
}

void DesktopShell::showWindow()
{
    m_window->showAndRaise();
}

void DesktopShell::onHiddenToTray()
{
    const QString shown = QStringLiteral("ui.minimize_hint_shown");
    if (!m_tray || m_settings.boolean(shown))
        return;
    m_tray->systemTrayIcon()->showMessage(tr("FinAgent is still running"),
        tr("FinAgent keeps serving your AI assistants from the tray. To quit, choose Quit FinAgent in its "
           "menu."),
        QSystemTrayIcon::Information, 10000);
    m_settings.setValue(shown, true);
}

void DesktopShell::quit()
{
    m_window->setQuitting(true);
    shutdown();
    QCoreApplication::quit();
}

void DesktopShell::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    m_window->setQuitting(true);
    m_window->saveState();
    m_endpoint->stop();
    if (m_tray)
        m_tray->hide();
    qCInfo(lcShell) << "stopped the local endpoint; quitting";
}
