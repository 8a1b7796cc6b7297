#pragma once

#include <QDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

class Backend;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// New invoice: amount, currency (US dollars or the network's coin), network (from
// config://networks), description and lifetime, each checked as it is typed with the error next to
// the field; Create stays disabled until everything is valid. The amount must be a plain positive
// decimal with at most the currency's decimals (2 for USD, the coin's otherwise) and at most the
// largest invoice amount.
//
// The dialog makes one idempotency key when it opens and sends it with create_payment, so a double
// click, Enter pressed twice or a retry after a lost answer never makes two invoices; the key
// changes only when the form is edited after an attempt. It never waits on the Backend: Create is
// disabled while the call runs, and success emits invoiceCreated and closes the dialog.
//
// Named children: amountEdit, amountError, currencyCombo, networkCombo, networkError,
// descriptionEdit, descriptionCount, descriptionError, expirySpin, formMessage, createButton.
class NewInvoiceDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewInvoiceDialog(Backend& backend, QWidget* parent = nullptr);

    QLineEdit* amountEdit() const { return m_amount; }
    QComboBox* currencyCombo() const { return m_currency; }
    QComboBox* networkCombo() const { return m_network; }
    QLineEdit* descriptionEdit() const { return m_description; }
    QSpinBox* expirySpin() const { return m_expiry; }
    QPushButton* createButton() const { return m_create; }

    // The sentences shown next to the fields (empty when fine).
    QString amountError() const;
    QString descriptionError() const;
    QString formMessage() const;

    QString idempotencyKey() const { return m_key; }
    bool isValid() const;
    bool isCreating() const { return m_creating; }
    bool networksLoaded() const { return m_networksLoaded; }

    // Presets the form (the currency and network must be among the offered ones).
    void setAmount(const QString& amount, const QString& currency = QString());
    void setNetwork(const QString& network);

public Q_SLOTS:
    // Sends create_payment when the form is valid and no call is running; otherwise does nothing.
    void create();
    // Reads config://networks (again).
    void loadNetworks();

Q_SIGNALS:
    void networksReady();
    // create_payment succeeded: the invoice as the tool returned it.
    void invoiceCreated(const QJsonObject& invoice);
    // create_payment failed; the sentence is shown in the dialog.
    void creationFailed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* errorLabel(const QString& name);
    void retranslate();
    void onNetworkChanged();
    void onEdited();
    void validate();
    void setBusy(bool busy);
    void showFormMessage(const QString& text, bool error);
    QJsonObject currentNetwork() const;
    int currencyDecimals() const;

    Backend& m_backend;
    QLabel* m_amountLabel = nullptr;
    QLabel* m_networkLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QLabel* m_expiryLabel = nullptr;
    QLabel* m_intro = nullptr;
    QLineEdit* m_amount = nullptr;
    QComboBox* m_currency = nullptr;
    QComboBox* m_network = nullptr;
    QLineEdit* m_description = nullptr;
    QSpinBox* m_expiry = nullptr;
    QLabel* m_amountError = nullptr;
    QLabel* m_networkError = nullptr;
    QLabel* m_descriptionCount = nullptr;
    QLabel* m_descriptionError = nullptr;
    QLabel* m_formMessage = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_create = nullptr;

    QJsonArray m_networks;
    QString m_provider;
    QString m_maxAmount;
    QString m_key;
    bool m_networksLoaded = false;
    bool m_creating = false;
    bool m_attempted = false; // a create_payment was sent with m_key
    bool m_amountTouched = false;
    QPointer<QObject> m_request;
};
