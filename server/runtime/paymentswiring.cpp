#include "runtime/wiring.h"

#include "payments/invoiceservice.h"
#include "payments/paymentsmodule.h"
#include "runtime/healthmonitor.h"
#include "runtime/runtime.h"
#include "transport/httpendpoint.h"

void wirePayments(Runtime& runtime)
{
    auto* payments = new PaymentsModule(runtime.database(), runtime.network(), runtime.secrets(),
        PaymentsConfig::fromSettings(runtime.settings()), &runtime);
    payments->setObjectName(QStringLiteral("payments"));
    payments->registerTools(runtime.registry());
    runtime.health().addProbe(
        QStringLiteral("payments"),
        [payments](QObject* ctx, std::function<void(SubsystemHealth)> done) {
            payments->probe(ctx, std::move(done));
        },
        QStringLiteral("degraded"));

    // Refreshing and watching for other processes' changes start once the database is open.
    QObject::connect(&runtime, &Runtime::databaseOpened, payments, [payments](bool ok) {
        if (ok)
            payments->service().start();
    });
    const bool serve = runtime.mode() == Runtime::Mode::Serve;
    QObject::connect(&runtime, &Runtime::httpStarted, payments,
        [payments, serve](HttpEndpoint* endpoint) { payments->addRoutes(*endpoint, serve); });
}
