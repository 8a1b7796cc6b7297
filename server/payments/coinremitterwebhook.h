#pragma once

#include <QObject>

#include <memory>

class HttpExchange;
class InvoiceService;
struct HttpRequest;

// POST /webhooks/coinremitter (serve mode, a public route). CoinRemitter's callbacks carry no
// signature, so nothing in the body is believed: only its invoice_id is read, the invoice is
// looked up by that provider id (unknown: 200 {"status":"ignored"}, no change), and its state
// is taken from CoinRemitter's own /invoice/get. Replays change nothing; garbage gets a 400,
// never a 500. Answers name no invoice, so the route tells a stranger nothing.
class CoinRemitterWebhook : public QObject
{
    Q_OBJECT
public:
    explicit CoinRemitterWebhook(InvoiceService& service, QObject* parent = nullptr);

    static QString path() { return QStringLiteral("/webhooks/coinremitter"); }
    void handle(const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange);

private:
    InvoiceService& m_service;
};
