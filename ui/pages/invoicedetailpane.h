#pragma once

#include "pages/invoicetablemodel.h"

#include <QWidget>

#include <functional>
#include <optional>

class CopyField;
class QButtonGroup;
class QGridLayout;
class QLabel;
class QPushButton;
class QTimer;
class QToolButton;
class QrCodeWidget;

// The selected invoice in full: id and status, the amount in the coin and in US dollars, what was
// paid and what is still owed, the network, the expiry with a live countdown, the deposit address
// and the payment page (each with a copy button, the page with an "Open" button too), a QR code of
// the address or of the page, and the status history. In the sandbox, "Simulate payment" plays the
// payer (full, too little, too much, or letting it expire) for an invoice that is still open.
//
// Named children: detailId, detailStatus, detailAmount, detailAmountNote, detailPaid, detailExpiry,
// detailNetwork, detailDescription, detailCreated, addressField, paymentUrlField, openPageButton,
// qrCode, qrAddressButton, qrPageButton, simulateButton, detailMessage, detailHistory,
// detailPlaceholder.
class InvoiceDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit InvoiceDetailPane(QWidget* parent = nullptr);

    // Shows this invoice (a copy is kept); nullopt shows the placeholder.
    void setInvoice(const std::optional<InvoiceItem>& invoice);
    std::optional<InvoiceItem> invoice() const { return m_invoice; }
    QString invoiceId() const { return m_invoice ? m_invoice->id : QString(); }

    // Whether the payment provider is the sandbox (simulation offered).
    void setSandbox(bool sandbox);
    bool isSandbox() const { return m_sandbox; }
    // While a simulation runs its button is disabled.
    void setSimulating(bool simulating);
    // A sentence under the actions: the result of a simulation, or why it failed.
    void setMessage(const QString& text, bool error);
    QString message() const;

    // The time the countdown measures from (ms since 1970).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    QrCodeWidget* qrCode() const { return m_qr; }
    // What the QR code shows: the address when there is one, else the payment page.
    QString qrText() const;
    QString expiryText() const;
    QPushButton* simulateButton() const { return m_simulate; }

public Q_SLOTS:
    // Asks for a simulated payment: "full", "under", "over" or "expire".
    void simulate(const QString& outcome);
    void openPaymentPage();
    // Shows the address (true) or the payment page (false) as QR code.
    void showAddressCode(bool address);

Q_SIGNALS:
    void simulateRequested(const QString& invoiceId, const QString& outcome);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void retranslate();
    void refreshView();
    void updateExpiry();
    void updateQr();
    void updateHistory();
    QLabel* valueLabel(const QString& name);

    std::function<qint64()> m_clock;
    std::optional<InvoiceItem> m_invoice;
    bool m_sandbox = false;
    bool m_simulating = false;
    bool m_addressCode = true;

    QWidget* m_content = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_id = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_amount = nullptr;
    QLabel* m_amountNote = nullptr;
    QLabel* m_paid = nullptr;
    QLabel* m_expiry = nullptr;
    QGridLayout* m_facts = nullptr;
    QLabel* m_networkLabel = nullptr;
    QLabel* m_network = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QLabel* m_description = nullptr;
    QLabel* m_createdLabel = nullptr;
    QLabel* m_created = nullptr;
    QLabel* m_addressLabel = nullptr;
    CopyField* m_address = nullptr;
    QLabel* m_urlLabel = nullptr;
    CopyField* m_url = nullptr;
    QPushButton* m_open = nullptr;
    QrCodeWidget* m_qr = nullptr;
    QToolButton* m_qrAddress = nullptr;
    QToolButton* m_qrPage = nullptr;
    QButtonGroup* m_qrChoice = nullptr;
    QLabel* m_qrCaption = nullptr;
    QPushButton* m_simulate = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_historyLabel = nullptr;
    QLabel* m_history = nullptr;
    QTimer* m_tick = nullptr;
};
