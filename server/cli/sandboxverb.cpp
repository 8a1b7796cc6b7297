#include "cli/sandboxverb.h"

#include "cli/verbs.h"
#include "config/settings.h"
#include "payments/invoicejson.h"
#include "payments/paymentsconfig.h"
#include "payments/sandboxledger.h"
#include "storage/database.h"
#include "storage/databaseconfig.h"
#include "storage/invoicerepository.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace
{

const char* kSandboxHelp =
    "Usage: finagent sandbox <action> [options]\n\n"
    "Plays the payer for invoices of the sandbox provider (FinAgent's default, where no real money "
    "moves).\n\n"
    "Actions:\n"
    "  pay <invoice-id>            pay what the invoice still owes (it becomes paid)\n"
    "      --under AMOUNT          pay only AMOUNT, less than owed (underpaid)\n"
    "      --over AMOUNT           pay AMOUNT, more than owed (overpaid)\n"
    "      --expire                pay nothing; the invoice expires now\n"
    "  list                        list invoices, newest first\n"
    "      --status STATUS         only pending, paid, underpaid, overpaid, expired or cancelled ones\n"
    "      --limit N               at most N (default 20, at most 200)\n"
    "      --json                  print JSON instead of a table\n\n"
    "AMOUNT is in the invoice's coin (USDT), like 5 or 2.50. The database is the one FinAgent uses\n"
    "(DATABASE_URL, or finagent.db in the data folder); a running FinAgent shows the change within "
    "seconds.\n";

using Verbs::err;
using Verbs::out;

int fail(const QString& message, int code = 1)
{
    err() << QStringLiteral("finagent sandbox: %1\n").arg(message);
    err().flush();
    return code;
}

Result<DatabaseConfig> databaseConfig(const Settings& settings)
{
    const QString defaultPath = QDir(settings.dataDir()).filePath(QStringLiteral("finagent.db"));
    return DatabaseConfig::fromUrl(settings.string(QStringLiteral("storage.database_url")), defaultPath);
}

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

int pay(Database& db, const NetworkCatalog& networks, const QCommandLineParser& parser, const QString& id)
{
    const bool under = parser.isSet(QStringLiteral("under"));
    const bool over = parser.isSet(QStringLiteral("over"));
    const bool expire = parser.isSet(QStringLiteral("expire"));
    if (int(under) + int(over) + int(expire) > 1)
        return fail(QStringLiteral("give at most one of --under, --over and --expire."), 2);
    SandboxLedger::Outcome outcome = SandboxLedger::Outcome::Full;
    QString amount;
    if (under) {
        outcome = SandboxLedger::Outcome::Under;
        amount = parser.value(QStringLiteral("under"));
    } else if (over) {
        outcome = SandboxLedger::Outcome::Over;
        amount = parser.value(QStringLiteral("over"));
    } else if (expire) {
        outcome = SandboxLedger::Outcome::Expire;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Result<SandboxLedger::Simulation> sim =
        db.runBlocking<SandboxLedger::Simulation>([&](QSqlDatabase& c) {
            return SandboxLedger::simulateJob(c, networks, id, outcome, amount.trimmed(), now);
        });
    if (!sim)
        return fail(sim.error().message);
    const InvoiceRecord& after = sim.value().after;
    const PaymentNetwork network = SandboxLedger::networkOf(networks, after);
    out() << QStringLiteral("Invoice %1: %2 -> %3").arg(after.id, sim.value().before.status, after.status);
    if (!sim.value().paymentAmount.isEmpty())
        out() << QStringLiteral(" (simulated payment of %1 %2; paid %3 of %4 %2 on %5)")
                     .arg(sim.value().paymentAmount, network.ticker, after.paidAmount,
                         after.amountCoin.value_or(QStringLiteral("?")), network.network);
    out() << QStringLiteral(".\n");
    out().flush();
    return 0;
}

int list(Database& db, const NetworkCatalog& networks, const QCommandLineParser& parser)
{
    InvoiceFilter filter;
    filter.limit = 20;
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        filter.limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || filter.limit < 1 || filter.limit > InvoiceFilter::kMaxLimit)
            return fail(
                QStringLiteral("--limit must be a number from 1 to %1.").arg(InvoiceFilter::kMaxLimit), 2);
    }
    if (parser.isSet(QStringLiteral("status"))) {
        const QString status = parser.value(QStringLiteral("status")).trimmed().toLower();
        if (!InvoiceRecord::statuses().contains(status))
            return fail(QStringLiteral("--status must be one of %1.")
                            .arg(InvoiceRecord::statuses().join(QStringLiteral(", "))),
                2);
        filter.statuses = {status};
    }
    const Result<InvoicePage> page = db.runBlocking<InvoicePage>(
        [&filter](QSqlDatabase& c) { return InvoiceRepository::listJob(c, filter); });
    if (!page)
        return fail(page.error().message);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray items;
        for (const InvoiceRecord& r : page.value().items)
            items.append(InvoiceJson::invoice(r, networks));
        out() << QString::fromUtf8(QJsonDocument(
            QJsonObject {{QStringLiteral("invoices"), items}, {QStringLiteral("total"), page.value().total}})
                                       .toJson(QJsonDocument::Indented));
        out().flush();
        return 0;
    }
    if (page.value().items.isEmpty()) {
        out() << QStringLiteral("No invoices.\n");
        out().flush();
        return 0;
    }
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                 .arg(QStringLiteral("ID"), -21)
                 .arg(QStringLiteral("PROVIDER"), -12)
                 .arg(QStringLiteral("STATUS"), -10)
                 .arg(QStringLiteral("NETWORK"), -8)
                 .arg(QStringLiteral("AMOUNT"), -20)
                 .arg(QStringLiteral("PAID"), -14)
                 .arg(QStringLiteral("CREATED (UTC)"));
    for (const InvoiceRecord& r : page.value().items) {
        const PaymentNetwork network = SandboxLedger::networkOf(networks, r);
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                     .arg(r.id, -21)
                     .arg(r.provider, -12)
                     .arg(r.status, -10)
                     .arg(r.network, -8)
                     .arg(r.amountCoin.value_or(QString()) + QLatin1Char(' ') + network.ticker, -20)
                     .arg(r.paidAmount, -14)
                     .arg(when(r.createdAt));
    }
    if (page.value().total > page.value().items.size())
        out() << QStringLiteral("(%1 of %2 shown; use --limit or --status)\n")
                     .arg(page.value().items.size())
                     .arg(page.value().total);
    out().flush();
    return 0;
}

} // namespace

