#include "fakeupstream.h"

#include <QDateTime>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcFakes, "finagent.fakes")

namespace
{

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QStringLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QStringLiteral("TRACE");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

} // namespace

QString RecordedRequest::queryValue(const QString& name) const
{
    if (!query.hasQueryItem(name))
        return QString();
    // A present but empty value is an empty, non-null string.
    const QString value = query.queryItemValue(name, QUrl::FullyDecoded);
    return value.isNull() ? QStringLiteral("") : value;
}

FakeUpstream::Reply& FakeUpstream::Reply::header(const QByteArray& name, const QByteArray& value)
{
    for (auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return *this;
        }
    }
    headers.append({name, value});
    return *this;
}

bool FakeUpstream::Reply::hasHeader(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

FakeUpstream::FakeUpstream(QObject* parent)
    : QObject(parent)
    , m_server(new QHttpServer(this))
{
    qRegisterMetaType<RecordedRequest>();
    m_server->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        onRequest(request, std::move(responder));
    });
}

FakeUpstream::~FakeUpstream()
{
    // The server (and with it every socket) goes first; the hung responders only hold
    // pointers that are no longer touched.
    delete m_server;
    m_server = nullptr;
    m_hung.clear();
}

bool FakeUpstream::start(quint16 port)
{
    if (m_port != 0)
        return true;
    m_port = m_server->listen(QHostAddress::LocalHost, port);
    if (m_port == 0)
        qCWarning(lcFakes) << metaObject()->className() << "could not listen on 127.0.0.1 port" << port;
    return m_port != 0;
}

QUrl FakeUpstream::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QUrl FakeUpstream::url(const QString& pathAndQuery) const
{
    return QUrl(baseUrl().toString() + pathAndQuery);
}

QList<RecordedRequest> FakeUpstream::requests(const QString& path) const
{
    QList<RecordedRequest> out;
    for (const auto& r : m_requests) {
        if (r.path == path)
            out.append(r);
    }
    return out;
}

void FakeUpstream::clearRequests()
{
    m_requests.clear();
    m_countByPath.clear();
}

void FakeUpstream::failNext(Failure failure, int count, int retryAfterSeconds)
{
    for (int i = 0; i < count; ++i)
        m_scripted.push_back({failure, retryAfterSeconds});
}

void FakeUpstream::setFailAlways(std::optional<Failure> failure, int retryAfterSeconds)
{
    if (failure)
        m_failAlways = Scripted {*failure, retryAfterSeconds};
    else
        m_failAlways.reset();
}

void FakeUpstream::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 FakeUpstream::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

FakeUpstream::Reply FakeUpstream::failureReply(Failure failure, int retryAfterSeconds, const RecordedRequest&)
{
    Reply reply;
    const QByteArray retry = QByteArray::number(retryAfterSeconds > 0 ? retryAfterSeconds : 60);
    switch (failure) {
    case Failure::ServerError500:
        return htmlReply(
            500, QByteArrayLiteral("<html><body><h1>500 Internal Server Error</h1></body></html>"));
    case Failure::BadGateway502:
        return htmlReply(502, QByteArrayLiteral("<html><body><h1>502 Bad Gateway</h1></body></html>"));
    case Failure::Unavailable503:
        return htmlReply(
            503, QByteArrayLiteral("<html><body><h1>503 Service Unavailable</h1></body></html>"));
    case Failure::RateLimited429:
    case Failure::HtmlRateLimit429:
        reply = htmlReply(429, QByteArrayLiteral("<html><body><h1>429 Too Many Requests</h1></body></html>"));
        reply.header("Retry-After", retry);
        return reply;
    case Failure::Banned418:
        reply = htmlReply(418, QByteArrayLiteral("<html><body><h1>418 I'm a teapot</h1></body></html>"));
        reply.header("Retry-After", retry);
        return reply;
    case Failure::Restricted451:
        return htmlReply(
            451, QByteArrayLiteral("<html><body><h1>451 Unavailable For Legal Reasons</h1></body></html>"));
    case Failure::WafBlocked403:
        return htmlReply(403, QByteArrayLiteral("<html><body><h1>403 Forbidden</h1></body></html>"));
    case Failure::ConnectionDrop:
        reply.dropConnection = true;
        reply.header("Content-Type", "application/json");
        reply.body = QByteArrayLiteral("{\"");
        return reply;
    }
    return reply;
}

