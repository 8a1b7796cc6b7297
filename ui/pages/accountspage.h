#pragma once

#include "page.h"

class MarketKeysPanel;
class PaymentsPanel;
class QLabel;
class RemotePanel;

// Accounts & keys: which keychain holds the keys (or why none can), then the Payments section
// (provider, CoinRemitter wallets with their keys), Market data (CoinGecko key and tier) and
// Remote (mode, URL, token). Every key goes to the keychain through the SecretStore and is never
// shown again, logged or written to the settings; each section has its own Test connection.
//
// Named children: keychainStatus, paymentsPanel, marketKeysPanel, remotePanel.
class AccountsPage : public Page
{
    Q_OBJECT
public:
    explicit AccountsPage(UiContext& context, QWidget* parent = nullptr);

    QString pageId() const override { return QStringLiteral("accounts"); }
    QString title() const override { return tr("Accounts & keys"); }
    QIcon icon() const override;
    void activated() override;

    PaymentsPanel* paymentsPanel() const { return m_payments; }
    MarketKeysPanel* marketPanel() const { return m_market; }
    RemotePanel* remotePanel() const { return m_remote; }
    QString keychainText() const;
    // True once the keychain answered the probe.
    bool isKeychainChecked() const { return m_checked; }

public Q_SLOTS:
    // Asks the secret store whether it works and shows the answer.
    void checkKeychain();

Q_SIGNALS:
    void keychainChecked(bool ok);

private:
    QLabel* m_keychain = nullptr;
    PaymentsPanel* m_payments = nullptr;
    MarketKeysPanel* m_market = nullptr;
    RemotePanel* m_remote = nullptr;
    bool m_checked = false;
    bool m_probing = false;
};
