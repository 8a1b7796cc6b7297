#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class RemoteBackend;
class SecretEntry;
class UiContext;
struct ToolOutcome;

// The Remote section of the Accounts page: where the tools run (the "mode" setting: local or
// remote), the remote FinAgent's URL (remote.url), its access token (remote/token in the keychain),
// the remote's state as the window sees it (live), and "Test connection", which asks the remote's
// health_check and shows its health. Switching needs no restart: the BackendRouter follows the
// settings.
//
// Named children: modeCombo, modeNote, remoteUrlEdit, remoteUrlMessage, remoteTokenEntry,
// remoteState, testRemote, remoteOutcome.
class RemotePanel : public QWidget
{
    Q_OBJECT
public:
    explicit RemotePanel(UiContext& context, QWidget* parent = nullptr);

    QComboBox* modeCombo() const { return m_mode; }
    QLineEdit* urlEdit() const { return m_url; }
    SecretEntry* tokenEntry() const { return m_token; }
    QPushButton* testButton() const { return m_test; }
    QString stateText() const;
    QString urlMessage() const;
    QString testOutcome() const;
    bool isTesting() const { return !m_testRequest.isNull(); }

public Q_SLOTS:
    // Checks and saves the URL typed in the box; false (and a sentence under it) when unusable.
    bool applyUrl();
    void testConnection();

Q_SIGNALS:
    void tested(bool ok, const QString& sentence);

private:
    void loadValues();
    void watchRemote();
    void updateState();
    void showUrlMessage(const QString& text);
    void showOutcome(bool ok, const QString& sentence);
    void showTestResult(const ToolOutcome& outcome);

    UiContext& m_context;
    QComboBox* m_mode = nullptr;
    QLabel* m_modeNote = nullptr;
    QLineEdit* m_url = nullptr;
    QLabel* m_urlMessage = nullptr;
    SecretEntry* m_token = nullptr;
    QLabel* m_state = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_outcome = nullptr;
    QPointer<RemoteBackend> m_watched;
    QPointer<QObject> m_testRequest;
    bool m_outcomeOk = false; // the sentence shown says the remote works
};
