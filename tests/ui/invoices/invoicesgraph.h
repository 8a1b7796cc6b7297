#pragma once

#include "../connect/fakeendpoint.h"
#include "../connect/memorystore.h"
#include "backend/localbackend.h"
#include "config/settings.h"
#include "protocol/mcpregistry.h"
#include "runtime/runtime.h"
#include "testenv.h"
#include "uicontext.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

// The desktop graph the Invoices page runs on: a Runtime in desktop mode (payments on the sandbox
// provider, SQLite in a temporary data folder), a LocalBackend over its registry and the UiContext.
// Tool calls made by the test go through the same Backend as the page's, as an assistant's would.
class InvoicesGraph
{
public:
    InvoicesGraph()
    {
        env.unset("DATABASE_URL");
        env.unset("FINAGENT_PAYMENT_PROVIDER");
        env.unset("FINAGENT_WALLETS");
        settings = std::make_unique<Settings>(env.configDir());
        settings->setOverride(QStringLiteral("http.port"), 0);
        settings->setOverride(QStringLiteral("ui.invoice_refresh_ms"), 60000);
        runtime =
            std::make_unique<Runtime>(*settings, Runtime::Options {Runtime::Mode::Desktop, false, &secrets});
        runtime->registry().tools().setStrictOutput(true);
        backend = std::make_unique<LocalBackend>(runtime->registry());
        context = std::make_unique<UiContext>(*backend, *settings, secrets, endpoint);
    }

    ~InvoicesGraph()
    {
        context.reset();
        backend.reset();
        runtime.reset();
    }

    bool waitForDatabase()
    {
        if (runtime->databaseReady())
            return true;
        QSignalSpy opened(runtime.get(), &Runtime::databaseOpened);
        return opened.wait(15000) && opened.first().first().toBool();
    }

    // A tool call through the Backend, waited for with the event loop running.
    ToolOutcome call(const QString& tool, const QJsonObject& arguments)
    {
        ToolOutcome result;
        bool done = false;
        QObject ctx;
        backend->callTool(tool, arguments, &ctx, [&](ToolOutcome out) {
            result = out;
            done = true;
        });
        if (!QTest::qWaitFor([&]() { return done; }, 15000))
            result.error = Error(QStringLiteral("timeout"), QStringLiteral("%1 did not answer").arg(tool));
        return result;
    }

    // Makes an invoice as an assistant would; returns its id (empty on failure).
    QString createInvoice(const QString& amount, const QString& description = QString(),
        const QString& network = QStringLiteral("TRC20"), const QString& currency = QStringLiteral("USD"))
    {
        QJsonObject args {{QStringLiteral("amount"), amount}, {QStringLiteral("network"), network},
            {QStringLiteral("currency"), currency}};
        if (!description.isEmpty())
            args.insert(QStringLiteral("description"), description);
        const ToolOutcome out = call(QStringLiteral("create_payment"), args);
        return out.ok ? out.structured.value(QStringLiteral("invoice_id")).toString() : QString();
    }

    QString simulate(const QString& id, const QString& outcome)
    {
        const ToolOutcome out = call(QStringLiteral("simulate_payment"),
            {{QStringLiteral("invoice_id"), id}, {QStringLiteral("outcome"), outcome}});
        return out.ok ? out.structured.value(QStringLiteral("status")).toString() : out.error.message;
    }

    QJsonArray listAll()
    {
        const ToolOutcome out = call(QStringLiteral("list_invoices"), {{QStringLiteral("limit"), 200}});
        return out.structured.value(QStringLiteral("invoices")).toArray();
    }

    TestEnv env;
    std::unique_ptr<Settings> settings;
    MemoryStore secrets;
    FakeEndpoint endpoint;
    std::unique_ptr<Runtime> runtime;
    std::unique_ptr<LocalBackend> backend;
    std::unique_ptr<UiContext> context;
};
