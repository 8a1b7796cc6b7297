#pragma once

#include "protocol/mcpregistry.h"
#include "protocol/mcpserver.h"
#include "security/accesspolicy.h"
#include "transport/httpendpoint.h"
#include "transport/mcphttpservice.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>

#include <functional>
#include <memory>

// One HTTP response as a raw client sees it.
struct HttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; // de-chunked
    bool chunked = false;
    bool complete = false;

    QByteArray header(const QByteArray& name) const; // case-insensitive, first match
    int headerCount(const QByteArray& name) const;
    QJsonObject json() const;
};

// Parses the response at the start of `data`. Returns the bytes it took when the response is
// complete, else 0 (with `out` holding what is known so far: status, headers, body so far).
qsizetype parseHttpResponse(const QByteArray& data, HttpResponse* out);

// One Server-Sent Event.
struct SseEvent
{
    QByteArray id;
    QByteArray event;
    QByteArray data;
    QByteArray comment;
    bool hasId = false;
    QJsonObject json() const;
};
QList<SseEvent> parseSse(const QByteArray& body);

// A client on a raw QTcpSocket, for requests no well-behaved HTTP library would send.
class RawClient
{
public:
    explicit RawClient(quint16 port);
    bool connectToServer(int timeoutMs = 5000);
    void send(const QByteArray& bytes);
    // The next complete response (1xx interim answers count as responses).
    bool waitForResponse(HttpResponse* out, int timeoutMs = 5000);
    // The response being received now, complete or not, once `done` says it has enough.
    bool waitForPartial(
        HttpResponse* out, const std::function<bool(const HttpResponse&)>& done, int timeoutMs = 5000);
    // Until the raw bytes received (and not yet parsed) satisfy `done`.
    bool waitForRaw(const std::function<bool(const QByteArray&)>& done, int timeoutMs = 5000);
    bool waitForDisconnected(int timeoutMs = 5000);
    bool isConnected() const;
    QByteArray unparsed() const { return m_buffer; }
    QTcpSocket& socket() { return m_socket; }

private:
    void pull();

    quint16 m_port;
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// "GET /path HTTP/1.1" with Host and the given headers; a body gets a Content-Length.
QByteArray rawRequest(const QByteArray& method, const QByteArray& path, quint16 port,
    const QList<QPair<QByteArray, QByteArray>>& headers = {}, const QByteArray& body = {});

// An MCP endpoint on 127.0.0.1 (port chosen by the OS) with small limits, a bearer token and a
// few test tools, built the way Runtime builds it.
class TestServer
{
public:
    static HttpLimits smallLimits();
    static QByteArray token() { return "test-token-0123456789abcdef"; }

    explicit TestServer(HttpLimits limits = smallLimits(), McpHttpService::Config service = {},
        AccessPolicy::Config access = {});
    ~TestServer();

    bool listening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QByteArray host() const; // "127.0.0.1:<port>"
    QByteArray origin() const; // "http://127.0.0.1:<port>"
    QUrl mcpUrl() const;

    McpRegistry& registry() { return *m_registry; }
    McpServer& server() { return *m_server; }
    HttpEndpoint& endpoint() { return *m_endpoint; }
    McpHttpService& service() { return *m_service; }

    // Calls of the "slow" tool that have not been answered yet.
    QList<QPointer<McpCall>> slowCalls;
    QPointer<QObject> lastSlowContext;

private:
    McpRegistry* m_registry = nullptr;
    McpServer* m_server = nullptr;
    HttpEndpoint* m_endpoint = nullptr;
    McpHttpService* m_service = nullptr;
    quint16 m_port = 0;
};

// The headers every response must carry.
bool hasSecurityHeaders(const HttpResponse& r, QByteArray* missing = nullptr);
