#pragma once

#include "backend/localbackend.h"
#include "config/settings.h"
#include "fakesecretstore.h"
#include "localendpoint.h"
#include "runtime/runtime.h"
#include "uicontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

// The desktop object graph without the window, as DesktopShell builds it, around an in-memory
// secret store and a free port. Build it after the test's TestEnv, so the settings use its folders.
class TestGraph
{
public:
    TestGraph()
        : runtime(settings, Runtime::Options {Runtime::Mode::Desktop, false, &secrets})
        , backend(runtime.registry())
        , endpoint(runtime, secrets)
        , context(backend, settings, secrets, endpoint)
    {
        settings.setValue(QStringLiteral("http.port"), 0);
    }

    Settings settings;
    FakeSecretStore secrets;
    Runtime runtime;
    LocalBackend backend;
    LocalEndpoint endpoint;
    UiContext context;
};

// Opens an MCP session on the endpoint over HTTP, as an AI client would: POST initialize with the
// bearer token. The reply finishes once the server answered.
inline QNetworkReply* openMcpSession(
    QNetworkAccessManager& network, const QUrl& mcpUrl, const QString& token, const QString& clientName)
{
    QNetworkRequest request(mcpUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json, text/event-stream");
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    const QJsonObject params {{QStringLiteral("protocolVersion"), QStringLiteral("2025-06-18")},
        {QStringLiteral("capabilities"), QJsonObject()},
        {QStringLiteral("clientInfo"),
            QJsonObject {
                {QStringLiteral("name"), clientName}, {QStringLiteral("version"), QStringLiteral("1.0")}}}};
    const QJsonObject body {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("id"), 1},
        {QStringLiteral("method"), QStringLiteral("initialize")}, {QStringLiteral("params"), params}};
    return network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

// Sends one more JSON-RPC message in an open session (the Mcp-Session-Id of the initialize reply).
inline QNetworkReply* postMcp(QNetworkAccessManager& network, const QUrl& mcpUrl, const QString& token,
    const QByteArray& sessionId, const QJsonObject& message)
{
    QNetworkRequest request(mcpUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json, text/event-stream");
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setRawHeader("Mcp-Session-Id", sessionId);
    request.setRawHeader("MCP-Protocol-Version", "2025-06-18");
    return network.post(request, QJsonDocument(message).toJson(QJsonDocument::Compact));
}
