#pragma once

#include "page.h"

#include <QJsonObject>
#include <QMessageBox>
#include <QPointer>

class CopyField;
class EmptyState;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTimer;
class QToolButton;
class QTreeWidget;
class QVBoxLayout;

// What FinAgent is doing right now: where the tools run (local, or the remote FinAgent and how it is
// doing, updated as the mode or the remote's state changes), the local MCP endpoint (URL, port, access token,
// running or not), the AI clients connected to it, the health of each subsystem, and the latest tool calls of
// every local FinAgent process (from the audit log). Refreshes only while visible.
//
// Tool-call rows come from Backend::recentToolCalls as objects with "id", "at" (ms since the epoch),
// "tool", "client", "transport", "duration_ms", "outcome" (ok | error | invalid | cancelled) and
// optionally "error_code". Calls the window itself makes (transport "desktop") are left out.
class OverviewPage : public Page
{
    Q_OBJECT
public:
    explicit OverviewPage(UiContext& context, QWidget* parent = nullptr);
    ~OverviewPage() override;

    QString pageId() const override { return QStringLiteral("overview"); }
    QString title() const override { return tr("Overview"); }
    QIcon icon() const override;
    void activated() override;
    void deactivated() override;

    // How often recent tool calls are fetched while the page is visible. Default 2 s.
    void setPollIntervalMs(int ms);
    // "Local" or "Remote: <url> — ready / unreachable since 10:42", as shown.
    QString modeText() const;
    // Asks for a new health report now (the remote's in remote mode).
    void refreshHealth();
    // The confirmation shown by Regenerate, while it is open (for tests).
    QMessageBox* regenerateConfirmation() const { return m_confirm; }

private:
    QWidget* buildModeCard();
    QWidget* buildEndpointCard();
    QWidget* buildClientsCard();
    QWidget* buildHealthCard();
    QWidget* buildCallsCard();
    void updateMode();
    void updateEndpoint();
    void updateSessions();
    void askRegenerate();
    void fetchCalls();
    void addCalls(const QJsonArray& calls);
    void showHealth(const QJsonObject& report, const QString& error);

    QLabel* m_mode = nullptr;
    QLabel* m_modeProblem = nullptr;
    QString m_lastModeSummary;
    bool m_wasRemote = false;

    QLabel* m_state = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_startStop = nullptr;
    CopyField* m_url = nullptr;
    QLabel* m_port = nullptr;
    CopyField* m_token = nullptr;
    QPushButton* m_regenerate = nullptr;
    QLabel* m_tokenNotice = nullptr;
    QPointer<QMessageBox> m_confirm;

    QListWidget* m_sessions = nullptr;
    QLabel* m_noSessions = nullptr;

    QLabel* m_healthSummary = nullptr;
    QVBoxLayout* m_healthRows = nullptr;
    QToolButton* m_healthRefresh = nullptr;
    bool m_healthPending = false;
    bool m_healthAgain = false; // asked while a check ran (the mode changed): check once more

    QStackedWidget* m_callsStack = nullptr;
    EmptyState* m_callsEmpty = nullptr;
    QTreeWidget* m_calls = nullptr;
    QLabel* m_callsError = nullptr;
    QTimer* m_poll = nullptr;
    qint64 m_lastCallId = 0;
    bool m_fetching = false;
};
