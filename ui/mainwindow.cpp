#include "mainwindow.h"

#include "backend/backend.h"
#include "config/settings.h"
#include "page.h"
#include "theme.h"
#include "uicontext.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QScreen>
#include <QScrollArea>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace
{

const QString kGeometry = QStringLiteral("ui.window_geometry");
const QString kLastPage = QStringLiteral("ui.last_page");
constexpr int kPageIdRole = Qt::UserRole + 1;
constexpr int kMaxShortcuts = 9;

QString rgba(const QColor& c, double alpha)
{
    return QStringLiteral("rgba(%1, %2, %3, %4)").arg(c.red()).arg(c.green()).arg(c.blue()).arg(alpha);
}

} // namespace

MainWindow::MainWindow(UiContext& context, QWidget* parent)
    : QMainWindow(parent)
    , m_context(context)
{
    setWindowTitle(QStringLiteral("FinAgent"));
    setWindowIcon(Theme::appIcon());
    setObjectName(QStringLiteral("mainWindow"));

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* sidebar = new QWidget(central);
    sidebar->setObjectName(QStringLiteral("sidebar"));
    sidebar->setAttribute(Qt::WA_StyledBackground);
    auto* side = new QVBoxLayout(sidebar);
    side->setContentsMargins(0, Theme::sectionSpacing(), 0, Theme::spacing());
    side->setSpacing(Theme::sectionSpacing());

    auto* brand = new QWidget(sidebar);
    auto* brandRow = new QHBoxLayout(brand);
    brandRow->setContentsMargins(Theme::sectionSpacing() + 2, 0, Theme::sectionSpacing(), 0);
    brandRow->setSpacing(10);
    auto* logo = new QLabel(brand);
    logo->setPixmap(Theme::appIcon().pixmap(QSize(28, 28), devicePixelRatioF()));
    brandRow->addWidget(logo);
    auto* name = new QLabel(QStringLiteral("FinAgent"), brand);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.25);
    nameFont.setWeight(QFont::DemiBold);
    name->setFont(nameFont);
    brandRow->addWidget(name, 1);
    side->addWidget(brand);

    m_navigation = new QListWidget(sidebar);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setUniformItemSizes(true);
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::onRowChanged);
    side->addWidget(m_navigation, 1);
    auto* version = Theme::hintLabel(tr("Version %1").arg(QCoreApplication::applicationVersion()), sidebar);
    version->setObjectName(QStringLiteral("versionLabel"));
    version->setContentsMargins(Theme::sectionSpacing() + 2, 0, Theme::sectionSpacing(), 0);
    version->setVisible(!QCoreApplication::applicationVersion().isEmpty());
    side->addWidget(version);
    sidebar->setFixedWidth(212);
    layout->addWidget(sidebar);

    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("pages"));
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusText"));
    m_status->setTextFormat(Qt::RichText);
    m_status->setContentsMargins(Theme::spacing(), 2, Theme::spacing(), 2);
    statusBar()->addWidget(m_status, 1);
    statusBar()->setSizeGripEnabled(true);

    connect(&m_context.endpoint(), &LocalEndpointInfo::stateChanged, this, &MainWindow::updateStatus);
    connect(&m_context.endpoint(), &LocalEndpointInfo::sessionsChanged, this, &MainWindow::updateStatus);
    connect(&m_context.backend(), &Backend::statusChanged, this, &MainWindow::updateStatus);

    applyStyle();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Tearing down the list moves its current row; the pages it would name are being deleted.
    disconnect(m_navigation, nullptr, this, nullptr);
    if (m_active)
        m_active->deactivated();
}

void MainWindow::applyStyle()
{
    const QPalette pal = palette();
    const QColor highlight = pal.color(QPalette::Highlight);
    const QColor window = pal.color(QPalette::Window);
    const bool dark = window.lightness() < 128;
    const QColor sidebar = dark ? window.lighter(115) : window.darker(104);
    const QColor border = dark ? window.lighter(140) : window.darker(118);
    setStyleSheet(QStringLiteral(
        "QWidget#sidebar { background: %1; border-right: 1px solid %2; }"
        "QListWidget#navigation { background: transparent; border: none; outline: 0; }"
        "QListWidget#navigation::item { padding: 7px 10px; margin: 1px 10px; border-radius: 6px;"
        " color: palette(window-text); }"
        "QListWidget#navigation::item:hover { background: %3; }"
        "QListWidget#navigation::item:selected { background: %4; color: palette(window-text); }"
        "QFrame#card { background: palette(base); border: 1px solid %2; border-radius: 8px; }"
        "QFrame#card QLabel { background: transparent; }")
                      .arg(sidebar.name(), border.name(), rgba(highlight, 0.10), rgba(highlight, 0.22)));
}

