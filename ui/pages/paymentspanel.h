#pragma once

#include <QMessageBox>
#include <QPointer>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;
class UiContext;
class WalletEditor;

// The Payments section of the Accounts page: the provider (payments.provider: sandbox or
// CoinRemitter), the CoinRemitter wallets (payments.wallets: add and remove a coin) and, per
// wallet, its API key and password in the keychain with a connection test. The payments area reads
// its settings when FinAgent starts, so a changed provider or wallet list is used after a restart;
// the section says so, comparing with what the running FinAgent reports in config://networks.
//
// Named children: providerCombo, providerNote, walletsList, addWalletEdit, addWalletButton,
// addWalletMessage, walletsEmpty, wallet_<COIN> (WalletEditor).
class PaymentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PaymentsPanel(UiContext& context, QWidget* parent = nullptr);

    QComboBox* providerCombo() const { return m_provider; }
    QString providerNote() const;
    QStringList coins() const { return m_coins; }
    WalletEditor* wallet(const QString& coin) const;
    QString addMessage() const;
    // The confirmation Remove opens, while it is open.
    QMessageBox* removeConfirmation() const { return m_confirm; }

public Q_SLOTS:
    // Reads what the running FinAgent uses (provider, wallets) from config://networks.
    void refreshRunning();
    // Adds a coin to payments.wallets; false (and a sentence under the box) if it is not valid.
    bool addCoin(const QString& text);
    // Removes a coin from payments.wallets and deletes its API key and password from the keychain.
    void removeCoin(const QString& coin);
    // Asks first, then removeCoin.
    void askRemoveCoin(const QString& coin);

Q_SIGNALS:
    void walletsChanged(const QStringList& coins);

private:
    void loadWallets();
    bool saveWallets(const QStringList& coins);
    void updateProviderNote();
    void updateRunning();
    void showAddMessage(const QString& text);

    UiContext& m_context;
    QComboBox* m_provider = nullptr;
    QLabel* m_providerNote = nullptr;
    QVBoxLayout* m_walletsLayout = nullptr;
    QLabel* m_walletsEmpty = nullptr;
    QLineEdit* m_addEdit = nullptr;
    QPushButton* m_addButton = nullptr;
    QLabel* m_addMessage = nullptr;
    QList<WalletEditor*> m_wallets;
    QStringList m_coins;
    QPointer<QMessageBox> m_confirm;

    // What the running FinAgent uses (empty until config://networks answered).
    QString m_runningProvider;
    QStringList m_runningCoins;
    bool m_runningKnown = false;
};
