#pragma once

#include "core/result.h"

#include <QObject>
#include <QStringList>

class QIODevice;
class QTextStream;
class SecretStore;

// The logic of `finagent secrets set|delete|list|status`: stores, removes and lists secrets in a
// SecretStore. A value is read from standard input (a hidden prompt on a terminal), never from
// the command line, where other users could see it in the process list.
//
// Exit codes: 0 done, 1 failed (or, for `status <name>`, the secret is not set), 2 usage error.
class SecretsCommand : public QObject
{
    Q_OBJECT
public:
    enum ExitCode
    {
        ExitOk = 0,
        ExitFailure = 1,
        ExitUsage = 2
    };

    SecretsCommand(
        SecretStore& store, QIODevice* in, QTextStream& out, QTextStream& err, QObject* parent = nullptr);

    // args are those after "secrets", e.g. {"set", "coingecko/api_key"}. finished() follows,
    // always from the event loop (never before start() returns).
    void start(const QStringList& args);

    static QString usage();

    // Largest value `set` accepts, in bytes.
    static constexpr qint64 maxValueBytes = 64 * 1024;

Q_SIGNALS:
    void finished(int exitCode);

private:
    void runSet(const QStringList& args);
    void runDelete(const QStringList& args);
    void runList(const QStringList& args);
    void runStatus(const QStringList& args);

    // True (after printing why) if name may be stored with `set`.
    bool checkSetName(const QString& name);
    bool checkName(const QString& name);
    Result<QString> readValue(const QString& name);
    int terminalHandle() const;

    void usageError(const QString& message);
    void fail(const QString& message);
    void finish(int exitCode);

    SecretStore& m_store;
    QIODevice* m_in;
    QTextStream& m_out;
    QTextStream& m_err;
    bool m_started = false;
    bool m_finished = false;
};