void MainWindow::addPage(Page* page)
{
    Q_ASSERT(page);
    m_pages.append(page);

    // Every page gets the same frame: a header with its title, then the page, scrollable when the
    // window is small.
    auto* frame = new QWidget(m_stack);
    auto* column = new QVBoxLayout(frame);
    column->setContentsMargins(
        Theme::pageMargin(), Theme::pageMargin() - 4, Theme::pageMargin(), Theme::spacing());
    column->setSpacing(Theme::spacing());
    QWidget* header = Theme::pageHeader(page->title(), QString(), frame);
    column->addWidget(header);
    auto* scroll = new QScrollArea(frame);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setBackgroundRole(QPalette::Window);
    scroll->viewport()->setBackgroundRole(QPalette::Window);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    page->setParent(scroll);
    scroll->setWidget(page);
    column->addWidget(scroll, 1);
    m_stack->addWidget(frame);

    auto* item = new QListWidgetItem(page->icon(), page->title(), m_navigation);
    item->setData(kPageIdRole, page->pageId());
    const int index = int(m_pages.size());
    if (index <= kMaxShortcuts) {
        const QKeySequence keys(QKeyCombination(Qt::ControlModifier, Qt::Key(Qt::Key_0 + index)));
        item->setToolTip(
            QStringLiteral("%1 (%2)").arg(page->title(), keys.toString(QKeySequence::NativeText)));
        auto* shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this,
            [this, index]() { m_navigation->setCurrentRow(index - 1); });
    }
    if (m_navigation->currentRow() < 0) {
        // Showing the first page while the window is being built is no choice of the person's.
        m_restoring = true;
        m_navigation->setCurrentRow(0);
        m_restoring = false;
    }
}

Page* MainWindow::page(const QString& id) const
{
    for (Page* p : m_pages) {
        if (p->pageId() == id)
            return p;
    }
    return nullptr;
}

Page* MainWindow::currentPage() const
{
    const int row = m_navigation->currentRow();
    return row >= 0 && row < m_pages.size() ? m_pages.at(row) : nullptr;
}

bool MainWindow::showPage(const QString& id)
{
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages.at(i)->pageId() == id) {
            m_navigation->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void MainWindow::onRowChanged(int row)
{
    if (row < 0 || row >= m_pages.size())
        return;
    m_stack->setCurrentIndex(row);
    const QString id = m_pages.at(row)->pageId();
    if (!m_restoring && m_context.settings().string(kLastPage) != id)
        m_context.settings().setValue(kLastPage, id);
    updateActivation();
    Q_EMIT currentPageChanged(id);
}

void MainWindow::restoreState()
{
    m_restoring = true;
    const QByteArray geometry = QByteArray::fromBase64(m_context.settings().string(kGeometry).toLatin1());
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        QSize size(1120, 740);
        if (const QScreen* s = screen())
            size = size.boundedTo(s->availableSize() * 0.9);
        resize(size);
    }
    if (!showPage(m_context.settings().string(kLastPage)) && !m_pages.isEmpty())
        m_navigation->setCurrentRow(0);
    m_restoring = false;
}

void MainWindow::saveState()
{
    const QString geometry = QString::fromLatin1(saveGeometry().toBase64());
    if (m_context.settings().string(kGeometry) != geometry)
        m_context.settings().setValue(kGeometry, geometry);
}

void MainWindow::showAndRaise()
{
    if (isMinimized())
        setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    show();
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveState();
    if (m_hideOnClose && !m_quitting && !qApp->isSavingSession()) {
        event->ignore();
        // A modal dialog stays with its window; hiding under it would strand the dialog.
        if (QApplication::activeModalWidget())
            return;
        QMetaObject::invokeMethod(this, &QWidget::hide, Qt::QueuedConnection);
        Q_EMIT hiddenToTray();
        return;
    }
    event->accept();
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    updateActivation();
}

void MainWindow::hideEvent(QHideEvent* event)
{
    QMainWindow::hideEvent(event);
    updateActivation();
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange)
        updateActivation();
}

void MainWindow::updateActivation()
{
    Page* wanted = isVisible() && !isMinimized() ? currentPage() : nullptr;
    if (wanted == m_active)
        return;
    if (m_active)
        m_active->deactivated();
    m_active = wanted;
    if (wanted)
        wanted->activated();
}

void MainWindow::updateStatus()
{
    LocalEndpointInfo& endpoint = m_context.endpoint();
    const QPalette pal = palette();
    const QString mode =
        m_context.backend().kind() == QLatin1String("remote") ? tr("Remote mode") : tr("Local mode");
    QString state;
    if (endpoint.isServing()) {
        const int clients = int(endpoint.sessionClients().size());
        state = Theme::statusText(
            Theme::positive(pal), tr("Serving MCP at %1").arg(endpoint.mcpUrl().toString()));
        if (clients > 0)
            state += QStringLiteral(" · ") + tr("Connected clients: %1").arg(clients).toHtmlEscaped();
    } else if (!endpoint.lastError().isEmpty()) {
        state =
            Theme::statusText(Theme::negative(pal), tr("Server not running: %1").arg(endpoint.lastError()));
    } else if (endpoint.token().isEmpty()) {
        state = Theme::statusText(Theme::muted(pal), tr("Starting…"));
    } else {
        state = Theme::statusText(Theme::muted(pal), tr("Server stopped"));
    }
    m_status->setText(mode.toHtmlEscaped() + QStringLiteral(" · ") + state);
}
