#pragma once

#include "core/result.h"
#include "page.h"
#include "pages/invoicetablemodel.h"
#include "pages/newinvoicedialog.h"

#include <QDate>
#include <QJsonObject>
#include <QPointer>

#include <memory>
#include <optional>

class EmptyState;
class InvoiceDetailPane;
class QComboBox;
class QDateEdit;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

// Invoices: every invoice made here (by the window or by an assistant), newest first, in a table
// that sorts by any column (amounts as exact decimals) and filters by status, network, creation date
// and free text (id, description, address). Selecting one shows it in the detail pane with its
// address, payment page and QR code. "New invoice" opens the dialog and selects the invoice it made;
// "Export CSV" writes every invoice matching the filters; in the sandbox, "Simulate payment" plays
// the payer.
//
// Statuses update by themselves: while the page is visible it lists again every
// ui.invoice_refresh_ms through list_invoices (a round that falls due while the previous one still
// runs is skipped), and an invoice the Backend announces as changed (resources/updated of
// payment://invoice/{id}) is read again at once. Pages of 50 are loaded as the table is scrolled to
// the bottom (the list's cursor). Everything goes through the Backend; nothing waits on it.
//
// Named children: searchEdit, statusFilter, networkFilter, dateFilter, dateFrom, dateTo,
// clearFiltersButton, newInvoiceButton, exportButton, refreshButton, sandboxNote, errorBanner,
// errorText, retryButton, invoiceTable, invoicesEmpty, footerText, loadMoreButton, invoiceDetailPane.
class InvoicesPage : public Page
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 50;

    explicit InvoicesPage(UiContext& context, QWidget* parent = nullptr);
    ~InvoicesPage() override;

    QString pageId() const override { return QStringLiteral("invoices"); }
    QString title() const override { return tr("Invoices"); }
    QIcon icon() const override;
    void activated() override;
    void deactivated() override;
    bool isActive() const { return m_active; }

    InvoiceTableModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    InvoiceDetailPane* detailPane() const { return m_detail; }
    EmptyState* emptyState() const { return m_empty; }
    // The New invoice dialog while it is open.
    NewInvoiceDialog* newInvoiceDialog() const { return m_dialog; }

    // Invoice ids in the order the table shows them.
    QStringList visibleIds() const;
    QString selectedInvoiceId() const;
    // Selects the invoice's row if it is loaded and shown; false otherwise.
    bool selectInvoice(const QString& id);

    bool isSandbox() const { return m_sandbox; }
    bool isLoading() const;
    bool hasMore() const { return !m_nextCursor.isEmpty(); }
    int total() const { return m_total; }
    // The error shown above the table, empty when the last round went well.
    QString errorText() const;
    // The sentence under the table (counts, export results).
    QString footerText() const;

    // Filters. Status, network and dates are asked of list_invoices (so paging stays right); the
    // free text filters the loaded rows. Each change lists again.
    void setStatusFilter(const QString& status); // "" for every status
    void setNetworkFilter(const QString& network); // "" for every network
    void setDateRange(const std::optional<QDate>& from, const std::optional<QDate>& to); // inclusive
    void setSearchText(const QString& text);
    bool hasFilters() const;

public Q_SLOTS:
    // One refresh round of what is loaded; skipped while another round runs.
    void refresh();
    // Lists the first page again (the filters changed).
    void reload();
    // The next page, if there is one and nothing else is loading.
    void loadMore();
    void clearFilters();
    // Opens the New invoice dialog (or raises the open one).
    NewInvoiceDialog* newInvoice();
    // Asks where to save, then exportCsv.
    void chooseExportFile();
    // Writes every invoice matching the filters, in the table's order, to `path` (RFC 4180).
    void exportCsv(const QString& path);
    // simulate_payment (sandbox): "full", "under", "over" or "expire".
    void simulatePayment(const QString& invoiceId, const QString& outcome);

Q_SIGNALS:
    // A load or refresh round finished (ok or not).
    void roundFinished(bool ok);
    void invoiceCreated(const QString& invoiceId);
    void exported(const QString& path, int count);
    void exportFailed(const QString& message);
    void simulated(const QString& invoiceId, const QString& status);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Round;

    QWidget* buildToolbar();
    void retranslate();
    void loadConfig();
    QJsonObject listArguments() const;
    void startRound(int target, bool append);
    void fetchPage(const std::shared_ptr<Round>& round);
    void finishRound(const std::shared_ptr<Round>& round, const Error& error);
    void fetchAll(QJsonObject arguments, QList<InvoiceItem> items,
        std::function<void(Result<QList<InvoiceItem>>)> done);
    void onResourceUpdated(const QString& uri);
    void readInvoice(const QString& id);
    void onSelectionChanged();
    void onDateChoice();
    void onCreated(const QJsonObject& invoice);
    void onSettingChanged(const QString& name);
    void showError(const QString& text);
    void showFooterMessage(const QString& text);
    void updateState();
    void updateDetail();
    void applyInterval();
    bool matchesFilters(const InvoiceItem& item) const;

    InvoiceTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QComboBox* m_network = nullptr;
    QComboBox* m_date = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QLabel* m_dateDash = nullptr;
    QToolButton* m_clearFilters = nullptr;
    QPushButton* m_new = nullptr;
    QPushButton* m_export = nullptr;
    QToolButton* m_refresh = nullptr;
    QLabel* m_sandboxNote = nullptr;
    QFrame* m_errorBanner = nullptr;
    QLabel* m_errorText = nullptr;
    QPushButton* m_retry = nullptr;
    QSplitter* m_splitter = nullptr;
    QStackedWidget* m_tableStack = nullptr;
    QTableView* m_table = nullptr;
    EmptyState* m_empty = nullptr;
    QLabel* m_footer = nullptr;
    QPushButton* m_loadMore = nullptr;
    InvoiceDetailPane* m_detail = nullptr;
    QFrame* m_detailCard = nullptr;
    QPointer<NewInvoiceDialog> m_dialog;

    QTimer* m_timer = nullptr;
    QTimer* m_soon = nullptr; // coalesces refreshes asked for by change notifications
    std::shared_ptr<Round> m_round;
    QPointer<QObject> m_roundContext;
    QPointer<QObject> m_exportContext;
    int m_generation = 0;
    QString m_nextCursor;
    int m_total = 0;
    bool m_loadedOnce = false;
    bool m_active = false;
    bool m_sandbox = false;
    QString m_error;
    QString m_footerMessage;
    QString m_selectAfterLoad;
    std::optional<QDate> m_fromDate;
    std::optional<QDate> m_toDate;
    qint64 m_updatedAt = 0;
};
