// The Invoices page on a real desktop Runtime (sandbox provider, SQLite in a temporary folder)
// through a LocalBackend: the New invoice dialog and its validation, decimal sorting, filters,
// statuses that change by themselves, simulated payments, CSV export and the QR code.
#include "invoicesgraph.h"

#include "pages/invoicedetailpane.h"
#include "pages/invoicespage.h"
#include "pages/newinvoicedialog.h"
#include "widgets/copyfield.h"
#include "widgets/emptystate.h"
#include "widgets/qrcodewidget.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>

class TestInvoicesPage : public QObject
{
    Q_OBJECT

private:
    // A page on the graph, shown, with its first listing done.
    static std::unique_ptr<InvoicesPage> openPage(InvoicesGraph& g)
    {
        auto page = std::make_unique<InvoicesPage>(*g.context);
        page->resize(1100, 700);
        page->show();
        page->activated();
        if (!QTest::qWaitFor([&]() { return !page->isLoading(); }, 15000))
            return nullptr;
        return page;
    }

    static QStringList column(InvoicesPage& page, int column, int role = InvoiceTableModel::ExactRole)
    {
        QStringList out;
        for (int row = 0; row < page.proxy()->rowCount(); ++row)
            out << page.proxy()->index(row, column).data(role).toString();
        return out;
    }

    static NewInvoiceDialog* openDialog(InvoicesPage& page)
    {
        NewInvoiceDialog* dialog = page.newInvoice();
        if (!dialog || !QTest::qWaitFor([dialog]() { return dialog->networksLoaded(); }, 15000))
            return nullptr;
        return dialog;
    }

