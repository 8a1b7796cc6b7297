// Test helper for tst_storage_multiprocess: one of several processes writing to the same SQLite
// file at once. Waits for a line on stdin (so all start together), opens the database (racing
// the others through the migrations), inserts <count> invoices, then tries to create the invoice
// with the shared idempotency key. Prints "shared-created" if this process created it.
//
//   finagent_storage_writer <db path> <id prefix> <count>

#include "storage/database.h"
#include "storage/invoicerepository.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

#include <cstdio>
#include <iostream>
#include <string>

namespace
{

InvoiceRecord invoice(const QString& id, qint64 now)
{
    InvoiceRecord r;
    r.id = id;
    r.provider = QStringLiteral("sandbox");
    r.network = QStringLiteral("TRC20");
    r.coin = QStringLiteral("USDTTRC20");
    r.amountUsd = QStringLiteral("1.00");
    r.amountCurrency = QStringLiteral("USD");
    r.client = QStringLiteral("multiprocess-test");
    r.createdAt = now;
    r.updatedAt = now;
    r.expiresAt = now + 3'600'000;
    return r;
}

int fail(int code, const QString& what, const Error& error)
{
    std::fprintf(stderr, "%s: %s: %s\n", qPrintable(what), qPrintable(error.code), qPrintable(error.message));
    return code;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: finagent_storage_writer <db path> <id prefix> <count>\n");
        return 64;
    }
    const QString prefix = args.at(2);
    const int count = args.at(3).toInt();

    std::string go;
    std::getline(std::cin, go);

    Database db(DatabaseConfig::sqlite(args.at(1)));
    const Result<void> opened = db.openBlocking();
    if (!opened)
        return fail(2, QStringLiteral("open"), opened.error());

    for (int i = 0; i < count; ++i) {
        const InvoiceRecord r = invoice(prefix + QString::number(i), QDateTime::currentMSecsSinceEpoch());
        const Result<CreateInvoiceResult> made = db.runBlocking<CreateInvoiceResult>(
            [r](QSqlDatabase& c) { return InvoiceRepository::createJob(c, r); });
        if (!made)
            return fail(3, QStringLiteral("create ") + r.id, made.error());
    }

    InvoiceRecord shared = invoice(prefix + QStringLiteral("shared"), 1'700'000'000'000);
    shared.idempotencyKey = QStringLiteral("shared-order");
    shared.requestHash = QStringLiteral("same-request");
    const Result<CreateInvoiceResult> made = db.runBlocking<CreateInvoiceResult>(
        [shared](QSqlDatabase& c) { return InvoiceRepository::createJob(c, shared); });
    if (!made)
        return fail(4, QStringLiteral("create shared"), made.error());
    if (made.value().created)
        std::printf("shared-created\n");
    return 0;
}
