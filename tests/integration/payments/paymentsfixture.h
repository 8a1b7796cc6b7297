#pragma once

#include "fakecoinremitter.h"
#include "inprocessclient.h"
#include "payments/paymentsmodule.h"
#include "protocol/mcpregistry.h"
#include "protocol/mcpserver.h"
#include "storage/database.h"
#include "walletsecrets.h"

#include <QJsonObject>
#include <QNetworkAccessManager>

#include <memory>

class HttpEndpoint;
class InvoiceService;

// The payments object graph of the app on one database: a PaymentsModule (sandbox, or
// CoinRemitter pointed at a FakeCoinRemitter) with a hand-driven clock, its tools in a registry
// with strict output checking, an McpServer and an in-process client. Several fixtures may
// share one database, like several FinAgent processes.
class PaymentsFixture
{
public:
    struct Options
    {
        QString provider = QStringLiteral("sandbox");
        QStringList wallets {QStringLiteral("USDTTRC20"), QStringLiteral("USDTERC20")};
        int refreshIntervalMs = 30000; // background timers stay idle unless start() is called
        int changePollIntervalMs = 2000;
        QString publicUrl;
        FakeCoinRemitter* fake = nullptr; // needed for the CoinRemitter provider
        qint64 clock = 0; // 0: the current time
    };

    PaymentsFixture(const DatabaseConfig& database, const Options& options);
    ~PaymentsFixture();

    bool ok() const { return m_ok; }
    InvoiceService& service();
    PaymentsModule& module() { return *payments; }

    QJsonObject call(const QString& tool, const QJsonObject& arguments = {});
    // The structured result of a successful call, or a test failure message in `error`.
    QJsonObject createPayment(const QJsonObject& arguments);

    void advance(qint64 ms) { clock += ms; }
    // One refresh round, waited for.
    bool refresh();
    // Serves the payment page (and the webhook) on 127.0.0.1 with no auth.
    HttpEndpoint* startHttp(bool webhook);

    Options options;
    qint64 clock = 0;
    std::unique_ptr<Database> db;
    QNetworkAccessManager nam;
    WalletSecrets secrets;
    std::unique_ptr<PaymentsModule> payments;
    McpRegistry registry;
    std::unique_ptr<McpServer> server;
    std::unique_ptr<InProcessClient> client;
    std::unique_ptr<HttpEndpoint> http;

private:
    bool m_ok = false;
};

// structuredContent of a tool result (empty for errors).
QJsonObject structured(const QJsonObject& result);
bool isError(const QJsonObject& result);
QString errorCode(const QJsonObject& result); // "invalid_amount", from "... [invalid_amount]"
QString errorText(const QJsonObject& result); // the first text block
QJsonObject errorDetails(const QJsonObject& result);