    static void typeAmount(NewInvoiceDialog* dialog, const QString& text)
    {
        dialog->amountEdit()->selectAll();
        dialog->amountEdit()->del();
        QTest::keyClicks(dialog->amountEdit(), text);
    }

private Q_SLOTS:
    void emptyStateOffersToCreate()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        auto page = openPage(g);
        QVERIFY(page);
        QVERIFY(page->emptyState()->isVisible());
        QVERIFY(page->emptyState()->text().contains(QLatin1String("No invoices yet")));
        QVERIFY(page->emptyState()->actionButton()->isVisible());
        QTest::mouseClick(page->emptyState()->actionButton(), Qt::LeftButton);
        QVERIFY(page->newInvoiceDialog());
        QVERIFY(page->newInvoiceDialog()->isVisible());
    }

    void createThroughTheDialog()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        auto page = openPage(g);
        QVERIFY(page);
        QVERIFY(page->isSandbox() || QTest::qWaitFor([&]() { return page->isSandbox(); }, 5000));

        NewInvoiceDialog* dialog = openDialog(*page);
        QVERIFY(dialog);
        QVERIFY(!dialog->createButton()->isEnabled());
        QCOMPARE(dialog->networkCombo()->count(), 2); // TRC20 and ERC20, the default wallets
        QCOMPARE(dialog->currencyCombo()->currentText(), QStringLiteral("USD"));
        const QString key = dialog->idempotencyKey();
        QVERIFY(key.startsWith(QLatin1String("desktop-")));

        typeAmount(dialog, QStringLiteral("12.50"));
        QTest::keyClicks(dialog->descriptionEdit(), QStringLiteral("Order 42, two mugs"));
        QVERIFY2(dialog->amountError().isEmpty(), qPrintable(dialog->amountError()));
        QVERIFY(dialog->createButton()->isEnabled());

        QSignalSpy created(page.get(), &InvoicesPage::invoiceCreated);
        // A double click, and Enter on top: one invoice.
        QTest::mouseDClick(dialog->createButton(), Qt::LeftButton);
        dialog->create();
        QVERIFY(dialog->isCreating());
        QVERIFY(!dialog->createButton()->isEnabled());
        QVERIFY(created.wait(15000));
        QCOMPARE(created.count(), 1);
        QTRY_VERIFY(!page->newInvoiceDialog());

        const QString id = created.first().first().toString();
        QVERIFY(id.startsWith(QLatin1String("inv_")));
        QCOMPARE(page->selectedInvoiceId(), id);
        QVERIFY(page->visibleIds().contains(id));
        const QJsonArray all = g.listAll();
        QCOMPARE(all.size(), 1); // the double click made one invoice
        const QJsonObject stored = all.first().toObject();
        QCOMPARE(stored.value(QStringLiteral("idempotency_key")).toString(), key);
        QCOMPARE(stored.value(QStringLiteral("amount_usd")).toString(), QStringLiteral("12.50"));
        QCOMPARE(
            stored.value(QStringLiteral("description")).toString(), QStringLiteral("Order 42, two mugs"));

        const InvoiceItem* row = page->model()->find(id);
        QVERIFY(row);
        QCOMPARE(row->amountUsd, QStringLiteral("12.50"));
        QCOMPARE(row->status, QStringLiteral("pending"));

        // The detail pane: address, payment page, and a QR code of the address.
        InvoiceDetailPane* pane = page->detailPane();
        QCOMPARE(pane->invoiceId(), id);
        const QString address = stored.value(QStringLiteral("address")).toString();
        const QString url = stored.value(QStringLiteral("payment_url")).toString();
        QVERIFY(!address.isEmpty());
        QCOMPARE(pane->findChild<CopyField*>(QStringLiteral("addressField"))->text(), address);
        QCOMPARE(pane->findChild<CopyField*>(QStringLiteral("paymentUrlField"))->text(), url);
        QCOMPARE(pane->qrText(), address);
        int width = 0;
        QCOMPARE(pane->qrCode()->modules(), QrCodeWidget::encode(address, &width));
        QVERIFY(width > 0);
        pane->showAddressCode(false);
        QCOMPARE(pane->qrText(), url);
        QCOMPARE(pane->qrCode()->modules(), QrCodeWidget::encode(url, &width));
        QVERIFY(pane->expiryText().startsWith(QLatin1String("Expires in")));
        // The history arrives with the resource.
        QTRY_VERIFY(!page->model()->find(id)->events.isEmpty());
    }

    void validationShowsErrorsAndCreatesNothing()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        auto page = openPage(g);
        QVERIFY(page);
        NewInvoiceDialog* dialog = openDialog(*page);
        QVERIFY(dialog);

        const QList<QPair<QString, QString>> bad {
            {QStringLiteral("abc"), QStringLiteral("plain number")},
            {QStringLiteral("-1"), QStringLiteral("more than 0")},
            {QStringLiteral("0"), QStringLiteral("more than 0")},
            {QStringLiteral("0.00"), QStringLiteral("more than 0")},
            {QStringLiteral("1.234"), QStringLiteral("at most 2 decimals")},
            {QStringLiteral("1,5"), QStringLiteral("point")},
            {QStringLiteral("1e3"), QStringLiteral("plain number")},
            {QStringLiteral("1000000.01"), QStringLiteral("largest invoice")},
        };
        for (const auto& [text, words] : bad) {
            typeAmount(dialog, text);
            QVERIFY2(dialog->amountError().contains(words),
                qPrintable(text + QStringLiteral(": ") + dialog->amountError()));
            QVERIFY2(!dialog->createButton()->isEnabled(), qPrintable(text));
            QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("amountError"))->isVisible());
            dialog->create(); // Enter or a script: still nothing
            QVERIFY(!dialog->isCreating());
        }

        // The coin allows its own decimals: 6 for USDT, not 7.
        dialog->currencyCombo()->setCurrentIndex(dialog->currencyCombo()->findText(QStringLiteral("USDT")));
        typeAmount(dialog, QStringLiteral("1.1234567"));
        QVERIFY2(dialog->amountError().contains(QLatin1String("at most 6 decimals")),
            qPrintable(dialog->amountError()));
        typeAmount(dialog, QStringLiteral("1.123456"));
        QVERIFY(dialog->amountError().isEmpty());
        QVERIFY(dialog->createButton()->isEnabled());
        // Switching back to USD makes the same text invalid again.
        dialog->currencyCombo()->setCurrentIndex(dialog->currencyCombo()->findText(QStringLiteral("USD")));
        QVERIFY(dialog->amountError().contains(QLatin1String("at most 2 decimals")));

        typeAmount(dialog, QStringLiteral("5"));
        QVERIFY(dialog->createButton()->isEnabled());
        dialog->descriptionEdit()->setText(QString(201, QLatin1Char('x')));
        QVERIFY(dialog->descriptionError().contains(QLatin1String("200 characters")));
        QVERIFY(!dialog->createButton()->isEnabled());
        dialog->descriptionEdit()->setText(QString(200, QLatin1Char('x')));
        QVERIFY(dialog->descriptionError().isEmpty());
        QVERIFY(dialog->createButton()->isEnabled());

        dialog->reject();
        QTRY_VERIFY(!page->newInvoiceDialog());
        QCOMPARE(g.listAll().size(), 0);
    }

    void theKeyChangesOnlyWithTheRequest()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        auto page = openPage(g);
        QVERIFY(page);
        NewInvoiceDialog* dialog = openDialog(*page);
        QVERIFY(dialog);
        const QString first = dialog->idempotencyKey();
        typeAmount(dialog, QStringLiteral("7"));
        QCOMPARE(dialog->idempotencyKey(), first); // nothing was sent yet
        QSignalSpy created(dialog, &NewInvoiceDialog::invoiceCreated);
        dialog->create();
        QVERIFY(created.wait(15000));
        QCOMPARE(
            created.first().first().value<QJsonObject>().value(QStringLiteral("idempotency_key")).toString(),
            first);
        // A second dialog is a second request.
        NewInvoiceDialog* again = openDialog(*page);
        QVERIFY(again);
        QVERIFY(again->idempotencyKey() != first);
    }

    void sortsAmountsAsDecimals()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        for (const char* amount : {"100", "9.5", "10.25"})
            QVERIFY(!g.createInvoice(QLatin1String(amount)).isEmpty());
        auto page = openPage(g);
        QVERIFY(page);
        QCOMPARE(page->proxy()->rowCount(), 3);

        page->table()->sortByColumn(InvoiceTableModel::UsdColumn, Qt::AscendingOrder);
        QCOMPARE(column(*page, InvoiceTableModel::UsdColumn),
            QStringList({QStringLiteral("9.50"), QStringLiteral("10.25"), QStringLiteral("100.00")}));
        page->table()->sortByColumn(InvoiceTableModel::AmountColumn, Qt::AscendingOrder);
        QCOMPARE(column(*page, InvoiceTableModel::AmountColumn),
            QStringList(
                {QStringLiteral("9.500000"), QStringLiteral("10.250000"), QStringLiteral("100.000000")}));
        page->table()->sortByColumn(InvoiceTableModel::AmountColumn, Qt::DescendingOrder);
        QCOMPARE(column(*page, InvoiceTableModel::AmountColumn),
            QStringList(
                {QStringLiteral("100.000000"), QStringLiteral("10.250000"), QStringLiteral("9.500000")}));
        // Shown with the unit, exactly as stored.
        QCOMPARE(page->proxy()->index(0, InvoiceTableModel::AmountColumn).data().toString(),
            QStringLiteral("100.00 USDT"));
        QCOMPARE(page->proxy()->index(0, InvoiceTableModel::AmountColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("100.000000 USDT, asked as 100.00 USD"));

        // Newest first is the default order.
        page->table()->sortByColumn(InvoiceTableModel::CreatedColumn, Qt::DescendingOrder);
        QStringList newestFirst;
        for (const QJsonValue& v : g.listAll())
            newestFirst << v.toObject().value(QStringLiteral("invoice_id")).toString();
        QCOMPARE(page->visibleIds(), newestFirst);
    }

    void filtersByStatusNetworkAndText()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        const QString paid = g.createInvoice(QStringLiteral("20"), QStringLiteral("Paid coffee"));
        const QString pending = g.createInvoice(QStringLiteral("30"), QStringLiteral("Open tea"));
        const QString erc =
            g.createInvoice(QStringLiteral("40"), QStringLiteral("Ethereum cake"), QStringLiteral("ERC20"));
        QCOMPARE(g.simulate(paid, QStringLiteral("full")), QStringLiteral("paid"));
        auto page = openPage(g);
        QVERIFY(page);
        QCOMPARE(page->visibleIds().size(), 3);

        page->setStatusFilter(QStringLiteral("paid"));
        QTRY_VERIFY(!page->isLoading());
        QCOMPARE(page->visibleIds(), QStringList {paid});
        page->setStatusFilter(QStringLiteral("pending"));
        QTRY_VERIFY(!page->isLoading());
        QCOMPARE(page->visibleIds(), QStringList({erc, pending}));
        page->setNetworkFilter(QStringLiteral("ERC20"));
        QTRY_VERIFY(!page->isLoading());
        QCOMPARE(page->visibleIds(), QStringList {erc});
        page->setStatusFilter(QStringLiteral("expired"));
        QTRY_VERIFY(!page->isLoading());
        QVERIFY(page->visibleIds().isEmpty());
        QVERIFY(page->emptyState()->isVisible());
        QVERIFY(page->emptyState()->text().contains(QLatin1String("match")));

        page->clearFilters();
        QTRY_VERIFY(!page->isLoading());
        QCOMPARE(page->visibleIds().size(), 3);
        page->setSearchText(QStringLiteral("TEA"));
        QCOMPARE(page->visibleIds(), QStringList {pending});
        page->setSearchText(paid.mid(4, 8));
        QCOMPARE(page->visibleIds(), QStringList {paid});
        page->setSearchText(QString());

        // Dates: everything was made today.
        const QDate today = QDateTime::currentDateTime().date();
        page->setDateRange(today, today);
        QTRY_VERIFY(!page->isLoading());
        QCOMPARE(page->visibleIds().size(), 3);
        page->setDateRange(today.addDays(-10), today.addDays(-1));
        QTRY_VERIFY(!page->isLoading());
        QVERIFY(page->visibleIds().isEmpty());
    }

    void statusChangesByItself()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        auto page = openPage(g);
        QVERIFY(page);
        QVERIFY(page->visibleIds().isEmpty());

        // An assistant makes an invoice: it shows up without a refresh being asked for.
        const QString id = g.createInvoice(QStringLiteral("15"), QStringLiteral("From the assistant"));
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE(page->visibleIds(), QStringList {id});
        QVERIFY(page->selectInvoice(id));

        // The payer pays (simulated by the assistant): the row and the detail pane follow.
        QCOMPARE(g.simulate(id, QStringLiteral("under")), QStringLiteral("underpaid"));
        QTRY_COMPARE(page->model()->find(id)->status, QStringLiteral("underpaid"));
        QTRY_COMPARE(page->detailPane()->invoice()->status, QStringLiteral("underpaid"));
        const QModelIndex statusCell = page->proxy()->index(0, InvoiceTableModel::StatusColumn);
        QCOMPARE(statusCell.data().toString(), QStringLiteral("Underpaid"));
        QCOMPARE(page->model()->find(id)->paidAmount, QStringLiteral("7.500000"));
        QTRY_VERIFY(page->model()->find(id)->events.size() >= 2);

        // The same through the page's own Simulate payment button.
        QPushButton* simulate = page->detailPane()->simulateButton();
        QVERIFY(simulate->isVisibleTo(page.get()));
        QAction* full = simulate->menu()->findChild<QAction*>(QStringLiteral("simulate_full"));
        QVERIFY(full);
        QSignalSpy simulated(page.get(), &InvoicesPage::simulated);
        full->trigger();
        QVERIFY(simulated.wait(15000));
        QCOMPARE(simulated.first().at(1).toString(), QStringLiteral("paid"));
        QTRY_COMPARE(page->model()->find(id)->status, QStringLiteral("paid"));
        QVERIFY(page->detailPane()->message().contains(QLatin1String("Paid")));
        QVERIFY(!page->detailPane()->simulateButton()->isVisibleTo(page.get())); // settled
        QCOMPARE(g.listAll().first().toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("paid"));

        // A hidden page does not work in the background; it catches up when shown again.
        page->deactivated();
        const QString later = g.createInvoice(QStringLiteral("16"));
        QVERIFY(!page->visibleIds().contains(later));
        page->activated();
        QTRY_VERIFY(page->visibleIds().contains(later));
    }

    void refreshRoundsDoNotOverlap()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        QVERIFY(!g.createInvoice(QStringLiteral("1")).isEmpty());
        auto page = openPage(g);
        QVERIFY(page);
        QSignalSpy rounds(page.get(), &InvoicesPage::roundFinished);
        page->refresh();
        QVERIFY(page->isLoading());
        page->refresh(); // skipped: one round runs
        page->refresh();
        QVERIFY(rounds.wait(15000));
        // The skipped calls were not queued behind it: nothing runs now.
        QVERIFY(!page->isLoading());
        QCOMPARE(rounds.count(), 1);
        QCOMPARE(page->visibleIds().size(), 1);
    }

    void pagesThroughTheCursor()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        const int count = InvoicesPage::kPageSize + 7;
        for (int i = 1; i <= count; ++i)
            QVERIFY(!g.createInvoice(QString::number(i)).isEmpty());
        auto page = openPage(g);
        QVERIFY(page);
        QCOMPARE(page->model()->rowCount(), InvoicesPage::kPageSize);
        QCOMPARE(page->total(), count);
        QVERIFY(page->hasMore());
        QVERIFY(page->footerText().contains(
            QStringLiteral("Showing %1 of %2").arg(InvoicesPage::kPageSize).arg(count)));
        // Scrolling to the bottom loads the rest.
        page->table()->scrollToBottom();
        QTRY_COMPARE(page->model()->rowCount(), count);
        QVERIFY(!page->hasMore());
        // A refresh keeps everything that was loaded.
        QSignalSpy rounds(page.get(), &InvoicesPage::roundFinished);
        page->refresh();
        QVERIFY(rounds.wait(15000));
        QCOMPARE(page->model()->rowCount(), count);
    }

    void exportsCsvExactly()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        const QString a = g.createInvoice(QStringLiteral("9.5"), QStringLiteral("Mugs, \"blue\""));
        const QString b = g.createInvoice(QStringLiteral("0.000001"), QStringLiteral("=1+1"),
            QStringLiteral("ERC20"), QStringLiteral("USDT"));
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        QCOMPARE(g.simulate(a, QStringLiteral("full")), QStringLiteral("paid"));
        auto page = openPage(g);
        QVERIFY(page);
        page->table()->sortByColumn(InvoiceTableModel::AmountColumn, Qt::AscendingOrder);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("invoices.csv"));
        QSignalSpy exported(page.get(), &InvoicesPage::exported);
        page->exportCsv(path);
        QVERIFY(exported.wait(15000));
        QCOMPARE(exported.first().at(1).toInt(), 2);
        QVERIFY(page->footerText().contains(QLatin1String("exported 2 invoices")));

        QHash<QString, QJsonObject> stored;
        for (const QJsonValue& v : g.listAll())
            stored.insert(v.toObject().value(QStringLiteral("invoice_id")).toString(), v.toObject());
        const auto iso = [](const QJsonValue& ms) -> QString {
            return ms.isDouble()
                ? QDateTime::fromMSecsSinceEpoch(qint64(ms.toDouble()), Qt::UTC).toString(Qt::ISODateWithMs)
                : QString();
        };
        const auto line = [&](const QString& id, const QString& description) -> QString {
            const QJsonObject o = stored.value(id);
            const auto s = [&o](const char* key) {
                return o.value(QLatin1String(key)).toString();
            };
            return QStringList {id, s("status"), s("network"), s("coin"), s("ticker"), s("currency"),
                       s("amount"), s("amount_usd"), s("amount_coin"), s("paid_amount"),
                       s("remaining_amount"), description, s("address"), s("payment_url"), s("client"),
                       iso(o.value(QStringLiteral("created_at"))), iso(o.value(QStringLiteral("updated_at"))),
                       iso(o.value(QStringLiteral("expires_at"))), iso(o.value(QStringLiteral("paid_at")))}
                       .join(QLatin1Char(','))
                + QStringLiteral("\r\n");
        };
        // In the table's order: smallest amount first.
        const QString expected =
            QStringLiteral("invoice_id,status,network,coin,ticker,currency,amount,amount_usd,"
                           "amount_coin,paid_amount,remaining_amount,description,address,payment_url,"
                           "client,created_at,updated_at,expires_at,paid_at\r\n")
            + line(b, QStringLiteral("'=1+1")) + line(a, QStringLiteral("\"Mugs, \"\"blue\"\"\""));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        const QStringList got = QString::fromUtf8(written).split(QStringLiteral("\r\n"));
        const QStringList want = expected.split(QStringLiteral("\r\n"));
        QCOMPARE(got.size(), want.size());
        for (int i = 0; i < got.size(); ++i)
            QCOMPARE(got.at(i), want.at(i));
        QVERIFY(written.contains(",0.000001,"));
        QVERIFY(written.contains(",9.50,"));
        QCOMPARE(stored.value(a).value(QStringLiteral("status")).toString(), QStringLiteral("paid"));

        // The filters apply to the export too.
        page->setStatusFilter(QStringLiteral("paid"));
        QTRY_VERIFY(!page->isLoading());
        exported.clear();
        page->exportCsv(path);
        QVERIFY(exported.wait(15000));
        QCOMPARE(exported.first().at(1).toInt(), 1);
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll().count("\r\n"), 2);
    }

    void errorsAreShownInPlace()
    {
        InvoicesGraph g;
        QVERIFY(g.waitForDatabase());
        auto page = openPage(g);
        QVERIFY(page);
        // A network the server does not have: list_invoices refuses it, and the page says so.
        QSignalSpy rounds(page.get(), &InvoicesPage::roundFinished);
        page->setNetworkFilter(QStringLiteral("DOGE"));
        QTRY_COMPARE(rounds.count(), 1);
        QCOMPARE(rounds.first().first().toBool(), false);
        QVERIFY(page->errorText().contains(QLatin1String("could not be loaded")));
        QVERIFY(page->findChild<QWidget*>(QStringLiteral("errorBanner"))->isVisible());
        page->clearFilters();
        QTRY_VERIFY(page->errorText().isEmpty());
        QVERIFY(!page->findChild<QWidget*>(QStringLiteral("errorBanner"))->isVisible());
    }
};

QTEST_MAIN(TestInvoicesPage)
#include "tst_invoicespage.moc"
