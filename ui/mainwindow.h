#pragma once

#include <QList>
#include <QMainWindow>
#include <QPointer>

class Page;
class QLabel;
class QListWidget;
class QStackedWidget;
class UiContext;

// The main window: a navigation list on the left (icon and title per page, keyboard navigable,
// Ctrl+1..9), the pages on the right under a header, and a status line with the mode and the
// endpoint's state. It remembers its geometry and the last page, tells the visible page when it is
// shown or hidden (pages refresh only while visible), and hides to the tray on close when a tray
// icon exists.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(UiContext& context, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Adds a page at the end of the navigation; the window takes ownership.
    void addPage(Page* page);
    QList<Page*> pages() const { return m_pages; }
    Page* page(const QString& id) const;
    Page* currentPage() const;
    // Shows the page with this id; false if there is none.
    bool showPage(const QString& id);

    // Geometry (ui.window_geometry) and the last page (ui.last_page) from the settings.
    void restoreState();
    // Stores the geometry in ui.window_geometry.
    void saveState();

    // Shows the window, restores it from minimised, brings it to the front and focuses it.
    void showAndRaise();

    // While true, closing the window hides it (the tray keeps FinAgent running).
    void setHideOnClose(bool hide) { m_hideOnClose = hide; }
    bool hidesOnClose() const { return m_hideOnClose; }
    // The application is quitting: the next close really closes.
    void setQuitting(bool quitting) { m_quitting = quitting; }

Q_SIGNALS:
    void currentPageChanged(const QString& id);
    // The window was closed while a tray icon exists and is now hidden.
    void hiddenToTray();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onRowChanged(int row);
    void updateActivation();
    void updateStatus();
    void applyStyle();

    UiContext& m_context;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_status = nullptr;
    QList<Page*> m_pages;
    QPointer<Page> m_active;
    bool m_hideOnClose = false;
    bool m_quitting = false;
    bool m_restoring = false;
};
