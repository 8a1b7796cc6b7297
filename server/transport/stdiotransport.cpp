#include "transport/stdiotransport.h"

#include "protocol/jsonrpc.h"
#include "protocol/mcpcall.h"
#include "protocol/mcpserver.h"
#include "protocol/mcpsession.h"
#include "protocol/replychannel.h"

#include <QLoggingCategory>
#include <QTimer>

#include <cerrno>

#ifdef Q_OS_WIN
#include <io.h>
#define FA_READ _read
#define FA_WRITE _write
#else
#include <unistd.h>
#define FA_READ ::read
#define FA_WRITE ::write
#endif

Q_LOGGING_CATEGORY(lcStdio, "finagent.transport.stdio")

StdinReader::StdinReader(int fd, qint64 maxLineBytes, QObject* parent)
    : QThread(parent)
    , m_fd(fd)
    , m_maxLine(maxLineBytes)
{ }

void StdinReader::run()
{
    QByteArray pending;
    bool discarding = false; // inside an over-long line: drop bytes up to the next newline
    qint64 discarded = 0;
    char buf[64 * 1024];
    for (;;) {
        const auto n = FA_READ(m_fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        qsizetype start = 0;
        for (qsizetype i = 0; i < n; ++i) {
            if (buf[i] != '\n')
                continue;
            const qint64 piece = i - start;
            if (discarding) {
                Q_EMIT lineTooLong(discarded + piece);
                discarding = false;
                discarded = 0;
            } else if (pending.size() + piece > m_maxLine) {
                // A line that ends within this read can be over the cap too.
                Q_EMIT lineTooLong(pending.size() + piece);
            } else {
                pending.append(buf + start, piece);
                if (pending.endsWith('\r'))
                    pending.chop(1);
                if (!pending.trimmed().isEmpty())
                    Q_EMIT lineReady(pending);
            }
            pending.clear();
            start = i + 1;
        }
        const qint64 tail = n - start;
        if (discarding) {
            discarded += tail;
        } else if (pending.size() + tail > m_maxLine) {
            // Never buffer more than the cap: drop the rest of this line as it arrives.
            discarding = true;
            discarded = pending.size() + tail;
            pending.clear();
            pending.squeeze();
        } else {
            pending.append(buf + start, tail);
        }
    }
    if (discarding)
        Q_EMIT lineTooLong(discarded);
    else if (!pending.trimmed().isEmpty())
        Q_EMIT lineReady(pending); // a last message without a trailing newline
    Q_EMIT endOfInput();
}

namespace
{

class StdioReplyChannel : public ReplyChannel
{
public:
    explicit StdioReplyChannel(StdioTransport* t)
        : m_transport(t)
    { }
    void sendRelated(const QJsonObject& m) override
    {
        if (m_transport)
            m_transport->writeMessage(m);
    }
    void sendResponse(const QJsonObject& m) override
    {
        if (m_transport)
            m_transport->writeMessage(m);
    }
    void abandon() override { }

private:
    QPointer<StdioTransport> m_transport;
};

} // namespace

StdioTransport::StdioTransport(McpServer& server, int inFd, int outFd, QObject* parent)
    : QObject(parent)
    , m_server(server)
    , m_inFd(inFd)
    , m_outFd(outFd)
{
    m_session = new McpSession(QStringLiteral("stdio"), QStringLiteral("stdio"), this);
    connect(m_session, &McpSession::outbound, this, &StdioTransport::writeMessage);
}

StdioTransport::~StdioTransport()
{
    if (m_reader) {
        // The reader may be blocked in read(); it ends with the process. Detach it so Qt does not
        // wait for it.
        m_reader->disconnect(this);
        if (m_reader->isRunning())
            m_reader->setParent(nullptr);
        else
            delete m_reader;
    }
}

McpSession* StdioTransport::session() const
{
    return m_session.data();
}

void StdioTransport::start()
{
    m_reader = new StdinReader(m_inFd, m_maxLine, this);
    connect(m_reader, &StdinReader::lineReady, this, &StdioTransport::onLine, Qt::QueuedConnection);
    connect(m_reader, &StdinReader::lineTooLong, this, &StdioTransport::onLineTooLong, Qt::QueuedConnection);
    connect(m_reader, &StdinReader::endOfInput, this, &StdioTransport::onEndOfInput, Qt::QueuedConnection);
    m_reader->start();
}

void StdioTransport::onLine(const QByteArray& line)
{
    const JsonRpc::Parsed parsed = JsonRpc::parse(line);
    if (!parsed.ok) {
        writeMessage(parsed.errorResponse);
        return;
    }
    std::shared_ptr<ReplyChannel> channel;
    if (parsed.message.isRequest())
        channel = std::make_shared<StdioReplyChannel>(this);
    m_server.handle(m_session, parsed.message, channel);
}

void StdioTransport::onLineTooLong(qint64 bytes)
{
    qCWarning(lcStdio) << "dropped a message of" << bytes << "bytes: over the limit of" << m_maxLine;
    writeMessage(JsonRpc::makeError(QJsonValue::Null, JsonRpc::InvalidRequest,
        QStringLiteral("Message too large: %1 bytes; one message (line) may be at most %2 bytes")
            .arg(bytes)
            .arg(m_maxLine)));
}

void StdioTransport::onEndOfInput()
{
    m_inputClosed = true;
    qCDebug(lcStdio) << "stdin closed";
    if (m_session && !m_session->activeCalls().isEmpty()) {
        for (McpCall* call : m_session->activeCalls())
            connect(call, &QObject::destroyed, this, &StdioTransport::maybeFinish, Qt::QueuedConnection);
        QTimer::singleShot(m_drainTimeoutMs, this, [this]() {
            if (m_session) {
                for (McpCall* call : m_session->activeCalls())
                    call->cancel(QStringLiteral("stdin closed"));
            }
            m_inputClosed = true;
            if (!m_finished) {
                m_finished = true;
                Q_EMIT finished();
            }
        });
    }
    maybeFinish();
}

void StdioTransport::maybeFinish()
{
    if (!m_inputClosed || m_finished)
        return;
    if (m_session && !m_session->activeCalls().isEmpty())
        return;
    m_finished = true;
    Q_EMIT finished();
}

void StdioTransport::writeMessage(const QJsonObject& message)
{
    QByteArray bytes = JsonRpc::serialize(message);
    bytes.append('\n');
    writeRaw(bytes);
}

void StdioTransport::writeRaw(const QByteArray& bytes)
{
    const char* p = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const auto n = FA_WRITE(m_outFd, p, static_cast<unsigned>(left));
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            qCWarning(lcStdio) << "stdout closed; dropping output";
            return;
        }
        p += n;
        left -= n;
    }
}
