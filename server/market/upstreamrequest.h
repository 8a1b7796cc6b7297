#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>
#include <QUrl>

// One idempotent GET to a market data provider, as the fetcher runs it.
struct UpstreamRequest
{
    QString provider; // budget and statistics bucket: "binance", "binance_futures", "coingecko"
    QString endpoint; // statistics label: "ticker/price"
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers; // may hold an API key: never logged
    int weight = 1; // cost against the provider's per-minute budget
    qint64 ttlMs = 0; // how long an answer stays fresh in the cache
    QString cacheKey; // endpoint and canonical parameters; never holds a secret
    int timeoutMs = 10000;
};

// What came back for an UpstreamRequest.
struct UpstreamReply
{
    int status = 0; // HTTP status; 0 when no HTTP answer arrived
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;
    bool timedOut = false;
    qint64 elapsedMs = 0;
    int timeoutMs = 0;

    QByteArray header(const QByteArray& lowerCaseName) const { return headers.value(lowerCaseName); }
    bool isHttpSuccess() const { return status >= 200 && status < 300; }
};
