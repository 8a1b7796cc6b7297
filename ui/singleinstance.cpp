#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QLoggingCategory>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>
#include <QtEndian>

#ifdef Q_OS_WIN
#include <windows.h>
#endif

Q_LOGGING_CATEGORY(lcInstance, "finagent.instance")

namespace
{

constexpr int kHeaderBytes = 4;
constexpr int kConnectionTimeoutMs = 5000;
const QByteArray kAck = QByteArrayLiteral("ok");

QByteArray frame(const QByteArray& payload)
{
    QByteArray out(kHeaderBytes, '\0');
    qToBigEndian<quint32>(quint32(payload.size()), out.data());
    return out + payload;
}

// Takes one complete frame off the front of `buffer`. Returns false while incomplete; sets
// *tooLarge for a frame over the cap.
bool takeFrame(QByteArray& buffer, QByteArray* payload, bool* tooLarge)
{
    *tooLarge = false;
    if (buffer.size() < kHeaderBytes)
        return false;
    const quint32 size = qFromBigEndian<quint32>(buffer.constData());
    if (size > quint32(SingleInstance::maxMessageBytes)) {
        *tooLarge = true;
        return false;
    }
    if (buffer.size() < kHeaderBytes + qsizetype(size))
        return false;
    *payload = buffer.mid(kHeaderBytes, size);
    buffer.remove(0, kHeaderBytes + qsizetype(size));
    return true;
}

QString userName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty())
        user = QStringLiteral("user");
    QString safe;
    for (const QChar c : user)
        safe +=
            (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')) ? c : QLatin1Char('_');
    return safe.left(32);
}

} // namespace

SingleInstance::SingleInstance(QString name, QString directory, QObject* parent)
    : QObject(parent)
    , m_name(std::move(name))
    , m_directory(std::move(directory))
{
    if (m_directory.isEmpty()) {
        m_directory = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
        if (m_directory.isEmpty() || !QDir(m_directory).exists())
            m_directory = QStandardPaths::writableLocation(QStandardPaths::TempLocation);
    }
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
}

QString SingleInstance::nameFor(const QString& configDir)
{
    const QByteArray profile = QDir(configDir).absolutePath().toUtf8();
    const QByteArray hash = QCryptographicHash::hash(profile, QCryptographicHash::Sha256).toHex().left(10);
    return QStringLiteral("FinAgent-%1-%2").arg(userName(), QString::fromLatin1(hash));
}

QString SingleInstance::lockPath() const
{
    return QDir(m_directory).filePath(m_name + QStringLiteral(".lock"));
}

QString SingleInstance::serverName() const
{
#ifdef Q_OS_WIN
    // Named pipes live in one namespace per machine; UserAccessOption keeps other users out.
    return m_name;
#else
    return QDir(m_directory).filePath(m_name + QStringLiteral(".socket"));
#endif
}

bool SingleInstance::acquire()
{
    if (m_primary)
        return true;
    QDir().mkpath(m_directory);
    m_lock = std::make_unique<QLockFile>(lockPath());
    // Never stale by age: a lock is stale only when its process is gone, which QLockFile checks.
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        switch (m_lock->error()) {
        case QLockFile::LockFailedError: {
            qint64 pid = 0;
            QString host;
            QString app;
            m_lock->getLockInfo(&pid, &host, &app);
            m_error = tr("FinAgent is already running (process %1).").arg(pid);
            break;
        }
        case QLockFile::PermissionError:
            m_error = tr("Cannot create the lock file %1: permission denied.").arg(lockPath());
            break;
        default:
            m_error = tr("Cannot create the lock file %1.").arg(lockPath());
            break;
        }
        m_lock.reset();
        return false;
    }
    if (!listen()) {
        m_lock->unlock();
        m_lock.reset();
        return false;
    }
    m_primary = true;
    m_error.clear();
    return true;
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    if (m_server->listen(serverName()))
        return true;
    if (m_server->serverError() == QAbstractSocket::AddressInUseError) {
        // We hold the lock, so no live instance owns this socket: a crashed one left it behind.
        qCInfo(lcInstance) << "removing a stale instance socket";
        QLocalServer::removeServer(serverName());
        if (m_server->listen(serverName()))
            return true;
    }
    m_error =
        tr("Cannot listen for other FinAgent launches on %1: %2").arg(serverName(), m_server->errorString());
    delete m_server;
    m_server = nullptr;
    return false;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        // A peer that never finishes its message is dropped.
        QTimer::singleShot(kConnectionTimeoutMs, socket, [socket]() { socket->abort(); });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket, buffer]() {
            buffer->append(socket->readAll());
            QByteArray payload;
            bool tooLarge = false;
            if (takeFrame(*buffer, &payload, &tooLarge)) {
                socket->write(frame(kAck));
                socket->flush();
                socket->disconnectFromServer();
                Q_EMIT messageReceived(payload);
            } else if (tooLarge || buffer->size() > kHeaderBytes + maxMessageBytes) {
                qCWarning(lcInstance) << "dropped an oversized message from another launch";
                socket->abort();
            }
        });
    }
}

void SingleInstance::sendMessage(
    const QByteArray& message, QObject* ctx, std::function<void(bool)> done, int timeoutMs)
{
#ifdef Q_OS_WIN
    // Lets the running instance bring its window to the front.
    AllowSetForegroundWindow(ASFW_ANY);
#endif
    QPointer<QObject> context(ctx);
    auto* socket = new QLocalSocket(this);
    auto buffer = std::make_shared<QByteArray>();
    auto finished = std::make_shared<bool>(false);
    auto finish = [socket, context, done, finished](bool ok) {
        if (*finished)
            return;
        *finished = true;
        socket->abort();
        socket->deleteLater();
        if (context && done)
            done(ok);
    };
    connect(socket, &QLocalSocket::connected, socket, [socket, message]() { socket->write(frame(message)); });
    connect(socket, &QLocalSocket::readyRead, socket, [socket, buffer, finish]() {
        buffer->append(socket->readAll());
        QByteArray payload;
        bool tooLarge = false;
        if (takeFrame(*buffer, &payload, &tooLarge))
            finish(payload == kAck);
        else if (tooLarge)
            finish(false);
    });
    connect(socket, &QLocalSocket::errorOccurred, socket, [finish](QLocalSocket::LocalSocketError error) {
        // The primary closes the connection right after its acknowledgement.
        if (error != QLocalSocket::PeerClosedError)
            finish(false);
    });
    QTimer::singleShot(timeoutMs, socket, [finish]() { finish(false); });
    socket->connectToServer(serverName());
}