namespace Verbs
{

int sandbox(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("under"), QString(), QStringLiteral("amount")));
    parser.addOption(QCommandLineOption(QStringLiteral("over"), QString(), QStringLiteral("amount")));
    parser.addOption(QCommandLineOption(QStringLiteral("expire")));
    parser.addOption(QCommandLineOption(QStringLiteral("status"), QString(), QStringLiteral("status")));
    parser.addOption(QCommandLineOption(QStringLiteral("limit"), QString(), QStringLiteral("n")));
    parser.addOption(QCommandLineOption(QStringLiteral("json")));
    if (!parse(parser, args, QStringLiteral("sandbox")))
        return 2;
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("help")) || positional.isEmpty()) {
        (positional.isEmpty() && !parser.isSet(QStringLiteral("help")) ? err() : out())
            << QString::fromUtf8(kSandboxHelp);
        out().flush();
        err().flush();
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    }
    const QString action = positional.first();
    if (action == QLatin1String("pay") && positional.size() != 2)
        return fail(QStringLiteral("pay needs exactly one invoice id: finagent sandbox pay inv_..."), 2);
    if (action == QLatin1String("list") && positional.size() != 1)
        return fail(QStringLiteral("list takes no arguments besides its options."), 2);
    if (action != QLatin1String("pay") && action != QLatin1String("list"))
        return fail(QStringLiteral("unknown action \"%1\"; use pay or list (see `finagent sandbox --help`).")
                        .arg(action),
            2);

    Settings settings;
    if (!applyCommonOptions(parser, settings))
        return 2;
    const Result<DatabaseConfig> config = databaseConfig(settings);
    if (!config)
        return fail(config.error().message);
    Database db(config.value());
    const Result<void> opened = db.openBlocking();
    if (!opened)
        return fail(opened.error().message);
    const NetworkCatalog networks = PaymentsConfig::fromSettings(settings).networks;
    if (action == QLatin1String("pay"))
        return pay(db, networks, parser, positional.at(1).trimmed());
    return list(db, networks, parser);
}

} // namespace Verbs
