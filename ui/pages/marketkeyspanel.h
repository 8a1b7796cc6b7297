#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class SecretEntry;
class UiContext;
struct ToolOutcome;

// The Market data section of the Accounts page: the CoinGecko API key (coingecko/api_key in the
// keychain), the tier (market.coingecko_tier: keyless, demo, pro) and "Test connection", which asks
// get_price of the in-process backend, so the answer comes from CoinGecko with the key and tier set
// here. Binance's public market data needs no key.
//
// Named children: coingeckoKeyEntry, coingeckoTierCombo, coingeckoTierNote, testCoinGecko,
// coingeckoOutcome.
class MarketKeysPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MarketKeysPanel(UiContext& context, QWidget* parent = nullptr);

    SecretEntry* keyEntry() const { return m_key; }
    QComboBox* tierCombo() const { return m_tier; }
    QPushButton* testButton() const { return m_test; }
    QString testOutcome() const;
    QString tierNote() const;
    bool isTesting() const { return !m_testRequest.isNull(); }

public Q_SLOTS:
    void testConnection();

Q_SIGNALS:
    void tested(bool ok, const QString& sentence);

private:
    void updateTier();
    void showOutcome(bool ok, const QString& sentence);
    void showTestResult(const ToolOutcome& outcome);

    UiContext& m_context;
    SecretEntry* m_key = nullptr;
    QComboBox* m_tier = nullptr;
    QLabel* m_tierNote = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_outcome = nullptr;
    QPointer<QObject> m_testRequest;
    int m_tests = 0;
};
