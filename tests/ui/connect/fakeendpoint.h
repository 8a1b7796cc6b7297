#pragma once

#include "uicontext.h"

#include <QStringList>
#include <QUrl>

// A LocalEndpointInfo whose state the test sets: serving or not, URL and token.
class FakeEndpoint : public LocalEndpointInfo
{
    Q_OBJECT
public:
    using LocalEndpointInfo::LocalEndpointInfo;

    bool isServing() const override { return serving; }
    QUrl mcpUrl() const override { return url; }
    QString lastError() const override { return QString(); }
    QString token() const override { return currentToken; }
    QStringList sessionClients() const override { return {}; }
    void start() override
    {
        serving = true;
        Q_EMIT stateChanged();
    }
    void stop() override
    {
        serving = false;
        Q_EMIT stateChanged();
    }
    void regenerateToken() override
    {
        currentToken += QStringLiteral("-new");
        Q_EMIT stateChanged();
    }

    bool serving = true;
    QUrl url = QUrl(QStringLiteral("http://127.0.0.1:8765/mcp"));
    QString currentToken = QStringLiteral("ui-token-0c5d8e2f9a174b36a8e1d4c7f2b90e63");
};
