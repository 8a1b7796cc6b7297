#pragma once

#include <QByteArray>
#include <QObject>

#include <memory>

class HttpExchange;
class InvoiceService;
class NetworkCatalog;
struct HttpRequest;
struct InvoiceRecord;

// The sandbox's payment page, GET <endpoint>/sandbox/pay/<invoice id>: a small read-only HTML
// page with the amount, network, address and status of a sandbox invoice and how to simulate
// its payment. A public route (the id is unguessable); everything shown is escaped, and the
// page has its own strict Content-Security-Policy that allows inline styles and nothing else.
class SandboxPage : public QObject
{
    Q_OBJECT
public:
    explicit SandboxPage(InvoiceService& service, QObject* parent = nullptr);

    // The route for HttpEndpoint::addRoute: the page path followed by an invoice id.
    static QString routePattern();
    static QByteArray contentSecurityPolicy();
    static QByteArray render(const InvoiceRecord& invoice, const NetworkCatalog& networks, qint64 nowMs);

    void handle(const HttpRequest& request, const std::shared_ptr<HttpExchange>& exchange);

private:
    InvoiceService& m_service;
};
