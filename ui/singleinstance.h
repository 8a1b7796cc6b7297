#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QLocalServer;
class QLocalSocket;
class QLockFile;

// One FinAgent window per user and settings folder. The first process holds a lock file and listens
// on a local socket that only this user may open; a second launch finds the lock held, sends the
// first a message ("show") and exits. Messages are length-prefixed, capped and acknowledged.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // Both files live in `directory` (empty: the user's runtime folder, else the temporary folder).
    explicit SingleInstance(QString name, QString directory = QString(), QObject* parent = nullptr);
    ~SingleInstance() override;

    // The name for this user and settings folder: "FinAgent-<user>-<hash of configDir>".
    static QString nameFor(const QString& configDir);
    // Largest message accepted, in bytes.
    static constexpr int maxMessageBytes = 4096;

    // True if this process is now the only instance: it holds the lock and listens for messages.
    // False if another live instance holds the lock (send it a message) or on an error
    // (errorString() says which).
    bool acquire();
    bool isPrimary() const { return m_primary; }
    QString errorString() const { return m_error; }
    QString lockPath() const;
    QString serverName() const;

    // Sends a message to the primary instance; `done(true)` once it acknowledged, `done(false)` if it
    // cannot be reached within timeoutMs. `done` runs only if ctx still exists.
    void sendMessage(const QByteArray& message, QObject* ctx, std::function<void(bool delivered)> done,
        int timeoutMs = 5000);

Q_SIGNALS:
    void messageReceived(const QByteArray& message);

private:
    void onNewConnection();
    bool listen();

    QString m_name;
    QString m_directory;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer* m_server = nullptr;
    bool m_primary = false;
    QString m_error;
};
