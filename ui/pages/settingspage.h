#pragma once

#include "page.h"

#include <QPointer>

class Autostart;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

// The settings a person changes in the window: the local server's port and allowed browser origins
// (applied by restarting the server), the language (after a restart of FinAgent), the refresh
// intervals of the Prices and Invoices pages, start on login and notifications. Every change is
// written to the settings file with Settings::setValue; a setting fixed by an environment variable or
// the command line is shown but cannot be changed here.
class SettingsPage : public Page
{
    Q_OBJECT
public:
    explicit SettingsPage(UiContext& context, QWidget* parent = nullptr);

    QString pageId() const override { return QStringLiteral("settings"); }
    QString title() const override { return tr("Settings"); }
    QIcon icon() const override;
    void activated() override;

    // Shows start-on-login failures next to the option.
    void setAutostart(Autostart* autostart);

    // What is wrong with a port or an origin typed by the person, as a sentence; empty when valid.
    static QString portProblem(const QString& text);
    static QString originProblem(const QString& origin);

private:
    QWidget* buildServerCard();
    QWidget* buildLanguageCard();
    QWidget* buildRefreshCard();
    QWidget* buildDesktopCard();
    void loadValues();
    void validateServer();
    void addOrigin();
    void removeOrigin();
    void applyServer();
    QStringList origins() const;
    void save(const QString& name, const QVariant& value);
    // Disables `editor` with a note when the setting comes from the environment or command line.
    void lockIfOverridden(const QString& name, QWidget* editor, QLabel* note);

    QLineEdit* m_port = nullptr;
    QLabel* m_portProblem = nullptr;
    QLabel* m_portLocked = nullptr;
    QListWidget* m_origins = nullptr;
    QLineEdit* m_newOrigin = nullptr;
    QPushButton* m_addOrigin = nullptr;
    QPushButton* m_removeOrigin = nullptr;
    QLabel* m_originProblem = nullptr;
    QLabel* m_originsLocked = nullptr;
    QPushButton* m_applyServer = nullptr;
    QLabel* m_serverResult = nullptr;

    QComboBox* m_language = nullptr;
    QLabel* m_languageNote = nullptr;
    QString m_startupLanguage;

    QSpinBox* m_priceRefresh = nullptr;
    QSpinBox* m_invoiceRefresh = nullptr;

    QCheckBox* m_startOnLogin = nullptr;
    QLabel* m_startOnLoginProblem = nullptr;
    QCheckBox* m_notifications = nullptr;
    QLabel* m_saveProblem = nullptr;
    QPointer<Autostart> m_autostart;
    bool m_loading = false;
};