void FakeUpstream::finishReply(Reply&, const RecordedRequest&) { }

FakeUpstream::Reply FakeUpstream::jsonReply(
    int status, const QByteArray& compactJson, const QByteArray& contentType)
{
    Reply reply;
    reply.status = status;
    reply.body = compactJson;
    reply.header("Content-Type", contentType);
    return reply;
}

FakeUpstream::Reply FakeUpstream::htmlReply(int status, const QByteArray& html)
{
    Reply reply;
    reply.status = status;
    reply.body = html;
    reply.header("Content-Type", "text/html; charset=UTF-8");
    return reply;
}

void FakeUpstream::onRequest(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    // Copy everything out of the request now: on Qt 6.4 the same request object is reused for
    // the next request on the socket, so nothing may read it after this function returns.
    RecordedRequest recorded;
    recorded.method = methodName(request.method());
    recorded.path = request.url().path();
    recorded.query = request.query();
    for (const auto& h : request.headers()) {
        const QByteArray name = h.first.toLower();
        auto it = recorded.headers.find(name);
        if (it == recorded.headers.end())
            recorded.headers.insert(name, h.second);
        else
            it.value() += ", " + h.second;
    }
    recorded.body = request.body();
    recorded.atMs = now();

    m_requests.append(recorded);
    m_countByPath[recorded.path] += 1;
    Q_EMIT requestReceived(recorded);

    if (m_hang) {
        // Forget the ones whose clients already gave up.
        m_hung.erase(
            std::remove_if(m_hung.begin(), m_hung.end(), [](const Hung& h) { return h.socket.isNull(); }),
            m_hung.end());
        QPointer<QTcpSocket> socket(responder.socket());
        m_hung.push_back({std::make_shared<QHttpServerResponder>(std::move(responder)), socket});
        return;
    }

    Reply reply;
    if (!m_scripted.empty()) {
        const Scripted scripted = m_scripted.front();
        m_scripted.erase(m_scripted.begin());
        reply = failureReply(scripted.failure, scripted.retryAfterSeconds, recorded);
    } else if (m_failAlways) {
        reply = failureReply(m_failAlways->failure, m_failAlways->retryAfterSeconds, recorded);
    } else {
        reply = handle(recorded);
    }
    finishReply(reply, recorded);

    QTcpSocket* socket = responder.socket();
    if (m_delayMs <= 0 || socket == nullptr) {
        send(responder, reply);
        return;
    }

    // Delayed answer: the responder lives on the heap until the timer fires. The timer's
    // context is the socket, so a client that disconnects first cancels the answer.
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    QTimer::singleShot(m_delayMs, socket, [held, reply]() { send(*held, reply); });
}

void FakeUpstream::send(QHttpServerResponder& responder, const Reply& reply)
{
    const QPointer<QTcpSocket> socket(responder.socket());
    if (!socket || !socket->isOpen())
        return;
    if (reply.dropConnection) {
        // The connection breaks in the middle of the answer: headers promise more body than is
        // sent. A connection closed before any byte would be resent by QNetworkAccessManager
        // without telling the client, which hides the failure and doubles the request count.
        responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
        for (const auto& h : reply.headers)
            responder.writeHeader(h.first, h.second);
        responder.writeHeader("Content-Length", QByteArray::number(reply.body.size() + 4096));
        responder.writeBody(reply.body);
        socket->disconnectFromHost(); // flushes what was written, then closes
        return;
    }
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    for (const auto& h : reply.headers)
        responder.writeHeader(h.first, h.second);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeBody(reply.body);
}
