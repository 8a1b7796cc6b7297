#pragma once

#include <QIcon>
#include <QWidget>

class UiContext;

// One page of the main window (Overview, Prices, Invoices, ...). Pages talk to the rest of
// FinAgent only through the UiContext (the Backend, the settings, the secret store), never HTTP
// or SQL directly, so they look the same in local and remote mode.
class Page : public QWidget
{
    Q_OBJECT
public:
    Page(UiContext& context, QWidget* parent = nullptr)
        : QWidget(parent)
        , m_context(context)
    {
    }

    // Stable id for settings ("overview", "prices", ...).
    virtual QString pageId() const = 0;
    // Translated title and icon for the navigation list.
    virtual QString title() const = 0;
    virtual QIcon icon() const = 0;
    // The page became visible / hidden: start or stop refreshing.
    virtual void activated() { }
    virtual void deactivated() { }

protected:
    UiContext& context() { return m_context; }

private:
    UiContext& m_context;
};
