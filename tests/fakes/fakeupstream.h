#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

Q_DECLARE_LOGGING_CATEGORY(lcFakes)

// One request as the fake received it. Header names are lower case; a header sent twice keeps
// both values joined with ", ".
struct RecordedRequest
{
    QString method; // "GET", "POST", ...
    QString path; // decoded path, e.g. "/api/v3/ticker/price"
    QUrlQuery query;
    QMap<QByteArray, QByteArray> headers;
    QByteArray body;
    qint64 atMs = 0; // fake clock when received

    // Fully decoded query value, or a null QString when the parameter is absent.
    QString queryValue(const QString& name) const;
    bool hasQuery(const QString& name) const { return query.hasQueryItem(name); }
    QByteArray header(const QByteArray& lowerCaseName) const { return headers.value(lowerCaseName); }
};
Q_DECLARE_METATYPE(RecordedRequest)

// Base of the fake upstream servers: a QHttpServer on 127.0.0.1 that records every request,
// can delay, hang, drop or fail answers on demand, and hands the rest to the provider subclass.
// Every request goes through one handler (no routes), so unknown paths and wrong methods get
// the provider's own answers instead of QHttpServer's bare 404.
class FakeUpstream : public QObject
{
    Q_OBJECT

public:
    // Each provider answers these with its own real bodies and headers.
    enum class Failure
    {
        ServerError500,
        BadGateway502,
        Unavailable503,
        RateLimited429, // the provider's JSON 429, with Retry-After
        Banned418, // Binance's IP ban, with Retry-After
        Restricted451, // Binance's restricted-location answer
        WafBlocked403, // an HTML page from the CDN or firewall in front of the API
        HtmlRateLimit429, // a 429 as an HTML page (Cloudflare's, for CoinGecko)
        ConnectionDrop, // headers, part of the body, then the connection closes
    };
    Q_ENUM(Failure)

    explicit FakeUpstream(QObject* parent = nullptr);
    ~FakeUpstream() override;

    // Listens on 127.0.0.1:port (0 = any free port). False when the port cannot be bound.
    bool start(quint16 port = 0);
    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // http://127.0.0.1:PORT
    // baseUrl() plus a path and query, for tests: url("/api/v3/ping").
    QUrl url(const QString& pathAndQuery) const;

    // Every request received is counted and recorded, failed and unanswered ones included.
    int requestCount() const { return m_requests.size(); }
    int requestCount(const QString& path) const { return m_countByPath.value(path); }
    QList<RecordedRequest> requests() const { return m_requests; }
    QList<RecordedRequest> requests(const QString& path) const;
    RecordedRequest lastRequest() const
    {
        return m_requests.isEmpty() ? RecordedRequest() : m_requests.last();
    }
    void clearRequests();

    // Every answer waits this long (a slow upstream). 0 answers at once.
    void setDelay(int ms) { m_delayMs = ms; }
    int delay() const { return m_delayMs; }
    // Requests received while on are never answered; their sockets stay open until the
    // client gives up. Turning it off does not answer them later.
    void setHang(bool on) { m_hang = on; }
    bool isHanging() const { return m_hang; }

    // Scripted failures: the next `count` requests get `failure` (queued after earlier
    // failNext calls), then normal behaviour resumes. retryAfterSeconds 0 = provider default.
    void failNext(Failure failure, int count = 1, int retryAfterSeconds = 0);
    // Every request fails this way until called with std::nullopt. Queued failNext entries
    // are served first.
    void setFailAlways(std::optional<Failure> failure, int retryAfterSeconds = 0);
    int pendingFailures() const { return int(m_scripted.size()); }

    // Time source for timestamps, rate-limit windows and expiries (ms since the epoch).
    // Default: the system clock. Pass an empty function to go back to it.
    void setClock(std::function<qint64()> clock);
    qint64 now() const;

Q_SIGNALS:
    void requestReceived(const RecordedRequest& request);

protected:
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers; // Content-Length is added when sent
        bool dropConnection = false;

        Reply& header(const QByteArray& name, const QByteArray& value);
        bool hasHeader(const QByteArray& name) const;
    };

    // The provider's answer to a request that is neither hung nor scripted to fail.
    virtual Reply handle(const RecordedRequest& request) = 0;
    // The provider's own body and headers for a scripted failure. The default is generic.
    virtual Reply failureReply(Failure failure, int retryAfterSeconds, const RecordedRequest& request);
    // Last touch on every reply (scripted failures included), e.g. rate-limit headers.
    virtual void finishReply(Reply& reply, const RecordedRequest& request);

    static Reply jsonReply(int status, const QByteArray& compactJson, const QByteArray& contentType);
    static Reply htmlReply(int status, const QByteArray& html);

private:
    struct Scripted
    {
        Failure failure;
        int retryAfterSeconds;
    };

    void onRequest(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    static void send(QHttpServerResponder& responder, const Reply& reply);

    QHttpServer* m_server = nullptr;
    quint16 m_port = 0;
    QList<RecordedRequest> m_requests;
    QHash<QString, int> m_countByPath;
    int m_delayMs = 0;
    bool m_hang = false;
    std::vector<Scripted> m_scripted;
    std::optional<Scripted> m_failAlways;
    std::function<qint64()> m_clock;
    // Responders of hung requests, kept alive so their sockets stay open.
    struct Hung
    {
        std::shared_ptr<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket;
    };
    std::vector<Hung> m_hung;
};
