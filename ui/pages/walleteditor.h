#pragma once

#include <QFrame>
#include <QPointer>

class Backend;
class QLabel;
class QPushButton;
class QToolButton;
class SecretEntry;
class SecretStore;
struct ToolOutcome;

// One CoinRemitter wallet on the Accounts page: its coin (USDTTRC20), the API key and password
// entries (coinremitter/<COIN>/api_key and /password in the keychain), and "Test connection", which
// asks check_balance for that wallet through the in-process backend and shows the outcome sentence.
//
// Named children: walletTitle, apiKeyEntry, passwordEntry, testWallet, testOutcome, removeWallet,
// walletNote.
class WalletEditor : public QFrame
{
    Q_OBJECT
public:
    WalletEditor(SecretStore& store, Backend& backend, const QString& coin, QWidget* parent = nullptr);

    QString coin() const { return m_coin; }
    SecretEntry* apiKeyEntry() const { return m_key; }
    SecretEntry* passwordEntry() const { return m_password; }
    QPushButton* testButton() const { return m_test; }
    QToolButton* removeButton() const { return m_removeCoin; }
    QString testOutcome() const;
    bool isTesting() const { return !m_testRequest.isNull(); }

    // What this FinAgent runs with now: the provider, and whether it knows this coin (a coin added
    // since it started is used after a restart).
    void setRunning(const QString& provider, bool coinInUse);

public Q_SLOTS:
    void testConnection();

Q_SIGNALS:
    void removeRequested(const QString& coin);
    void tested(bool ok, const QString& sentence);

private:
    void showOutcome(bool ok, const QString& sentence);
    void showTestResult(const ToolOutcome& outcome);
    void updateNote();

    SecretStore& m_store;
    Backend& m_backend;
    QString m_coin;
    QString m_provider;
    bool m_coinInUse = true;

    SecretEntry* m_key = nullptr;
    SecretEntry* m_password = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_outcome = nullptr;
    QLabel* m_note = nullptr;
    QToolButton* m_removeCoin = nullptr;
    QPointer<QObject> m_testRequest;
};
